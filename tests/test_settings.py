"""Item and checklist settings are read by name through accessors (checklist.py); every name the source reads must
be one the checklist schema or a check module's SETTINGS declares, so a misspelled key fails here, not silently as
"unset" at run time."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

import dossiercheck
from dossiercheck.checks import Context, load_checklist, registry, schema

SRC = Path(dossiercheck.__file__).parent
ITEM_KEYS = set(schema("checklist.schema.json")["$defs"]["item"]["properties"])
CHECKLIST_KEYS = set(schema("checklist.schema.json")["properties"])


def _setting_reads(source: str) -> list[tuple[int, str, bool]]:
    """Each ``x.setting("name")`` (an item's key) and ``ctx.setting(item, "name")`` (a check module's setting) in
    ``source``: line, name, and whether it is the Context form."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setting":
            args = node.args
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                found.append((node.lineno, args[0].value, False))
            elif len(args) > 1 and isinstance(args[1], ast.Constant) and isinstance(args[1].value, str):
                found.append((node.lineno, args[1].value, True))
    return found


def _undeclared(source: str) -> list[tuple[int, str]]:
    return [(line, name) for line, name, of_context in _setting_reads(source)
            if name not in (registry().settings if of_context else ITEM_KEYS)]


def _keys_read(source: str, store: str) -> set[str]:
    """The keys an accessor reads from its private YAML dict (``self._entry.get("x")``, ``self._doc["x"]``)."""
    keys = set()
    for node in ast.walk(ast.parse(source)):
        target = key = None
        if isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
            target, key = node.func.value, node.args[0]
        if isinstance(target, ast.Attribute) and target.attr == store and isinstance(key, ast.Constant):
            keys.add(key.value)
    return keys


def test_every_setting_the_source_reads_is_declared():
    bad = {str(p.relative_to(SRC)): found for p in sorted(SRC.rglob("*.py"))
           if (found := _undeclared(p.read_text(encoding="utf-8")))}
    assert not bad, f"settings read but declared by no schema or check module: {bad}"
    assert len([r for p in SRC.rglob("*.py") for r in _setting_reads(p.read_text(encoding="utf-8"))]) > 20  # it scans


def test_a_misspelled_setting_is_caught_by_the_scan():
    source = 'def f(item, ctx):\n    item.setting("min_dip")\n    ctx.setting(item, "max_byte")\n    item.setting("reads")\n'
    assert _undeclared(source) == [(2, "min_dip"), (3, "max_byte")]


def test_the_accessors_read_only_declared_keys():
    source = (SRC / "checklist.py").read_text(encoding="utf-8")
    item_reads, checklist_reads = _keys_read(source, "_entry"), _keys_read(source, "_doc")
    assert "years" in item_reads and "fees" in checklist_reads  # the scan sees the accessors
    assert item_reads <= ITEM_KEYS, item_reads - ITEM_KEYS
    assert checklist_reads <= CHECKLIST_KEYS, checklist_reads - CHECKLIST_KEYS


def test_an_undeclared_name_raises_at_the_call_instead_of_reading_as_unset():
    checklist = load_checklist()
    item = checklist.item("photo")
    assert item.setting("formats") == ["jpg"] and item.setting("max_files") == 1 and item.setting("hint_en") is not None
    with pytest.raises(KeyError, match="min_dip"):
        item.setting("min_dip")
    ctx = Context(checklist, None, None, date(2023, 9, 1))  # the setting reads neither profile nor dossier
    assert ctx.setting(item, "formats") == ["jpg"] and ctx.setting(None, "formats") == ["jpg"]
    with pytest.raises(KeyError, match="min_dip"):
        ctx.setting(item, "min_dip")
    with pytest.raises(KeyError, match="title"):
        ctx.setting(item, "title")  # an item key, but no check module's setting: it has no checklist-wide default
