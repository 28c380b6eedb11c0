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
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from dossiercheck.conditions import holds
from dossiercheck.errors import UserError
from dossiercheck.i18n import Text, pick
from dossiercheck.messages import Message
from dossiercheck.resources import checklists_dir
from dossiercheck.yamlio import KnownGood, Schema, load_yaml, read_text, value_error

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
    _entry: dict[str, Any]  # the validated YAML entry: read only through the accessors below
    index: int  # position in the checklist: the report's order
    declared: frozenset[str] = field(repr=False)  # every item key the schema declares (core and check modules')

    def setting(self, name: str, default: Any = None) -> Any:
        """An item key the schema declares, most often a check module's ``SETTINGS`` (``min_dpi``, ``reads``).
        An undeclared name raises rather than read as unset; tests/test_settings.py holds every name the source
        passes here to the schema, so a misspelling fails the suite."""
        if name not in self.declared:
            raise KeyError(f"{name!r}: no item key of that name is declared by the checklist schema or a check module")
        return self._entry.get(name, default)

    @property
    def title_en(self) -> str | None:
        return self._entry.get("title_en")

    @property
    def checks(self) -> list[str]:
        """The check families a rule item stands for."""
        return self._entry.get("checks", [])

    @property
    def when(self) -> dict | None:
        return self._entry.get("when")

    @property
    def required(self) -> bool | dict:
        """``required:`` as written: true/false, or a condition (see is_required)."""
        return self._entry.get("required", True)

    @property
    def alternatives(self) -> dict[str, Any] | None:
        """``alternatives:`` as written (options and k); see options() and k() for this applicant's."""
        return self._entry.get("alternatives")

    @property
    def dated(self) -> bool:
        """Whether the item wants a document per year (``years:``)."""
        return self._entry.get("years") is not None

    @property
    def file_name(self) -> str | None:
        return self._entry.get("file_name")

    @property
    def takes_files_of(self) -> list[str]:
        return self._entry.get("takes_files_of", [])

    @property
    def blur_in_reports(self) -> bool:
        return bool(self._entry.get("blur_in_reports"))

    @property
    def kind(self) -> str:
        return self._entry.get("kind", "upload")

    @property
    def uploads(self) -> bool:
        return self.kind == "upload"

    @property
    def folder(self) -> str:
        return self._entry.get("folder") or f"{self.index + 1:02d}-{self.title}"

    @property
    def patterns(self) -> list[str]:
        return self._entry.get("patterns", [])

    @property
    def parts(self) -> list[Part]:
        return [_part(p) for p in self._entry.get("parts", [])]

    @property
    def any_keywords(self) -> list[str]:
        """The item's keywords and those of its alternatives and parts: a page with any of them is one of its pages
        (a journal's contents page headed 目次 has only its part's word)."""
        entries = [self._entry, *(self.alternatives or {}).get("options", [])]
        entries += [p for e in list(entries) for p in e.get("parts", [])]
        return list(dict.fromkeys(k for e in entries for k in e.get("keywords") or []))

    @property
    def masking_required(self) -> bool:
        return self._entry["masking"] == "required"

    def label(self, lang: str) -> str:
        return pick(lang, self.title, self.title_en)

    @property
    def text(self) -> Text:
        return Text(self.title, self.title_en or self.title)

    @property
    def hint_text(self) -> Text | None:
        """The checklist's advice for this item (English falls back to the Chinese when none is given)."""
        zh = self._entry.get("hint")
        return Text(zh, self._entry.get("hint_en") or zh) if zh else None

    def applies(self, facts: dict[str, Any]) -> bool:
        return holds(self.when, facts)

    def is_required(self, facts: dict[str, Any]) -> bool:
        required = self.required
        return required if isinstance(required, bool) else holds(required, facts)

    def options(self, facts: dict[str, Any]) -> list[Option]:
        """The alternatives open to this applicant (an option may have its own ``when``)."""
        alternatives = self.alternatives or {}
        opts = [Option(o["id"], o["title"], o["patterns"], o.get("title_en"), o.get("when"),
                       [_part(p) for p in o.get("parts", [])]) for o in alternatives.get("options", [])]
        return [o for o in opts if holds(o.when, facts)]

    def k(self, facts: dict[str, Any]) -> int:
        """How many alternatives are needed; a list of rules is read top-down, the first that holds wins."""
        rule = (self.alternatives or {}).get("k", 1)
        if isinstance(rule, int):
            return rule
        return next((r["k"] for r in rule if holds(r.get("when"), facts)), rule[-1]["k"])

    def years(self, evaluation_year: int, dates: dict[str, date | None] | None = None) -> list[int]:
        """The years that need a document. With ``since:``, none before the year of the applicant's named dates
        (``dates``: work_started, current_title_date): nobody has an appraisal from before they began work."""
        spec = self._entry.get("years")
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
    _doc: dict[str, Any]  # the validated YAML: read only through the accessors below
    items: list[Item]
    defaults: dict[str, Any] = field(default_factory=dict)  # the item settings an upload item starts from

    @property
    def id(self) -> str:
        return self._doc["id"]

    @property
    def year(self) -> int:
        return self._doc["year"]

    @property
    def levels(self) -> list[str]:
        return self._doc["levels"]

    def title(self, lang: str = "zh") -> str:
        return pick(lang, self._doc["title"], self._doc.get("title_en"))

    @property
    def roster(self) -> dict[str, Any]:
        """The unit's roster form (附件5): its title and columns."""
        return self._doc["roster"]

    @property
    def upload_window(self) -> str | None:
        """The schedule window in which files are uploaded."""
        return self._doc.get("upload_window")

    @property
    def fees(self) -> dict[str, Any]:
        """The fee by level: an amount, or {unreadable: the notice's words}."""
        return self._doc.get("fees", {})

    @property
    def severity(self) -> dict[str, str]:
        """Severity overrides by code."""
        return self._doc.get("severity", {})

    @property
    def abbreviations(self) -> dict[str, Any]:
        return self._doc.get("abbreviations", {})

    @property
    def defence_exemptions(self) -> list[dict[str, Any]]:
        return self._doc.get("defence_exemptions", [])

    @property
    def current_title_by_level(self) -> dict[str, Any]:
        return self._doc.get("current_title_by_level", {})

    def item(self, item_id: str) -> Item:
        found = self._by_id.get(item_id)  # the checks ask hundreds of times per dossier
        return found if found is not None else next(i for i in self.items if i.id == item_id)

    @cached_property
    def _by_id(self) -> dict[str, Item]:
        return {i.id: i for i in reversed(self.items)}  # reversed: the first of a (refused) duplicate id wins

    def threshold(self, name: str, default: float) -> float:
        return float(self._doc.get("thresholds", {}).get(name, default))

    def schedule(self) -> dict[str, tuple[date, date]]:
        """Deadline windows as dates; the defence day is a one-day window."""
        out: dict[str, tuple[date, date]] = {}
        for key, value in (self._doc.get("schedule") or {}).items():
            if isinstance(value, str):
                out[key] = (date.fromisoformat(value), date.fromisoformat(value))
            else:
                out[key] = (date.fromisoformat(value["start"]), date.fromisoformat(value["end"]))
        return out


