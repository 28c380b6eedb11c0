"""Make the sealed-page fixtures in tests/fixtures/seal (committed, so the tests need no font).

    python tools/make_seal_fixtures.py

A 推荐单位公示 whose signature block (the work unit, the date) lies under the unit's red round seal, as it does on
every stamped page: the seal's ring, its star and its words run through the unit's characters. The page is
photographed by hand (tools/make_phone_fixtures.py's ``photograph``: a darker desk, turned about 3°, the far edge
narrower, light falling off, JPEG 80), once upright and once held sideways (the stored pixels turned 90°). A
version of the sideways photo has the name and unit covered by black boxes before the seal was put on (a properly
masked copy: the seal lies over the box). And an appraisal form whose label 工作单位及职务 overflows its cell up to
the unit in the next one, photographed upside down. The truth (name, unit, where they lie in the photo's pixels) goes to
labels.json.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

sys.path.insert(0, str(Path(__file__).parent))
from make_phone_fixtures import A5, TEXT, carry, photograph, write_labels  # noqa: E402
from render import Page, Who, font  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/seal"
RED = (200, 30, 40)


def stamp(im: Image.Image, cx: float, cy: float, r: int, words: str) -> Image.Image:
    """``im`` with a red round seal (ring, star, words round the top) pressed on it. Seal ink is translucent: it
    darkens what lies under it (multiplied), so the black print stays black under the red."""
    seal = Image.new("RGB", im.size, (255, 255, 255))
    d = ImageDraw.Draw(seal)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=RED, width=max(4, r // 14))
    star = []
    for k in range(10):
        rad = r * (0.36 if k % 2 == 0 else 0.14)
        a = -math.pi / 2 + k * math.pi / 5
        star.append((cx + rad * math.cos(a), cy + rad * math.sin(a)))
    d.polygon(star, fill=RED)
    f = font("hei", max(14, r // 4))
    for i, ch in enumerate(words):
        angle = math.radians(155 - i * (130 / max(1, len(words) - 1)))
        d.text((cx + r * 0.7 * math.cos(angle), cy - r * 0.7 * math.sin(angle)), ch, font=f, fill=RED, anchor="mm")
    out = np.asarray(im.convert("RGB"), np.float32) * np.asarray(seal, np.float32) / 255
    return Image.fromarray(out.astype(np.uint8))


def notice(who: Who, mask: str) -> tuple[Page, Image.Image]:
    p = Page(who, size=A5, mask=mask, face="serif", body=26, margin=90)
    p.y = 110
    p.title("推荐单位公示", 40)
    p.para("现对{N}同志申报新闻系列中级专业技术任职资格进行公示。")
    p.para(TEXT)
    p.y += 60
    p.text_at(430, p.y, "{U}", 26)
    p.text_at(470, p.y + 50, "2023年8月21日", 26)
    x0, y0, x1, y1 = next(b for t, b in p.boxes if t == "unit")
    page = stamp(p.finish(seed=5, skew=0, blur=0.4), (x0 + x1) / 2 + 20, (y0 + y1) / 2 + 10, 86, "人事科公章")
    return p, page


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    who = Who("马玉兰", "和静县融媒体中心")
    labels = {}
    for name, mask, turn in (("seal_skew3.jpg", "none", 0), ("seal_skew3_side.jpg", "none", 90),
                             ("seal_skew3_side_masked.jpg", "cover", 90)):
        p, page = notice(who, mask)
        photo, M = photograph(page, 3.0, keystone=0.03, seed=30)
        if turn:  # held sideways: the stored pixels turned 90° counter-clockwise
            photo = photo.rotate(90, expand=True)
            M = np.float32([[0, 1, 0], [-1, 0, photo.height], [0, 0, 1]]) @ M
        photo.save(OUT / name, quality=80)
        labels[name] = {"name": who.name, "unit": who.unit, "skew": 3.0, "turn": turn, "masked": mask == "cover",
                        "boxes": [{"target": t, "bbox": carry(M, b)} for t, b in p.boxes]}
    # an appraisal form's row whose label overflows its cell: 务 of 工作单位及职务 runs over the border up to 和 of the
    # unit in the next cell (one detected line across the border); photographed upside down, turned 1.2°
    p = Page(who, size=A5, mask="none", face="hei", body=26, margin=60)
    p.y = 110
    p.title("2022年度考核登记表", 36)
    p.table([["姓名", "{N}", "性别", "女"], ["工作单位及职务", "{U}", "", ""],
             ["政治面貌", "中共党员", "参加工作时间", "2010.07"]], [0.22, 0.52, 0.13, 0.13], row_h=60, size=26)
    photo, M = photograph(p.finish(seed=2, skew=0, blur=0.4), -1.2, keystone=0.02, seed=12)
    photo = photo.rotate(180)
    M = np.float32([[-1, 0, photo.width], [0, -1, photo.height], [0, 0, 1]]) @ M
    photo.save(OUT / "cell_border.jpg", quality=80)
    labels["cell_border.jpg"] = {"name": who.name, "unit": who.unit, "skew": -1.2, "turn": 180, "masked": False,
                                 "boxes": [{"target": t, "bbox": carry(M, b)} for t, b in p.boxes]}
    write_labels(OUT, labels)


if __name__ == "__main__":
    main()
