"""Straightening a photographed page before it is read: the sheet found on the desk and its perspective undone, then
the residual skew of its text lines. What a scanner app does, so that a page photographed by hand reads as a scan.

- ``find_sheet``: the four corners of a bright sheet lying on a clearly darker background (a desk), all four inside
  the picture. No clear sheet (a scan, a photo cropped to the page, a page cut by the picture's edge): None, and the
  page is only deskewed. Robust to light falling off across the picture: the sheet is told from the desk by a
  threshold on a blurred copy, and accepted only when what lies outside it is darker than it all round;
- ``skew_of``: the angle of the page's text lines (weighted median of the long detected lines, folded to ±45°, so a
  page turned by 90° is levelled too: the 90° turns are the reader's business);
- ``Level``: the homography from the level frame (flattened, deskewed, not yet turned by 90°) to the picture read,
  and the warp that makes that frame. ``geometry.to_original`` maps boxes back through the same four corners.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SHEET_SIDE = 480        # long side of the copy the sheet is looked for on
SHEET_MIN = 0.2         # the sheet covers at least this share of the picture ...
SHEET_MAX = 0.97        # ... and leaves at least this much background
SHEET_CONTRAST = 35     # the background is this much darker than the sheet (grey levels), on every side
REFINE = 0.04          # a side of the sheet is looked for this far (of the picture's long side) around its estimate
STEP_WINDOW = 0.007    # ... as a step from paper to desk this wide on each side (of the long side: 12 px at 1800)
STEP_SHARE = 0.6       # ... the outermost step at least this share of the strongest one across the side
SKEW_MIN = 0.8          # text lines turned less than this (degrees) are left as they are
SKEW_LINES = 3          # at least this many long lines to measure the skew on


@dataclass
class Level:
    """The frame a page is read in: ``size`` (w, h) pixels; ``to_picture`` the 3×3 homography from it to the picture
    read; ``sheet`` whether a sheet was cut out of a background; ``skew`` the degrees of text skew undone."""

    size: tuple[int, int]
    to_picture: np.ndarray
    sheet: bool = False
    skew: float = 0.0

    def corners(self) -> list[list[float]]:
        """The frame's corners (top-left, top-right, bottom-right, bottom-left) in the picture's pixels."""
        w, h = self.size
        pts = np.float32([[0, 0], [w, 0], [w, h], [0, h]]).reshape(-1, 1, 2)
        import cv2

        return [[round(float(x), 1), round(float(y), 1)] for x, y in
                cv2.perspectiveTransform(pts, self.to_picture.astype(np.float64)).reshape(-1, 2)]

    def warp(self, img: np.ndarray, fill: float | None = None) -> np.ndarray:
        """The picture ``img`` seen in this frame."""
        import cv2

        if fill is None:
            fill = float(np.percentile(img[::8, ::8], 90))
        return cv2.warpPerspective(img, np.linalg.inv(self.to_picture), self.size, flags=cv2.INTER_LINEAR,
                                   borderMode=cv2.BORDER_CONSTANT, borderValue=(fill, fill, fill))

    def deskew(self, skew: float) -> Level:
        """This frame turned so that text at ``skew`` degrees (counter-clockwise as the eye sees it) lies level; the
        canvas grows to hold the whole turned frame."""
        import cv2

        w, h = self.size
        rot = cv2.getRotationMatrix2D((w / 2, h / 2), -skew, 1.0)  # OpenCV: positive is counter-clockwise
        c, s = abs(rot[0, 0]), abs(rot[0, 1])
        nw, nh = int(math.ceil(w * c + h * s)), int(math.ceil(w * s + h * c))
        rot[0, 2] += nw / 2 - w / 2
        rot[1, 2] += nh / 2 - h / 2
        forward = np.vstack([rot, [0, 0, 1]])  # this frame → the turned one
        return Level((nw, nh), self.to_picture @ np.linalg.inv(forward), self.sheet, round(self.skew + skew, 2))

    def carry(self, quads: list[np.ndarray], frame: Level) -> list[np.ndarray]:
        """Quadrilaterals in ``frame`` carried into this frame."""
        import cv2

        m = np.linalg.inv(self.to_picture) @ frame.to_picture
        return [cv2.perspectiveTransform(q.reshape(-1, 1, 2).astype(np.float64), m).reshape(-1, 2).astype(np.float32)
                for q in quads]


def identity(w: int, h: int) -> Level:
    return Level((w, h), np.eye(3))


def order(pts: np.ndarray) -> np.ndarray:
    """Four points as top-left, top-right, bottom-right, bottom-left (for quadrilaterals turned less than 45°)."""
    s, d = pts.sum(axis=1), pts[:, 1] - pts[:, 0]
    return np.float32([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)], pts[np.argmax(d)]])


def find_sheet(img: np.ndarray) -> np.ndarray | None:
    """The corners of the sheet (top-left, top-right, bottom-right, bottom-left, in ``img`` pixels) when a bright
    sheet lies on a clearly darker background inside the picture; None when there is no clear sheet."""
    import cv2

    h, w = img.shape[:2]
    f = min(1.0, SHEET_SIDE / max(h, w))
    grey = cv2.cvtColor(img, cv2.COLOR_RGB2GRAY) if img.ndim == 3 else img
    small = cv2.resize(grey, (max(1, int(w * f)), max(1, int(h * f))), interpolation=cv2.INTER_AREA)
    blur = cv2.GaussianBlur(small, (0, 0), 3)  # text and a JPEG's noise vanish, the sheet's edge stays
    _, bright = cv2.threshold(blur, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    sh, sw = small.shape
    strip = max(2, int(0.02 * max(sh, sw)))  # the picture's own edge is desk, not paper (a page's white margin
    frame = np.concatenate([bright[:strip].ravel(), bright[-strip:].ravel(),  # outside a printed border is not)
                            bright[:, :strip].ravel(), bright[:, -strip:].ravel()])
    if np.mean(frame > 0) > 0.1:
        return None
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(biggest)
    area = cv2.contourArea(hull)
    if not SHEET_MIN * sh * sw <= area <= SHEET_MAX * sh * sw:
        return None
    perimeter = cv2.arcLength(hull, True)
    quad = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * perimeter, True)
        if len(approx) == 4:
            quad = order(approx.reshape(4, 2).astype(np.float32))
            break
    if quad is None or cv2.contourArea(quad) < 0.93 * area or not cv2.isContourConvex(quad.reshape(-1, 1, 2)):
        return None
    edge = 0.01 * max(sh, sw)  # all four corners inside the picture: the desk shows on every side
    if (quad[:, 0].min() < edge or quad[:, 1].min() < edge or quad[:, 0].max() > sw - 1 - edge
            or quad[:, 1].max() > sh - 1 - edge):
        return None
    inside = np.zeros_like(small)
    cv2.fillConvexPoly(inside, quad.astype(np.int32), 1)
    ring = cv2.dilate(inside, np.ones((15, 15), np.uint8)) - inside  # just outside the sheet, all round
    core = inside - cv2.dilate(1 - inside, np.ones((15, 15), np.uint8)) * inside  # just inside it
    for side in _sides(quad, sh, sw):
        out, into = blur[(ring > 0) & side], blur[(core > 0) & side]
        if out.size < 10 or into.size < 10 or np.median(into) - np.median(out) < SHEET_CONTRAST:
            return None
    return _refine(grey, quad / f)


def _refine(grey: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The corners made exact: each side moved onto the paper-to-desk edge found across it, a line fitted through
    those points, the corners where the lines meet. The edge is the outermost step from bright to dark within
    REFINE of the side (STEP_WINDOW pixels each side of it, at least STEP_SHARE of the strongest step there): a
    certificate's printed border is a thin dark line with paper beyond it, a smaller step further in, and was taken
    for the edge when the strongest fall was. A shadow that made the threshold cut a corner off does not move the
    edge itself. A side whose edge is not found keeps the first estimate."""
    import cv2

    h, w = grey.shape
    g = cv2.GaussianBlur(grey, (0, 0), 1.5).astype(np.float32)
    reach = int(REFINE * max(h, w))
    win = max(3, int(STEP_WINDOW * max(h, w)))
    band = np.arange(-reach - win, reach + win + 1)  # outwards; the step is measured on the middle part
    centre = quad.mean(axis=0)
    lines = []
    for i in range(4):
        a, b = quad[i], quad[(i + 1) % 4]
        d = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
        n = np.array([-d[1], d[0]])
        if np.dot(n, centre - a) > 0:
            n = -n  # outwards
        found = []
        for t in np.linspace(0.1, 0.9, 41):
            p = a + t * (b - a)
            xs, ys = np.rint(p[0] + band * n[0]).astype(int), np.rint(p[1] + band * n[1]).astype(int)
            if xs.min() < 0 or ys.min() < 0 or xs.max() >= w or ys.max() >= h:
                continue
            cum = np.concatenate([[0.0], np.cumsum(g[ys, xs], dtype=np.float64)])
            k = np.arange(win, len(band) - win)  # the step between pixels k-1 and k
            step = (cum[k] - cum[k - win] - (cum[k + win] - cum[k])) / win
            if step.max() < SHEET_CONTRAST:
                continue
            strong = step >= STEP_SHARE * step.max()
            last = int(np.flatnonzero(strong)[-1])  # the outermost strong step, at its peak (not its outer flank)
            first = last
            while first > 0 and strong[first - 1]:
                first -= 1
            j = first + int(np.argmax(step[first:last + 1]))
            found.append((xs[k[j]], ys[k[j]]))
        if len(found) < 12:
            lines.append((a, d))
            continue
        vx, vy, x0, y0 = cv2.fitLine(np.float32(found), cv2.DIST_HUBER, 0, 0.01, 0.01).ravel()
        lines.append((np.array([x0, y0]), np.array([vx, vy])))
    out = []
    for i in range(4):  # corner i lies where side i-1 meets side i
        (p1, d1), (p2, d2) = lines[i - 1], lines[i]
        den = d1[0] * d2[1] - d1[1] * d2[0]
        if abs(den) < 1e-6:
            return quad
        s = ((p2[0] - p1[0]) * d2[1] - (p2[1] - p1[1]) * d2[0]) / den
        out.append(p1 + s * d1)
    out = np.float32(out)
    if np.abs(out - quad).max() > 2 * len(band):
        return quad
    return out


