"""Make the demo dossiers examples/demo-ok and examples/demo-flawed.

    python tools/make_demo.py            # needs fonts-noto-cjk / fonts-wqy-microhei, and reportlab for the PDF
    python tools/make_demo.py --fields   # only demo-flawed's pages for the documents check

demo-ok is a complete 中级 dossier of a fictional applicant (王晓梅, 巴音郭楞日报社): every page upright, every
name and unit covered with an opaque box (the ID card and photo are masking-exempt). demo-flawed is the same
applicant with the defects listed in FLAWS below; the tests expect exactly those to be found.
"""

from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

from PIL import Image, ImageFilter

sys.path.insert(0, str(Path(__file__).parent))
import documents as d  # noqa: E402
from render import Who, save_jpeg  # noqa: E402

ROOT = Path(__file__).resolve().parents[1] / "examples"
WHO = Who("王晓梅", "巴音郭楞日报社")

PROFILE = """\
# 示例申报人（虚构）。dossiercheck init 生成的模板里有每一项的说明。
name: 王晓梅
name_variants: []
unit: 巴音郭楞日报社
unit_variants: [巴州日报社]
gender: 女
ethnicity: 汉族
political_status: 中共党员
id_number: "652801198805120026"
level: 中级
application_type: 评审
current_title: 助理记者
current_title_date: 2018-07-01
target_title: 记者
title_obtained_in: 新疆
unit_level: 州级
unit_county: 库尔勒市
aid_to_xinjiang: false
transferred_from_organ: false
special_service: false
continuing_education_exempt: false
has_intellectual_property: {ip}
work_started: 2010-07
appraisals:
  2020: 合格
  2021: {a2021}
  2022: 合格
work_history:
{history}
"""
HISTORY_OK = """\
  - {from: 2010-07, to: 2014-06, unit: 巴音郭楞日报社, post: 见习记者}
  - {from: 2014-07, to: 2019-12, unit: 巴音郭楞日报社, post: 记者}
  - {from: 2020-01, to: 至今, unit: 巴音郭楞日报社, post: 记者（新媒体部）}"""
# starts a year late (R101) and leaves 2015 out (R102)
HISTORY_FLAWED = """\
  - {from: 2011-07, to: 2014-06, unit: 巴音郭楞日报社, post: 见习记者}
  - {from: 2016-01, to: 2019-12, unit: 巴音郭楞日报社, post: 记者}
  - {from: 2020-01, to: 至今, unit: 巴音郭楞日报社, post: 记者（新媒体部）}"""


def ok_pages() -> dict[str, Image.Image]:
    pages = {
        "01-身份证/身份证-正面.jpg": d.id_front(WHO),
        "01-身份证/身份证-反面.jpg": d.id_back(WHO),
        "02-一寸照片/一寸照片.jpg": d.photo(),
        "04-学历学位证书/本科毕业证书.jpg": d.diploma(WHO),
        "04-学历学位证书/学士学位证书.jpg": d.degree(WHO),
        "05-学历备案表或学籍档案/学信网备案表.jpg": d.chsi(WHO),
        "06-专业技术资格/任职资格文件.jpg": d.qualification_decision(WHO),
        "06-专业技术资格/职称证书.jpg": d.title_certificate(WHO),
        "08-代表作品/代表作品1.jpg": d.news_article(WHO),
        "11-论文/1-期刊封面.jpg": d.journal_cover(WHO),
        "11-论文/2-目录.jpg": d.journal_contents(WHO),
        "11-论文/3-论文正文.jpg": d.journal_article(WHO),
        "11-论文/4-期刊封底.jpg": d.journal_back(WHO),
        "11-论文/5-版权页.jpg": d.journal_copyright(WHO),
        "11-论文/6-检索报告.jpg": d.search_report(WHO),
        "12-个人承诺书/个人承诺书.jpg": d.commitment(WHO),
        "18-个人工作总结/个人工作总结.jpg": d.work_summary(WHO),
        "19-推荐单位公示/推荐单位公示.jpg": d.publicity(WHO),
        "20-推荐单位公示结果/推荐单位公示结果.jpg": d.publicity_result(WHO),
    }
    for i, year in enumerate(range(2019, 2024)):
        pages[f"14-继续教育-公需科目/{year}公需科目.jpg"] = d.ce_certificate(WHO, year, "公需科目", seed=30 + i)
    for i, year in enumerate(range(2021, 2024)):
        pages[f"15-继续教育-专业科目/{year}专业科目.jpg"] = d.ce_certificate(WHO, year, "专业科目", seed=40 + i)
    for i, year in enumerate(range(2020, 2023)):
        pages[f"17-年度考核表/{year}年度考核表-正面.jpg"] = d.appraisal_front(WHO, year, seed=50 + i)
        pages[f"17-年度考核表/{year}年度考核表-反面.jpg"] = d.appraisal_back(WHO, year, seed=60 + i)
    return pages


