"""Field readers: what a page says, read from the OCR lines the inspection already has (no second OCR pass).

A reader turns one page's lines ({"t": text, "s": confidence, "b": box}) into fields, each with its provenance:
``{"field", "value", "read" (the text it came from), "bbox" (upright page frame), "page", "conf"}``. ``conf`` is
the lowest recognition confidence of the lines the match touches; the checks decide what is confident enough.
A reader that finds no value, or finds values that disagree, returns no field: it abstains, it never guesses.

Readers (named by an item's ``reads: {document: ...}`` in the checklist):

- ``ce-certificate``: year (``2021年度``, ``学习年度：2021``, ``二〇二一年度``), subject (公需/专业) and hours
  (``30学时``, ``三十课时``, ``8学分`` where the page states ``1学分=N学时``);
- ``appraisal``: year (``（2021年度）``) and result (优秀/合格/基本合格/不合格, read next to 考核等次/考核结果);
- ``publicity`` (公示 and 公示结果): period (``从…起至…止``), stated days (``公示5个工作日``), level (中级/初级),
  the number of applicants named on the page, and the date it was signed (its last date outside the period);
- ``id-front``: the 18-digit number (only if its GB 11643 check digit holds), birth date and gender;
- ``commitment``: how closely the mandated sentence is matched (0–1), and from the image: ink after the
  signature label, red finger-print-sized blobs (none on a greyscale scan: the mark is then unknown).

Text is normalised first: full-width digits and punctuation (NFKC), Chinese numerals in years, dates and hours.
"""

from __future__ import annotations

import difflib
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
RESULTS = ("基本合格", "不合格", "优秀", "合格", "基本称职", "不称职", "称职")
READERS = ("ce-certificate", "appraisal", "publicity", "id-front", "commitment")
# the sentence 附件3 asks the applicant to write by hand (the checklist may give another)
COMMITMENT = "本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致"


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


def _date(m: re.Match[str]) -> date | None:
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


def _agreeing(name: str, page: PageText, found: list[tuple[Any, tuple[int, int]]]) -> list[Field]:
    """One field when every candidate says the same; none when they disagree (never a guess)."""
    values = {v for v, _ in found}
    if len(values) != 1:
        return []
    value, span = found[0]
    conf = min(page.field(name, v, s)["conf"] for v, s in found)
    return [{**page.field(name, value, span), "conf": conf}]


def _year(text: str) -> int | None:
    y = cn_number(text)
    return y if y and 1950 <= y <= 2100 else None


# ---- whose document: names and ID numbers visible on a personal document --------------------------------------
NOT_NAMES = ("该", "此", "上述", "本", "各", "下列", "有关", "以上", "全体", "广大", "申报")
NAME_LABEL = re.compile(r"姓名[:：]?([\u4e00-\u9fff·]{2,5})")
NAME_BEFORE = re.compile(r"(?:^|现对|兹有|兹证明|证明|对)([\u4e00-\u9fff·]{2,4}?)同志")
NOT_IN_NAMES = set("对该此于的之如请各本其现兹有证明经")  # a 'name' with one of these is a phrase (如对该同志)
ID_SEEN = re.compile(r"(?<![\dA-Z*])(\d{6}[\d*]{8}[\d*]{3}[\dX*])(?![\dA-Z*])")
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
        if sum(c.isdigit() for c in m.group(1)) >= 8:  # enough digits shown to tell one person from another
            out.append(page.field("id_seen", m.group(1), m.span(1)))
    return out


# ---- continuing education -------------------------------------------------------------------------------------
SUBJECTS = {"公需": "公需", "专业科目": "专业", "专业课": "专业"}
HOURS = re.compile(rf"({NUM}(?:\.\d+)?)(学时|课时)")
CREDITS = re.compile(rf"({NUM}(?:\.\d+)?)学分")
RATE = re.compile(rf"(?:1|一|每)学分(?:=|等于|折合|折算|计|为|相当于)+({NUM})(?:个)?(?:学时|课时)")
TOTAL_WORDS = ("完成", "累计", "共计", "合计", "获得", "取得", "共", "计")


