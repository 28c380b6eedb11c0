"""Dossiers that arrive as zip files (a clerk collects them from applicants, often made on Windows).

A zip is unpacked into a private temporary folder, never next to the dossier or into it, and removed afterwards.
Windows archivers write Chinese names in GBK/CP936 without the UTF-8 flag: those are decoded as such, and a name
that still cannot be decoded is reported as garbled. Entries with absolute paths or ``..`` are refused, sizes are
capped (per entry, in total, and by compression ratio) against zip bombs, and encrypted entries are reported. Each
refusal is a problem of the dossier (findings I110–I113), and the rest of the zip is still checked.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from dossiercheck.errors import UserError

MAX_ENTRY = 200_000_000        # bytes of one unpacked file
MAX_TOTAL = 2_000_000_000      # bytes of the whole unpacked dossier
MAX_RATIO = 200                # unpacked/packed beyond this (for entries over 1 MB) is a zip bomb
MAX_ENTRIES = 10_000
UTF8_FLAG = 0x800
ENCRYPTED_FLAG = 0x1


def entry_name(info: zipfile.ZipInfo) -> tuple[str, bool]:
    """The entry's real name and whether it is garbled (could not be decoded)."""
    if info.flag_bits & UTF8_FLAG:
        return info.filename, False
    raw = info.filename.encode("cp437")  # what zipfile did with the bytes when the flag was absent
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding), False
        except UnicodeDecodeError:
            continue
    return raw.decode("gb18030", errors="replace"), True


def _safe_parts(name: str) -> list[str] | None:
    """Path parts of an entry, or None if it would escape the folder (absolute, drive letter, '..')."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return parts


def _strip_common_top(entries: list[tuple[list[str], zipfile.ZipInfo, bool]]) -> None:
    """A zip of one folder (张三/01-身份证/…) is that folder's dossier."""
    tops = {parts[0] for parts, _, _ in entries if len(parts) > 1}
    if len(tops) == 1 and all(len(parts) > 1 for parts, _, _ in entries):
        for parts, _, _ in entries:
            del parts[0]


def unpack(zip_path: Path, dest: Path) -> list[dict]:
    """Unpack ``zip_path`` into ``dest``; returns the problems found (as finding codes with their arguments)."""
    problems: list[dict] = []
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError("bad_zip", path=zip_path, problem=str(exc)[:80]) from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise UserError("bad_zip", path=zip_path, problem=f"{len(infos)} entries")
        entries = []
        for info in infos:
            name, garbled = entry_name(info)
            parts = _safe_parts(name)
            if parts is None:
                problems.append({"code": "I111", "name": name})
            elif parts and parts[0] != "__MACOSX":
                entries.append((parts, info, garbled))
        _strip_common_top(entries)
        total = 0
        for parts, info, garbled in entries:
            name = "/".join(parts)
            if info.flag_bits & ENCRYPTED_FLAG:
                problems.append({"code": "I113", "name": name})
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_ENTRY or (info.file_size > 1_000_000 and ratio > MAX_RATIO) or \
                    total + info.file_size > MAX_TOTAL:
                problems.append({"code": "I112", "name": name, "size": info.file_size})
                continue
            if garbled:
                problems.append({"code": "I110", "name": name})
            target = dest.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                written = _copy_capped(archive, info, target)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, NotImplementedError) as exc:
                problems.append({"code": "I112" if "cap" in str(exc) else "I114", "name": name, "detail": str(exc)[:80]})
                target.unlink(missing_ok=True)
                continue
            total += written
    return problems


def _copy_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> int:
    """Copy one entry, trusting no header: stop past the declared size (a forged header is a bomb too)."""
    limit = min(info.file_size, MAX_ENTRY)
    written = 0
    with archive.open(info) as src, open(target, "wb") as dst:
        while block := src.read(1 << 20):
            written += len(block)
            if written > limit:
                raise OSError("size cap exceeded")
            dst.write(block)
    return written


@contextmanager
def opened(source: Path) -> Iterator[tuple[Path, list[dict]]]:
    """A dossier folder as it is, or a zip unpacked to a private temporary folder for the time of the check."""
    if source.is_file() and source.suffix.lower() == ".zip":
        tmp = Path(tempfile.mkdtemp(prefix="dossiercheck-"))  # mkdtemp: private to the user (0700)
        try:
            yield tmp, unpack(source, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        yield source, []
