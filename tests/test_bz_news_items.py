"""Every item and condition of section 五 of the notice, as encoded in bz-news-2023: each case removes a document
or flips a profile condition in a copy of demo-ok's layout and expects exactly the right presence/profile finding.

These run the rule stage only (empty files, no inspection): the file contents are not what is under test here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import DEMO_OK, copy_names
from dossiercheck.engine import Options, evaluate, prepare
from dossiercheck.report import finding_text as words


def check(folder: Path, **profile: object):
    if profile:
        path = folder / "applicant.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key, value in profile.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    options = Options(today=date(2023, 9, 10))  # every check: without inspected facts only P and R can find anything
    result = evaluate(prepare(folder, options), options)
    return result


def codes(result) -> set[tuple[str | None, str]]:
    return {(f.item, f.code) for f in result.findings}


def status(result, item_id: str) -> str:
    return next(r.status for r in result.items if r.item.id == item_id)


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return copy_names(DEMO_OK, tmp_path / "d")


def rm(folder: Path, *rels: str) -> None:
    for rel in rels:
        target = folder / rel
        if target.is_dir():
            for p in sorted(target.rglob("*"), reverse=True):
                p.unlink() if p.is_file() else p.rmdir()
            target.rmdir()
        else:
            target.unlink()


def add(folder: Path, *rels: str) -> None:
    for rel in rels:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).touch()


def test_demo_layout_is_complete(dossier):
    result = check(dossier)
    assert codes(result) == set()
    assert all(r.status in ("ok", "not_required", "optional") for r in result.items)


# (what to remove, expected (item, code) findings) — item 1, 3, 4, 6, 8, 9, 10, 11, 12, 13
REMOVALS = [
    (["01-身份证/身份证-反面.jpg"], {("id-card", "P102"), ("id-card", "P201")}),
    (["01-身份证"], {("id-card", "P101")}),
    (["02-一寸照片"], {("photo", "P101")}),
    (["04-学历学位证书"], {("diploma", "P101")}),
    (["05-学历备案表或学籍档案"], {("diploma-verification", "P101")}),
    (["06-专业技术资格/职称证书.jpg"], {("qualification", "P103")}),
    (["08-代表作品"], {("works", "P101")}),
    (["11-论文/6-检索报告.jpg"], {("papers", "P102")}),
    (["11-论文/1-期刊封面.jpg"], {("papers", "P102")}),
    (["11-论文"], {("papers", "P101")}),
    (["12-个人承诺书"], {("commitment", "P101")}),
    (["14-继续教育-公需科目/2021公需科目.jpg"], {("ce-public", "P301")}),
    (["15-继续教育-专业科目/2023专业科目.jpg"], {("ce-professional", "P301")}),
    (["17-年度考核表/2022年度考核表-反面.jpg"], {("appraisal", "P303")}),
    (["17-年度考核表/2021年度考核表-正面.jpg", "17-年度考核表/2021年度考核表-反面.jpg"], {("appraisal", "P301")}),
    (["18-个人工作总结"], {("summary", "P101")}),
    (["19-推荐单位公示"], {("publicity", "P101")}),
    (["20-推荐单位公示结果"], {("publicity-result", "P101")}),
]


@pytest.mark.parametrize("removed,expected", REMOVALS, ids=[r[0][0] for r in REMOVALS])
def test_removing_a_required_document_is_found(dossier, removed, expected):
    rm(dossier, *removed)
    assert codes(check(dossier)) == expected


def test_school_records_replace_the_chsi_record(dossier):
    rm(dossier, "05-学历备案表或学籍档案")
    add(dossier, "05-学历备案表或学籍档案/学籍档案-入学登记表.jpg")
    assert codes(check(dossier)) == set()


def test_title_from_another_province_needs_all_three(dossier):
    assert codes(check(dossier, title_obtained_in="区外")) == {("qualification", "P103")}
    add(dossier, "06-专业技术资格/专业技术职务任职资格评审表.jpg")
    assert codes(check(dossier)) == set()


def test_initial_determination_needs_no_current_title(dossier):
    rm(dossier, "06-专业技术资格")
    result = check(dossier, application_type="初次确定")
    assert codes(result) == set()
    assert status(result, "qualification") == "not_required"


def test_aid_to_xinjiang_forms_only_when_on_aid(dossier):
    assert status(check(dossier), "aid") == "not_required"
    assert codes(check(dossier, aid_to_xinjiang=True)) == {("aid", "P101")}
    add(dossier, "03-援疆材料/援疆人员审批表.jpg")
    assert codes(check(dossier)) == {("aid", "P102"), ("aid", "P201")}
    add(dossier, "03-援疆材料/援疆派遣证明.jpg")
    assert codes(check(dossier)) == set()
    assert codes(check(dossier, aid_to_xinjiang=False)) == {("aid", "P402")}


def test_transfer_from_organ_needs_appointment_and_cadre_form(dossier):
    assert codes(check(dossier, transferred_from_organ=True)) == {("organ-transfer", "P101")}
    add(dossier, "07-机关调动材料/任命文件.jpg")
    assert codes(check(dossier)) == {("organ-transfer", "P102"), ("organ-transfer", "P201")}
    add(dossier, "07-机关调动材料/干部任免审批表.jpg")
    assert codes(check(dossier)) == set()


def test_awards_and_other_documents_are_optional(dossier):
    result = check(dossier)
    assert status(result, "awards") == "optional"
    assert status(result, "other") == "optional"


def test_intellectual_property_is_a_pdf_required_only_when_declared(dossier):
    assert status(check(dossier), "ip") == "optional"
    assert codes(check(dossier, has_intellectual_property=True)) == {("ip", "P101")}
    add(dossier, "10-知识产权/专利证书.pdf")
    result = check(dossier)
    assert codes(result) == set()
    assert result.checklist.item("ip").setting("formats") == ["pdf"]


def test_county_level_units_may_give_an_investigation_report(dossier):
    rm(dossier, "11-论文")
    add(dossier, "11-论文/调查报告.jpg")
    assert codes(check(dossier)) == {("papers", "P103")}  # 州级: the report is not an option
    assert codes(check(dossier, unit_level="县级")) == set()
    assert codes(check(dossier, unit_level="乡镇级")) == set()


def test_papers_are_optional_for_junior(dossier):
    rm(dossier, "11-论文")
    result = check(dossier, level="初级")
    assert status(result, "papers") == "optional"


def test_junior_needs_two_years_of_continuing_education(dossier):
    rm(dossier, "14-继续教育-公需科目", "15-继续教育-专业科目")
    result = check(dossier, level="初级")
    assert ("ce-junior", "P101") in codes(result)
    add(dossier, "13-继续教育/2022继续教育.jpg")
    assert ("ce-junior", "P301") in codes(check(dossier))
    add(dossier, "13-继续教育/2023继续教育.jpg")
    assert not {c for c in codes(check(dossier)) if c[0] == "ce-junior"}


def test_exemption_form_replaces_continuing_education(dossier):
    rm(dossier, "14-继续教育-公需科目", "15-继续教育-专业科目")
    result = check(dossier, continuing_education_exempt=True)
    assert codes(result) == {("ce-exemption", "P101")}
    assert status(result, "ce-public") == "not_required"
    add(dossier, "16-继续教育免试审批表/免除继续教育学习申请表.jpg")
    assert codes(check(dossier)) == set()


def test_appraisal_file_without_a_year(dossier):
    add(dossier, "17-年度考核表/考核表-正面.jpg")
    assert codes(check(dossier)) == {("appraisal", "P302")}


def test_too_many_id_card_files(dossier):
    add(dossier, "01-身份证/身份证-正面2.jpg")
    assert codes(check(dossier)) == {("id-card", "P202")}


def test_files_are_found_by_name_outside_item_folders(dossier):
    rm(dossier, "20-推荐单位公示结果")
    add(dossier, "扫描件/公示结果.jpg")
    result = check(dossier)
    assert codes(result) == set()
    assert status(result, "publicity-result") == "ok"
    assert status(result, "publicity") == "ok"  # 公示结果 goes to the more specific item


def test_renumbered_item_folders_still_count(dossier):
    (dossier / "12-个人承诺书").rename(dossier / "个人承诺书")
    assert codes(check(dossier)) == set()


def test_unassigned_and_system_files(dossier):
    add(dossier, "随便拍的.jpg", "Thumbs.db", ".DS_Store", "01-身份证/desktop.ini", "~$草稿.docx", "__MACOSX/x.jpg")
    assert codes(check(dossier)) == {(None, "P401")}


def test_work_history_must_start_when_work_began_and_be_contiguous(dossier):
    history = [{"from": "2010-07", "to": "2014-06", "unit": "甲"}, {"from": "2014-07", "to": "至今", "unit": "乙"}]
    assert codes(check(dossier, work_history=history)) == set()
    assert codes(check(dossier, work_started="2009-07")) == {("work-history", "R101")}
    gap = [history[0], {"from": "2015-01", "to": "至今", "unit": "乙"}]
    result = check(dossier, work_started="2010-07", work_history=gap)
    assert codes(result) == {("work-history", "R102")}
    assert status(result, "work-history") == "incomplete"
    assert codes(check(dossier, work_history=None)) == {("work-history", "R104")}


def test_appraisal_results_postpone(dossier):
    result = check(dossier, appraisals={2020: "基本合格", 2021: "不合格", 2022: "合格"})
    delays = {f.evidence["year"]: f.evidence["postpone_years"] for f in result.findings if f.code == "R105"}
    assert delays == {2020: 1, 2021: 2}


def test_gender_must_match_the_id_number(dossier):
    assert codes(check(dossier, gender="男")) == {(None, "R106")}


@pytest.mark.parametrize("changes,exempt", [
    ({}, False),
    ({"level": "初级"}, True),
    ({"special_service": True}, True),
    ({"unit_county": "且末县"}, True),
    ({"unit_county": "若羌县"}, True),
    ({"unit_level": "乡镇级"}, True),
    ({"unit_level": "县级"}, True),     # 县级以下 includes 县级, as item 8's 县及县以下 says
    ({"unit_level": "州级"}, False),
    ({"unit_county": "且末"}, True),      # with or without 县
    ({"unit_county": "若羌"}, True),
    ({"unit_county": "库尔勒市"}, False),
])
def test_defence_exemptions(dossier, changes, exempt):
    assert bool(check(dossier, **changes).defence_exemptions) is exempt


def test_fees_come_from_the_checklist(dossier):
    assert check(dossier, level="中级").fee == 380


def test_the_junior_fee_the_notice_does_not_let_us_read_is_never_stated(dossier):
    """The notice's text reads 初级”0元/人: no amount is stated for it (100 is 初次确定初级's), the report quotes the
    notice and says where to ask."""
    import io

    from dossiercheck.report import terminal

    result = check(dossier, level="初级")
    assert result.fee is None and result.fee_unreadable == "初级”0元/人"
    out = io.StringIO()
    terminal.render(result, "zh", out)
    text = "".join(c for c in out.getvalue() if c not in "│ \n")  # the summary panel wraps its lines
    assert "无法辨认" in text and "咨询电话" in text and "100元" not in text


def test_deadlines_count_down_from_today(dossier):
    result = check(dossier)
    left = {d.key: d.days_left for d in result.deadlines}
    assert left == {"online": 15, "paper": 33, "fee": 33, "defence": 40}


def test_every_section_five_number_is_encoded():
    from dossiercheck.checks import load_checklist

    numbers = {i.number for i in load_checklist("bz-news-2023").items}
    assert numbers == set(range(1, 16))


def test_junior_certificates_in_the_intermediate_folders_count_for_the_junior_item(dossier):
    """A 初级 applicant who files the certificates under 14-/15- (the 中级 folders) has them counted, not 不必上传."""
    result = check(dossier, level="初级")
    assert not {c for c in codes(result) if c[0] and c[0].startswith("ce-")}
    assert status(result, "ce-junior") == "ok"
    assert "14-继续教育-公需科目/2023公需科目.jpg" in next(r.files for r in result.items if r.item.id == "ce-junior")
    rm(dossier, "14-继续教育-公需科目/2023公需科目.jpg", "15-继续教育-专业科目/2023专业科目.jpg")
    assert ("ce-junior", "P301") in codes(check(dossier))


def test_intermediate_certificates_in_the_junior_folder_count_for_their_items(dossier):
    rm(dossier, "14-继续教育-公需科目/2019公需科目.jpg", "15-继续教育-专业科目/2021专业科目.jpg")
    add(dossier, "13-继续教育/2019公需科目.jpg", "13-继续教育/2021专业科目.jpg")
    assert codes(check(dossier)) == set()


@pytest.mark.parametrize("started,appraisal_years,ce_public_years", [
    ("2010-07", [2020, 2021, 2022], [2019, 2020, 2021, 2022, 2023]),
    ("2021-07", [2021, 2022], [2021, 2022, 2023]),
    ("2022-09", [2022], [2022, 2023]),
])
def test_years_follow_the_person(dossier, started, appraisal_years, ce_public_years):
    """Nothing is asked for a year before the applicant began work."""
    history = [{"from": started, "to": "至今", "unit": "某单位"}]
    rm(dossier, "17-年度考核表", "14-继续教育-公需科目")
    add(dossier, "17-年度考核表/2009年度考核表-正面.jpg", "14-继续教育-公需科目/2009公需科目.jpg")  # not asked for
    result = check(dossier, work_started=started, work_history=history)
    assert sorted(f.args["year"] for f in result.findings if f.code == "P301" and f.item == "appraisal") == \
        appraisal_years
    assert sorted(f.args["year"] for f in result.findings if f.code == "P301" and f.item == "ce-public") == \
        ce_public_years


def test_appraisal_years_start_with_the_current_title(dossier):
    """任现职期间考核情况: appraisals from the year the current title was obtained."""
    rm(dossier, "17-年度考核表")
    add(dossier, "17-年度考核表/2009年度考核表-正面.jpg")
    result = check(dossier, current_title_date="2021-07")
    assert sorted(f.args["year"] for f in result.findings if f.code == "P301") == [2021, 2022]


def test_junior_started_2021_is_not_asked_for_2020(dossier):
    """The issue's case: a 初级 applicant who began in 2021-07."""
    rm(dossier, "17-年度考核表/2020年度考核表-正面.jpg", "17-年度考核表/2020年度考核表-反面.jpg", "06-专业技术资格")
    history = [{"from": "2021-07", "to": "至今", "unit": "某单位"}]
    result = check(dossier, level="初级", work_started="2021-07", work_history=history, current_title=None,
                   current_title_date=None, appraisals={2021: "合格", 2022: "合格"})
    assert codes(result) == set()


