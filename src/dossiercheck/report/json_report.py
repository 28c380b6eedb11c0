"""The JSON report (``schemas/report.schema.json``): the contract outside tools and later stages rely on."""

from __future__ import annotations

import json
from typing import Any, TextIO

from dossiercheck import __version__
from dossiercheck.checks import catalog
from dossiercheck.engine import Result
from dossiercheck.profile import mask_name
from dossiercheck.report import finding_text as words

# Facts that are safe and useful to publish per file (OCR text and hashes stay in the cache).
FILE_FACTS = ("kind", "width", "height", "pages", "sha256")


def as_dict(result: Result, lang: str) -> dict[str, Any]:
    profile = result.profile
    return {
        "tool": "dossiercheck",
        "version": __version__,
        "checklist": {"id": result.checklist.id, "title": result.checklist.title(lang)},
        "dossier": str(result.dossier.shown),
        "date": result.today.isoformat(),
        "applicant": {"name": mask_name(profile.name), "unit": profile.unit, "level": profile.level},
        "passed": result.passed,
        "complete": result.complete,
        "verdict": result.verdict,
        "checks_not_run": {f: ("partly" if some else "all") for f, some in result.unrun.items()},
        "summary": {**result.counts, "files": len(result.dossier.files)},
        "fee": result.fee,
        "fee_unreadable": result.fee_unreadable,
        "defence_exempt": bool(result.defence_exemptions),
        "defence_exemptions": [reason.get(lang) for reason in result.defence_exemptions],
        "deadlines": [{"key": d.key, "start": d.start.isoformat(), "end": d.end.isoformat(), "days_left": d.days_left}
                      for d in result.deadlines],
        "items": [{"id": r.item.id, "number": r.item.number, "title": r.item.label(lang), "kind": r.item.kind,
                   "required": r.required, "status": r.status, "files": r.files} for r in result.items],
        "files": [{"path": f.rel, "item": f.item, "size": f.size,
                   **{k: v for k, v in result.facts.get(f.rel, {}).items() if k in FILE_FACTS}}
                  for f in result.dossier.files],
        "findings": [{"code": f.code, "check": catalog()[f.code].check, "severity": f.severity.value, "item": f.item,
                      "file": f.file, "page": f.page, "message": words.message(f, lang), "hint": words.hint(f, lang),
                      "evidence": f.evidence} for f in result.findings],
    }


def render(result: Result, lang: str, out: TextIO) -> None:
    json.dump(as_dict(result, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