def window_name(key: str) -> Message:
    """A schedule window's name, for the S101 finding and the reports' deadline lines."""
    return Message(f"window.{key}")


def available() -> dict[str, Path]:
    """Shipped checklists by id (the file stem is the id)."""
    return {p.stem: p for p in sorted(checklists_dir().glob("*.yaml"))}


def resolve(ref: str | None) -> Path:
    ref = ref or DEFAULT_CHECKLIST
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.is_file():
        if not candidate.is_file():
            raise UserError("error.no_such_file", path=candidate)
        return candidate
    known = available()
    if ref not in known:
        raise UserError("error.unknown_checklist", name=ref, known=list(known) or "-")
    return known[ref]


# this process's checklists by path, text, schema and the cache that remembers them (each cache gets its record)
_read: dict[tuple[Path, str, str, Path | None], Checklist] = {}


def read_checklist(ref: str | None, schema: Schema, defaults: dict[str, Any], known: KnownGood | None = None
                   ) -> Checklist:
    """Read and validate a checklist. The schema and the setting defaults come from the check modules: use
    ``dossiercheck.checks.load_checklist``, which passes them. A text read once in this process is not read again
    (a batch reads the checklist once, not once per dossier); ``known``: see yamlio.load_yaml."""
    path = resolve(ref)
    text = read_text(path)
    memo = (path, text, schema.digest, known.root if known is not None else None)
    if memo in _read:
        return _read[memo]
    raw = load_yaml(path, schema, known, text)
    defaults = {**defaults, **raw.get("defaults", {})}
    declared = frozenset(schema.doc["$defs"]["item"]["properties"])  # with the check modules' SETTINGS
    items = []
    for index, entry in enumerate(raw["items"]):
        if entry.get("kind", "upload") == "upload":
            entry = {**defaults, **entry}
        items.append(Item(entry["id"], entry["number"], entry["title"], entry, index, declared))
    _check_unique(path, items)
    _check_values(path, raw, items)
    _check_levels(path, raw)
    _read[memo] = checklist = Checklist(path, raw, items, defaults)
    return checklist


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


