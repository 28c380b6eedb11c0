"""The HTML report: one self-contained file (no network, images inlined), a thumbnail of every page next to its
findings, boxes and turns drawn where the masking and orientation checks found them, and an A4 print stylesheet."""

from __future__ import annotations

import base64
import io
from html import escape
from typing import TextIO

from PIL import Image

from dossiercheck.engine import Result
from dossiercheck.findings import Finding
from dossiercheck.i18n import printable
from dossiercheck.messages import phrase
from dossiercheck.profile import mask_name
from dossiercheck.report import finding_text as words
from dossiercheck.report.annotate import Privacy, annotated_image, for_report, pdf_pages
from dossiercheck.report.terminal import deadline_lines, exemptions, headline

THUMB = 360
CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 8px} h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ccc}
.badge{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff;font-weight:bold}
.passed{background:#2a7d2a}.failed{background:#c0392b}.partial,.closed{background:#b7791f}
.item{margin:4px 0}.ok{color:#2a7d2a}.missing,.incomplete{color:#c0392b}.not_required,.optional{color:#888}
.unchecked{color:#b7791f}
.finding{margin:2px 0 2px 18px}.error{color:#c0392b}.warning{color:#b7791f}.info{color:#2b6cb0}
.hint{color:#555;margin-left:36px;font-size:13px}
.file{display:flex;gap:16px;border:1px solid #ddd;padding:8px;margin:8px 0;break-inside:avoid}
.file img{max-width:180px;max-height:240px;border:1px solid #aaa}
.thumbs{display:flex;flex-wrap:wrap;gap:6px;min-width:180px}
.nopic{width:120px;height:160px;border:1px dashed #aaa;display:flex;align-items:center;justify-content:center;
color:#888;font-size:12px}
.path{font-weight:bold;word-break:break-all}
@media print{@page{size:A4;margin:12mm}body{margin:0}.file{page-break-inside:avoid}h2{page-break-after:avoid}}
"""

def _data_uri(im: Image.Image) -> str:
    im = im.convert("RGB")
    im.thumbnail((THUMB, THUMB))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=70)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _pages(result: Result, rel: str, findings: list[Finding], privacy: Privacy, lang: str
           ) -> list[tuple[str | None, str]]:
    """(data URI or None, caption) for every page of a file, each made fit to show (annotate.for_report)."""
    path = result.dossier.root / rel
    facts = result.facts.get(rel, {})
    if facts.get("kind") == "pdf" and "error" not in facts:
        return _pdf_pages(path, facts.get("pages", 0), findings,
                          lambda im, n: for_report(result, rel, im, n, privacy), lang)
    if "error" in facts or facts.get("kind") not in ("jpeg", "png", "gif", "bmp", "webp", "tiff", "heic"):
        return [(None, "")]
    try:
        private = lambda im: for_report(result, rel, im, privacy=privacy)  # noqa: E731
        with Image.open(path) as im:
            page = annotated_image(path, findings, private, lang) or private(im.convert("RGB"))
        return [(_data_uri(page), "")]
    except (OSError, ValueError, Image.DecompressionBombError):
        return [(None, "")]


def _pdf_pages(path, count: int, findings: list[Finding], private, lang: str) -> list[tuple[str | None, str]]:
    """Each page as a reader sees it (rendered), with its boxes and turn drawn; placeholders if it cannot be."""
    try:
        return [(_data_uri(im), str(n)) for n, (im, _) in enumerate(pdf_pages(path, findings, side=2 * THUMB, private=private, lang=lang), 1)] \
            or [(None, "")]
    except Exception:  # PDFium raises its own kinds on a damaged file: the report still shows the file
        return [(None, str(n)) for n in range(1, count + 1)] or [(None, "")]


def _finding_html(f: Finding, lang: str) -> str:
    hint = words.hint(f, lang)
    return (f'<div class="finding {f.severity.value}">{escape(f.code)} {escape(words.message(f, lang))}</div>'
            + (f'<div class="hint">→ {escape(hint)}</div>' if hint else ""))


def render(result: Result, lang: str, out: TextIO) -> None:
    profile = result.profile
    counts = {**result.counts, "files": len(result.dossier.files)}
    parts = [f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
             f"<title>{escape(result.checklist.title(lang))}</title><style>{CSS}</style></head><body>",
             f"<h1>{escape(result.checklist.title(lang))}</h1>",
             f"<div>{escape(phrase('terminal.applicant').get(lang))}{escape(mask_name(profile.name))}　"
             f"{escape(phrase('terminal.level').get(lang))}{escape(profile.level)}　"
             f"{escape(phrase('terminal.dossier').get(lang))}"
             f"{escape(str(result.dossier.shown))}</div>",
             *(f'<p><span class="badge {kind}">{escape(line)}</span></p>'
               for line, kind in headline(result, lang, {"failed": phrase("html.failed")})),
             f"<p>{escape(phrase('terminal.counts').get(lang, **counts))}</p><ul>"]
    if result.fee is not None:
        parts.append(f"<li>{escape(phrase('terminal.fee').get(lang, fee=result.fee))}</li>")
    elif result.fee_unreadable:
        parts.append(f"<li>{escape(phrase('terminal.fee_unreadable').get(lang, read=result.fee_unreadable))}</li>")
    parts.append(f"<li>{escape(exemptions(result, lang))}</li>")
    parts.extend(f"<li>{escape(line)}</li>" for line in deadline_lines(result.deadlines, lang))
    parts.append(f"</ul><h2>{escape(phrase('html.items').get(lang))}</h2>")
    by_item: dict[str | None, list[Finding]] = {}
    for f in result.findings:
        if f.file is None:
            by_item.setdefault(f.item, []).append(f)
    for r in result.items:
        parts.append(f'<div class="item {r.status}">{r.item.number}. {escape(r.item.label(lang))} — '
                     f'{escape(phrase(f"terminal.status.{r.status}").get(lang))}</div>')
        parts.extend(_finding_html(f, lang) for f in by_item.get(r.item.id, []))
    if by_item.get(None):
        parts.append(f"<h2>{escape(phrase('terminal.other').get(lang))}</h2>")
        parts.extend(_finding_html(f, lang) for f in by_item[None])
    parts.append(f"<h2>{escape(phrase('html.files').get(lang))}</h2>")
    by_file: dict[str, list[Finding]] = {}
    privacy = Privacy.of(result)
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    for file in result.dossier.files:
        findings = by_file.get(file.rel, [])
        thumbs = []
        for uri, caption in _pages(result, file.rel, findings, privacy, lang):
            alt = escape(printable(file.rel + (f" p{caption}" if caption else "")))
            thumbs.append(f'<img src="{uri}" alt="{alt}" class="thumb">' if uri else
                          f'<div class="nopic thumb">{escape(phrase("html.no_picture").get(lang))} {escape(printable(caption))}</div>')
        body = "".join(_finding_html(f, lang) for f in findings) or \
            f'<div class="finding ok">✔ {escape(phrase("html.no_findings").get(lang))}</div>'
        parts.append(f'<div class="file"><div class="thumbs">{"".join(thumbs)}</div><div>'
                     f'<div class="path">{escape(printable(file.rel))}</div>{body}</div></div>')
    parts.append("</body></html>\n")
    out.write("".join(parts))
