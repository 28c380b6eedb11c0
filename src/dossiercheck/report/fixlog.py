"""The change log of ``fix``: per file what was done, the errors before → after, and what is left to the applicant."""

from __future__ import annotations

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
}
# Pillow's colour modes in words (the log is for applicants, not for image libraries)
MODES = {"L": Text("灰度", "greyscale"), "1": Text("黑白", "black and white"), "P": Text("调色板颜色", "palette colours"),
         "CMYK": Text("CMYK 印刷颜色", "CMYK print colours"), "RGBA": Text("带透明背景", "with transparency"),
         "LA": Text("灰度，带透明背景", "greyscale with transparency"), "I;16": Text("16 位灰度", "16-bit greyscale")}
UI = {
    "title": Text("修改记录", "Changes"),
    "nothing": Text("没有需要自动修改的文件。", "No file needed an automatic change."),
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
    if kind == "rotate":
        return DONE[kind].get(lang, degrees=action["degrees"]) if action["degrees"] else \
            ("清除 EXIF 方向标记" if lang == "zh" else "cleared the EXIF orientation tag")
    if kind == "convert":
        src = KINDS.get(action["from"], KINDS["unknown"]).get(lang)
        mode = MODES.get(action.get("mode") or "")
        return DONE[kind].get(lang, src=src + (("，" if lang == "zh" else ", ") + mode.get(lang) if mode else ""))
    return DONE[kind].get(lang, size="×".join(map(str, action.get("size", []))) or "-")


def print_changes(changes, before: Result, after: Result | None, target, lang: str) -> None:
    console = Console(highlight=False, soft_wrap=True)
    changed = [c for c in changes if c.actions]
    console.print(RichText(UI["title"].get(lang), style="bold"))
    if not changed:
        console.print(UI["nothing"].get(lang))
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
            console.print(f"  ✘ {f.code} {f.message(lang)}\n    [dim]→ {f.hint(lang)}[/dim]")
