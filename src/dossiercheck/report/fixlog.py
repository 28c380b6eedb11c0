"""The change log of ``fix``: per file what was done, the errors before → after, and what is left to the applicant."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text as RichText

from dossiercheck.checks.format import KINDS
from dossiercheck.engine import Result
from dossiercheck.findings import Severity
from dossiercheck.i18n import Text

DONE = {
    "mask": Text("遮盖 {n} 处姓名/单位", "covered {n} name/unit boxes"),
    "rotate": Text("顺时针旋转 {degrees}°", "turned {degrees}° clockwise"),
    "convert": Text("转为普通 JPG 图片（原为 {src}）", "converted to a plain JPEG (was {src})"),
    "downscale": Text("缩小到 {size}", "scaled down to {size}"),
    "rotate_pages": Text("第 {pages} 页顺时针旋转 {degrees}°", "turned page {pages} {degrees}° clockwise"),
    "flatten": Text("每页转为 {dpi} dpi 图片重建 PDF，去掉了文字层和文档属性（{why}）",
                    "rebuilt from its pages as {dpi}-dpi images: text layer and document properties removed ({why})"),
    "rename": Text("改名为 {to}（{taken} 已被同名文件占用）", "named {to} ({taken} is taken by another file)"),
}
# Why a PDF's text layer was removed, by the finding that asked for it
WHY = {
    "K103": Text("文字层中有本人姓名或单位", "the text layer held your name or unit"),
    "K201": Text("色块下仍有文字", "text under a box could be copied out"),
    "K202": Text("有看不见的文字", "invisible text could be copied out"),
    "K203": Text("页面外有文字", "text outside the crop box"),
    "K204": Text("文档属性中有本人姓名或单位", "the document properties held your name or unit"),
    None: Text("页面需要遮盖或转正，图片上无法保留文字层", "pages had to be masked or turned"),
}
# Pillow's colour modes in words (the log is for applicants, not for image libraries)
MODES = {"L": Text("灰度", "greyscale"), "1": Text("黑白", "black and white"), "P": Text("调色板颜色", "palette colours"),
         "CMYK": Text("CMYK 印刷颜色", "CMYK print colours"), "RGBA": Text("带透明背景", "with transparency"),
         "LA": Text("灰度，带透明背景", "greyscale with transparency"), "I;16": Text("16 位灰度", "16-bit greyscale")}
UI = {
    "title": Text("修改记录", "Changes"),
    "nothing": Text("没有需要自动修改的文件。", "No file needed an automatic change."),
    "none_possible": Text("没有能自动修改的文件。", "No file could be changed automatically."),
    "dry": Text("（试运行：未写入任何文件）", "(dry run: nothing written)"),
    "counts": Text("错误：修改前 {before} 个 → 修改后 {after} 个", "Errors: {before} before → {after} after"),
    "written": Text("修正后的副本：{path}（原文件未改动），修改记录见其中的 fix-report.json",
                    "Corrected copy: {path} (originals untouched); see fix-report.json there"),
    "left": Text("还需要你自己处理：", "Still to do by hand:"),
}


def _describe(action: dict, lang: str) -> str:
    kind = action["do"]
    if kind == "mask":
        return DONE[kind].get(lang, n=len(action["boxes"]))
    if kind == "rotate" and "pages" in action:  # a PDF: page by page
        sep = "；" if lang == "zh" else "; "
        by_turn: dict[int, list[str]] = {}
        for page, degrees in action["pages"].items():
            by_turn.setdefault(degrees, []).append(page)
        return sep.join(DONE["rotate_pages"].get(lang, pages=",".join(p), degrees=d) for d, p in by_turn.items())
    if kind == "rotate":
        return DONE[kind].get(lang, degrees=action["degrees"]) if action["degrees"] else \
            ("清除 EXIF 方向标记" if lang == "zh" else "cleared the EXIF orientation tag")
    if kind == "convert":
        src = KINDS.get(action["from"], KINDS["unknown"]).get(lang)
        mode = MODES.get(action.get("mode") or "")
        return DONE[kind].get(lang, src=src + (("，" if lang == "zh" else ", ") + mode.get(lang) if mode else ""))
    if kind == "flatten":
        sep = "、" if lang == "zh" else "; "
        why = sep.join(WHY[c].get(lang) for c in action["reasons"] if c in WHY) or WHY[None].get(lang)
        return DONE[kind].get(lang, dpi=action.get("dpi", 200), why=why)
    if kind == "rename":
        return DONE[kind].get(lang, to=action["to"], taken=action["taken"])
    return DONE[kind].get(lang, size="×".join(map(str, action.get("size", []))) or "-")


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
    console.print(RichText(UI["title"].get(lang), style="bold"))
    if not changed:
        fixable = [f for f in before.findings if f.severity == Severity.ERROR and "dossiercheck fix" in f.hint("en")]
        console.print(UI["none_possible" if fixable else "nothing"].get(lang))
    for c in changed:
        sep = "；" if lang == "zh" else "; "
        name = c.file if c.file == c.output else f"{c.file} → {c.output}"
        console.print(f"  {name}: " + sep.join(_describe(a, lang) for a in c.actions))
    if after is None:
        console.print(UI["dry"].get(lang))
        return
    console.print(UI["counts"].get(lang, before=before.counts["error"], after=after.counts["error"]))
    console.print(UI["written"].get(lang, path=target))
    left = [f for f in after.findings if f.severity == Severity.ERROR]
    if left:
        console.print(RichText(UI["left"].get(lang), style="bold"))
        for f in left:
            hint = hint_after_fix(f.hint(lang), lang)
            console.print(f"  ✘ {f.code} {f.message(lang)}" + (f"\n    [dim]→ {hint}[/dim]" if hint else ""))
