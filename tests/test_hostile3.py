"""Hostile input, round 3 (issue 25): each numbered case, built here from small generated files, must end in a
finding or one clear line naming the file; never exit 3, a hang, an out-of-memory kill, a changed source, or a
deleted file the tool did not create. The PDF bombs run in a child process under a memory limit of their own."""

from __future__ import annotations

import json
import os
import resource
import signal
import stat
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from conftest import DEMO_OK, REPO, TODAY
from dossiercheck.inspect.pdf import PdfProblem, inspect_pdf
from test_hostile import (
    CHEAP,
    ID,
    cli,
    codes,
    demo,
    page_png,
    private_tmp,  # noqa: F401  (the autouse fixture: nothing left in the temporary folder)
    profile_text,
    refused,
    zip_of,
)

# ------------------------------------------------------------------ 4 the cache owns only what it made


def test_4_cache_never_marks_writes_into_or_clears_the_users_facts_folder(tmp_path, monkeypatch):
    cache = tmp_path / "C"
    users = cache / "facts"
    (users / "ab").mkdir(parents=True)
    mine = {users / "notes.txt": "x", users / "ab" / "tax.json": "{}", users / "photo.jpg": "y"}
    for path, text in mine.items():
        path.write_text(text)
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(cache))
    d = demo(tmp_path)
    (d / "08-代表作品/作品.jpg").write_bytes(page_png())
    cli("check", d, *CHEAP)
    assert sorted(p.relative_to(users).as_posix() for p in users.rglob("*")) == ["ab", "ab/tax.json", "notes.txt",
                                                                               "photo.jpg"]
    out = cli("cache", "clear").stdout
    assert "CACHEDIR.TAG" in out and str(users) in out
    assert all(path.read_text() == text for path, text in mine.items())


def test_4_clear_deletes_only_entries_it_recognises_and_says_what_it_left(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "C"))
    d = demo(tmp_path)
    (d / "08-代表作品/作品.jpg").write_bytes(page_png())
    cli("check", d, *CHEAP)
    facts = tmp_path / "C" / "facts"
    entries = list(facts.rglob("*.json"))
    assert entries
    stray = entries[0].parent / "my-notes.json"  # put there by someone else: not named as the cache names
    stray.write_text("{}")
    out = cli("cache", "clear").stdout
    assert stray.exists() and not any(e.exists() for e in entries)
    assert "my-notes.json" in out


def test_4_the_engine_folder_is_the_caches_own_and_goes_with_clear_even_empty(tmp_path, monkeypatch):
    from dossiercheck.cache import FactsCache

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "C"))
    folder = FactsCache().engine_folder()  # made before OpenVINO writes a model into it
    assert folder == tmp_path / "C" / "facts" / "engine" and folder.stat().st_mode & 0o077 == 0
    stray = folder / "notes.txt"  # not named as OpenVINO names a compiled model: left, and said
    stray.write_text("x")
    assert FactsCache().clear().left == [stray] and stray.exists()
    stray.unlink()
    assert FactsCache().clear().left == [] and not (tmp_path / "C" / "facts").exists()
    users = tmp_path / "U" / "facts"
    users.mkdir(parents=True)  # a facts folder the tool did not make: no engine folder in it
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "U"))
    assert FactsCache().engine_folder() is None and list(users.iterdir()) == []


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "width-0"])
def test_4_cache_entries_that_are_devices_fifos_or_impossible_are_misses(tmp_path, monkeypatch, kind):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "C"))
    d = demo(tmp_path)
    (d / "08-代表作品/作品.jpg").write_bytes(page_png())
    first = codes(cli("check", d, "-f", "json", *CHEAP))
    entries = list((tmp_path / "C").rglob("*.json"))
    assert entries
    for entry in entries:
        good = json.loads(entry.read_text(encoding="utf-8"))
        entry.unlink()
        if kind == "dev-zero":
            entry.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(entry)
        elif "width" in good:
            entry.write_text(json.dumps({**good, "width": 0}), encoding="utf-8")
    assert codes(cli("check", d, "-f", "json", *CHEAP)) == first
    if kind == "width-0":  # trusted, the page would have had no size; as a miss, it is inspected again
        assert all(json.loads(e.read_text(encoding="utf-8")).get("width", 1) > 0 for e in entries)
    assert all(stat.S_ISREG(e.lstat().st_mode) for e in entries)  # the poisoned entry was replaced, not read


