"""Hostile input, round 3 (issue 25): each numbered case, built here from small generated files, must end in a
finding or one clear line naming the file; never exit 3, a hang, an out-of-memory kill, a changed source, or a
deleted file the tool did not create. The PDF bombs run in a child process under a memory limit of their own."""

from __future__ import annotations

import json
import os
import stat

import pytest

from test_hostile import CHEAP, ID, cli, codes, demo, page_png, private_tmp  # noqa: F401  (autouse fixture)

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
