"""Checklist and profile loading: schema validation with file, line and key path; conditions; ID numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DEMO_OK, REPO, run
from dossiercheck.checks import load_checklist
from dossiercheck.conditions import holds
from dossiercheck.profile import CONDITION_FIELDS, id_number_problem, mask_id, mask_name, parse_date

SHIPPED = REPO / "schemas/checklists/bz-news-2023.yaml"


def broken_checklist(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_bad_condition_value_names_file_line_and_path(tmp_path):
    path = broken_checklist(tmp_path, "when: {aid_to_xinjiang: true}", "when: {level: 高级}")
    result = run("checklist", "validate", path)
    assert result.exit_code == 2
    index = next(i for i, item in enumerate(load_checklist("bz-news-2023").items) if item.id == "aid")
    assert f"items[{index}].when.level" in result.stderr
    assert f"第 {line_of(path, 'when: {level: 高级}')} 行" in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.output


def test_unknown_key_is_named(tmp_path):
    path = broken_checklist(tmp_path, "    min_files: 2\n    max_files: 2", "    min_file: 2\n    max_files: 2")
    result = run("checklist", "validate", path, "--lang", "en")
    assert result.exit_code == 2
    assert "items[0]" in result.stderr and "min_file" in result.stderr


def test_yaml_syntax_error_gives_the_line(tmp_path):
    path = broken_checklist(tmp_path, "levels: [初级, 中级]", "levels: [初级, 中级")
    result = run("checklist", "validate", path)
    assert result.exit_code == 2
    assert "YAML" in result.stderr and "行" in result.stderr


def test_duplicate_item_id_is_refused(tmp_path):
    path = broken_checklist(tmp_path, "id: photo", "id: id-card")
    result = run("checklist", "validate", path)
    assert result.exit_code == 2 and "重复" in result.stderr


def test_shipped_checklist_validates_and_lists():
    assert run("checklist", "validate", SHIPPED).exit_code == 0
    listing = run("checklist", "list")
    assert "bz-news-2023" in listing.stdout
    assert run("checklist", "show", "bz-news-2023").exit_code == 0


def test_unknown_checklist_id():
    result = run("check", DEMO_OK, "--checklist", "no-such-list")
    assert result.exit_code == 2
    assert "no-such-list" in result.stderr and "bz-news-2023" in result.stderr


def test_conditions_are_declarative():
    facts = {"level": "中级", "aid_to_xinjiang": False, "unit_level": "县级"}
    assert holds({"level": "中级"}, facts)
    assert not holds({"level": "初级"}, facts)
    assert holds({"unit_level": {"in": ["县级", "乡镇级"]}}, facts)
    assert holds({"all": [{"level": "中级"}, {"not": {"aid_to_xinjiang": True}}]}, facts)
    assert not holds({"any": [{"level": "初级"}, {"aid_to_xinjiang": True}]}, facts)
    assert holds({"level": "中级", "unit_level": "县级"}, facts)
    assert not holds({"level": "中级", "unit_level": "州级"}, facts)
    assert holds(None, facts)


def test_condition_keys_are_profile_fields():
    """The checklist schema may only test fields the applicant schema defines, with the same values."""
    checklist = json.loads((REPO / "schemas/checklist.schema.json").read_text(encoding="utf-8"))
    applicant = json.loads((REPO / "schemas/applicant.schema.json").read_text(encoding="utf-8"))
    keys = set(checklist["$defs"]["condition"]["properties"]) - {"all", "any", "not"}
    assert keys == set(CONDITION_FIELDS)
    assert keys <= set(applicant["properties"])


@pytest.mark.parametrize("number,ok", [
    ("652801198805120026", True),
    ("11010519491231002X", True),
    ("652801198805120027", False),   # check digit
    ("652801198813120026", False),   # month 13
    ("65280119880512002", False),    # 17 characters
])
def test_id_number_check_digit(number, ok):
    assert (id_number_problem(number) is None) is ok


def test_personal_data_masks():
    assert mask_name("王晓梅") == "王**"
    assert mask_name("阿依古丽·买买提") == "阿*******"
    assert mask_id("652801198805120026") == "652***********0026"


def test_dates():
    assert parse_date("2015-07").isoformat() == "2015-07-01"
    assert parse_date("2015-06", end=True).isoformat() == "2015-06-30"
    assert parse_date("2015-12", end=True).isoformat() == "2015-12-31"
    assert parse_date("至今") is None


def write_profile(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    assert old in text
    (folder / "applicant.yaml").write_text(text.replace(old, new), encoding="utf-8")
    (folder / "x.jpg").touch()
    return folder


@pytest.mark.parametrize("old,new,needle", [
    ('id_number: "652801198805120026"', 'id_number: "652801198805120027"', "校验码"),
    ("level: 中级", "level: 高级", "level"),
    ("gender: 女", "gender: 女的", "gender"),
    ("work_started: 2010-07", "work_started: 2010年夏", "work_started"),
    ("  2021: 合格", "  2021: 很好", "appraisals.2021"),
    ("name: 王晓梅", "name: [王晓梅", "YAML"),
])
def test_bad_profile_is_one_line_exit_2(tmp_path, old, new, needle):
    folder = write_profile(tmp_path, old, new)
    result = run("check", folder)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "applicant.yaml" in result.stderr
    assert needle in result.stderr
    assert "Traceback" not in result.output


def test_bad_id_number_never_printed_in_full(tmp_path):
    folder = write_profile(tmp_path, '"652801198805120026"', '"652801198805120027"')
    result = run("check", folder, "--lang", "en")
    assert "652801198805120027" not in result.stderr
    assert "check digit" in result.stderr


def test_an_id_number_written_without_quotes_is_read_as_its_digits(tmp_path):
    """YAML reads 652801198805120026 without quotes as a number: the commonest slip in applicant.yaml. It is the
    same 18 digits, checked as such (its check digit too), and never printed in full."""
    folder = write_profile(tmp_path, '"652801198805120026"', "652801198805120026")
    from dossiercheck.profile import load_profile

    assert load_profile(folder / "applicant.yaml").id_number == "652801198805120026"
    (tmp_path / "w").mkdir()
    wrong = write_profile(tmp_path / "w", '"652801198805120026"', "652801198805120027")
    result = run("check", wrong, "--lang", "en")
    assert result.exit_code == 2 and "check digit" in result.stderr and "652801198805120027" not in result.stderr


def test_a_level_written_as_a_number_is_answered_with_the_checklists_levels(tmp_path):
    """level: 5 is not text to YAML; the applicant is told which levels there are, not that text was expected."""
    folder = tmp_path / "d"
    folder.mkdir()
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    (folder / "applicant.yaml").write_text(text.replace("level: 中级", "level: 5"), encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 2 and "“5”" in result.stderr and "初级" in result.stderr and "中级" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["applicant.yml", "Applicant.YAML", "applicant.yaml.txt", "applicant (1).yaml"])
def test_a_profile_under_a_near_name_is_named_with_what_to_do(tmp_path, name):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / name).write_text((DEMO_OK / "applicant.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 2 and name in result.stderr and "改名为 applicant.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_appraisal_year_written_with_nian_is_told_the_form_expected(tmp_path):
    """2021年: 合格 is refused with the form in words (a year's digits), never the schema's regular expression."""
    folder = tmp_path / "d"
    folder.mkdir()
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8").replace("  2021: ", "  2021年: ")
    (folder / "applicant.yaml").write_text(text, encoding="utf-8")
    result = run("check", folder)
    assert result.exit_code == 2 and "2021: 合格" in result.stderr and "2021年" in result.stderr
    assert "\\d" not in result.stderr and "^(19" not in result.stderr


def test_an_unknown_key_is_pointed_at_on_its_own_line(tmp_path):
    """Not at the line where the file's mapping starts (line 2, after the comment): at the first unknown key."""
    folder = tmp_path / "d"
    folder.mkdir()
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8") + "favourite_color: red\nnmae: 王\n"
    (folder / "applicant.yaml").write_text(text, encoding="utf-8")
    line = text.splitlines().index("favourite_color: red") + 1
    result = run("check", folder)
    assert result.exit_code == 2 and f"第 {line} 行" in result.stderr and "favourite_color" in result.stderr
