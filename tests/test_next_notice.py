"""The next notice is a new checklist, not new code: tests/checklists/eng-2024.yaml (three levels with 副高级, its own
numbering, only the thesis masked, a PDF-only item, its own roster title and profile items) validates and runs on a
dossier made for it. Rule tests: the masking check reads the PDF's text layer, no page goes through OCR."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import DEMO_FLAWED, DEMO_OK, run
from dossiercheck.batch import run_batch
from dossiercheck.engine import Options
from dossiercheck.report.roster import write_roster

HERE = Path(__file__).parent
CHECKLIST = HERE / "checklists/eng-2024.yaml"
PDF = DEMO_FLAWED / "10-知识产权/专利证书.pdf"  # its text layer holds the applicant's name and unit
FILES = {  # the dossier's files, copied from the demo scans
    "01-身份证/身份证-正面.jpg": DEMO_OK / "01-身份证/身份证-正面.jpg",
    "01-身份证/身份证-反面.jpg": DEMO_OK / "01-身份证/身份证-反面.jpg",
    "02-学历/本科毕业证书.jpg": DEMO_OK / "04-学历学位证书/本科毕业证书.jpg",
    "04-年度考核/2022年度考核表.jpg": DEMO_OK / "17-年度考核表/2022年度考核表-正面.jpg",  # 2023 is missing
    "16-论文/技术报告.pdf": PDF,                                                           # masked item: leaks
    "16-论文/论文封面.jpg": DEMO_OK / "11-论文/1-期刊封面.jpg",                               # a JPG in a PDF-only item
    "17-职称证书/职称证书.pdf": PDF,                                  # same PDF, unmasked item, and JPG only here
}
RULES = ["--select", "P", "--select", "F", "--select", "R", "--select", "K103"]


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    folder = tmp_path_factory.mktemp("next") / "wang"
    for rel, source in FILES.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, folder / rel)
    shutil.copyfile(HERE / "fixtures/next-notice/applicant.yaml", folder / "applicant.yaml")
    return folder


@pytest.fixture(scope="module")
def report(dossier):
    result = run("check", dossier, "--checklist", CHECKLIST, *RULES, "-f", "json", "--today", "2024-06-10")
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_it_validates():
    result = run("checklist", "validate", CHECKLIST)
    assert result.exit_code == 0 and "7" in result.stdout


def test_findings_follow_this_notice(report):
    found = {(f["item"], f["file"], f["code"]) for f in report["findings"]}
    assert found == {
        ("assessment", None, "P301"),                          # two years here, not three
        ("assessment", None, "R105"),                          # the appraisal item is this checklist's
        ("resume", None, "R102"),                              # and so is the work-history item
        ("thesis", "16-论文/论文封面.jpg", "F101"),              # PDF only
        ("certificate", "17-职称证书/职称证书.pdf", "F101"),     # JPG only
        ("certificate", None, "P101"),  # by its text layer a patent, not a title certificate: it fills no slot
        ("thesis", "16-论文/技术报告.pdf", "K103"),             # the only item that must be masked ...
    }                                                          # ... so the same PDF as a certificate is fine
    p301 = next(f for f in report["findings"] if f["code"] == "P301")
    assert "2023" in p301["message"]


def test_levels_numbers_and_fee_are_the_checklists(report, dossier):
    assert report["applicant"]["level"] == "副高级" and report["fee"] == 500
    numbers = {i["id"]: (i["number"], i["status"]) for i in report["items"]}
    assert numbers["thesis"] == (16, "incomplete") and numbers["blind-review"] == (18, "incomplete")
    assert numbers["certificate"][1] == "incomplete" and numbers["identity"] == (1, "unchecked")  # O and L did not run
    wrong = run("check", dossier, *RULES, "--today", "2024-06-10")  # the news checklist has no 副高级
    assert wrong.exit_code == 2 and "副高级" in wrong.stderr and "初级、中级" in wrong.stderr


def test_roster_title_and_init_come_from_the_checklist(dossier, tmp_path):
    root = tmp_path / "clerk"
    shutil.copytree(dossier, root / "wang")
    roster = tmp_path / "roster.xlsx"
    with run_batch(root, Options(checklist=str(CHECKLIST), select=["P", "R"], today=date(2024, 6, 10))) as rows:
        write_roster(rows, roster)  # what batch --roster does, without reading pages
    cells = [c.value for row in load_workbook(roster).active.iter_rows() for c in row if c.value]
    assert "2024年度工程系列职称申报人员花名册" in cells and not any("新闻" in str(c) for c in cells)
    rows = list(load_workbook(roster).active.iter_rows(values_only=True))  # the form's columns are checklist data
    assert rows[1][0].startswith("推荐单位（公章）：")
    assert list(rows[2]) == ["编号", "申报人姓名", "工作单位", "申报级别", "公民身份号码", "单位推荐意见"]
    assert rows[3][3] == "副高级"
    made = run("init", tmp_path / "new", "--checklist", CHECKLIST, "--level", "副高级")
    assert made.exit_code == 0 and (tmp_path / "new/16-论文").is_dir() and (tmp_path / "new/17-职称证书").is_dir()
    assert "level: 副高级" in (tmp_path / "new/applicant.yaml").read_text(encoding="utf-8")
