"""Dossiers that arrive as zip files (a clerk collects them from applicants, often made on Windows).

A zip is unpacked into a private temporary folder, never next to the dossier or into it, and removed afterwards.
Windows archivers write Chinese names in GBK/CP936 without the UTF-8 flag: those are decoded as such, and a name
that still cannot be decoded is reported as garbled. Entries with absolute paths or ``..`` are refused, sizes are
capped (per entry, in total, and by compression ratio) against zip bombs — by the declared sizes before anything is
written, and again while writing — and encrypted entries are reported. A name held twice, a name that cannot be
created (too long, or a file where a folder must go: x.jpg and x.jpg/y.jpg) is reported too. Each refusal is a
problem of the dossier (findings I110–I116), and the rest of the zip is still checked. A zip whose every entry is
encrypted, or that holds nothing to check, is one clear error.
"""

from __future__ import annotations

import io
import shutil
import struct
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from dossiercheck.errors import UserError
from dossiercheck.i18n import Text

MAX_ENTRY = 200_000_000        # bytes of one unpacked file
MAX_TOTAL = 500_000_000        # bytes of the whole unpacked dossier (the notice allows some 25 items of 10 MB)
MAX_RATIO = 200                # unpacked/packed beyond this (for entries over RATIO_FROM) is a zip bomb
RATIO_FROM = 100_000           # a scan does not compress 200:1; thousands of 1 MB zero entries do
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


MAX_DIRECTORY = 64 << 20  # a central directory of MAX_ENTRIES entries with long names is far smaller


def _false_utf8_flags(zip_path: Path) -> dict[int, bytes]:
    """Where the central directory flags a name UTF-8 that is not (zipfile then refuses the whole zip): the
    offset of each such entry's flag field, with the flags minus the UTF-8 bit, so that the name is read as the
    unflagged names are (entry_name: GBK, else garbled)."""
    patches: dict[int, bytes] = {}
    with open(zip_path, "rb") as fh:
        end = zipfile._EndRecData(fh)  # the same reading of the end record zipfile makes
        if not end:
            return patches
        size, offset = end[zipfile._ECD_SIZE], end[zipfile._ECD_OFFSET]
        start = end[zipfile._ECD_LOCATION] - size  # where it really is (a zip may follow other bytes)
        if size > MAX_DIRECTORY or start < 0:
            return patches
        fh.seek(start)
        data = fh.read(size)
    at = 0
    while at + 46 <= len(data) and data[at:at + 4] == b"PK\x01\x02":
        flags, = struct.unpack_from("<H", data, at + 8)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, at + 28)
        name = data[at + 46:at + 46 + name_len]
        if flags & UTF8_FLAG:
            try:
                name.decode("utf-8")
            except UnicodeDecodeError:
                patches[start + at + 8] = struct.pack("<H", flags & ~UTF8_FLAG)
                local = struct.unpack_from("<I", data, at + 42)[0] + start - offset  # its local header's flags too
                fh_flags = _local_flags(zip_path, local)
                if fh_flags is not None:
                    patches[local + 6] = struct.pack("<H", fh_flags & ~UTF8_FLAG)
        at += 46 + name_len + extra_len + comment_len
    return patches


def _local_flags(zip_path: Path, at: int) -> int | None:
    with open(zip_path, "rb") as fh:
        fh.seek(at)
        head = fh.read(8)
    return struct.unpack_from("<H", head, 6)[0] if len(head) == 8 and head[:4] == b"PK\x03\x04" else None


class _Patched(io.RawIOBase):
    """The zip file as zipfile reads it, with a few bytes replaced (never written to the user's file)."""

    def __init__(self, path: Path, patches: dict[int, bytes]) -> None:
        self._fh = open(path, "rb")  # noqa: SIM115  (closed with the ZipFile that reads it)
        self._patches = patches

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def read(self, size: int = -1) -> bytes:
        here = self._fh.tell()
        data = bytearray(self._fh.read(size))
        for where, value in self._patches.items():
            for i, byte in enumerate(value):
                if here <= where + i < here + len(data):
                    data[where + i - here] = byte
        return bytes(data)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._fh.close()
        super().close()


def safe_parts(name: str) -> list[str] | None:
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


def _zip_problem(exc: Exception) -> Text:
    """What is wrong with a zip that will not open, in the user's words (zipfile's own are English)."""
    if isinstance(exc, zipfile.BadZipFile):
        return Text("不是完整的 zip 文件，可能没有下载或复制完，或是别的压缩格式（rar、7z）",
                    "not a whole zip file: perhaps not fully downloaded or copied, or another format (rar, 7z)")
    detail = (getattr(exc, "strerror", None) or str(exc))[:80]
    return Text(f"读取出错：{detail}", f"could not be read: {detail}")


