"""Where a box in a page's upright frame lies in the stored image. Plain arithmetic, so that the checks can map
boxes without importing the OCR stack."""

from __future__ import annotations


def to_original(box: list[float], rotation: int, scale: float, width: int, height: int) -> list[int]:
    """An axis-aligned box in the upright frame → the same region in the stored image, [x0, y0, x1, y1]."""
    x0, y0, x1, y1 = (v * scale for v in box)
    # undo the clockwise turn: upright (u, v) came from stored (x, y)
    if rotation == 0:
        pts = [(x0, y0), (x1, y1)]
    elif rotation == 90:    # stored was turned 90° clockwise: u = H - y, v = x
        pts = [(y0, height - x0), (y1, height - x1)]
    elif rotation == 180:
        pts = [(width - x0, height - y0), (width - x1, height - y1)]
    else:                   # 270: u = y, v = W - x
        pts = [(width - y0, x0), (width - y1, x1)]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [max(0, int(min(xs))), max(0, int(min(ys))), min(width, int(max(xs)) + 1), min(height, int(max(ys)) + 1)]
