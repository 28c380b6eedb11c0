"""What the roster and the batch summary share as spreadsheets: a sheet that prints on A4 as handed in (landscape,
one page wide, the header row on every page) and cells that are always text, never a formula."""

from __future__ import annotations

from typing import Any


def text_row(ws: Any, values: list[Any]) -> None:
    """Append a row whose strings stay text whatever they start with (=, +, -, @: an applicant.yaml is input)."""
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def heading(ws: Any, text: str, columns: int, size: int = 14) -> None:
    """A line across the table's width (the form's title, the 单位（盖章） line)."""
    from openpyxl.styles import Alignment, Font

    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=columns)
    cell = ws.cell(ws.max_row, 1)
    cell.font = Font(bold=size > 12, size=size)
    cell.alignment = Alignment(horizontal="center" if size > 12 else "left")


def table(ws: Any, head_row: int, widths: list[float]) -> None:
    """Borders, wrapping and widths for the table from ``head_row`` down; the header bold and frozen."""
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=head_row, max_row=ws.max_row, max_col=len(widths)):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if cell.row == head_row:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = ws.cell(head_row + 1, 1).coordinate


def a4_landscape(ws: Any, head_row: int) -> None:
    """A4 landscape, fitted to one page wide (as many pages tall as it takes), the header row repeated."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
