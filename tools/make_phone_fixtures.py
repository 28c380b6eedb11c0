"""Make the phone-photo test fixtures in tests/fixtures/phone (committed, so the tests need no font).

    python tools/make_phone_fixtures.py

A page drawn with tools/render.py is "photographed" the way an applicant without a scanner does it (``photograph``):
laid on a darker desk, turned a few degrees, the far edge narrower (keystone), light falling off to one side, a
little blur, JPEG 80. The truth (name, unit, where the name lies in the photo's pixels) goes to labels.json.
"""

from __future__ import annotations

import io
import json
import math
import random
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

sys.path.insert(0, str(Path(__file__).parent))
from render import Page, Who  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/phone"
A5 = (874, 1240)
TEXT = ("根据自治区职称评审工作的要求，经本单位研究，同意推荐下列同志申报新闻系列中级专业技术任职资格。"
        "公示期间如有异议，请以书面形式向本单位人事部门反映。")


def photograph(page: Image.Image, skew: float, keystone: float = 0.03, seed: int = 0, quality: int = 80,
               margin: float = 0.12, falloff: float = 0.25) -> tuple[Image.Image, np.ndarray]:
    """``page`` as a phone photographs it on a desk: turned ``skew`` degrees (counter-clockwise), the far (top) edge
    ``keystone`` narrower, on a darker textured desk with ``margin`` of the page around it, light falling off by
    ``falloff`` towards one side, slightly blurred, JPEG ``quality``. Returns the photo and the 3×3 homography that
    takes page pixels to photo pixels (to carry a truth box along)."""
    import cv2

    rnd = random.Random(seed)
    w, h = page.size
    W, H = int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin))
    cx, cy = W / 2, H / 2
    k = keystone * w / 2
    corners = [(-w / 2 + k, -h / 2), (w / 2 - k, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    a = math.radians(-skew)  # image y points down: a negative angle turns the page counter-clockwise on screen
    dst = [(cx + x * math.cos(a) - y * math.sin(a) + rnd.uniform(-4, 4),
            cy + x * math.sin(a) + y * math.cos(a) + rnd.uniform(-4, 4)) for x, y in corners]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    M = cv2.getPerspectiveTransform(np.float32(src), np.float32(dst))
    tone = rnd.randint(70, 120)
    desk = np.random.default_rng(seed).normal(0, 9, (H, W, 1)) + np.array([tone + 12, tone, tone - 14])
    desk = cv2.GaussianBlur(desk, (0, 0), 3)
    warped = cv2.warpPerspective(np.asarray(page.convert("RGB")), M, (W, H), flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)[..., None]
    photo = warped * inside + desk * (1 - inside)
    # light falls off towards one side (a lamp or a window on the other), and a soft shadow of the phone
    side = rnd.choice([0, 1])
    ramp = np.linspace(1.0, 1.0 - falloff, W if side == 0 else H)
    light = ramp[None, :] if side == 0 else ramp[:, None]
    photo = photo * light[..., None]
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).ellipse((W * rnd.uniform(0.5, 0.8), H * rnd.uniform(0.6, 0.9), W * 1.3, H * 1.4), fill=40)
    photo = photo * (1 - np.asarray(shadow.filter(ImageFilter.GaussianBlur(60)), np.float32)[..., None] / 255)
    im = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), M


def carry(M: np.ndarray, box: tuple[float, float, float, float]) -> list[int]:
    """A page box [x0, y0, x1, y1] carried into the photo: the bounding box of its four corners."""
    x0, y0, x1, y1 = box
    pts = np.float32([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]).reshape(-1, 1, 2)
    import cv2

    out = cv2.perspectiveTransform(pts, M).reshape(-1, 2)
    return [int(out[:, 0].min()), int(out[:, 1].min()), int(math.ceil(out[:, 0].max())),
            int(math.ceil(out[:, 1].max()))]


def notice(who: Who, mask, face="serif", size=26) -> Page:
    p = Page(who, size=A5, mask=mask, face=face, body=size, margin=90)
    p.y = 110
    p.title("推荐单位公示", 40)
    p.para("现对{N}同志申报新闻系列中级专业技术任职资格进行公示。")
    p.para(TEXT)
    p.para("推荐单位：{U}。公示时间：2023年8月21日至2023年8月27日。")
    return p


def write_labels(out: Path, labels: dict) -> None:
    """The fixtures' truth beside them (labels.json), and each photo's size for the commit message."""
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for name in labels:
        print(name, (out / name).stat().st_size, "bytes")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    who = Who("王晓梅", "巴音郭楞日报社")
    labels = {}
    for name, skew, mask in (("photo_skew5.jpg", 5.0, "none"), ("photo_skew8.jpg", -8.0, "none")):
        p = notice(who, mask)
        page = p.finish(seed=3, skew=0, blur=0.4)
        photo, M = photograph(page, skew, keystone=0.03, seed=int(abs(skew) * 10))
        photo.save(OUT / name, quality=80)
        labels[name] = {"name": who.name, "unit": who.unit, "skew": skew,
                        "boxes": [{"target": t, "bbox": carry(M, b)} for t, b in p.boxes]}
    write_labels(OUT, labels)


if __name__ == "__main__":
    main()
