"""Publicity (公示 and 公示结果): period (``从…起至…止``), stated days (``公示5个工作日``), level (中级/初级), the
number of applicants named on the page, the date it was signed (its last date outside the period); and the people
named on it."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from dossiercheck.facts import Field
from dossiercheck.inspect.fields import DATE, NUM, SHORT_DATE, PageText, agreeing, cn_number, date_of, read_people

DOCUMENT = "publicity"
VERSION = 1  # bump when what read() returns changes: this reader's cached pages are then read again
FIELDS = ("period", "days", "level", "applicants", "signed")  # what an item's ``reads: fields:`` may ask of it


def read(page: PageText, options: dict[str, Any]) -> list[Field]:
    return read_publicity(page) + read_people(page)


RANGE = re.compile(rf"(?:从|自|于)?({DATE.pattern})起?(?:至|到|—|-|~|－)+(?:({DATE.pattern})|({SHORT_DATE.pattern})|"
                   rf"(\d{{1,2}})\.(\d{{1,2}})(?![\d.]))止?")  # the end may be written 9月7日 or 9.7


def read_publicity(page: PageText) -> list[Field]:
    text, out = page.text, []
    ranges = []
    for m in RANGE.finditer(text):
        start = date_of(DATE.match(m.group(1)))  # type: ignore[arg-type]
        if m.group(8):
            end = date_of(DATE.match(m.group(8)))  # type: ignore[arg-type]
        else:
            sm = SHORT_DATE.match(m.group(15)) if m.group(15) else None
            month_day = (cn_number(sm.group(1)), cn_number(sm.group(2))) if sm else (m.group(18), m.group(19))
            try:
                end = date(start.year, int(month_day[0]), int(month_day[1])) if start and month_day[0] else None
            except (ValueError, TypeError):
                end = None
        if start and end and start <= end:
            ranges.append(((start.isoformat(), end.isoformat()), m.span()))
    period = agreeing("period", page, ranges)
    out += period
    # 'N个工作日' counts working days; 'N天' (the wording of 附件2's template) counts calendar days
    days = [((cn_number(m.group(1)), m.group(2)), m.span(1))
            for m in re.finditer(rf"公示(?:期|时间)?(?:为)?({NUM})(?:个)?(工作日|天)", text)]
    stated = agreeing("days", page, [d for d in days if d[0][0]])
    for f in stated:
        f["value"], f["unit"] = f["value"][0], f["value"][1]
    out += stated
    levels = [(m.group(1), m.span()) for m in re.finditer(r"(中级|初级|副高级|正高级|高级)(?:专业技术|职称|任职资格)", text)]
    out += agreeing("level", page, levels)
    # applicants named: 'X同志' (not 该/此/上述同志) and ID numbers (masked or not); names themselves are covered
    comrades = [m for m in re.finditer(r"(?<![该此上述各])同志", text)]
    ids = re.findall(r"\d{6}(?:\d{8}|[*]{4,8}\d{0,4}|\d{4}[*]+)[\dX*]{2,4}", text)
    count = max(len(comrades), len(set(ids)))
    if count:
        out.append(page.field("applicants", count, comrades[0].span() if comrades else (0, 0)))
    inside = [span for _, span in ranges]
    signed = [(d, m.span()) for m in DATE.finditer(text)
              if (d := date_of(m)) and not any(a <= m.start() < b for a, b in inside)]
    if signed:
        d, span = signed[-1]
        out.append(page.field("signed", d.isoformat(), span))
    return out
