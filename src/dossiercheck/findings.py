"""Findings and the code catalogue.

Each check module in ``checks/`` declares its codes (``CODES``) next to the logic that raises them; the registry in
``checks`` gathers them into one catalogue. A finding carries its code and parameters; reporters render it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from dossiercheck.i18n import Text


@dataclass(frozen=True)
class Family:
    """A kind of check, declared by its module (``FAMILIES``): its name is the report's ``check`` field."""

    name: str
    label: Text  # a few words: 未遮盖 / unmasked


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Code:
    """One kind of finding: stable code, family, default severity, and its text in both languages.

    ``message`` and ``hint`` are templates filled from the finding's ``args``.
    """

    code: str
    check: str
    severity: Severity
    title: Text
    message: Text
    hint: Text
    ocr: bool = False  # the check reads page text: selecting it makes the inspection run OCR
    abstains: bool = False  # the check could not judge a file: its family counts as only partly run


@dataclass
class Finding:
    code: str
    item: str | None = None
    file: str | None = None
    page: int | None = None
    args: dict[str, Any] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    extra_hint: Text | None = None  # item-specific advice from the checklist, shown after the code's hint
    severity: Severity | None = None  # set by the engine from the catalogue and the checklist's overrides


def where(page: int | None) -> Text:
    """' 第 3 页' / ' page 3' after a file name, or nothing for a single-page image. The Chinese templates write
    ``{file}{where}没有摆正``: the space that parts the file name from the Chinese is here, so that it reads
    'a.jpg 第 3 页没有摆正' and 'a.jpg 没有摆正'."""
    return Text(f" 第 {page} 页", f" page {page}") if page else Text(" ", "")


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """flake8's rule: the longest matching prefix among --select and --ignore decides (a tie goes to --ignore);
    when --select is given, a code it does not match is left out."""
    by_select = max((len(p) for p in select if code.startswith(p)), default=None)
    if select and by_select is None:
        return False
    by_ignore = max((len(p) for p in ignore if code.startswith(p)), default=None)
    return by_ignore is None or (by_select is not None and by_select > by_ignore)
