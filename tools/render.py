"""Render synthetic document scans (Chinese text on A4 pages, certificates, tables, ID cards) for the demo dossiers
and the test fixtures. Needs a CJK font (Debian: fonts-noto-cjk or fonts-wqy-microhei); the tests never run this,
they use the committed images it made.

Text may contain the markers {N} (the applicant's name) and {U} (the work unit); {N<2} is the name's first two
characters and {N>2} the rest, for a name broken over two lines or cells (each part is masked as the name is). How they are drawn is the page's
``mask`` mode (one for both, or a dict by target "name"/"unit"): "cover" draws an opaque black box over them (a properly masked scan), "none" leaves them readable,
"translucent" lays a see-through grey box over them (a mask that does not hide).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = [Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/wqy")]
FONTS = {
    "sans": "NotoSansCJK-Regular.ttc",
    "sans-bold": "NotoSansCJK-Bold.ttc",
    "serif": "NotoSerifCJK-Regular.ttc",
    "serif-bold": "NotoSerifCJK-Bold.ttc",
    "hei": "wqy-microhei.ttc",
}
A4 = (1240, 1754)  # 150 dpi
A4_LANDSCAPE = (1754, 1240)
_MARK = re.compile(r"(\{[NU](?:[<>]\d+)?\})")  # {N}, or its first k characters {N<k} / the rest {N>k}


def font(kind: str, size: int) -> ImageFont.FreeTypeFont:
    for d in FONT_DIRS:
        p = d / FONTS[kind]
        if p.exists():
            return ImageFont.truetype(str(p), size)
    for d in FONT_DIRS:  # any CJK font will do
        for p in sorted(d.glob("*.tt[cf]")):
            return ImageFont.truetype(str(p), size)
    raise SystemExit("no CJK font: apt-get install fonts-noto-cjk fonts-wqy-microhei")


@dataclass
class Who:
    name: str
    unit: str


class Page:
    """A page being drawn: text flows top-down from a cursor, name/unit markers are masked as the mode says."""

    def __init__(self, who: Who, size=A4, mask="cover", face="serif", body=28, margin=130, tone=250):
        self.who, self.mask, self.face, self.body = who, mask, face, body
        self.im = Image.new("RGB", size, (tone, tone, tone - 3))
        self.draw = ImageDraw.Draw(self.im)
        self.margin = margin
        self.y = margin
        self.boxes: list[tuple[str, tuple[int, int, int, int]]] = []  # (target, bbox) of every name/unit drawn
        self._overlays: list[tuple[int, int, int, int]] = []

    @property
    def width(self) -> int:
        return self.im.width - 2 * self.margin

    def _segments(self, text: str):
        for seg in _MARK.split(text):
            if _MARK.fullmatch(seg):
                target, value = ("name", self.who.name) if seg[1] == "N" else ("unit", self.who.unit)
                if len(seg) > 3:
                    k = int(seg[3:-1])
                    value = value[:k] if seg[2] == "<" else value[k:]
                yield target, value
            elif seg:
                yield None, seg

    def text_at(self, x: int, y: int, text: str, size: int | None = None, face: str | None = None,
                fill=(20, 20, 20), spacing: float = 0.0) -> int:
        """Draw one line at (x, y), ``spacing`` extra pixels after each character; return its width."""
        f = font(face or self.face, size or self.body)
        start = x
        for target, seg in self._segments(text):
            if spacing:
                cx = x
                for ch in seg:
                    self.draw.text((cx, y), ch, font=f, fill=fill)
                    cx += self.draw.textlength(ch, font=f) + spacing
                w = int(cx - x - spacing)
            else:
                self.draw.text((x, y), seg, font=f, fill=fill)
                w = int(self.draw.textlength(seg, font=f))
            if target:
                bbox = (x - 3, y + int(f.size * 0.08), x + w + 3, y + int(f.size * 1.3))
                self.boxes.append((target, bbox))
                mode = self.mask.get(target, "cover") if isinstance(self.mask, dict) else self.mask
                if mode == "cover":
                    self.draw.rectangle(bbox, fill=(0, 0, 0))
                elif mode == "translucent":
                    self._overlays.append(bbox)
            x += w + (int(spacing) if spacing else 0)
        return x - start

    def natural_width(self, text: str, size: int | None = None) -> float:
        f = font(self.face, size or self.body)
        return sum(self.draw.textlength(s, font=f) for _, s in self._segments(text))

    def justified(self, lines: list[str], size: int | None = None, indent_first=True, gap=1.7) -> None:
        """A paragraph broken where the caller says (a name may be split: {N<k} ends a line, {N>k} starts the
        next), every line but the last spread to the full width, as typeset text is."""
        size = size or self.body
        for i, ln in enumerate(lines):
            indent = size * 2 if (i == 0 and indent_first) else 0
            n = sum(len(s) for _, s in self._segments(ln))
            room = self.width - indent - self.natural_width(ln, size)
            spacing = room / max(n - 1, 1) if i < len(lines) - 1 and room > 0 else 0.0
            self.text_at(self.margin + indent, self.y, ln, size, spacing=spacing)
            self.y += int(size * gap)

    def fill_to(self, text: str, width: float, size: int | None = None, filler: str = "") -> str:
        """``text`` preceded by as much of ``filler`` (repeated) as fits, so that the line ends near ``width``."""
        out, k = "", 0
        while filler and self.natural_width(out + filler[k % len(filler)] + text, size) <= width:
            out += filler[k % len(filler)]
            k += 1
        return out + text

    def line(self, text: str = "", size: int | None = None, face: str | None = None, center=False, indent=0,
             gap=1.75) -> None:
        size = size or self.body
        f = font(face or self.face, size)
        width = sum(self.draw.textlength(s, font=f) for _, s in self._segments(text))
        x = self.margin + indent if not center else int((self.im.width - width) / 2)
        self.text_at(x, self.y, text, size, face)
        self.y += int(size * gap)

    def para(self, text: str, size: int | None = None, indent_first=True) -> None:
        """Wrap a paragraph to the page width (markers are never split)."""
        size = size or self.body
        tokens = [t for t in _MARK.split(text) if t]
        units: list[str] = []
        for t in tokens:
            units.extend([t] if _MARK.fullmatch(t) else list(t))
        lines, cur, cur_w = [], "", size * 2 if indent_first else 0
        for u in units:
            w = self.natural_width(u, size)
            if cur_w + w > self.width:
                lines.append(cur)
                cur, cur_w = "", 0
            cur += u
            cur_w += w
        lines.append(cur)
        for i, ln in enumerate(lines):
            self.line(ln, size, indent=size * 2 if (i == 0 and indent_first) else 0, gap=1.7)

    def title(self, text: str, size=46) -> None:
        self.line(text, size, face=self.face + "-bold" if "-" not in self.face and self.face != "hei" else self.face,
                  center=True, gap=1.9)

    def table(self, rows: list[list[str]], widths: list[float], row_h=64, size=None) -> None:
        size = size or self.body - 2
        x0, total = self.margin, self.width
        xs = [x0]
        for w in widths:
            xs.append(xs[-1] + int(w * total))
        for row in rows:
            for i, cell in enumerate(row):
                self.draw.rectangle((xs[i], self.y, xs[i + 1], self.y + row_h), outline=(40, 40, 40), width=2)
                parts = cell.split("\n")  # a cell's text on several lines, centred as a block
                top = self.y + (row_h - size) // 2 - 4 - (len(parts) - 1) * int(size * 1.35) // 2
                for k, part in enumerate(parts):
                    self.text_at(xs[i] + 12, top + k * int(size * 1.35), part, size)
            self.y += row_h
        self.y += 20

    def seal(self, cx: int, cy: int, r=110) -> None:
        """A red round seal with a star (no text, so it never competes with the page's text)."""
        red = (205, 40, 40)
        self.draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=7)
        pts = []
        import math
        for k in range(10):
            rad = r * (0.42 if k % 2 == 0 else 0.17)
            a = -math.pi / 2 + k * math.pi / 5
            pts.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
        self.draw.polygon(pts, fill=red)

    def border(self, color=(150, 110, 40), width=14) -> None:
        m = self.margin // 2
        self.draw.rectangle((m, m, self.im.width - m, self.im.height - m), outline=color, width=width)

    def finish(self, seed: int = 0, skew: float = 0.4, blur: float = 0.6) -> Image.Image:
        """Apply masks that do not hide, then the look of a scan: a slight skew and softness."""
        im = self.im
        if self._overlays:
            overlay = Image.new("RGBA", im.size, (0, 0, 0, 0))
            od = ImageDraw.Draw(overlay)
            for bbox in self._overlays:
                od.rectangle(bbox, fill=(128, 128, 128, 120))
            im = Image.alpha_composite(im.convert("RGBA"), overlay).convert("RGB")
        rnd = random.Random(seed)
        angle = rnd.uniform(-skew, skew)
        bg = im.getpixel((2, 2))
        im = im.rotate(angle, resample=Image.BICUBIC, fillcolor=bg)
        if blur:
            im = im.filter(ImageFilter.GaussianBlur(blur))
        return im


def save_jpeg(im: Image.Image, path: Path, quality=72, **kw) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    im.save(path, "JPEG", quality=quality, optimize=True, dpi=(150, 150), **kw)