def _check_values(path: Path, raw: dict[str, Any], items: list[Item]) -> None:
    """What the schema cannot say: numbers are finite (a NaN threshold would silently pass everything); a schedule's
    window starts before it ends; a file-name pattern is a name's (no folder in it) and its [ ] are closed (else it
    can never match, and the item is always missing); an item folder is one plain name (``init`` creates it: '..' or
    an absolute path would reach outside the dossier)."""
    for where, number in _numbers(raw, []):
        if not math.isfinite(number):
            raise value_error(path, where, Message("checklist.problem.finite"))
    for key, window in (raw.get("schedule") or {}).items():
        if isinstance(window, dict) and str(window["start"]) > str(window["end"]):  # ISO dates compare as text
            raise value_error(path, ["schedule", key], Message("checklist.problem.window", start=str(window["start"]),
                                                               end=str(window["end"])))
    for where, pattern in _patterns(raw):
        if "/" in pattern or "\\" in pattern or ("[" in pattern and "]" not in pattern[pattern.index("["):]):
            raise value_error(path, where, Message("checklist.problem.pattern", value=pattern))
    for item in items:
        if not item.uploads:
            continue
        folder = item.folder  # the title makes the folder name when none is given
        if (PurePosixPath(folder).is_absolute() or PureWindowsPath(folder).is_absolute() or
                PureWindowsPath(folder).drive or len(PureWindowsPath(folder).parts) != 1 or
                folder.strip() in ("", ".", "..")):
            raise value_error(path, ["items", item.index, "folder"], Message("checklist.problem.folder"))


def _collect(value: Any, where: list[str | int], take: Any) -> list[tuple[list[str | int], str]]:
    """Walk a checklist document: ``take(key, value, where)`` gives what a key holds, as (where, name) pairs, or
    None to look inside it."""
    found: list[tuple[list[str | int], str]] = []
    if isinstance(value, dict):
        for key, sub in value.items():
            got = take(key, sub, [*where, key])
            found += got if got is not None else _collect(sub, [*where, key], take)
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            found += _collect(sub, [*where, i], take)
    return found


def _patterns(raw: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """Every file-name pattern of the checklist (items, alternatives, parts), with where it is."""
    return _collect(raw, [], lambda key, sub, where: [([*where, i], p) for i, p in enumerate(sub) if isinstance(p, str)]
                    if key == "patterns" and isinstance(sub, list) else None)


def _level_uses(raw: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """Every level a condition or the fees name, with where it is (conditions test ``level``; nothing else does)."""
    def take(key: Any, sub: Any, where: list[str | int]) -> list[tuple[list[str | int], str]] | None:
        if key == "level":
            return [(where, n) for n in (sub["in"] if isinstance(sub, dict) else [sub])]
        return [([*where, n], n) for n in sub] if key == "fees" else None

    return _collect(raw, [], take)


def _check_levels(path: Path, raw: dict[str, Any]) -> None:
    """A level named anywhere must be one of ``levels:`` (a typo would silently never match)."""
    levels = raw["levels"]
    for where, name in _level_uses(raw):
        if name not in levels:
            raise value_error(path, where, Message("checklist.problem.level", name=name, levels=levels))


def _check_unique(path: Path, items: list[Item]) -> None:
    seen: dict[str, int] = {}
    for item in items:
        for key in (("id", item.id), ("folder", item.folder if item.uploads else None)):
            if key[1] is None:
                continue
            if key in seen:
                problem = Message("checklist.problem.duplicate", index=seen[key], value=key[1])
                raise value_error(path, ["items", item.index, key[0]], problem)
            seen[key] = item.index
