"""``dossiercheck sort`` and the page classifier behind it (classify.py), and the misfiled-page findings of the
content check (C102–C104).

Rule tests feed the classifier synthetic facts (text lines, aspect, faces) and need no OCR engine; the tests marked
``ocr`` sort the committed pile in tests/fixtures/sort (made by tools/make_sort_fixtures.py) and check demo-ok with
a page moved into the wrong folder, with the real engine.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DEMO_OK, FIXTURES, TODAY, copy_names, run, tree_digest
from dossiercheck.checklist import matches
from dossiercheck.checks import load_checklist
from dossiercheck.classify import Classifier, Page, file_stem, leaves, normalise, page_of, signing_years, year_of
from dossiercheck.dossier import scan
from dossiercheck.engine import Options, evaluate, prepare
from dossiercheck.report import finding_text as words
from dossiercheck.report.sort_table import why as sort_why
from dossiercheck.sort import UNSORTED, place, write

PILE = FIXTURES / "sort"
CHECKLIST = load_checklist()
MIDDLE = {i.id for i in CHECKLIST.items if i.uploads and i.applies({"level": "中级", "continuing_education_exempt": False,
                                                                     "application_type": "评审"})}
JUNIOR = {i.id for i in CHECKLIST.items if i.uploads and i.applies({"level": "初级", "continuing_education_exempt": False,
                                                                     "application_type": "评审"})}

CE_2021 = ["专业技术人员继续教育合格证书", "同志于2021年度参加专业技术人员继续教育公需科目学习，完", "成30学时，经考核成绩合格，特发此证。",
           "证书编号：BZJJ20210300032", "学习年度：2021年", "科目类别：公需科目", "巴音郭楞蒙古自治州人力资源", "社会保障局",
           "2021年12月20日"]
APPRAISAL_BACK_2020 = ["主管领导评语和考核等次建议该同志2020年度工作认真负责，完成了各项任务。建议考核等次：合格", "单位负责人意见",
                       "同意，合格", "考核等次", "合格", "本人意见", "同意", "单位负责人签字：", "(单位盖章)", "2021年1月15日"]
ID_BACK = ["中华人民共和国", "居民身份证", "签发机关", "库尔勒市公安局", "有效期限 2016.03.01-2036.03.01"]
SUMMARY = ["任现职以来个人工作总结", "本人自2018年取得助理记者任职资格以来，始终坚持正确的政治方向和舆论导",
           "三、继续教育方面。本人按时完成每年的公需科目和专业科目学习，学时均达到规定要求。"]


def page(lines: list[str], name: str = "IMG_4021.jpg", aspect: float = 0.707, faces: int | None = None) -> Page:
    return Page(name, normalise("".join(lines)), aspect, faces, head=normalise("".join(lines[:2])))


def facts(lines: list[str], width: int = 1240, height: int = 1754, digest: str | None = None, title: bool = False,
          **extra) -> dict:
    """A page's facts as the inspection gives them; ``title``: its first line printed large (a heading)."""
    out = {"kind": "jpeg", "width": width, "height": height,
           "ocr": [{"rotation": 0, "lines": [{"t": t, "s": 0.95, "paper": [],
                                              "b": [100, 100 + 50 * i - (30 if title and i == 0 else 0),
                                                    100 + (70 if title and i == 0 else 40) * len(t), 140 + 50 * i]}
                                             for i, t in enumerate(lines)],
                    "frame": {"scale": 1.0, "width": width, "height": height}, "reading": 0.95, "page": None}]}
    if digest:
        out["sha256"] = digest
    return out | extra


# --- the classifier, on synthetic facts -------------------------------------------------------------------------

def test_a_continuing_education_certificate_is_placed_by_its_words_and_year():
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page(CE_2021))
    assert verdict.best is not None and verdict.best.item == "ce-public" and verdict.best.year == 2021
    assert "“公需科目”" in verdict.best.reasons and verdict.best.confidence >= 0.5


def test_the_same_certificate_belongs_to_the_junior_item_for_a_junior_applicant():
    verdict = Classifier(CHECKLIST, JUNIOR).classify(page(CE_2021))
    assert verdict.best is not None and verdict.best.item == "ce-junior"


