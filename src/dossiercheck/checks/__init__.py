"""Checks: one module per family of findings. Each module has

- a docstring: what it checks, for ``dossiercheck explain``;
- ``CODES``: the codes it may raise (see findings.Code);
- ``check(ctx) -> Iterable[Finding]``: pure, reading only the Context (never a file).

Modules are discovered, not registered: a new check is a new module here plus, if it needs settings, the checklist.
"""

from __future__ import annotations

import importlib
import pkgutil
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


@cache
def all_checks() -> tuple[ModuleType, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    return tuple(importlib.import_module(f"{__name__}.{name}") for name in names)
