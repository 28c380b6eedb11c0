"""PDF facts: can it be opened, is it encrypted, how many pages, and the text layer of each page."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any


class PdfProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


# A page with less text than this in its text layer is taken for a scan and read by OCR.
SCANNED_BELOW = 20


def inspect_pdf(path: Path, ocr: bool = False) -> dict[str, Any]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(path, strict=False)
            encrypted = reader.is_encrypted
            if encrypted and not reader.decrypt(""):
                raise PdfProblem("encrypted")
            pages = len(reader.pages)
            texts, scans = [], []
            for number, page in enumerate(reader.pages, 1):
                try:
                    texts.append(page.extract_text() or "")
                except Exception:  # a damaged content stream: no text, the page still counts
                    texts.append("")
                if ocr and len(texts[-1].strip()) < SCANNED_BELOW:
                    scans.append(_read_scan(page, number))
        except PdfProblem:
            raise
        except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise PdfProblem("broken", f"{type(exc).__name__}: {exc}"[:200]) from None
        except Exception as exc:  # pypdf raises many kinds on hostile files; e.g. AES without `cryptography`
            from pypdf.errors import DependencyError

            code = "encrypted" if isinstance(exc, DependencyError) else "broken"
            raise PdfProblem(code, f"{type(exc).__name__}: {exc}"[:200]) from None
    if pages == 0:
        raise PdfProblem("no_pages")
    out = {"pages": pages, "encrypted": encrypted, "text": texts}
    if ocr:
        out["ocr"] = [s for s in scans if s is not None]
    return out


def _read_scan(page: Any, number: int) -> dict[str, Any] | None:
    """OCR the largest image of a scanned PDF page (boxes are in that image's pixels)."""
    from dossiercheck.inspect.image import PIXEL_LIMIT, read_safely

    try:
        images = list(page.images)
    except Exception:
        return None
    best = None
    for image in images:
        try:
            im = image.image
        except Exception:
            continue
        if im is not None and im.width * im.height <= PIXEL_LIMIT and (best is None or im.width * im.height >
                                                                       best.width * best.height):
            best = im
    if best is None:
        return None
    best.load()
    from dossiercheck.inspect.ocr import REC_SIDE

    facts = {"width": best.width, "height": best.height}
    if max(best.size) > REC_SIDE:
        best = best.copy()
        best.thumbnail((REC_SIDE, REC_SIDE))
    return read_safely(best, facts, page=number)
