"""Box arithmetic shared by the OCR reader and the checks: rows of text boxes, and where a box in a page's
upright frame lies in the stored image. Plain Python importing nothing of the package, so every layer may use it."""

from __future__ import annotations

import math


def to_original(box: list[float], rotation: int, scale: float, width: int, height: int,
                flat: dict | None = None) -> list[int]:
    """An axis-aligned box in the upright frame → the same region in the stored image, [x0, y0, x1, y1]: the box
    around where its corners lie (``stored_quad``), within the image."""
    pts = stored_quad(box, rotation, scale, width, height, flat)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [max(0, int(min(xs))), max(0, int(min(ys))), min(width, int(max(xs)) + 1), min(height, int(max(ys)) + 1)]


def stored_quad(box: list[float], rotation: int, scale: float, width: int, height: int,
                flat: dict | None = None) -> list[tuple[float, float]]:
    """The corners of a box in the upright frame (top-left, top-right, bottom-right, bottom-left as read) in the
    stored image's pixels. The one mapping from a page's reading back to its file: a page read as stored is only
    scaled and turned; a page read flattened (``flat``: a photographed page, inspect/flatten.py) is turned back in
    its level frame (``flat["size"]``), whose corners lie at ``flat["quad"]`` in the stored pixels."""
    x0, y0, x1, y1 = box
    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    if flat:
        w, h = flat["size"]
        return [_projective(flat["quad"], u / w, v / h) for u, v in (_unturn_point(p, rotation, w, h) for p in corners)]
    return [_unturn_point((x * scale, y * scale), rotation, width, height) for x, y in corners]


def _unturn_point(p: tuple[float, float], rotation: int, width: float, height: float) -> tuple[float, float]:
    """A point of the upright frame in the frame before its clockwise turn by ``rotation`` (size width × height)."""
    return _unturn(p[0], p[1], rotation, width, height)


def _unturn(u: float, v: float, rotation: int, width: float, height: float) -> tuple[float, float]:
    if rotation == 90:    # stored was turned 90° clockwise: u = H - y, v = x
        return v, height - u
    if rotation == 180:
        return width - u, height - v
    if rotation == 270:   # u = y, v = W - x
        return width - v, u
    return u, v


