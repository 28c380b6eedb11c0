"""Clerk batch mode: folders and zips (GBK names, unsafe entries, bombs), the summary, the roster, the reports, and
the HTML report rendered and printed by a real headless Chromium."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO_FLAWED, DEMO_OK, TODAY, run, tree_digest
from dossiercheck.archive import unpack


class RawName(zipfile.ZipInfo):
    """A zip entry whose name bytes are written as given, without the UTF-8 flag (as Windows archivers do)."""

    def __init__(self, raw: bytes) -> None:
        super().__init__(raw.decode("cp437"))
        self.raw = raw

    def _encodeFilenameFlags(self):  # noqa: N802 - zipfile's own name
        return self.raw, self.flag_bits & ~0x800


def zip_dossier(source: Path, target: Path, top: str = "张三") -> None:
    """Zip a dossier folder the Windows way: Chinese names in GBK, no UTF-8 flag, inside one top folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(source.rglob("*")):
            if p.is_file():
                name = f"{top}/{p.relative_to(source).as_posix()}"
                z.writestr(RawName(name.encode("gbk")), p.read_bytes())


@pytest.fixture(scope="module")
def clerk_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("clerk")
    shutil.copytree(DEMO_OK, root / "王晓梅")
    shutil.copytree(DEMO_FLAWED, root / "李四")
    zip_dossier(DEMO_OK, root / "张三.zip")
    (root / "坏的").mkdir()
    (root / "坏的/applicant.yaml").write_text("name: [\n", encoding="utf-8")
    (root / "没有信息").mkdir()
    (root / "没有信息/身份证.jpg").write_bytes((DEMO_OK / "01-身份证/身份证-正面.jpg").read_bytes())
    (root / "损坏.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    return root


@pytest.fixture(scope="module")
def batch_run(clerk_root, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    before = tree_digest(clerk_root)
    result = run("batch", clerk_root, "--roster", out / "花名册.xlsx", "--reports", out / "reports", "--today", TODAY)
    assert tree_digest(clerk_root) == before  # the batch reads only
    return result, out


@pytest.mark.ocr
def test_batch_summary_and_exit_code(batch_run):
    result, _ = batch_run
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "│" in line]  # the table's rows, not the lines below
    problems = [i for i, line in enumerate(lines) if "无法检查" in line or "✘" in line]
    passes = [i for i, line in enumerate(lines) if "✔" in line]
    assert len(passes) == 2 and max(problems) < min(passes)  # dossiers needing work come first
    assert "合计 3 人，通过 2 人" in result.stdout  # people are applicants; the unreadable are listed apart
    assert "无法检查 3 个" in result.stdout


@pytest.mark.ocr
def test_roster_xlsx(batch_run):
    from openpyxl import load_workbook

    _, out = batch_run
    ws = load_workbook(out / "花名册.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "2023年度新闻专业职称申报人员花名册"
    assert rows[1][0].startswith("单位（盖章）：巴音郭楞日报社")
    assert list(rows[2]) == ["序号", "姓名", "性别", "族别", "政治面貌", "身份证号码", "现任专业技术职务",
                             "获现任专业技术职务时间", "拟晋升专业技术职务", "工作单位", "是否通过", "备注"]
    body = rows[3:]
    assert len(body) == 3 and all(r[1] == "王晓梅" for r in body)  # applicants only: no row for a folder
    assert all(r[5] == "652801198805120026" for r in body)
    assert all(r[10] is None and r[11] is None for r in body)  # no unit decision recorded; 备注 is the clerk's


@pytest.mark.ocr
def test_roster_csv_opens_in_excel(clerk_root, tmp_path):
    result = run("batch", clerk_root, "--roster", tmp_path / "r.csv", "--today", TODAY)
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel and WPS read UTF-8
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "序号" and len(rows) == 4  # the header and the three applicants
    assert result.exit_code == 1


@pytest.mark.ocr
def test_roster_is_yes_only_for_the_units_yes_on_a_check_passed_in_time(tmp_path):
    """Issue 20, case 15: after the upload window, or on a failed check, 是否通过 is never 是 (nor counted as 通过);
    --roster-passed-only lists only the dossiers whose check passed in time."""
    from openpyxl import load_workbook

    root = tmp_path / "root"
    for name, source in (("甲", DEMO_OK), ("乙", DEMO_FLAWED), ("丙", DEMO_OK)):
        shutil.copytree(source, root / name)
    for name in ("甲", "乙"):  # the unit said 是 for these two; 丙 is undecided
        profile = root / name / "applicant.yaml"
        profile.write_text(profile.read_text(encoding="utf-8") + "unit_passed: 是\n", encoding="utf-8")

    def roster(*args: str):
        result = run("batch", root, "--roster", tmp_path / "r.xlsx", *args)
        rows = list(load_workbook(tmp_path / "r.xlsx").active.iter_rows(values_only=True))[3:]
        return result, [r[10] for r in rows]  # by folder name: 丙, 乙, 甲

    result, decided = roster("--today", TODAY)
    assert decided == [None, None, "是"]  # 乙's check failed: the unit's 是 is withheld, and the summary says so
    assert "通过 2 人" in result.stdout and "花名册“是否通过”留空" in result.stdout and "乙" in result.stdout
    result, decided = roster("--today", "2023-10-08")  # after the upload window (2023-09-25)
    assert decided == [None, None, None] and "通过 0 人" in result.stdout and "网上申报已截止" in result.stdout
    result, decided = roster("--today", TODAY, "--roster-passed-only")
    assert decided == [None, "是"] and "花名册列入 2 人" in result.stderr


@pytest.mark.ocr
def test_reports_per_applicant(batch_run):
    _, out = batch_run
    names = {p.name for p in (out / "reports").iterdir()}
    assert {"王晓梅.json", "王晓梅.html", "李四.json", "李四.html", "张三.json", "张三.html"} <= names
    report = json.loads((out / "reports/张三.json").read_text(encoding="utf-8"))
    assert report["passed"] is True and report["dossier"].endswith("张三.zip")
    assert "01-身份证/身份证-正面.jpg" in {f["path"] for f in report["files"]}  # GBK names decoded


@pytest.mark.ocr
def test_batch_json_format(clerk_root):
    result = run("batch", clerk_root, "--format", "json", "--today", TODAY)
    rows = json.loads(result.stdout)
    assert len(rows) == 6
    assert sum(r["passed"] for r in rows) == 2
    assert all(r["error"] for r in rows if r["report"] is None)


def test_batch_of_nothing(tmp_path):
    assert run("batch", tmp_path).exit_code == 2
    assert run("batch", tmp_path / "nope").exit_code == 2


# ---------------------------------------------------------------- zip safety


def mark_encrypted(path: Path, name: bytes) -> None:
    """Set the 'encrypted' flag of one entry in its local and central headers (zipfile cannot write encryption)."""
    import struct

    data = bytearray(path.read_bytes())
    for signature, flag_at, length_at, name_at in ((b"PK\x03\x04", 6, 26, 30), (b"PK\x01\x02", 8, 28, 46)):
        start = 0
        while (i := data.find(signature, start)) >= 0:
            n = struct.unpack_from("<H", data, i + length_at)[0]
            if bytes(data[i + name_at:i + name_at + n]) == name:
                data[i + flag_at] |= 0x1
            start = i + 4
    path.write_bytes(bytes(data))


def test_zip_names_traversal_bombs_and_encryption(tmp_path):
    path = tmp_path / "z.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(RawName("身份证-正面.jpg".encode("gbk")), b"x")
        z.writestr(RawName(b"\xff\xfe\x81.jpg"), b"x")                 # neither UTF-8 nor GBK
        z.writestr("../逃出去.jpg", b"x")
        z.writestr("/etc/绝对路径.jpg", b"x")
        z.writestr("炸弹.jpg", b"\0" * 5_000_000)                       # 5 MB of zeros in a few KB
        z.writestr("加密.jpg", b"x")
    mark_encrypted(path, "加密.jpg".encode())
    dest = tmp_path / "out"
    dest.mkdir()
    problems = {(p["code"], p["name"]) for p in unpack(path, dest)}
    assert ("I111", "../逃出去.jpg") in problems and ("I111", "/etc/绝对路径.jpg") in problems
    assert ("I112", "炸弹.jpg") in problems and ("I113", "加密.jpg") in problems
    assert any(code == "I110" for code, _ in problems)
    assert (dest / "身份证-正面.jpg").read_bytes() == b"x"
    assert not (tmp_path / "逃出去.jpg").exists() and not (dest / "炸弹.jpg").exists()
    assert {p.name for p in dest.iterdir()} <= {"身份证-正面.jpg", next(iter(dest.iterdir())).name}


@pytest.mark.ocr
def test_check_accepts_a_zip(tmp_path):
    zip_dossier(DEMO_OK, tmp_path / "张三.zip")
    result = run("check", tmp_path / "张三.zip", "--today", TODAY)
    assert result.exit_code == 0, result.stdout
    assert list(tmp_path.iterdir()) == [tmp_path / "张三.zip"]  # nothing unpacked beside it


# ---------------------------------------------------------------- the HTML report in a real browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.mark.ocr
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_html_report_renders_and_prints_in_chromium(tmp_path):
    html = tmp_path / "report.html"
    result = run("check", DEMO_FLAWED, "--format", "html", "-o", html, "--today", TODAY)
    assert result.exit_code == 1
    report = json.loads(run("check", DEMO_FLAWED, "-f", "json", "--today", TODAY).stdout)
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([CHROMIUM, *FLAGS, *profile, "--dump-dom", html.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    assert "</html>" in dom
    assert "http://" not in dom.replace('xmlns="http://www.w3.org', "") and "https://" not in dom  # self-contained
    for f in report["files"]:  # every file has its thumbnail (or, for a broken file, a placeholder)
        assert f["path"] in dom
    assert dom.count('class="thumb"') + dom.count('class="nopic thumb"') >= len(report["files"])
    assert dom.count("<img") >= len(report["files"]) - 2  # all but the truncated JPEG and the text-only PDF
    for f in report["findings"]:
        assert f["code"] in dom
    pdf = tmp_path / "report.pdf"
    subprocess.run([CHROMIUM, *FLAGS, *profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()],
                   capture_output=True, timeout=120, check=False)
    from pypdf import PdfReader

    pages = PdfReader(pdf).pages
    assert len(pages) >= 2
    blank = [i for i, p in enumerate(pages, 1) if not (p.extract_text() or "").strip() and not p.images]
    assert blank == []
    assert abs(float(pages[0].mediabox.width) - 595) < 5  # A4
