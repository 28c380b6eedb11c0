"""A phone held over a desk: the flat page as the applicant's camera gives it.

The sheet lies on a desk (wood, grey laminate or a dark cloth, with some grain), turned by the hand's skew, its far
edge narrower (keystone), lit from one side (light falling off across the sheet) with a soft shadow of the phone or
hand over part of it, a little out of focus, stored as JPEG 60–85 at a phone's reduced size, and sometimes held
sideways or upside down (the pixels turned 90/180/270, no EXIF tag). Every choice is drawn from the given
random generator and returned, so the truth file says how each photo was taken.
"""

from __future__ import annotations

import io
import random
from dataclasses import asdict, dataclass

import cv2
import numpy as np
from PIL import Image

DESKS = [(120, 84, 52), (150, 112, 74), (96, 96, 100), (60, 62, 70), (176, 160, 140), (40, 48, 42)]
LONG_SIDE = (1500, 2000)  # pixels of the stored photo's long side


@dataclass
class Shot:
    skew: float        # degrees, counter-clockwise positive
    keystone: float    # the far edge this much narrower (0.06: 6 %)
    turn: int          # the stored pixels turned this far counter-clockwise (the check must say O201 with it)
    falloff: float     # light lost at the dark side, 0–1
    shadow: bool
    blur: float        # Gaussian sigma, pixels of the stored photo
    quality: int       # JPEG
    desk: tuple[int, int, int]

    def as_dict(self) -> dict:
        return asdict(self)


def shot_for(rnd: random.Random, band: tuple[float, float], turn: int | None = None) -> Shot:
    skew = rnd.uniform(*band) * rnd.choice([-1, 1])
    if turn is None:
        turn = rnd.choices([0, 90, 180, 270], weights=[7, 1, 1, 1])[0]
    return Shot(round(skew, 2), round(rnd.uniform(0.0, 0.06), 3), turn, round(rnd.uniform(0.1, 0.45), 2),
                rnd.random() < 0.4, round(rnd.uniform(0.0, 1.2), 2), rnd.randint(60, 85), rnd.choice(DESKS))


def photograph(page: Image.Image, shot: Shot, rnd: random.Random) -> bytes:
    """The JPEG bytes of ``page`` photographed as ``shot`` says."""
    src = np.asarray(page.convert("RGB")).astype(np.float32)
    h, w = src.shape[:2]
    margin = rnd.uniform(0.08, 0.18)
    cw, ch = int(w * (1 + 2 * margin)), int(h * (1 + 2 * margin))
    # the desk: a colour with grain
    desk = np.empty((ch, cw, 3), np.float32)
    desk[:] = shot.desk
    grain = cv2.GaussianBlur(np.random.default_rng(rnd.randint(0, 2 ** 31)).normal(0, 14, (ch, cw)).astype(np.float32),
                             (0, 0), 3)
    desk += grain[..., None]
    # the sheet's corners on the desk: keystone (far = top edge narrower), then the hand's skew about the centre
    k = shot.keystone * w / 2
    corners = np.float32([[k, 0], [w - k, 0], [w, h], [0, h]])
    corners += np.float32([(cw - w) / 2, (ch - h) / 2])
    angle = np.radians(shot.skew)
    centre = np.float32([cw / 2, ch / 2])
    rot = np.float32([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    corners = (corners - centre) @ rot.T + centre
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    sheet = cv2.warpPerspective(src, matrix, (cw, ch), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
    inside = cv2.warpPerspective(np.ones((h, w), np.float32), matrix, (cw, ch), flags=cv2.INTER_LINEAR)
    img = sheet * inside[..., None] + desk * (1 - inside[..., None])
    # light: falling off from one side to the other, and a soft shadow over a corner
    side = rnd.choice(["x", "y", "-x", "-y"])
    ramp = np.linspace(0, 1, cw if "x" in side else ch, dtype=np.float32)
    ramp = ramp[::-1] if side.startswith("-") else ramp
    light = 1 - shot.falloff * ramp
    img *= (light[None, :, None] if "x" in side else light[:, None, None])
    if shot.shadow:
        mask = np.zeros((ch, cw), np.float32)
        cx, cy = rnd.choice([0, cw]), rnd.choice([0, ch])
        cv2.ellipse(mask, (cx, cy), (int(cw * rnd.uniform(0.3, 0.6)), int(ch * rnd.uniform(0.2, 0.4))),
                    rnd.uniform(0, 180), 0, 360, 1.0, -1)
        mask = cv2.GaussianBlur(mask, (0, 0), cw / 30)
        img *= (1 - 0.35 * mask)[..., None]
    img = np.clip(img, 0, 255).astype(np.uint8)
    # the phone's stored size, its focus, its turn
    side_px = rnd.randint(*LONG_SIDE)
    scale = side_px / max(cw, ch)
    img = cv2.resize(img, (int(cw * scale), int(ch * scale)), interpolation=cv2.INTER_AREA)
    if shot.blur > 0.1:
        img = cv2.GaussianBlur(img, (0, 0), shot.blur)
    im = Image.fromarray(img)
    if shot.turn:
        im = im.rotate(shot.turn, expand=True)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=shot.quality)
    return buf.getvalue()
