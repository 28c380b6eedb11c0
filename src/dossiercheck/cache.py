"""The facts cache: inspection results keyed by file content hash + inspector version (+ what was asked).

It lives in the user's cache directory (``DOSSIERCHECK_CACHE_DIR`` overrides), created private to the user (0700,
files 0600) because OCR text of a dossier is personal data. ``--no-cache`` bypasses it; ``dossiercheck cache clear``
removes only the ``facts`` folder the tool made (it carries a marker), never the folder it sits in. An entry is
checked against the shape the inspection writes: a damaged or foreign entry is a miss, never an error or a fact.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import platformdirs

from dossiercheck.facts import FileFacts

MARKER = "CACHEDIR.TAG"  # the tool's mark in its own folder: ``clear`` deletes nothing without it
MARKER_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# dossiercheck facts cache; safe to delete.\n"

# Error codes an inspection may store (others are never cached or do not exist).
ERROR_CODES = {"empty", "truncated", "corrupt", "bomb", "encrypted", "broken", "no_pages", "not_regular"}


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
        return (isinstance(pdf, dict) and _int(pdf.get("pages")) and pdf["pages"] > 0 and
                _int(entry.get("pages")) and isinstance(pdf.get("text"), list) and
                all(isinstance(t, str) for t in pdf["text"]) and isinstance(pdf.get("ocr", []), list) and
                all(_page_ok(p) for p in pdf.get("ocr", [])) and isinstance(pdf.get("views", []), list) and
                all(_view_ok(v) for v in pdf.get("views", [])))
    if kind in ("jpeg", "png", "gif", "bmp", "webp", "tiff", "heic"):  # filetype.IMAGE_KINDS (no import cycle)
        quality = entry.get("quality")
        return (_int(entry.get("width")) and _int(entry.get("height")) and isinstance(quality, dict) and
                all(_num(quality.get(k)) for k in ("paper", "median", "contrast", "ink", "sharpness",
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
    return not lines or (isinstance(frame, dict) and _num(frame.get("scale")))


def _view_ok(view: Any) -> bool:
    """A rendered PDF page: its number, quality measures and hidden-text runs."""
    if not isinstance(view, dict) or not _int(view.get("page")) or not isinstance(view.get("quality", {}), dict):
        return False
    hidden = view.get("hidden", [])
    return isinstance(hidden, list) and all(
        isinstance(r, dict) and r.get("kind") in ("covered", "invisible", "outside") and _int(r.get("chars"))
        and isinstance(r.get("first"), str) and _box(r.get("bbox")) for r in hidden)


class FactsCache:
    def __init__(self, enabled: bool = True, root: Path | None = None) -> None:
        self.enabled = enabled
        self.root = (root or cache_dir()) / "facts"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str, digest: str | None = None) -> FileFacts | None:
        if not self.enabled:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"), parse_constant=_reject_constant)
        except (OSError, ValueError, RecursionError):
            return None
        return entry if valid_entry(entry, digest) else None

    def put(self, key: str, facts: FileFacts) -> None:
        if not self.enabled:
            return
        path = self._path(key)
        try:
            if not self.root.parent.is_dir():
                self.root.parent.mkdir(mode=0o700, parents=True)
                os.chmod(self.root.parent, 0o700)  # mkdir's mode is filtered by the umask
            if not self.root.is_dir():
                self.root.mkdir(mode=0o700)
            marker = self.root / MARKER
            if not marker.is_file():
                marker.write_text(MARKER_TEXT, encoding="utf-8")
            path.parent.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # mkstemp creates it 0600
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(facts, fh, ensure_ascii=False, allow_nan=False)
            os.replace(tmp, path)
        except (OSError, ValueError):
            pass  # a cache that cannot be written only costs time

    def _ours(self) -> bool:
        """Only a real folder holding our marker is the tool's to delete."""
        return not self.root.is_symlink() and self.root.is_dir() and (self.root / MARKER).is_file()

    def stats(self) -> tuple[int, int]:
        files = list(self.root.rglob("*.json")) if self._ours() else []
        return len(files), sum(f.stat().st_size for f in files)

    def clear(self) -> int:
        """Delete the cache folder the tool made (``<cache dir>/facts`` with its marker); nothing else, ever."""
        work = work_root(self.root.parent)  # the page's working folders: removed too, when they carry the mark
        if not work.is_symlink() and (work / MARKER).is_file():
            shutil.rmtree(work, ignore_errors=True)
        if not self._ours():
            return 0
        count = self.stats()[0]
        shutil.rmtree(self.root, ignore_errors=True)  # the parent may be the user's own folder: left alone
        return count