def test_appraisal_back_page_by_its_words_and_the_year_of_年度_not_the_signing_date():
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page(APPRAISAL_BACK_2020))
    best = verdict.best
    assert best is not None and (best.item, best.part, best.year) == ("appraisal", "back", 2020)
    assert "“考核等次”" in best.reasons


def test_id_card_back_by_words_and_card_aspect():
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page(ID_BACK, aspect=1.586))
    assert verdict.best is not None and (verdict.best.item, verdict.best.part) == ("id-card", "back")
    assert any(r.startswith("卡片比例") for r in verdict.best.reasons)


def test_a_portrait_with_one_face_and_no_text_is_the_photo():
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page([], aspect=0.714, faces=1))
    assert verdict.best is not None and verdict.best.item == "photo"


def test_a_blank_page_and_a_vague_page_are_left_undecided():
    classifier = Classifier(CHECKLIST, MIDDLE)
    blank = classifier.classify(page([], faces=0))
    assert blank.best is None and blank.why_not == "little"
    vague = classifier.classify(page(["证书"]))
    assert vague.best is None


def test_the_work_summary_is_not_taken_for_a_certificate_it_mentions():
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page(SUMMARY))
    assert verdict.best is not None and verdict.best.item == "summary"


def test_the_file_name_speaks_when_the_content_says_little():
    classifier = Classifier(CHECKLIST, MIDDLE)
    assert classifier.classify(page(["证书"], name="2022专业科目.jpg")).best.item == "ce-professional"


def test_year_of_prefers_the_name_then_年度_and_never_guesses_from_a_signing_date_outside_the_years():
    assert year_of(page(["2020年度", "2021年1月15日"]), [2020, 2021, 2022]) == 2020
    assert year_of(page(["2020年度"], name="2022年度考核表.jpg"), [2020, 2021, 2022]) == 2022
    assert year_of(page(["该同志22度工作", "2023年1月15日"]), [2020, 2021, 2022]) is None
    assert year_of(page(["学习年度：2018年度"]), [2019, 2020]) == 2018  # strong evidence outside the years


PUBLICITY_NAMING_A_TITLE = ["公示", "根据自治区职称评审工作安排，经个人申报、单位审核，",
                            "王晓梅同志拟申报新闻系列中级专业技术职务任职资格（记者），其专业技术资格评审材料如下：",
                            "现任助理记者，2018年取得任职资格。", "时间：2023年9月1日至9月7日", "联系电话：0996-2021234"]
RESULT_NAMING_A_TITLE = ["公示结果", "我单位于2023年9月1日至9月7日对王晓梅同志申报新闻系列中级专业技术职务任职资格的情况进行了公示，",
                         "期满无异议，同意推荐参加专业技术资格评审。", "巴音郭楞日报社", "2023年9月8日"]
CE_CARD_PROFESSIONAL = ["继续教育合格证书", "姓　　名", "王晓梅", "工作单位", "巴音郭楞日报社", "学习年度", "2022年", "科目类别",
                        "专业科目", "完成学时", "40学时", "考核结论", "合格"]
TRANSCRIPT = ["成绩单", "姓名王晓梅学号2006051234专业新闻学", "课程名称学分成绩", "新闻采访与写作4优秀", "新闻编辑学3良好",
              "毕业论文8良好", "已获学士学位，准予毕业"]


@pytest.mark.parametrize("lines, item", [(PUBLICITY_NAMING_A_TITLE, "publicity"), (RESULT_NAMING_A_TITLE, "publicity-result"),
                                         (TRANSCRIPT, "diploma-verification"), (CE_CARD_PROFESSIONAL, "ce-professional")])
def test_a_page_is_what_its_title_says_not_what_its_body_mentions(lines, item):
    """A 公示 names the 专业技术职务任职资格 applied for, a transcript the degree: the heading printed large (公示, two
    characters included) decides; a field label (姓名) printed at the text's size is no heading."""
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page_of("IMG_4021.jpg", facts(lines, title=True)))
    assert verdict.best is not None and verdict.best.item == item, [(g.item, g.score) for g in verdict.ranked[:3]]