def read_ce(page: PageText) -> list[Field]:
    text, out = page.text, []
    strong = [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年度", text) if (y := _year(m.group(1)))]
    strong += [(y, m.span(1)) for m in re.finditer(rf"(?:学习|培训|继续教育)年度[:：]?({YEAR})", text)
               if (y := _year(m.group(1)))]
    if not strong:  # '2021年继续教育…' without 度: a year followed by something other than a month
        strong = [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年(?!{NUM}月)(?=.{{0,12}}(?:继续教育|公需|专业))", text)
                  if (y := _year(m.group(1)))]
    out += _agreeing("year", page, strong)
    subjects = [(s, m.span()) for key, s in SUBJECTS.items() for m in re.finditer(key, text)]
    kinds = {s for s, _ in subjects}
    if len(kinds) == 1:
        out += _agreeing("subject", page, subjects)
    hours = []
    rate = RATE.search(text)
    for m in HOURS.finditer(text):
        n = cn_number(m.group(1)) if "." not in m.group(1) else float(m.group(1))
        before = text[max(0, m.start() - 4):m.start()]
        if rate and rate.start() <= m.start() < rate.end():
            continue  # '1学分=3学时' is the rate, not the hours
        if n and 0 < n < 1000 and not re.search(r"(?:不少于|不低于|至少|要求|应|须)$", before):
            hours.append((n, m.span(), any(w in before for w in TOTAL_WORDS)))
    if not hours:  # a table: the label in one cell, the number in the next (学时 | 20)
        hours = [(n, m.span(1), True) for m in re.finditer(r"(?:学时|课时)(?:数)?[|:：]*(\d{1,3})(?![\d年月日.])", text)
                 if (n := int(m.group(1))) and 0 < n < 1000]
    if not hours:
        credits = [(cn_number(m.group(1)), m.span()) for m in CREDITS.finditer(text)
                   if not (rate and rate.start() <= m.start() < rate.end())]
        if rate and credits and cn_number(rate.group(1)):
            r = cn_number(rate.group(1))
            hours = [(c * r, span, True) for c, span in credits if c]
    if len(kinds) <= 1 and hours:
        totals = [h for h in hours if h[2]] or hours
        found = _agreeing("hours", page, [(n, s) for n, s, _ in totals])
        for f in found:
            f["subject"] = next(iter(kinds)) if kinds else None
        out += found
    elif len(kinds) == 2:  # one page with both subjects: the hours written right after each subject
        for m in re.finditer(rf"(公需|专业)(?:科目|课)?[^0-9{CN}]{{0,8}}?({NUM})(?:学时|课时)", text):
            n = cn_number(m.group(2))
            if n:
                out.append(page.field("hours", n, m.span(), subject=SUBJECTS.get(m.group(1), "专业")))
    return out


# ---- annual appraisal -----------------------------------------------------------------------------------------
RESULT_RE = "|".join(RESULTS)
BOXES = "□☐〇口"        # an empty box as printed (OCR reads it as 口 too)
TICKS = "☒☑√■✓✔✗✘▣"  # a box ticked, crossed or filled


def read_appraisal(page: PageText) -> list[Field]:
    text, out = page.text, []
    bracket = [(y, m.span(1)) for m in re.finditer(rf"[(（]({YEAR})年度[)）]", text) if (y := _year(m.group(1)))]
    years = bracket or [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年度", text) if (y := _year(m.group(1)))]
    out += _agreeing("year", page, years)
    boxes = [m for m in re.finditer(rf"([{BOXES}{TICKS}])({RESULT_RE})|({RESULT_RE})([{BOXES}{TICKS}])", text)]
    if len(boxes) >= 2:  # a form of boxes: the result is the one ticked, never the first one printed
        ticked = [(m.group(2), m.span(2)) if m.group(1) else (m.group(3), m.span(3)) for m in boxes
                  if (m.group(1) or m.group(4)) in TICKS]
        out += _agreeing("result", page, ticked)
        return out
    results = [(m.group(2), m.span(2))
               for m in re.finditer(rf"(考核等次|考核结果|考核结论|等次|等级)[^优合基不称]{{0,8}}?({RESULT_RE})", text)]
    out += _agreeing("result", page, results)
    return out


# ---- publicity and its result ---------------------------------------------------------------------------------
RANGE = re.compile(rf"(?:从|自|于)?({DATE.pattern})起?(?:至|到|—|-|~|－)+(?:({DATE.pattern})|({SHORT_DATE.pattern})|"
                   rf"(\d{{1,2}})\.(\d{{1,2}})(?![\d.]))止?")  # the end may be written 9月7日 or 9.7


def read_publicity(page: PageText) -> list[Field]:
    text, out = page.text, []
    ranges = []
    for m in RANGE.finditer(text):
        start = _date(DATE.match(m.group(1)))  # type: ignore[arg-type]
        if m.group(8):
            end = _date(DATE.match(m.group(8)))  # type: ignore[arg-type]
        else:
            sm = SHORT_DATE.match(m.group(15)) if m.group(15) else None
            month_day = (cn_number(sm.group(1)), cn_number(sm.group(2))) if sm else (m.group(18), m.group(19))
            try:
                end = date(start.year, int(month_day[0]), int(month_day[1])) if start and month_day[0] else None
            except (ValueError, TypeError):
                end = None
        if start and end and start <= end:
            ranges.append(((start.isoformat(), end.isoformat()), m.span()))
    period = _agreeing("period", page, ranges)
    out += period
    # 'N个工作日' counts working days; 'N天' (the wording of 附件2's template) counts calendar days
    days = [((cn_number(m.group(1)), m.group(2)), m.span(1))
            for m in re.finditer(rf"公示(?:期|时间)?(?:为)?({NUM})(?:个)?(工作日|天)", text)]
    stated = _agreeing("days", page, [d for d in days if d[0][0]])
    for f in stated:
        f["value"], f["unit"] = f["value"][0], f["value"][1]
    out += stated
    levels = [(m.group(1), m.span()) for m in re.finditer(r"(中级|初级|副高级|正高级|高级)(?:专业技术|职称|任职资格)", text)]
    out += _agreeing("level", page, levels)
    # applicants named: 'X同志' (not 该/此/上述同志) and ID numbers (masked or not); names themselves are covered
    comrades = [m for m in re.finditer(r"(?<![该此上述各])同志", text)]
    ids = re.findall(r"\d{6}(?:\d{8}|[*]{4,8}\d{0,4}|\d{4}[*]+)[\dX*]{2,4}", text)
    count = max(len(comrades), len(set(ids)))
    if count:
        out.append(page.field("applicants", count, comrades[0].span() if comrades else (0, 0)))
    inside = [span for _, span in ranges]
    signed = [(d, m.span()) for m in DATE.finditer(text)
              if (d := _date(m)) and not any(a <= m.start() < b for a, b in inside)]
    if signed:
        d, span = signed[-1]
        out.append(page.field("signed", d.isoformat(), span))
    return out


# ---- ID card (photo side) -------------------------------------------------------------------------------------
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_ok(number: str) -> bool:
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    return "10X98765432"[sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True)) % 11] == number[17]


