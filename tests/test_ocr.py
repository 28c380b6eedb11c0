"""Reading pages: the real RapidOCR engine on committed fixture scans (tools/make_fixtures.py made them, with their
truth in labels.json), and the rule logic of masking and orientation with a stand-in engine."""

from __future__ import annotations

import json
import shutil
from functools import cache

import numpy as np
import pytest
from PIL import Image

from conftest import DEMO_OK, FIXTURES
from dossiercheck.engine import Options, check_dossier
from dossiercheck.inspect import Task, inspect_file
from dossiercheck.inspect import ocr as reader
from dossiercheck.matching import find, page_hits, targets_for

OCR = FIXTURES / "ocr"
LABELS = json.loads((OCR / "labels.json").read_text(encoding="utf-8"))
ABBREVIATIONS = {"巴音郭楞蒙古自治州": "巴州", "巴音郭楞": "巴州"}


@cache
def read(name: str) -> dict:
    return inspect_file(Task(name, str(OCR / name), ocr=True))["ocr"][0]


def targets(label: dict) -> dict[str, set[str]]:
    return targets_for([label["name"], *label["name_variants"]], [label["unit"]], ABBREVIATIONS)


# ---------------------------------------------------------------- the real engine on real scans


@pytest.mark.ocr
@pytest.mark.parametrize("name", sorted(LABELS))
def test_masking_targets_found_exactly_where_visible(name):
    label = LABELS[name]
    hits = page_hits(read(name), targets(label), drop=25)
    assert sorted({h["target"] for h in hits}) == label["visible"]


@pytest.mark.ocr
@pytest.mark.parametrize("name", sorted(LABELS))
def test_orientation_from_content(name):
    page = read(name)
    assert page["rotation"] == LABELS[name]["rotation"]
    if page["rotation"] is not None:
        assert page["confidence"] >= 0.6


@pytest.mark.ocr
def test_see_through_mask_counts_as_unmasked_and_is_named():
    hits = page_hits(read("see_through.jpg"), targets(LABELS["see_through.jpg"]), drop=25)
    assert [h["see_through"] for h in hits] == [True]
    clear = page_hits(read("name_and_unit.jpg"), targets(LABELS["name_and_unit.jpg"]), drop=25)
    assert not any(h["see_through"] for h in clear)


@pytest.mark.ocr
def test_bbox_is_in_the_stored_pixels_and_covers_the_name():
    """The name on the 90°-turned fixture: its box in the stored (turned) image holds the dark ink of the name."""
    page = read("name_and_unit.jpg")
    hit = next(h for h in page_hits(page, targets(LABELS["name_and_unit.jpg"]), 25) if h["target"] == "name")
    x0, y0, x1, y1 = hit["bbox"]
    im = np.asarray(Image.open(OCR / "name_and_unit.jpg").convert("L"))
    assert 0 <= x0 < x1 <= im.shape[1] and 0 <= y0 < y1 <= im.shape[0]
    assert (x1 - x0) < 200 and (y1 - y0) < 80  # the name, not the whole line
    assert (im[y0:y1, x0:x1] < 100).mean() > 0.05  # there is ink in it


@pytest.mark.ocr
def test_bbox_follows_a_turned_page(tmp_path):
    upright = Image.open(OCR / "name_and_unit.jpg")
    turned = upright.rotate(90, expand=True)  # stored a quarter turn to the left
    turned.save(tmp_path / "t.jpg", quality=90)
    page = inspect_file(Task("t", str(tmp_path / "t.jpg"), ocr=True))["ocr"][0]
    assert page["rotation"] == 90
    hit = next(h for h in page_hits(page, targets(LABELS["name_and_unit.jpg"]), 25) if h["target"] == "name")
    ref = next(h for h in page_hits(read("name_and_unit.jpg"), targets(LABELS["name_and_unit.jpg"]), 25)
               if h["target"] == "name")
    # turning the page 90° to the left moves (x, y) to (y, W - x)
    x0, y0, x1, y1 = ref["bbox"]
    expected = [y0, upright.width - x1, y1, upright.width - x0]
    assert all(abs(a - b) < 12 for a, b in zip(hit["bbox"], expected, strict=True)), (hit["bbox"], expected)


