"""Readers that do not cry wolf, and whose document it is (issue 20): the field readers on OCR lines and the
documents check on synthetic facts (no engine; the rules are under test). The same cases run on real scans in
benchmarks/eval_verdict.py."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DEMO_OK
from dossiercheck.checks import documents
from dossiercheck.engine import Options, prepare
from dossiercheck.inspect import _fields
from dossiercheck.inspect.fields import read_page_fields


def lines(*texts: str, score: float = 0.99, scores: dict[int, float] | None = None) -> list[dict]:
    return [{"t": t, "s": (scores or {}).get(i, score), "b": [100, 40 + 50 * i, 900, 80 + 50 * i]}
            for i, t in enumerate(texts)]


def read(document: str, *texts: str) -> dict[str, object]:
    return {f["field"]: f["value"] for f in read_page_fields({"lines": lines(*texts)}, document)}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wolf") / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    return folder


def found(folder: Path, pages: dict[str, list[str]], scores: dict[str, dict[int, float]] | None = None,
          severity: bool = False):
    for rel in pages:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).touch()
    ctx = prepare(folder, Options(select=["D"], today=date(2023, 9, 10)))
    for f in ctx.dossier.files:
        if f.rel in pages:
            ocr = {"page": None, "rotation": 0, "reading": 0.99,
                   "lines": lines(*pages[f.rel], scores=(scores or {}).get(f.rel)),
                   "frame": {"scale": 2.0, "width": 2000, "height": 3000}}
            facts = {"ocr": [ocr]}
            facts["fields"] = _fields(facts, ctx.item_of(f).setting("reads"))
            ctx.facts[f.rel] = facts
    out = list(documents.check(ctx))
    for rel in pages:
        (folder / rel).unlink()
    if severity:
        from dossiercheck.checks import catalog

        return sorted((f.file, f.code, catalog()[f.code].severity.value) for f in out)
    return sorted((f.file, f.code) for f in out), out


AP = "17-年度考核表/2021年度考核表-反面.jpg"
PUB, RES = "19-推荐单位公示/推荐单位公示.jpg", "20-推荐单位公示结果/推荐单位公示结果.jpg"
CE = "14-继续教育-公需科目/2021公需科目.jpg"


# --- checkbox forms ------------------------------------------------------------------------------------------------

def test_a_checkbox_form_is_read_by_the_ticked_box():
    assert read("appraisal", "（2021年度）", "考核等次", "□优秀 ☒合格 □基本合格 □不合格")["result"] == "合格"
    assert read("appraisal", "（2021年度）", "考核等次", "□优秀 □合格 ☑基本合格 □不合格")["result"] == "基本合格"
    assert read("appraisal", "（2021年度）", "考核等次：优秀□ 合格√ 基本合格□ 不合格□")["result"] == "合格"
    assert "result" not in read("appraisal", "（2021年度）", "考核等次", "□优秀 □合格 □基本合格 □不合格")  # none ticked


def test_a_checkbox_form_gives_no_false_d112_and_a_ticked_basic_pass_postpones(folder):
    assert found(folder, {AP: ["年度考核登记表（2021年度）", "考核等次", "□优秀 ☒合格 □基本合格 □不合格"]})[0] == []
    codes = found(folder, {AP: ["年度考核登记表（2021年度）", "考核等次", "□优秀 □合格 ☑基本合格 □不合格"]})[0]
    assert codes == [(AP, "D112"), (AP, "D113")]  # applicant.yaml says 合格; the form's tick says 基本合格


# --- publicity dates -----------------------------------------------------------------------------------------------

PUBLICITY = ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "公示时间从2023年9月1日起至2023年9月7日止。"]


def test_a_result_whose_date_is_misread_by_one_doubtful_digit_is_not_early(folder):
    """9月8日 under the red seal read as 9月6日 (0.97) while the text around it reads 0.99: one digit (6↔8) would
    put it after the publicity, and the date reads less surely than its neighbours: no D122."""
    result = ["同志申报材料于2023年9月1日至2023年9月7日在本单位公示7天，公示无异议。", "同意推荐该同志申报中级专业技术任职资格。",
              "推荐单位名称（公章）", "2023年9月6日"]
    assert found(folder, {PUB: PUBLICITY, RES: result}, scores={RES: {3: 0.97}})[0] == []
    # read as surely as its neighbours, the same date is believed
    assert (RES, "D122") in found(folder, {PUB: PUBLICITY, RES: result})[0]
    # a date no single misread digit would save is early whatever the confidence
    early = result[:3] + ["2023年8月30日"]
    assert (RES, "D122") in found(folder, {PUB: PUBLICITY, RES: early}, scores={RES: {3: 0.97}})[0]


def test_the_annex_wording_公示7天_counts_calendar_days(folder):
    result = ["同志申报材料于2023年9月1日至2023年9月7日在本单位公示7天，公示无异议。", "同意推荐该同志申报中级专业技术任职资格。",
              "2023年9月8日"]
    assert found(folder, {PUB: PUBLICITY, RES: result})[0] == []
    wrong = [result[0].replace("7天", "9天"), *result[1:]]
    assert (RES, "D124") in found(folder, {PUB: PUBLICITY, RES: wrong})[0]


def test_a_result_signed_the_last_day_is_not_early_and_d127_is_a_warning(folder):
    late = ["现对", "同志申报中级专业技术任职资格进行公示。", "公示时间从2023年9月19日起至2023年9月25日止。"]
    result = ["同志申报材料于2023年9月19日至2023年9月25日在本单位公示5个工作日。", "同意推荐。", "2023年9月25日"]
    assert found(folder, {PUB: late, RES: result}, severity=True) == [(PUB, "D127", "warning")]


def test_dotted_dates_parse_and_an_unread_period_is_said(folder):
    assert read("publicity", "公示时间：2023.9.1—9.7")["period"] == ("2023-09-01", "2023-09-07")
    assert read("publicity", "公示时间：2023.9.1至2023.9.7")["period"] == ("2023-09-01", "2023-09-07")
    unread = ["现对", "同志申报中级专业技术任职资格进行公示。", "公示时间从2023年9月起至2023年月7日止。"]
    assert (PUB, "D128") in found(folder, {PUB: unread})[0]


# --- hours in a table cell -----------------------------------------------------------------------------------------

def test_hours_in_a_table_cell_are_read(folder):
    assert read("ce-certificate", "专业技术人员继续教育合格证书", "学习年度 | 2021年度", "科目 | 公需科目", "学时 | 20")["hours"] == 20
    codes = found(folder, {CE: ["专业技术人员继续教育合格证书", "学习年度", "2021年度", "科目", "公需科目", "学时", "20"]})[0]
    assert codes == [(CE, "D103")]


# --- whose document ------------------------------------------------------------------------------------------------

def test_another_persons_certificate_is_said_with_the_name_masked(folder):
    codes, out = found(folder, {CE: ["专业技术人员继续教育合格证书", "李建国同志于2021年度参加专业技术人员继续教育公需科目学习，完",
                                     "成30学时，经考核成绩合格。"]})
    assert codes == [(CE, "D151")]
    d151 = out[0]
    assert "李建国" not in str(d151.args) + str(d151.evidence) and d151.args["read"] == "李**"
    # the applicant's own name (here misread by one character) is not another person's
    assert found(folder, {CE: ["王晓海同志于2021年度参加继续教育公需科目学习，完成30学时。"]})[0] == []


def test_the_publicity_id_number_is_compared_with_the_profile(folder):
    ours = ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "基本信息：女,汉族,身份证号6528011988******26",
            "公示时间从2023年8月21日起至2023年8月27日止。"]
    assert found(folder, {PUB: ours})[0] == []
    theirs = [*ours[:2], "基本信息：男,汉族,身份证号6528011990******15", ours[3]]
    codes, out = found(folder, {PUB: theirs})
    assert codes == [(PUB, "D152")] and "6528011990" not in str(out[0].args)


def test_other_applicants_on_a_shared_publicity_are_d126_not_d152(folder):
    shared = ["现对", "同志申报新闻系列中级专业技术任职资格进行公示。", "基本信息：女,汉族,身份证号6528011988******26",
              "同志，男，身份证号6528011991******11，申报中级。", "公示时间从2023年8月21日起至2023年8月27日止。"]
    assert found(folder, {PUB: shared})[0] == [(PUB, "D126")]
