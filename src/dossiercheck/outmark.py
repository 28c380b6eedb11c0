"""The mark a command leaves in a folder it wrote (``sort``'s -sorted copy, ``fix``'s -fixed copy), so that a re-run
can tell its own previous output from a folder someone else filled.

``.dossiercheck-output.json`` (a dot file: ``check`` skips it) names the command, its source and every file the run
wrote with its hash. A re-run replaces only those files, and only while they are unchanged: a file the person
edited (the applicant.yaml they filled in) or added stays. A folder without the mark is never cleared.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dossiercheck import safeio

MARKER = ".dossiercheck-output.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mark(out: Path, command: str, source: Path, files: Iterable[str]) -> None:
    """Record that ``command`` wrote ``files`` (paths relative to ``out``) from ``source``."""
    written = {rel: _digest(out / rel) for rel in sorted(set(files)) if (out / rel).is_file()}
    data = {"command": command, "source": str(safeio.real(source)), "files": written}
    with safeio.open_text(out / MARKER, below=out, encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1))


def files(out: Path) -> set[str]:
    """Every file in ``out`` (paths relative to it), the mark aside."""
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER}


def previous(out: Path, command: str) -> dict[str, Any] | None:
    """The mark of ``command``'s earlier run in ``out``; None when there is none (or it is not ours to trust)."""
    path = out / MARKER
    if path.is_symlink() or not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("command") != command or not isinstance(data.get("files"), dict):
        return None
    return data


def clear(out: Path, data: dict[str, Any], keep: Iterable[str] = ()) -> list[str]:
    """Remove the files an earlier run wrote that are still as it wrote them (never a link, never outside ``out``,
    never one in ``keep``), then the folders that this leaves empty; return what was removed."""
    root, kept, removed = safeio.real(out), set(keep), []
    for rel, digest in data["files"].items():
        path = out / rel
        if rel in kept or path.is_symlink() or not path.is_file():
            continue
        if not safeio.real(path).is_relative_to(root) or _digest(path) != digest:
            continue
        path.unlink()
        removed.append(rel)
        for parent in path.parents:
            if parent == out or not parent.is_relative_to(out) or any(parent.iterdir()):
                break
            parent.rmdir()
    return removed