@pytest.mark.ocr
def test_name_wrapped_at_a_line_end_is_found_with_a_box_per_part():
    """……由艾日夏提· / 牙生同志负责: the end of one line joined to the start of the next of the same paragraph."""
    [hit] = page_hits(read("wrapped_name.jpg"), targets(LABELS["wrapped_name.jpg"]), 25)
    assert hit["target"] == "name" and len(hit["boxes"]) == 2
    first, second = hit["boxes"]
    assert first[0] > 2 * second[0] and second[1] > first[1]  # the end of line one, the start of line two
    assert hit["bbox"] == [min(first[0], second[0]), first[1], max(first[2], second[2]), second[3]]


@pytest.mark.ocr
def test_unit_wrapped_in_a_narrow_table_cell_is_found_whole():
    """成都交子金融控股集团 / 有限公司 on two lines of the 工作单位 cell: one finding, both lines boxed."""
    hits = page_hits(read("wrapped_unit_cell.jpg"), targets(LABELS["wrapped_unit_cell.jpg"]), 25)
    assert [(h["target"], h["text"], len(h["boxes"])) for h in hits] == [("unit", "成都交子金融控股集团有限公司", 2)]


@pytest.mark.ocr
def test_unit_without_its_legal_form_suffix_is_found():
    [hit] = page_hits(read("suffixless_unit.jpg"), targets(LABELS["suffixless_unit.jpg"]), 25)
    assert (hit["target"], hit["text"]) == ("unit", "成都交子金融控股集团")


@pytest.mark.ocr
def test_near_misses_stay_quiet():
    """Units sharing only the place prefix (巴音郭楞职业技术学院), the tail (和硕县融媒体中心) or the parent's name,
    people sharing the surname (王建华) or the given name (李晓梅), and 王 | 晓梅 in two rows of a table."""
    page = read("near_miss_unit.jpg")
    text = "".join(ln["t"] for ln in page["lines"])
    assert "巴音郭楞职业技术学院" in text and "李晓梅" in text and "晓梅路" in text  # the engine did read them
    assert page_hits(page, targets(LABELS["near_miss_unit.jpg"]), 25) == []
    assert page_hits(page, targets_for(["王晓梅"], ["和静县融媒体中心"], ABBREVIATIONS), 25) == []


# ---------------------------------------------------------------- rule logic, no engine


def test_fuzzy_matching_tolerates_one_wrong_character_in_long_names_only():
    t = targets_for(["王晓梅", "刘佳"], ["巴音郭楞日报社"], ABBREVIATIONS)
    assert find("现对王晓海同志", t) == [("name", 2, 5)]          # one OCR slip in a 3-character name
    assert find("现对刘住同志", t) == []                          # 2 characters: exact only
    assert find("现对刘佳同志", t) == [("name", 2, 4)]
    assert find("经本单位研究同意推荐该同志申报", t) == []          # ordinary words
    assert find("巴州日报杜记者", t) == [("unit", 0, 5)]          # abbreviation, one slip
    assert find("巴音郭楞日扳社", t) == [("unit", 0, 7)]


def test_slips_never_make_another_person_or_unit():
    t = targets_for(["王晓梅"], ["和静县融媒体中心", "巴音郭楞日报社"], ABBREVIATIONS)
    assert find("现对李晓梅同志", t) == []                        # the given name shared: not the surname
    assert find("现对王晓海同志", t, [False] * 7) == []           # a confident reading is taken as it is
    assert find("和硕县融媒体中心", t) == []                       # a short place: no slip
    assert find("和静县融媒休中心", t) == [("unit", 0, 8)]        # a slip in the generic tail
    assert find("巴音郭楞职业技术学院", t) == []                   # the place prefix alone
    tv = targets_for([None], ["巴音郭楞蒙古自治州广播电视台"], {})
    assert find("颁发给巴音郭楞蒙古自治州广播电视大学孙雅琴", tv) == []  # a slip into another kind of unit: 大学
    assert find("巴音郭楞蒙古自治州广播电视合记者", tv) == [("unit", 0, 14)]  # a slip that is only a slip
    assert find("孙雅琴同志于2022参加巴音郭楞蒙古自治州广播电视大", tv) == []  # 大学 goes on on the next line
    assert find("记者单位：巴音郭楞蒙古自治州广播电视合", tv) == [("unit", 5, 19)]


def test_units_without_the_legal_form_suffix_but_not_down_to_a_generic_word():
    t = targets_for([None], ["成都交子金融控股集团有限公司", "巴州日报社有限公司", "某某有限公司"], {})
    assert t["unit"] == {"成都交子金融控股集团有限公司", "成都交子金融控股集团", "巴州日报社有限公司", "巴州日报社",
                         "某某有限公司"}


