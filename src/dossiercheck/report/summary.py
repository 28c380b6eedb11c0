"""The batch summary table: one row per applicant, dossiers needing work first, totals at the end."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from dossiercheck.batch import Row
from dossiercheck.checks import catalog, families
from dossiercheck.findings import Severity
from dossiercheck.i18n import printable
from dossiercheck.messages import phrase, render
from dossiercheck.profile import mask_name
from dossiercheck.report.terminal import level_name

HEAD = ("folder", "applicant", "unit", "level", "missing", "errors", "warnings", "passed", "problems")
# The 通过 column says what the single-dossier headline says: only a complete run inside the window is a plain ✔.
MARK = {"passed": "[green]✔[/green]", "failed": "[red]✘[/red]"}
FILE_WIDTH = 100_000  # a file or pipe has no width to fit: never fold or cut there
SAME_ID_NAMED = 2  # a row names at most this many other dossiers of its ID number


def mark(verdict: str, lang: str) -> str:
    return MARK.get(verdict) or phrase(f"summary.mark.{verdict}").get(lang)


SHORT = ("missing", "count", "years")  # the checks whose errors say an item lacks a file, a side, a page or a year


def short_items(result) -> int:
    """How many items miss material, in whole (no file) or in part (a side, a journal page, a year, too few
    files): the 缺少材料 column; an ID card without its back is not 'nothing missing'."""
    partly = {f.item for f in result.findings if f.severity == Severity.ERROR and f.code in catalog()
              and catalog()[f.code].check in SHORT}
    return sum(1 for i in result.items if i.status == "missing" or i.item.id in partly)


def remark(row: Row, lang: str) -> str:
    """What failed, in a few words: the missing items by name, the other errors counted by kind."""
    if row.result is None:
        return row.error.render(lang) if row.error else ""
    errors = [f for f in row.result.findings if f.severity == Severity.ERROR]
    missing = [r.item.label(lang) for r in row.result.items if r.status == "missing"]
    counts = Counter(catalog()[f.code].check for f in errors if f.code != "P101")
    parts = [same_id(row, lang)] if row.same_id else []
    parts += [phrase("summary.missing").get(lang, items=render(missing, lang))] if missing else []
    parts += [phrase("summary.tally").get(lang, label=families()[k].label.get(lang) if k in families() else k, n=n)
              for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return phrase("list.clauses").get(lang).join(parts)


def same_id(row: Row, lang: str) -> str:
    """Another dossier or two of this ID number by name; a crowd by count (the summary lists it once, below)."""
    if len(row.same_id) > SAME_ID_NAMED:
        return phrase("clerk.same_id_many").get(lang, n=len(row.same_id))
    return phrase("summary.same_id").get(lang, others=", ".join(row.same_id))


def totals(rows: list[Row]) -> dict[str, int]:
    """People are applicants (dossiers that could be checked); 通过 only a complete check inside the window."""
    checked = [r.result for r in rows if r.result is not None]
    return {"n": len(checked), "ok": sum(r.verdict == "passed" for r in checked),
            "missing": sum(short_items(r) for r in checked),
            "errors": sum(r.counts["error"] for r in checked), "warnings": sum(r.counts["warning"] for r in checked)}


def footer(rows: list[Row], lang: str) -> list[str]:
    """The lines under the table: the totals, then each thing said once: the dossiers with no error but past the
    window, those that could not be checked, every crowd sharing one ID number, the roster's withheld 是."""
    from dossiercheck.report.roster import withheld

    def names(picked: list[str]) -> str:
        return phrase("list.sep").get(lang).join(picked)

    lines = [phrase("summary.total").get(lang, **totals(rows))]
    closed = [r.name for r in rows if r.result is not None and r.result.verdict == "closed"]
    if closed:
        lines.append(phrase("clerk.closed").get(lang, n=len(closed), names=names(closed)))
    unreadable = [r.name for r in rows if r.result is None]
    if unreadable:
        lines.append(phrase("clerk.unreadable").get(lang, n=len(unreadable), names=names(unreadable)))
    groups = {tuple(sorted((r.name, *r.same_id))) for r in rows if len(r.same_id) > SAME_ID_NAMED}
    lines += [phrase("clerk.same_id_group").get(lang, n=len(g), names=names(list(g))) for g in sorted(groups)]
    kept = [r.name for r in rows if withheld(r)]
    if kept:
        lines.append(phrase("clerk.withheld").get(lang, names=names(kept)))
    return lines


def print_summary(rows: list[Row], lang: str, out: TextIO | None = None) -> None:
    from rich.console import Console  # here: a summary file or JSON needs no terminal table
    from rich.markup import escape
    from rich.table import Table

    """The table on the terminal, wrapped (never cut) to its width; into a file or pipe (``out``, or a redirected
    stdout) at full width, so a saved summary keeps every name and unit whole."""
    table = Table(show_lines=False)
    for head in HEAD:
        table.add_column(phrase(f"summary.head.{head}").get(lang), overflow="fold")  # wrap, never cut (…)
    for row in rows:
        if row.result is None:
            table.add_row(escape(printable(row.name)), "", "", "", "", "", "", f"[red]✘ {phrase('summary.unreadable').get(lang)}[/red]",
                          escape(remark(row, lang)))
            continue
        r = row.result
        missing = short_items(r)
        counts = r.counts
        table.add_row(escape(printable(row.name)), mask_name(r.profile.name), escape(r.profile.unit or ""), level_name(r.profile.level, lang),
                      str(missing), str(counts["error"]), str(counts["warning"]),
                      mark(r.verdict, lang), escape(remark(row, lang)))
    console = Console(file=out, highlight=False, soft_wrap=False)
    if not console.is_terminal:
        console = Console(file=out, highlight=False, soft_wrap=False, width=FILE_WIDTH,
                          color_system=None if out is not None else "auto")
    console.print(table)
    for line in footer(rows, lang):
        console.print(line, soft_wrap=True, markup=False)
