"""Checks: one module per family of findings. Each module has

- a docstring: what it checks, for ``dossiercheck explain``;
- ``CODES``: the codes it may raise (see findings.Code);
- ``check(ctx) -> Iterable[Finding]``: pure, reading only the Context (never a file).

Modules are discovered, not registered: a new check is a new module here plus, if it needs settings, the checklist.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from types import ModuleType
from typing import Any

from dossiercheck.checklist import Checklist, Item
from dossiercheck.dossier import Dossier, DossierFile
from dossiercheck.profile import Applicant


@dataclass
class Context:
    checklist: Checklist
    profile: Applicant
    dossier: Dossier
    today: date
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)  # inspection facts by file's rel path

    @cached_property
    def applicant(self) -> dict[str, Any]:
        return self.profile.facts()

    def applies(self, item: Item) -> bool:
        return item.applies(self.applicant)

    def upload_items(self) -> list[Item]:
        return [i for i in self.checklist.items if i.uploads]

    def item_of(self, file: DossierFile) -> Item | None:
        return self.checklist.item(file.item) if file.item else None

    def inspected(self, readable: bool = True) -> Iterator[tuple[DossierFile, Item | None, dict[str, Any]]]:
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
        if item is not None and item.get(key) is not None:
            return item.get(key)
        from dossiercheck.checklist import ITEM_DEFAULTS

        return self.checklist.raw.get("defaults", {}).get(key, ITEM_DEFAULTS.get(key))

    def threshold(self, name: str, defaults: dict[str, float]) -> float:
        """A threshold from the checklist's ``thresholds:``, else the check module's default."""
        return self.checklist.threshold(name, defaults[name])


@cache
def all_checks() -> tuple[ModuleType, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)
