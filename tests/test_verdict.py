"""A green 通过 must be true: partial runs, the upload deadline and the notice's rules never end in 可以上传 when the
notice would send the dossier back. Rule-stage tests (empty files, no inspection) except where the CLI is the point;
none of them runs OCR (F, I and L read no text). CLI runs use --no-cache: facts read without OCR must not be
left in the session's cache for other tests to find."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from conftest import DEMO_FLAWED, DEMO_OK, REPO, TODAY, copy_names, run
from dossiercheck.engine import Options, evaluate, outcome, prepare
from dossiercheck.errors import UserError
from dossiercheck.report import terminal
from dossiercheck.report.summary import remark


def evaluated(folder: Path, **options):
    opts = Options(**{"today": date(2023, 9, 10), **options})
    return evaluate(prepare(folder, opts), opts)


def rendered(result) -> str:
    out = io.StringIO()
    terminal.render(result, "zh", out)
    return out.getvalue()


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return copy_names(DEMO_OK, tmp_path / "d")


# --- selecting checks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("given,expected", [
    (["F,I,L"], ["F", "I", "L"]),
    (["F", "I", "L"], ["F", "I", "L"]),
    (["f, i", "K101"], ["F", "I", "K101"]),
    (["R10"], ["R10"]),
])
def test_select_accepts_comma_lists_and_repeated_flags(given, expected):
    assert Options(select=given).select == expected


def test_a_family_name_stands_for_its_codes():
    from dossiercheck.checks import catalog

    ignored = Options(ignore=["masking"]).ignore
    assert "K101" in ignored and ignored == [c for c, spec in catalog().items() if spec.check == "masking"]


@pytest.mark.parametrize("value", ["Q999", "F,Q", "P9", "K,P,O,R,Z1"])
def test_an_unknown_prefix_is_a_user_error_naming_the_valid_ones(value):
    with pytest.raises(UserError) as caught:
        Options(ignore=[value])
    message = caught.value.render("zh")
    assert "K (masking)" in message and "P (missing/count/years/unassigned)" in message


def test_cli_unknown_prefix_exits_2():
    result = run("check", DEMO_OK, "--select", "Q999")
    assert result.exit_code == 2
    assert "Q999" in result.stderr and "O (orientation)" in result.stderr
    assert run("check", DEMO_OK, "--ignore", "K,P,O,R,Q1", "--lang", "en").stderr.count("Valid prefixes:") == 1


# --- partial runs -------------------------------------------------------------------------------------------------

def test_a_partial_run_never_passes_what_it_did_not_check(dossier):
    result = evaluated(dossier, select=["P,R"])
    assert result.passed and not result.complete and result.verdict == "partial"
    status = {r.item.id: r.status for r in result.items}
    assert status["masking"] == "unchecked" and status["upright"] == "unchecked"
    assert status["id-card"] == "unchecked"          # its files' format, masking … were not checked
    assert status["work-history"] == "ok"             # decided by the profile checks alone, which ran
    assert status["aid"] == "not_required" and status["awards"] == "optional"
    text = rendered(result)
    assert "可以上传" not in text and "通过：" not in text
    assert "不是完整检查" in text and "未运行：" in text and "遮盖" in text.split("未运行：")[1]


def test_a_partial_run_still_fails_on_what_it_found(dossier):
    (dossier / "12-个人承诺书/个人承诺书.jpg").unlink()
    result = evaluated(dossier, select=["P"])
    assert result.verdict == "failed" and outcome([result], strict=False) == 1
    status = {r.item.id: r.status for r in result.items}
    assert status["commitment"] == "missing"
    assert "不是完整检查" in rendered(result)


def test_ignoring_one_code_is_a_partial_run(dossier):
    result = evaluated(dossier, ignore=["K101"])
    assert result.unrun == {"masking": True} and result.verdict == "partial"
    assert {r.item.id: r.status for r in result.items}["upright"] == "ok"   # orientation ran in full


def test_the_full_run_is_complete(dossier):
    result = evaluated(dossier)
    assert result.complete and result.verdict == "passed"
    assert "✔ 通过：可以上传" in rendered(result)


@pytest.fixture(scope="module")
def partial_report():
    """demo-ok with the file checks that read no text: exit 0, but no pass."""
    result = run("check", DEMO_OK, "-f", "json", "--select", "F,I,L", "--today", TODAY, "--no-cache")
    return result.exit_code, json.loads(result.stdout)


def test_cli_partial_run_json(partial_report):
    code, report = partial_report
    assert code == 0  # exit codes follow the selected findings
    assert report["complete"] is False and report["verdict"] == "partial"
    assert report["checks_not_run"]["masking"] == "all" and "format" not in report["checks_not_run"]
    status = {i["id"]: i["status"] for i in report["items"]}
    assert status["masking"] == status["upright"] == "unchecked"
    schema = json.loads((REPO / "schemas/report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)


def test_cli_comma_list_finds_the_file_defects():
    result = run("check", DEMO_FLAWED, "-f", "json", "--select", "F,I,L", "--today", TODAY, "--no-cache")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert {f["code"][0] for f in report["findings"]} == {"F", "I", "L"}
    assert report["complete"] is False and report["verdict"] == "failed"


def test_cli_partial_run_headline():
    out = run("check", DEMO_OK, "--select", "F,I", "--select", "L,R", "--today", TODAY, "--no-cache")
    assert out.exit_code == 0
    assert "可以上传" not in out.stdout and "不是完整检查" in out.stdout and "未检查" in out.stdout


# --- the upload deadline ------------------------------------------------------------------------------------------

def test_after_the_online_window_the_materials_pass_but_cannot_be_uploaded(dossier):
    result = evaluated(dossier, today=date(2023, 9, 26))
    assert [(f.code, f.severity.value) for f in result.findings] == [("S101", "warning")]
    assert result.passed and result.verdict == "closed" and outcome([result], strict=False) == 0
    assert outcome([result], strict=True) == 1
    text = rendered(result)
    assert "可以上传" not in text
    assert "材料检查通过" in text and "网上申报已于 2023-09-25 截止" in text


@pytest.mark.parametrize("today", [date(2023, 9, 10), date(2023, 9, 25)])
def test_within_the_window_there_is_no_deadline_finding(dossier, today):
    assert evaluated(dossier, today=today).verdict == "passed"


# --- for the clerk ------------------------------------------------------------------------------------------------

def test_batch_flags_two_dossiers_of_one_id_number(tmp_path):
    from dossiercheck.batch import run_batch

    root = tmp_path / "root"
    for name in ("甲", "乙", "丙"):
        copy_names(DEMO_OK, root / name)
    profile = root / "丙/applicant.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace('id_number: "652801198805120026"\n', ""),
                       encoding="utf-8")
    with run_batch(root, Options(select=["P", "R"], today=date(2023, 9, 10))) as rows:
        same = {row.source.name: row.same_id for row in rows}
        remarks = {row.source.name: remark(row, "zh") for row in rows}
    assert same == {"甲": ("乙",), "乙": ("甲",), "丙": ()}
    assert "身份证号与 乙 相同" in remarks["甲"] and "身份证号" not in remarks["丙"]


def test_batch_summary_marks_a_closed_or_partial_dossier_as_such(dossier, capsys):
    from dossiercheck.batch import Row
    from dossiercheck.report.summary import mark, print_summary

    partial = evaluated(dossier, select=["P", "R"])
    print_summary([Row(dossier, partial)], "zh")
    out = capsys.readouterr().out
    assert "部分检查" in out and "通过 0 人" in out  # a partial run is not counted as passed
    assert "已截止" in mark("closed", "zh") and "✔" == mark("passed", "zh").replace("[green]", "").replace("[/green]", "")


# --- the verdict follows the findings -----------------------------------------------------------------------------

@pytest.mark.parametrize("result", ["基本合格", "不合格"])
def test_an_appraisal_that_postpones_the_application_fails_the_dossier(dossier, result):
    """基本合格/不合格 on the form and in applicant.yaml alike: D113 says 最早 2024 年可申报, so the headline cannot
    say 通过 (the form is read from synthetic OCR lines: the rule is under test, not the engine)."""
    import yaml

    from dossiercheck.inspect import _fields

    profile = yaml.safe_load((dossier / "applicant.yaml").read_text(encoding="utf-8"))
    profile["appraisals"][2021] = result
    (dossier / "applicant.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    opts = Options(today=date(2023, 9, 10), select=["D", "R"])  # the other checks would want the page's image
    ctx = prepare(dossier, opts)
    rel = "17-年度考核表/2021年度考核表-反面.jpg"
    facts = {"ocr": [{"page": None, "rotation": 0, "reading": 0.99, "frame": {"scale": 1.0, "width": 100, "height": 100},
                      "lines": [{"t": t, "s": 0.99, "b": [0, 0, 10, 10]} for t in ("（2021年度）", f"考核等次：{result}")]}]}
    facts["fields"] = _fields(facts, ctx.checklist.item("appraisal").setting("reads"))
    ctx.facts[rel] = facts
    out = evaluate(ctx, opts)
    assert "D113" in {f.code for f in out.findings}
    assert out.verdict == "failed" and outcome([out], strict=False) == 1
    text = rendered(out)
    assert "可以上传" not in text and "未通过" in text
