"""The facts cache: inspection results keyed by file content hash + inspector version (+ what was asked).

It lives in the user's cache directory (``DOSSIERCHECK_CACHE_DIR`` overrides), created private to the user (0700,
files 0600) because OCR text of a dossier is personal data. ``--no-cache`` bypasses it. Beside the facts it keeps
records of the checklists and applicant.yaml files that passed their schema (``valid/``: their data, keyed by
their text, the schema and the validating code; see yamlio.load_yaml), so that a re-check neither parses nor
validates them again; they go with ``cache clear`` like the facts. In ``engine/``, the OCR models as OpenVINO
compiled them for this computer (``engine_folder``).

The cache owns only what it created: the ``facts`` folder it made (the marker is written only by the mkdir that
created it, so a ``facts`` folder the user already had is never marked, written into, or cleared: the run goes on
without a cache and ``cache clear`` says so), and in it only entries named as it names them. ``cache clear``
deletes those and says what else it found and left. An entry is read only if it is a regular file of bounded size
(a link to /dev/zero or a FIFO is a miss, never a hang) and is checked against the shape and the possible values
the inspection writes: a damaged, foreign or impossible entry is a miss, never an error or a fact.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

from dossiercheck.facts import FileFacts

MARKER = "CACHEDIR.TAG"  # the tool's mark in its own folder: ``clear`` deletes nothing without it
MARKER_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# dossiercheck facts cache; safe to delete.\n"

# Error codes an inspection may store (others are never cached or do not exist).
ERROR_CODES = {"empty", "truncated", "corrupt", "bomb", "encrypted", "broken", "no_pages", "not_regular"}
MAX_ENTRY = 64 << 20  # bytes: a 300-page OCR'd PDF's facts are a few MB; a larger "entry" is not ours
# what the cache names: <2 hex>/<sha256>-<version>-<wants>.json, valid/<key>.valid (the data of a YAML text that
# passed its schema: yamlio.load_yaml), mkstemp's tmp…tmp while one is written, and engine/<number>.blob (a model
# OpenVINO compiled: engine_folder)
_ENTRY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}-[^/]+\.json|[0-9a-f]{2}/tmp[^/]*\.tmp"
                    r"|valid/[0-9a-f]{64}\.valid|valid/tmp[^/]*\.tmp|engine/[0-9]+\.blob")
ENGINE = "engine"  # the compiled OCR models (FactsCache.engine_folder)
_KEY = re.compile(r"[0-9a-f]{64}")


def cache_dir() -> Path:
    override = os.environ.get("DOSSIERCHECK_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("dossiercheck", appauthor=False))


def work_root(root: Path | None = None) -> Path:
    """Where ``dossiercheck app`` keeps its private working folders (uploads, sorted and fixed copies)."""
    return (root or cache_dir()) / "app"


def _reject_constant(name: str) -> None:
    raise ValueError(name)  # NaN and Infinity are not JSON and never written by us


def _num(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _positive(value: Any) -> bool:
    return _int(value) and value > 0


def _measure(value: Any) -> bool:
    """A quality measure as ``measure`` writes it: a finite number, never negative."""
    return _num(value) and math.isfinite(value) and value >= 0


def valid_entry(entry: Any, digest: str | None = None) -> bool:
    """Whether a cache entry has the shape the inspection writes; anything else is a miss, never trusted."""
    if not isinstance(entry, dict) or not isinstance(entry.get("ext"), str):
        return False
    if digest is not None and entry.get("sha256") != digest:
        return False
    if "error" in entry:
        error = entry["error"]
        return isinstance(error, dict) and error.get("code") in ERROR_CODES and isinstance(error.get("detail", ""), str)
    kind = entry.get("kind")
    if not isinstance(kind, str) or not isinstance(entry.get("ext_ok"), bool):
        return False
    if kind == "pdf":
        pdf = entry.get("pdf")
        return (isinstance(pdf, dict) and _positive(pdf.get("pages")) and entry.get("pages") == pdf["pages"] and
                isinstance(pdf.get("text"), list) and
                all(isinstance(t, str) for t in pdf["text"]) and isinstance(pdf.get("ocr", []), list) and
                all(_page_ok(p) for p in pdf.get("ocr", [])) and isinstance(pdf.get("views", []), list) and
                all(_view_ok(v) for v in pdf.get("views", [])))
    if kind in ("jpeg", "png", "gif", "bmp", "webp", "tiff", "heic"):  # filetype.IMAGE_KINDS (no import cycle)
        quality = entry.get("quality")
        return (_positive(entry.get("width")) and _positive(entry.get("height")) and isinstance(quality, dict) and
                all(_measure(quality.get(k)) for k in ("paper", "median", "contrast", "ink", "sharpness",
                                                                 "colour")) and
                isinstance(entry.get("ocr", []), list) and all(_page_ok(p) for p in entry.get("ocr", [])))
    return True  # another kind (a Word file, a text file): only its kind is used


def _box(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 4 and all(_num(v) for v in value)


def _page_ok(page: Any) -> bool:
    """An OCR'd page as the reader writes it: lines of text with boxes, and the frame they are measured in."""
    if not isinstance(page, dict) or not isinstance(page.get("status", ""), str):
        return False
    lines = page.get("lines", [])
    if not isinstance(lines, list) or not all(isinstance(ln, dict) and isinstance(ln.get("t"), str) and _box(ln.get("b"))
                                              and isinstance(ln.get("paper", []), list) for ln in lines):
        return False
    frame = page.get("frame")
    return not lines or (isinstance(frame, dict) and _num(frame.get("scale")) and frame["scale"] > 0)


