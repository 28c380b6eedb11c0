"""The page's private working folder: ``<cache dir>/app/run-…/`` (0700, files 0600), removed when the server stops
and by ``dossiercheck cache clear``. The browser sends copies: the user's own files are never written.

Uploads are bounded as a zip is (archive.py): at most ``MAX_ENTRIES`` files of at most ``MAX_ENTRY`` bytes each and
``MAX_TOTAL`` in all, and a name that would leave the folder (absolute, a drive letter, '..') is refused. A zip is
kept as it came: the engine unpacks it with its own bounds when it checks, as ``check`` does with a zip.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path

from dossiercheck import archive
from dossiercheck.cache import MARKER, MARKER_TEXT, RUN_LOCK, work_root
from dossiercheck.errors import UserError
from dossiercheck.profile import PROFILE_NAME

KINDS = ("folder", "zip", "photos")  # what the page sent: a folder's files, one zip, or loose photos


def _private_dir(path: Path) -> None:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode passes through the umask


def _hold(path: Path) -> int | None:
    """A lock held on ``path`` for as long as this process runs (released when it ends: no stale lock)."""
    try:
        import fcntl
    except ImportError:
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


class Workspace:
    def __init__(self, base: Path | None = None) -> None:
        root = work_root(base)
        _private_dir(root.parent)
        _private_dir(root)
        if not (root / MARKER).is_file():  # `cache clear` removes only a folder that carries the tool's mark
            (root / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        self.dir = Path(tempfile.mkdtemp(prefix="run-", dir=root))  # 0700, a name no other run has
        self._lock = _hold(self.dir / RUN_LOCK)  # `cache clear` leaves the folder of a page still open
        self.kind: str | None = None
        self.name = ""  # the dossier as the user knows it (the folder's or the zip's name), for the report
        self.files = 0
        self.bytes = 0

    # ---------------------------------------------------------------- where things are
    @property
    def upload(self) -> Path:
        """What the page sent: a folder (folder, photos) or a zip file."""
        return self.dir / ("upload.zip" if self.kind == "zip" else "upload")

    @property
    def sorted(self) -> Path:
        return self.dir / "sorted"

    @property
    def fixed(self) -> Path:
        return self.dir / "fixed"

    @property
    def fixed_zip(self) -> Path:
        return self.dir / "fixed.zip"

    @property
    def changes(self) -> Path:
        """fix's change log as it prints it, for the page's download."""
        return self.dir / "changes.txt"

    @property
    def profile(self) -> Path:
        """The applicant.yaml the form writes; every check of the page reads this one (``--profile``)."""
        return self.dir / PROFILE_NAME

    @property
    def report(self) -> Path:
        return self.dir / "report.html"

    @property
    def dossier(self) -> Path:
        """What is checked: the sorted copy of a pile, else the upload itself."""
        return self.sorted if self.sorted.is_dir() else self.upload

    # ---------------------------------------------------------------- uploads
    def start(self, kind: str, name: str = "") -> None:
        """A new dossier: forget the last one (its upload, sorted and fixed copies, report); the profile stays."""
        if kind not in KINDS:
            raise UserError("app.upload.bad_kind")
        for old in ("upload", "upload.zip", "sorted", "fixed", "fixed.zip", "changes.txt", "report.html", "profile-upload.yaml"):
            path = self.dir / old
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            elif path.exists() or path.is_symlink():
                path.unlink()
        self.kind, self.files, self.bytes = kind, 0, 0
        self.name = (archive.safe_parts(name) or [""])[-1][:100]

    async def add(self, name: str, chunks: AsyncIterator[bytes]) -> None:
        """Write one uploaded file, streamed, within the bounds; a refused or cut-off file leaves nothing behind."""
        if self.kind is None:
            raise UserError("app.upload.not_started")
        parts = archive.safe_parts(name)  # the zip's rule for a name: nothing outside the folder
        if not parts or any(len(p.encode("utf-8")) > 255 for p in parts):
            raise UserError("app.upload.bad_name", name=name)
        if self.kind == "zip":
            if self.files or not parts[-1].lower().endswith(".zip"):
                raise UserError("app.upload.one_zip")
            target = self.upload
        else:
            if self.files >= archive.MAX_ENTRIES:
                raise UserError("app.upload.too_many", n=archive.MAX_ENTRIES)
            target = self.upload.joinpath(*parts)
        if target.exists():
            raise UserError("app.upload.duplicate", name=name)
        limit = archive.MAX_TOTAL if self.kind == "zip" else archive.MAX_ENTRY
        try:
            _private_dir(target.parent)
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError as exc:  # a file where a folder must go, a name this file system cannot hold
            raise UserError("app.upload.cannot_write", name=name, problem=exc.strerror or type(exc).__name__) from None
        size = 0
        try:
            with os.fdopen(fd, "wb") as fh:
                async for chunk in chunks:
                    size += len(chunk)
                    if size > limit:
                        raise UserError("app.upload.too_big", name=name, mb=limit // 1_000_000)
                    if self.bytes + size > archive.MAX_TOTAL:
                        raise UserError("app.upload.total", mb=archive.MAX_TOTAL // 1_000_000)
                    fh.write(chunk)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
        self.files += 1
        self.bytes += size

    def done(self) -> None:
        if not self.files:
            raise UserError("app.upload.nothing")

    def is_pile(self) -> bool:
        """Loose photos (or a folder, or a zip, with no sub-folder): they are sorted before anything is checked."""
        if self.kind == "photos":
            return True
        if self.kind == "zip":
            try:
                with zipfile.ZipFile(self.upload) as z:
                    names = [archive.entry_name(i)[0] for i in z.infolist() if not i.is_dir()]
            except (zipfile.BadZipFile, OSError, ValueError):
                return False  # the check says what is wrong with it
            paths = [p for p in (archive.safe_parts(n) for n in names) if p and p[0] != "__MACOSX"]
            tops = {p[0] for p in paths if len(p) > 1}
            depth = 1 if len(tops) == 1 and all(len(p) > 1 for p in paths) else 0  # a zip of one folder
            return all(len(p) <= 1 + depth for p in paths)
        return not any(p.is_dir() for p in self.upload.iterdir()) if self.upload.is_dir() else False

    def found_profile(self) -> str | None:
        """The text of an applicant.yaml that came with the upload (the shallowest), to fill the form from."""
        from dossiercheck.archive import opened
        from dossiercheck.sort import find_profile

        if self.kind is None or not self.upload.exists():
            return None
        try:
            with opened(self.upload) as (root, _):
                found = find_profile(root, None)
                return found.read_text(encoding="utf-8", errors="replace") if found else None
        except (UserError, OSError):
            return None

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None