def _page(lines, rules=()):
    return {"lines": [{"t": t, "s": 1.0, "b": b, "paper": [250] * len(t)} for t, b in lines], "rules": list(rules),
            "rotation": 0, "paper": 250, "frame": {"scale": 1.0, "width": 1000, "height": 1000}}


def test_a_wrapped_name_is_joined_within_a_paragraph_only():
    t = targets_for(["王晓梅"], [None], {})
    para = [("根据工作安排，本项目由王", [100, 100, 700, 140]), ("晓梅同志负责。", [60, 145, 400, 185])]
    [hit] = page_hits(_page(para), t, 25)
    assert hit["boxes"] == [[650, 100, 701, 141], [60, 145, 158, 186]] and hit["bbox"] == [60, 100, 701, 186]
    # the first line stops short: it ended its paragraph, the next line starts another
    short = [("本项目由王", [100, 100, 300, 140]), ("晓梅路的改造工程已经全面完成。", [60, 145, 700, 185])]
    assert page_hits(_page(short), t, 25) == []
    # a table border between the two rows
    assert page_hits(_page(para, rules=[[40, 142, 720, 144]]), t, 25) == []
    # a "rule" inside the first line's box is its own strokes run together (a blurred photo): still one paragraph
    assert len(page_hits(_page(para, rules=[[400, 126, 468, 128]]), t, 25)) == 1
    # far apart: another block
    far = [para[0], ("晓梅同志负责。", [60, 260, 400, 300])]
    assert page_hits(_page(far), t, 25) == []


def test_preview_and_fix_cover_every_part_of_a_wrapped_match(tmp_path):
    from dossiercheck.findings import Finding
    from dossiercheck.fix import Options as FixOptions
    from dossiercheck.fix import plan_file
    from dossiercheck.report.annotate import annotated_image

    path = tmp_path / "p.jpg"
    Image.new("RGB", (400, 300), (250, 250, 250)).save(path)
    parts = [[300, 40, 380, 70], [20, 80, 90, 110]]
    finding = Finding("K101", item="summary", file="p.jpg",
                      evidence={"target": "name", "bbox": [20, 40, 380, 110], "boxes": parts})
    marked = np.asarray(annotated_image(path, [finding]))
    for x0, y0, x1, _ in parts:  # a red frame round each part
        assert (marked[y0, x0:x1, 0] > 200).all() and (marked[y0, x0:x1, 1] < 60).all()
    assert (marked[90, 200] > 240).all()  # not one box over the union
    facts = {"kind": "jpeg", "width": 400, "height": 300, "ext_ok": True}
    [mask] = [a for a in plan_file("p.jpg", facts, [finding], None, FixOptions()) if a["do"] == "mask"]
    assert mask["boxes"] == parts


def test_names_with_dots_and_spaces_are_normalised():
    t = targets_for(["阿依古丽·买买提"], [None], {})
    assert t["name"] == {"阿依古丽买买提"} and t["unit"] == set()
    line = {"t": "阿依古丽.买买提同志", "s": 0.9, "b": [0, 0, 100, 20], "paper": [250] * 10}
    page = {"lines": [line], "rotation": 0, "paper": 250, "frame": {"scale": 1.0, "width": 200, "height": 50}}
    assert [h["text"] for h in page_hits(page, t, 25)] == ["阿依古丽买买提"]


def test_see_through_needs_a_mask_darker_than_the_rest_of_its_line():
    """Brightness behind each character as the real engine's pages gave it (benchmarks/real, the demo): a grey box
    on the name is K104; a tinted band, a shadow across a photo or one dark character is just a visible name."""
    def hit(text: str, paper: list[int], page_paper: float) -> bool:
        line = {"t": text, "s": 1.0, "b": [0, 0, 20 * len(text), 20], "paper": paper}
        page = {"lines": [line], "rotation": 0, "paper": page_paper, "frame": {"scale": 1.0, "width": 2000,
                                                                                "height": 50}}
        [h] = page_hits(page, targets_for(["王晓梅", "李继蕊"], ["中国工商银行"], {}), 25)
        return h["see_through"]

    # the demo's grey box, its first slot straddling the box's edge
    assert hit("王晓梅同志申报材料在本单位公示", [250, 197, 197, 206] + [250] * 11, 250)
    assert not hit("中国工商银行", [118, 130, 98, 125, 131, 89], 216)                       # white on a dark band
    assert not hit("李继蕊李小勇高云全", [242, 196, 221, 254, 247, 250, 246, 254, 245], 255)  # one dark stroke
    assert not hit("验：王晓梅", [114, 112, 106, 105, 106], 158)                            # a shadow on the line


