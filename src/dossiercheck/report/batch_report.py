"""What a batch writes besides its summary table: one JSON and one HTML report per applicant, and the batch's own
JSON (one entry per dossier: its source, whether it passed, the one-line error of an unreadable one, its report)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO

from dossiercheck.batch import Row
from dossiercheck.errors import UserError
from dossiercheck.report import html, json_report


def write_reports(rows: list[Row], folder: Path, lang: str) -> None:
    """<folder>/<dossier name>.json and .html for every dossier that could be checked."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for row in rows:
            if row.result is not None:
                stem = folder / row.source.stem
                with open(f"{stem}.json", "w", encoding="utf-8") as fh:
                    json_report.render(row.result, lang, fh)
                with open(f"{stem}.html", "w", encoding="utf-8") as fh:
                    html.render(row.result, lang, fh)
    except OSError as exc:
        raise UserError("cannot_write", path=folder, problem=exc.strerror) from None


def as_list(rows: list[Row], lang: str) -> list[dict[str, Any]]:
    return [{"source": str(r.source), "passed": not r.failed, "error": r.error.render(lang) if r.error else None,
             "report": json_report.as_dict(r.result, lang) if r.result else None} for r in rows]


def render_json(rows: list[Row], lang: str, out: TextIO) -> None:
    json.dump(as_list(rows, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
