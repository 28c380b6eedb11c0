"""A dossier folder → its files, each assigned to a checklist item.

A file belongs to an item by the folder it sits in (the ``NN-标题`` folders that ``init`` makes; the number may be
changed or dropped) or, anywhere else, by the item's filename patterns: the most specific pattern wins, and items
that apply to this applicant win over those that do not. The scan only lists; it never opens or changes a file.
What it cannot list is reported, never skipped: a sub-folder it may not read (I107), a name that is not valid text
(I115, shown with replacement characters); a link loop is listed and found unreadable by the inspection.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossiercheck.checklist import Checklist, Item, matches, nfc
from dossiercheck.errors import UserError
from dossiercheck.profile import PROFILE_NAME

FIX_REPORT = "fix-report.json"  # written by `fix` into its copy; not part of the dossier
IGNORED_NAMES = {"thumbs.db", ".ds_store", "desktop.ini", PROFILE_NAME, FIX_REPORT}
IGNORED_DIRS = {"__macosx", ".git"}
_NUMBER_PREFIX = re.compile(r"^\s*\d+\s*[-_.、．\s]*")


def ignored(name: str) -> bool:
    """System and editor litter that is never part of a dossier."""
    return name.casefold() in IGNORED_NAMES or name.startswith(("~$", "._", "."))


def folder_key(name: str) -> str:
    """'01-身份证', '1 身份证' and '身份证' all name the same item folder."""
    return _NUMBER_PREFIX.sub("", nfc(name)).strip().casefold()


def specificity(pattern: str) -> int:
    return len(pattern.replace("*", "").replace("?", ""))


@dataclass
class DossierFile:
    rel: str  # path relative to the dossier, '/'-separated, NFC
    path: Path
    size: int
    item: str | None = None
    outside_link: bool = False  # a symlink that points outside the dossier: never read

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]


@dataclass
class Dossier:
    root: Path                      # where the files are read (a zip's temporary folder)
    files: list[DossierFile] = field(default_factory=list)
    source: Path | None = None      # what the user named: the folder, or the zip file
    problems: list[dict] = field(default_factory=list)  # found while unpacking a zip

    @property
    def shown(self) -> Path:
        return self.source or self.root

    def files_of(self, item_id: str) -> list[DossierFile]:
        return [f for f in self.files if f.item == item_id]


def _best_item(name: str, items: list[Item], facts: dict[str, Any]) -> Item | None:
    scored = [(item.applies(facts), max(specificity(p) for p in item.patterns if matches(name, [p])), -item.index, item)
              for item in items if item.patterns and matches(name, item.patterns)]
    return max(scored, key=lambda s: s[:3])[3] if scored else None


def _stand_in(item: Item, name: str, items: list[Item], facts: dict[str, Any]) -> Item:
    """A folder's item, or, when it does not apply to this applicant, the applicable item that takes its files
    (``takes_files_of``: a 初级 applicant's certificates in the 中级 folders are the 初级 item's)."""
    if item.applies(facts):
        return item
    takers = [i for i in items if item.id in i.takes_files_of and i.applies(facts)]
    if len(takers) == 1:
        return takers[0]
    return _best_item(name, takers, facts) or item


def shown_name(text: str) -> str:
    """A name as the file system gave it (undecodable bytes kept as surrogates), printable: bad bytes become �."""
    return os.fsencode(text).decode("utf-8", errors="replace")


def _link_target(path: Path) -> Path | None:
    """Where a link leads, or None for a loop."""
    try:
        return path.resolve(strict=False)
    except (RuntimeError, OSError):  # RuntimeError: "Symlink loop" (Python < 3.13)
        return None


def check_folder(root: Path) -> None:
    if not root.exists():
        raise UserError("error.no_such_dir", path=root)
    if not root.is_dir():
        raise UserError("error.not_a_dir", path=root)
    try:  # a folder that cannot be listed would otherwise read as an empty dossier, or stop the run
        with os.scandir(root) as entries:
            next(entries, None)
    except OSError as exc:
        raise UserError("error.folder_unreadable", path=root, problem=exc.strerror or type(exc).__name__) from None


def scan(root: Path, checklist: Checklist, facts: dict[str, Any], empty: str = "error.empty_dir") -> Dossier:
    """The files under ``root`` assigned to items; an empty folder is the UserError ``empty`` (its advice: check's
    is to run init, sort's to put the photos in)."""
    check_folder(root)
    real_root = root.resolve()
    uploads = [i for i in checklist.items if i.uploads]
    by_folder = {folder_key(i.folder): i for i in uploads}
    dossier = Dossier(root)

    def unreadable(error: OSError) -> None:  # os.walk would skip the folder silently: a dossier never passes so
        rel = shown_name(Path(error.filename).relative_to(root).as_posix()) if error.filename else "."
        dossier.problems.append({"code": "I107", "name": rel, "detail": error.strerror or type(error).__name__})

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if d.casefold() not in IGNORED_DIRS and not d.startswith("."))
        for d in dirnames:  # a linked folder is not walked: one that leads outside (or nowhere) is said, not skipped
            link = Path(dirpath) / d
            if link.is_symlink():
                target = _link_target(link)
                if target is None or not target.is_relative_to(real_root):
                    rel = shown_name(nfc(link.relative_to(root).as_posix()))
                    dossier.problems.append({"code": "I108", "name": rel})
        for name in sorted(filenames):
            if ignored(name):
                continue
            path = Path(dirpath) / name
            rel = nfc(path.relative_to(root).as_posix())
            if shown_name(rel) != rel:  # not valid UTF-8: it could be neither shown nor uploaded as it is
                dossier.problems.append({"code": "I115", "name": shown_name(rel)})
                continue
            target = _link_target(path) if path.is_symlink() else None
            outside = target is not None and not target.is_relative_to(real_root)
            try:
                size = 0 if outside else path.stat().st_size
            except OSError:
                size = 0
            parts = rel.split("/")
            item = by_folder.get(folder_key(parts[0])) if len(parts) > 1 else None
            item = _stand_in(item, parts[-1], uploads, facts) if item else _best_item(parts[-1], uploads, facts)
            dossier.files.append(DossierFile(rel, path, size, item.id if item else None, outside))
    if not dossier.files and not any(root.iterdir()):
        raise UserError(empty, path=root)
    return dossier
