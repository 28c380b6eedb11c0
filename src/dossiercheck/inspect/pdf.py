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


def inspect_pdf(path: Path) -> dict[str, Any]:
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
            texts = []
            for page in reader.pages:
                try:
                    texts.append(page.extract_text() or "")
                except Exception:  # a damaged content stream: no text, the page still counts
                    texts.append("")
        except PdfProblem:
            raise
        except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise PdfProblem("broken", f"{type(exc).__name__}: {exc}"[:200]) from None
    if pages == 0:
        raise PdfProblem("no_pages")
    return {"pages": pages, "encrypted": encrypted, "text": texts}
