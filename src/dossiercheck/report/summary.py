"""The batch summary table: one row per applicant, dossiers needing work first, totals at the end."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossiercheck.batch import Row
from dossiercheck.i18n import Text
from dossiercheck.profile import mask_name

HEAD = [Text("文件夹", "Folder"), Text("申报人", "Applicant"), Text("单位", "Unit"), Text("级别", "Level"), Text("缺少材料", "Missing"),
        Text("错误", "Errors"), Text("警告", "Warnings"), Text("通过", "Passed"), Text("问题", "Problems")]
UNREADABLE = Text("无法检查", "not checked")
# The 通过 column says what the single-dossier headline says: only a complete run inside the window is a plain ✔.
MARK = {"passed": "[green]✔[/green]", "failed": "[red]✘[/red]",
        "partial": Text("[yellow]✔ 部分检查[/yellow]", "[yellow]✔ partial[/yellow]"),
        "closed": Text("[yellow]✔ 已截止[/yellow]", "[yellow]✔ closed[/yellow]")}
TOTAL = Text("合计 {n} 人，通过 {ok} 人；缺少材料 {missing} 项，错误 {errors} 个，警告 {warnings} 个",
             "{n} applicants, {ok} passed; {missing} items missing, {errors} errors, {warnings} warnings")


def mark(verdict: str, lang: str) -> str:
    shown = MARK[verdict]
    return shown.get(lang) if isinstance(shown, Text) else shown


def print_summary(rows: list[Row], lang: str) -> None:
    table = Table(show_lines=False)
    for head in HEAD:
        table.add_column(head.get(lang))
    totals = [0, 0, 0]
    for row in rows:
        if row.result is None:
            table.add_row(escape(row.source.name), "", "", "", "", "", "", f"[red]✘ {UNREADABLE.get(lang)}[/red]",
                          escape(row.remark(lang)))
            continue
        r = row.result
        missing = sum(1 for i in r.items if i.status == "missing")
        counts = r.counts
        totals = [totals[0] + missing, totals[1] + counts["error"], totals[2] + counts["warning"]]
        table.add_row(escape(row.source.name), mask_name(r.profile.name), escape(r.profile.unit or ""), r.profile.level,
                      str(missing), str(counts["error"]), str(counts["warning"]),
                      mark(r.verdict, lang), escape(row.remark(lang)))
    passed = sum(1 for r in rows if r.result is not None and r.result.verdict in ("passed", "closed"))
    console = Console(highlight=False, soft_wrap=False)
    console.print(table)
    console.print(TOTAL.get(lang, n=len(rows), ok=passed, missing=totals[0], errors=totals[1], warnings=totals[2]),
                  soft_wrap=True)
