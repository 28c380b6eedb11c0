"""The change log of ``fix``: per file what was done, the errors before → after, and what is left to the applicant."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.console import Console
from rich.text import Text as RichText

from dossiercheck import safeio
from dossiercheck.checks.format import KINDS
from dossiercheck.dossier import FIX_REPORT as REPORT_NAME
from dossiercheck.engine import Result
from dossiercheck.findings import Severity
from dossiercheck.fix import Change, unfixable
from dossiercheck.i18n import Text, os_words, printable
from dossiercheck.messages import CATALOGUE, phrase
from dossiercheck.report import finding_text as words


def _describe(action: dict, lang: str) -> str:
    kind = action["do"]
    done = phrase(f"fixlog.done.{kind}") if kind != "rotate" or action.get("degrees", 1) else phrase("fixlog.done.exif")
    clauses = phrase("list.clauses").get(lang)
    if kind == "mask":
        return done.get(lang, n=len(action["boxes"]))
    if kind == "not_copied":
        words = os_words(action["problem"])
        return done.get(lang, problem=words.get(lang) if isinstance(words, Text) else printable(words))
    if kind == "rotate" and "pages" in action:  # a PDF: page by page
        by_turn: dict[int, list[str]] = {}
        for page, degrees in action["pages"].items():
            by_turn.setdefault(degrees, []).append(page)
        return clauses.join(phrase("fixlog.done.rotate_pages").get(lang, pages=",".join(p), degrees=d)
                            for d, p in by_turn.items())
    if kind == "rotate":
        return done.get(lang, degrees=action["degrees"])
    if kind == "convert":
        src = KINDS.get(action["from"], KINDS["unknown"]).get(lang)
        mode = f"fixlog.mode.{action.get('mode')}"
        return done.get(lang, src=src + (phrase("list.comma").get(lang) + phrase(mode).get(lang) if mode in CATALOGUE else ""))
    if kind == "flatten":
        why = [phrase(f"fixlog.why.{c}").get(lang) for c in action["reasons"] if f"fixlog.why.{c}" in CATALOGUE]
        why_text = phrase("fixlog.why_sep").get(lang).join(why) or phrase("fixlog.why.pages").get(lang)
        return done.get(lang, dpi=action.get("dpi", 200), why=why_text)
    if kind == "straighten":
        key = "fixlog.done.straighten" if action.get("sheet") else "fixlog.done.deskew"
        return phrase(key).get(lang, skew=f"{abs(action.get('tilt', action.get('skew', 0.0))):.1f}")
    if kind == "rename":
        return done.get(lang, to=action["to"], taken=action["taken"])
    return done.get(lang, size="×".join(map(str, action.get("size", []))) or "-")


# The advice to run fix, in the hints of codes fix can handle: after fix it would send the user round in circles.
_RUN_FIX = {"zh": re.compile(r"[，,；]?\s*(?:或者?|也可以)?运行\s*dossiercheck fix[^。；]*[。；]?"),
            "en": re.compile(r",?\s*(?:or )?run dossiercheck fix[^.;]*", re.IGNORECASE)}


def hint_after_fix(hint: str, lang: str) -> str:
    """A hint without its "or run dossiercheck fix": what is left after fix is for the applicant's own hands."""
    text = _RUN_FIX["en" if lang == "en" else "zh"].sub("", hint).strip()
    if lang == "zh" and text and not text.endswith(("。", "！")):
        text += "。"
    if lang == "en" and text and not text.endswith((".", ")")):
        text += "."
    return "" if text in ("。", ".") else text


def print_changes(changes, before: Result, after: Result | None, target, lang: str) -> None:
    console = Console(highlight=False, soft_wrap=True)
    changed = [c for c in changes if c.actions]
    console.print(RichText(phrase("fixlog.title").get(lang), style="bold"))
    if not changed:
        fixable = [f for f in before.findings if f.severity == Severity.ERROR and "dossiercheck fix" in words.hint(f, "en")]
        console.print(phrase("fixlog.none_possible" if fixable else "fixlog.nothing").get(lang))
    for c in changed:
        name = c.file if c.file == c.output else f"{c.file} → {c.output}"
        console.print(f"  {name}: " + phrase("list.clauses").get(lang).join(_describe(a, lang) for a in c.actions))
    if after is None:
        console.print(phrase("fixlog.dry").get(lang))
        return
    console.print(phrase("fixlog.counts").get(lang, before=before.counts["error"], after=after.counts["error"]))
    console.print(phrase("fixlog.written").get(lang, path=target))
    left = [f for f in after.findings if f.severity == Severity.ERROR]
    if left:
        console.print(RichText(phrase("fixlog.left").get(lang), style="bold"))
        for f in left:
            hint = hint_after_fix(words.hint(f, lang), lang)
            console.print(f"  ✘ {f.code} {words.message(f, lang)}" + (f"\n    [dim]→ {hint}[/dim]" if hint else ""))


def write_report(out: Path, changes: list[Change], before: Result, after: Result | None, lang: str) -> None:
    """fix-report.json in the corrected copy: what was changed, the counts before and after, what is left."""
    data = {
        "changes": [{"file": c.file, "output": c.output, "actions": c.actions} for c in changes if c.actions],
        "before": before.counts,
        "after": after.counts if after else None,
        "remaining": [{"code": f.code, "item": f.item, "file": f.file, "message": words.message(f, lang),
                       "hint": hint_after_fix(words.hint(f, lang), lang)} for f in (unfixable(after) if after else [])],
    }
    with safeio.open_text(out / REPORT_NAME, below=out) as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=2))
