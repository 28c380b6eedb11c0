"""The clerk's desk without OCR: where batch may write (never into what it reads), the summary saved as a file
(html printed by a real headless Chromium, xlsx, json, txt, never cut), departments, people counted as applicants, a
crowd sharing one ID said once, and the 附件5 roster as handed in (page setup, the form's columns, applicants only,
是否通过 as the unit decided). Dossiers are demo-ok's layout with empty files: every file is I101, nothing is OCR'd."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import unicodedata
import zipfile
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from conftest import DEMO_OK, TODAY, copy_names, run, tree_digest
from dossiercheck.engine import Options, evaluate, prepare

ID = "652801198805120026"


def id_number(n: int) -> str:
    """A valid 18-digit ID number (GB 11643 check digit), one per n."""
    body = f"65280119900101{n:03}"
    total = sum(int(d) * w for d, w in zip(body, (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    return body + "10X98765432"[total % 11]


def demo(root: Path, name: str, **changes: str) -> Path:
    folder = copy_names(DEMO_OK, root / name)
    if changes:
        profile = folder / "applicant.yaml"
        text = profile.read_text(encoding="utf-8")
        for old, new in changes.items():
            assert old in text
            text = text.replace(old, new)
        profile.write_text(text, encoding="utf-8")
    return folder


def zip_of(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as z:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(folder).as_posix())
    return target


def batch(*args):
    result = run("batch", *args, "-j", "1", "--today", TODAY)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result


def refused(result, *names: str) -> str:
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1, line
    assert all(name in line for name in names), line
    return line


@pytest.fixture
def root(tmp_path) -> Path:
    r = tmp_path / "R"
    demo(r, "a")
    demo(r, "b")
    return r


# ---------------------------------------------------------------- where batch may write (issue 25, cases 1–3)


def test_roster_over_an_applicants_zip_is_refused(root):
    zipped = zip_of(demo(root.parent, "c"), root / "c.zip")
    before = tree_digest(root)
    refused(batch(root, "--roster", zipped), "c.zip")
    assert tree_digest(root) == before


def test_reports_through_a_link_into_a_dossier_are_refused(root, tmp_path):
    link = tmp_path / "L"
    link.symlink_to(root / "a", target_is_directory=True)
    before = tree_digest(root)
    refused(batch(root, "--reports", link), "L")
    assert tree_digest(root) == before and sorted(p.name for p in root.iterdir()) == ["a", "b"]


@pytest.mark.parametrize("option,name", [("--reports", "reports"), ("--roster", "花名册.xlsx"), ("-o", "汇总.html")])
def test_outputs_inside_the_batch_root_are_refused(root, option, name):
    before = tree_digest(root)
    line = refused(batch(root, option, root / name), name)
    assert str(root.parent / name) in line  # and says where it could go instead
    assert tree_digest(root) == before and sorted(p.name for p in root.iterdir()) == ["a", "b"]


@pytest.mark.parametrize("option", ["-o", "--roster"])
def test_an_output_file_that_is_a_link_into_a_dossier_is_refused(root, tmp_path, option):
    out = tmp_path / "out"
    out.mkdir()
    (out / "汇总.xlsx").symlink_to(root / "a/applicant.yaml")
    before = tree_digest(root)
    refused(batch(root, option, out / "汇总.xlsx"), "汇总.xlsx")
    assert tree_digest(root) == before


def test_one_path_for_two_outputs_is_refused(root, tmp_path):
    refused(batch(root, "-o", tmp_path / "x.xlsx", "--roster", tmp_path / "x.xlsx"), "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- departments and counting people (issue 23)


def test_a_department_folder_is_looked_into(tmp_path):
    r = tmp_path / "R"
    demo(r / "新闻部", "孙七")
    demo(r / "新闻部", "周八", **{ID: id_number(1)})
    demo(r, "王五", **{ID: id_number(2)})
    demo(r / "编辑部", "钱十", **{ID: id_number(4)})
    no_profile = demo(r / "编辑部", "赵九")
    (no_profile / "applicant.yaml").unlink()  # scans in numbered folders, no profile: still one dossier
    (r / "坏的").mkdir()
    (r / "坏的/applicant.yaml").write_text("name: [\n", encoding="utf-8")
    result = batch(r, "-f", "json")
    rows = {row["folder"]: row for row in json.loads(result.stdout)}
    assert set(rows) == {"新闻部/孙七", "新闻部/周八", "王五", "编辑部/钱十", "编辑部/赵九", "坏的"}
    assert rows["新闻部/孙七"]["report"] is not None
    error = rows["编辑部/赵九"]["error"]
    assert "applicant.yaml" in error and "--profile" not in error and "init" in error
    table = batch(r).stdout
    assert "合计 4 人" in table  # applicants, not folders
    assert "无法检查 2 个" in table and "坏的" in table.splitlines()[-1] and "编辑部/赵九" in table.splitlines()[-1]


def test_two_hundred_dossiers_of_one_id_number_say_it_once(tmp_path):
    from dossiercheck.batch import Row, flag_same_id
    from dossiercheck.report.summary import print_summary

    (tmp_path / "d").mkdir()  # a profile and no scans: one evaluation stands for 200 dossiers of one person
    shutil.copyfile(DEMO_OK / "applicant.yaml", tmp_path / "d/applicant.yaml")
    options = Options(today=date(2023, 9, 10))
    result = evaluate(prepare(tmp_path / "d", options), options)
    rows = [Row(tmp_path / f"d{i:03}", result) for i in range(200)]
    flag_same_id(rows)
    out = io.StringIO()
    print_summary(rows, "zh", out)
    text = out.getvalue()
    assert text.count("d007") == 2  # its own row and the one list of the group, not on 199 other rows
    assert "身份证号与另外 199 份材料相同" in text and text.count("身份证号相同的 200 份材料") == 1
    assert len(text.encode()) < 200_000


def test_two_dossiers_of_one_id_still_name_each_other(tmp_path):
    r = tmp_path / "R"
    demo(r, "甲")
    demo(r, "乙")
    out = batch(r).stdout
    assert "身份证号与 乙 相同" in out and "身份证号与 甲 相同" in out and "身份证号相同的" not in out


# ---------------------------------------------------------------- the summary as a file (issue 23)

LONG_UNIT = "巴音郭楞蒙古自治州融媒体中心新闻采编部（巴音郭楞日报社汉文编辑部）"


@pytest.fixture
def unit_root(tmp_path) -> Path:
    r = tmp_path / "本单位申报材料"
    demo(r / "新闻部", "张伟.zip材料", **{"unit: 巴音郭楞日报社": f"unit: {LONG_UNIT}"})
    demo(r, "李娜", **{ID: id_number(2)})
    (r / "坏的").mkdir()
    (r / "坏的/applicant.yaml").write_text("name: [\n", encoding="utf-8")
    return r


def test_a_saved_txt_summary_keeps_every_name_and_unit_whole(unit_root, tmp_path):
    result = batch(unit_root, "-o", tmp_path / "汇总.txt")
    text = (tmp_path / "汇总.txt").read_text(encoding="utf-8")
    assert "新闻部/张伟.zip材料" in text and LONG_UNIT in text and "…" not in text
    assert "合计 2 人" in result.stdout and "已写入" in result.stderr
    piped = batch(unit_root).stdout  # `batch R > 汇总.txt`: stdout is no terminal
    assert "新闻部/张伟.zip材料" in piped and LONG_UNIT in piped and "…" not in piped


def test_json_summary_file_is_the_json_format(unit_root, tmp_path):
    batch(unit_root, "-o", tmp_path / "s.json")
    saved = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert saved == json.loads(batch(unit_root, "--format", "json").stdout)


def test_format_html_is_accepted_into_a_pipe(unit_root):
    result = batch(unit_root, "--format", "html")
    assert result.exit_code == 1 and result.stdout.startswith("<!DOCTYPE html>")
    assert "新闻部/张伟.zip材料" in result.stdout and "@page{size:A4 landscape" in result.stdout


@pytest.mark.parametrize("args,words", [(["-o", "s.pdf"], ["s.pdf", ".html"]),
                                        (["-o", "s.html", "--format", "json"], ["json", "s.html"]),
                                        (["--format", "xlsx"], ["-o"]),
                                        (["--format", "doc"], ["doc", "html"])])
def test_a_summary_format_that_cannot_be_written_is_one_line(unit_root, tmp_path, args, words):
    refused(batch(unit_root, *[tmp_path / a if a.startswith("s.") else a for a in args]), *words)


def test_xlsx_summary_prints_on_a4_with_every_row(unit_root, tmp_path):
    batch(unit_root, "-o", tmp_path / "汇总.xlsx", "--reports", tmp_path / "reports")
    ws = load_workbook(tmp_path / "汇总.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "申报材料批量检查汇总" and "2023-09-10" in rows[1][0]
    assert rows[2][:5] == ("文件夹", "申报人", "单位", "级别", "结论")
    body = {r[0]: r for r in rows[3:6]}
    assert set(body) == {"新闻部/张伟.zip材料", "李娜", "坏的"}
    assert body["新闻部/张伟.zip材料"][2] == LONG_UNIT and body["李娜"][1] == "王**"  # masked applicant
    assert body["坏的"][4] == "无法检查" and body["李娜"][4] == "未通过"
    link = ws.cell(next(i for i, r in enumerate(rows, 1) if r[0] == "李娜"), len(rows[2])).hyperlink
    assert link.target == "reports/李娜.html" and (tmp_path / link.target).is_file()
    assert any(str(r[0]).startswith("合计 2 人") for r in rows[6:])
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.print_title_rows == "$3:$3"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--no-pdf-header-footer",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_html_summary_prints_on_a4_in_chromium(unit_root, tmp_path):
    from pypdf import PdfReader

    for i in range(24):  # enough rows for a second page: the header must come back on it
        demo(unit_root / "编辑部", f"申报人{i:02}", **{ID: id_number(100 + i)})
    html = tmp_path / "汇总.html"
    batch(unit_root, "-o", html, "--reports", tmp_path / "reports")
    source = html.read_text(encoding="utf-8")
    assert 'href="reports/%E6%9D%8E%E5%A8%9C.html"' in source or 'href="reports/李娜.html"' in source
    assert "http" not in source  # self-contained
    pdf = tmp_path / "汇总.pdf"
    subprocess.run([CHROMIUM, *FLAGS, "--user-data-dir=" + str(tmp_path / "profile"), f"--print-to-pdf={pdf}",
                    html.as_uri()], capture_output=True, timeout=180, check=False)
    pages = PdfReader(pdf).pages
    assert len(pages) >= 2
    assert abs(float(pages[0].mediabox.width) - 842) < 5 and abs(float(pages[0].mediabox.height) - 595) < 5
    texts = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in pages]  # ⽂ (a radical) → 文
    flat = "".join("".join(t.split()) for t in texts)  # a wrapped cell breaks lines: compare without spaces
    assert all("文件夹" in t and "结论" in t for t in texts)  # the header row on every page
    for name in ("新闻部/张伟.zip材料", "李娜", "坏的", "编辑部/申报人23", LONG_UNIT, "合计26人"):
        assert unicodedata.normalize("NFKC", name) in flat, name
    assert "…" not in flat


# ---------------------------------------------------------------- the 附件5 roster (issues 23, 20 case 15, 24)


def test_roster_is_the_notice_form_ready_to_hand_in(unit_root, tmp_path):
    demo(unit_root, "王芳", **{ID: id_number(5), "level: 中级": "level: 中级\nunit_passed: 否"})
    batch(unit_root, "--roster", tmp_path / "花名册.xlsx")
    ws = load_workbook(tmp_path / "花名册.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "2023年度新闻专业职称申报人员花名册" and rows[1][0] == "单位（盖章）："  # two units: blank
    assert list(rows[2]) == ["序号", "姓名", "性别", "族别", "政治面貌", "身份证号码", "现任专业技术职务",
                             "获现任专业技术职务时间", "拟晋升专业技术职务", "工作单位", "是否通过", "备注"]
    body = rows[3:]
    assert [r[1] for r in body] == ["王晓梅"] * 3 and [r[0] for r in body] == ["1", "2", "3"]  # applicants only
    assert {r[9] for r in body} == {LONG_UNIT, "巴音郭楞日报社"}
    assert [r[10] for r in body] == [None, None, "否"]  # the unit's decision (张伟 none, 李娜 none, 王芳 否)
    assert all(r[11] is None for r in body)  # 备注 is the clerk's
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.page_setup.fitToHeight == 0 and ws.print_title_rows == "$3:$3"


def test_roster_passed_only_with_nothing_passed_is_refused(unit_root, tmp_path):
    refused(batch(unit_root, "--roster", tmp_path / "r.xlsx", "--roster-passed-only"), "r.xlsx")
    assert not (tmp_path / "r.xlsx").exists()


def result_of(verdict: str, **data):
    return SimpleNamespace(verdict=verdict, profile=SimpleNamespace(data=data))


@pytest.mark.parametrize("said,verdict,cell", [
    (True, "passed", "是"), (True, "failed", ""), (True, "closed", ""), (True, "partial", ""),
    (False, "passed", "否"), (None, "passed", ""), (None, "closed", "")])
def test_roster_decision_is_the_units_and_never_yes_for_a_failed_or_late_check(said, verdict, cell):
    from dossiercheck.batch import Row
    from dossiercheck.report.roster import decision

    data = {} if said is None else {"unit_passed": said}
    assert decision(Row(Path("x"), result_of(verdict, **data))) == cell


def test_every_roster_source_is_an_applicant_field():
    """A roster column's ``from`` names a field of applicant.yaml (or index/decision/blank): the two schemas agree."""
    from conftest import REPO

    checklist = json.loads((REPO / "schemas/checklist.schema.json").read_text(encoding="utf-8"))
    applicant = json.loads((REPO / "schemas/applicant.schema.json").read_text(encoding="utf-8"))
    sources = checklist["properties"]["roster"]["properties"]["columns"]["items"]["properties"]["from"]["enum"]
    assert set(sources) - {"index", "decision", "blank"} <= set(applicant["properties"])
    assert "unit_passed" in applicant["properties"] and "unit_passed" not in sources  # only through decision


def test_the_missing_column_counts_items_short_of_a_side_a_page_or_a_year():
    """An ID card without its back (P102) and appraisals short of a year (P301) are items missing material, as
    much as an item with no file (P101); a warning, or an error of another kind, is not."""
    from types import SimpleNamespace

    from dossiercheck.findings import Finding, Severity
    from dossiercheck.report.summary import short_items

    def item(iid: str, status: str):
        return SimpleNamespace(item=SimpleNamespace(id=iid), status=status)

    result = SimpleNamespace(
        items=[item("id-card", "error"), item("appraisal", "error"), item("photo", "missing"), item("paper", "error"),
               item("summary", "ok")],
        findings=[Finding("P102", item="id-card", severity=Severity.ERROR),
                  Finding("P301", item="appraisal", severity=Severity.ERROR),
                  Finding("P101", item="photo", severity=Severity.ERROR),
                  Finding("K101", item="paper", severity=Severity.ERROR),
                  Finding("P302", item="summary", severity=Severity.WARNING)])
    assert short_items(result) == 3
