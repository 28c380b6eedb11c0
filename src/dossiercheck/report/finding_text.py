"""A finding in words: its code's message and hint (declared by the check module, ``CODES``) filled from the
finding's parameters, in the report's language. Only reporters render; a finding carries a code and parameters."""

from __future__ import annotations

from typing import Any

from dossiercheck.checks import catalog
from dossiercheck.findings import Finding
from dossiercheck.messages import render


def _args(finding: Finding, lang: str) -> dict[str, Any]:
    """Parameters with every Text or Message in ``lang`` and lists joined, ready for a template."""
    return {k: render(v, lang) for k, v in finding.args.items()}


def message(finding: Finding, lang: str) -> str:
    return catalog()[finding.code].message.get(lang, **_args(finding, lang))


def hint(finding: Finding, lang: str) -> str:
    """The code's hint, then the checklist's advice for the item (its ``hint``/``hint_en``)."""
    parts = [catalog()[finding.code].hint.get(lang, **_args(finding, lang))]
    if finding.extra_hint:
        parts.append(finding.extra_hint.get(lang))
    return ("" if lang == "zh" else " ").join(p for p in parts if p)  # Chinese sentences end in 。