def test_a_doubled_character_read_once_is_still_the_name():
    """The recogniser merges two equal characters that touch (买买提 → 买提): two misses of the 200-page evaluation,
    kept as the real engine read them. Exact only, and never down to two characters (王丽 is not 王丽丽)."""
    pages = json.loads((FIXTURES / "ocr" / "doubled_characters_read_once.json").read_text(encoding="utf-8"))
    for case in pages:
        t = targets_for([case["name"]], [case["unit"]], {})
        assert "name" in {h["target"] for h in page_hits(case["page"], t, 25)}, case["name"]
    t = targets_for(["买买提·艾力", "王丽丽"], [None], {})
    assert find("现对买提艾力同志", t, [False] * 8) == [("name", 2, 6)]
    assert find("现对买提艾山同志", t, [True] * 8) == []     # read once and a slip: another person
    assert find("现对王丽同志", t, [False] * 6) == []


def test_name_split_over_boxes_of_one_row():
    t = targets_for(["王晓梅"], [None], {})
    lines = [{"t": "承诺人：王", "s": 1, "b": [100, 10, 200, 40], "paper": [250] * 5},
             {"t": "晓梅", "s": 1, "b": [260, 12, 300, 42], "paper": [250] * 2}]
    page = {"lines": lines, "rotation": 0, "paper": 250, "frame": {"scale": 2.0, "width": 800, "height": 100}}
    [hit] = page_hits(page, t, 25)
    assert hit["bbox"] == [360, 20, 601, 85]  # from 王 in the first box to 梅 in the second, at stored scale


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_to_original_inverts_the_turn(rotation):
    w, h = 300, 200
    box = np.array([[30, 40], [90, 40], [90, 60], [30, 60]], dtype=np.float32)
    turned = reader._turn_quad(box, rotation, h, w)
    ux0, uy0 = turned.min(axis=0)
    ux1, uy1 = turned.max(axis=0)
    back = reader.to_original([ux0, uy0, ux1, uy1], rotation, 1.0, w, h)
    assert all(abs(a - b) <= 2 for a, b in zip(back, [30, 40, 90, 60], strict=True)), back


class StandIn(reader.OcrEngine):
    """Lines stand upright (a page turned 90°), the classifier says 180 for all, the recogniser reads 'xx'."""

    def detect(self, img):
        return [np.array([[10, 10], [30, 10], [30, 200], [10, 200]], dtype=np.float32) + [40 * i, 0]
                for i in range(4)]

    def classify(self, crops):
        return [(180, 0.95)] * len(crops)

    def recognize(self, crops):
        return [("审批表内容", 0.97)] * len(crops)


def test_orientation_vote_with_a_stand_in_engine():
    page = reader.read_page(np.full((400, 300, 3), 255, np.uint8), eng=StandIn())
    assert page["rotation"] == 270 and page["confidence"] > 0.9
    assert [ln["t"] for ln in page["lines"]] == ["审批表内容"] * 4


def test_a_line_barely_off_level_is_cut_by_its_box_a_slanted_one_along_its_quadrilateral():
    # a scanned line 0.2° off (3.7 px over 910 px, 36 px high), and a photographed one 1° off
    barely = np.float32([[181, 347], [1091, 351], [1091, 387], [181, 384]])
    slanted = np.float32([[181, 347], [1091, 363], [1091, 399], [181, 384]])
    assert not reader._slanted(barely) and reader._slanted(slanted)


@pytest.mark.ocr
def test_a_scanned_masked_id_number_is_read_whole():
    """demo-ok's 公示 (a scan 0.2° off): cut along their quadrilaterals, its lines lost a digit of the masked number."""
    page = inspect_file(Task("p", str(DEMO_OK / "19-推荐单位公示/推荐单位公示.jpg"), ocr=True))["ocr"][0]
    assert "6528011988******26" in "".join(ln["t"] for ln in page["lines"])


def test_too_little_text_is_unknown_not_a_guess():
    class Sparse(StandIn):
        def detect(self, img):
            return super().detect(img)[:1]
    assert reader.read_page(np.full((400, 300, 3), 255, np.uint8), eng=Sparse())["rotation"] is None