def patent_pdf(path: Path, leak: bool) -> None:
    """A patent certificate as a PDF with a text layer; with ``leak`` the name is in the text under a black box."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("WQY", 26)
    c.drawCentredString(A4[0] / 2, 720, "实用新型专利证书")
    c.setFont("WQY", 14)
    lines = ["实用新型名称：一种便携式新闻采访录音支架", "专利号：ZL 2021 2 0123456.7",
             f"专利权人：{WHO.unit}", f"发明人：{WHO.name}", "授权公告日：2021年10月12日"]
    y = 640
    for text in lines:
        c.drawString(90, y, text)
        if leak and (WHO.name in text or WHO.unit in text):
            label = text.split("：")[0] + "："
            x = 90 + pdfmetrics.stringWidth(label, "WQY", 14)
            c.rect(x - 2, y - 4, pdfmetrics.stringWidth(text, "WQY", 14) - x + 94, 20, fill=1)
        y -= 36
    c.save()


def write(folder: Path, pages: dict[str, Image.Image], profile: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for rel, im in pages.items():
        save_jpeg(im, folder / rel, quality=60 if im.width > 900 else 85)
    (folder / "applicant.yaml").write_text(profile, encoding="utf-8")


def make_ok() -> None:
    write(ROOT / "demo-ok", ok_pages(),
          PROFILE.replace("{ip}", "false").replace("{a2021}", "合格").replace("{history}", HISTORY_OK))


# Each defect of demo-flawed, with the finding it must produce (tests/test_demo.py reads this list's files).
FLAWS = {
    "05-学历备案表或学籍档案": "P101 missing: no CHSI record",
    "12-个人承诺书": "P101 missing: no commitment",
    "06-专业技术资格/职称证书.jpg": "P103 removed: only 1 of the 2 qualification documents",
    "14-继续教育-公需科目/2021公需科目.jpg": "P301 removed: no 2021 public-course certificate",
    "17-年度考核表/2022年度考核表-反面.jpg": "P303 removed: 2022 appraisal without its back page",
    "微信图片_20230901.jpg": "P401 a blank page at the top, matching no item (and L103 blank)",
    "applicant.yaml": "R101 history starts 2011-07, work began 2010-07; R102 gap in 2015; R105 2021 基本合格",
    "08-代表作品/代表作品2.jpg": "F101/F102 a PNG named .jpg",
    "04-学历学位证书/学士学位证书.jpg": "O101 stored sideways with EXIF orientation 6",
    "17-年度考核表/2020年度考核表-反面.jpg": "L102 blurred",
    "21-其他证明材料/荣誉证书.jpg": "L101 scanned at too low a resolution",
    "02-一寸照片/一寸照片.jpg": "C201 a greyscale photo",
    "09-获奖证书/获奖证书.jpg": "I102 truncated JPEG (an interrupted copy)",
    "06-专业技术资格/任职资格文件.jpg": "F104 CMYK JPEG",
    "21-其他证明材料/表彰文件.jpg": "C302 the same bytes as 08-代表作品/代表作品1.jpg (a copy in another slot)",
    "14-继续教育-公需科目/2019公需科目.jpg": "O201 page turned 90° in its pixels",
    "19-推荐单位公示/推荐单位公示.jpg": "K101/K102 name and unit not covered",
    "11-论文/3-论文正文.jpg": "K102 unit not covered (name covered)",
    "20-推荐单位公示结果/推荐单位公示结果.jpg": "K104 translucent masks",
    "18-个人工作总结/个人工作总结.jpg": "K101 name in the work summary (本人/本单位 hint)",
    "10-知识产权/专利证书.pdf": "K103 name and unit in the PDF's text layer under black boxes",
    "09-获奖证书/获奖证书2.jpg": "C101 an appraisal form filed as an award certificate",
    "17-年度考核表/2021年度考核表-反面.jpg": "D112 the page says 合格, applicant.yaml 基本合格",
    # pages added for the documents check (tools/field_documents.py); `python tools/make_demo.py --fields` writes
    # only these, leaving every other demo file as it is
    "15-继续教育-专业科目/2021专业科目-2.jpg": "D102 a 公需 certificate in the 专业 folder; D103 2021 公需 20 < 30 学时",
    "14-继续教育-公需科目/2020公需科目-补.jpg": "D101 the page says 2019年度",
    "17-年度考核表/2020年度考核表-反面（复印件）.jpg": "D111 the page says 2019年度; D113 不合格 postpones two years",
    "19-推荐单位公示/推荐单位公示-2.jpg": "D121 4 working days over 国庆; D125 初级; D126 two applicants; D127 ends "
                                    "after the online deadline",
    "20-推荐单位公示结果/推荐单位公示结果-2.jpg": "D122 dated before it ends; D123 not the publicity's dates; D124 7 days "
                                            "stated, 5 counted",
}


def field_pages() -> dict[str, Image.Image]:
    """demo-flawed's pages for the documents check: one of each mismatch. The ID card's and the commitment's are in
    the test fixtures only: a third card file or a commitment would change demo-flawed's presence findings."""
    import random
    from datetime import date

    import field_documents as fd

    pages = {
        "15-继续教育-专业科目/2021专业科目-2.jpg": fd.ce_certificate(WHO, 2021, "公需科目", 20, seed=91),
        "14-继续教育-公需科目/2020公需科目-补.jpg": fd.ce_certificate(WHO, 2019, "公需科目", 30, layout="table", seed=92),
        "17-年度考核表/2020年度考核表-反面（复印件）.jpg": fd.appraisal_back(WHO, 2019, "不合格", seed=93),
        "19-推荐单位公示/推荐单位公示-2.jpg": fd.publicity(WHO, date(2023, 9, 27), date(2023, 10, 8), level="初级",
                                                  applicants=2, seed=94),
        "20-推荐单位公示结果/推荐单位公示结果-2.jpg": fd.publicity_result(WHO, date(2023, 8, 21), date(2023, 8, 25), 7,
                                                          date(2023, 8, 24), date_style="fullwidth", seed=95),
    }
    return {rel: fd.scan(im, random.Random(rel), blur=0.6, angle=0.4) for rel, (im, _) in pages.items()}


