"""Findings and the code catalogue.

Each check module in ``checks/`` declares its codes (``CODES``) next to the logic that raises them; this module
gathers them into one catalogue, renders messages in the user's language, and applies --select/--ignore.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from dossiercheck.i18n import Text


@dataclass(frozen=True)
class Family:
    """A kind of check, declared by its module (``FAMILIES``): its name is the report's ``check`` field."""

    name: str
    label: Text  # a few words: 未遮盖 / unmasked

    def tally(self, lang: str, n: int) -> str:
        """'未遮盖3处' / '3 unmasked', for the batch summary."""
        return f"{self.label.zh}{n}处" if lang != "en" else f"{n} {self.label.en}"


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

    @property
    def spec(self) -> Code:
        return catalog()[self.code]

    def localized_args(self, lang: str) -> dict[str, Any]:
        """Args with every Text in the user's language and lists joined, ready for a template."""
        def one(value: Any) -> Any:
            if isinstance(value, Text):
                return value.get(lang)
            if isinstance(value, list | tuple):
                return ("、" if lang == "zh" else ", ").join(str(one(v)) for v in value)
            return value
        return {k: one(v) for k, v in self.args.items()}

    def message(self, lang: str) -> str:
        return self.spec.message.get(lang, **self.localized_args(lang))

    def hint(self, lang: str) -> str:
        parts = [self.spec.hint.get(lang, **self.localized_args(lang))]
        if self.extra_hint:
            parts.append(self.extra_hint.get(lang))
        return ("" if lang == "zh" else " ").join(p for p in parts if p)  # Chinese sentences end in 。


def where(page: int | None) -> Text:
    """' 第 3 页' / ' page 3' after a file name, or nothing for a single-page image. The Chinese templates write
    ``{file}{where}没有摆正``: the space that parts the file name from the Chinese is here, so that it reads
    'a.jpg 第 3 页没有摆正' and 'a.jpg 没有摆正'."""
    return Text(f" 第 {page} 页", f" page {page}") if page else Text(" ", "")


_CATALOG: dict[str, Code] = {}


def catalog() -> dict[str, Code]:
    """Every code of every check module, by code (collected by the registry in ``checks``)."""
    if not _CATALOG:
        from dossiercheck.checks import registry

        _CATALOG.update(registry().codes)
    return _CATALOG


def families() -> dict[str, Family]:
    """Every check family, in the order the check modules declare them."""
    from dossiercheck.checks import registry

    return registry().families


def parse_selection(values: list[str] | None, option: str, lang: str = "zh") -> list[str]:
    """Code prefixes from --select/--ignore values: comma- or space-separated, repeatable, case-insensitive; a check
    family's name (masking, years, …) stands for its codes. An unknown prefix stops the run (exit 2) and names the
    valid ones: a typo must not silently select nothing, which would read as a pass."""
    from dossiercheck.errors import UserError

    codes = catalog()
    out: list[str] = []
    for token in (t for v in values or [] for t in re.split(r"[,，\s]+", v) if t):
        if token.lower() in families():
            out.extend(c for c, spec in codes.items() if spec.check == token.lower())
        elif any(c.startswith(token.upper()) for c in codes):
            out.append(token.upper())
        else:
            sep = "、" if lang == "zh" else ", "
            prefixes = sep.join(f"{letter} ({'/'.join(names)})" for letter, names in _letters().items())
            problem = Text(f"{option} {token}：没有这样的代码前缀。可用的前缀：{prefixes}；也可写检查类别名（括号中的名称）",
                           f"{option} {token}: no such code prefix. Valid prefixes: {prefixes}; or a check family "
                           f"(the names in brackets)")
            raise UserError("bad_option", problem=problem.get(lang))
    return out


def _letters() -> dict[str, list[str]]:
    """Each code letter with the families its codes belong to, in code order."""
    letters: dict[str, list[str]] = {}
    for code, spec in sorted(catalog().items()):
        names = letters.setdefault(code[0], [])
        if spec.check not in names:
            names.append(spec.check)
    return letters


def unrun(select: list[str], ignore: list[str]) -> dict[str, bool]:
    """Families some of whose codes were left out, each with whether it ran at all (False: none of its codes)."""
    out: dict[str, bool] = {}
    for code, spec in catalog().items():
        if not selected(code, select, ignore):
            out[spec.check] = False
    for code, spec in catalog().items():
        if spec.check in out and selected(code, select, ignore):
            out[spec.check] = True
    return {f: out[f] for f in families() if f in out}


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """flake8's rule: the longest matching prefix among --select and --ignore decides (a tie goes to --ignore);
    when --select is given, a code it does not match is left out."""
    by_select = max((len(p) for p in select if code.startswith(p)), default=None)
    if select and by_select is None:
        return False
    by_ignore = max((len(p) for p in ignore if code.startswith(p)), default=None)
    return by_ignore is None or (by_select is not None and by_select > by_ignore)