def read_id_front(page: PageText) -> list[Field]:
    text, out = page.text.upper(), []
    numbers = [(m.group(1), m.span(1)) for m in re.finditer(r"(?<!\d)(\d{17}[\dX])(?!\d)", text)
               if id_check_ok(m.group(1))]
    out += _agreeing("id_number", page, numbers)
    births = [(d.isoformat(), m.span()) for m in re.finditer(rf"出生({DATE.pattern})", text)
              if (d := _date(DATE.match(m.group(1))))]  # type: ignore[arg-type]
    out += _agreeing("birth", page, births)
    genders = [(m.group(1), m.span(1)) for m in re.finditer(r"性别([男女])", text)]
    out += _agreeing("gender", page, genders)
    return out


# ---- commitment ---------------------------------------------------------------------------------------------------
SIGN_LABEL = re.compile(r"(承诺人|签字|签名)")


def read_commitment(page: PageText, sentence: str = COMMITMENT) -> list[Field]:
    target = normalise(sentence)
    text = page.text
    if not text or not target:
        return []
    best, best_span = 0.0, (0, 0)
    step = max(1, len(target) // 8)
    for start in range(0, max(1, len(text) - len(target) // 2), step):
        window = text[start:start + len(target) + 4]
        ratio = difflib.SequenceMatcher(None, target, window, autojunk=False).ratio()
        if ratio > best:
            best, best_span = ratio, (start, start + len(window))
    return [page.field("sentence", round(best, 3), best_span)]


def read_page_fields(ocr_page: PageReading, document: str, options: dict[str, Any] | None = None
                     ) -> list[Field]:
    """The fields of one OCR'd page for one reader."""
    page = PageText([ln for ln in ocr_page.get("lines", []) if ln.get("t")], ocr_page.get("page"))
    if not page.text:
        return []
    if document == "ce-certificate":
        return read_ce(page) + read_people(page)
    if document == "appraisal":
        return read_appraisal(page) + read_people(page)
    if document == "publicity":
        return read_publicity(page) + read_people(page)
    if document == "id-front":
        return read_id_front(page)
    if document == "commitment":
        return read_commitment(page, (options or {}).get("sentence") or COMMITMENT)
    return []


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
