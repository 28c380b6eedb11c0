"""Continuing-education certificates: year (``2021年度``, ``学习年度：2021``, ``二〇二一年度``), subject (公需/专业)
and hours (``30学时``, ``三十课时``, ``8学分`` where the page states ``1学分=N学时``); and the people named on it."""

from __future__ import annotations

import re
from typing import Any

from dossiercheck.facts import Field
from dossiercheck.inspect.fields import CN, NUM, YEAR, PageText, agreeing, cn_number, read_people, year_of

DOCUMENT = "ce-certificate"
VERSION = 2  # bump when what read() returns changes: this reader's cached pages are then read again
FIELDS = ("year", "subject", "hours")  # what an item's ``reads: fields:`` may ask of it


def read(page: PageText, options: dict[str, Any]) -> list[Field]:
    return read_ce(page) + read_people(page)


SUBJECTS = {"公需": "公需", "专业科目": "专业", "专业课": "专业"}
HOURS = re.compile(rf"({NUM}(?:\.\d+)?)(学时|课时)")
CREDITS = re.compile(rf"({NUM}(?:\.\d+)?)学分")
RATE = re.compile(rf"(?:1|一|每)学分(?:=|等于|折合|折算|计|为|相当于)+({NUM})(?:个)?(?:学时|课时)")
TOTAL_WORDS = ("完成", "累计", "共计", "合计", "获得", "取得", "共", "计")


def read_ce(page: PageText) -> list[Field]:
    text, out = page.text, []
    strong = [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年度", text) if (y := year_of(m.group(1)))]
    strong += [(y, m.span(1)) for m in re.finditer(rf"(?:学习|培训|继续教育)年度[:：]?({YEAR})", text)
               if (y := year_of(m.group(1)))]
    if not strong:  # '2021年继续教育…' without 度: a year followed by something other than a month
        strong = [(y, m.span(1)) for m in re.finditer(rf"({YEAR})年(?!{NUM}月)(?=.{{0,12}}(?:继续教育|公需|专业))", text)
                  if (y := year_of(m.group(1)))]
    out += agreeing("year", page, strong)
    subjects = [(s, m.span()) for key, s in SUBJECTS.items() for m in re.finditer(key, text)]
    kinds = {s for s, _ in subjects}
    if len(kinds) == 1:
        out += agreeing("subject", page, subjects)
    hours = []
    rate = RATE.search(text)
    for m in HOURS.finditer(text):
        n = cn_number(m.group(1)) if "." not in m.group(1) else float(m.group(1))
        before = text[max(0, m.start() - 4):m.start()]
        if rate and rate.start() <= m.start() < rate.end():
            continue  # '1学分=3学时' is the rate, not the hours
        if n and 0 < n < 1000 and not re.search(r"(?:不少于|不低于|至少|要求|应|须)$", before):
            hours.append((n, m.span(), any(w in before for w in TOTAL_WORDS)))
    if not hours:  # a table: the label in one cell, the number in the next (学时 | 20; 学时 | 20学分 is credits)
        hours = [(n, m.span(1), True) for m in re.finditer(r"(?:学时|课时)(?:数)?[|:：]*(\d{1,3})(?![\d年月日.]|学分)", text)
                 if (n := int(m.group(1))) and 0 < n < 1000]
    if not hours:
        credits = [(cn_number(m.group(1)), m.span()) for m in CREDITS.finditer(text)
                   if not (rate and rate.start() <= m.start() < rate.end())]
        if rate and credits and cn_number(rate.group(1)):
            r = cn_number(rate.group(1))
            hours = [(c * r, span, True) for c, span in credits if c]
    if len(kinds) <= 1 and hours:
        totals = [h for h in hours if h[2]] or hours
        found = agreeing("hours", page, [(n, s) for n, s, _ in totals])
        for f in found:
            f["subject"] = next(iter(kinds)) if kinds else None
        out += found
    elif len(kinds) == 2:  # one page with both subjects: the hours written right after each subject
        for m in re.finditer(rf"(公需|专业)(?:科目|课)?[^0-9{CN}]{{0,8}}?({NUM})(?:学时|课时)", text):
            n = cn_number(m.group(2))
            if n:
                out.append(page.field("hours", n, m.span(), subject=SUBJECTS.get(m.group(1), "专业")))
    return out
