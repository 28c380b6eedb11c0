"""A checklist: what one notice requires, item by item, as typed objects loaded from validated YAML.

The YAML is the user's document (``schemas/checklists/*.yaml``); this module only reads it. Conditions on the
applicant stay declarative (see conditions.py).
"""

from __future__ import annotations

import fnmatch
import math
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from dossiercheck.conditions import describe, holds
from dossiercheck.errors import UserError
from dossiercheck.i18n import Text, pick
from dossiercheck.resources import checklists_dir
from dossiercheck.yamlio import Validator, load_yaml, value_error

DEFAULT_CHECKLIST = "bz-news-2023"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def matches(name: str, patterns: list[str]) -> bool:
    """Case-insensitive glob match of a file name (NFC) against any of ``patterns``."""
    name = nfc(name).casefold()
    return any(fnmatch.fnmatchcase(name, nfc(p).casefold()) for p in patterns)


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    patterns: list[str]
    title_en: str | None = None

    def label(self, lang: str) -> str:
        return pick(lang, self.title, self.title_en)

    @property
    def text(self) -> Text:
        return Text(self.title, self.title_en or self.title)


@dataclass(frozen=True)
class Option(Part):
    when: dict | None = None
    parts: list[Part] = field(default_factory=list)


@dataclass
class Item:
    id: str
    number: int
    title: str
    raw: dict[str, Any]
    index: int  # position in the checklist: the report's order

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    @property
    def kind(self) -> str:
        return self.raw.get("kind", "upload")

    @property
    def uploads(self) -> bool:
        return self.kind == "upload"

    @property
    def folder(self) -> str:
        return self.raw.get("folder") or f"{self.index + 1:02d}-{self.title}"

    @property
    def patterns(self) -> list[str]:
        return self.raw.get("patterns", [])

    @property
    def parts(self) -> list[Part]:
        return [_part(p) for p in self.raw.get("parts", [])]

    @property
    def masking_required(self) -> bool:
        return self.raw["masking"] == "required"

    def label(self, lang: str) -> str:
        return pick(lang, self.title, self.raw.get("title_en"))

    @property
    def text(self) -> Text:
        return Text(self.title, self.raw.get("title_en") or self.title)

    @property
    def hint_text(self) -> Text | None:
        """The checklist's advice for this item (English falls back to the Chinese when none is given)."""
        zh = self.raw.get("hint")
        return Text(zh, self.raw.get("hint_en") or zh) if zh else None

    def applies(self, facts: dict[str, Any]) -> bool:
        return holds(self.raw.get("when"), facts)

    def is_required(self, facts: dict[str, Any]) -> bool:
        required = self.raw.get("required", True)
        return required if isinstance(required, bool) else holds(required, facts)

    def options(self, facts: dict[str, Any]) -> list[Option]:
        """The alternatives open to this applicant (an option may have its own ``when``)."""
        alternatives = self.raw.get("alternatives") or {}
        opts = [Option(o["id"], o["title"], o["patterns"], o.get("title_en"), o.get("when"),
                       [_part(p) for p in o.get("parts", [])]) for o in alternatives.get("options", [])]
        return [o for o in opts if holds(o.when, facts)]

    def k(self, facts: dict[str, Any]) -> int:
        """How many alternatives are needed; a list of rules is read top-down, the first that holds wins."""
        rule = (self.raw.get("alternatives") or {}).get("k", 1)
        if isinstance(rule, int):
            return rule
        return next((r["k"] for r in rule if holds(r.get("when"), facts)), rule[-1]["k"])

    def conditions_text(self, evaluation_year: int, lang: str = "zh") -> str:
        """When the item applies, whether it is required, its years and alternatives, in words (checklist show)."""
        en = lang == "en"
        parts = []
        when = self.raw.get("when")
        if when and set(when) == {"not"}:
            parts.append(("not if " if en else "") + describe(when["not"], lang) + ("" if en else "时不需要"))
        elif when:
            parts.append(("only if " if en else "仅限") + describe(when, lang))
        required = self.raw.get("required", True)
        if required is False:
            parts.append("optional" if en else "可不交")
        elif isinstance(required, dict):
            parts.append(f"required if {describe(required, lang)}, else optional" if en
                         else f"{describe(required, lang)}必交，否则可不交")
        years = self.years(evaluation_year)
        if years:
            span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
            parts.append(f"one per year, {span}" if en else f"{span} 年每年一份")
        alternatives = self.raw.get("alternatives")
        if alternatives:
            n, rule = len(alternatives["options"]), alternatives["k"]
            rules = [{"k": rule}] if isinstance(rule, int) else rule

            def how_many(k: int) -> str:
                return ("all" if k == n else f"any {k}") if en else ("全要" if k == n else f"任 {k} 项")

            said = [(f"{how_many(r['k'])} if {describe(r['when'], lang)}" if en
                     else f"{describe(r['when'], lang)}时{how_many(r['k'])}") if r.get("when")
                    else (("otherwise " if en else "否则") if len(rules) > 1 else "") + how_many(r["k"])
                    for r in rules]
            parts.append(f"{', '.join(said)} of {n}" if en else f"{n} 项中" + ("：" if len(rules) > 1 else "") + "，".join(said))
        return ("; " if en else "；").join(parts)

    def years(self, evaluation_year: int, dates: dict[str, date | None] | None = None) -> list[int]:
        """The years that need a document. With ``since:``, none before the year of the applicant's named dates
        (``dates``: work_started, current_title_date): nobody has an appraisal from before they began work."""
        spec = self.raw.get("years")
        if spec is None:
            return []
        if isinstance(spec, list):
            return sorted(spec)
        first = evaluation_year + spec["from"]
        for key in spec.get("since", []):
            if (dates or {}).get(key):
                first = max(first, dates[key].year)
        return list(range(first, evaluation_year + spec["to"] + 1))


