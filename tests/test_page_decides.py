"""The page decides, not its name (issue 20): a slot (item, year, part) is filled by a page whose content is that
document; one document fills one slot; the same sheet twice fills one, and the finding lands on the copy in the wrong
slot. Rule tests: demo-ok's layout with empty files, and synthetic facts (demo-ok's own OCR lines) for the pages
under test; files without facts are taken by their name, as before. benchmarks/eval_verdict.py runs the same cases
on demo-ok's real scans with the real engine."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DEMO_OK, copy_names
from dossiercheck.engine import Options, evaluate, prepare
from dossiercheck.inspect import _fields

DECISION = ["关于认定新闻系列初级专业技术职务任职资格的通知", "巴州人社职字〔2018〕15号", "各有关单位：",
            "根据自治区职称工作有关规定，经巴音郭楞蒙古自治州新闻系列初级专业技", "术职务任职资格评审委员会评审，认定下列同志具备新闻系列初级专业技术职务",
            "任职资格，现予公布。", "助理记者，任职资格取得时间2018年7月1日。", "请各单位按照有关规定做好聘任工作。",
            "巴音郭楞蒙古自治州人力 兼和社会保障局", "2018年7月10日"]
DECISION_2 = ["附件", "通过人员名单", "序号 工作单位 专业", "1 巴州某单位 新闻", "2 巴州某单位 新闻", "抄送：自治州人社局",
              "巴州党委宣传部办公室2018年7月10日印发"]
CERTIFICATE = ["专业技术资格证书", "姓名：", "工作单位：", "资格名称：助理记者", "专业名称：新闻", "评审机构：自治州新闻系列初级评审委员会",
               "批准时间：2018年7月1日", "证书编号：XJ2018650012345"]
ID_FRONT = ["姓名", "性别", "女", "民族汉", "出生", "1988年5月12日", "住址", "新疆库尔勒市人民东路", "12号院3栋2单元501室",
            "公民身份号码", "652801198805120026"]
ID_BACK = ["中华人民共和国", "居民身份证", "签发机关", "库尔勒市公安局", "有效期限 2016.03.01-2036.03.01"]
COVER = ["新闻研究导刊", "JOURNAL OF NEWS RESEARCH", "2022年 第5期（总第225期）", "ISSN 1674-8883 CN 50-1202/G2",
         "本期关注：县级融媒体中心建设", "媒体融合与基层传播", "新闻实务与案例研究"]
SEARCH = ["文献检索报告", "检索机构：新疆大学图书馆科技查新站 报告编号：2023-JS-0456", "论文题目", "县级融媒体中心建设的路径探析",
          "刊名", "新闻研究导刊2022年第5期第15-17页", "检索数据库", "中国知网（CNKI）、万方数据、维普", "检索结果", "该文被中国知网全文收录",
          "经检索，上述论文已被所列数据库收录，特此证明。", "2023年8月25日"]
PUBLICITY = ["推荐单位公示", "根据自治区职称评审工作的要求，现对", "同志申报新闻系列中级专业技术", "任职资格进行公示。",
             "基本信息：女,汉族,中共党员,身份证号6528011988******26,现任助理", "记者（2018年7月取得）。",
             "公示时间从2023年8月21日起至2023年8月27日止。如对该同志的相关信息有", "签字：（单位负责人签字）", "2023年8月21日"]
RESULT = ["推荐单位公示结果", "同志申报材料于2023年8月21日至2023年8月27日在本单位公示5个",
          "工作日，公示无异议，未收到投诉、举报，申报材料真实、完整、有效，同意推", "荐该同志申报新闻系列中级专业技术任职资格。",
          "推荐单位名称（公章）", "2023年8月28日"]


def appraisal_front(year: int) -> list[str]:
    return [f"事业单位工作人员年度考核登记表（{year}年度）", "姓名", "性别", "女", "出生年月", "1988.05", "政治面貌", "中共党员",
            "单位", "职务", "助理记者", "个人总结：", f"{year}年，本人认真学习党的创新理论，坚持正确的舆论导向，全年完成各类新闻",
            "本人签字：", "年月日"]


def appraisal_back(year: int, result: str = "合格") -> list[str]:
    return [f"主管领导评语和考核等次建该同志{year}年度工作认真负责，完成了各项任务。", "单位负责人意见", "考核等次", result,
            "本人意见", "同意", "单位负责人签字：", "(单位盖章)", f"{year + 1}年1月15日"]


def ce(year: int, subject: str = "公需", hours: int = 30) -> list[str]:
    return ["专业技术人员继续教育合格证书", f"同志于{year}年度参加专业技术人员继续教育{subject}科目学习，完", f"成{hours}学时，经考核成绩合格，特发此证。",
            f"证书编号：BZJJ{year}0300032", f"学习年度：{year}年", f"科目类别：{subject}科目", "巴音郭楞蒙古自治州人力资源", "社会保障局",
            f"{year}年12月20日"]


def facts(lines: list[str], digest: str | None = None, width: int = 1240, height: int = 1754) -> dict:
    out = {"kind": "jpeg", "width": width, "height": height, "sha256": digest or str(hash(tuple(lines))),
           "ocr": [{"rotation": 0, "lines": [{"t": t, "s": 0.98, "b": [100, 100 + 50 * i, 900, 140 + 50 * i], "paper": []}
                                               for i, t in enumerate(lines)],
                    "frame": {"scale": 1.0, "width": width, "height": height}, "reading": 0.98, "page": None}]}
    return out


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    return copy_names(DEMO_OK, tmp_path / "d")


def checked(folder: Path, pages: dict[str, list[str] | dict]):
    """evaluate() with the given pages' facts (lines, or ready facts); the other files have none (taken by name)."""
    options = Options(select=["P", "C1", "C3", "D"], today=date(2023, 9, 10))
    ctx = prepare(folder, options)
    for rel, page in pages.items():
        fx = page if isinstance(page, dict) else facts(page)
        item = ctx.item_of(next(f for f in ctx.dossier.files if f.rel == rel))
        if item is not None and item.setting("reads"):
            fx["fields"] = _fields(fx, item.setting("reads"))
        ctx.facts[rel] = fx
    result = evaluate(ctx, options)
    return result, {(f.file, f.code) for f in result.findings}, {(f.item, f.code) for f in result.findings}


