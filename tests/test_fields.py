"""Reading the documents: the field readers on OCR lines (no engine), the documents check on synthetic facts (no
engine), and the real engine on committed scans that carry each mismatch (tools/make_field_fixtures.py made them;
their truth and findings are in labels.json)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DEMO_OK, FIXTURES
from dossiercheck.checks import documents
from dossiercheck.engine import Options, check_dossier, prepare
from dossiercheck.inspect import _fields
from dossiercheck.inspect.fields import cn_number, id_check_ok, normalise, read_page_fields
from dossiercheck.report import finding_text as words

FIELDS = FIXTURES / "fields"
LABELS = json.loads((FIELDS / "labels.json").read_text(encoding="utf-8"))


def lines(*texts: str, score: float = 0.99) -> list[dict]:
    return [{"t": t, "s": score, "b": [100, 40 + 50 * i, 900, 80 + 50 * i]} for i, t in enumerate(texts)]


def read(document: str, *texts: str, score: float = 0.99) -> dict[str, object]:
    return {f["field"]: f["value"] for f in read_page_fields({"lines": lines(*texts, score=score)}, document)}


# ---------------------------------------------------------------- readers, no engine


def test_numbers_in_every_writing():
    assert normalise("２０２１年 度") == "2021年度"
    assert [cn_number(s) for s in ("三十", "六十", "二十四", "一百二十", "十二", "二〇二一", "30")] == \
        [30, 60, 24, 120, 12, 2021, 30]
    assert cn_number("学时") is None


def test_ce_certificate_fields():
    assert read("ce-certificate", "专业技术人员继续教育合格证书", "同志于2021年度参加专业技术人员继续教育公需科目学习，完",
                "成30学时，经考核成绩合格。", "2021年12月20日") == {"year": 2021, "subject": "公需", "hours": 30}
    # full-width digits, Chinese numerals for the year and the hours
    assert read("ce-certificate", "于２０２２年度参加继续教育专业科目学习，完成三十学时。") == \
        {"year": 2022, "subject": "专业", "hours": 30}
    assert read("ce-certificate", "学习年度：二〇二一年度", "科目类别：专业科目", "完成六十课时")["year"] == 2021


def test_ce_traps_a_year_in_the_body_and_an_issue_date_are_not_the_certificate_year():
    fields = read("ce-certificate", "根据《专业技术人员继续教育规定》（2015年），同志于2021年度参加继续教育",
                  "公需科目学习，完成30学时。", "2022年1月10日")
    assert fields["year"] == 2021


def test_ce_abstains_when_candidates_disagree_or_hours_are_only_credits():
    fields = read("ce-certificate", "2021年度公需科目", "2022年度公需科目", "完成8学分")
    assert "year" not in fields and "hours" not in fields  # two years; credits without a stated rate
    assert read("ce-certificate", "2022年度公需科目学习，完成10学分（1学分=3学时）")["hours"] == 30
    assert "hours" not in read("ce-certificate", "2022年度公需科目，每年应不少于30学时")  # the rule, not the hours
    # a table: the label 完成学时 in one cell, credits in the next: the credits at the stated rate, not 10 hours
    assert read("ce-certificate", "2019年度公需科目", "完成学时", "10学分", "(1学分=3学时)")["hours"] == 30


def test_appraisal_fields():
    assert read("appraisal", "年度考核登记表（2021年度）", "考核等次", "基本合格") == {"year": 2021, "result": "基本合格"}
    assert read("appraisal", "考核结果：不合格", "事业单位工作人员年度考核登记表（二〇二〇年度）") == \
        {"year": 2020, "result": "不合格"}
    assert "result" not in read("appraisal", "建议考核等次：合格", "考核等次", "优秀")  # they disagree


def test_publicity_fields():
    f = read("publicity", "根据要求，现对", "同志申报新闻系列中级专业技术", "任职资格进行公示。",
             "公示时间从2023年9月27日起至10月8日止。", "2023年9月27日")
    assert f["period"] == ("2023-09-27", "2023-10-08") and f["level"] == "中级" and f["applicants"] == 1
    assert f["signed"] == "2023-09-27"
    r = read("publicity", "同志申报材料于二〇二三年八月二十一日至二〇二三年八月二十七日在本单位公示5个", "工作日，同意推荐该同志。",
             "2023年8月28日")
    assert r["period"] == ("2023-08-21", "2023-08-27") and r["days"] == 5 and r["signed"] == "2023-08-28"
    several = read("publicity", "现对", "同志、", "同志申报初级职称进行公示", "身份证号6528011988******26",
                   "身份证号6528011991******11")
    assert several["applicants"] == 2


def test_id_card_fields_need_the_check_digit():
    assert id_check_ok("652801198805120026") and not id_check_ok("652801198805120027")
    f = read("id-front", "姓名", "性别", "女", "民族汉", "出生", "1988年5月12日", "公民身份号码", "652801198805120026")
    assert f == {"gender": "女", "birth": "1988-05-12", "id_number": "652801198805120026"}
    assert "id_number" not in read("id-front", "公民身份号码", "652801198805120062")  # a misread digit: no number


def test_commitment_sentence_is_matched_fuzzily():
    good = read("commitment", "个人承诺书", "本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与",
                "送审报表内窖一致。如申请人提交弄虚作假")  # one misread character
    bad = read("commitment", "个人承诺书", "本人自愿申报新闻系列专业技术职务任职资格，特此说明。")
    assert good["sentence"] > 0.9 > 0.5 > bad["sentence"]


# ---------------------------------------------------------------- the documents check on synthetic facts


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    """A dossier of demo-ok's profile; files are placed by name, their facts made from OCR lines below."""
    folder = tmp_path_factory.mktemp("doc") / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    return folder


