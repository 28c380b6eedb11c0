"""The terminal report: items in the notice's order with a pass/fail mark, their files and findings with hints,
then a summary panel with the fee, the defence exemption and the days left before each deadline."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text as RichText

from dossiercheck.checklist import window_name
from dossiercheck.checks import families
from dossiercheck.engine import Result
from dossiercheck.findings import Finding
from dossiercheck.i18n import Text, printable
from dossiercheck.messages import CATALOGUE, phrase
from dossiercheck.profile import mask_name
from dossiercheck.report import finding_text as words

MARKS = {"ok": ("✔", "green"), "missing": ("✘", "red"), "incomplete": ("✘", "red"),
         "not_required": ("–", "dim"), "optional": ("○", "dim"), "unchecked": ("?", "yellow")}
SEVERITY_STYLE = {"error": ("✘", "red"), "warning": ("!", "yellow"), "info": ("i", "cyan")}


def level_name(level: str, lang: str) -> str:
    """中级 → "intermediate (中级)" in English: the level as the notice names it, explained (the report's header, the
    batch tables)."""
    key = f"terminal.level_name.{level}"
    return phrase(key).get(lang) if key in CATALOGUE else level


def _finding_lines(finding: Finding, lang: str) -> RichText:
    icon, style = SEVERITY_STYLE[finding.severity.value]
    line = RichText(f"    {icon} ", style=style)
    line.append(f"{finding.code} ", style="bold " + style)
    where = printable(finding.file or "") + (phrase("terminal.where_page").get(lang, n=finding.page) if finding.page else "")
    line.append(words.message(finding, lang) + (f"  [{where}]" if finding.file and printable(finding.file) not in words.message(finding, lang)
                                          else ""))
    hint = words.hint(finding, lang)
    if hint:
        line.append("\n      → " + hint, style="dim")
    return line


VERDICT_STYLE = {"passed": "bold green", "failed": "bold red", "partial": "bold yellow", "closed": "bold yellow"}


def headline(result: Result, lang: str, texts: dict[str, Text] | None = None) -> list[tuple[str, str]]:
    """The verdict line, then, for a partial run, which checks ran: (text, verdict) pairs for every reporter.
    ``texts``: a reporter's own wording of some verdicts, by verdict (the HTML report's findings are below, not
    above)."""
    verdict = result.verdict
    args = {}
    if verdict == "closed":
        d = result.closed
        args = {"name": window_name(d.key).render(lang), "end": d.end.isoformat()}
    lines = [((texts or {}).get(verdict, phrase(f"terminal.verdict.{verdict}")).get(lang, **args), verdict)]
    if not result.complete:
        def named(f: str) -> str:  # the family's name, as --select takes it, with its label
            label = families()[f].label.get(lang) if f in families() else ""
            return phrase("terminal.family").get(lang, name=f, label=label)

        ran = [named(f) if f not in result.unrun else phrase("terminal.partly").get(lang, family=named(f))
               for f in families() if result.unrun.get(f, True)]
        skipped = [named(f) for f, some in result.unrun.items() if not some]
        sep = phrase("list.sep").get(lang)
        lines.append((phrase("terminal.ran").get(lang, ran=sep.join(ran) or "-", skipped=sep.join(skipped) or "-"), "partial"))
    return lines


def deadline_lines(deadlines, lang: str) -> list[str]:
    """One line per deadline; when every one has passed, the dates alone after one line saying so, not an
    '已截止 1161 天' on each."""
    if not deadlines or any(d.days_left >= 0 for d in deadlines):
        return [deadline_text(d, lang) for d in deadlines]
    last = max(d.end for d in deadlines)
    return [phrase("terminal.all_passed").get(lang, year=last.year, last=last.isoformat()),
            *(deadline_text(d, lang, days=False) for d in deadlines)]


def deadline_text(d, lang: str, days: bool = True) -> str:
    if not days:
        left = ""
    elif d.days_left > 0:
        left = phrase("terminal.days_left").get(lang, n=d.days_left)
    elif d.days_left == 0:
        left = phrase("terminal.today").get(lang)
    else:
        left = phrase("terminal.passed_by").get(lang, n=-d.days_left)
    name = window_name(d.key).render(lang)
    if d.start == d.end:
        line = phrase("terminal.deadline_day").get(lang, name=name, day=d.start.isoformat(), left=left)
    else:
        line = phrase("terminal.deadline").get(lang, name=name, start=d.start.isoformat(), end=d.end.isoformat(), left=left)
    return line.rstrip("，, ")


def exemptions(result: Result, lang: str) -> str:
    """Why the applicant need not defend, or that they must."""
    if not result.defence_exemptions:
        return phrase("terminal.not_exempt").get(lang)
    reasons = phrase("list.clauses").get(lang).join(r.get(lang) for r in result.defence_exemptions)
    return phrase("terminal.exempt").get(lang, reasons=reasons)


def render(result: Result, lang: str, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True)
    profile = result.profile
    console.print(Panel.fit(
        f"[bold]{result.checklist.title(lang)}[/bold]\n"
        f"{phrase('terminal.applicant').get(lang)}{mask_name(profile.name)}   "
        f"{phrase('terminal.level').get(lang)}{level_name(profile.level, lang)}\n"
        f"{phrase('terminal.dossier').get(lang)}{escape(printable(result.dossier.shown))}"))
    by_item: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        by_item.setdefault(f.item, []).append(f)
    for r in result.items:
        mark, style = MARKS[r.status]
        head = RichText(f"{mark} ", style=style)
        head.append(f"{r.item.number}. {r.item.label(lang)}", style="bold" if r.required else "")
        head.append("  " + phrase(f"terminal.status.{r.status}").get(lang), style=style)
        console.print(head)
        for path in r.files:
            console.print(f"    [dim]{escape(printable(path))}[/dim]")
        for finding in by_item.get(r.item.id, []):
            console.print(_finding_lines(finding, lang))
    orphans = [f for f in result.findings if f.item is None]
    if orphans:
        console.print(RichText(phrase("terminal.other").get(lang), style="bold"))
        for finding in orphans:
            console.print(_finding_lines(finding, lang))
    counts = {**result.counts, "files": len(result.dossier.files)}
    lines = [RichText(line, style=VERDICT_STYLE[kind]) for line, kind in headline(result, lang)]
    lines.append(RichText(phrase("terminal.counts").get(lang, **counts)))
    if result.fee is not None:
        lines.append(RichText(phrase("terminal.fee").get(lang, fee=result.fee)))
    elif result.fee_unreadable:
        lines.append(RichText(phrase("terminal.fee_unreadable").get(lang, read=result.fee_unreadable)))
    lines.append(RichText(exemptions(result, lang)))
    lines.extend(RichText(line) for line in deadline_lines(result.deadlines, lang))
    console.print(Panel(Group(*lines), title=phrase("terminal.summary").get(lang), expand=False), soft_wrap=False)  # wrap inside