def test_engine_failure_on_one_file_is_a_finding_and_the_run_goes_on(tmp_path, monkeypatch):
    class Broken(reader.OcrEngine):
        def detect(self, img):
            raise RuntimeError("onnxruntime exploded")

    monkeypatch.setattr(reader, "engine", lambda: Broken())
    folder = tmp_path / "d"
    (folder / "18-个人工作总结").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(DEMO_OK / "18-个人工作总结/个人工作总结.jpg", folder / "18-个人工作总结/总结.jpg")
    result = check_dossier(folder, Options(select=["K", "O"], jobs=1, use_cache=False))
    assert {(f.file, f.code) for f in result.findings} == {("18-个人工作总结/总结.jpg", "K106")}
    # an unread page leaves masking unjudged: item 14 is not 通过, and the whole run never says 可以上传
    full = check_dossier(folder, Options(jobs=1, use_cache=False))
    masking_item = next(r for r in full.items if r.item.setting("checks") == ["masking"])
    assert masking_item.status == "unchecked" and full.unrun.get("masking") is True and full.verdict != "passed"


@pytest.mark.ocr
def test_profile_without_a_name_says_masking_could_not_run(tmp_path):
    folder = tmp_path / "d"
    (folder / "19-推荐单位公示").mkdir(parents=True)
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8").replace("name: 王晓梅\n", "")
    (folder / "applicant.yaml").write_text(text, encoding="utf-8")
    shutil.copyfile(OCR / "name_and_unit.jpg", folder / "19-推荐单位公示/公示.jpg")
    result = check_dossier(folder, Options(select=["K"], jobs=1))
    codes = {(f.code, f.severity.value) for f in result.findings}
    assert ("K105", "error") in codes  # item 14 is not passed when it could not be checked
    assert ("K102", "error") in codes  # the unit is still checked
    assert not any(c == "K101" for c, _ in codes)


@pytest.mark.ocr
def test_a_profile_left_as_the_init_template_never_passes_masking(tmp_path):
    """init, leave applicant.yaml as it is, add a work summary showing a real name and unit: an error, exit 1."""
    from conftest import DEMO_FLAWED, run

    folder = tmp_path / "new"
    assert run("init", folder).exit_code == 0
    shutil.copyfile(DEMO_FLAWED / "18-个人工作总结/个人工作总结.jpg", folder / "18-个人工作总结/总结.jpg")
    result = run("check", folder, "--select", "K", "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    [finding] = [f for f in report["findings"] if f["code"] == "K107"]
    assert finding["severity"] == "error" and "applicant.yaml" in finding["message"]
    assert next(i for i in report["items"] if i["id"] == "masking")["status"] != "ok"


@pytest.mark.ocr
def test_id_card_name_is_a_warning_that_quotes_the_notice(tmp_path):
    folder = tmp_path / "d"
    (folder / "01-身份证").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(DEMO_OK / "01-身份证/身份证-正面.jpg", folder / "01-身份证/身份证-正面.jpg")
    result = check_dossier(folder, Options(select=["K"], jobs=1))
    [finding] = result.findings
    assert (finding.code, finding.severity.value, finding.evidence["target"]) == ("K108", "warning", "name")
    assert "所有附件材料" in finding.extra_hint.zh and "单位" in finding.extra_hint.zh


@pytest.mark.ocr
def test_pdf_text_layer_leak_even_under_a_black_box():
    from conftest import DEMO_FLAWED

    facts = inspect_file(Task("p", str(DEMO_FLAWED / "10-知识产权/专利证书.pdf"), ocr=True))
    t = targets_for(["王晓梅"], ["巴音郭楞日报社"], {})
    assert {k for k, _, _ in find("".join(facts["pdf"]["text"][0].split()), t)} == {"name", "unit"}


@pytest.mark.ocr
def test_scanned_pdf_pages_are_read_like_images(tmp_path):
    pdf = tmp_path / "scan.pdf"
    Image.open(OCR / "name_and_unit.jpg").save(pdf, "PDF", resolution=150)
    facts = inspect_file(Task("s", str(pdf), ocr=True))
    [page] = facts["pdf"]["ocr"]
    assert page["page"] == 1
    assert {h["target"] for h in page_hits(page, targets(LABELS["name_and_unit.jpg"]), 25)} == {"name", "unit"}


def test_ocr_runs_only_where_a_selected_check_reads_text(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "engine", lambda: (_ for _ in ()).throw(AssertionError("OCR ran")))
    folder = tmp_path / "d"
    (folder / "18-个人工作总结").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(DEMO_OK / "18-个人工作总结/个人工作总结.jpg", folder / "18-个人工作总结/总结.jpg")
    check_dossier(folder, Options(select=["F", "I", "L"], jobs=1, use_cache=False))