def findings(folder: Path, pages: dict[str, list[str]], score: float = 0.99, marks: dict | None = None,
             check=None):
    for rel in pages:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).touch()
    ctx = prepare(folder, Options(select=["D"], today=date(2023, 9, 10)))
    for f in ctx.dossier.files:
        if f.rel not in pages:
            continue
        item = ctx.item_of(f)
        ocr = {"page": None, "rotation": 0, "reading": score, "lines": lines(*pages[f.rel], score=score),
               "frame": {"scale": 2.0, "width": 2000, "height": 3000}}
        facts = {"ocr": [ocr]}
        facts["fields"] = _fields(facts, item.setting("reads")) if item.setting("reads") else []
        if marks is not None:
            facts["marks"] = marks
        ctx.facts[f.rel] = facts
    out = sorted((f.file, f.code) for f in (check or documents.check)(ctx))
    for rel in pages:
        (folder / rel).unlink()
    return out


CE = "14-继续教育-公需科目/"
PRO = "15-继续教育-专业科目/"


def test_ce_year_subject_and_hours(context):
    assert findings(context, {CE + "2021公需科目.jpg": ["2020年度公需科目学习，完成30学时"]}) == \
        [(CE + "2021公需科目.jpg", "D101")]
    assert findings(context, {CE + "2022公需科目.jpg": ["2022年度专业科目学习，完成60学时"]}) == \
        [(CE + "2022公需科目.jpg", "D102")]
    assert findings(context, {PRO + "2022专业科目.jpg": ["2022年度专业科目学习，完成三十学时"]}) == \
        [(PRO + "2022专业科目.jpg", "D103")]


def test_certificates_of_one_year_add_up(context):
    two = {PRO + "2022专业科目-1.jpg": ["2022年度专业科目，完成30学时"], PRO + "2022专业科目-2.jpg": ["2022年度专业科目，完成30学时"]}
    assert findings(context, two) == []
    short = {PRO + "2022专业科目-1.jpg": ["2022年度专业科目，完成30学时"], PRO + "2022专业科目-2.jpg": ["2022年度专业科目，完成20学时"]}
    [(file, code)] = findings(context, short)
    assert code == "D103" and file is None  # the year's sum, not one file
    # one certificate of the year unreadable: the sum is unknown, no finding
    unread = {PRO + "2022专业科目-1.jpg": ["2022年度专业科目，完成30学时"], PRO + "2022专业科目-2.jpg": ["2022年度专业科目"]}
    assert findings(context, unread) == []


