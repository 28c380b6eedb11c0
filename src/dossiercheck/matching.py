"""Finding the applicant's name and work unit in read text: the one matcher that the masking check, the PDF
text-layer check, the annotated previews and fix share. Matching rules (OCR slips allowed, units by their
distinctive part, names broken at a line end) are described in ``checks/masking.py``, which raises the findings.

Bottom floor: imports only facts and geometry.
"""

from __future__ import annotations

import statistics
from typing import Any

from dossiercheck.facts import PageReading
from dossiercheck.geometry import blocks, rows, stored_quad, to_original

IGNORED = set(" \u3000·•・.．-－_—:：")  # OCR reads the middle dot of 阿依古丽·买买提 as any of these
DOUBT = 0.9  # a line read with less confidence may hold one wrong character of a name
# Legal-form suffixes: without them the name still says which unit it is (成都交子金融控股集团有限公司 → …集团).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "（集团）有限公司", "(集团)有限公司", "有限公司")
# Generic tails: many units end so; an OCR slip may fall here, but a tail alone never identifies the unit.
GENERIC_TAILS = ("有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "融媒体中心", "新闻中心", "中心", "日报社",
                 "报社", "杂志社", "出版社", "广播电视台", "电视台", "广播电台", "编辑部", "宣传部", "委员会", "局",
                 "学院", "大学", "学校", "医院")


def normalise(text: str) -> tuple[str, list[int]]:
    """Text without spaces, dots and dashes, with the index of each kept character in the original."""
    kept = [(ch, i) for i, ch in enumerate(text) if ch not in IGNORED]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def unit_tail(unit: str) -> int:
    """Length of the generic tail of a unit's name (0 if none)."""
    return max((len(t) for t in GENERIC_TAILS if unit.endswith(t) and len(t) < len(unit)), default=0)


def targets_for(names: list[str | None], units: list[str | None], abbreviations: dict[str, str]
                ) -> dict[str, set[str]]:
    """What to look for: the profile's names and units, normalised; each unit also without its legal-form suffix,
    and with the checklist's abbreviations applied. A stripped name must keep a distinctive part of two or more
    characters besides its generic tail, else only the full name counts."""
    names = {normalise(n)[0] for n in names if n}
    units = {normalise(u)[0] for u in units if u}
    for unit in list(units):
        for form in LEGAL_FORMS:
            if unit.endswith(form):
                short = unit[:-len(form)]
                if len(short) >= 4 and len(short) - unit_tail(short) >= 2:
                    units.add(short)
                break
    for unit in list(units):
        for long, short in abbreviations.items():
            if long in unit:
                units.add(unit.replace(long, short))
    return {"name": {n for n in names if len(n) >= 2}, "unit": {u for u in units if len(u) >= 2}}


def collapsed(name: str) -> set[str]:
    """The name with one doubled character read once (买买提 → 买提, 阿依古丽买买提 → 阿依古丽买提): the recogniser's
    decoding merges two equal characters that touch, and 买买提 is one of the commonest names in Xinjiang. Only where
    three or more characters remain: 王丽 is another person's name, not a misreading of 王丽丽."""
    if len(name) < 4:
        return set()
    return {name[:i] + name[i + 1:] for i in range(1, len(name)) if name[i] == name[i - 1]}


def allowed_errors(target: str, kind: str) -> int:
    if kind == "name":
        return 1 if len(target) >= 3 else 0
    return 2 if len(target) >= 7 else (1 if len(target) >= 4 else 0)


def fits(window: str, target: str, kind: str, doubtful: list[bool] | None, exact: bool = False) -> bool:
    """Whether ``window`` reads as ``target`` within the OCR slips the rules allow (module docstring)."""
    misses = [i for i, (a, b) in enumerate(zip(window, target, strict=True)) if a != b]
    if len(misses) > (0 if exact else allowed_errors(target, kind)):
        return False
    if not misses:
        return True
    if kind == "name":
        return misses[0] > 0 and (doubtful is None or all(doubtful[i] for i in misses))
    head = len(target) - unit_tail(target)
    in_head = sum(1 for i in misses if i < head)
    return in_head <= (0 if head <= 3 else 1)


def _another_kind(text: str, start: int, target: str) -> bool:
    """Whether a unit read with a slip in its generic tail is another kind of unit: the text goes on into another
    generic tail there (巴音郭楞蒙古自治州广播电视台 against a certificate of 巴音郭楞蒙古自治州广播电视大学)."""
    head = len(target) - unit_tail(target)
    if text[start + head:start + len(target)] == target[head:]:
        return False
    others = [t for t in GENERIC_TAILS if not target.endswith(t)]
    rest = text[start + head:start + len(target) + 2]
    if any(t in rest for t in others):
        return True
    if start + len(target) < len(text):
        return False
    # the text ends with the match (a line's end): another tail may begin in its last characters (…广播电视大 / 学)
    read = text[start + head:start + len(target)]
    return any(read.endswith(t[:j]) for t in others for j in range(1, len(t)))