def test_a_camera_counter_is_no_year_and_signing_dates_do_not_add_up():
    wanted = [2019, 2020, 2021, 2022, 2023]
    assert year_of(page(["学习年度：2021年"], name="IMG_2041.jpg"), wanted) == 2021
    assert year_of(page(["2019年度"], name="IMG_2021.jpg"), wanted) == 2019
    assert year_of(page([], name="2022公需科目.jpg"), wanted) == 2022
    three_dates = ["考核等次 合格", "2022年1月15日", "本人签字 2022年1月16日", "单位盖章 2022年1月20日"]
    assert year_of(page(three_dates), [2020, 2021, 2022]) is None


BOARDING_PASS = ["登机牌", "BOARDING PASS", "航班 FLIGHT CZ6901", "日期 DATE 12SEP", "姓名 NAME", "李某某", "始发地 FROM 乌鲁木齐",
                 "目的地 TO 库尔勒", "登机口 GATE 12", "座位号 SEAT 23A"]


def test_a_card_sized_page_whose_words_fit_no_item_is_unlike_every_item():
    """A boarding pass has an ID card's shape and a 姓名 field: the shape confirms what the words say, it never places
    a page alone; the reason says the text fits no item (not that there is too little of it)."""
    classifier = Classifier(CHECKLIST, MIDDLE)
    verdict = classifier.classify(page(BOARDING_PASS, aspect=1.70))
    assert verdict.best is None and verdict.why_not == "unlike", [(g.item, g.score) for g in verdict.ranked[:2]]
    card = classifier.classify(page(ID_BACK, aspect=1.586))
    assert card.best is not None and card.best.item == "id-card"


AWARD_HONOUR = ["荣誉证书", "王晓梅同志：", "你采写的消息《沙漠公路上的守护者》荣获2021年度自治州新闻奖文字消息类一等奖。", "特发此证", "巴州新闻工作者协会"]
MERIT_HONOUR = ["荣誉证书", "王晓梅同志在2022年度工作中表现突出，被评为先进工作者。", "特发此证", "中共巴州委员会宣传部"]


@pytest.mark.parametrize("lines, item", [(AWARD_HONOUR, "awards"), (MERIT_HONOUR, "other")])
def test_an_honour_certificate_is_placed_by_what_it_honours_not_by_证书(lines, item):
    """荣誉证书 is the catch-all item's example and ends in 证书, a word most items share: neither is the page's own
    title over the words that say what was honoured (新闻奖 … 等奖); without them the catch-all takes it."""
    verdict = Classifier(CHECKLIST, MIDDLE).classify(page_of("IMG_4021.jpg", facts(lines, title=True)))
    assert verdict.best is not None and verdict.best.item == item, [(g.item, g.score) for g in verdict.ranked[:3]]


JOURNAL_FIRST = ["新疆新闻界 2022.08", "理论探讨", "县级融媒体中心短视频生产的几点体会", "【摘要】本文从选题、拍摄与分发三个环节，",
                 "总结县级融媒体中心短视频生产的经验。", "【关键词】短视频；县级融媒体；选题"]
JOURNAL_LATER = ["新疆新闻界 2022.08", "理论探讨", "三是建立用户反馈机制，根据播放数据调整选题方向。", "参考文献：",
                 "[1] 短视频时代的新闻生产[J]. 中国记者，2021（5）.", "[2] 融媒体传播研究[J]. 青年记者，2020（3）."]


def test_a_later_page_of_a_paper_follows_the_page_whose_running_head_it_carries(tmp_path):
    """A paper's later page cites journals (中国记者) as much as it shows paper words (参考文献): torn between two items,
    it carries the running head of the paper's first page and follows it; another issue's page does not."""
    classifier = Classifier(CHECKLIST, MIDDLE)
    assert classifier.classify(page(JOURNAL_LATER)).best is None
    other_issue = [JOURNAL_LATER[0].replace("2022.08", "2022.10")] + JOURNAL_LATER[1:]
    fx = {"IMG_1.jpg": facts(JOURNAL_FIRST, digest="a"), "IMG_2.jpg": facts(JOURNAL_LATER, digest="b")}
    placed = {p.source: p for p in place(make_pile(tmp_path / "one", fx), fx, CHECKLIST, MIDDLE)}
    assert (placed["IMG_1.jpg"].item, placed["IMG_1.jpg"].part) == ("papers", "paper/article")
    later = placed["IMG_2.jpg"]
    assert (later.status, later.item, later.part) == ("placed", "papers", "paper/article"), later
    assert later.target == "11-论文/3-论文正文-2.jpg" and any(r.startswith("续页") for r in later.reasons)
    fx["IMG_2.jpg"] = facts(other_issue, digest="b")
    placed = {p.source: p for p in place(make_pile(tmp_path / "two", fx), fx, CHECKLIST, MIDDLE)}
    assert placed["IMG_2.jpg"].status == "unsorted"