def move(folder: Path, src: str, dst: str) -> None:
    (folder / dst).parent.mkdir(parents=True, exist_ok=True)
    shutil.move(folder / src, folder / dst)


def copy(folder: Path, src: str, dst: str) -> None:
    (folder / dst).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / src, folder / dst)


def test_demo_pages_fill_their_slots_quietly(dossier):
    pages = {"06-专业技术资格/任职资格文件.jpg": DECISION, "06-专业技术资格/职称证书.jpg": CERTIFICATE,
             "01-身份证/身份证-正面.jpg": facts(ID_FRONT, width=1012, height=638),
             "01-身份证/身份证-反面.jpg": facts(ID_BACK, width=1012, height=638),
             "11-论文/1-期刊封面.jpg": COVER, "11-论文/6-检索报告.jpg": SEARCH,
             "19-推荐单位公示/推荐单位公示.jpg": PUBLICITY, "20-推荐单位公示结果/推荐单位公示结果.jpg": RESULT,
             "17-年度考核表/2021年度考核表-正面.jpg": appraisal_front(2021),
             "17-年度考核表/2021年度考核表-反面.jpg": appraisal_back(2021),
             "14-继续教育-公需科目/2021公需科目.jpg": ce(2021)}
    result, found, _ = checked(dossier, pages)
    assert found == set() and result.passed


