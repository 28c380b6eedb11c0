"""The batch summary as a file to keep and print (``batch -o 汇总.html|.xlsx|.txt|.json``): the terminal table's rows
(one per dossier: folder, masked applicant, unit, level, verdict, counts, the remark) with a link to each dossier's own
report when --reports wrote them, and the lines under the table. Nothing is cut: HTML and xlsx wrap, on A4 landscape,
the header repeated on every printed page."""

from __future__ import annotations

import os
from datetime import date
from html import escape
from pathlib import Path
from typing import TextIO

from dossiercheck import safeio
from dossiercheck.batch import Row
from dossiercheck.messages import phrase
from dossiercheck.profile import mask_name
from dossiercheck.report import xlsx
from dossiercheck.report.batch_report import render_json
from dossiercheck.report.summary import footer, print_summary, remark, short_items
from dossiercheck.report.terminal import level_name

FORMATS = {"html": "html", "htm": "html", "xlsx": "xlsx", "json": "json", "txt": "txt"}
HEAD = ("folder", "applicant", "unit", "level", "verdict", "missing", "errors", "warnings", "problems", "report")
WIDTHS = (16, 8, 20, 6, 9, 6, 6, 6, 48, 14)
CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:16px;
color:#222;font-size:12px}
h1{font-size:18px;margin:0 0 4px}.sub{color:#555;margin:0 0 10px}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #999;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#eee;white-space:nowrap}thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}
td.n{text-align:right;white-space:nowrap}td.w{white-space:nowrap}td.folder{min-width:8em}td.unit{min-width:7em}td.problems{min-width:16em}
td.report{white-space:nowrap}
.failed,.unreadable{color:#c0392b;font-weight:bold}.passed{color:#2a7d2a;font-weight:bold}
.partial,.closed{color:#b7791f;font-weight:bold}
ul.foot{margin:10px 0 0 18px;padding:0}
@page{size:A4 landscape;margin:10mm}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}
"""


def output_format(path: Path) -> str | None:
    """The format an output file's extension asks for (汇总.html → html), or None when it says none."""
    return FORMATS.get(path.suffix.lower().lstrip("."))


def cells(row: Row, lang: str, report: str | None) -> list[str]:
    """One dossier's row in words (no markup): the same columns as the terminal's, plus the verdict and report."""
    if row.result is None:
        return [row.name, "", "", "", phrase("clerk.verdict.unreadable").get(lang), "", "", "", remark(row, lang), ""]
    r = row.result
    missing = short_items(r)
    return [row.name, mask_name(r.profile.name), r.profile.unit or "", level_name(r.profile.level, lang),
            phrase(f"clerk.verdict.{r.verdict}").get(lang), str(missing), str(r.counts["error"]),
            str(r.counts["warning"]), remark(row, lang), report or ""]


def _heads(lang: str) -> list[str]:
    own = {"verdict": phrase("clerk.head.verdict"), "report": phrase("clerk.head.report")}  # the terminal's ✔ column
    return [(own.get(h) or phrase(f"summary.head.{h}")).get(lang) for h in HEAD]


def _subtitle(rows: list[Row], root: Path, lang: str) -> str:
    first = next((r.result for r in rows if r.result is not None), None)
    return phrase("clerk.subtitle").get(lang, checklist=first.checklist.title(lang) if first else "",
                                        date=(first.today if first else date.today()).isoformat(), root=root.name)


def _links(reports: dict[str, Path], target: Path) -> dict[str, str]:
    """Each report as a link relative to the summary file, so the two can be moved together."""
    base = safeio.real(target.parent)
    return {name: Path(os.path.relpath(safeio.real(path), base)).as_posix() for name, path in reports.items()}


def render(rows: list[Row], fmt: str, lang: str, root: Path, links: dict[str, str], out: TextIO) -> None:
    """The summary as text: html, json or txt (the terminal's table at full width, no colour)."""
    if fmt == "html":
        out.write(_html(rows, lang, root, links))
    elif fmt == "json":
        render_json(rows, lang, out)
    else:
        print_summary(rows, lang, out)


def write(rows: list[Row], target: Path, fmt: str, lang: str, root: Path, reports: dict[str, Path]) -> None:
    """Write the summary file (atomic, 0600: it names the dossiers), linking each dossier's report."""
    links = _links(reports, target)
    if fmt == "xlsx":
        safeio.write_file(target, lambda tmp: _xlsx(tmp, rows, lang, root, links))
    else:
        with safeio.open_text(target) as fh:
            render(rows, fmt, lang, root, links, fh)


def _html(rows: list[Row], lang: str, root: Path, links: dict[str, str]) -> str:
    numeric = {"missing", "errors", "warnings"}
    out = [f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
           f"<title>{escape(phrase('clerk.title').get(lang))}</title><style>{CSS}</style></head><body>",
           f"<h1>{escape(phrase('clerk.title').get(lang))}</h1>",
           f'<p class="sub">{escape(_subtitle(rows, root, lang))}</p>',
           "<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in _heads(lang)) + "</tr></thead><tbody>"]
    for row in rows:
        verdict = row.result.verdict if row.result else "unreadable"
        values = cells(row, lang, links.get(row.name))
        tds = []
        for key, value in zip(HEAD, values, strict=True):
            if key == "report" and value:
                tds.append(f'<td class="report"><a href="{escape(value)}">{escape(Path(value).name)}</a></td>')
            elif key == "verdict":
                tds.append(f'<td class="w {verdict}">{escape(value)}</td>')
            else:  # numbers and short words never break; the folder and the remark get room first
                kind = "n" if key in numeric else "w" if key in ("applicant", "level") else key
                tds.append(f'<td class="{kind}">{escape(value)}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append('</tbody></table><ul class="foot">')
    out += [f"<li>{escape(line)}</li>" for line in footer(rows, lang)]
    out.append("</ul></body></html>\n")
    return "\n".join(out)


def _xlsx(path: Path, rows: list[Row], lang: str, root: Path, links: dict[str, str]) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = phrase("clerk.title").get(lang)[:31]
    xlsx.heading(ws, phrase("clerk.title").get(lang), len(HEAD))
    xlsx.heading(ws, _subtitle(rows, root, lang), len(HEAD), size=10)
    xlsx.text_row(ws, _heads(lang))
    for row in rows:
        values = cells(row, lang, links.get(row.name))
        xlsx.text_row(ws, values)
        if values[-1]:
            ws.cell(ws.max_row, len(HEAD)).hyperlink = values[-1]
    xlsx.table(ws, 3, list(WIDTHS))
    ws.append([])
    for line in footer(rows, lang):
        xlsx.text_row(ws, [line])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEAD))
    xlsx.a4_landscape(ws, 3)
    wb.save(path)
