"""The one duplicate detector: is this the same sheet of paper as that one? Used by ``sort`` (a page photographed
twice is copied once) and by ``check`` (the same page never fills two slots).

Two signals, because neither is enough alone:

- the image: ``fingerprint`` is a perceptual hash (a DCT pHash, 64 bits) of the upright page's print: the ink,
  judged against the paper around it (so light falling off and shadows cancel out), without long thin strokes (the
  sheet's edge on a desk, frames, table rules), levelled by the turn that makes its rows of print most unequal
  (±10°), cropped to the print, at 32×32 pixels; taken at the inspection (``facts["fingerprint"]``; PDF pages have
  none). A flat page laid on a desk, turned 6°, darkened, blurred and saved at JPEG 65 stays within 2–10 bits of
  itself (tests/test_sort.py). Phone retakes in benchmarks/eval_phone.py (another skew, keystone, shadow) differ by
  12–22 bits, unrelated pages by 16 or more, and two pages of one template can be as close as 2: the image is
  supporting evidence, never enough alone on a page with text.
- the text: OCR readings of the same sheet differ from retake to retake (a line missed, lines in another order on a
  tilted photo), so the texts are compared as bags of character pairs, not as sequences: a text-heavy retake
  scores well above a sequence match. The numbers on the page (every run of two digits or more: years, dates,
  hours, certificate numbers) must not disagree: two years' certificates of one template share almost every other
  word. A digit misread on one photo of a retake then loses the retake (it is copied twice): the safe way round.

The same sheet: near-identical text, or the same image with text that agrees well enough (a tilted photo read
poorly); never two pages whose numbers differ. A page without text (the photo) is judged by its image alone, strictly.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from dossiercheck.facts import FileFacts

if TYPE_CHECKING:  # the image side runs at inspection; comparing facts (check, sort) needs neither library
    import numpy as np
    from PIL import Image

HASH_SIDE = 32          # the page is compared at 32 × 32 pixels …
HASH_BITS = 8           # … by the signs of its 8 × 8 lowest frequencies (64 bits)
CLOSE_IMAGE = 14        # bits apart: perhaps the same picture taken again (then the text must agree well)
SAME_IMAGE = 6          # bits apart: the same picture beyond doubt (pages without text are judged on this alone)
SAME_TEXT = 0.80        # character pairs shared (Dice): the same text, read again
TEXT_WITH_IMAGE = 0.45  # … enough when the image is the same too (a tilted page read poorly)
MIN_TEXT = 20           # characters: less than this is no text to compare
_NUMBER = re.compile(r"\d{2,}")


def fingerprint(im: Image.Image, turn: tuple[int, bool] = (0, False)) -> str:
    """The pHash of a decoded page as hex; ``turn`` (clockwise degrees, mirrored) makes the stored pixels upright."""
    import cv2
    import numpy as np

    grey = np.asarray(im.convert("L"))
    degrees, mirrored = turn
    if mirrored:
        grey = grey[:, ::-1]
    if degrees:
        grey = np.rot90(grey, k=-(degrees // 90))
    ink = _ink(grey)
    small = cv2.resize(ink, (HASH_SIDE, HASH_SIDE), interpolation=cv2.INTER_AREA).astype(np.float32)
    low = cv2.dct(small)[:HASH_BITS, :HASH_BITS].ravel()
    bits = low > np.median(low[1:])  # the DC term (how much ink) says nothing about the layout
    bits[0] = False
    return f"{int(''.join('1' if b else '0' for b in bits), 2):0{HASH_BITS * HASH_BITS // 4}x}"


WORK_SIDE = 360          # pixels on the long side while looking for the sheet and its ink
MARK = 0.06             # a mark of print is smaller than this share of the page's long side
SKEW = tuple(range(-10, 11))  # degrees tried to straighten the lines of print


def _ink(grey: np.ndarray) -> np.ndarray:
    """What is printed on the sheet, straightened and cropped: an ink mask (0/255) that does not depend on the
    light (ink is judged against the paper around it), the desk (only the sheet is looked at), the skew (the lines
    of print are turned level) or the margins (cropped to the ink, by robust percentiles)."""
    import cv2
    import numpy as np

    scale = WORK_SIDE / max(grey.shape)
    if scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    h, w = grey.shape
    # the paper behind the print: the local brightest, so that falling light and shadows cancel out
    paper = cv2.GaussianBlur(cv2.dilate(grey, np.ones((11, 11), np.uint8)), (0, 0), 8).astype(np.float32)
    ink = ((grey.astype(np.float32) < paper * 0.72) & (paper > 90)).astype(np.uint8) * 255
    # no long thin strokes: the sheet's edge against the desk, a frame or a table's rules are drawn differently by
    # each retake (cropped, bent); print (characters, a line of them run together, a seal, a black box) stays
    _, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    bw, bh, area = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT], stats[:, cv2.CC_STAT_AREA]
    long = np.maximum(bw, bh) > max(h, w) * MARK
    keep = ~(long & ((area < 0.2 * bw * bh) | (np.minimum(bw, bh) <= 4)))
    keep[0] = False
    ink = keep[labels].astype(np.uint8) * 255
    # level the lines of print: the turn at which the rows of ink are most unequal
    centre = (w / 2, h / 2)
    best, level = -1.0, ink
    for angle in SKEW:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, float(angle), 1.0), (w, h),
                                flags=cv2.INTER_NEAREST) if angle else ink
        rows = turned.sum(axis=1, dtype=np.float64)
        if rows.var() > best:
            best, level = float(rows.var()), turned
    ys, xs = np.nonzero(level)
    if len(xs) < 50:
        return level
    x0, x1 = np.percentile(xs, (1, 99)).astype(int)
    y0, y1 = np.percentile(ys, (1, 99)).astype(int)
    if x1 - x0 < 16 or y1 - y0 < 16:
        return level
    return level[y0:y1 + 1, x0:x1 + 1]


def distance(a: str, b: str) -> int:
    """Bits in which two fingerprints differ."""
    return bin(int(a, 16) ^ int(b, 16)).count("1")


def text_of(facts: FileFacts) -> str:
    from dossiercheck.classify import page_of

    return page_of("", facts).text


def pairs_alike(a: str, b: str) -> float:
    """Dice coefficient of the two texts' character pairs (order-free: lines read in another order still match)."""
    ca, cb = Counter(a[i:i + 2] for i in range(len(a) - 1)), Counter(b[i:i + 2] for i in range(len(b) - 1))
    total = sum(ca.values()) + sum(cb.values())
    return 2 * sum((ca & cb).values()) / total if total else 0.0


