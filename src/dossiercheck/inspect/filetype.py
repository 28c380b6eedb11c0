"""What a file really is, from its first bytes, whatever its name says."""

from __future__ import annotations

import zipfile
from pathlib import Path

IMAGE_KINDS = ("jpeg", "png", "gif", "bmp", "webp", "tiff", "heic")
OFFICE = "office"
ARCHIVE = "archive"

# kind → the extensions that honestly name it
EXTENSIONS = {
    "jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"}, "png": {".png"}, "gif": {".gif"}, "bmp": {".bmp"},
    "webp": {".webp"}, "tiff": {".tif", ".tiff"}, "heic": {".heic", ".heif", ".hif", ".avif"}, "pdf": {".pdf"},
    OFFICE: {".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".wps", ".et", ".dps", ".ofd"},
    ARCHIVE: {".zip", ".rar", ".7z"},
}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif"}


def sniff(head: bytes, path: Path) -> str:
    """'jpeg', 'png', …, 'pdf', 'office', 'archive', 'text', 'empty' or 'unknown'."""
    if not head:
        return "empty"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OFFICE  # the old binary Word/Excel/WPS format
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return ARCHIVE
        return OFFICE if "[Content_Types].xml" in names or "mimetype" in names else ARCHIVE
    if head.startswith((b"Rar!", b"7z\xbc\xaf\x27\x1c")):
        return ARCHIVE
    try:
        head[:512].decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "unknown"


def extension_fits(kind: str, suffix: str) -> bool:
    return suffix.lower() in EXTENSIONS.get(kind, set())