def _view_ok(view: Any) -> bool:
    """A rendered PDF page: its number, quality measures and hidden-text runs."""
    if not isinstance(view, dict) or not _positive(view.get("page")) or not isinstance(view.get("quality", {}), dict):
        return False
    if not all(_measure(v) for v in view.get("quality", {}).values()):
        return False
    hidden = view.get("hidden", [])
    return isinstance(hidden, list) and all(
        isinstance(r, dict) and r.get("kind") in ("covered", "invisible", "outside") and _int(r.get("chars"))
        and isinstance(r.get("first"), str) and _box(r.get("bbox")) for r in hidden)


_memory: dict[str, str] | None = None  # what one command has read, while the disk cache is off (``remembered``)


@contextmanager
def remembered() -> Iterator[None]:
    """Within this block a command that runs without the cache (``--no-cache``) still reads each file once: ``fix``
    checks the dossier, writes the copy and checks the copy, whose unchanged files are the same bytes. Entries live
    in this process's memory only (as JSON text: every get is a fresh copy) and are gone when the block ends."""
    global _memory
    saved, _memory = _memory, {}
    try:
        yield
    finally:
        _memory = saved


class FactsCache:
    def __init__(self, enabled: bool = True, root: Path | None = None) -> None:
        self.enabled = enabled
        self.root = (root or cache_dir()) / "facts"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, digest: str | None = None) -> FileFacts | None:
        if not self.enabled:
            kept = _memory.get(key) if _memory is not None else None
            return json.loads(kept) if kept is not None else None
        if not self._ours():
            return None
        try:
            entry = json.loads(_read_entry(self._path(key)), parse_constant=_reject_constant)
        except (OSError, ValueError, RecursionError):
            return None
        return entry if valid_entry(entry, digest) else None

    def put(self, key: str, facts: FileFacts) -> None:
        if not self.enabled:
            if _memory is not None:
                _memory[key] = json.dumps(facts, ensure_ascii=False)
            return
        self._write(self._path(key), facts)

    def validated(self, key: str) -> dict[str, Any] | None:
        """The data of a YAML text that passed its schema, by its key (yamlio.record_key); None (parse and validate
        it) when there is no record, or one the cache did not write for this key."""
        if not self.enabled or not _KEY.fullmatch(key) or not self._ours():
            return None
        try:
            record = json.loads(_read_entry(self._record(key)), parse_constant=_reject_constant)
        except (OSError, ValueError, RecursionError):
            return None
        ok = isinstance(record, dict) and record.get("key") == key and isinstance(record.get("data"), dict)
        return record["data"] if ok else None

    def remember_valid(self, key: str, data: dict[str, Any]) -> None:
        if self.enabled and _KEY.fullmatch(key):
            self._write(self._record(key), {"key": key, "data": data})

    def _record(self, key: str) -> Path:
        return self.root / "valid" / f"{key}.valid"

    def _write(self, path: Path, value: Any) -> None:
        """Write one entry atomically, private to the user, in the folder the cache made (made now if need be)."""
        try:
            if not self._made():
                return  # a folder of the user's that happens to be called facts: never written into
            text = json.dumps(value, ensure_ascii=False, allow_nan=False)  # before a file exists: NaN is no JSON
            path.parent.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # mkstemp creates it 0600
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, path)
        except (OSError, ValueError, TypeError):  # TypeError: a value JSON cannot hold (YAML's !!set)
            pass  # a cache that cannot be written only costs time

    def _made(self) -> bool:
        """Make the cache's folder if need be (private, marked as the tool's); whether it is the tool's. OSError
        when it cannot be made."""
        if not self.root.parent.is_dir():
            self.root.parent.mkdir(mode=0o700, parents=True)
            os.chmod(self.root.parent, 0o700)  # mkdir's mode is filtered by the umask
        try:
            self.root.mkdir(mode=0o700)  # only the mkdir that made the folder marks it ours
            with open(self.root / MARKER, "x", encoding="utf-8") as fh:
                fh.write(MARKER_TEXT)
        except FileExistsError:
            pass
        return self._ours()

    def engine_folder(self) -> Path | None:
        """Where OpenVINO keeps the OCR models it compiled for this computer (``<number>.blob``, about 32 MB: the
        models, no document's data), so that each worker of a later run loads them instead of compiling them again
        (0.5 s of CPU each). Kept with ``--no-cache`` too, which is about documents' readings; ``cache clear``
        deletes it. None when the cache's folder is not the tool's or cannot be made: the models are compiled."""
        try:
            if not self._made():
                return None
            folder = self.root / ENGINE
            folder.mkdir(mode=0o700, exist_ok=True)
            return folder if not folder.is_symlink() and folder.is_dir() else None
        except OSError:
            return None

    def _ours(self) -> bool:
        """Only a real folder holding our marker is the tool's."""
        return not self.root.is_symlink() and self.root.is_dir() and (self.root / MARKER).is_file()

    def _walk(self) -> tuple[list[Path], list[Path]]:
        """The entries the cache made (regular files named as it names them), and everything else it finds."""
        mine, other = [], []
        for dirpath, dirnames, filenames in os.walk(self.root):
            for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
                path = Path(dirpath) / name
                rel = path.relative_to(self.root).as_posix()
                if rel == MARKER:
                    continue
                regular = stat.S_ISREG(os.lstat(path).st_mode)
                (mine if regular and _ENTRY.fullmatch(rel) else other).append(path)
        return mine, other

    def stats(self) -> tuple[int, int, int]:
        """Entries of facts, their bytes, and the bytes of the compiled OCR models (``engine_folder``)."""
        if not self._ours():
            return 0, 0, 0
        mine = self._walk()[0]
        files = [f for f in mine if f.suffix == ".json"]
        return (len(files), sum(f.lstat().st_size for f in files),
                sum(f.lstat().st_size for f in mine if f.suffix == ".blob"))

    def clear(self) -> Cleared:
        """Delete the entries the cache made, then its folders if that empties them; nothing else, ever. The page's
        working folders (``dossiercheck app``) go too, when they carry the tool's mark."""
        work = work_root(self.root.parent)
        busy = 0
        if not work.is_symlink() and (work / MARKER).is_file():
            busy = _clear_work(work)
        if not self.root.exists() and not self.root.is_symlink():
            return Cleared(0, [], True, busy)
        if not self._ours():
            return Cleared(0, [self.root], False, busy)
        mine, other = self._walk()
        for path in mine:
            path.unlink(missing_ok=True)
        # the engine folder is made before OpenVINO writes into it: it may be there empty
        for folder in sorted({p.parent for p in mine} | {self.root / ENGINE}, reverse=True):
            if folder != self.root and not folder.is_symlink() and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        if not other and not any(p.name != MARKER for p in self.root.iterdir()):
            (self.root / MARKER).unlink()
            self.root.rmdir()  # the folder it sits in may be the user's own: left alone
        return Cleared(sum(p.suffix == ".json" for p in mine), other, True, busy)