def test_junior_without_a_current_title_is_not_asked_for_item_4(dossier):
    rm(dossier, "06-专业技术资格")
    for title in (None, "无", ""):
        result = check(dossier, level="初级", current_title=title)
        assert ("qualification", "P101") not in codes(result)
        assert status(result, "qualification") == "not_required"
    assert ("qualification", "P101") in codes(check(dossier, level="初级", current_title="助理记者"))
    assert ("qualification", "P101") in codes(check(dossier, level="中级", current_title=None))  # 中级 needs one


def test_one_file_counts_for_one_of_the_alternatives(dossier):
    """任职资格文件及证书.jpg is one document: 2 of 3 needs a second, and the finding names what can still come."""
    rm(dossier, "06-专业技术资格")
    add(dossier, "06-专业技术资格/任职资格文件及证书.jpg")
    result = check(dossier)
    assert codes(result) == {("qualification", "P103")}
    finding = next(f for f in result.findings if f.code == "P103")
    assert finding.args["n"] == 1 and "评审表" in words.message(finding, "zh") and "职称证书" in words.message(finding, "zh")
    add(dossier, "06-专业技术资格/职称证书.jpg")   # the same name once more is now a second document
    assert codes(check(dossier)) == set()


def test_graduation_appraisal_outside_its_folder(dossier):
    rm(dossier, "05-学历备案表或学籍档案")
    add(dossier, "扫描/毕业鉴定表.jpg")
    result = check(dossier)
    assert codes(result) == set()
    assert status(result, "diploma-verification") == "ok"


def test_every_required_appraisal_year_needs_a_result(dossier):
    result = check(dossier, appraisals={2020: "合格", 2022: "优秀"})
    assert codes(result) == {("appraisal", "R107")}
    assert [f.args["year"] for f in result.findings] == [2021]
    assert status(result, "appraisal") == "incomplete"
    history = [{"from": "2021-07", "to": "至今", "unit": "某单位"}]
    rm(dossier, "17-年度考核表/2020年度考核表-正面.jpg", "17-年度考核表/2020年度考核表-反面.jpg")
    assert codes(check(dossier, work_started="2021-07", work_history=history,
                       appraisals={2021: "合格", 2022: "合格"})) == set()


@pytest.mark.parametrize("field", ["id_number", "target_title"])
def test_roster_fields_missing_is_a_warning(dossier, field):
    result = check(dossier, **{field: None})
    assert [(f.code, f.severity.value, f.args["field"]) for f in result.findings] == [("R108", "warning", field)]