def _sides(quad: np.ndarray, h: int, w: int) -> list[np.ndarray]:
    """Masks of the four regions nearest each side of the quadrilateral (to check the desk shows all round)."""
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = quad[:, 0].mean(), quad[:, 1].mean()
    ang = np.arctan2(yy - cy, xx - cx)
    out = []
    for a, b in ((0, 1), (1, 2), (2, 3), (3, 0)):  # top, right, bottom, left
        lo, hi = (math.atan2(quad[i, 1] - cy, quad[i, 0] - cx) for i in (a, b))
        out.append(((ang - lo) % (2 * math.pi)) <= ((hi - lo) % (2 * math.pi)))
    return out


def sheet_level(quad: np.ndarray) -> Level:
    """The frame of a sheet with these corners: its size from the longer of each pair of opposite edges."""
    import cv2

    tl, tr, br, bl = quad
    w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    rect = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    return Level((w, h), cv2.getPerspectiveTransform(rect, np.float32(quad)).astype(np.float64), sheet=True)


def skew_of(quads: list[np.ndarray]) -> float:
    """The text lines' angle, in degrees counter-clockwise as the eye sees it (0 when too few long lines)."""
    angles, weights = [], []
    for q in quads:
        q = np.asarray(q, dtype=np.float64)
        edges = [q[(i + 1) % 4] - q[i] for i in range(4)]
        lengths = [float(np.hypot(*e)) for e in edges]
        i = int(np.argmax(lengths))
        if lengths[i] < 3 * min(lengths):
            continue
        dx, dy = edges[i]
        a = math.degrees(math.atan2(-dy, dx))  # y points down in the picture
        a = (a + 45) % 90 - 45  # a vertical line (a page turned by 90°) levels the same way
        angles.append(a)
        weights.append(lengths[i])
    if len(angles) < SKEW_LINES:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])
