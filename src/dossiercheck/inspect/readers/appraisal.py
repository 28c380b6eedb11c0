"""Annual appraisal forms: year (``（2021年度）``) and result (优秀/合格/基本合格/不合格, read next to
考核等次/考核结果, or the ticked box of a form of boxes); and the people named on it."""

from __future__ import annotations

import re
from typing import Any

from dossiercheck.facts import Field
from dossiercheck.inspect.fields import YEAR, PageText, agreeing, read_people, year_of

DOCUMENT = "appraisal"
VERSION = 1  # bump when what read() returns changes: this reader's cached pages are then read again
FIELDS = ("year", "result")  # what an item's ``reads: fields:`` may ask of it
RESULTS = ("基本合格", "不合格", "优秀", "合格", "基本称职", "不称职", "称职")


def read(page: PageText, options: dict[str, Any]) -> list[Field]:
    return read_appraisal(page) + read_people(page)


RESULT_RE = "|".join(RESULTS)
BOXES = "□☐〇口"        # an empty box as printed (OCR reads it as 口 too)
TICKS = "☒☑√■✓✔✗✘▣"  # a box ticked, crossed or filled


def read_appraisal(page: PageText) -> list[Field]:
    text, out = page.text, []
    bracket = [(y, m.span(1)) for m in re.finditer(rf"[(（]({YEAR})年度[)）]", text) if (y := year_of(m.group(1)))]
    years = bracket or [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年度", text) if (y := year_of(m.group(1)))]
    out += agreeing("year", page, years)
    boxes = [m for m in re.finditer(rf"([{BOXES}{TICKS}])({RESULT_RE})|({RESULT_RE})([{BOXES}{TICKS}])", text)]
    if len(boxes) >= 2:  # a form of boxes: the result is the one ticked, never the first one printed
        ticked = [(m.group(2), m.span(2)) if m.group(1) else (m.group(3), m.span(3)) for m in boxes
                  if (m.group(1) or m.group(4)) in TICKS]
        out += agreeing("result", page, ticked)
        return out
    results = [(m.group(2), m.span(2))
               for m in re.finditer(rf"(考核等次|考核结果|考核结论|等次|等级)[^优合基不称]{{0,8}}?({RESULT_RE})", text)]
    out += agreeing("result", page, results)
    return out