def test_a_boarding_pass_in_a_pile_goes_to_unsorted_with_its_reason(tmp_path):
    fx = {"IMG_1.jpg": facts(BOARDING_PASS, width=1700, height=1000, digest="a"), "IMG_2.jpg": facts(ID_BACK, digest="b")}
    placed = {p.source: p for p in place(make_pile(tmp_path / "pile", fx), fx, CHECKLIST, MIDDLE)}
    assert (placed["IMG_1.jpg"].status, placed["IMG_1.jpg"].why) == ("unsorted", "unlike")
    assert placed["IMG_1.jpg"].target == f"{UNSORTED}/IMG_1.jpg"
    assert "不像本清单的任何一项" in sort_why(placed["IMG_1.jpg"], "zh") and "none" in sort_why(placed["IMG_1.jpg"], "en")


def test_two_missing_years_are_inferred_when_the_signing_dates_leave_one_way(tmp_path):
    def ce(study: str, signed: str) -> list[str]:
        return ["专业技术人员继续教育合格证书", f"同志于{study}参加专业技术人员继续教育公需科目学习，完成30学时。", "科目类别：公需科目",
                signed]

    fx = {"IMG_1.jpg": facts(ce("2019年度", "2019年12月20日"), digest="a"),
          "IMG_2.jpg": facts(ce("2020年度", "2020年12月20日"), digest="b"),
          "IMG_3.jpg": facts(ce("2023年度", "2023年12月20日"), digest="c"),
          "IMG_4.jpg": facts(ce("20 1年度", "2021年12月20日"), digest="d"),   # the study year unreadable
          "IMG_5.jpg": facts(ce("202 年度", "2023年1月10日"), digest="e")}      # signed early the next year
    placements = {p.source: p for p in place(make_pile(tmp_path / "pile", fx), fx, CHECKLIST, MIDDLE)}
    assert [placements[f"IMG_{i}.jpg"].year for i in range(1, 6)] == [2019, 2020, 2023, 2021, 2022]
    assert any("推定" in r for r in placements["IMG_5.jpg"].reasons)


def test_three_appraisal_backs_take_the_only_years_their_signing_dates_leave(tmp_path):
    """Backs signed 2021-01, 2022-01 and 2023-01 for the years 2020-2022: the last can only be 2022, so the
    second is 2021 and the first 2020, though two years fit each of the first two (an outside generator's pile
    had all three filed without a year)."""
    def back(signed: str) -> list[str]:
        return ["本人意见", "评语：工作认真负责，完成年度任务。", "考核等次：合格", "负责人意见", "单位盖章", signed]

    fx = {"IMG_1.jpg": facts(back("2021年1月15日"), digest="a"), "IMG_2.jpg": facts(back("2022年1月16日"), digest="b"),
          "IMG_3.jpg": facts(back("2023年1月17日"), digest="c")}
    placements = {p.source: p for p in place(make_pile(tmp_path / "pile", fx), fx, CHECKLIST, MIDDLE)}
    assert [(placements[f"IMG_{i}.jpg"].part, placements[f"IMG_{i}.jpg"].year) for i in (1, 2, 3)] == \
        [("back", 2020), ("back", 2021), ("back", 2022)]
    assert all(any("推定" in r for r in placements[f"IMG_{i}.jpg"].reasons) for i in (1, 2, 3))
    assert signing_years("落款 2022-01-16 单位盖章") == {2022} and signing_years("编号 2022-0116") == set()


def test_page_of_reads_the_upright_aspect_and_leaves_out_doubtful_lines():
    sideways = facts(["居民身份证"], width=638, height=1012)
    sideways["ocr"][0]["rotation"] = 90
    sideways["ocr"][0]["lines"].append({"t": "噪声", "s": 0.2, "b": [0, 0, 9, 9]})
    p = page_of("x.jpg", sideways)
    assert p.aspect == pytest.approx(1012 / 638) and p.text == "居民身份证"


