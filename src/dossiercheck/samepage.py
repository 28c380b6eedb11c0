"""The same page twice: byte-identical files, or the same sheet photographed or scanned twice (minimal stand-in).

``same_sheet(a, b)`` → "identical" (same bytes), "same_sheet" (their readings nearly the same text), or None.
"""

from __future__ import annotations

import difflib
import re

from dossiercheck.facts import FileFacts, readings

NEAR = 0.97      # two readings this alike are one sheet read twice
MIN_CHARS = 20   # shorter readings say too little to call two pages one


def _text(facts: FileFacts) -> str:
    pdf = facts.get("pdf") or {}
    lines = [ln.get("t", "") for p in readings(facts) for ln in p.get("lines", [])] + list(pdf.get("text", []))
    return "".join("".join(lines).split())


def same_sheet(a: FileFacts, b: FileFacts) -> str | None:
    if a.get("sha256") and a.get("sha256") == b.get("sha256"):
        return "identical"
    ta, tb = _text(a), _text(b)
    if re.findall(r"\d+", ta) != re.findall(r"\d+", tb):
        return None  # forms of a series differ in little but their numbers (2020年度 / 2021年度): not one sheet
    if min(len(ta), len(tb)) >= MIN_CHARS and difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio() >= NEAR:
        return "same_sheet"
    return None
