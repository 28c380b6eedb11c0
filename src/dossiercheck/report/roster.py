"""The applicant roster (附件5 申报人员花名册) a clerk hands in with the paper materials, as .xlsx or .csv.

It is the official form, so it carries each applicant's full name and ID number from applicant.yaml (unlike every
report, which masks them). 是否通过 is the check's verdict; 备注 is the short list of what failed.
"""

from __future__ import annotations

import csv
from pathlib import Path

from dossiercheck import safeio
from dossiercheck.batch import Row
from dossiercheck.errors import UserError
from dossiercheck.report.summary import remark

COLUMNS = ("序号", "姓名", "性别", "族别", "政治面貌", "身份证号码", "现任专业技术职务", "获现任专业技术职务时间",
           "拟晋升专业技术职务", "工作单位", "是否通过", "备注")
WIDTHS = (6, 12, 6, 8, 10, 21, 16, 14, 16, 24, 8, 48)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cells(index: int, row: Row) -> list[str]:
    if row.result is None:  # the folder name is no applicant's name: it goes to the remark, marked as the folder
        return [str(index), "", "", "", "", "", "", "", "", "", "否", f"（{row.source.name}）{remark(row, 'zh')}"]
    p = row.result.profile
    d = p.data
    return [str(index), p.name or "", d.get("gender", ""), d.get("ethnicity", ""), d.get("political_status", ""),
            p.id_number, d.get("current_title", ""), str(d.get("current_title_date", "")), d.get("target_title", ""),
            p.unit or "", "是" if row.result.passed else "否", remark(row, "zh")]


def title(rows: list[Row]) -> str:
    """The checklist's ``roster_title``, or one made from its year."""
    checklist = next((r.result.checklist for r in rows if r.result), None)
    if checklist is None:
        return "职称申报人员花名册"
    return checklist.raw.get("roster_title") or f"{checklist.year}年度职称申报人员花名册"


def write_roster(rows: list[Row], path: Path) -> None:
    ordered = sorted(rows, key=lambda r: r.source.name)  # the form lists applicants, not problems: by name
    table = [_cells(i, r) for i, r in enumerate(ordered, 1)]
    units = {r.result.profile.unit for r in ordered if r.result and r.result.profile.unit}
    unit = units.pop() if len(units) == 1 else ""
    try:
        if path.suffix.lower() == ".csv":
            # the BOM makes Excel and WPS read UTF-8; atomic, 0600 (full ID numbers), never through a link
            with safeio.open_text(path, encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh)
                writer.writerow(COLUMNS)
                writer.writerows([[_csv_text(c) for c in r] for r in table])
        else:
            safeio.write_file(path, lambda tmp: _xlsx(tmp, title(ordered), unit, table))
    except OSError as exc:
        raise UserError("error.cannot_write", path=path, problem=exc.strerror) from None


def _csv_text(cell: str) -> str:
    """A spreadsheet reads '=…', '+…', '-…', '@…' (and a leading tab or CR) as a formula: quote it as text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _xlsx(path: Path, heading: str, unit: str, table: list[list[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append([heading])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"单位（盖章）：{unit}"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(COLUMNS))
    ws.append(list(COLUMNS))
    thin = Side(style="thin")
    for row in table:
        ws.append(row)
        for cell in ws[ws.max_row]:  # every cell is text, never a formula, whatever applicant.yaml says
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for r in ws.iter_rows(min_row=3, max_row=3 + len(table)):
        for cell in r:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.row == 3:
                cell.font = Font(bold=True)
    for i, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A4"
    wb.save(path)
