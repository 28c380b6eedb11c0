"""The applicant roster (附件5 申报人员花名册) a clerk hands in with the paper materials, as .xlsx or .csv.

It is the unit's official form, so it carries each applicant's full name and ID number from applicant.yaml (unlike
every report, which masks them), and only what the form asks: its title, 单位（盖章）, and its columns, all taken from
the checklist's ``roster`` (the next notice's form is checklist data, not code). It lists applicants only: a folder
that could not be checked is no applicant (the batch summary lists it). The tool's findings belong in the summary:
备注 is left for the clerk, and 是否通过 is the unit's decision (applicant.yaml's ``unit_passed``), never the tool's.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dossiercheck import safeio
from dossiercheck.batch import Row
from dossiercheck.errors import UserError
from dossiercheck.report import xlsx

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
DEFAULT_WIDTH = 12


def decision(row: Row) -> str:
    """是否通过 as the unit decided it (applicant.yaml's ``unit_passed``), blank when it did not say. Never 是 for a
    dossier whose check failed or ran after the upload window closed: that is left blank for the clerk to look at
    (the summary says why)."""
    result = row.result
    said = result.profile.data.get("unit_passed") if result else None
    if said is False:
        return "否"
    return "是" if said is True and result.verdict == "passed" else ""


def withheld(row: Row) -> bool:
    """The unit said 是, but the roster leaves it blank (the check failed, or ran after the window)."""
    return row.result is not None and row.result.profile.data.get("unit_passed") is True and not decision(row)


def _value(source: str, index: int, row: Row) -> str:
    p = row.result.profile
    special = {"index": str(index), "decision": decision(row), "blank": "", "name": p.name or "",
               "unit": p.unit or "", "id_number": p.id_number}
    if source in special:
        return special[source]
    value = p.data.get(source)
    return "" if value is None else str(value)


def listed(rows: list[Row], passed_only: bool = False) -> list[Row]:
    """The applicants the roster lists, by folder name: every dossier that could be checked, or with
    ``passed_only`` those whose check passed inside the upload window."""
    return sorted((r for r in rows if r.result is not None and (not passed_only or r.result.verdict == "passed")),
                  key=lambda r: r.name)


def write_roster(rows: list[Row], path: Path, passed_only: bool = False) -> list[Row]:
    """Write the roster; returns the rows it lists. Refused when no applicant is left to list."""
    ordered = listed(rows, passed_only)
    if not ordered:
        raise UserError("error.roster_empty", path=path)
    form = ordered[0].result.checklist.roster
    columns = form["columns"]
    table = [[_value(c["from"], i, r) for c in columns] for i, r in enumerate(ordered, 1)]
    heads = [c["head"] for c in columns]
    units = {r.result.profile.unit for r in ordered if r.result.profile.unit}
    unit_line = form["unit_line"] + (units.pop() if len(units) == 1 else "")
    try:
        if path.suffix.lower() == ".csv":
            # the BOM makes Excel and WPS read UTF-8; atomic, 0600 (full ID numbers), never through a link
            with safeio.open_text(path, encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(heads)
                writer.writerows([[_csv_text(c) for c in r] for r in table])
        else:
            widths = [c.get("width", DEFAULT_WIDTH) for c in columns]
            safeio.write_file(path, lambda tmp: _xlsx(tmp, form["title"], unit_line, heads, widths, table))
    except OSError as exc:
        raise UserError("error.cannot_write", path=path, problem=exc.strerror) from None
    return ordered


def _csv_text(cell: str) -> str:
    """A spreadsheet reads '=…', '+…', '-…', '@…' (and a leading tab or CR) as a formula: quote it as text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _xlsx(path: Path, title: str, unit_line: str, heads: list[str], widths: list[float],
          table: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    xlsx.heading(ws, title, len(heads))
    xlsx.heading(ws, unit_line, len(heads), size=11)
    xlsx.text_row(ws, heads)
    for row in table:
        xlsx.text_row(ws, row)
    xlsx.table(ws, 3, widths)
    xlsx.a4_landscape(ws, 3)
    wb.save(path)
