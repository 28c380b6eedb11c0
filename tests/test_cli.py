"""The command line as a user meets it: the demos, the JSON contract, exit codes, bad input, read-only checking."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from conftest import DEMO_FLAWED, DEMO_OK, TODAY, copy_names, run, tree_digest


@pytest.fixture(scope="module")
def flawed_report():
    result = run("check", DEMO_FLAWED, "--format", "json", "--today", TODAY)
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def flat(report) -> set[tuple[str | None, str | None, str]]:
    return {(f["item"], f["file"], f["code"]) for f in report["findings"]}


@pytest.mark.ocr
def test_demo_ok_passes():
    result = run("check", DEMO_OK, "--today", TODAY)
    assert result.exit_code == 0, result.stdout
    assert "通过" in result.stdout and "380" in result.stdout


@pytest.mark.ocr
def test_demo_flawed_fails_with_the_presence_and_profile_findings(flawed_report):
    found = flat(flawed_report)
    expected = {
        ("diploma-verification", None, "P101"), ("commitment", None, "P101"), ("qualification", None, "P103"),
        ("ce-public", None, "P301"), ("appraisal", None, "P303"), (None, "微信图片_20230901.jpg", "P401"),
        ("work-history", None, "R101"), ("work-history", None, "R102"), ("appraisal", None, "R105"),
    }
    assert expected <= found
    assert flawed_report["passed"] is False


@pytest.mark.ocr
def test_demo_flawed_file_defects(flawed_report):
    found = {(f["file"], f["code"]) for f in flawed_report["findings"]}
    expected = {
        ("08-代表作品/代表作品2.jpg", "F101"), ("08-代表作品/代表作品2.jpg", "F102"),
        ("04-学历学位证书/学士学位证书.jpg", "O101"), ("17-年度考核表/2020年度考核表-反面.jpg", "L102"),
        ("21-其他证明材料/荣誉证书.jpg", "L101"), ("02-一寸照片/一寸照片.jpg", "C201"),
        ("09-获奖证书/获奖证书.jpg", "I102"), ("06-专业技术资格/任职资格文件.jpg", "F104"),
        ("21-其他证明材料/表彰文件.jpg", "C302"), ("微信图片_20230901.jpg", "L103"),  # C302: a copy in another slot
    }
    assert expected <= found
    # every message and hint is words: no parameter left as a Python object's repr (Text(zh=…), Message(…))
    words = json.dumps([(f["message"], f.get("hint")) for f in flawed_report["findings"]], ensure_ascii=False)
    assert "Text(" not in words and "Message(" not in words


@pytest.mark.ocr
def test_demo_flawed_page_reading_defects(flawed_report):
    found = {(f["file"], f["code"]) for f in flawed_report["findings"]}
    expected = {
        ("14-继续教育-公需科目/2019公需科目.jpg", "O201"),        # turned page
        ("19-推荐单位公示/推荐单位公示.jpg", "K101"),              # unmasked name
        ("11-论文/3-论文正文.jpg", "K102"),                       # unmasked unit (the name is covered)
        ("20-推荐单位公示结果/推荐单位公示结果.jpg", "K104"),       # translucent mask
        ("10-知识产权/专利证书.pdf", "K103"),                      # text layer under black boxes
        ("09-获奖证书/获奖证书2.jpg", "C101"),                     # misfiled page
        ("18-个人工作总结/个人工作总结.jpg", "K101"),
    }
    assert expected <= found
    assert ("11-论文/3-论文正文.jpg", "K101") not in found
    turned = next(f for f in flawed_report["findings"] if f["code"] == "O201")
    assert turned["evidence"]["rotation"] == 90 and turned["evidence"]["confidence"] >= 0.6
    summary = next(f for f in flawed_report["findings"] if f["code"] == "K101" and f["item"] == "summary")
    assert "本人" in summary["hint"] and "本单位" in summary["hint"]
    assert summary["evidence"]["text"] == "王**" and len(summary["evidence"]["bbox"]) == 4
    # the EXIF-turned diploma is O101, not O201 as well
    assert ("04-学历学位证书/学士学位证书.jpg", "O201") not in found


@pytest.mark.ocr
def test_annotated_previews_are_copies_outside_the_dossier(tmp_path):
    before = tree_digest(DEMO_FLAWED)
    result = run("check", DEMO_FLAWED, "--annotate", tmp_path / "previews", "--today", TODAY)
    assert result.exit_code == 1
    written = {p.relative_to(tmp_path / "previews").as_posix() for p in (tmp_path / "previews").rglob("*.jpg")}
    assert "19-推荐单位公示/推荐单位公示.jpg.annotated.jpg" in written
    assert "14-继续教育-公需科目/2019公需科目.jpg.annotated.jpg" in written
    assert tree_digest(DEMO_FLAWED) == before
    refused = run("check", DEMO_FLAWED, "--annotate", DEMO_FLAWED / "previews")
    assert refused.exit_code == 2 and not (DEMO_FLAWED / "previews").exists()


@pytest.mark.ocr
def test_demo_ok_has_no_finding_but_the_id_card_warning():
    report = json.loads(run("check", DEMO_OK, "-f", "json", "--today", TODAY).stdout)
    # but one: the ID card shows the name, which the notice's 所有附件 may mean to cover (ask the unit)
    assert [(f["code"], f["severity"], f["file"]) for f in report["findings"]] == [
        ("K108", "warning", "01-身份证/身份证-正面.jpg")]


@pytest.mark.ocr
def test_json_report_follows_its_schema(flawed_report):
    from dossiercheck.checks import schema

    jsonschema.validate(flawed_report, schema("report.schema.json"))  # with the families the check modules declare
    statuses = {i["id"]: i["status"] for i in flawed_report["items"]}
    assert statuses["commitment"] == "missing"
    assert statuses["aid"] == "not_required"
    assert statuses["id-card"] == "ok"
    assert flawed_report["applicant"]["name"] == "王**"


@pytest.mark.ocr
def test_reports_never_show_full_name_or_id(flawed_report):
    for fmt in ("rich", "json"):
        out = run("check", DEMO_FLAWED, "--format", fmt, "--today", TODAY).stdout
        assert "王晓梅" not in out
        assert "652801198805120026" not in out


@pytest.mark.ocr
def test_english(flawed_report):
    result = run("check", DEMO_FLAWED, "--lang", "en", "--today", TODAY)
    assert "Missing" in result.stdout and "Summary" in result.stdout


@pytest.mark.ocr
def test_output_file_and_exit_codes(tmp_path):
    out = tmp_path / "r.json"
    result = run("check", DEMO_OK, "-f", "json", "-o", out, "--today", TODAY)
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["passed"] is True


@pytest.mark.ocr
def test_strict_fails_on_warnings(tmp_path):
    folder = copy_names(DEMO_OK, tmp_path / "d")
    (folder / "杂项.jpg").touch()  # P401 is a warning
    assert run("check", folder, "--select", "P", "--today", TODAY).exit_code == 0
    assert run("check", folder, "--select", "P", "--strict", "--today", TODAY).exit_code == 1


@pytest.mark.ocr
def test_select_and_ignore_by_prefix(flawed_report):
    only_r = json.loads(run("check", DEMO_FLAWED, "-f", "json", "--select", "R").stdout)
    assert {f["code"][0] for f in only_r["findings"]} == {"R"}
    no_r10 = json.loads(run("check", DEMO_FLAWED, "-f", "json", "--select", "R", "--ignore", "R10",
                            "--select", "R105").stdout)
    assert {f["code"] for f in no_r10["findings"]} == {"R105"}


@pytest.mark.parametrize("make,needle", [
    (lambda p: p / "nope", "找不到"),
    (lambda p: (p / "f.jpg").touch() or p / "f.jpg", "是一个文件"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "是空的"),
    (lambda p: (p / "noprofile").mkdir() or (p / "noprofile/a.jpg").touch() or p / "noprofile", "applicant.yaml"),
])
def test_bad_folder_is_one_line_exit_2(tmp_path, make, needle):
    result = run("check", make(tmp_path))
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_bad_folder_in_english(tmp_path):
    result = run("check", tmp_path / "nope", "--lang", "en")
    assert result.exit_code == 2 and "not found" in result.stderr


@pytest.mark.ocr
def test_check_is_read_only(tmp_path):
    before = tree_digest(DEMO_FLAWED)
    run("check", DEMO_FLAWED, "--today", TODAY)
    run("check", DEMO_FLAWED, "-f", "json", "--today", TODAY)
    assert tree_digest(DEMO_FLAWED) == before


def test_init_writes_template_and_folders_and_never_overwrites(tmp_path):
    folder = tmp_path / "new"
    result = run("init", folder, "--level", "初级")
    assert result.exit_code == 0, result.output
    assert (folder / "01-身份证").is_dir() and (folder / "13-继续教育").is_dir()
    assert not (folder / "14-继续教育-公需科目").exists()
    profile = folder / "applicant.yaml"
    assert "level: 初级" in profile.read_text(encoding="utf-8")
    profile.write_text("name: 我的\n", encoding="utf-8")
    again = run("init", folder, "--level", "初级")
    assert profile.read_text(encoding="utf-8") == "name: 我的\n"
    assert "未覆盖" in again.stderr


def test_init_template_is_a_valid_profile(tmp_path):
    folder = tmp_path / "new"
    run("init", folder, "--level", "中级")
    result = run("check", folder, "--today", TODAY)
    assert result.exit_code == 1  # every item missing, but the template itself loads
    assert "P101" in result.stdout


def test_init_junior_has_no_current_title(tmp_path):
    """The notice: a field with nothing to fill says 无. A 初级 applicant holds no title, least of all 助理记者."""
    import yaml

    run("init", tmp_path / "j", "--level", "初级")
    data = yaml.safe_load((tmp_path / "j/applicant.yaml").read_text(encoding="utf-8"))
    assert data["current_title"] == "无"
    assert "current_title_date" not in data and "title_obtained_in" not in data
    assert not (tmp_path / "j/06-专业技术资格").exists()
    report = json.loads(run("check", tmp_path / "j", "-f", "json", "--select", "P", "--today", TODAY).stdout)
    assert {i["id"]: i["status"] for i in report["items"]}["qualification"] == "not_required"
    assert ("qualification", None, "P101") not in flat(report)
    run("init", tmp_path / "m", "--level", "中级")
    data = yaml.safe_load((tmp_path / "m/applicant.yaml").read_text(encoding="utf-8"))
    assert data["current_title"] == "助理记者"


def test_init_unknown_level(tmp_path):
    result = run("init", tmp_path / "x", "--level", "高级")
    assert result.exit_code == 2 and "高级" in result.stderr


def test_explain():
    result = run("explain", "P303")
    assert result.exit_code == 0 and "年度考核" in result.stdout
    assert run("explain", "Z999").exit_code == 2
    assert "P101" in run("explain").stdout


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "dossiercheck", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("dossiercheck ")


def test_internal_errors_are_one_line_exit_3(tmp_path):
    """Anything unexpected still ends in one line and exit 3, not a traceback."""
    script = ("import sys, dossiercheck.engine as e\n"
              "def boom(*a, **k): raise RuntimeError('kaboom')\n"
              "e.check_dossier = boom\n"
              "sys.argv = ['dossiercheck', 'check', sys.argv[1]]\n"
              "from dossiercheck.cli import main; main()\n")
    out = subprocess.run([sys.executable, "-c", script, str(DEMO_OK)], capture_output=True, text=True)
    assert out.returncode == 3
    assert "Traceback" not in out.stderr and "kaboom" in out.stderr


def test_unicode_normalisation_of_names(tmp_path: Path):
    """A name in NFD (as macOS writes it) is matched like its NFC twin."""
    import unicodedata

    folder = copy_names(DEMO_OK, tmp_path / "d")
    (folder / "12-个人承诺书/个人承诺书.jpg").unlink()
    (folder / "12-个人承诺书" / unicodedata.normalize("NFD", "Café承诺书.jpg")).touch()
    report = json.loads(run("check", folder, "-f", "json", "--select", "P").stdout)
    assert report["findings"] == []
