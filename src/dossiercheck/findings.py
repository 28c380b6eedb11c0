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

CHECK_FAMILIES = ("missing", "count", "years", "unassigned", "format", "integrity", "orientation", "legibility",
                  "masking", "content", "profile", "schedule")
FAMILY_LABELS = {
    "missing": Text("缺少材料", "missing items"), "count": Text("文件数", "file counts"), "years": Text("年份", "years"),
    "unassigned": Text("归类", "unassigned files"), "format": Text("格式", "format"),
    "integrity": Text("文件完整", "integrity"), "orientation": Text("方向", "orientation"),
    "legibility": Text("清晰度", "legibility"), "masking": Text("遮盖", "masking"), "content": Text("内容", "content"),
    "profile": Text("申报人信息", "profile"), "schedule": Text("申报时间", "schedule"),
}


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

    def __post_init__(self) -> None:
        assert self.check in CHECK_FAMILIES, self.check


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
        return " ".join(p for p in parts if p)


def where(page: int | None) -> Text:
    """' 第 3 页' / ' page 3' after a file name, or nothing for a single-page image."""
    return Text(f" 第 {page} 页", f" page {page}") if page else Text("", "")


_CATALOG: dict[str, Code] = {}


def catalog() -> dict[str, Code]:
    """Every code of every check module, by code."""
    if not _CATALOG:
        from dossiercheck.checks import all_checks

        for module in all_checks():
            for code in module.CODES:
                assert code.code not in _CATALOG, f"code {code.code} declared twice"
                _CATALOG[code.code] = code
    return _CATALOG


def parse_selection(values: list[str] | None, option: str, lang: str = "zh") -> list[str]:
    """Code prefixes from --select/--ignore values: comma- or space-separated, repeatable, case-insensitive; a check
    family's name (masking, years, …) stands for its codes. An unknown prefix stops the run (exit 2) and names the
    valid ones: a typo must not silently select nothing, which would read as a pass."""
    from dossiercheck.errors import UserError

    codes = catalog()
    out: list[str] = []
    for token in (t for v in values or [] for t in re.split(r"[,，\s]+", v) if t):
        if token.lower() in CHECK_FAMILIES:
            out.extend(c for c, spec in codes.items() if spec.check == token.lower())
        elif any(c.startswith(token.upper()) for c in codes):
            out.append(token.upper())
        else:
            sep = "、" if lang == "zh" else ", "
            prefixes = sep.join(f"{letter}（{'/'.join(FAMILY_LABELS[f].get(lang) for f in fams)}）" if lang == "zh"
                                else f"{letter} ({'/'.join(FAMILY_LABELS[f].get(lang) for f in fams)})"
                                for letter, fams in _letters().items())
            problem = Text(f"{option} {token}：没有这样的代码前缀。可用：{prefixes}；或检查类别：{sep.join(CHECK_FAMILIES)}",
                           f"{option} {token}: no such code prefix. Valid: {prefixes}; or a family: "
                           f"{sep.join(CHECK_FAMILIES)}")
            raise UserError("bad_option", problem=problem.get(lang))
    return out


def _letters() -> dict[str, list[str]]:
    """Each code letter with the families its codes belong to, in catalogue order."""
    letters: dict[str, list[str]] = {}
    for code, spec in sorted(catalog().items()):
        fams = letters.setdefault(code[0], [])
        if spec.check not in fams:
            fams.append(spec.check)
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
    return {f: out[f] for f in CHECK_FAMILIES if f in out}


def selected(code: str, select: list[str], ignore: list[str]) -> bool:
    """flake8's rule: the longest matching prefix among --select and --ignore decides (a tie goes to --ignore);
    when --select is given, a code it does not match is left out."""
    by_select = max((len(p) for p in select if code.startswith(p)), default=None)
    if select and by_select is None:
        return False
    by_ignore = max((len(p) for p in ignore if code.startswith(p)), default=None)
    return by_ignore is None or (by_select is not None and by_select > by_ignore)