# 1. an appraisal form saved as a CE certificate does not fill the 2021 CE slot
def test_an_appraisal_form_in_the_ce_folder_is_not_a_certificate(dossier):
    rel = "14-继续教育-公需科目/2021公需科目.jpg"
    result, found, items = checked(dossier, {rel: appraisal_back(2021)})
    assert (rel, "C102") in found and ("ce-public", "P301") in items and result.verdict == "failed"


# 2. the decision document copied as the certificate: 2 of 3 rests on one document
def test_the_decision_copied_as_the_certificate_fills_one_slot(dossier):
    rel = "06-专业技术资格/职称证书.jpg"
    same = facts(DECISION, digest="d1")
    result, found, items = checked(dossier, {"06-专业技术资格/任职资格文件.jpg": same, rel: facts(DECISION, digest="d1")})
    assert (rel, "C106") in found and ("qualification", "P103") in items
    assert not any(f == "06-专业技术资格/任职资格文件.jpg" for f, _ in found)  # the genuine one is left alone
    assert result.verdict == "failed"


# 3. the decision's second page named as the certificate: not a second document
def test_the_second_page_of_the_decision_is_not_the_certificate(dossier):
    rel = "06-专业技术资格/职称证书.jpg"
    result, found, items = checked(dossier, {"06-专业技术资格/任职资格文件.jpg": DECISION, rel: DECISION_2})
    assert (rel, "C105") in found and ("qualification", "P103") in items and result.verdict == "failed"


# 4. the ID card's front copied as its back: the finding names the copy, not the genuine front
def test_the_id_front_copied_as_the_back(dossier):
    front = facts(ID_FRONT, digest="f1", width=1012, height=638)
    rel = "01-身份证/身份证-反面.jpg"
    result, found, items = checked(dossier, {"01-身份证/身份证-正面.jpg": front, rel: dict(front)})
    assert (rel, "C106") in found and ("id-card", "P102") in items
    assert not any(f == "01-身份证/身份证-正面.jpg" for f, _ in found)
    assert result.verdict == "failed"
    # the copy is to be replaced with the side its name claims (the back), not the side it shows
    from dossiercheck.report.finding_text import hint

    c302 = next(f for f in result.findings if f.code == "C302")
    assert "国徽面" in hint(c302, "zh") and "人像面" not in hint(c302, "zh")


# 5. the journal cover copied as the search report
def test_the_cover_copied_as_the_search_report(dossier):
    rel = "11-论文/6-检索报告.jpg"
    result, found, items = checked(dossier, {"11-论文/1-期刊封面.jpg": facts(COVER, "c1"), rel: facts(COVER, "c1")})
    assert (rel, "C106") in found and ("papers", "P102") in items and result.verdict == "failed"
    assert not any(f == "11-论文/1-期刊封面.jpg" for f, _ in found)


# 6. the publicity result copied into the publicity's folder
def test_the_result_copied_as_the_publicity(dossier):
    rel = "19-推荐单位公示/推荐单位公示.jpg"
    genuine = "20-推荐单位公示结果/推荐单位公示结果.jpg"
    result, found, items = checked(dossier, {rel: facts(RESULT, "r1"), genuine: facts(RESULT, "r1")})
    assert (rel, "C102") in found and ("publicity", "P101") in items and result.verdict == "failed"
    assert not any(f == genuine for f, _ in found)


# 7. one certificate named for two years fills one
def test_a_certificate_named_for_two_years_fills_one(dossier):
    move(dossier, "14-继续教育-公需科目/2021公需科目.jpg", "14-继续教育-公需科目/2021-2022公需科目.jpg")
    (dossier / "14-继续教育-公需科目/2022公需科目.jpg").unlink()
    rel = "14-继续教育-公需科目/2021-2022公需科目.jpg"
    result, found, items = checked(dossier, {rel: ce(2021)})
    assert (rel, "P304") in found and ("ce-public", "P301") in items and result.verdict == "failed"
    assert [f.args["year"] for f in result.findings if f.code == "P301"] == [2022]