def numbers_disagree(a: str, b: str) -> bool:
    """Each text has a number (a year, a date, a certificate number) of a length the other has, that the other
    lacks: two different sheets of one template (2021 and 2022), not one sheet read twice."""
    na, nb = set(_NUMBER.findall(a)), set(_NUMBER.findall(b))
    only_a, only_b = na - nb, nb - na
    return any(len(x) == len(y) for x in only_a for y in only_b)


def same_sheet(a: FileFacts, b: FileFacts, texts: tuple[str, str] | None = None) -> str | None:
    """"identical" (the same bytes), "same_sheet" (one sheet photographed or scanned twice) or None.
    ``texts``: the two pages' texts when the caller has them already (classify.page_of)."""
    if a.get("sha256") and a.get("sha256") == b.get("sha256"):
        return "identical"
    ta, tb = texts if texts is not None else (text_of(a), text_of(b))
    fa, fb = a.get("fingerprint"), b.get("fingerprint")
    bits = distance(fa, fb) if fa and fb else None
    if len(ta) < MIN_TEXT or len(tb) < MIN_TEXT:
        # a page without text (the photo): only its picture can say, and only when both say as little
        if len(ta) < MIN_TEXT and len(tb) < MIN_TEXT and bits is not None and bits <= SAME_IMAGE:
            return "same_sheet"
        return None
    if numbers_disagree(ta, tb):
        return None
    alike = pairs_alike(ta, tb)
    if alike >= SAME_TEXT or (bits is not None and bits <= CLOSE_IMAGE and alike >= TEXT_WITH_IMAGE):
        return "same_sheet"
    return None
