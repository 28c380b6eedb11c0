"""What a batch writes besides its summary table: one JSON and one HTML report per applicant, and the batch's own
JSON (one entry per dossier: its folder or zip name, whether it passed, the one-line error of an unreadable one, its report)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from dossiercheck import safeio
from dossiercheck.batch import Row
from dossiercheck.report import html, json_report


def write_reports(rows: list[Row], folder: Path, lang: str) -> None:
    """<folder>/<dossier name>.json and .html for every dossier that could be checked (atomic, private writes)."""
    for row in rows:
        if row.result is not None:
            stem = row.source.stem
            with safeio.open_text(folder / f"{stem}.json", below=folder) as fh:
                json_report.render(row.result, lang, fh)
            with safeio.open_text(folder / f"{stem}.html", below=folder) as fh:
                html.render(row.result, lang, fh)


def as_list(rows: list[Row], lang: str) -> list[dict[str, Any]]:
    return [{"folder": r.source.name, "passed": not r.failed, "error": r.error.render(lang) if r.error else None,
             "report": json_report.as_dict(r.result, lang) if r.result else None} for r in rows]


def render_json(rows: list[Row], lang: str, out: TextIO) -> None:
    json.dump(as_list(rows, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
