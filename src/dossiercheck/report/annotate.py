"""Annotated previews (``check --annotate DIR``): a copy of each flagged page with a box where the name or unit
was found and the needed turn written on it. Originals are only read; copies go to DIR, never into the dossier."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dossiercheck import safeio
from dossiercheck.engine import Result

BOX_CODES = {"K101": "name", "K102": "unit", "K104": "see-through", "K108": "ask your unit",
             "K201": "text under a box", "K202": "invisible text", "K203": "text outside the page"}
TURN_CODES = ("O101", "O201")
RED = (220, 20, 20)


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size)  # Pillow's bundled font: Latin only, so the labels are in English
    except TypeError:
        return ImageFont.load_default()


def annotated_image(path: Path, findings: list) -> Image.Image | None:
    """The stored page with boxes and the needed turn drawn on it; None if nothing on it is to be marked."""
    marks = [f for f in findings if f.page is None and (f.code in BOX_CODES or f.code in TURN_CODES)]
    if not marks:
        return None
    from dossiercheck.inspect.image import to_rgb

    with Image.open(path) as im:
        page = to_rgb(im)  # the stored pixels, not EXIF-turned: the boxes refer to them
    _draw(page, marks, 1.0)
    return page


def pdf_pages(path: Path, findings: list, side: int = 1400) -> list[tuple[Image.Image, bool]]:
    """Every page of a PDF as a reader sees it (rendered, /Rotate and crop box applied), long side ``side`` pixels,
    with its findings' boxes and turn drawn on it; (image, whether anything was drawn). Boxes of PDF pages are in
    points of the displayed page (inspect/pdf.py)."""
    from dossiercheck.inspect.pdf import MAX_PAGES, open_document, page_scale, render

    doc = open_document(path)
    out = []
    try:
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            scale = page_scale(page, side)
            im = render(page, scale).convert("RGB")
            marks = [f for f in findings if f.page == index + 1 and (f.code in BOX_CODES or f.code in TURN_CODES)]
            _draw(im, marks, scale)
            out.append((im, bool(marks)))
            page.close()
    finally:
        doc.close()
    return out


def _draw(page: Image.Image, marks: list, unit: float) -> None:
    """Boxes (``unit`` pixels per box unit) and the needed turn, drawn on the page."""
    draw = ImageDraw.Draw(page)
    scale = max(page.size) / 1000
    font = _font(max(14, int(22 * scale)))
    for f in marks:
        if f.code in BOX_CODES and "bbox" in f.evidence:
            pad = int(4 * scale)
            label = BOX_CODES[f.code] if f.code not in ("K104", "K108") else \
                f"{f.evidence.get('target')} ({BOX_CODES[f.code]})"
            for k, box in enumerate(f.evidence.get("boxes") or [f.evidence["bbox"]]):
                x0, y0, x1, y1 = (v * unit for v in box)
                draw.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=RED, width=max(3, int(4 * scale)))
                if k == 0:  # a name wrapped over two lines: one box per part, labelled once
                    draw.text((x0, max(0, y0 - pad - font.size - 4)), label, fill=RED, font=font)
        elif f.code in TURN_CODES:
            banner = f"turn {f.evidence.get('rotation')} degrees clockwise to make this page upright"
            draw.rectangle((0, 0, page.width, font.size + 16), fill=RED)
            draw.text((10, 8), banner, fill=(255, 255, 255), font=font)


def write_previews(result: Result, out_dir: Path) -> list[Path]:
    safeio.guard(out_dir, {result.dossier.root, result.dossier.shown})
    safeio.refuse_links(out_dir)
    by_file: dict[str, list] = {}
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    written = []
    for rel, findings in sorted(by_file.items()):
        path = result.dossier.root / rel
        try:
            if (result.facts.get(rel) or {}).get("kind") == "pdf":  # one preview per flagged page
                rendered = enumerate(pdf_pages(path, findings), 1)
                pages = [(im, f"{rel}.p{n}.annotated.jpg") for n, (im, marked) in rendered if marked]
            else:
                page = annotated_image(path, findings)
                pages = [(page, rel + ".annotated.jpg")] if page is not None else []
        except Exception:  # a page that cannot be drawn has no preview; the report still lists its findings
            continue
        for page, name in pages:
            out = out_dir / name
            safeio.write_file(out, lambda tmp, page=page: page.save(tmp, "JPEG", quality=80), below=out_dir)
            written.append(out)
    return written