def find(text: str, targets: dict[str, set[str]], doubtful: list[bool] | None = None
         ) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every match in ``text`` (normalised), longest targets first, no overlaps.
    ``doubtful``: per character, whether the OCR read it with doubt (None: any may be). A name also matches,
    exactly, with one doubled character read once (see collapsed)."""
    wanted = {(k, t, False) for k, ts in targets.items() for t in ts}
    wanted |= {(k, c, True) for k, t, _ in list(wanted) if k == "name" for c in collapsed(t)}
    hits: list[tuple[str, int, int]] = []
    taken = [False] * len(text)
    for kind, target, exact in sorted(wanted, key=lambda kte: (-len(kte[1]), kte)):
        n = len(target)
        # what fits demands of a window's start, tested first (a re-check runs find some 350 times): a name, and a
        # unit whose distinctive head is three characters or fewer, must be read right at its first character; a
        # longer head may miss one of its first two, not both
        second = kind == "unit" and not exact and n - unit_tail(target) > 3
        i = 0
        while i + n <= len(text):
            if text[i] != target[0] and not (second and text[i + 1] == target[1]):
                i += 1
                continue
            doubt = None if doubtful is None else doubtful[i:i + n]
            if not any(taken[i:i + n]) and fits(text[i:i + n], target, kind, doubt, exact) and \
                    not (kind == "unit" and _another_kind(text, i, target)):
                hits.append((kind, i, i + n))
                for j in range(i, i + n):
                    taken[j] = True
                i += n
            else:
                i += 1
    return hits


def page_hits(page: PageReading, targets: dict[str, set[str]], drop: float) -> list[dict[str, Any]]:
    """Matches on one OCR'd page: target, matched text, boxes (one per line of text it lies on) and their union bbox
    in stored pixels, and whether a grey mask lies on it. Blocks first, for the matches that run from one line onto
    the next; then rows (boxes of one visual row), for the rest."""
    lines = page.get("lines", [])
    boxes = [ln["b"] for ln in lines]
    # each sequence: the line indices read one after the other, and for each the part (row stretch) it belongs to
    sequences = [[(i, k) for k, seg in enumerate(block) for i in seg]
                 for block in blocks(boxes, page.get("rules")) if len(block) > 1]
    sequences += [[(i, 0) for i in row] for row in rows(boxes)]
    frame = page["frame"]
    out = []
    taken: set[tuple[int, int]] = set()  # (line, character) already in a match: a wrapped match wins over its half
    for seq in sequences:
        chars = []  # (character, line index, index in the line's text, part)
        for i, part in seq:
            norm, index = normalise(lines[i]["t"])
            chars.extend((c, i, index[k], part) for k, c in enumerate(norm))
        text = "".join(c[0] for c in chars)
        doubtful = [lines[i].get("s", 1.0) < DOUBT for _, i, _, _ in chars]
        for kind, start, end in find(text, targets, doubtful):
            span = chars[start:end]
            parts = sorted({part for *_, part in span})
            if len(parts) == 1 and any(p for _, p in seq):
                continue  # a block's match within one line: its row finds it
            if any((i, k) in taken for _, i, k, _ in span):
                continue
            taken.update((i, k) for _, i, k, _ in span)
            part_boxes, shade, around = [], [], []
            for part in parts:
                pieces = []
                for i in sorted({i for _, i, _, p in span if p == part}):
                    line = lines[i]
                    idx = [k for _, j, k, p in span if j == i]
                    w = (line["b"][2] - line["b"][0]) / max(len(line["t"]), 1)
                    pieces.append([line["b"][0] + w * min(idx), line["b"][1], line["b"][0] + w * (max(idx) + 1),
                                   line["b"][3]])
                    paper = line.get("paper", [])
                    shade.extend(paper[k] for k in idx if k < len(paper))
                    around.extend(v for k, v in enumerate(paper) if k not in idx)
                part_boxes.append([min(q[0] for q in pieces), min(q[1] for q in pieces), max(q[2] for q in pieces),
                                   max(q[3] for q in pieces)])
            stored = [to_original(bx, page["rotation"] or 0, frame["scale"], frame["width"], frame["height"],
                                  page.get("flat")) for bx in part_boxes]
            bbox = [min(q[0] for q in stored), min(q[1] for q in stored), max(q[2] for q in stored),
                    max(q[3] for q in stored)]
            out.append({"target": kind, "text": "".join(c[0] for c in span), "bbox": bbox, "boxes": stored,
                        "see_through": see_through(shade, around, page.get("paper", 255), drop)})
            if page.get("flat"):  # a photographed page: the parts' exact corners, for fix's flattened copy
                out[-1]["quads"] = [[[round(x, 1), round(y, 1)] for x, y in stored_quad(
                    bx, page["rotation"] or 0, frame["scale"], frame["width"], frame["height"], page["flat"])]
                    for bx in part_boxes]
    return out


def see_through(shade: list[float], around: list[float], paper: float, drop: float) -> bool:
    """A grey or translucent mask lies on the match: its characters sit on paper clearly darker than the page's (all
    but one: a character's slot is an estimate and may straddle the mask's edge), while the rest of its line sits on
    the page's own paper. Without that contrast (a tinted band, a shadow across a phone photo, white on black, a
    match that fills its line) the name is simply visible: K101, not K104."""
    if not shade or len(around) < 2:
        return False
    dark = sum(1 for v in shade if v < paper - 1.5 * drop)
    return dark >= max(1, len(shade) - 1) and statistics.median(around) >= paper - drop / 2


def masked(text: str) -> str:
    return text[:1] + "*" * (len(text) - 1)
