"""The facts' types (dossiercheck/facts.py) cannot drift from what the inspection writes: every key the inspection of
the demo dossiers produces, at every depth, is declared, with a value of the declared kind.

The page reader here is a stand-in engine: what is under test is the shape the inspection writes around the
engine's answers (lines, frames, fields, marks), not what the real engine reads (tests/test_ocr.py)."""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin, get_type_hints

import numpy as np
import pytest

from conftest import DEMO_FLAWED, DEMO_OK
from dossiercheck.engine import Options, prepare
from dossiercheck.facts import FileFacts
from dossiercheck.inspect import inspect_dossier
from dossiercheck.inspect import ocr as reader


def undeclared(value: Any, hint: Any, where: str, seen: set[str] | None = None) -> list[str]:
    """Where ``value`` has a key (or a value) its type ``hint`` does not declare; the declared keys met go into
    ``seen`` (as TypedDict.key)."""
    seen = set() if seen is None else seen
    if typing.is_typeddict(hint):
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a {hint.__name__}"]
        hints = get_type_hints(hint)
        out = []
        for key, v in value.items():
            if key not in hints:
                out.append(f"{where}.{key}: undeclared")
                continue
            seen.add(f"{hint.__name__}.{key}")
            out += undeclared(v, hints[key], f"{where}.{key}", seen)
        return out
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        tries = [undeclared(value, a, where, seen) for a in args]
        return [] if any(not t for t in tries) else min(tries, key=len)
    if origin is list:
        if not isinstance(value, list):
            return [f"{where}: {type(value).__name__}, not a list"]
        return [p for i, v in enumerate(value) for p in undeclared(v, args[0], f"{where}[{i}]", seen)]
    if origin is dict:
        if not isinstance(value, dict):
            return [f"{where}: {type(value).__name__}, not a dict"]
        return [p for k, v in value.items() for p in undeclared(v, args[1], f"{where}.{k}", seen)]
    if hint is Any:
        return []
    if hint is type(None):
        return [] if value is None else [f"{where}: {value!r} is not None"]
    fits = isinstance(value, hint) and not (isinstance(value, bool) and hint is not bool)
    if hint is float:
        fits = isinstance(value, (int, float)) and not isinstance(value, bool)  # JSON writes 1.0 as 1
    return [] if fits else [f"{where}: {value!r} is not {hint.__name__}"]


def test_the_walk_finds_an_undeclared_key():
    assert undeclared({"ext": ".jpg", "ocr": [{"lines": [{"t": "x", "font": 3}]}]}, FileFacts, "f") == \
        ["f.ocr[0].lines[0].font: undeclared"]
    assert undeclared({"pdf": {"pages": "2"}}, FileFacts, "f") == ["f.pdf.pages: '2' is not int"]
    assert undeclared({"dpi": None, "faces": 1, "quality": {"ink": 0}}, FileFacts, "f") == []


class Reader(reader.OcrEngine):
    """Upright lines of text that each field reader finds something in, the last a signature label."""

    TEXT = "2021年度考核结果：优秀 公需科目30学时 公示5个工作日"

    def detect(self, img):
        h, w = img.shape[:2]
        return [np.array([[10, y], [w - 10, y], [w - 10, y + 20], [10, y + 20]], dtype=np.float32)
                for y in range(20, min(h - 30, 200), 40)]

    def classify(self, crops):
        return [(0, 0.99)] * len(crops)

    def recognize(self, crops):
        return [(self.TEXT, 0.97)] * (len(crops) - 1) + [("承诺人签字", 0.97)] * bool(crops)


@pytest.fixture(scope="module")
def inspected():
    """Each demo dossier inspected as the check command does, without and with reading the pages."""
    patch = pytest.MonkeyPatch()
    patch.setattr(reader, "engine", lambda: Reader())
    try:
        return {f"{folder.name}{'+ocr' if ocr else ''}": inspect_dossier(prepare(folder, Options()), jobs=1,
                                                                         use_cache=False, ocr=ocr)
                for folder in (DEMO_OK, DEMO_FLAWED) for ocr in (False, True)}
    finally:
        patch.undo()


def test_the_inspection_writes_only_declared_keys(inspected):
    problems = [p for run, facts in inspected.items() for rel, one in facts.items()
                for p in undeclared(one, FileFacts, f"{run}:{rel}")]
    assert not problems, "\n".join(problems[:20])


def declared(hint: Any, out: set[str] | None = None) -> set[str]:
    """Every TypedDict.key reachable from ``hint``."""
    out = set() if out is None else out
    if typing.is_typeddict(hint):
        for key, h in get_type_hints(hint).items():
            if f"{hint.__name__}.{key}" not in out:
                out.add(f"{hint.__name__}.{key}")
                declared(h, out)
    for arg in get_args(hint):
        declared(arg, out)
    return out


# declared keys the demos do not produce: an engine failure, the fix's own key, a reader's rarer extras
RARE = {"PageReading.status", "PageReading.detail", "FileFacts.size",
        # a photographed page's straightening: the demos are scans (tests/test_phone.py reads photographs)
        "PageReading.flat", "Flat.quad", "Flat.size", "Flat.skew", "Flat.sheet"}


def test_every_declared_key_is_written(inspected):
    """And the other way round: no declaration outlives the code that wrote it (the demos hold a photo, a PDF,
    pages whose fields are read, a commitment and a broken file)."""
    seen: set[str] = set()
    for facts in inspected.values():
        for one in facts.values():
            undeclared(one, FileFacts, "", seen)
    assert declared(FileFacts) - seen == RARE