def test_every_name_sort_writes_is_recognised_by_check_as_the_same_item_year_and_part(tmp_path):
    """The names of the sorted copy must be read back by `check` exactly as sort meant them."""
    expected = {}
    for item in CHECKLIST.items:
        if not item.uploads:
            continue
        year = item.years(CHECKLIST.year)[0] if item.setting("years") is not None else None
        for leaf in leaves(item) or [None]:
            stem = file_stem(item, leaf, year)
            rel = f"{item.folder}/{stem}.jpg"
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / rel).touch()
            expected[rel] = (item.id, leaf, year)
    assigned = {f.rel: f.item for f in scan(tmp_path, CHECKLIST, {}).files}
    for rel, (item_id, leaf, year) in expected.items():
        name = rel.rsplit("/", 1)[-1]
        assert assigned[rel] == item_id, rel
        assert leaf is None or matches(name, list(leaf.patterns)), rel
        assert year is None or str(year) in name, rel
    assert "17-年度考核表/2020年度考核表-正面.jpg" in expected and "14-继续教育-公需科目/2019公需科目.jpg" in expected
    assert "11-论文/1-期刊封面.jpg" in expected


# --- placing a pile (no engine: facts given) --------------------------------------------------------------------

def pile_facts() -> dict[str, dict]:
    return {
        "IMG_1.jpg": facts(CE_2021, digest="a"),
        "IMG_2.jpg": facts(CE_2021, digest="a"),                                 # same bytes
        "IMG_3.jpg": facts(APPRAISAL_BACK_2020, digest="b"),
        "IMG_4.jpg": facts(["主管领导评语和考核等次建议该同志22度工作认真负责", "单位负责人意见", "考核等次", "本人意见",
                            "(单位盖章)", "2023年1月15日"], digest="c"),           # year unreadable: 2022 by elimination
        "IMG_5.jpg": facts([a.replace("2020", "2021") for a in APPRAISAL_BACK_2020], digest="d"),
        "IMG_6.jpg": facts([], digest="e", faces=0),                               # blank
        "IMG_7.jpg": facts(CE_2021[:-1] + ["2021年12月20曰"], digest="f"),         # the same page photographed again
        "notes.txt": {"kind": "text", "sha256": "g"},
    }


def make_pile(root: Path, fx: dict[str, dict]):
    root.mkdir()
    for name in fx:
        (root / name).write_bytes(name.encode())
    dossier = scan(root, CHECKLIST, {})
    return dossier


def test_place_names_years_duplicates_and_unsorted(tmp_path):
    fx = pile_facts()
    dossier = make_pile(tmp_path / "pile", fx)
    placements = {p.source: p for p in place(dossier, fx, CHECKLIST, MIDDLE)}
    assert placements["IMG_1.jpg"].target == "14-继续教育-公需科目/2021公需科目.jpg"
    assert (placements["IMG_2.jpg"].status, placements["IMG_2.jpg"].duplicate_of) == ("duplicate", "IMG_1.jpg")
    assert (placements["IMG_7.jpg"].status, placements["IMG_7.jpg"].why) == ("duplicate", "same_page")
    assert placements["IMG_3.jpg"].target == "17-年度考核表/2020年度考核表-反面.jpg"
    assert placements["IMG_5.jpg"].target == "17-年度考核表/2021年度考核表-反面.jpg"
    guessed = placements["IMG_4.jpg"]
    assert guessed.target == "17-年度考核表/2022年度考核表-反面.jpg" and any("推定" in r for r in guessed.reasons)
    assert placements["IMG_6.jpg"].status == "unsorted" and placements["IMG_6.jpg"].target == f"{UNSORTED}/IMG_6.jpg"
    assert placements["notes.txt"].status == "unsorted" and placements["notes.txt"].why == "not_a_page"


# --- the same sheet twice (samepage.py: the one duplicate detector of sort and check) -----------------------------

