"""Checks: one module per family of findings, discovered, never listed. Each module has

- a docstring: what it checks, for ``dossiercheck explain``;
- ``CODES``: the codes it may raise (see findings.Code);
- ``FAMILIES``: the families its codes belong to, with their labels (see findings.Family);
- ``SETTINGS`` (optional): the item keys it reads from the checklist, as JSON Schema fragments; a fragment with a
  ``default`` may also be set checklist-wide under ``defaults:``;
- ``THRESHOLDS`` (optional): its numeric limits and their defaults, which a checklist may override under
  ``thresholds:``;
- ``check(ctx) -> Iterable[Finding]``: pure, reading only the Context (never a file).

The registry below collects them and merges the settings into the checklist's schema, so a new check is a new module
here plus, if it needs settings, the checklist. Nothing else is edited.
"""

from __future__ import annotations

import copy
import importlib
import json
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from types import ModuleType
from typing import Any

from dossiercheck.checklist import Checklist, Item, read_checklist
from dossiercheck.dossier import Dossier, DossierFile
from dossiercheck.facts import Facts, FileFacts
from dossiercheck.findings import Code, Family
from dossiercheck.inspect import readers  # not its names: checks.documents is a module of this package
from dossiercheck.profile import Applicant
from dossiercheck.resources import schema_path
from dossiercheck.yamlio import Schema


@dataclass
class Context:
    checklist: Checklist
    profile: Applicant
    dossier: Dossier
    today: date
    facts: Facts = field(default_factory=dict)  # inspection facts by file's rel path

    @cached_property
    def applicant(self) -> dict[str, Any]:
        return self.profile.facts()

    def applies(self, item: Item) -> bool:
        return item.applies(self.applicant)

    def upload_items(self) -> list[Item]:
        return [i for i in self.checklist.items if i.uploads]

    def item_of(self, file: DossierFile) -> Item | None:
        return self.checklist.item(file.item) if file.item else None

    def inspected(self, readable: bool = True) -> Iterator[tuple[DossierFile, Item | None, FileFacts]]:
        """Files with their item and facts; with ``readable``, only those that opened without error."""
        for f in self.dossier.files:
            facts = self.facts.get(f.rel)
            if facts is not None and not (readable and "error" in facts):
                yield f, self.item_of(f), facts

    def years(self, item: Item) -> list[int]:
        """The years this applicant needs a document of ``item`` for (see Item.years)."""
        from dossiercheck.profile import parse_date

        data = self.profile.data
        return item.years(self.checklist.year, {k: parse_date(data.get(k)) for k in ("work_started", "current_title_date")})

    def setting(self, item: Item | None, key: str) -> Any:
        """An item setting, or the checklist-wide default for files that belong to no item."""
        if key not in registry().settings:
            raise KeyError(f"{key!r}: no check module declares this setting")
        if item is not None and item.setting(key) is not None:
            return item.setting(key)
        return self.checklist.defaults.get(key)

    def threshold(self, name: str, defaults: dict[str, float] | None = None) -> float:
        """A threshold from the checklist's ``thresholds:``, else the default its check module declares."""
        return self.checklist.threshold(name, (defaults or registry().thresholds)[name])


class RegistryError(Exception):
    """A check module contradicts another (a code or setting declared twice, a code of an undeclared family)."""


@dataclass(frozen=True)
class Registry:
    modules: tuple[ModuleType, ...]
    codes: dict[str, Code]
    families: dict[str, Family]
    settings: dict[str, dict[str, Any]]  # item key → JSON Schema fragment
    thresholds: dict[str, float]

    def module_of(self, code: str) -> ModuleType:
        return next(m for m in self.modules if any(c.code == code for c in m.CODES))

    @property
    def item_defaults(self) -> dict[str, Any]:
        """What an upload item takes when neither it nor the checklist's ``defaults:`` says otherwise."""
        return {k: copy.deepcopy(s["default"]) for k, s in self.settings.items() if "default" in s}