def make_field_flaws() -> None:
    for rel, im in field_pages().items():
        save_jpeg(im, ROOT / "demo-flawed" / rel, quality=60 if im.width > 900 else 85)


def make_flawed() -> None:
    pages = ok_pages()
    for rel in ("05-学历备案表或学籍档案/学信网备案表.jpg", "12-个人承诺书/个人承诺书.jpg", "06-专业技术资格/职称证书.jpg",
                "14-继续教育-公需科目/2021公需科目.jpg", "17-年度考核表/2022年度考核表-反面.jpg"):
        del pages[rel]
    pages["微信图片_20230901.jpg"] = d.blank_page()
    pages["17-年度考核表/2020年度考核表-反面.jpg"] = pages["17-年度考核表/2020年度考核表-反面.jpg"].filter(
        ImageFilter.GaussianBlur(5))
    low = pages["08-代表作品/代表作品1.jpg"]
    pages["21-其他证明材料/荣誉证书.jpg"] = d.title_certificate(d.Who(WHO.name, WHO.unit)).resize((560, 792))
    pages["14-继续教育-公需科目/2019公需科目.jpg"] = pages["14-继续教育-公需科目/2019公需科目.jpg"].rotate(
        90, expand=True)
    pages["19-推荐单位公示/推荐单位公示.jpg"] = d.publicity(WHO, mask="none")
    pages["11-论文/3-论文正文.jpg"] = d.journal_article(WHO, mask={"name": "cover", "unit": "none"})
    pages["20-推荐单位公示结果/推荐单位公示结果.jpg"] = d.publicity_result(WHO, mask="translucent")
    pages["18-个人工作总结/个人工作总结.jpg"] = d.work_summary(WHO, mask="none", leak=True)
    pages["09-获奖证书/获奖证书2.jpg"] = d.appraisal_front(WHO, 2021, seed=70)
    photo = pages.pop("02-一寸照片/一寸照片.jpg")
    cmyk = pages.pop("06-专业技术资格/任职资格文件.jpg")
    degree = pages.pop("04-学历学位证书/学士学位证书.jpg")
    png = d.news_article(WHO, seed=80)
    folder = ROOT / "demo-flawed"
    write(folder, pages, PROFILE.replace("{ip}", "true").replace("{a2021}", "基本合格").replace("{history}",
                                                                                               HISTORY_FLAWED))
    save_jpeg(photo.convert("L"), folder / "02-一寸照片/一寸照片.jpg", quality=85)
    save_jpeg(cmyk.convert("CMYK"), folder / "06-专业技术资格/任职资格文件.jpg", quality=60)
    # Stored turned a quarter to the left; the EXIF tag (6 = turn 90° clockwise to view) makes phones show it upright.
    exif = Image.Exif()
    exif[0x0112] = 6
    save_jpeg(degree.rotate(90, expand=True), folder / "04-学历学位证书/学士学位证书.jpg", quality=60, exif=exif)
    png_path = folder / "08-代表作品/代表作品2.jpg"
    png.convert("L").save(png_path, "PNG", optimize=True)
    shutil.copyfile(folder / "08-代表作品/代表作品1.jpg", folder / "21-其他证明材料/表彰文件.jpg")
    buf = io.BytesIO()
    save_jpeg(low.resize((620, 877)), folder / "09-获奖证书/_tmp.jpg")
    data = (folder / "09-获奖证书/_tmp.jpg").read_bytes()
    (folder / "09-获奖证书/_tmp.jpg").unlink()
    (folder / "09-获奖证书/获奖证书.jpg").write_bytes(data[: len(data) * 2 // 3])
    del buf
    (folder / "10-知识产权").mkdir(exist_ok=True)
    patent_pdf(folder / "10-知识产权/专利证书.pdf", leak=True)
    make_field_flaws()


if __name__ == "__main__":
    if "--fields" in sys.argv:
        make_field_flaws()
    else:
        make_ok()
        make_flawed()
    total = sum(p.stat().st_size for p in ROOT.rglob("*") if p.is_file())
    print(f"examples: {total / 1e6:.1f} MB")