def test_a_name_for_two_years_fills_one_even_unread(dossier):
    move(dossier, "14-继续教育-公需科目/2021公需科目.jpg", "14-继续教育-公需科目/2021-2022公需科目.jpg")
    (dossier / "14-继续教育-公需科目/2022公需科目.jpg").unlink()
    result, _, items = checked(dossier, {})
    assert ("ce-public", "P301") in items and result.verdict == "failed"


# 8. the same for appraisals: the 2020 front named for 2020 and 2021
def test_an_appraisal_front_named_for_two_years(dossier):
    move(dossier, "17-年度考核表/2020年度考核表-正面.jpg", "17-年度考核表/2020-2021年度考核表-正面.jpg")
    (dossier / "17-年度考核表/2021年度考核表-正面.jpg").unlink()
    rel = "17-年度考核表/2020-2021年度考核表-正面.jpg"
    result, found, _ = checked(dossier, {rel: appraisal_front(2020)})
    assert (rel, "P304") in found
    assert [(f.args["year"], f.code) for f in result.findings if f.code in ("P301", "P303")] == [(2021, "P303")]


# 9. one front named for both sides
def test_one_front_named_for_both_sides(dossier):
    move(dossier, "17-年度考核表/2021年度考核表-正面.jpg", "17-年度考核表/2021年度考核表-正面反面.jpg")
    (dossier / "17-年度考核表/2021年度考核表-反面.jpg").unlink()
    rel = "17-年度考核表/2021年度考核表-正面反面.jpg"
    result, found, _ = checked(dossier, {rel: appraisal_front(2021)})
    assert (rel, "P304") in found
    assert [(f.args["year"], f.code) for f in result.findings if f.code in ("P301", "P303")] == [(2021, "P303")]
    assert result.verdict == "failed"