def test_a_field_read_with_doubt_gives_no_finding(context):
    page = {CE + "2021公需科目.jpg": ["2020年度公需科目学习，完成3学时"]}
    assert findings(context, page, score=0.7) == []


def test_appraisal_year_result_and_deferral(context):
    rel = "17-年度考核表/2021年度考核表-反面.jpg"
    assert findings(context, {rel: ["年度考核登记表（2021年度）", "考核等次", "合格"]}) == []
    assert findings(context, {rel: ["年度考核登记表（2020年度）", "考核等次", "合格"]}) == [(rel, "D111")]
    got = findings(context, {rel: ["年度考核登记表（2021年度）", "考核等次", "不合格"]})
    assert got == [(rel, "D112"), (rel, "D113")]


def test_deferral_names_the_year_it_leads_to(context):
    rel = "17-年度考核表/2021年度考核表-反面.jpg"
    (context / rel).parent.mkdir(parents=True, exist_ok=True)
    (context / rel).touch()
    ctx = prepare(context, Options(select=["D"], today=date(2023, 9, 10)))
    facts = {"ocr": [{"page": None, "rotation": 0, "lines": lines("（2021年度）", "考核等次：基本合格")}]}
    facts["fields"] = _fields(facts, ctx.checklist.item("appraisal").setting("reads"))
    ctx.facts[rel] = facts
    deferral = next(f for f in documents.check(ctx) if f.code == "D113")
    (context / rel).unlink()
    assert deferral.args["until"] == 2024 and deferral.args["delay"] == 1
    assert "2024" in words.message(deferral, "zh") and deferral.evidence["read"] == "基本合格"


PUB, RES = "19-推荐单位公示/推荐单位公示.jpg", "20-推荐单位公示结果/推荐单位公示结果.jpg"


def test_publicity_counts_working_days_with_the_holidays_and_make_up_days(context):
    assert documents._workdays(date(2023, 8, 21), date(2023, 8, 27)) == 5
    assert documents._workdays(date(2023, 9, 27), date(2023, 10, 8)) == 4  # 国庆: 10-7 and 10-8 are workdays
    ok = {PUB: ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "公示时间从2023年8月21日起至2023年8月27日止。"],
          RES: ["同志申报材料于2023年8月21日至2023年8月27日在本单位公示5个工作日，", "申报新闻系列中级专业技术任职资格。",
                "2023年8月28日"]}
    assert findings(context, ok) == []
    holiday = {PUB: ["现对", "同志申报中级专业技术任职资格。", "公示时间从2023年9月27日起至2023年10月8日止。"]}
    assert findings(context, holiday) == [(PUB, "D121"), (PUB, "D127")]


def test_a_publicity_ending_on_the_online_deadline_is_d127_and_the_day_before_is_not(context):
    on_the_day = {PUB: ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "公示时间从2023年9月18日起至2023年9月25日止。"]}
    assert (PUB, "D127") in findings(context, on_the_day)
    day_before = {PUB: ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "公示时间从2023年9月15日起至2023年9月24日止。"]}
    assert (PUB, "D127") not in findings(context, day_before)


def test_publicity_and_result_disagree(context):
    pages = {PUB: ["现对", "同志、", "同志申报初级专业技术任职资格。", "公示时间从2023年8月14日起至2023年8月18日止。"],
             RES: ["同志申报材料于2023年8月14日至2023年8月20日在本单位公示7个工作日，申报中级专业技术任职资格。",
                   "2023年8月17日"]}
    assert findings(context, pages) == [(PUB, "D125"), (PUB, "D126"), (RES, "D122"), (RES, "D123"), (RES, "D124")]


def test_a_result_a_digit_apart_from_the_publicity_is_still_an_error(context):
    """8月1日 against 8月21日 is what a squeezed line could lose: the reading reads such lines again at full width
    (inspect/ocr.py), so the check stays as strict as the notice is: the pages disagree, D123."""
    def pages(result_start: str) -> dict:
        return {PUB: ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "公示时间从2023年8月21日起至2023年8月27日止。"],
                RES: [f"同志申报材料于2023年8月{result_start}日至2023年8月27日在本单位公示5个工作日，",
                      "申报新闻系列中级专业技术任职资格。", "2023年8月28日"]}
    assert (RES, "D123") in findings(context, pages("1")) and (RES, "D123") not in findings(context, pages("21"))


