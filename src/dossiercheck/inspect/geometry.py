"""Box arithmetic shared by the OCR reader and the checks: rows of text boxes, and where a box in a page's
upright frame lies in the stored image. Plain Python, so the checks need not import the OCR stack."""

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


def rows(boxes: list[tuple[float, float, float, float]] | list[list[float]]) -> list[list[int]]:
    """Indices of boxes [x0, y0, x1, y1] grouped into visual rows, top to bottom, each row left to right.

    A box joins a row when its vertical centre is within half its height of the row's first box."""
    def centre(i: int) -> float:
        return (boxes[i][1] + boxes[i][3]) / 2

    grouped: list[list[int]] = []
    for i in sorted(range(len(boxes)), key=centre):
        if grouped and abs(centre(grouped[-1][0]) - centre(i)) < 0.5 * (boxes[i][3] - boxes[i][1]):
            grouped[-1].append(i)
        else:
            grouped.append([i])
    return [sorted(row, key=lambda j: boxes[j][0]) for row in grouped]