def unpack(zip_path: Path, dest: Path) -> list[dict]:
    """Unpack ``zip_path`` into ``dest``; returns the problems found (as finding codes with their arguments)."""
    problems: list[dict] = []
    try:
        try:
            archive = zipfile.ZipFile(zip_path)
        except UnicodeDecodeError:  # an entry flagged UTF-8 whose name is not: that entry is garbled (I110)
            archive = zipfile.ZipFile(_Patched(zip_path, _false_utf8_flags(zip_path)))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError("error.bad_zip", path=zip_path, problem=_zip_problem(exc)) from None
    with archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_ENTRIES:
            raise UserError("error.bad_zip", path=zip_path, problem=Text(f"有 {len(infos)} 个文件，超过 {MAX_ENTRIES} 个的上限",
                                                                          f"{len(infos)} files, over the limit of {MAX_ENTRIES}"))
        entries = []
        for info in infos:
            name, garbled = entry_name(info)
            parts = safe_parts(name)
            if parts is None:
                problems.append({"code": "I111", "name": name})
            elif parts and parts[0] != "__MACOSX":
                entries.append((parts, info, garbled))
        _strip_common_top(entries)
        total = 0  # declared bytes accepted so far: the budget is spent before anything is written
        seen: set[str] = set()
        written_any = encrypted = 0
        for parts, info, garbled in entries:
            name = "/".join(parts)
            if name in seen:
                problems.append({"code": "I116", "name": name, "detail": "重名 / duplicate name"})
                continue
            seen.add(name)
            if info.flag_bits & ENCRYPTED_FLAG:
                problems.append({"code": "I113", "name": name})
                encrypted += 1
                continue
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > MAX_ENTRY or (info.file_size > RATIO_FROM and ratio > MAX_RATIO) or \
                    total + info.file_size > MAX_TOTAL:
                problems.append({"code": "I112", "name": name, "size": info.file_size})
                continue
            total += info.file_size
            if garbled:
                problems.append({"code": "I110", "name": name})
            target = dest.joinpath(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file where a folder must go, or a name too long for this file system
                problems.append({"code": "I116", "name": name, "detail": exc.strerror or type(exc).__name__})
                continue
            try:
                _copy_capped(archive, info, target)
            except OSError as exc:
                if "cap" in str(exc):
                    problems.append({"code": "I112", "name": name, "size": info.file_size})
                else:
                    problems.append({"code": "I116", "name": name, "detail": exc.strerror or type(exc).__name__})
                _remove(target)
                continue
            except (zipfile.BadZipFile, RuntimeError, EOFError, NotImplementedError, ValueError) as exc:
                problems.append({"code": "I114", "name": name, "detail": str(exc)[:80]})
                _remove(target)
                continue
            written_any += 1
        if not written_any:
            raise UserError("error.zip_encrypted" if encrypted else "error.zip_empty", path=zip_path)
    return problems


def _remove(target: Path) -> None:
    try:
        if target.is_file() and not target.is_symlink():
            target.unlink()
    except OSError:
        pass


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


def shown_error(exc: UserError, folder: Path | None, source: Path, short: bool = False) -> UserError:
    """The error with its path said as the user knows it (张三.zip/applicant.yaml), not as a temporary folder;
    ``short``: a folder's path from the folder's name on (a batch row names no parent folders)."""
    path = exc.params.get("path")
    if isinstance(path, Path):
        for base in (folder if folder != source else None, source if short else None):
            if base is not None and path.is_relative_to(base):
                inside = path.relative_to(base).as_posix()
                exc.params["path"] = source.name if inside == "." else f"{source.name}/{inside}"
                break
    return exc


@contextmanager
def opened(source: Path) -> Iterator[tuple[Path, list[dict]]]:
    """A dossier folder as it is, or a zip unpacked to a private temporary folder for the time of the check."""
    if source.is_file() and source.suffix.lower() == ".zip":
        tmp = Path(tempfile.mkdtemp(prefix="dossiercheck-"))  # mkdtemp: private to the user (0700)
        try:  # removed on any exit: an error, Ctrl-C, SIGTERM or SIGHUP (the CLI turns these into SystemExit)
            yield tmp, unpack(source, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    else:
        yield source, []
