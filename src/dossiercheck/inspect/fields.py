"""Field readers: what a page says, read from the OCR lines the inspection already has (no second OCR pass).

A reader turns one page's lines ({"t": text, "s": confidence, "b": box}) into fields, each with its provenance:
``{"field", "value", "read" (the text it came from), "bbox" (upright page frame), "page", "conf"}``. ``conf`` is
the lowest recognition confidence of the lines the match touches; the checks decide what is confident enough.
A reader that finds no value, or finds values that disagree, returns no field: it abstains, it never guesses.

The readers themselves are the modules of ``inspect/readers/`` (one per document an item's ``reads: {document: ...}``
may name); this module is their toolbox: normalising, numbers and dates in Chinese, the page's text with each
character's line, agreeing candidates, the people named on a page, and the commitment's marks in the image.

Text is normalised first: full-width digits and punctuation (NFKC), Chinese numerals in years, dates and hours.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

from dossiercheck.facts import Field, Line, Marks, PageReading

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "o": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN = "〇零○Oo一二三四五六七八九两十百"
NUM = rf"(?:\d+|[{CN}]+)"
YEAR = r"(?:\d{4}|[〇零○Oo一二三四五六七八九]{4})"


def __getattr__(name: str) -> Any:
    if name == "READERS":  # the documents read, as the reader modules declare them (inspect/readers/)
        from dossiercheck.inspect.readers import documents

        return tuple(documents())
    raise AttributeError(name)


def normalise(text: str) -> str:
    """Full-width digits, letters and punctuation → ASCII (NFKC); spaces dropped (OCR inserts them at will)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def cn_number(text: str) -> int | None:
    """'30', '三十', '一百二十', '二〇二一' (digit by digit) → int; None if it is not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in CN_DIGITS and c not in "十百" for c in text):
        return None
    if "十" not in text and "百" not in text:  # 二〇二一: digit by digit
        return int("".join(str(CN_DIGITS[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = CN_DIGITS[c]
    return total + current


DATE = re.compile(rf"({YEAR})年({NUM})月({NUM})日?|(\d{{4}})[./-](\d{{1,2}})[./-](\d{{1,2}})")
SHORT_DATE = re.compile(rf"({NUM})月({NUM})日")  # the end of a range may leave the year out


def date_of(m: re.Match[str]) -> date | None:
    parts = [g for g in m.groups() if g is not None]
    try:
        y, mo, d = (cn_number(p) for p in parts[:3])
        return date(y, mo, d) if None not in (y, mo, d) else None  # type: ignore[arg-type]
    except (ValueError, TypeError):
        return None


class PageText:
    """A page's lines joined in reading order, with a map from each character back to its line."""

    def __init__(self, lines: list[Line], page: int | None) -> None:
        self.lines, self.page = lines, page
        parts, owner = [], []
        for i, ln in enumerate(lines):
            t = normalise(ln.get("t", ""))
            parts.append(t)
            owner.extend([i] * len(t))
        self.text = "".join(parts)
        self.owner = owner

    def field(self, name: str, value: Any, span: tuple[int, int], **extra: Any) -> Field:
        idx = sorted(set(self.owner[span[0]:span[1]])) or [0]
        boxes = [self.lines[i].get("b") for i in idx if self.lines[i].get("b")]
        bbox = ([min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
                if boxes else None)
        conf = min(float(self.lines[i].get("s", 0.0)) for i in idx) if self.lines else 0.0
        return {"field": name, "value": value, "read": self.text[span[0]:span[1]], "bbox": bbox, "page": self.page,
                "conf": round(conf, 3), **extra}


def agreeing(name: str, page: PageText, found: list[tuple[Any, tuple[int, int]]]) -> list[Field]:
    """One field when every candidate says the same; none when they disagree (never a guess)."""
    values = {v for v, _ in found}
    if len(values) != 1:
        return []
    value, span = found[0]
    conf = min(page.field(name, v, s)["conf"] for v, s in found)
    return [{**page.field(name, value, span), "conf": conf}]


def year_of(text: str) -> int | None:
    y = cn_number(text)
    return y if y and 1950 <= y <= 2100 else None


# ---- ID numbers: GB 11643's check digit ----------------------------------------------------------------------
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_ok(number: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    return "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True)) % 11] == number[17]


# ---- whose document: names and ID numbers visible on a personal document --------------------------------------
NOT_NAMES = ("该", "此", "上述", "本", "各", "下列", "有关", "以上", "全体", "广大", "申报")
NAME_LABEL = re.compile(r"姓名[:：]?([\u4e00-\u9fff·]{2,5})")
NAME_BEFORE = re.compile(r"(?:^|现对|兹有|兹证明|证明|对)([\u4e00-\u9fff·]{2,4}?)同志")
NOT_IN_NAMES = set("对该此于的之如请各本其现兹有证明经")  # a 'name' with one of these is a phrase (如对该同志)
# an ID number shown whole or masked; a masked one also with a star more or less (the recogniser merges or splits a
# run of one character: 6528011988******26 read 6528011988*****26), 15 to 20 characters
ID_SEEN = re.compile(r"(?<![\dA-Z*])(\d{6}[\d*]{8}[\d*]{3}[\dX*]|\d{3,14}\*{2,}\d{0,4}[\dX]?)(?![\dA-Z*])")
FIELD_WORDS = ("性别", "民族", "出生", "单位", "职务", "年龄", "政治", "籍贯", "学历", "工作")


def read_people(page: PageText) -> list[Field]:
    """Names written on the page (after 姓名, before 同志 at the start of a line or after 现对/兹证明) and ID numbers
    (whole or masked): the documents check compares them with the applicant's (whose own are covered on the page)."""
    out: list[Field] = []
    start = 0
    for ln in page.lines:
        t = normalise(ln.get("t", ""))
        for rx in (NAME_LABEL, NAME_BEFORE):
            for m in rx.finditer(t):
                name = re.sub(r"^(?:现对|兹有|兹证明|证明|对)", "", m.group(1))  # the line began with the phrase
                if len(name) >= 2 and not name.startswith(NOT_NAMES) and not any(w in name for w in FIELD_WORDS) \
                        and not set(name) & NOT_IN_NAMES:
                    out.append(page.field("person", name, (start + m.start(1), start + m.end(1))))
        start += len(t)
    for m in ID_SEEN.finditer(page.text.upper()):
        if sum(c.isdigit() for c in m.group(1)) >= 8 and 15 <= len(m.group(1)) <= 20:  # enough digits to tell
            out.append(page.field("id_seen", m.group(1), m.span(1)))
    return out


def read_page_fields(ocr_page: PageReading, document: str, options: dict[str, Any] | None = None
                     ) -> list[Field]:
    """The fields of one OCR'd page for one reader (none for a document no reader reads)."""
    from dossiercheck.inspect.readers import reader

    module = reader(document)
    page = PageText([ln for ln in ocr_page.get("lines", []) if ln.get("t")], ocr_page.get("page"))
    if module is None or not page.text:
        return []
    return module.read(page, options or {})


def read_fields(pages: list[PageReading], document: str, options: dict[str, Any] | None = None
                ) -> list[Field]:
    """Fields of every page (OCR'd pages, and PDF text layers given as pages of lines)."""
    out = []
    for p in pages:
        if p.get("status") == "failed":
            continue
        out.extend(read_page_fields(p, document, options))
    return out


# ---- marks in the image (commitment): signature ink and a red finger-print --------------------------------------
SIGN_LABEL = re.compile(r"(承诺人|签字|签名)")
MIN_CHROMA = 1.5  # mean chroma below which a scan is greyscale (paper has a tint in colour): no verdict on red


def page_marks(rgb: Any, ocr_page: PageReading) -> Marks:
    """Signature ink after the signature label, and red blobs of a finger-print's size, on one upright page.

    ``rgb`` is the page as stored (numpy RGB); the OCR page's rotation and frame map its boxes onto it."""
    import cv2
    import numpy as np

    from dossiercheck.geometry import to_original

    h, w = rgb.shape[:2]
    out: Marks = {}
    rotation = ocr_page.get("rotation")
    frame = ocr_page.get("frame") or {}
    r, g, b = (rgb[..., i].astype(np.int16) for i in range(3))
    chroma = float((np.maximum(np.maximum(r, g), b) - np.minimum(np.minimum(r, g), b)).mean())
    out["colour"] = round(chroma, 2)
    if chroma >= MIN_CHROMA:
        red = ((r - np.maximum(g, b)) > 60) & (r > 110)
        side = max(h, w) if w < h else min(h, w) * 297 / 210  # A4 page height in pixels, whatever the turn
        k = max(3, int(side * 0.008))  # close the gaps between a finger-print's ridges
        red = cv2.morphologyEx(red.astype(np.uint8) * 255, cv2.MORPH_CLOSE, np.ones((k, k), np.uint8))
        n, _, stats, _ = cv2.connectedComponentsWithStats(red, connectivity=8)
        blobs = []
        for i in range(1, n):
            x, y, bw, bh, area = (int(v) for v in stats[i])
            size = max(bw, bh) / side  # a finger-print is about 15–30 mm of the page's 297 mm
            if 0.035 <= size <= 0.12 and area >= 0.3 * bw * bh:
                blobs.append([x, y, x + bw, y + bh])
        out["red_blobs"] = blobs
    else:
        out["red_blobs"] = None  # greyscale: no verdict on the finger-print
    sx, sy = (w / frame["width"], h / frame["height"]) if frame else (1.0, 1.0)
    if out["red_blobs"]:
        out["red_blobs"] = [[int(x0 / sx), int(y0 / sy), int(x1 / sx), int(y1 / sy)]
                            for x0, y0, x1, y1 in out["red_blobs"]]
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    # the signature label: a short line (the 说明 under a template also says 签字)
    labels = [ln for ln in ocr_page.get("lines", []) if SIGN_LABEL.search(t := normalise(ln.get("t", ""))) and len(t) <= 14]
    if labels and rotation is not None and frame:
        label = labels[-1]
        x0, y0, x1, y1 = label["b"]
        lh = y1 - y0
        region = [x1, y0, x1 + lh * 6, y1]  # right of the label, on its row: a signature, or the mask over it
        bx0, by0, bx1, by1 = to_original(region, rotation, frame["scale"], frame["width"], frame["height"],
                                         ocr_page.get("flat"))
        crop = grey[int(by0 * sy):int(by1 * sy), int(bx0 * sx):int(bx1 * sx)]
        paper = float(np.percentile(grey, 90))
        out["signature_ink"] = round(float(np.mean(crop < paper - 80)), 4) if crop.size else 0.0
        out["signature_label"] = [int(v) for v in label["b"]]
    return out
