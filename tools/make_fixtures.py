"""Make the OCR test fixtures in tests/fixtures/ocr (committed, so the tests need no font).

    python tools/make_fixtures.py

Each page is a small synthetic scan with a known truth, written to labels.json: the applicant's name and unit as
the profile gives them, which targets are visible on the page, and the clockwise turn that makes it upright.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
import documents as d  # noqa: E402
from render import Page, Who, save_jpeg  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/ocr"
A5 = (874, 1240)
TEXT = ("根据自治区职称评审工作的要求，经本单位研究，同意推荐下列同志申报新闻系列中级专业技术任职资格。"
        "公示期间如有异议，请以书面形式向本单位人事部门反映。")


def notice(who: Who, mask, sentence: str, face="serif", size=26) -> Image.Image:
    p = Page(who, size=A5, mask=mask, face=face, body=size, margin=90)
    p.y = 110
    p.title("推荐单位公示", 40)
    p.para(sentence)
    p.para(TEXT)
    p.para("公示时间：2023年8月21日至2023年8月27日。监督电话：0996-2021234。")
    return p.finish(seed=len(sentence))


def pages() -> dict[str, tuple[Image.Image, dict]]:
    wang = Who("王晓梅", "巴音郭楞日报社")
    zhang = Who("张伟明", "和静县融媒体中心")
    ayi = Who("阿依古丽·买买提", "巴州广播电视台")
    out: dict[str, tuple[Image.Image, dict]] = {}

    def add(name, im, who, visible, rotation=0, variants=None):
        out[name] = (im, {"name": who.name, "unit": who.unit, "visible": sorted(visible), "rotation": rotation,
                          "name_variants": variants or []})

    add("name_and_unit.jpg", notice(wang, "none", "现对{N}同志（{U}）申报新闻系列中级专业技术任职资格进行公示。"), wang,
        {"name", "unit"})
    add("covered.jpg", notice(wang, "cover", "现对{N}同志（{U}）申报新闻系列中级专业技术任职资格进行公示。"), wang, set())
    add("see_through.jpg", notice(wang, "translucent", "现对{N}同志申报新闻系列中级专业技术任职资格进行公示。"), wang,
        {"name"})
    add("small_sans_name.jpg", notice(zhang, "none", "申报人：{N}，现任助理记者。", face="sans", size=21), zhang, {"name"})
    spaced = Page(zhang, size=A5, mask="none", face="sans", body=26, margin=90)
    spaced.y = 110
    spaced.title("年度考核登记表", 40)
    spaced.table([["姓    名", "张  伟  明", "性别", "男"], ["单    位", "（已遮盖）", "职务", "记者"]],
                 [0.22, 0.38, 0.15, 0.25], row_h=70)
    spaced.para(TEXT)
    add("spaced_name.jpg", spaced.finish(seed=3), zhang, {"name"})
    add("minority_name.jpg", notice(ayi, "none", "现对{N}同志申报新闻系列中级专业技术任职资格进行公示。"), ayi, {"name"},
        variants=["阿依古丽"])
    split = Page(wang, size=A5, mask="none", face="serif", body=28, margin=90)
    split.y = 110
    split.title("个人承诺书", 40)
    split.para(TEXT)
    split.y += 60
    split.text_at(420, split.y, "承诺人：王", 30)
    split.text_at(600, split.y, "晓梅", 30)  # the signature's given name written apart: two boxes, one row
    add("split_name.jpg", split.finish(seed=4), wang, {"name"})
    add("abbreviated_unit.jpg", notice(Who("王晓梅", "巴州日报社"), {"name": "cover", "unit": "none"},
                                       "现对{N}同志（{U}）申报新闻系列中级专业技术任职资格进行公示。"), wang, {"unit"})
    # a name broken at the end of a justified line, the middle dot ending the first line
    erxat = Who("艾日夏提·牙生", "巴音郭楞日报社")
    wrapped = Page(erxat, size=A5, mask={"name": "none", "unit": "cover"}, face="serif", body=26, margin=90)
    wrapped.y = 110
    wrapped.title("个人工作总结", 40)
    first = wrapped.fill_to("本单位融媒体项目由{N<5}", wrapped.width - 52, 26, "任现职以来，")
    wrapped.justified([first, "{N>5}同志负责，完成了客户端改版和短视频栏目的策划。"])
    wrapped.para(TEXT)
    add("wrapped_name.jpg", wrapped.finish(seed=5), erxat, {"name"})
    # a unit wrapped inside a narrow table cell (年度考核登记表: 工作单位)
    jiaozi = Who("王晓梅", "成都交子金融控股集团有限公司")
    cell = Page(jiaozi, size=A5, mask={"name": "cover", "unit": "none"}, face="sans", body=24, margin=70)
    cell.y = 110
    cell.title("年度考核登记表", 40)
    cell.table([["姓名", "{N}", "性别", "女"], ["工作单位", "{U<10}\n{U>10}", "职务", "记者"],
                ["出生年月", "1988.05", "政治面貌", "党员"]], [0.2, 0.4, 0.16, 0.24], row_h=110)
    cell.para(TEXT)
    add("wrapped_unit_cell.jpg", cell.finish(seed=6), jiaozi, {"unit"})
    # the unit without its legal-form suffix
    add("suffixless_unit.jpg", notice(jiaozi, {"name": "cover", "unit": "none"},
                                      "现对成都交子金融控股集团推荐的{N}同志申报经济系列中级职称进行公示。"), jiaozi, {"unit"})
    # near misses: units sharing only the place prefix, the tail or the parent; people sharing surname or given
    # name; a name's halves in two rows of a table, across its border
    near = Page(wang, size=A5, mask="cover", face="serif", body=24, margin=80)
    near.y = 110
    near.title("推荐单位公示", 40)
    near.para("经巴音郭楞职业技术学院、和硕县融媒体中心推荐，中共巴音郭楞蒙古自治州委员会宣传部审核，"
              "现对李晓梅、王建华两位同志申报新闻系列中级专业技术任职资格进行公示。")
    near.table([["联系人", "人事科科长王"], ["通讯地址", "晓梅路18号院"]], [0.3, 0.7], row_h=44, size=24)
    near.para(TEXT)
    add("near_miss_unit.jpg", near.finish(seed=7), wang, set())
    plain = notice(wang, "cover", "现对本单位一名同志申报新闻系列中级专业技术任职资格进行公示。")
    add("no_name.jpg", plain, wang, set())
    for turn in (90, 180, 270):
        add(f"turned_{turn}.jpg", plain.rotate(turn, expand=True), wang, set(), rotation=turn)
    card = d.id_back(wang).resize((640, 403))
    add("sparse_card_turned_90.jpg", card.rotate(90, expand=True), wang, set(), rotation=90)
    add("blank.jpg", Image.new("RGB", A5, (248, 248, 245)), wang, set(), rotation=None)
    return out


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    labels = {}
    for name, (im, label) in pages().items():
        save_jpeg(im, OUT / name, quality=70)
        labels[name] = label
    (OUT / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.iterdir())
    print(f"{len(labels)} fixtures, {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