# 10. 援疆: two pages of the approval form, no dispatch certificate
def test_two_pages_of_the_approval_form_are_not_the_dispatch_certificate(dossier):
    import yaml

    profile = yaml.safe_load((dossier / "applicant.yaml").read_text(encoding="utf-8"))
    profile["aid_to_xinjiang"] = True
    (dossier / "applicant.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    (dossier / "03-援疆材料").mkdir()
    one, two = "03-援疆材料/援疆派遣审批表-1.jpg", "03-援疆材料/援疆派遣审批表-2.jpg"
    (dossier / one).touch()
    (dossier / two).touch()
    page1 = ["选派进疆专业技术人员推荐评聘专业技术职务审批表", "姓名", "性别", "出生年月", "派出单位", "现任专业技术职务", "援疆期间工作业绩"]
    page2 = ["派出单位意见", "（盖章）", "年 月 日", "受援单位意见", "（盖章）", "自治区人力资源和社会保障厅意见", "（盖章）"]
    result, found, items = checked(dossier, {one: page1, two: page2})
    assert ("aid", "P102") in items and result.verdict == "failed"
    assert [f.args["part"].zh for f in result.findings if f.code == "P102"] == ["援疆派遣证明"]


def test_the_same_certificate_twice_in_its_own_slot_is_noted_on_the_copy(dossier):
    copy(dossier, "14-继续教育-公需科目/2021公需科目.jpg", "14-继续教育-公需科目/2021公需科目-副本.jpg")
    page = ce(2021)
    result, found, _ = checked(dossier, {"14-继续教育-公需科目/2021公需科目.jpg": facts(page, "s1"),
                                         "14-继续教育-公需科目/2021公需科目-副本.jpg": facts(page, "s1")})
    assert found == {("14-继续教育-公需科目/2021公需科目-副本.jpg", "C301")} and result.passed


def test_a_page_too_blurred_to_tell_is_a_warning_not_a_silent_pass(dossier):
    rel = "18-个人工作总结/个人工作总结.jpg"
    blurred = facts(["■ ▲■", "一 ■ 一"])
    blurred["ocr"][0]["reading"] = 0.3
    result, found, _ = checked(dossier, {rel: blurred})
    assert found == {(rel, "C105")} and result.passed  # the name fills the slot; the report says it is unconfirmed


def test_a_weak_likeness_to_another_item_is_unconfirmed_not_another_document(dossier):
    """A form's signature page says 同意推荐 (a word of the publicity result) and nothing of its own item: it cannot
    be confirmed (C105), but one phrase is no proof that it is the result (no C102)."""
    rel = "18-个人工作总结/个人工作总结.jpg"
    page = ["派出单位意见", "同意推荐。（盖章） 年 月日", "受援单位意见", "同意。（盖章） 年 月 日"]
    result, found, _ = checked(dossier, {rel: page})
    assert (rel, "C105") in found and (rel, "C102") not in found


def test_the_same_bytes_in_two_items_are_said_of_the_copy_even_unread(dossier):
    """No page read (no OCR selected): the bytes still say one page sits in two slots; the copy (longer name) is named."""
    copy(dossier, "08-代表作品/代表作品1.jpg", "21-其他证明材料/表彰文件.jpg")
    same = {"kind": "jpeg", "width": 1240, "height": 1754, "sha256": "w1"}
    result, found, _ = checked(dossier, {"08-代表作品/代表作品1.jpg": dict(same), "21-其他证明材料/表彰文件.jpg": dict(same)})
    assert ("21-其他证明材料/表彰文件.jpg", "C302") in found
    assert not any(f == "08-代表作品/代表作品1.jpg" for f, _ in found)
    c302 = next(f for f in result.findings if f.code == "C302")
    assert c302.evidence["same_as"] == "08-代表作品/代表作品1.jpg"
    # the slot in words, in each language (never a Python object's repr)
    from dossiercheck.report.finding_text import message

    zh, en = message(c302, "zh"), message(c302, "en")
    assert "Text(" not in zh + en and "（" in zh and "其他证明材料" in zh and "(" not in zh
    assert "（" not in en.split("same page as")[1]


def test_a_reader_that_reads_what_only_the_document_has_confirms_it(dossier):
    """A certificate laid out as a table, whose '兹证明' line the classifier takes for a heading (like 其他证明材料):
    its hours (学时 | 20) are read, so it is a certificate, and the hours are what is wrong (D103), not the folder."""
    rel = "14-继续教育-公需科目/2021公需科目.jpg"
    page = ["专业技术人员继续教育合格证书", "兹证明", "同志完成继续教育学习，经考核成绩合格。", "学习年度", "2021年度", "科目类别",
            "公需科目", "学时", "20", "巴音郭楞蒙古自治州人力资源和社会保障局", "2021年12月20日"]
    result, found, _ = checked(dossier, {rel: page})
    assert (rel, "D103") in found and (rel, "C102") not in found and not any(c == "P301" for _, c in found)


def test_an_honour_certificate_for_a_journalism_award_may_be_filed_with_the_other_documents(dossier):
    """The catch-all item (其他证明材料（荣誉证书、表彰文件等）) takes any page that shows its words: a 荣誉证书 for a 新闻奖,
    which sort files under the award certificates, is neither misfiled (C102) nor unconfirmed (C105) there."""
    rel = "21-其他证明材料/荣誉证书.jpg"
    copy(dossier, "18-个人工作总结/个人工作总结.jpg", rel)
    honour = facts(["荣誉证书", "王晓梅同志：", "你采写的消息《沙漠公路上的守护者》荣获2021年度自治州新闻奖文字消息类一等奖，",
                    "获奖作品已在全州新闻工作会议上通报表扬。", "特发此证", "巴州新闻工作者协会", "2022年4月"])
    honour["ocr"][0]["lines"][0]["b"] = [100, 20, 500, 140]  # the title, printed large
    _, found, _ = checked(dossier, {rel: honour})
    assert not {code for file, code in found if file == rel} & {"C102", "C105"}, found
