"""What ``sort`` shows: the review table (every file → item, year, part, confidence and the words that decided it),
its JSON, and the closing line."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from dossiercheck.checklist import Checklist
from dossiercheck.classify import reason_text
from dossiercheck.i18n import printable
from dossiercheck.messages import Message, phrase
from dossiercheck.sort import UNSORTED, Placement, SortResult

COLUMNS = ("file", "item", "year", "part", "confidence", "why")


def why(p: Placement, lang: str) -> str:
    """Why a page was not placed, or was not copied."""
    return Message(f"sort.why.{p.why}", **p.why_args).render(lang) if p.why else ""


def as_dict(result: SortResult, lang: str) -> dict[str, Any]:
    return {"source": str(result.source), "out": str(result.out), "written": result.written,
            "profile": result.profile, "counts": result.counts,
            "files": [p.as_dict() | {"why": why(p, lang) or None, "why_code": p.why} for p in result.placements]}


def part_label(p: Placement, checklist: Checklist, lang: str) -> str:
    """The part a page was placed as, in ``lang`` (the checklist's title_en; a journal page's too)."""
    from dossiercheck.classify import leaves

    leaf = p.leaf
    if leaf is None and p.item and p.part:
        leaf = next((lf for lf in leaves(checklist.item(p.item)) if lf.id == p.part), None)
    return (leaf.text.get(lang) if leaf else p.part_title) or ""


def reasons(p: Placement, lang: str, n: int = 6) -> str:
    """The first ``n`` reasons a page was placed, in ``lang``."""
    return " ".join(reason_text(r).get(lang) for r in p.reasons[:n])


def render_review(result: SortResult, checklist: Checklist, lang: str, out: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, highlight=False, soft_wrap=False, width=max(Console(file=out).width, 140))
    table = Table(title=phrase("sort.title").get(lang, source=result.source, out=result.out), show_lines=False)
    for col in COLUMNS:
        table.add_column(phrase(f"sort.column.{col}").get(lang), overflow="fold")
    for p in result.placements:
        if p.status == "placed":
            item = checklist.item(p.item)
            label = f"{item.number}. {item.label(lang)}"
            table.add_row(f"{escape(printable(p.source))}\n→ {escape(printable(p.target))}", label, str(p.year or "?") if item.dated else "",
                          part_label(p, checklist, lang), f"{p.confidence:.0%}",
                          phrase("sort.words_read").get(lang, words=reasons(p, lang)) if p.reasons else "")
        elif p.status == "duplicate":
            table.add_row(escape(printable(p.source)), phrase("sort.duplicate").get(lang, other=p.duplicate_of), "", "", "", why(p, lang),
                          style="dim")
        else:
            table.add_row(f"{escape(printable(p.source))}\n→ {escape(printable(p.target))}" if p.target else escape(printable(p.source)),
                          phrase("sort.unsorted").get(lang, folder=UNSORTED) if p.target else "", "", "", "",
                          why(p, lang), style="yellow")
    console.print(table)
    console.print(phrase("sort.counts").get(lang, n=len(result.placements), **result.counts))
    unsorted = [p for p in result.placements if p.status == "unsorted"]
    if unsorted:
        console.print(phrase("sort.unsorted_list").get(lang, folder=UNSORTED), style="yellow")
        for p in unsorted:
            console.print(f"  {escape(printable(p.source))}: {why(p, lang)}")


def written(result: SortResult, lang: str) -> str:
    """The closing line once the copy is written: where, what became of the profile, and the next command."""
    line = phrase("sort.written").get(lang, out=result.out, profile=phrase(f"sort.profile.{result.profile}").get(lang))
    if result.kept:
        line += "\n" + Message("sort.kept", n=len(result.kept), files=result.kept[:5]).render(lang)
    return line
