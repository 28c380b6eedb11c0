"""The terminal report: items in the notice's order with a pass/fail mark, their files and findings with hints,
then a summary panel with the fee, the defence exemption and the days left before each deadline."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text as RichText

from dossiercheck.checks.schedule import NAMES as DEADLINE_NAMES
from dossiercheck.engine import Result
from dossiercheck.findings import Finding, families
from dossiercheck.i18n import Text
from dossiercheck.profile import mask_name

MARKS = {"ok": ("✔", "green"), "missing": ("✘", "red"), "incomplete": ("✘", "red"),
         "not_required": ("–", "dim"), "optional": ("○", "dim"), "unchecked": ("?", "yellow")}
SEVERITY_STYLE = {"error": ("✘", "red"), "warning": ("!", "yellow"), "info": ("i", "cyan")}
UI = {
    "status": {"ok": Text("通过", "ok"), "missing": Text("缺少", "missing"), "incomplete": Text("有问题", "problems"),
               "not_required": Text("不需要", "not required"), "optional": Text("可不传", "optional"),
               "unchecked": Text("未检查", "not checked")},
    "applicant": Text("申报人：", "Applicant: "),
    "level": Text("级别：", "Level: "),
    "dossier": Text("材料文件夹：", "Dossier: "),
    "other": Text("其他问题", "Other findings"),
    "summary": Text("小结", "Summary"),
    "verdict": {
        "passed": Text("✔ 通过：可以上传", "✔ Passed: ready to upload"),
        "failed": Text("✘ 未通过：请按上面的提示修改后再检查", "✘ Not passed: fix the above and check again"),
        "partial": Text("△ 部分检查未发现错误：这不是完整检查，不能据此上传",
                        "△ No error in the checks that ran: this is not a full check, not a go-ahead to upload"),
        "closed": Text("✔ 材料检查通过；但{name}已于 {end} 截止，不能再上传",
                       "✔ The materials pass; but {name} closed on {end}: they can no longer be uploaded"),
    },
    "ran": Text("只运行了部分检查（不是完整检查）。已运行：{ran}；未运行：{skipped}",
                "Only some checks ran (not a full check). Ran: {ran}; not run: {skipped}"),
    "partly": Text("{family}的一部分", "part of {family}"),
    "counts": Text("错误 {error} 个，警告 {warning} 个，提示 {info} 个，文件 {files} 个",
                   "{error} errors, {warning} warnings, {info} notes, {files} files"),
    "fee": Text("评审费：{fee} 元", "Evaluation fee: {fee} yuan"),
    "exempt": Text("免于答辩：{reasons}", "Exempt from the defence: {reasons}"),
    "not_exempt": Text("需要参加答辩", "The defence is required"),
    "deadline": Text("{name}：{start} 至 {end}，{left}", "{name}: {start} to {end}, {left}"),
    "deadline_day": Text("{name}：{day}，{left}", "{name}: {day}, {left}"),
    "days_left": Text("还剩 {n} 天", "{n} days left"),
    "today": Text("今天截止", "ends today"),
    "passed_by": Text("已截止 {n} 天", "closed {n} days ago"),
    "all_passed": Text("本清单的日期都已过去（{year} 年度，最后一项是 {last}）；下一年度请换用新通知的清单。",
                       "Every date of this checklist has passed ({year}, the last on {last}); for a later year, use "
                       "the new notice's checklist."),
}


def _finding_lines(finding: Finding, lang: str) -> RichText:
    icon, style = SEVERITY_STYLE[finding.severity.value]
    line = RichText(f"    {icon} ", style=style)
    line.append(f"{finding.code} ", style="bold " + style)
    where = f"{finding.file}" + (f" 第 {finding.page} 页" if finding.page and lang == "zh" else
                                 f" p.{finding.page}" if finding.page else "")
    line.append(finding.message(lang) + (f"  [{where}]" if finding.file and finding.file not in finding.message(lang)
                                          else ""))
    hint = finding.hint(lang)
    if hint:
        line.append("\n      → " + hint, style="dim")
    return line


VERDICT_STYLE = {"passed": "bold green", "failed": "bold red", "partial": "bold yellow", "closed": "bold yellow"}


def headline(result: Result, lang: str, texts: dict[str, Text] | None = None) -> list[tuple[str, str]]:
    """The verdict line, then, for a partial run, which checks ran: (text, verdict) pairs for every reporter.
    ``texts``: a reporter's own wording of some verdicts (the HTML report's findings are below, not above)."""
    verdict = result.verdict
    args = {}
    if verdict == "closed":
        d = result.closed
        args = {"name": DEADLINE_NAMES.get(d.key, Text(d.key, d.key)).get(lang), "end": d.end.isoformat()}
    lines = [({**UI["verdict"], **(texts or {})}[verdict].get(lang, **args), verdict)]
    if not result.complete:
        sep = "、" if lang == "zh" else ", "
        def named(f: str) -> str:  # the family's name, as --select takes it, with its label
            label = families()[f].label.get(lang) if f in families() else ""
            return f"{f}（{label}）" if lang == "zh" else f"{f} ({label})"

        ran = [named(f) if f not in result.unrun else UI["partly"].get(lang, family=named(f))
               for f in families() if result.unrun.get(f, True)]
        skipped = [named(f) for f, some in result.unrun.items() if not some]
        lines.append((UI["ran"].get(lang, ran=sep.join(ran) or "-", skipped=sep.join(skipped) or "-"), "partial"))
    return lines


def deadline_lines(deadlines, lang: str) -> list[str]:
    """One line per deadline; when every one has passed, the dates alone after one line saying so, not an
    '已截止 1161 天' on each."""
    if not deadlines or any(d.days_left >= 0 for d in deadlines):
        return [deadline_text(d, lang) for d in deadlines]
    last = max(d.end for d in deadlines)
    return [UI["all_passed"].get(lang, year=last.year, last=last.isoformat()),
            *(deadline_text(d, lang, days=False) for d in deadlines)]


def deadline_text(d, lang: str, days: bool = True) -> str:
    if not days:
        left = ""
    elif d.days_left > 0:
        left = UI["days_left"].get(lang, n=d.days_left)
    elif d.days_left == 0:
        left = UI["today"].get(lang)
    else:
        left = UI["passed_by"].get(lang, n=-d.days_left)
    name = DEADLINE_NAMES.get(d.key, Text(d.key, d.key)).get(lang)
    if d.start == d.end:
        line = UI["deadline_day"].get(lang, name=name, day=d.start.isoformat(), left=left)
    else:
        line = UI["deadline"].get(lang, name=name, start=d.start.isoformat(), end=d.end.isoformat(), left=left)
    return line.rstrip("，, ")


def render(result: Result, lang: str, out: TextIO) -> None:
    console = Console(file=out, highlight=False, soft_wrap=True)
    profile = result.profile
    console.print(Panel.fit(
        f"[bold]{result.checklist.title(lang)}[/bold]\n"
        f"{UI['applicant'].get(lang)}{mask_name(profile.name)}   {UI['level'].get(lang)}{profile.level}\n"
        f"{UI['dossier'].get(lang)}{result.dossier.shown}"))
    by_item: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        by_item.setdefault(f.item, []).append(f)
    for r in result.items:
        mark, style = MARKS[r.status]
        head = RichText(f"{mark} ", style=style)
        head.append(f"{r.item.number}. {r.item.label(lang)}", style="bold" if r.required else "")
        head.append(f"  {UI['status'][r.status].get(lang)}", style=style)
        console.print(head)
        for path in r.files:
            console.print(f"    [dim]{path}[/dim]")
        for finding in by_item.get(r.item.id, []):
            console.print(_finding_lines(finding, lang))
    orphans = [f for f in result.findings if f.item is None]
    if orphans:
        console.print(RichText(UI["other"].get(lang), style="bold"))
        for finding in orphans:
            console.print(_finding_lines(finding, lang))
    counts = {**result.counts, "files": len(result.dossier.files)}
    lines = [RichText(text, style=VERDICT_STYLE[kind]) for text, kind in headline(result, lang)]
    lines.append(RichText(UI["counts"].get(lang, **counts)))
    if result.fee is not None:
        lines.append(RichText(UI["fee"].get(lang, fee=result.fee)))
    sep = "；" if lang == "zh" else "; "
    lines.append(RichText(UI["exempt"].get(lang, reasons=sep.join(result.defence_exemptions))
                          if result.defence_exemptions else UI["not_exempt"].get(lang)))
    lines.extend(RichText(line) for line in deadline_lines(result.deadlines, lang))
    console.print(Panel(Group(*lines), title=UI["summary"].get(lang), expand=False), soft_wrap=False)  # wrap inside