def test_a_journals_contents_page_headed_mu_ci_is_one_of_the_papers_pages(context):
    """目次 is GB/T 3179's word for a contents page; it is the contents part's keyword, not the item's own: a page
    with a part's keyword is still the item's page (C101 only for a page with none of them)."""
    from dossiercheck.checks import content

    contents = "11-论文/2-目录.jpg"
    def c101(lines: list[str]) -> list:
        return [f for f in findings(context, {contents: lines}, check=content.check) if f[1] == "C101"]

    assert c101(["目    次", "新闻采编中的融合实践……3", "县级融媒体中心建设……9"]) == []
    assert c101(["关于召开年度总结大会的通知", "请各部门负责人准时参加会议"]) == [(contents, "C101")]


def test_an_unconfirmed_page_that_reads_clearly_is_not_called_illegible():
    """C105's reason: a page of clear text that looks like no item is not 'too little or unclear' (a rescan would
    not help); a page of a few words is."""
    from dossiercheck.checks import content

    def page(*texts: str) -> dict:
        return {"ocr": [{"page": None, "reading": 0.97, "lines": [{"t": t, "s": 0.97} for t in texts]}]}

    clear = page("新疆新闻研究 2022年第4期", "融媒体时代县级新闻生产流程的重构与实践探索研究", "参考文献：[1] 李明，新闻采编",
                 "摘要：本文以巴州县级融媒体中心为例，讨论新闻生产流程的变化。")
    assert content._why_unsure(clear) is content.WHY_NOBODYS
    assert content._why_unsure(page("第3页")) is content.WHY_UNREAD


def test_id_card_against_the_profile_shows_numbers_masked(context):
    rel = "01-身份证/身份证-正面.jpg"
    page = {rel: ["性别", "男", "出生", "1990年3月15日", "公民身份号码", "650102199003150013"]}
    assert findings(context, page) == [(rel, "D131"), (rel, "D132"), (rel, "D133")]
    ok = {rel: ["性别", "女", "出生", "1988年5月12日", "公民身份号码", "652801198805120026"]}
    assert findings(context, ok) == []


def test_commitment_sentence_signature_and_finger_print(context):
    rel = "12-个人承诺书/个人承诺书.jpg"
    good = ["个人承诺书", "本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致。", "承诺人（签字）："]
    assert findings(context, {rel: good}, marks={"signature_ink": 0.3, "red_blobs": [[1, 2, 3, 4]]}) == []
    assert findings(context, {rel: ["个人承诺书", "本人自愿申报，特此说明。", "承诺人（签字）："]},
                    marks={"signature_ink": 0.0, "red_blobs": []}) == [(rel, "D141"), (rel, "D142"), (rel, "D143")]
    # a greyscale scan: no verdict on the red finger-print
    assert findings(context, {rel: good}, marks={"signature_ink": 0.3, "red_blobs": None}) == []


def test_explain_says_what_is_read_and_when_it_abstains():
    doc = documents.__doc__
    assert "abstains" in doc and "field_min_confidence" in doc and "调休" in doc
    assert all(c.code in doc for c in documents.CODES)


# ---------------------------------------------------------------- the real engine on committed scans


