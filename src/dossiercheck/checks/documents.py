"""Documents: what the pages say, against the file name, the folder, the profile and the notice.

The inspection reads fields off each page's OCR text (inspect/fields.py) for the items whose checklist entry has
``reads:`` (which reader, which fields, and the notice's numbers: hours, working days). Read:

- 继续教育证书: the year (``2021年度``, ``学习年度：2021``, ``二〇二一年度``), 公需/专业, and the hours (``30学时``,
  ``三十课时``, ``学分`` only where the page says how many 学时 one 学分 is);
- 年度考核登记表: the year (``（2021年度）``) and the result next to 考核等次 (优秀/合格/基本合格/不合格);
- 推荐单位公示 / 公示结果: 公示时间 从…起至…止, the days it states, 中级/初级, how many applicants it names, and the
  date the result was signed; working days are counted with the ``chinesecalendar`` package (holidays and the
  调休 make-up working days);
- 身份证人像面: the 18-digit number (only when its GB 11643 check digit holds), birth date and gender;
- 个人承诺书: the mandated sentence (fuzzy match), ink after 承诺人（签字）, and a red finger-print (images only: a
  PDF's commitment gets no verdict on signature or finger-print).

PDF text layers are read like OCR lines. Each finding's evidence carries what was read (``read``), where
(``bbox`` in the stored image's pixels, ``page``) and how sure the engine was (``confidence``); ID numbers only masked.

Checkbox forms (□优秀 ☒合格 …) are read by the ticked box. "公示N天" (附件2's own wording) counts calendar days,
"N个工作日" working days. A result dated the publicity's last day is not early; one dated before it is, unless one
digit of its day, read as a digit OCR often takes it for (6↔8, 3↔8, 1↔7 …), would date it on or after the end AND
its line was read less surely than the page's other lines (their median): then the date is in doubt and D122
abstains.

It abstains, never guesses: a field read with less than ``field_min_confidence`` (0.9) recognition confidence, a
page whose candidates disagree (two different years), a number whose check digit fails, hours of a year where one
certificate could not be read, a greyscale scan (no verdict on the red finger-print) — each gives no finding.

- D101 year on a continuing-education certificate ≠ the year in its file name;
- D102 公需 certificate in the 专业 folder, or the other way round;
- D103 hours of one year and subject (certificates of one year add up) below the notice's (公需 30, 专业 60 课时/年);
- D111 appraisal form's year ≠ its file name's year;
- D112 appraisal result on the form ≠ applicant.yaml ``appraisals``;
- D113 the form shows 基本合格 (顺延1年) or 不合格 (顺延2年): the year the application is postponed to;
- D121 publicity shorter than the notice's working days (不少于5个工作日);
- D122 the result (附件2) is dated before the publicity ends;
- D123 the result gives another period than the publicity; D124 a page states a number of days that the
  calendar does not give;
- D125 level on the page (中级/初级) ≠ applicant.yaml ``level``;
- D126 one page names several applicants (一人一公示);
- D127 the publicity ends on or after the online deadline (a warning: the notice does not say so, it is inferred
  from the schedule; a checklist opts in to an error with ``severity: {D127: error}``);
- D128 the period (从…起至…止) could not be read: its length and dates go unchecked, and the report says so;
- D151 a personal document (certificate, appraisal, publicity) names someone who is not the applicant; D152 it
  shows an ID number (whole or masked) whose visible digits are not the applicant's (both shown masked);
- D131/D132/D133 ID number, birth date, gender on the card ≠ applicant.yaml (numbers shown masked);
- D141 the commitment lacks the mandated sentence; D142 no signature; D143 no red finger-print (warning).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from dossiercheck.checks import Context
from dossiercheck.checks._slots import years_in
from dossiercheck.facts import Field, FileFacts, readings
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.geometry import to_original
from dossiercheck.i18n import Text
from dossiercheck.profile import mask_id, mask_name

E, W = Severity.ERROR, Severity.WARNING
FAM = "documents"
FAMILIES = (Family(FAM, Text("页面内容不符", "page mismatches")),)
SETTINGS = {
    "reads": {
        "type": "object",
        "description": "what to read off the item's pages (inspect/fields.py) and what the documents check compares",
        "required": ["document", "fields"],
        "additionalProperties": False,
        "properties": {
            "document": {"$ref": "#/$defs/reader", "description": "the reader for the item's pages (inspect/readers/)"},
            "fields": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"$ref": "#/$defs/reader_field"},
                       "description": "the fields checked on this item's pages; a field not listed is not checked"},
            "subject": {"enum": ["公需", "专业"], "description": "continuing education: the subject of the folder"},
            "min_hours": {"type": "object", "propertyNames": {"enum": ["公需", "专业"]},
                          "additionalProperties": {"type": "number", "minimum": 0},
                          "description": "continuing education: hours a year per subject (one year's certificates add up)"},
            "min_workdays": {"type": "integer", "minimum": 1, "description": "publicity: at least this many working days"},
            "result_of": {"type": "string", "description": "publicity result: the id of the publicity item"},
            "sentence": {"$ref": "#/$defs/text", "description": "commitment: the sentence the applicant writes"},
        },
    },
}
THRESHOLDS = {
    "field_min_confidence": 0.9,    # recognition confidence below which a field is not judged
    "commitment_min_match": 0.7,    # share of the mandated sentence found on the page
    "commitment_min_reading": 0.9,  # page reading confidence needed before the sentence is judged absent
    "signature_min_ink": 0.03,      # share of dark pixels after the signature label
}


def _c(code: str, sev: Severity, title: Text, message: Text, hint: Text) -> Code:
    return Code(code, FAM, sev, title, message, hint, ocr=True)


RENAME = Text("核对证书内容；放错的文件换成正确的，或按证书内容改文件名。",
              "Check the page; replace a wrong file, or rename it after what the page says.")
RENAME_FORM = Text("核对考核表上的年度；放错的文件换成正确年度的考核表，或按考核表上的年度改文件名。",
                   "Check the year on the appraisal form; replace a wrong file with the right year's form, or rename "
                   "it after the year the form gives.")
PROFILE_FIX = Text("以原件为准：改正 applicant.yaml（及平台填报内容），或换上正确的扫描件。",
                   "The original decides: correct applicant.yaml (and the platform), or upload the right scan.")
PUBLICITY_FIX = Text("按附件1、附件2模板重新公示并出具结果：一人一公示，{least}结果在公示期满后出具。",
                     "Redo the publicity after annexes 1 and 2: one applicant per notice, {least}the result dated "
                     "after it ends.")
# {least} of PUBLICITY_FIX, from the checklist's min_workdays (empty for a checklist that sets none)
AT_LEAST = Text("公示期不少于{n}个工作日，", "at least {n} working days, ")
CODES = (
    _c("D101", E, Text("证书年份与文件名不符", "certificate year vs file name"),
       Text("{file} 上写的是 {read} 年度，文件名是 {named} 年", "{file} says {read}, its name says {named}"), RENAME),
    _c("D102", E, Text("继续教育科目放错", "wrong subject"),
       Text("{file} 是{read}科目证书，却放在{expected}科目中", "{file} is a {read} certificate filed as {expected}"),
       RENAME),
    _c("D103", E, Text("继续教育学时不足", "too few hours"),
       Text("{year} 年{subject}科目共 {hours} 学时（{files}），通知要求每年 {min} 课时",
            "{year} {subject} courses: {hours} hours ({files}); the notice asks {min} a year"),
       Text("补齐当年学时的合格证书（同一年的多张证书合计）。",
            "Add the certificates that make up the year's hours (certificates of one year add up).")),
    _c("D111", E, Text("考核表年份与文件名不符", "appraisal year vs file name"),
       Text("{file} 是 {read} 年度考核表，文件名是 {named} 年", "{file} is the {read} appraisal, its name says {named}"),
       RENAME_FORM),
    _c("D112", E, Text("考核结果与申报信息不符", "appraisal result vs profile"),
       Text("{file} 上 {year} 年度考核等次为“{read}”，applicant.yaml 填的是“{profile}”",
            "{file}: the {year} appraisal reads '{read}', applicant.yaml says '{profile}'"), PROFILE_FIX),
    # an error: a finding that says the applicant may not apply this year cannot sit beside 通过
    _c("D113", E, Text("考核结果须顺延申报", "appraisal postpones"),
       Text("{file} 上 {year} 年度考核为“{read}”：按通知顺延 {delay} 年，最早 {until} 年可申报",
            "{file}: the {year} appraisal is '{read}'; the notice postpones {delay} year(s): apply from {until}"),
       Text("每出现1次基本合格顺延1年、不合格顺延2年申报；核对今年是否符合申报条件。",
            "Each 基本合格 postpones one year, each 不合格 two; check you may apply this year.")),
    _c("D121", E, Text("公示期不足", "publicity too short"),
       Text("{file} 公示 {start} 至 {end}，只有 {days} 个工作日，通知要求不少于 {min} 个",
            "{file}: publicity {start} to {end} is {days} working days; the notice asks at least {min}"), PUBLICITY_FIX),
    _c("D122", E, Text("公示结果早于公示期满", "result before publicity ends"),
       Text("{file} 落款 {signed}，但公示到 {end} 才结束", "{file} is dated {signed}, but the publicity ends {end}"),
       PUBLICITY_FIX),
    _c("D123", E, Text("公示结果与公示时间不一致", "result vs publicity dates"),
       Text("{file} 写公示 {read}，公示页上是 {expected}", "{file} gives {read}; the publicity says {expected}"),
       PUBLICITY_FIX),
    _c("D124", W, Text("公示天数写错", "days stated wrongly"),
       Text("{file} 写公示 {stated} 个工作日，{start} 至 {end} 实为 {days} 个工作日",
            "{file} states {stated} working days; {start} to {end} has {days}"), PUBLICITY_FIX),
    _c("D125", E, Text("申报级别不符", "level vs profile"),
       Text("{file} 上写的是{read}，applicant.yaml 申报的是{profile}", "{file} says {read}; applicant.yaml applies for {profile}"),
       PROFILE_FIX),
    _c("D126", E, Text("不是一人一公示", "several applicants on one notice"),
       Text("{file} 上有 {n} 名申报人，通知要求一人一公示", "{file} names {n} applicants; one notice per applicant"),
       PUBLICITY_FIX),
    # a warning: the notice never says the publicity must end before the online deadline; it is inferred from the
    # schedule (the result, 附件2, is uploaded with the dossier). A checklist opts in with severity: {D127: error}
    _c("D127", W, Text("公示结束晚于网上申报截止", "publicity ends after deadline"),
       Text("{file} 公示到 {end}，网上申报 {deadline} 截止", "{file}: publicity ends {end}; online submission closes {deadline}"),
       PUBLICITY_FIX),
    _c("D128", W, Text("未能读出公示期", "publicity period not read"),
       Text("未能读出 {file} 上的公示期（从…起至…止），公示天数和日期没有核对",
            "Could not read the period on {file} (从…起至…止); its length and dates were not checked"),
       Text("核对公示期写明起止日期、扫描清晰；如无误可忽略此提示。",
            "Check that the page states the start and end dates legibly; if it does, ignore this.")),
    _c("D151", E, Text("像是别人的材料", "another person's document"),
       Text("{file} 上的姓名是“{read}”，不是申报人（{profile}）：这像是别人的{doc}",
            "{file} names '{read}', not the applicant ({profile}): this looks like another person's {doc}"),
       Text("换上本人的材料（本人姓名按要求遮盖）。", "Upload your own document (with your name covered as required).")),
    _c("D152", E, Text("身份证号不是申报人的", "another person's ID number"),
       Text("{file} 上的身份证号 {read} 与 applicant.yaml 的 {profile} 不符：这像是别人的{doc}",
            "{file} shows ID number {read}, applicant.yaml has {profile}: this looks like another person's {doc}"),
       Text("换上本人的材料；如 applicant.yaml 填错，改正它。", "Upload your own document, or correct applicant.yaml.")),
    _c("D131", E, Text("身份证号与申报信息不符", "ID number vs profile"),
       Text("{file} 上的号码是 {read}，applicant.yaml 是 {profile}", "{file} shows {read}; applicant.yaml has {profile}"),
       PROFILE_FIX),
    _c("D132", E, Text("出生日期不符", "birth date vs profile"),
       Text("{file} 上出生日期 {read}，身份证号为 {profile}", "{file} shows birth {read}; the ID number says {profile}"),
       PROFILE_FIX),
    _c("D133", E, Text("性别不符", "gender vs profile"),
       Text("{file} 上性别“{read}”，applicant.yaml 是“{profile}”", "{file} shows '{read}'; applicant.yaml has '{profile}'"),
       PROFILE_FIX),
    _c("D141", E, Text("承诺语不全", "commitment sentence missing"),
       Text("{file} 上没有找到通知规定的承诺语（相似度 {ratio}）", "{file}: the mandated sentence is not found (match {ratio})"),
       Text("按附件3手写：“本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致。”",
            "Write the sentence of annex 3 by hand.")),
    _c("D142", W, Text("承诺书未见签字", "no signature"),
       Text("{file} 的“承诺人（签字）”后面是空白", "{file}: nothing after the signature label"),
       Text("本人手写签字后重新扫描。", "Sign by hand and scan again.")),
    _c("D143", W, Text("承诺书未见红手印", "no red finger-print"),
       Text("{file} 上没有找到红色手印", "{file}: no red finger-print found"),
       Text("按手印后彩色扫描；如已按手印可忽略。", "Press a red finger-print and scan in colour; ignore if present.")),
)

POSTPONE = {"基本合格": 1, "基本称职": 1, "不合格": 2, "不称职": 2}


class Page:
    """The confident fields of one file, by name (a field read below the threshold is left out)."""

    def __init__(self, facts: FileFacts, min_conf: float, file: Any = None, item: Any = None) -> None:
        self.facts, self.file, self.item = facts, file, item
        self.by: dict[str, list[Field]] = defaultdict(list)
        for f in facts.get("fields") or []:
            if f.get("conf", 0.0) >= min_conf:
                self.by[f["field"]].append(f)

    def one(self, name: str) -> Field | None:
        """The field if every page of the file agrees on it, else None."""
        found = self.by.get(name) or []
        values = {_key(f["value"]) for f in found}
        return found[0] if len(values) == 1 else None

    def evidence(self, f: Field, **extra: Any) -> dict[str, Any]:
        ev = {"read": f["read"], "page": f.get("page"), "confidence": f.get("conf"), **extra}
        ocr = next((p for p in readings(self.facts) if p.get("page") == f.get("page")), None)
        if f.get("bbox") and ocr and ocr.get("frame"):
            fr = ocr["frame"]
            ev["bbox"] = to_original(f["bbox"], ocr.get("rotation") or 0, fr["scale"], fr["width"], fr["height"],
                                     ocr.get("flat"))  # a photographed page: through its sheet's corners
        return ev

    def finding(self, code: str, f: Field, args: dict[str, Any], **evidence: Any) -> Finding:
        """A finding on this file about one field read off it: where it was read, how surely, and ``evidence``
        (a ``read`` there replaces what was read, e.g. masked)."""
        return Finding(code, item=self.item.id, file=self.file.rel, page=f.get("page"),
                       args={"file": self.file.rel, **args}, evidence=self.evidence(f, **evidence))


SUBJECT_EN = {"公需": "public (公需)", "专业": "professional (专业)"}


def _word(value: str) -> Text | str:
    """A subject or a level as the page says it, glossed in English: 公需 → public (公需), 中级 → intermediate (中级)."""
    from dossiercheck.messages import CATALOGUE, phrase

    key = f"terminal.level_name.{value}"
    if key in CATALOGUE:
        return Text(value, phrase(key).en)
    return Text(value, SUBJECT_EN[value]) if value in SUBJECT_EN else value


def _span(period: list[str]) -> Text:
    return Text("至".join(period), " to ".join(period))


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _named_year(name: str) -> int | None:
    years = years_in(name)
    return next(iter(years)) if len(years) == 1 else None


def _workdays(start: date, end: date) -> int | None:
    """Working days from start to end, both included, by the official calendar (None outside its years)."""
    import chinese_calendar

    try:
        return len(chinese_calendar.get_workdays(start, end))
    except NotImplementedError:
        return None


def _pages(ctx: Context, document: str, min_conf: float):
    for f, item, facts in ctx.inspected():
        reads = item.setting("reads") if item is not None else None
        if reads and reads.get("document") == document and ctx.applies(item) and facts.get("fields") is not None:
            yield f, item, reads, Page(facts, min_conf, f, item)


def _ce(ctx: Context, min_conf: float) -> Iterable[Finding]:
    groups: dict[tuple[int, str], list[tuple[Any, Any, dict[str, Any] | None]]] = defaultdict(list)
    minimum: dict[str, tuple[float, str]] = {}
    for f, item, reads, page in _pages(ctx, "ce-certificate", min_conf):
        wanted = reads.get("fields", [])
        named = _named_year(f.name)
        year = page.one("year")
        if "year" in wanted and year and named and year["value"] != named:
            yield page.finding("D101", year, {"read": year["value"], "named": named}, value=year["value"], named=named)
        subject = page.one("subject")
        expected = reads.get("subject")
        if "subject" in wanted and subject and expected and subject["value"] != expected:
            yield page.finding("D102", subject, {"read": _word(subject["value"]), "expected": _word(expected)},
                               value=subject["value"], expected=expected)
        for s, n in (reads.get("min_hours") or {}).items():
            minimum.setdefault(s, (n, item.id))
        if "hours" not in wanted:
            continue
        the_year = year["value"] if year else named
        kind = subject["value"] if subject else expected
        allowed = item.years(ctx.checklist.year)
        if the_year is None or kind is None or (allowed and the_year not in allowed):
            continue
        hours = [h for h in page.by.get("hours", []) if h.get("subject") in (None, kind)]
        hours_values = {h["value"] for h in hours}
        groups[(the_year, kind)].append((f, page, hours[0] if len(hours_values) == 1 else None))
    for (year, kind), certs in sorted(groups.items()):
        if kind not in minimum or any(h is None for _, _, h in certs):
            continue  # one certificate of the year not read: its hours are unknown, so is the sum
        need, item_id = minimum[kind]
        total = sum(h["value"] for _, _, h in certs)
        if total < need:
            f, page, h = certs[0]
            names = [c[0].rel for c in certs]
            yield Finding("D103", item=item_id, file=f.rel if len(certs) == 1 else None, page=h.get("page"),
                          args={"year": year, "subject": _word(kind), "hours": total, "files": names, "min": need},
                          evidence={**page.evidence(h), "hours": total, "required": need, "files": names,
                                    "per_file": [c[2]["value"] for c in certs]})


def _appraisal(ctx: Context, min_conf: float) -> Iterable[Finding]:
    profile = ctx.profile.appraisals
    delays: dict[int, tuple[str, Any, Any, dict[str, Any]]] = {}
    for f, item, reads, page in _pages(ctx, "appraisal", min_conf):
        wanted = reads.get("fields", [])
        named = _named_year(f.name)
        year = page.one("year")
        if "year" in wanted and year and named and year["value"] != named:
            yield page.finding("D111", year, {"read": year["value"], "named": named}, value=year["value"], named=named)
        result = page.one("result")
        the_year = year["value"] if year else named
        if "result" not in wanted or not result or the_year is None:
            continue
        stated = profile.get(the_year)
        if stated and stated != result["value"]:
            yield page.finding("D112", result, {"year": the_year, "read": result["value"], "profile": stated},
                               value=result["value"], profile=stated, year=the_year)
        if result["value"] in POSTPONE:
            delays.setdefault(the_year, (result["value"], f, item, page.evidence(result)))
    total = sum(POSTPONE[r] for r, *_ in delays.values())
    for year, (result, f, item, ev) in sorted(delays.items()):
        until = ctx.checklist.year + total
        yield Finding("D113", item=item.id, file=f.rel, page=ev.get("page"),
                      args={"file": f.rel, "year": year, "read": result, "delay": POSTPONE[result], "until": until},
                      evidence={**ev, "postpone_years": POSTPONE[result], "earliest": until})


def _publicity(ctx: Context, min_conf: float) -> Iterable[Finding]:
    pages = list(_pages(ctx, "publicity", min_conf))
    notices: dict[str, list[tuple[Any, dict[str, Any] | None]]] = defaultdict(list)
    for f, item, reads, page in pages:
        if not reads.get("result_of"):
            notices[item.id].append((f, page.one("period")))
    online = ctx.checklist.schedule().get("online")
    for f, item, reads, page in pages:
        wanted = reads.get("fields", [])
        period = page.one("period")
        start, end = (date.fromisoformat(period["value"][0]), date.fromisoformat(period["value"][1])) \
            if period else (None, None)
        days = _workdays(start, end) if period else None
        if period and days is not None and reads.get("min_workdays") and days < reads["min_workdays"]:
            yield page.finding("D121", period, {"start": start.isoformat(), "end": end.isoformat(), "days": days,
                                                "min": reads["min_workdays"]},
                               workdays=days, required=reads["min_workdays"])
        if "period" in wanted and not period:
            yield Finding("D128", item=item.id, file=f.rel, args={"file": f.rel},
                          evidence={"read": [x["read"] for x in page.by.get("period", [])]})
        stated = page.one("days")
        if stated and period and stated.get("unit") == "天":  # 'N天' (附件2's wording) counts calendar days
            days = (end - start).days + 1
        if "days" in wanted and period and stated and days is not None and stated["value"] != days:
            yield page.finding("D124", stated, {"stated": stated["value"], "start": start.isoformat(),
                                                "end": end.isoformat(), "days": days},
                               stated=stated["value"], workdays=days)
        if period and online and end >= online[1] and not reads.get("result_of"):
            yield page.finding("D127", period, {"end": end.isoformat(), "deadline": online[1].isoformat()},
                               deadline=online[1].isoformat())
        level = page.one("level")
        if "level" in wanted and level and level["value"] != ctx.profile.level:
            yield page.finding("D125", level, {"read": _word(level["value"]), "profile": _word(ctx.profile.level)},
                               value=level["value"], profile=ctx.profile.level)
        count = page.one("applicants")
        if "applicants" in wanted and count and count["value"] > 1:
            yield page.finding("D126", count, {"n": count["value"]}, n=count["value"])
        if not reads.get("result_of"):
            continue
        # the result reports on one of the publicity notices: the one with its dates, if any
        sources = [(nf, p) for nf, p in notices.get(reads["result_of"], []) if p]
        match = next(((nf, p) for nf, p in sources if period and _key(p["value"]) == _key(period["value"])), None)
        if match:
            end_of = date.fromisoformat(match[1]["value"][1])
        elif period:
            end_of = end
        else:
            end_of = date.fromisoformat(sources[0][1]["value"][1]) if len(sources) == 1 else None
        signed = page.one("signed")
        # a result dated the publicity's last day is not early (the notice does not ask for the next day); one
        # dated before it is, unless the date only contradicts because a digit is in doubt (see _doubtful)
        if ("signed" in wanted and signed and end_of and date.fromisoformat(signed["value"]) < end_of
                and not _doubtful(signed, end_of, page.facts)):
            yield page.finding("D122", signed, {"signed": signed["value"], "end": end_of.isoformat()},
                               publicity_end=end_of.isoformat())
        if "period" in wanted and period and sources and not match:
            nf, of = sources[0]
            yield page.finding("D123", period,
                               {"read": _span(period["value"]), "expected": _span(of["value"])},
                               publicity=list(of["value"]), publicity_file=nf.rel)


CONFUSED = {"0": "689", "1": "47", "2": "7", "3": "58", "4": "1", "5": "36", "6": "085", "7": "12", "8": "0369",
            "9": "08"}  # digits OCR takes for one another, most of all under a red seal


def _doubtful(signed: Field, end: date, facts: FileFacts) -> bool:
    """Whether a signing date that comes before ``end`` may be a misread digit: one digit of its day, read
    as a digit it is often confused with, would date it on or after ``end``, and its line was read less surely than
    the page's other lines (their median). A date read as surely as its neighbours is believed."""
    value = date.fromisoformat(signed["value"])
    text = f"{value.day:02d}"
    alternatives = []
    for i, digit in enumerate(text):  # the day's digits (a month misread would move the date too far to explain)
        for other in CONFUSED.get(digit, ""):
            t = text[:i] + other + text[i + 1:]
            try:
                alternatives.append(date(value.year, value.month, int(t)))
            except ValueError:
                continue
    if not any(a >= end for a in alternatives):
        return False
    lines = [ln for p in readings(facts) if p.get("page") == signed.get("page") for ln in p.get("lines", [])]
    others = sorted(float(ln.get("s", 0)) for ln in lines if signed["read"] not in normalise_text(ln.get("t", "")))
    if not others:
        return False
    return signed.get("conf", 1.0) < others[len(others) // 2]


def normalise_text(text: str) -> str:
    from dossiercheck.inspect.fields import normalise

    return normalise(text)


def _id_agrees(shown: str, number: str) -> bool:
    """Every digit the page shows (masked ones aside) is the applicant's: in its place; in a masked number read with
    a star more or less, the digits before the stars are the number's first, those after them its last."""
    if len(shown) == 18:
        return all(c == "*" or c == number[i] for i, c in enumerate(shown))
    if "*" not in shown:
        return False
    lead, trail = shown.split("*", 1)[0], shown.rsplit("*", 1)[1]
    return len(lead) + len(trail) <= 17 and number.startswith(lead) and number.endswith(trail)


def _whose(ctx: Context, min_conf: float) -> Iterable[Finding]:
    """Personal documents showing a name or an ID number that is not the applicant's (D151/D152). Names only
    masked; a name that shares two characters with the applicant's is taken as hers misread (no finding)."""
    profile = ctx.profile
    own = [n for n in [profile.name, *profile.name_variants] if n]
    number = (profile.id_number or "").upper()
    for document in ("ce-certificate", "appraisal", "publicity"):
        for _, item, _reads, page in _pages(ctx, document, min_conf):
            doc = item.text
            for person in {p["value"]: p for p in page.by.get("person", [])}.values():
                name = person["value"]
                if own and not any(len(set(name) & set(n)) >= min(2, len(n)) for n in own):
                    yield page.finding("D151", person, {"read": mask_name(name), "profile": mask_name(profile.name),
                                                        "doc": doc}, read=mask_name(name))
                    break
            shown_ids = {p["value"]: p for p in page.by.get("id_seen", [])}
            if len(number) != 18 or any(_id_agrees(s, number) for s in shown_ids):
                continue  # the applicant's number is there: the others are other applicants (D126's business)
            for seen in shown_ids.values():
                shown = seen["value"]
                if len(shown) == 18 or "*" in shown:
                    masked = mask_id(shown)
                    yield page.finding("D152", seen, {"read": masked, "profile": mask_id(number), "doc": doc},
                                       read=masked)
                    break


def _id_card(ctx: Context, min_conf: float) -> Iterable[Finding]:
    number = ctx.profile.id_number
    gender = ctx.profile.data.get("gender")
    for _, _, reads, page in _pages(ctx, "id-front", min_conf):
        wanted = reads.get("fields", [])
        read = page.one("id_number")
        if "id_number" in wanted and read and number and read["value"] != number.upper():
            masked = mask_id(read["value"])  # reports never show a full ID number
            yield page.finding("D131", read, {"read": masked, "profile": mask_id(number)},
                               value=masked, profile=mask_id(number), read=masked)
        birth = page.one("birth")
        if "birth" in wanted and birth and len(number) == 18:
            born = f"{number[6:10]}-{number[10:12]}-{number[12:14]}"
            if birth["value"] != born:
                yield page.finding("D132", birth, {"read": birth["value"], "profile": born},
                                   value=birth["value"], profile=born)
        sex = page.one("gender")
        if "gender" in wanted and sex and gender and sex["value"] != gender:
            yield page.finding("D133", sex, {"read": sex["value"], "profile": gender},
                               value=sex["value"], profile=gender)


def _commitment(ctx: Context, t: dict[str, float]) -> Iterable[Finding]:
    for f, item, reads, page in _pages(ctx, "commitment", 0.0):
        wanted = reads.get("fields", [])
        facts = page.facts
        ocr = (facts.get("ocr") or [{}])[0]
        sentence = page.one("sentence")
        if ("sentence" in wanted and sentence and ocr.get("reading", 0) >= t["commitment_min_reading"]
                and sentence["value"] < t["commitment_min_match"]):
            yield Finding("D141", item=item.id, file=f.rel, args={"file": f.rel, "ratio": sentence["value"]},
                          evidence={"ratio": sentence["value"], "page": sentence.get("page")})  # no text: it may hold the name
        marks = facts.get("marks") or {}
        ink = marks.get("signature_ink")
        if "signature" in wanted and ink is not None and ink < t["signature_min_ink"]:
            yield Finding("D142", item=item.id, file=f.rel, args={"file": f.rel},
                          evidence={"signature_ink": ink, "label_bbox": marks.get("signature_label")})
        blobs = marks.get("red_blobs")
        if "fingerprint" in wanted and blobs is not None and not blobs:
            yield Finding("D143", item=item.id, file=f.rel, args={"file": f.rel},
                          evidence={"red_blobs": 0, "colour": marks.get("colour")})


def check(ctx: Context) -> Iterable[Finding]:
    t = {k: ctx.threshold(k, THRESHOLDS) for k in THRESHOLDS}
    min_conf = t["field_min_confidence"]
    yield from _ce(ctx, min_conf)
    yield from _appraisal(ctx, min_conf)
    least = max(((i.setting("reads") or {}).get("min_workdays") or 0 for i in ctx.checklist.items), default=0)
    clause = Text(AT_LEAST.zh.format(n=least), AT_LEAST.en.format(n=least)) if least else Text("", "")
    for finding in _publicity(ctx, min_conf):
        finding.args.setdefault("least", clause)
        yield finding
    yield from _id_card(ctx, min_conf)
    yield from _whose(ctx, min_conf)
    yield from _commitment(ctx, t)


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """材料内容：页面上写的内容，对照文件名、所在文件夹、申报人信息和通知的规定。

检查时从每页识别出的文字中读出字段（inspect/fields.py），只读清单中写了 reads: 的各项（用哪个读取器、读哪些字段，
以及通知的数字：学时、工作日）。能读出：

- 继续教育证书：年度（“2021年度”“学习年度：2021”“二〇二一年度”）、公需/专业、学时（“30学时”“三十课时”；
  “学分”只在页面写明一学分折合多少学时时才换算）；
- 年度考核登记表：年度（“（2021年度）”）和考核等次（优秀/合格/基本合格/不合格）；
- 推荐单位公示 / 公示结果：公示时间“从…起至…止”、写明的天数、中级/初级、公示的人数、结果的落款日期；
  工作日按 chinesecalendar 计算（含节假日和调休上班日）；
- 身份证人像面：18 位号码（只有校验码正确才采用）、出生日期、性别；
- 个人承诺书：规定的承诺语句（允许少量识别误差）、“承诺人（签字）”后的笔迹、红色手印
  （只看图片：PDF 格式的承诺书不判断签字和手印）。

PDF 的文字层和识别出的文字一样读取。每条问题的 evidence 记录读到的内容（read）、位置（bbox，按存储图片的像素；
page）和识别把握（confidence）；身份证号只显示部分。

带方框的表格（□优秀 ☒合格 …）按打勾的方框读取。“公示N天”（附件2 模板的写法）按日历天数核对，“N个工作日”按
工作日核对。结果落款在公示最后一天不算早；早于最后一天的报 D122，除非落款日期中某一位数字换成识别时常混淆的数字
（6↔8、3↔8、1↔7 …）就会落在公示结束当天或之后，并且这一行的识别把握低于同页其他各行（中位数）：此时日期存疑，
不下结论。

拿不准就不下结论，从不猜测：识别把握低于 field_min_confidence（0.9）的字段、同一页读出两个不同结果（如两个年度）、
校验码不对的号码、某年有一张证书没读出时该年的学时合计、灰度扫描（不判断红色手印）——这些都不报告问题。

- D101 继续教育证书上的年度与文件名中的年度不一致；
- D102 公需科目证书放进了专业科目文件夹，或反过来；
- D103 同一年同一类科目的学时（同一年的几张证书相加）低于通知的要求（公需 30、专业 60 学时/年）；
- D111 年度考核表上的年度与文件名中的年度不一致；
- D112 考核表上的等次与 applicant.yaml 的 appraisals 不一致；
- D113 考核表为基本合格（顺延1年）或不合格（顺延2年）：申报应推迟到的年份；
- D121 公示期少于通知规定的工作日（不少于5个工作日）；
- D122 公示结果（附件2）落款日期早于公示结束日期；
- D123 公示结果写的公示时间与公示不同；D124 页面写的天数与日历算出的不符；
- D125 页面上的级别（中级/初级）与 applicant.yaml 的 level 不一致；
- D126 一页公示了几位申报人（一人一公示）；
- D127 公示结束日期在网上申报截止日当天或之后（警告：通知没有这样写，是按日程推断的；清单可用
  severity: {D127: error} 改为错误）；
- D128 读不出公示期（从…起至…止）：公示天数和日期没有核对，报告会说明；
- D151 个人材料（证书、考核表、公示）上写的姓名不是申报人；D152 上面的身份证号（完整或部分遮盖）露出的数字与
  申报人的不符（都只显示部分）；
- D131/D132/D133 身份证上的号码、出生日期、性别与 applicant.yaml 不一致（号码只显示部分）；
- D141 承诺书缺少规定的承诺语句；D142 没有签字；D143 没有红色手印（警告）。"""
