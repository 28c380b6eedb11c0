"""Make the PDF test fixtures in tests/fixtures/pdf (committed, so the tests need neither a font nor reportlab).

    pip install reportlab && python tools/make_pdf_fixtures.py   # needs fonts-wqy-microhei (or fonts-noto-cjk)

The applicant is the demo's (王晓梅, 巴音郭楞日报社). Vector text uses WenQuanYi Micro Hei, subset by reportlab.

- certificate.pdf  born-digital certificate, name and unit in clear vector text;
- under_box.pdf    the same, with black boxes drawn *after* the name and unit: covered to the eye, still in the text
                   layer (the failed redaction);
- on_box.pdf       boxes drawn *first* and text on top of them (a dark banner with white text, grey table cells), no
                   name or unit anywhere: a reader sees every character of the text layer;
- hidden.pdf       page 1: the name in white on white paper; page 2: the name placed outside the crop box;
- strips.pdf       a 150-dpi scan (name and unit readable) stored as four horizontal image strips, no text layer.

The x-ray project's rectangles_yes.pdf / rect_ordering_4.1.pdf are the reference for under/on a box (see
tests/fixtures/pdf/SOURCES.md).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from render import Page, Who, font  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/pdf"
WHO = Who("王晓梅", "巴音郭楞日报社")
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
LINES = ["实用新型名称：一种便携式新闻采访录音支架", "专利号：ZL 2021 2 0123456.7",
         f"专利权人：{WHO.unit}", f"发明人：{WHO.name}", "授权公告日：2021年10月12日"]


def canvas(path: Path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    c = rl.Canvas(str(path), pagesize=A4, invariant=1)
    c.setAuthor(WHO.name)  # metadata a fix must strip
    c.setTitle(f"{WHO.name}-专利证书")
    return c, A4


def certificate(path: Path, cover: bool) -> None:
    from reportlab.pdfbase import pdfmetrics

    c, a4 = canvas(path)
    c.setFont("WQY", 26)
    c.drawCentredString(a4[0] / 2, 720, "实用新型专利证书")
    c.setFont("WQY", 14)
    y = 640
    for text in LINES:
        c.drawString(90, y, text)
        if cover and (WHO.name in text or WHO.unit in text):
            label = text.split("：")[0] + "："
            x = 90 + pdfmetrics.stringWidth(label, "WQY", 14)
            c.rect(x - 2, y - 4, pdfmetrics.stringWidth(text[len(label):], "WQY", 14) + 4, 20, fill=1)
        y -= 36
    c.save()


def on_box(path: Path) -> None:
    c, a4 = canvas(path)
    c.setFillGray(0.15)
    c.rect(60, 700, a4[0] - 120, 50, fill=1, stroke=0)
    c.setFillGray(1)
    c.setFont("WQY", 26)
    c.drawCentredString(a4[0] / 2, 715, "实用新型专利证书")
    c.setFont("WQY", 14)
    y = 640
    for text in [LINES[0], LINES[1], "专利权人：（已遮盖）", "发明人：（已遮盖）", LINES[4]]:
        c.setFillGray(0.82)
        c.rect(86, y - 5, 360, 22, fill=1, stroke=0)
        c.setFillGray(0)
        c.drawString(90, y, text)
        y -= 36
    c.save()


def hidden(path: Path) -> None:
    c, a4 = canvas(path)
    c.setFont("WQY", 14)
    c.drawString(90, 700, "发明人：（已遮盖）")
    c.setFillGray(1)  # page 1: white on white
    c.drawString(300, 700, WHO.name)
    c.showPage()
    c.setFont("WQY", 14)
    c.drawString(90, 700, "专利权人：（已遮盖）")
    c.drawString(90, 40, f"发明人：{WHO.name}")  # below the crop box set next
    c.setCropBox((0, 100, a4[0], a4[1]))
    c.save()


def scan_page():
    p = Page(WHO, mask="none", face="hei", body=30)
    p.y = 170
    p.title("实用新型专利证书", 48)
    for text in ["实用新型名称：一种便携式新闻采访录音支架", "专利号：ZL 2021 2 0123456.7", "专利权人：{U}", "发明人：{N}",
                 "授权公告日：2021年10月12日"]:
        p.line(text)
        p.y += 30
    return p.finish(seed=31).convert("L")


def strips(path: Path) -> None:
    from reportlab.lib.utils import ImageReader

    im = scan_page()
    c, a4 = canvas(path)
    n, h = 4, im.height // 4
    for i in range(n):
        strip = im.crop((0, i * h, im.width, im.height if i == n - 1 else (i + 1) * h))
        buf = io.BytesIO()
        strip.save(buf, "JPEG", quality=60)
        buf.seek(0)
        top = a4[1] * (1 - i * h / im.height)
        height = a4[1] * strip.height / im.height
        c.drawImage(ImageReader(buf), 0, top - height, width=a4[0], height=height)
    c.save()


def main() -> None:
    font("hei", 10)  # fail early without a CJK font
    OUT.mkdir(parents=True, exist_ok=True)
    certificate(OUT / "certificate.pdf", cover=False)
    certificate(OUT / "under_box.pdf", cover=True)
    on_box(OUT / "on_box.pdf")
    hidden(OUT / "hidden.pdf")
    strips(OUT / "strips.pdf")
    for p in sorted(OUT.glob("*.pdf")):
        print(f"{p.name}: {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