def _collect(owner: dict[str, str], kind: str, module: ModuleType, names: Any) -> None:
    for name in names:
        if name in owner:
            raise RegistryError(f"{kind} {name} declared by both {owner[name]} and {module.__name__}")
        owner[name] = module.__name__


@cache
def registry() -> Registry:
    """Every check module under this package (its ``__path__``), and what they declare, checked for clashes."""
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    modules = tuple(importlib.import_module(f"{__name__}.{name}") for name in names)
    codes: dict[str, Code] = {}
    families: dict[str, Family] = {}
    settings: dict[str, dict[str, Any]] = {}
    thresholds: dict[str, float] = {}
    owners: dict[str, dict[str, str]] = {"code": {}, "family": {}, "setting": {}, "threshold": {}}
    for module in modules:
        _collect(owners["code"], "code", module, (c.code for c in module.CODES))
        _collect(owners["family"], "family", module, (f.name for f in getattr(module, "FAMILIES", ())))
        _collect(owners["setting"], "setting", module, getattr(module, "SETTINGS", {}))
        _collect(owners["threshold"], "threshold", module, getattr(module, "THRESHOLDS", {}))
        codes.update((c.code, c) for c in module.CODES)
        families.update((f.name, f) for f in getattr(module, "FAMILIES", ()))
        settings.update(getattr(module, "SETTINGS", {}))
        thresholds.update(getattr(module, "THRESHOLDS", {}))
    for code in codes.values():
        if code.check not in families:
            raise RegistryError(f"{code.code}: family {code.check!r} is declared by no check module's FAMILIES")
    return Registry(modules, codes, families, settings, thresholds)


def all_checks() -> tuple[ModuleType, ...]:
    return registry().modules


def catalog() -> dict[str, Code]:
    """Every code of every check module, by code."""
    return registry().codes


def families() -> dict[str, Family]:
    """Every check family, in the order the check modules declare them."""
    return registry().families


def reset() -> None:
    """Forget the discovered modules and everything built from them (for tests that add a module)."""
    registry.cache_clear()
    readers.reset()
    schema.cache_clear()
    validator.cache_clear()


@cache
def schema(name: str) -> dict[str, Any]:
    """One of ``schemas/*.schema.json`` with what the check modules declare merged in: the item settings, the
    ``defaults:`` they allow, the threshold names, and the check families."""
    base = json.loads(schema_path(name).read_text(encoding="utf-8"))
    reg = registry()
    families = sorted(reg.families)
    if name == "checklist.schema.json":
        item = base["$defs"]["item"]["properties"]
        clash = set(item) & set(reg.settings)
        if clash:
            raise RegistryError(f"settings {sorted(clash)} are already checklist keys")
        item.update(copy.deepcopy(reg.settings))
        item["checks"]["items"] = {"enum": families}
        # the documents a reads: may name, and the fields it may check: whatever the reader modules declare
        base["$defs"]["reader"] = {"enum": readers.documents()}
        base["$defs"]["reader_field"] = {"enum": readers.field_names()}
        base["properties"]["defaults"]["properties"] = {
            k: {key: v for key, v in s.items() if key != "default"} for k, s in reg.settings.items() if "default" in s}
        base["properties"]["thresholds"]["properties"] = {k: {"type": "number"} for k in sorted(reg.thresholds)}
        base["properties"]["thresholds"]["additionalProperties"] = False
    elif name == "report.schema.json":
        base["properties"]["findings"]["items"]["properties"]["check"] = {"enum": families}
    return base


@cache
def validator(name: str) -> Schema:
    """The merged schema, whose validator is built (and jsonschema imported) only when a document needs it."""
    return Schema(schema(name))


def load_checklist(ref: str | None = None, use_cache: bool = False) -> Checklist:
    """A checklist by id or path, validated against the schema with every check module's settings. With
    ``use_cache``, one that passed this schema before is not validated again (a record in the facts cache)."""
    from dossiercheck.cache import FactsCache

    known = FactsCache() if use_cache else None
    return read_checklist(ref, validator("checklist.schema.json"), registry().item_defaults, known)