# ------------------------------------------------------------------ 5–9 PDF content bombs


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of object bodies numbered from 1, with a correct cross-reference table (both parsers open it)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    packed = zlib.compress(data, 1)  # the fastest: a bomb of 300 MB is made in a second
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def _one_page(content: bytes, resources: bytes = b"<< >>", more: list[bytes] = (), catalog: bytes = b"") -> bytes:
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources " + resources +
                 b" /Contents 4 0 R >>", _stream(content), *more])


def nested_forms(wide: int = 10, deep: int = 7) -> bytes:
    """Form k draws form k+1 ``wide`` times; the last draws a line: wide**deep lines in 2 KB."""
    forms = []
    for k in range(deep):
        last = k == deep - 1
        body = b"0 0 m 10 10 l S\n" if last else b"".join(b"q 1 0 0 1 %d 0 cm /X Do Q\n" % i for i in range(wide))
        res = b"<< >>" if last else b"<< /XObject << /X %d 0 R >> >>" % (6 + k)
        forms.append(_stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources " + res))
    return _one_page(b"/X Do\n", b"<< /XObject << /X 5 0 R >> >>", forms)


def path_flood(mb: int) -> bytes:
    unit = b"10 10 m 500 800 l 20 700 l h f\n"
    return _one_page(unit * (mb * (1 << 20) // len(unit)))


def fill_flood(mb: int) -> bytes:
    """Page-sized triangles, filled: little to parse, minutes for one render (a single call PDFium never leaves)."""
    unit = b"0 0 m 595 842 l 595 0 l h f\n"
    return _one_page(unit * (mb * (1 << 20) // len(unit)))


def text_flood(mb: int) -> bytes:
    unit = b"BT /F1 1 Tf 10 10 Td (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ET\n"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return _one_page(unit * (mb * (1 << 20) // len(unit)), b"<< /Font << /F1 5 0 R >> >>", [font])


def xmp_bomb(mb: int) -> bytes:
    meta = _stream(b"<x:xmpmeta>" + b" " * (mb << 20) + b"</x:xmpmeta>", b" /Type /Metadata /Subtype /XML")
    return _one_page(b"0 0 m 10 10 l S\n", more=[meta], catalog=b" /Metadata 5 0 R")


def leaves(n: int, count: int) -> bytes:
    """A page tree of ``n`` leaves (sharing one content stream) whose /Count says ``count``."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                 b"<< >>", _stream(b"BT /F1 12 Tf 72 700 Td (page) Tj ET\n"), *[page] * n])


LIMIT = 3 << 30  # the whole check, in the test, runs under this much address space: an OOM is a failure here


def limited_check(*args: object, env: dict[str, str] | None = None, timeout: float = 240,
                  limit: int = LIMIT) -> subprocess.CompletedProcess:
    """The CLI in a child under an address-space limit (an out-of-memory abort is exit 134, not a machine's OOM)."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    proc = subprocess.run([sys.executable, "-m", "dossiercheck", *map(str, args)], capture_output=True,
                          preexec_fn=cap, timeout=timeout, env={**os.environ, **(env or {})})
    assert proc.returncode in (0, 1), (proc.returncode, proc.stderr.decode("utf-8", "replace")[-2000:])
    assert b"Traceback" not in proc.stderr
    return proc


def json_codes(proc: subprocess.CompletedProcess) -> set[tuple[str | None, str]]:
    return {(f["file"], f["code"]) for f in json.loads(proc.stdout)["findings"]}


BOMBS = {"nested-forms": lambda: nested_forms(), "paths-300MB": lambda: path_flood(300),
         "xmp-256MB": lambda: xmp_bomb(256), "text-200MB": lambda: text_flood(200)}


@pytest.mark.parametrize("bomb", BOMBS)
def test_5_to_8_pdf_content_bombs_are_a_finding_in_bounded_memory(tmp_path, bomb):
    d = demo(tmp_path)
    source = d / "08-代表作品/作品.pdf"
    source.write_bytes(BOMBS[bomb]())
    before = source.read_bytes()
    proc = limited_check("check", d, "-f", "json", "--no-cache", *CHEAP)
    assert ("08-代表作品/作品.pdf", "I122") in json_codes(proc)
    assert source.read_bytes() == before


def test_5_a_batch_goes_on_past_a_dossier_holding_a_bomb(tmp_path):
    root = tmp_path / "unit"
    bad, good = demo(root, "a-bomb"), demo(root, "b-good")
    (bad / "08-代表作品/作品.pdf").write_bytes(nested_forms())
    proc = limited_check("batch", root, "-f", "json", "--no-cache", "-j", "1", "--today", TODAY)
    rows = {r["folder"]: r for r in json.loads(proc.stdout)}
    assert set(rows) == {bad.name, good.name} and rows[good.name]["report"]
    assert ("08-代表作品/作品.pdf", "I122") in {(f["file"], f["code"]) for f in rows[bad.name]["report"]["findings"]}


def test_9_page_cap_counts_the_leaves_pypdf_walks(tmp_path):
    d = demo(tmp_path)
    (d / "08-代表作品/作品.pdf").write_bytes(leaves(20_000, 1))
    proc = limited_check("check", d, "-f", "json", "--no-cache", *CHEAP)
    assert ("08-代表作品/作品.pdf", "I120") in json_codes(proc)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def tight(monkeypatch):
    """A guarded child with a small budget (the defaults hold an ordinary laptop's worth)."""
    from dossiercheck.inspect import guard

    guard._stop()
    monkeypatch.setattr(guard, "MEMORY_LIMIT", 120 << 20)
    monkeypatch.setattr(guard, "PAGE_SECONDS", 2.0)
    yield
    guard._stop()


def test_5_6_memory_and_time_budgets_hold_past_the_static_caps(tmp_path, tight):
    """A page under the operator cap that PDFium still cannot draw within the budget: the child is killed, the file
    is a finding, and the next file is read by a fresh child."""
    heavy = write(tmp_path / "heavy.pdf", path_flood(24))
    with pytest.raises(PdfProblem) as caught:
        inspect_pdf(heavy)
    assert caught.value.code == "too_complex" and caught.value.detail in ("memory", "time")
    assert inspect_pdf(write(tmp_path / "ok.pdf", leaves(2, 2)))["pages"] == 2


def guard_children(parent: int) -> list[int]:
    out = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"dossiercheck.inspect.guard" in argv and str(parent).encode() in argv:
            state = (proc / "stat").read_text().split(")")[-1].split()[0]
            if state != "Z":
                out.append(int(proc.name))
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_6_sigterm_while_a_page_renders_ends_the_run_and_removes_the_unpacked_zip(tmp_path):
    d = demo(tmp_path)
    # under the operator cap, minutes for PDFium to draw; stored, so that the zip's ratio check lets it through
    z = zip_of(d, tmp_path / "d.zip", [(zipfile.ZipInfo("08-代表作品/作品.pdf"), fill_flood(30))])
    tmp = tmp_path / "proc-tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "dossiercheck", "check", str(z), "--no-cache", "-j", "1",
                             "--select", "I"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list(tmp.iterdir()) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(3)  # unpacked, and PDFium at work on the page
        assert proc.poll() is None, proc.stderr.read().decode("utf-8", "replace")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)  # not the minutes the page would take
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM, err.decode("utf-8", "replace")
    assert list(tmp.iterdir()) == []
    time.sleep(0.5)
    assert guard_children(proc.pid) == []


# ------------------------------------------------------------------ 10 and 15 sort reads and copies defensively


@pytest.mark.parametrize("kind", ["dev-zero", "sparse-3GB", "fifo"])
def test_10_sort_refuses_a_profile_that_is_a_device_a_huge_file_or_a_fifo(tmp_path, kind):
    pile = tmp_path / "pile"
    pile.mkdir()
    profile = pile / "applicant.yaml"
    if kind == "dev-zero":
        profile.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(profile)
    else:
        with open(profile, "wb") as fh:
            fh.truncate(3 << 30)
    # in a child: a hang is a timeout there, a MemoryError its exit 3
    proc = subprocess.run([sys.executable, "-m", "dossiercheck", "sort", str(pile), "--out", str(tmp_path / "out")],
                          capture_output=True, timeout=120, preexec_fn=lambda: resource.setrlimit(
                              resource.RLIMIT_AS, (LIMIT, LIMIT)))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert len(err.strip().splitlines()) == 1 and "applicant.yaml" in err
    assert not (tmp_path / "out").exists()


def test_15_sort_never_copies_the_target_of_a_link_leading_outside_the_pile(tmp_path):
    secret = tmp_path / "home" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("the password is hunter2")
    pile = tmp_path / "pile"
    pile.mkdir()
    (pile / "IMG_0101.jpg").symlink_to(secret)
    out = tmp_path / "out"
    result = cli("sort", pile, "--out", out, "--format", "json", "--level", "中级")
    copied = [p for p in out.rglob("*") if p.is_file()]
    assert all(b"hunter2" not in p.read_bytes() for p in copied), copied
    rows = [r for r in json.loads(result.stdout)["files"] if r["source"] == "IMG_0101.jpg"]
    assert rows and rows[0]["target"] is None


# ------------------------------------------------------------------ 11–13 YAML, and where a syntax error is


def profile_lines(**at: str) -> str:
    """demo-ok's applicant.yaml with some lines (1-based, as ``L9``) replaced."""
    lines = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8").splitlines()
    for key, text in at.items():
        lines[int(key[1:]) - 1] = text
    return "\n".join(lines) + "\n"


def with_profile(tmp_path: Path, text: str) -> Path:
    d = demo(tmp_path)
    (d / "applicant.yaml").write_text(text, encoding="utf-8")
    return d


@pytest.mark.parametrize("anchor", ["notes: &r [*r]", "extra: &r {not: *r}", "extra: &r {all: [*r]}"])
def test_11_recursive_anchors_are_one_line_in_check_and_checklist_validate(tmp_path, anchor):
    d = with_profile(tmp_path, profile_text() + anchor + "\n")
    refused(cli("check", d, *CHEAP), "applicant.yaml")
    checklist = tmp_path / "list.yaml"
    checklist.write_text((REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8") + anchor + "\n",
                         encoding="utf-8")
    refused(cli("checklist", "validate", checklist), "list.yaml")


def test_12_an_explicit_timestamp_is_read_as_the_date_written(tmp_path):
    d = with_profile(tmp_path, profile_text(**{"current_title_date: 2018-07-01":
                                                "current_title_date: !!timestamp 2018-07-01"}))
    plain = with_profile(tmp_path / "plain", profile_text())
    assert codes(cli("check", d, "-f", "json", *CHEAP)) == codes(cli("check", plain, "-f", "json", *CHEAP))


def test_13_aliases_are_bounded_by_the_size_they_expand_to(tmp_path):
    big = "x" * 800_000
    bomb = (f"notes: &s {big}\nlist: &l [{', '.join(['*s'] * 99)}]\n"  # 980 × 100 values: under the value cap
            f"more: [{', '.join(['*l'] * 980)}]\n")
    d = with_profile(tmp_path, profile_text() + bomb)
    proc = subprocess.run([sys.executable, "-m", "dossiercheck", "check", str(d), *CHEAP], capture_output=True,
                          timeout=120, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT)))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and len(err.strip().splitlines()) == 1 and "applicant.yaml" in err, err
    assert "字符" in err and "锚点" in err, err  # refused for what it expands to, before any value is judged


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_yaml_syntax_errors_point_at_the_line_to_change_with_an_example(tmp_path, lang):
    assert profile_lines()[:-1].splitlines()[8].startswith("id_number")
    colon = refused(cli("check", with_profile(tmp_path / "a", profile_lines(L9="gender:女")), *CHEAP, "--lang", lang),
                    "applicant.yaml")
    quote = refused(cli("check", with_profile(tmp_path / "b", profile_lines(L7='political_status: "中共党员')),
                        *CHEAP, "--lang", lang), "applicant.yaml")
    if lang == "zh":
        assert "第 9 行" in colon and "空格" in colon and "gender: 女" in colon and "could not" not in colon
        assert "第 7 行" in quote and "引号" in quote
    else:
        assert "line 9" in colon and "space after the colon" in colon and "gender: 女" in colon
        assert "line 7" in quote and "quote" in quote


# ------------------------------------------------------------------ 14, 16, 17 leaks and terminal safety


def test_14_an_id_number_typed_into_another_field_is_masked(tmp_path):
    d = with_profile(tmp_path, profile_text(**{"gender: 女": f'gender: "{ID}"'}))
    for lang in ("zh", "en"):
        line = refused(cli("check", d, *CHEAP, "--lang", lang), "applicant.yaml")  # cli() asserts no full ID
        assert ID[:3] in line and ID[-4:] in line


ESCAPE = "\x1b]0;X\x07\x1b[2J\u202efake.jpg"


def test_16_control_characters_in_names_never_reach_the_terminal(tmp_path):
    d = demo(tmp_path)
    (d / "08-代表作品" / ESCAPE).write_bytes(b"")
    out = cli("check", d, *CHEAP).stdout
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert "\\x1b]0;X\\x07" in out
    html = tmp_path / "r.html"  # the HTML report too: the file's path, its thumbnail's caption and alt text
    cli("check", d, *CHEAP, "-f", "html", "-o", html)
    assert "\x1b" not in html.read_text(encoding="utf-8") and "\u202e" not in html.read_text(encoding="utf-8")
    z = zip_of(demo(tmp_path, "z"), tmp_path / "z.zip", [("08-代表作品/" + ESCAPE, b"")])
    out = cli("check", z, *CHEAP).stdout
    assert "\x1b" not in out and "\x07" not in out and "\\x1b[2J" in out


def test_16_a_line_break_in_a_file_name_does_not_split_a_finding(tmp_path):
    """A name is one line wherever it is printed: in the file list and inside a finding's own words (C301)."""
    d = demo(tmp_path)
    photo = (DEMO_OK / "02-一寸照片" / "一寸照片.jpg").read_bytes()
    (d / "02-一寸照片" / "一寸照片.jpg").write_bytes(photo)
    (d / "02-一寸照片" / "照片\n第二行.jpg").write_bytes(photo)
    out = cli("check", d, *CHEAP, "--select", "C").stdout
    assert "照片\\x0a第二行.jpg 与" in out
    assert not any(line.startswith("第二行") for line in out.splitlines())


def test_17_a_zip_entry_flagged_utf8_with_invalid_bytes_is_i110_and_the_rest_is_checked(tmp_path):
    z = zip_of(demo(tmp_path), tmp_path / "d.zip", [("08-代表作品/bad-X.jpg", b"")])
    data = bytearray(z.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):  # every name flagged UTF-8
        at = data.find(signature)
        while at != -1:
            data[at + offset + 1] |= 0x08
            at = data.find(signature, at + 4)
    z.write_bytes(bytes(data).replace(b"bad-X.jpg", b"bad-\xff.jpg"))
    found = codes(cli("check", z, "-f", "json", *CHEAP))
    assert ("08-代表作品/bad-\ufffd.jpg", "I110") in found or any(c == "I110" for _, c in found)
    assert any(f and f.startswith("01-") for f, _ in found)  # the other entries were checked (empty files: I101)


def test_a_reversed_work_history_period_is_said_as_such(tmp_path):
    d = with_profile(tmp_path, profile_text(**{"{from: 2014-07, to: 2019-12": "{from: 2019-12, to: 2014-07"}))
    found = codes(cli("check", d, "-f", "json", "--select", "R", "-j", "1", "--today", TODAY))
    assert (None, "R110") in found


def test_pool_workers_forked_after_the_guarded_child_started_read_pdfs(tmp_path):
    """A worker forked while this process's guarded child runs must start its own (the parent's child and its pipe
    are not the worker's to touch: doing so once hung the worker on a lock held by the parent's reader thread)."""
    from concurrent.futures import ProcessPoolExecutor

    pdf = write(tmp_path / "two.pdf", leaves(2, 2))
    assert inspect_pdf(pdf)["pages"] == 2
    with ProcessPoolExecutor(1) as pool:
        assert pool.submit(inspect_pdf, pdf).result(timeout=120)["pages"] == 2


@pytest.mark.parametrize(("old", "new", "said"), [
    ('patterns: ["*身份证*"', 'patterns: ["*[身份证*"', "“*[身份证*”永远匹配不上"),            # [ never closed
    ('patterns: ["*身份证*"', 'patterns: ["身份证/*.jpg"', "“身份证/*.jpg”永远匹配不上"),       # a folder in it
    ("online: {start: 2023-09-01, end: 2023-09-25}", "online: {start: 2023-09-26, end: 2023-09-25}",
     "开始日期 2023-09-26 在结束日期 2023-09-25 之后"),                                       # a window backwards
])
def test_a_checklist_pattern_that_can_never_match_or_a_window_backwards_is_refused(tmp_path, old, new, said):
    """A clerk's checklist with a pattern no file name can match would report its item missing in every dossier;
    a window that ends before it starts would close the upload before it opens: validate says so, on its line."""
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    assert old in text
    checklist = tmp_path / "list.yaml"
    checklist.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = refused(cli("checklist", "validate", checklist), "list.yaml")
    assert said in line and "第" in line


@pytest.mark.parametrize(("old", "new", "said"), [
    ("levels: [初级, 中级]", "levels: [初级, 中级, 中级]", "有重复的项"),
    ("id: bz-news-2023", "id: BZ News 2024", "小写英文字母、数字和连字符"),
])
def test_a_checklist_value_of_the_wrong_form_is_told_the_form_in_words(tmp_path, old, new, said):
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    assert old in text
    checklist = tmp_path / "list.yaml"
    checklist.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = refused(cli("checklist", "validate", checklist), "list.yaml")
    assert said in line and "non-unique" not in line and "^[" not in line
