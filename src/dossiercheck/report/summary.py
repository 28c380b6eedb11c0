"""The batch summary table: one row per applicant, dossiers needing work first, totals at the end."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dossiercheck.batch import Row
from dossiercheck.checks import catalog, families
from dossiercheck.findings import Severity
from dossiercheck.i18n import printable
from dossiercheck.messages import phrase, render
from dossiercheck.profile import mask_name

HEAD = ("folder", "applicant", "unit", "level", "missing", "errors", "warnings", "passed", "problems")
# The 通过 column says what the single-dossier headline says: only a complete run inside the window is a plain ✔.
MARK = {"passed": "[green]✔[/green]", "failed": "[red]✘[/red]"}


def mark(verdict: str, lang: str) -> str:
    return MARK.get(verdict) or phrase(f"summary.mark.{verdict}").get(lang)


def remark(row: Row, lang: str) -> str:
    """What failed, in a few words: the missing items by name, the other errors counted by kind."""
    if row.result is None:
        return row.error.render(lang) if row.error else ""
    errors = [f for f in row.result.findings if f.severity == Severity.ERROR]
    missing = [r.item.label(lang) for r in row.result.items if r.status == "missing"]
    counts = Counter(catalog()[f.code].check for f in errors if f.code != "P101")
    parts = [phrase("summary.same_id").get(lang, others=", ".join(row.same_id))] if row.same_id else []
    parts += [phrase("summary.missing").get(lang, items=render(missing, lang))] if missing else []
    parts += [phrase("summary.tally").get(lang, label=families()[k].label.get(lang) if k in families() else k, n=n)
              for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return phrase("list.clauses").get(lang).join(parts)


def print_summary(rows: list[Row], lang: str) -> None:
    table = Table(show_lines=False)
    for head in HEAD:
        table.add_column(phrase(f"summary.head.{head}").get(lang))
    totals = [0, 0, 0]
    for row in rows:
        if row.result is None:
            table.add_row(escape(printable(row.source.name)), "", "", "", "", "", "", f"[red]✘ {phrase('summary.unreadable').get(lang)}[/red]",
                          escape(remark(row, lang)))
            continue
        r = row.result
        missing = sum(1 for i in r.items if i.status == "missing")
        counts = r.counts
        totals = [totals[0] + missing, totals[1] + counts["error"], totals[2] + counts["warning"]]
        table.add_row(escape(printable(row.source.name)), mask_name(r.profile.name), escape(r.profile.unit or ""), r.profile.level,
                      str(missing), str(counts["error"]), str(counts["warning"]),
                      mark(r.verdict, lang), escape(remark(row, lang)))
    passed = sum(1 for r in rows if r.result is not None and r.result.verdict in ("passed", "closed"))
    console = Console(highlight=False, soft_wrap=False)
    console.print(table)
    console.print(phrase("summary.total").get(lang, n=len(rows), ok=passed, missing=totals[0], errors=totals[1], warnings=totals[2]),
                  soft_wrap=True)