def _part(raw: dict[str, Any]) -> Part:
    return Part(raw["id"], raw["title"], raw["patterns"], raw.get("title_en"))


@dataclass
class Checklist:
    path: Path
    raw: dict[str, Any]
    items: list[Item]
    defaults: dict[str, Any] = field(default_factory=dict)  # the item settings an upload item starts from

    @property
    def id(self) -> str:
        return self.raw["id"]

    @property
    def year(self) -> int:
        return self.raw["year"]

    @property
    def levels(self) -> list[str]:
        return self.raw["levels"]

    def title(self, lang: str = "zh") -> str:
        return pick(lang, self.raw["title"], self.raw.get("title_en"))

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def threshold(self, name: str, default: float) -> float:
        return float(self.raw.get("thresholds", {}).get(name, default))

    def schedule(self) -> dict[str, tuple[date, date]]:
        """Deadline windows as dates; the defence day is a one-day window."""
        out: dict[str, tuple[date, date]] = {}
        for key, value in (self.raw.get("schedule") or {}).items():
            if isinstance(value, str):
                out[key] = (date.fromisoformat(value), date.fromisoformat(value))
            else:
                out[key] = (date.fromisoformat(value["start"]), date.fromisoformat(value["end"]))
        return out


def available() -> dict[str, Path]:
    """Shipped checklists by id (the file stem is the id)."""
    return {p.stem: p for p in sorted(checklists_dir().glob("*.yaml"))}


def resolve(ref: str | None) -> Path:
    ref = ref or DEFAULT_CHECKLIST
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        if not candidate.is_file():
            raise UserError("no_such_file", path=candidate)
        return candidate
    known = available()
    if ref not in known:
        raise UserError("unknown_checklist", name=ref, known="、".join(known) or "-")
    return known[ref]


def read_checklist(ref: str | None, lang: str, validator: Validator, defaults: dict[str, Any]) -> Checklist:
    """Read and validate a checklist. The schema and the setting defaults come from the check modules: use
    ``dossiercheck.checks.load_checklist``, which passes them."""
    path = resolve(ref)
    raw = load_yaml(path, validator, lang)
    defaults = {**defaults, **raw.get("defaults", {})}
    items = []
    for index, entry in enumerate(raw["items"]):
        if entry.get("kind", "upload") == "upload":
            entry = {**defaults, **entry}
        items.append(Item(entry["id"], entry["number"], entry["title"], entry, index))
    _check_unique(path, items, lang)
    _check_values(path, raw, items, lang)
    _check_levels(path, raw, lang)
    return Checklist(path, raw, items, defaults)


def _numbers(value: Any, where: list[str | int]) -> Any:
    """Every number in a document with its path."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _numbers(v, [*where, k])
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _numbers(v, [*where, i])
    elif isinstance(value, float):
        yield where, value


def _check_values(path: Path, raw: dict[str, Any], items: list[Item], lang: str) -> None:
    """What the schema cannot say: numbers are finite (a NaN threshold would silently pass everything), and an item
    folder is one plain name (``init`` creates it: '..' or an absolute path would reach outside the dossier)."""
    for where, number in _numbers(raw, []):
        if not math.isfinite(number):
            raise value_error(path, where, "应为有限的数字" if lang != "en" else "must be a finite number")
    for item in items:
        if not item.uploads:
            continue
        folder = item.folder  # the title makes the folder name when none is given
        if (PurePosixPath(folder).is_absolute() or PureWindowsPath(folder).is_absolute() or
                PureWindowsPath(folder).drive or len(PureWindowsPath(folder).parts) != 1 or
                folder.strip() in ("", ".", "..")):
            raise value_error(path, ["items", item.index, "folder"], "应为一个文件夹名称（不含 / \\ 或 ..）"
                              if lang != "en" else "must be one folder name (no / \\ or ..)")


def _level_uses(value: Any, where: list[str | int]) -> list[tuple[list[str | int], str]]:
    """Every level a condition or the fees name, with where it is (conditions test ``level``; nothing else does)."""
    found: list[tuple[list[str | int], str]] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            if key == "level":
                names = sub["in"] if isinstance(sub, dict) else [sub]
                found += [([*where, key], n) for n in names]
            elif key == "fees":
                found += [([*where, key, n], n) for n in sub]
            else:
                found += _level_uses(sub, [*where, key])
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            found += _level_uses(sub, [*where, i])
    return found


def _check_levels(path: Path, raw: dict[str, Any], lang: str) -> None:
    """A level named anywhere must be one of ``levels:`` (a typo would silently never match)."""
    levels = raw["levels"]
    for where, name in _level_uses(raw, []):
        if name not in levels:
            problem = (f"“{name}”不是本清单的级别（levels：{'、'.join(levels)}）" if lang != "en"
                       else f"'{name}' is not one of this checklist's levels ({', '.join(levels)})")
            raise value_error(path, where, problem)


def _check_unique(path: Path, items: list[Item], lang: str) -> None:
    seen: dict[str, int] = {}
    for item in items:
        for key in (("id", item.id), ("folder", item.folder if item.uploads else None)):
            if key[1] is None:
                continue
            if key in seen:
                problem = f"与 items[{seen[key]}] 重复：{key[1]}" if lang != "en" else f"duplicate of items[{seen[key]}]: {key[1]}"
                raise value_error(path, ["items", item.index, key[0]], problem)
            seen[key] = item.index
