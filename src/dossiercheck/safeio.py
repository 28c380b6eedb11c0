"""Output safety, in one place: every file the tool writes (a report, a preview, the roster, a fixed copy) goes
through here.

- ``guard``: an output path is resolved (links included) and refused when it is, or lies inside, a dossier being
  read: the user's folder is only ever read.
- ``write_file`` / ``open_text``: the content is made in a private scratch folder, then installed with a temporary
  name and ``os.replace`` (an interrupted run never leaves half a file). The destination's directories are walked
  by file descriptor without following links (O_NOFOLLOW), each created 0700, and a link among them is refused; the
  file itself is created 0600 (the roster holds full ID numbers, the previews show ID scans).
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from dossiercheck.errors import UserError

FILE_MODE = 0o600
DIR_MODE = 0o700
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


def real(path: Path) -> Path:
    """The path with every link resolved; never raises on a link loop (unlike Path.resolve)."""
    return Path(os.path.realpath(path))


def guard(out: Path, dossiers: Iterable[Path]) -> None:
    """Refuse ``out`` when it is a dossier being read or lies inside one."""
    target = real(out)
    for dossier in dossiers:
        place = real(dossier)
        if target == place or target.is_relative_to(place):
            raise UserError("error.output_inside", path=out)


def refuse_links(out: Path) -> None:
    """Refuse an existing output folder that holds a link (checked before anything is written, and again by each
    write): ``fix --force`` into it would otherwise stop half-way."""
    if not out.is_dir() or out.is_symlink():
        return
    for dirpath, dirnames, filenames in os.walk(out):
        for name in (*dirnames, *filenames):
            if os.path.islink(os.path.join(dirpath, name)):
                raise UserError("error.output_link", path=Path(dirpath) / name)


def _open_dirs(base: Path, parts: Iterable[str]) -> int:
    """A descriptor of base/parts…, creating what is missing (0700); a link below ``base`` is refused."""
    base = real(base)
    try:
        base.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        fd = os.open(base, _DIR_FLAGS)
    except OSError as exc:
        raise UserError("error.cannot_write", path=base, problem=exc.strerror or str(exc)) from None
    shown = base
    try:
        for part in parts:
            shown = shown / part
            try:
                os.mkdir(part, DIR_MODE, dir_fd=fd)
            except FileExistsError:
                pass
            try:
                child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR) and os.path.islink(shown):
                    raise UserError("error.output_link", path=shown) from None
                raise
            os.close(fd)
            fd = child
    except OSError as exc:
        os.close(fd)
        raise UserError("error.cannot_write", path=shown, problem=exc.strerror or str(exc)) from None
    except BaseException:
        os.close(fd)
        raise
    return fd


# Windows has no directory descriptors: there the same steps go by path, each folder checked not to be a link.
_BY_DESCRIPTOR = os.open in os.supports_dir_fd and os.mkdir in os.supports_dir_fd and hasattr(os, "fchmod")


def _install_by_path(scratch: Path, target: Path, below: Path, parts: list[str]) -> None:
    folder = real(below)
    try:
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        for part in parts:
            folder = folder / part
            if folder.is_symlink():
                raise UserError("error.output_link", path=folder)
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
        tmp = folder / f".{target.name}.{secrets.token_hex(4)}.part"
        try:
            with open(tmp, "xb") as dst, open(scratch, "rb") as src:
                shutil.copyfileobj(src, dst, 1 << 20)
            os.chmod(tmp, FILE_MODE)
            os.replace(tmp, folder / target.name)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UserError("error.cannot_write", path=target, problem=exc.strerror or str(exc)) from None


def _install(scratch: Path, target: Path, below: Path | None) -> None:
    """Copy ``scratch`` to ``target`` under a temporary name (0600, no link followed), then rename it into place."""
    if below is None:
        below, parts = target.parent, []
    else:
        parts = list(target.relative_to(below).parts[:-1])
    if not _BY_DESCRIPTOR:
        _install_by_path(scratch, target, below, parts)
        return
    dir_fd = _open_dirs(below, parts)
    tmp = f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), FILE_MODE,
                     dir_fd=dir_fd)
        try:
            with os.fdopen(fd, "wb") as dst, open(scratch, "rb") as src:
                os.fchmod(dst.fileno(), FILE_MODE)
                shutil.copyfileobj(src, dst, 1 << 20)
            os.replace(tmp, target.name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)  # replaces a link, never follows it
        except BaseException:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except OSError:
                pass
            raise
    except OSError as exc:
        raise UserError("error.cannot_write", path=target, problem=exc.strerror or str(exc)) from None
    finally:
        os.close(dir_fd)


@contextmanager
def _scratch(name: str) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="dossiercheck-out-"))  # private (0700), removed whatever happens
    try:
        yield folder / name
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_file(target: Path, write: Callable[[Path], object], below: Path | None = None) -> None:
    """Write ``target`` with ``write(path)`` (any writer that takes a path); ``below`` is the output folder the user
    chose: the directories between it and ``target`` are created and may not be links."""
    with _scratch(target.name) as scratch:
        try:
            write(scratch)
        except OSError as exc:
            raise UserError("error.cannot_write", path=target, problem=exc.strerror or str(exc)) from None
        _install(scratch, target, below)


@contextmanager
def open_text(target: Path, below: Path | None = None, **kwargs) -> Iterator[IO[str]]:
    """A text file to write ``target`` through; it appears (atomically, 0600) only when the block succeeds."""
    kwargs.setdefault("encoding", "utf-8")
    with _scratch(target.name) as scratch:
        with open(scratch, "w", **kwargs) as fh:
            yield fh
        _install(scratch, target, below)
