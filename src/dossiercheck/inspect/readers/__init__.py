"""Readers: one module per document an item's ``reads: {document: ...}`` may name, discovered, never listed. Each has

- a docstring: what it reads off the page;
- ``DOCUMENT``: the name a checklist gives it (``reads: {document: ...}``);
- ``VERSION``: bumped when what ``read`` returns changes; it is part of the cache key of the files of items that
  read this document (and of no other), so a changed reader re-reads only its own pages;
- ``FIELDS``: the field names an item's ``reads: fields:`` may ask of it;
- ``MARKS`` (optional, default False): also measure the page image (inspect/fields.page_marks);
- ``read(page, options) -> list[Field]``: the fields of one page (a fields.PageText); ``options`` is the item's
  ``reads:``. It abstains (returns no field) rather than guess.

Their shared tools (normalising, Chinese numbers and dates, the people named on a page) are in inspect/fields.py.
A new reader is a new module here; nothing else is edited.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType


class ReaderError(Exception):
    """Two reader modules claim the same document."""


@cache
def readers() -> dict[str, ModuleType]:
    """Every reader module on this package's path (``__path__``), by the document it reads."""
    out: dict[str, ModuleType] = {}
    for name in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
        module = importlib.import_module(f"{__name__}.{name}")
        if module.DOCUMENT in out:
            raise ReaderError(f"document {module.DOCUMENT} read by both {out[module.DOCUMENT].__name__} and "
                              f"{module.__name__}")
        out[module.DOCUMENT] = module
    return out


def reader(document: str) -> ModuleType | None:
    return readers().get(document)


def documents() -> list[str]:
    """The documents a checklist item may read."""
    return list(readers())


def field_names() -> list[str]:
    """Every field an item may ask to be checked, in the readers' order."""
    return list(dict.fromkeys(f for module in readers().values() for f in module.FIELDS))


def version(document: str) -> str:
    """The reader's part of a cache key: its document and VERSION ('' for a document no reader reads)."""
    module = reader(document)
    return f"{document}.{module.VERSION}" if module is not None else ""


def reset() -> None:
    """Forget the discovered modules (for tests that add one)."""
    readers.cache_clear()