PAPER = ["融媒体时代地方新闻报道的创新路径探析", "摘要：本文以巴州地区的新闻实践为例，分析融媒体时代地方新闻报道面临的机遇与挑战，",
         "提出内容、渠道与队伍三方面的创新路径。", "关键词：融媒体；地方新闻；创新路径；基层宣传",
         "一、融媒体时代地方新闻报道的现状", "近年来，随着移动互联网的普及，受众获取新闻的方式发生了深刻变化，",
         "地方媒体纷纷建设融媒体中心，推动报纸、广播、电视与新媒体平台的深度融合。", "二、地方新闻报道面临的主要问题",
         "一是内容同质化现象较为突出，原创深度报道不足；二是传播渠道分散，用户黏性不强；",
         "三是采编人员的全媒体技能有待提高，难以适应移动优先的传播要求。", "三、创新路径", "（一）坚持内容为王，深耕本地题材。"]


def retaken(lines: list[str]) -> list[str]:
    """How OCR reads the same text-heavy page photographed again: lines in another order, one missed, a few
    characters misread."""
    again = lines[:4] + [lines[5], lines[4]] + lines[6:10] + lines[11:]
    return [ln.replace("融媒体中心", "融媒休中心").replace("同质化", "同质亿").replace("渠道", "渠遁") for ln in again]


def test_a_text_heavy_page_photographed_twice_is_one_sheet(tmp_path):
    import difflib

    from dossiercheck.samepage import same_sheet

    first, second = facts(PAPER, digest="a"), facts(retaken(PAPER), digest="b")
    assert difflib.SequenceMatcher(None, normalise("".join(PAPER)), normalise("".join(retaken(PAPER)))).ratio() < 0.97
    assert same_sheet(first, second) == "same_sheet"
    assert same_sheet(first, facts(PAPER, digest="a")) == "identical"
    fx = {"IMG_1.jpg": first, "IMG_2.jpg": second}
    placements = {p.source: p for p in place(make_pile(tmp_path / "pile", fx), fx, CHECKLIST, MIDDLE)}
    assert placements["IMG_1.jpg"].status == "placed"
    assert (placements["IMG_2.jpg"].status, placements["IMG_2.jpg"].duplicate_of) == ("duplicate", "IMG_1.jpg")


def test_a_page_of_no_item_photographed_twice_is_left_unsorted_once(tmp_path):
    ticket = ["乘车日期2023年8月14日", "库尔勒站开往乌鲁木齐站", "车次D2712二等座07车12F号", "票价186.5元限乘当日当次车",
              "仅供报销使用请妥善保管本票据", "中国铁路祝您旅途愉快"]
    fx = {"IMG_1.jpg": facts(ticket, digest="a"), "IMG_2.jpg": facts(ticket[1:] + ticket[:1], digest="b")}
    placements = {p.source: p for p in place(make_pile(tmp_path / "pile", fx), fx, CHECKLIST, MIDDLE)}
    assert placements["IMG_1.jpg"].status == "unsorted"
    assert (placements["IMG_2.jpg"].status, placements["IMG_2.jpg"].duplicate_of) == ("duplicate", "IMG_1.jpg")


def test_two_pages_of_one_template_are_not_one_sheet_even_when_they_look_alike():
    from dossiercheck.samepage import same_sheet

    look = {"fingerprint": "c3a5f00f0ff0a5c3"}  # the same picture at hash size: one layout, one template
    ce_2022 = [ln.replace("2021", "2022").replace("0300032", "0300417") for ln in CE_2021]
    assert same_sheet(facts(CE_2021, digest="a", **look), facts(ce_2022, digest="b", **look)) is None
    front = ["年度考核登记表", "（2020年度）", "姓名", "性别", "出生年月", "政治面貌", "单位", "巴音郭楞日报社", "现任职务",
             "本人总结", "一年来，本人认真学习政治理论，积极完成采编任务，全年撰写稿件八十余篇。"]
    assert same_sheet(facts(front, digest="a", **look), facts(APPRAISAL_BACK_2020, digest="b", **look)) is None
    # a page whose text is the same but its second reading comes from another page's picture is still the same text
    assert same_sheet(facts(PAPER, digest="a", fingerprint="0" * 16), facts(PAPER, digest="b", fingerprint="f" * 16))


