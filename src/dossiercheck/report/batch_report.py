"""What a batch writes besides its summary table: one JSON and one HTML report per applicant, and the batch's own
JSON (one entry per dossier: its folder or zip name, whether it passed, the one-line error of an unreadable one, its report)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from dossiercheck import safeio
from dossiercheck.batch import Row
from dossiercheck.report import json_report


def report_names(rows: list[Row]) -> dict[str, str]:
    """Each checked dossier's report name below the reports folder (without .json/.html), keyed by the row's name.
    The name drops .zip, unless a folder and a zip share it: then each keeps its whole name, so neither report
    overwrites the other's (a/ → a.json, a.zip → a.zip.json); a department's dossier keeps its folder (新闻部/孙七)."""
    stems = {row.name: row.name[:-4] if row.source.is_file() and row.name.lower().endswith(".zip") else row.name
             for row in rows}
    taken = Counter(stems.values())
    return {row.name: stems[row.name] if taken[stems[row.name]] == 1 else row.name for row in rows
            if row.result is not None}


def write_reports(rows: list[Row], folder: Path, lang: str) -> dict[str, Path]:
    """<folder>/<report name>.json and .html for every dossier that could be checked (atomic, private writes);
    returns each dossier's HTML report."""
    from dossiercheck.report import html  # here: it brings Pillow, which a batch without --reports never needs

    written: dict[str, Path] = {}
    names = report_names(rows)
    for row in rows:
        stem = names.get(row.name)
        if stem is not None and row.result is not None:
            with safeio.open_text(folder / f"{stem}.json", below=folder) as fh:
                json_report.render(row.result, lang, fh)
            with safeio.open_text(folder / f"{stem}.html", below=folder) as fh:
                html.render(row.result, lang, fh)
            written[row.name] = folder / f"{stem}.html"
    return written


def as_list(rows: list[Row], lang: str) -> list[dict[str, Any]]:
    """``passed``: no error; ``verdict`` says more (partial: not every check ran; closed: the window has passed;
    unreadable: the dossier could not be checked); ``same_id``: other dossiers with this applicant's ID number."""
    return [{"folder": r.name, "passed": not r.failed,
             "verdict": r.result.verdict if r.result else "unreadable", "same_id": list(r.same_id),
             "error": r.error.render(lang) if r.error else None,
             "report": json_report.as_dict(r.result, lang) if r.result else None} for r in rows]


def render_json(rows: list[Row], lang: str, out: TextIO) -> None:
    json.dump(as_list(rows, lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
