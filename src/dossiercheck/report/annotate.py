"""Annotated previews (``check --annotate DIR``): a copy of each flagged page with a box where the name or unit
was found and the needed turn written on it. Originals are only read; copies go to DIR, never into the dossier.

Every image a report shows goes through ``private_view`` first: no report image shows the applicant's name or ID
number (the HTML thumbnails and these previews alike)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from dossiercheck import safeio
from dossiercheck.engine import Result
from dossiercheck.facts import TURN_CODES, PageReading
from dossiercheck.geometry import rows, to_original
from dossiercheck.matching import find, normalise, targets_for
from dossiercheck.messages import CATALOGUE, phrase

# What a preview writes beside a box (annotate.box.<code>), and across a page to turn, in the report's language.
BOX_CODES = ("K101", "K102", "K104", "K108", "K201", "K202", "K203")
RED = (220, 20, 20)
# Pillow's own font has no Chinese: a subset of Noto Sans CJK SC with the labels' characters (tools/make_label_font.py)
FONT_ZH = Path(__file__).resolve().parent / "fonts" / "labels-zh.otf"


def label_chars() -> str:
    """Every character a Chinese label may draw (digits come from printable ASCII)."""
    return re.sub(r"\{\w+\}", "", "".join(t.zh for key, t in CATALOGUE.items() if key.startswith("annotate.")))


def _font(size: int, lang: str) -> tuple[ImageFont.ImageFont, str]:
    """A font for the labels and the language it can draw them in."""
    if lang != "en":
        try:
            return ImageFont.truetype(str(FONT_ZH), size), lang
        except OSError:
            pass  # an install without the font file: English labels are better than boxes of tofu
    try:
        return ImageFont.load_default(size), "en"
    except TypeError:
        return ImageFont.load_default(), "en"


def _label(code: str, evidence: dict[str, Any], lang: str) -> str:
    what = phrase(f"annotate.box.{code}").get(lang)
    target = f"annotate.target.{evidence.get('target')}"
    if code in ("K104", "K108") and target in CATALOGUE:
        return phrase("annotate.target_box").get(lang, target=phrase(target).get(lang), what=what)
    return what


_ID_RUN = re.compile(r"[0-9Xx]{15,}")


class Privacy:
    """What of the applicant a report image must not show: the name (and its variants) and the ID number."""

    def __init__(self, names: list[str | None], id_number: str | None) -> None:
        self.names = targets_for(names, [], {})
        self.number = (id_number or "").upper()

    @classmethod
    def of(cls, result: Result) -> Privacy:
        p = result.profile
        return cls([p.name, *p.name_variants], p.id_number)

    def _gives_number(self, text: str) -> bool:
        text = text.upper()
        if _ID_RUN.search(text):
            return True  # any ID-like run of digits: better covered than read
        n = self.number
        return len(n) >= 8 and any(n[i:i + 8] in text for i in range(len(n) - 7))

    def boxes(self, page: PageReading) -> list[list[int]]:
        """Boxes (stored pixels) on ``page`` that give the name or the ID number: the name's own characters with one
        character's width to spare on each side (the reader's character positions are estimates; the rest of the
        line stays readable, so the applicant sees exactly what to cover), whole lines for an ID number."""
        lines = page.get("lines", [])
        frame, rotation = page.get("frame"), page.get("rotation") or 0
        if not lines or not frame:
            return []
        spans: dict[int, list[int]] = {}  # line → indices (in its text) of the name's characters
        whole: set[int] = set()
        for row in rows([ln["b"] for ln in lines]):
            chars: list[tuple[int, int]] = []  # (line, index in the line's text) of each normalised character
            for i in row:
                norm, index = normalise(lines[i]["t"])
                chars.extend((i, index[k]) for k in range(len(norm)))
            text = "".join(normalise(lines[i]["t"])[0] for i in row)
            for _, start, end in find(text, {"name": self.names["name"]}):
                for i, k in chars[start:end]:
                    spans.setdefault(i, []).append(k)
            if self._gives_number(text):
                whole.update(i for i in row if normalise(lines[i]["t"])[0] and any(c.isdigit() for c in lines[i]["t"]))
        out = [lines[i]["b"] for i in sorted(whole)]
        for i, idx in sorted(spans.items()):
            if i in whole:
                continue
            x0, y0, x1, y1 = lines[i]["b"]
            w = (x1 - x0) / max(len(lines[i]["t"]), 1)
            out.append([max(x0, x0 + w * (min(idx) - 1)), y0, min(x1, x0 + w * (max(idx) + 2)), y1])
        return [to_original(b, rotation, frame["scale"], frame["width"], frame["height"], page.get("flat")) for b in out]


def private_view(im: Image.Image, pages: list[PageReading] | None, privacy: Privacy, blur: bool = False
                 ) -> Image.Image:
    """``im`` as a report may show it. Blurred whole when ``blur`` (the ID card: it is all name and number) or when
    the page was never read (``pages`` None or a failed reading: nothing says where the name is); otherwise every
    line that gives the name or the ID number is blacked out. ``pages``: the page's OCR facts, boxes in the pixels
    of the image that was read (scaled here to ``im``)."""
    im = im.convert("RGB")
    read = [p for p in pages or [] if p.get("status") != "failed" and p.get("frame")]
    if blur or not read:
        return im.filter(ImageFilter.GaussianBlur(max(4, max(im.size) // 60)))
    draw = ImageDraw.Draw(im)
    for page in read:
        sx, sy = im.width / page["frame"]["width"], im.height / page["frame"]["height"]
        for x0, y0, x1, y1 in privacy.boxes(page):
            pad = max(2, int((y1 - y0) * sy * 0.15))
            draw.rectangle((x0 * sx - pad, y0 * sy - pad, x1 * sx + pad, y1 * sy + pad), fill=(0, 0, 0))
    return im


def annotated_image(path: Path, findings: list, private: Any = None, lang: str = "zh") -> Image.Image | None:
    """The stored page with boxes and the needed turn drawn on it; None if nothing on it is to be marked.
    ``private``: a function that makes the page fit for a report (private_view), applied before the marks."""
    marks = [f for f in findings if f.page is None and (f.code in BOX_CODES or f.code in TURN_CODES)]
    if not marks:
        return None
    from dossiercheck.inspect.image import to_rgb

    with Image.open(path) as im:
        page = to_rgb(im)  # the stored pixels, not EXIF-turned: the boxes refer to them
    if private is not None:
        page = private(page)
    _draw(page, marks, 1.0, lang)
    return page


def pdf_pages(path: Path, findings: list, side: int = 1400, private: Any = None, lang: str = "zh"
              ) -> list[tuple[Image.Image, bool]]:
    """Every page of a PDF as a reader sees it (rendered, /Rotate and crop box applied), long side ``side`` pixels,
    with its findings' boxes and turn drawn on it; (image, whether anything was drawn). Boxes of PDF pages are in
    points of the displayed page (inspect/pdf.py). ``private(image, page number)``: as for annotated_image."""
    from dossiercheck.inspect.pdf import pages_seen

    out = []
    for number, (im, scale) in enumerate(pages_seen(path, side), 1):
        if private is not None:
            im = private(im, number)
        marks = [f for f in findings if f.page == number and (f.code in BOX_CODES or f.code in TURN_CODES)]
        _draw(im, marks, scale, lang)
        out.append((im, bool(marks)))
    return out


def _draw(page: Image.Image, marks: list, unit: float, lang: str) -> None:
    """Boxes (``unit`` pixels per box unit) and the needed turn, drawn on the page, labelled in ``lang``."""
    draw = ImageDraw.Draw(page)
    scale = max(page.size) / 1000
    font, lang = _font(max(14, int(22 * scale)), lang)
    for f in marks:
        if f.code in BOX_CODES and "bbox" in f.evidence:
            pad = int(4 * scale)
            label = _label(f.code, f.evidence, lang)
            for k, box in enumerate(f.evidence.get("boxes") or [f.evidence["bbox"]]):
                x0, y0, x1, y1 = (v * unit for v in box)
                draw.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=RED, width=max(3, int(4 * scale)))
                if k == 0:  # a name wrapped over two lines: one box per part, labelled once
                    draw.text(label_spot(draw, label, font, (x0 - pad, y0 - pad, x1 + pad, y1 + pad), page.width),
                              label, fill=RED, font=font, stroke_width=2, stroke_fill=(255, 255, 255))
        elif f.code in TURN_CODES:
            banner = phrase("annotate.turn").get(lang, rotation=f.evidence.get("turn"))
            bottom = draw.textbbox((10, 8), banner, font=font)[3]  # a CJK face runs below its nominal size
            draw.rectangle((0, 0, page.width, bottom + 8), fill=RED)
            draw.text((10, 8), banner, fill=(255, 255, 255), font=font)


def label_spot(draw: ImageDraw.ImageDraw, label: str, font: Any, box: tuple, width: int) -> tuple[int, int]:
    """Where a box's label goes: beside it on the right, else on the left, else under it; never on the box itself
    (above it, as it was, the label sat on the line before)."""
    x0, y0, x1, y1 = box
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    tw, th, gap = right - left, bottom - top, 6
    y = int(y0 + (y1 - y0 - th) / 2 - top)
    if x1 + gap + tw <= width:
        return int(x1 + gap), y
    if x0 - gap - tw >= 0:
        return int(x0 - gap - tw), y
    return int(max(0, x0)), int(y1 + gap - top)


def write_previews(result: Result, out_dir: Path, lang: str = "zh") -> list[Path]:
    safeio.guard(out_dir, {result.dossier.root, result.dossier.shown})
    safeio.refuse_links(out_dir)
    by_file: dict[str, list] = {}
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    written = []
    privacy = Privacy.of(result)
    for rel, findings in sorted(by_file.items()):
        path = result.dossier.root / rel

        def private(im: Image.Image, n: int | None = None, rel: str = rel) -> Image.Image:
            return for_report(result, rel, im, n, privacy)

        try:
            if (result.facts.get(rel) or {}).get("kind") == "pdf":  # one preview per flagged page
                pages = [(im, f"{rel}.p{n}.annotated.jpg")
                         for n, (im, marked) in enumerate(pdf_pages(path, findings, private=private, lang=lang), 1) if marked]
            else:
                page = annotated_image(path, findings, private, lang)
                pages = [(page, rel + ".annotated.jpg")] if page is not None else []
        except Exception:  # a page that cannot be drawn has no preview; the report still lists its findings
            continue
        for page, name in pages:
            out = out_dir / name
            safeio.write_file(out, lambda tmp, page=page: page.save(tmp, "JPEG", quality=80), below=out_dir)
            written.append(out)
    return written


def image_pages(result: Result, rel: str, page: int | None = None) -> list[PageReading] | None:
    """The OCR facts of an image file, or of page ``page`` of a PDF; None when it was never read."""
    facts = result.facts.get(rel, {})
    if page is None:
        return facts.get("ocr")
    read = [p for p in (facts.get("pdf") or {}).get("ocr", []) if p.get("page") == page]
    return read or None


def blurred(result: Result, rel: str) -> bool:
    """Files of an item the checklist blurs in reports (``blur_in_reports``: the ID card)."""
    f = next((f for f in result.dossier.files if f.rel == rel), None)
    item = result.checklist.item(f.item) if f and f.item else None
    return bool(item and item.blur_in_reports)


def for_report(result: Result, rel: str, im: Image.Image, page: int | None = None,
               privacy: Privacy | None = None) -> Image.Image:
    """Any image a report shows of file ``rel`` (page ``page`` of a PDF), made fit to show: see private_view.
    The one-inch photo is never read; a portrait with one face is shown as it is (a card in its place is not)."""
    facts = result.facts.get(rel, {})
    if page is None and facts.get("faces") == 1 and im.height > im.width:
        return im
    return private_view(im, image_pages(result, rel, page), privacy or Privacy.of(result), blurred(result, rel))
