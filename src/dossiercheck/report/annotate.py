"""Annotated previews (``check --annotate DIR``): a copy of each flagged page with a box where the name or unit
was found and the needed turn written on it. Originals are only read; copies go to DIR, never into the dossier."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from dossiercheck.engine import Result
from dossiercheck.errors import UserError

BOX_CODES = {"K101": "name", "K102": "unit", "K104": "see-through", "K108": "ask your unit"}
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
    with Image.open(path) as im:
        page = im.convert("RGB")  # the stored pixels, not EXIF-turned: the boxes refer to them
    draw = ImageDraw.Draw(page)
    scale = max(page.size) / 1000
    font = _font(max(14, int(22 * scale)))
    for f in marks:
        if f.code in BOX_CODES and "bbox" in f.evidence:
            pad = int(4 * scale)
            label = BOX_CODES[f.code] if f.code not in ("K104", "K108") else \
                f"{f.evidence.get('target')} ({BOX_CODES[f.code]})"
            for k, (x0, y0, x1, y1) in enumerate(f.evidence.get("boxes") or [f.evidence["bbox"]]):
                draw.rectangle((x0 - pad, y0 - pad, x1 + pad, y1 + pad), outline=RED, width=max(3, int(4 * scale)))
                if k == 0:  # a name wrapped over two lines: one box per part, labelled once
                    draw.text((x0, max(0, y0 - pad - font.size - 4)), label, fill=RED, font=font)
        elif f.code in TURN_CODES:
            banner = f"turn {f.evidence.get('rotation')} degrees clockwise to make this page upright"
            draw.rectangle((0, 0, page.width, font.size + 16), fill=RED)
            draw.text((10, 8), banner, fill=(255, 255, 255), font=font)
    return page


def write_previews(result: Result, out_dir: Path) -> list[Path]:
    target = out_dir.resolve()
    for place in {result.dossier.root.resolve(), result.dossier.shown.resolve()}:
        if target == place or target.is_relative_to(place):
            raise UserError("annotate_inside", path=out_dir)
    by_file: dict[str, list] = {}
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    written = []
    for rel, findings in sorted(by_file.items()):
        try:
            page = annotated_image(result.dossier.root / rel, findings)
        except (OSError, ValueError, Image.DecompressionBombError):
            continue
        if page is None:
            continue
        out = out_dir / (rel + ".annotated.jpg")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            page.save(out, "JPEG", quality=80)
        except OSError as exc:
            raise UserError("cannot_write", path=out, problem=exc.strerror) from None
        written.append(out)
    return written