class Cleared(NamedTuple):
    count: int          # entries deleted
    left: list[Path]    # what was not the cache's, left where it is
    ours: bool          # False: the facts folder is not one the tool made, nothing was touched
    busy: int = 0       # working folders of a local page still open, left for it to remove when it closes


RUN_LOCK = ".in-use"  # a page's working folder holds a lock on this file while the page runs (app/workspace.py)


def in_use(run: Path) -> bool:
    """Whether a running page holds its working folder (a lock on RUN_LOCK); never where locks are unknown."""
    try:
        import fcntl
    except ImportError:
        return False
    try:
        fd = os.open(run / RUN_LOCK, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _clear_work(work: Path) -> int:
    """The local page's working folders, but those of a page still open (which removes its own on closing), then the
    folder that held them if that empties it; returns how many were left because open."""
    busy = 0
    for run in list(work.iterdir()):
        if run.is_dir() and not run.is_symlink() and in_use(run):
            busy += 1
        elif run.is_dir() and not run.is_symlink():
            shutil.rmtree(run, ignore_errors=True)
        elif run.name != MARKER:
            run.unlink()
    if not busy:
        shutil.rmtree(work, ignore_errors=True)
    return busy


def _read_entry(path: Path) -> bytes:
    """An entry's bytes; OSError for anything but a bounded regular file (no link followed, no FIFO waited on)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            raise OSError("not a cache entry")
        return fh.read(MAX_ENTRY + 1)