def test_the_fingerprint_survives_a_photograph_of_the_page_and_tells_other_pages_apart():
    """Real pixels (no OCR): a committed page laid on a desk, turned 6°, darker, blurred, JPEG 65."""
    import io

    from PIL import Image, ImageEnhance, ImageFilter

    from dossiercheck.samepage import CLOSE_IMAGE, distance, fingerprint

    def photographed(im: Image.Image, degrees: float) -> Image.Image:
        im = im.convert("RGB")
        desk = Image.new("RGB", (int(im.width * 1.3), int(im.height * 1.3)), (90, 70, 50))
        turned = im.rotate(degrees, expand=True, fillcolor=(90, 70, 50), resample=Image.BICUBIC)
        desk.paste(turned, ((desk.width - turned.width) // 2, (desk.height - turned.height) // 2))
        desk = ImageEnhance.Brightness(desk).enhance(0.85).filter(ImageFilter.GaussianBlur(1))
        out = io.BytesIO()
        desk.save(out, "JPEG", quality=65)
        return Image.open(io.BytesIO(out.getvalue()))

    pages = {name: Image.open(PILE / name) for name in ("IMG_4022.jpg", "IMG_4023.jpg", "scan0001.jpg")}
    prints = {name: fingerprint(im) for name, im in pages.items()}
    for name, im in pages.items():
        for degrees in (-6, 6):
            assert distance(prints[name], fingerprint(photographed(im, degrees))) <= CLOSE_IMAGE, (name, degrees)
    assert min(distance(a, b) for a in prints.values() for b in prints.values() if a != b) > CLOSE_IMAGE


def test_write_copies_once_and_leaves_the_originals(tmp_path):
    fx = pile_facts()
    dossier = make_pile(tmp_path / "pile", fx)
    before = tree_digest(tmp_path / "pile")
    placements = place(dossier, fx, CHECKLIST, MIDDLE)
    write(tmp_path / "pile", tmp_path / "out", placements, "level: 中级\n")
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == sorted([p.target for p in placements if p.target] + ["applicant.yaml"])
    assert "14-继续教育-公需科目/2021公需科目.jpg" in written and len(written) == 7
    assert (tmp_path / "out/17-年度考核表/2020年度考核表-反面.jpg").read_bytes() == b"IMG_3.jpg"
    assert not list((tmp_path / "out").rglob(".dossiercheck-*"))
    assert tree_digest(tmp_path / "pile") == before


def test_sort_refuses_to_write_into_its_source_or_over_a_folder(tmp_path):
    (tmp_path / "pile").mkdir()
    (tmp_path / "pile/IMG_1.jpg").write_bytes(b"x")
    inside = run("sort", tmp_path / "pile", "--out", tmp_path / "pile" / "sorted")
    assert inside.exit_code == 2 and "--out" in inside.stderr
    (tmp_path / "full").mkdir()
    (tmp_path / "full/a").touch()
    assert run("sort", tmp_path / "pile", "--out", tmp_path / "full").exit_code == 2
    missing = run("sort", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "nowhere" in missing.stderr
    assert run("sort", tmp_path / "pile", "--level", "高级").exit_code == 2


# --- misfiled pages in `check` (issue 10), on synthetic facts ----------------------------------------------------

def checked(folder: Path, fx: dict[str, dict]):
    options = Options(select=["C1"], today=date(2023, 9, 10))
    ctx = prepare(folder, options)
    ctx.facts = fx
    return evaluate(ctx, options)


def test_a_certificate_moved_into_the_appraisal_folder_is_named_where_it_went(tmp_path):
    folder = copy_names(DEMO_OK, tmp_path / "d")
    (folder / "14-继续教育-公需科目/2021公需科目.jpg").rename(folder / "17-年度考核表/2021公需科目.jpg")
    fx = {"17-年度考核表/2021公需科目.jpg": facts(CE_2021),
          "17-年度考核表/2020年度考核表-反面.jpg": facts(APPRAISAL_BACK_2020)}
    result = checked(folder, fx)
    found = {(f.item, f.file, f.code) for f in result.findings}
    assert ("appraisal", "17-年度考核表/2021公需科目.jpg", "C102") in found
    c103 = next(f for f in result.findings if f.code == "C103")
    assert c103.item == "ce-public" and c103.evidence["year"] == 2021
    assert "17-年度考核表/2021公需科目.jpg" in words.message(c103, "zh") and "2021" in words.message(c103, "zh")
    # the appraisal's own page fits its item: quiet
    assert not any(f.file == "17-年度考核表/2020年度考核表-反面.jpg" for f in result.findings)


def test_a_loose_phone_photo_is_said_to_look_like_its_item(tmp_path):
    folder = copy_names(DEMO_OK, tmp_path / "d")
    shutil.rmtree(folder / "01-身份证")
    (folder / "IMG_4021.jpg").touch()
    result = checked(folder, {"IMG_4021.jpg": facts(ID_BACK, width=1012, height=638)})
    c104 = next(f for f in result.findings if f.code == "C104")
    assert c104.file == "IMG_4021.jpg" and c104.evidence["looks_like"] == "id-card"
    assert "身份证" in words.message(c104, "zh")
    assert any(f.code == "C103" and f.item == "id-card" and "IMG_4021.jpg" in words.message(f, "zh") for f in result.findings)


# --- with the real engine ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sorted_pile(tmp_path_factory):
    root = tmp_path_factory.mktemp("pile")
    src = root / "photos"
    src.mkdir()
    for p in PILE.glob("*.jpg"):
        shutil.copyfile(p, src / p.name)
    before = tree_digest(src)
    result = run("sort", src, "--out", root / "sorted", "--format", "json", "--jobs", "2")
    return src, root / "sorted", result, before


@pytest.mark.ocr
def test_sort_places_the_pile_by_content(sorted_pile):
    src, out, result, before = sorted_pile
    truth = json.loads((PILE / "truth.json").read_text(encoding="utf-8"))
    report = json.loads(result.stdout)
    by_file = {p["source"]: p for p in report["files"]}
    for name, want in truth.items():
        got = by_file[name]
        if "duplicate_of" in want:
            assert got["status"] == "duplicate" and got["duplicate_of"] == want["duplicate_of"]
        elif want["item"] is None:
            assert got["status"] == "unsorted" and got["target"].startswith(UNSORTED + "/")
        else:
            assert (got["item"], got["part"]) == (want["item"], want.get("part")), name
            assert got["year"] in (want.get("year"), None), name  # a year is read right or left unknown, never wrong
            assert got["reasons"] and got["confidence"] > 0
    assert result.exit_code == 1  # one page is left unsorted: the exit code says so
    assert (out / "17-年度考核表/2020年度考核表-正面.jpg").is_file()
    assert (out / "14-继续教育-公需科目/2021公需科目.jpg").is_file()
    assert (out / "applicant.yaml").is_file() and (out / UNSORTED / "scan0002.jpg").is_file()
    assert tree_digest(src) == before


@pytest.mark.ocr
def test_dry_run_prints_the_review_and_writes_nothing(sorted_pile, tmp_path):
    src = sorted_pile[0]
    result = run("sort", src, "--out", tmp_path / "never", "--dry-run")
    assert not (tmp_path / "never").exists()
    assert "IMG_4023.jpg" in result.stdout and UNSORTED in result.stdout and "--dry-run" in result.stdout


@pytest.mark.ocr
def test_check_names_where_a_moved_certificate_went(tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(DEMO_OK, folder)
    (folder / "14-继续教育-公需科目/2021公需科目.jpg").rename(folder / "17-年度考核表/2021公需科目.jpg")
    report = json.loads(run("check", folder, "-f", "json", "--today", TODAY).stdout)
    found = {(f["item"], f["file"], f["code"]) for f in report["findings"]}
    assert ("appraisal", "17-年度考核表/2021公需科目.jpg", "C102") in found
    assert any(f["code"] == "C103" and f["item"] == "ce-public" and "17-年度考核表/2021公需科目.jpg" in f["message"]
               for f in report["findings"])


def test_a_zip_is_sorted_too_and_what_is_not_a_page_is_listed_never_guessed(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as z:
        z.writestr("photos/说明.txt", "这不是材料")
        z.writestr("photos/applicant.yaml", (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8"))
    result = run("sort", tmp_path / "photos.zip", "-f", "json", "--jobs", "1")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["profile"] == "copied" and report["written"]
    (only,) = report["files"]
    assert only["status"] == "unsorted" and only["why_code"] == "not_a_page" and only["target"] == f"{UNSORTED}/说明.txt"
    out = tmp_path / "photos-sorted"
    assert (out / UNSORTED / "说明.txt").read_text(encoding="utf-8") == "这不是材料"
    assert (out / "applicant.yaml").read_text(encoding="utf-8") == (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