def _projective(quad: list[list[float]], u: float, v: float) -> tuple[float, float]:
    """The point (u, v) of the unit square carried onto the quadrilateral whose corners (top-left, top-right,
    bottom-right, bottom-left) are the square's (Heckbert's square-to-quad projective map)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = quad
    sx, sy = x0 - x1 + x2 - x3, y0 - y1 + y2 - y3
    g = h = 0.0
    if abs(sx) > 1e-9 or abs(sy) > 1e-9:
        dx1, dx2, dy1, dy2 = x1 - x2, x3 - x2, y1 - y2, y3 - y2
        den = dx1 * dy2 - dx2 * dy1
        g, h = (sx * dy2 - dx2 * sy) / den, (dx1 * sy - sx * dy1) / den
    a, b, d, e = x1 - x0 + g * x1, x3 - x0 + h * x3, y1 - y0 + g * y1, y3 - y0 + h * y3
    w = g * u + h * v + 1
    return (a * u + b * v + x0) / w, (d * u + e * v + y0) / w


def rows(boxes: list[tuple[float, float, float, float]] | list[list[float]]) -> list[list[int]]:
    """Indices of boxes [x0, y0, x1, y1] grouped into visual rows, top to bottom, each row left to right.

    A box joins a row when its vertical centre is within half the height of the lower of it and the row's first box
    (detected boxes are padded: two tightly spaced lines of a table cell overlap, yet are two rows)."""
    def centre(i: int) -> float:
        return (boxes[i][1] + boxes[i][3]) / 2

    def height(i: int) -> float:
        return boxes[i][3] - boxes[i][1]

    grouped: list[list[int]] = []
    for i in sorted(range(len(boxes)), key=centre):
        if grouped and abs(centre(grouped[-1][0]) - centre(i)) < 0.5 * min(height(i), height(grouped[-1][0])):
            grouped[-1].append(i)
        else:
            grouped.append([i])
    return [sorted(row, key=lambda j: boxes[j][0]) for row in grouped]


# How lines of one block sit, in units of the line's height (box height, padding included).
JOIN_GAP = 1.0       # at most this much white between a line and the next line of its block
JOIN_HEIGHT = 0.7    # the two lines' heights differ by less than this ratio (same type size)
JOIN_INDENT = 3.5    # the next line may start up to this far left of the line (a paragraph's indented first line)
JOIN_HANG = 2.5      # ... or this far right of it (a list entry's text under its bullet)
JOIN_SHORT = 2.0     # the line must not end this far before the next one does (a last line ends its paragraph)
SEGMENT_GAP = 1.5    # boxes of one row this close, with no border between, are one stretch of text
INK_EDGE = 0.2       # a line box's padding and its ink's edge: a border between two lines lies outside their ink


def _crosses(rule: list[float], a: list[float], b: list[float], horizontal: bool) -> bool:
    """Whether a ruling line lies between boxes a (above / left) and b (below / right), across their overlap."""
    x0, y0, x1, y1 = rule
    if horizontal:
        # below a's ink and above b's: a "rule" higher up in a's box is its own strokes run together (a blurred
        # photo's 一 and 皿 of neighbouring characters)
        lo, hi = max(a[0], b[0]), min(a[2], b[2])
        mid = (y0 + y1) / 2
        return x0 <= hi and x1 >= lo and a[3] - INK_EDGE * (a[3] - a[1]) < mid < b[1] + INK_EDGE * (b[3] - b[1])
    lo, hi = max(a[1], b[1]), min(a[3], b[3])
    mid = (x0 + x1) / 2
    return y0 <= hi and y1 >= lo and (a[0] + a[2]) / 2 < mid < (b[0] + b[2]) / 2


def _one_cell(a: list[float], b: list[float], vertical: list[list[float]], h: float) -> bool:
    """Whether boxes a and b sit between the same two vertical borders, both running the height of a and b."""
    top, bottom = min(a[1], b[1]) + 0.3 * h, max(a[3], b[3]) - 0.3 * h
    spans = [r for r in vertical if r[1] <= top and r[3] >= bottom]
    left = [r for r in spans if r[2] <= min(a[0], b[0]) + 0.3 * h]
    right = [r for r in spans if r[0] >= max(a[2], b[2]) - 0.3 * h]
    return bool(left and right)


def _union(boxes: list) -> list[float]:
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


def blocks(boxes: list[tuple[float, float, float, float]] | list[list[float]],
           rules: list[list[float]] | None = None) -> list[list[list[int]]]:
    """Text blocks in reading order: each block a list of its lines top to bottom, each line the indices of the
    boxes that make it up, left to right. A paragraph, a list entry or the text of one table cell is one block: a
    line continues on the next when that one starts below it at the same left edge (or the paragraph's margin under
    an indented first line, or the text under a bullet), with the same type size and ordinary line spacing, the
    line does not stop short of where the next one ends, and no ruling line (a table border) lies between them."""
    rules = rules or []
    horizontal = [r for r in rules if r[2] - r[0] >= r[3] - r[1]]
    vertical = [r for r in rules if r[2] - r[0] < r[3] - r[1]]
    segments: list[list[int]] = []  # stretches of one row
    row_of: list[int] = []
    for n, row in enumerate(rows(boxes)):
        current = [row[0]]
        for i in row[1:]:
            prev = boxes[current[-1]]
            h = max(prev[3] - prev[1], boxes[i][3] - boxes[i][1], 1)
            if boxes[i][0] - prev[2] <= SEGMENT_GAP * h and not any(
                    _crosses(r, prev, boxes[i], False) for r in vertical):
                current.append(i)
            else:
                segments.append(current)
                row_of.append(n)
                current = [i]
        segments.append(current)
        row_of.append(n)
    frames = [_union([boxes[i] for i in s]) for s in segments]

    def follows(a: int, b: int) -> float | None:
        """How well segment b continues segment a (smaller is better), None if it does not."""
        A, B = frames[a], frames[b]
        ha, hb = A[3] - A[1], B[3] - B[1]
        if ha <= 0 or hb <= 0 or min(ha, hb) / max(ha, hb) < JOIN_HEIGHT:
            return None
        h = (ha + hb) / 2
        gap = B[1] - A[3]
        if not -0.5 * h <= gap <= JOIN_GAP * h:  # line boxes are padded: tight lines overlap
            return None
        if B[0] >= A[2] or A[0] >= B[2] or any(_crosses(r, A, B, True) for r in horizontal):
            return None
        # inside one table cell, its borders say what belongs together (a writer may break a line anywhere);
        # elsewhere, the left edges and a line that runs on to the margin
        if not _one_cell(A, B, vertical, h) and (
                not A[0] - JOIN_INDENT * h <= B[0] <= A[0] + JOIN_HANG * h or A[2] < B[2] - JOIN_SHORT * h):
            return None
        return gap / h + abs(B[0] - A[0]) / h

    nxt: dict[int, int] = {}
    taken: set[int] = set()
    order = sorted(range(len(segments)), key=lambda s: (row_of[s], frames[s][0]))
    for a in order:
        candidates = [(score, b) for b in order if row_of[b] > row_of[a] and b not in taken
                      and (score := follows(a, b)) is not None]
        if candidates:
            b = min(candidates)[1]
            nxt[a] = b
            taken.add(b)
    out = []
    for s in order:
        if s in taken:
            continue
        chain = [s]
        while chain[-1] in nxt:
            chain.append(nxt[chain[-1]])
        out.append([segments[k] for k in chain])
    return out


def tilt_of(flat: dict) -> float:
    """How far a page read flattened (a reading's ``flat``) lay turned as stored: its sheet's turn in the photo
    (the mean of its top and bottom edges' angles, folded to ±45°) and the text's skew left after the sheet was
    cut out; degrees counter-clockwise as the eye sees it, one decimal."""
    skew = flat.get("skew", 0.0)
    if not flat.get("sheet"):
        return round(skew, 1)
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = flat["quad"]
    angles = [math.degrees(math.atan2(-(y1 - y0), x1 - x0)), math.degrees(math.atan2(-(y2 - y3), x2 - x3))]
    return round(sum((a + 45) % 90 - 45 for a in angles) / 2 + skew, 1)