@pytest.fixture(scope="module")
def fixture_dossier(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fields") / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    for name, label in LABELS.items():
        if label["place"]:
            (folder / label["place"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(FIELDS / name, folder / label["place"])
    return check_dossier(folder, Options(select=["D"], jobs=2, use_cache=False, today=date(2023, 9, 10)))


@pytest.mark.ocr
def test_every_mismatch_on_real_scans(fixture_dossier):
    found = sorted((f.file, f.code) for f in fixture_dossier.findings if f.file)
    expected = sorted((label["place"], code) for label in LABELS.values() for code in label["findings"])
    assert found == expected


@pytest.mark.ocr
def test_findings_carry_what_was_read_where(fixture_dossier):
    year = next(f for f in fixture_dossier.findings if f.code == "D101")
    assert year.evidence["value"] == 2020 and year.evidence["named"] == 2021
    assert "二〇二〇" in year.evidence["read"] or "2020" in year.evidence["read"]
    x0, y0, x1, y1 = year.evidence["bbox"]
    assert 0 <= x0 < x1 and 0 <= y0 < y1
    card = next(f for f in fixture_dossier.findings if f.code == "D131")
    assert card.evidence["read"] == "650***********0013" and "652801198805120026" not in words.message(card, "zh")


@pytest.mark.ocr
def test_greyscale_commitment_gives_no_finger_print_verdict(tmp_path):
    from dossiercheck.inspect import Task, inspect_file, with_fields

    reads = json.dumps({"document": "commitment", "fields": ["sentence", "signature", "fingerprint"]})
    task = Task("c", str(FIELDS / "commitment_grey.jpg"), ocr=True, reads=reads)
    facts = with_fields(task, inspect_file(task))
    assert facts["marks"]["red_blobs"] is None
    assert facts["marks"]["signature_ink"] > documents.THRESHOLDS["signature_min_ink"]
    [sentence] = [f for f in facts["fields"] if f["field"] == "sentence"]
    assert sentence["value"] > 0.9


@pytest.mark.ocr
def test_demo_flawed_has_one_of_each_mismatch(tmp_path):
    """The folders of demo-flawed whose pages are read (the rest is left out: the inspection cache of a full run
    serves these files too)."""
    from conftest import DEMO_FLAWED

    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_FLAWED / "applicant.yaml", folder / "applicant.yaml")
    for name in ("14-继续教育-公需科目", "15-继续教育-专业科目", "17-年度考核表", "19-推荐单位公示",
                 "20-推荐单位公示结果"):
        shutil.copytree(DEMO_FLAWED / name, folder / name)
    result = check_dossier(folder, Options(select=["D"], jobs=2, today=date(2023, 9, 10)))
    found = sorted((f.file, f.code) for f in result.findings)
    ce, pro, ap = "14-继续教育-公需科目/", "15-继续教育-专业科目/", "17-年度考核表/"
    pub, res = "19-推荐单位公示/推荐单位公示-2.jpg", "20-推荐单位公示结果/推荐单位公示结果-2.jpg"
    assert found == sorted([
        (ce + "2020公需科目-补.jpg", "D101"),
        (pro + "2021专业科目-2.jpg", "D102"), (pro + "2021专业科目-2.jpg", "D103"),
        (ap + "2020年度考核表-反面（复印件）.jpg", "D111"), (ap + "2020年度考核表-反面（复印件）.jpg", "D113"),
        (ap + "2021年度考核表-反面.jpg", "D112"),
        (pub, "D121"), (pub, "D125"), (pub, "D126"), (pub, "D127"), (res, "D122"), (res, "D123"), (res, "D124")])
    # the original result's dates, read squeezed, lost a digit (2023年月2日, D128 "period unread"); a squeezed line
    # with a date on it is now read again at full width, and the result agrees with its publicity


def test_a_parts_name_is_said_in_the_reports_language():
    """C106/C302 name the part the page is and the part its name claims: in English, the checklist's title_en."""
    from dossiercheck.checks import content, load_checklist

    card = load_checklist(None).item("id-card")
    assert content._leaf_title(card, "back") == ("国徽面（反面）", "emblem side")
    assert content._leaf_title(card, "front").get("en") == "photo side"


def test_a_masked_id_read_with_a_star_more_or_less_is_still_compared():
    """6528011988******26 read 6528011988*****26 (a run of stars merged): the digits before the stars are the
    number's first, those after its last; the applicant's agrees, another's is D152's."""
    number = "652801198805120026"
    assert documents._id_agrees("6528011988*****26", number) and documents._id_agrees("6528011988*******26", number)
    assert not documents._id_agrees("6528011977*****26", number) and not documents._id_agrees("6528011988*****27", number)
    fields = read_page_fields({"lines": lines("身份证号6528011988*****26,现任助理")}, "publicity")
    assert [f["value"] for f in fields if f["field"] == "id_seen"] == ["6528011988*****26"]
