"""Documents whose fields are read (continuing-education certificates, appraisal forms, publicity and its result,
ID card fronts, commitments), drawn in several layouts and fonts at any resolution, with the true values known.

Used by tools/make_field_fixtures.py (committed test scans), tools/make_demo.py (demo-flawed's added pages) and
benchmarks/eval_fields.py. Every function returns (image, truth); sizes scale with ``dpi`` (150 = the demo's A4).
Needs a CJK font (see render.py).
"""

from __future__ import annotations

import io
import random
from datetime import date

from PIL import Image, ImageFilter
from render import Page, Who

ISSUER = "巴音郭楞蒙古自治州人力资源和社会保障局"
CN_DIGIT = "〇一二三四五六七八九"
CN_SMALL = {20: "二十", 24: "二十四", 30: "三十", 36: "三十六", 40: "四十", 45: "四十五", 60: "六十", 72: "七十二",
            90: "九十", 12: "十二", 15: "十五", 18: "十八", 10: "十", 8: "八", 6: "六"}
FACES = ("sans", "serif", "hei")


def cn_year(y: int) -> str:
    return "".join(CN_DIGIT[int(c)] for c in str(y))


def fullwidth(s: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)


def cn_num(n: int) -> str:
    if n in CN_SMALL:
        return CN_SMALL[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGIT[tens] if tens > 1 else "") + ("十" if tens else "") + (CN_DIGIT[ones] if ones else "")


def write_year(y: int, style: str) -> str:
    return {"digits": str(y), "fullwidth": fullwidth(str(y)), "cn": cn_year(y)}[style]


def write_date(d: date, style: str = "digits") -> str:
    if style == "cn":
        return f"{cn_year(d.year)}年{cn_num(d.month)}月{cn_num(d.day)}日"
    s = f"{d.year}年{d.month}月{d.day}日"
    return fullwidth(s) if style == "fullwidth" else s


class Sheet(Page):
    """A Page whose coordinates and sizes are given at 150 dpi and scaled to ``dpi``."""

    def __init__(self, who: Who, dpi=150, landscape=False, face="sans", body=28, margin=130, **kw):
        self.k = k = dpi / 150
        size = (1754, 1240) if landscape else (1240, 1754)
        super().__init__(who, size=(int(size[0] * k), int(size[1] * k)), face=face, body=int(body * k),
                         margin=int(margin * k), **kw)
        self.y = int(self.y)

    def at(self, x, y, text, size=None, **kw):
        return self.text_at(int(x * self.k), int(y * self.k), text, int((size or self.body / self.k) * self.k), **kw)

    def skip(self, px):
        self.y += int(px * self.k)

    def sz(self, size):
        return int(size * self.k)

    def seal_at(self, cx, cy, r=110):
        self.seal(int(cx * self.k), int(cy * self.k), int(r * self.k))


def scan(im: Image.Image, rnd: random.Random, blur=0.6, angle=0.4, jpeg=None) -> Image.Image:
    """The look of a scan: small rotation, softness, and JPEG noise."""
    bg = im.getpixel((2, 2))
    im = im.rotate(rnd.uniform(-angle, angle), resample=Image.BICUBIC, fillcolor=bg)
    if blur:
        im = im.filter(ImageFilter.GaussianBlur(blur * im.width / 1240))
    if jpeg:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=jpeg)
        im = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return im


def ce_certificate(who: Who, year: int, kind="公需科目", hours=30, *, dpi=150, face="sans", layout="paragraph",
                   year_style="digits", hours_style="digits", trap=False, seed=0):
    """A continuing-education certificate. ``hours_style``: digits, cn (三十学时) or credits (学分 with its rate);
    ``trap``: a regulation's year in the body and an issue date in the next year."""
    p = Sheet(who, dpi, landscape=layout == "landscape", face=face, body=30)
    p.border(color=(40, 110, 60), width=p.sz(14))
    y_txt = write_year(year, year_style)
    if hours_style == "cn":
        h_txt = f"{cn_num(hours)}学时"
    elif hours_style == "credits":
        h_txt = f"{hours // 3}学分"
    else:
        h_txt = f"{fullwidth(str(hours)) if year_style == 'fullwidth' else hours}学时"
    p.y = p.sz(240)
    p.title("专业技术人员继续教育合格证书", p.sz(46))
    p.skip(50)
    basis = "根据《专业技术人员继续教育规定》（2015年），" if trap else ""
    if layout == "table":
        p.para(f"{basis}兹证明{{N}}同志完成继续教育学习，经考核成绩合格。")
        p.skip(20)
        p.table([["学习年度", f"{y_txt}年度"], ["科目类别", kind], ["完成学时", h_txt]], [0.3, 0.7], row_h=p.sz(72))
    else:
        p.para(f"{basis}{{N}}同志于{y_txt}年度参加专业技术人员继续教育{kind}学习，完成{h_txt}，经考核成绩合格，特发此证。")
    if hours_style == "credits":
        p.line("（1学分=3学时）", indent=p.sz(80))
    p.skip(40)
    p.line(f"证书编号：BZJJ{year}{hours:03d}{seed % 10000:04d}", indent=p.sz(80))
    p.skip(60)
    issued = date(year + 1, 1, 10) if trap else date(year, 12, 20)
    p.line(ISSUER, indent=int(p.width * 0.25))
    p.line(write_date(issued, year_style if year_style != "fullwidth" else "digits"), indent=int(p.width * 0.45))
    p.seal(int(p.im.width * 0.7), p.y - p.sz(80), p.sz(100))
    truth = {"year": year, "subject": "公需" if "公需" in kind else "专业", "hours": hours}
    return p.im, truth


RESULT_ROWS = ("table", "sentence")


def appraisal_back(who: Who, year: int, result="合格", *, dpi=150, face="sans", layout="table", year_style="digits",
                   seed=0):
    p = Sheet(who, dpi, face=face, body=26)
    p.y = p.sz(150)
    y_txt = write_year(year, year_style)
    p.title(f"年度考核登记表（{y_txt}年度）", p.sz(36))
    if layout == "table":
        p.table([["主管领导评语", f"该同志{y_txt}年度工作认真负责，完成了各项任务。"], ["考核等次", result],
                 ["本人意见", "同意"]], [0.3, 0.7], row_h=p.sz(100))
    else:
        p.para(f"主管领导评语：该同志{y_txt}年度工作认真负责，完成了各项任务。")
        p.para(f"考核结果：{result}")
        p.para("本人意见：同意")
    p.skip(60)
    p.line("单位负责人签字：            （单位盖章）", indent=p.sz(200))
    p.line(write_date(date(year + 1, 1, 15), "digits" if year_style == "fullwidth" else year_style),
           indent=p.sz(560))
    p.seal(p.sz(860), p.y + p.sz(40), p.sz(100))
    return p.im, {"year": year, "result": result}


def publicity(who: Who, start: date, end: date, *, level="中级", applicants=1, dpi=150, face="serif",
              date_style="digits", short_end=False, seed=0):
    """附件1. ``applicants`` > 1 lists further (masked) applicants with their masked ID numbers."""
    p = Sheet(who, dpi, face=face, body=27)
    p.y = p.sz(170)
    p.title("推荐单位公示", p.sz(46))
    p.para(f"根据自治区职称评审工作的要求，现对{{N}}同志申报新闻系列{level}专业技术任职资格进行公示。")
    p.para("基本信息：女，汉族，身份证号6528011988******26，现任助理记者。")
    for i in range(1, applicants):
        p.para(f"{{N}}同志，男，身份证号65280119{90 + i}******1{i}，现任助理记者，申报{level}。")
    p.para("业绩成果：近五年采写新闻稿件六百余篇，发表论文一篇。")
    end_txt = write_date(end, date_style)
    if short_end and end.year == start.year:
        end_txt = end_txt.split("年", 1)[1]
    p.para(f"公示时间从{write_date(start, date_style)}起至{end_txt}止。如对上述人员的相关信息有疑异，请以书面形式反映至"
           "本单位人事办公室。")
    p.skip(80)
    p.line("{U}（公章）", indent=p.sz(500))
    p.line(write_date(start, "digits"), indent=p.sz(560))
    p.seal(p.sz(850), p.y - p.sz(60), p.sz(100))
    return p.im, {"period": [start.isoformat(), end.isoformat()], "level": level, "applicants": applicants,
                  "signed": start.isoformat()}


def publicity_result(who: Who, start: date, end: date, days: int, signed: date, *, level="中级", dpi=150,
                     face="serif", date_style="digits", seed=0):
    p = Sheet(who, dpi, face=face, body=28)
    p.y = p.sz(170)
    p.title("推荐单位公示结果", p.sz(46))
    p.para(f"{{N}}同志申报材料于{write_date(start, date_style)}至{write_date(end, date_style)}在本单位公示{days}个工作日，"
           f"公示无异议，未收到投诉、举报，同意推荐该同志申报新闻系列{level}专业技术任职资格。")
    p.skip(120)
    p.line("推荐单位名称（公章）：{U}", indent=p.sz(360))
    p.line(write_date(signed, date_style), indent=p.sz(560))
    p.seal(p.sz(850), p.y - p.sz(60), p.sz(100))
    return p.im, {"period": [start.isoformat(), end.isoformat()], "days": days, "level": level,
                  "signed": signed.isoformat(), "applicants": 1}


def id_front(who: Who, number: str, *, gender="女", dpi=150, face="hei", seed=0):
    """The photo side of an ID card (85.6 × 54 mm), birth date taken from the number."""
    k = dpi / 150
    p = Page(who, size=(int(506 * k * 2), int(319 * k * 2)), mask="none", face=face, body=int(30 * k),
             margin=int(60 * k), tone=238)
    p.draw.rectangle((0, 0, p.im.width, p.im.height), fill=(225, 236, 240))
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    rows = [("姓名", who.name), ("性别", f"{gender}      民族  汉"),
            ("出生", f"{born.year} 年 {born.month} 月 {born.day} 日"), ("住址", "新疆库尔勒市人民东路"),
            ("", "12号院3栋2单元501室")]
    y = 70
    for label, value in rows:
        p.text_at(int(70 * k), int(y * k), label, int(26 * k), fill=(60, 90, 140))
        p.text_at(int(170 * k), int((y - 4) * k), value, int(32 * k))
        y += 74
    p.text_at(int(70 * k), int(520 * k), "公民身份号码", int(26 * k), fill=(60, 90, 140))
    p.text_at(int(280 * k), int(514 * k), number, int(36 * k))
    p.draw.rectangle((int(720 * k), int(90 * k), int(950 * k), int(412 * k)), fill=(200, 205, 215))
    return p.im, {"id_number": number, "birth": born.isoformat(), "gender": gender}


SENTENCE = ("本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致。如申请人提交弄虚作假确认材料的，"
            "一经查实，不予受理确认申报或取消已确认的资格，并从申报年度下一年起3年内，不得申报专业技术资格。")


def commitment(who: Who, *, sentence=True, signed=True, fingerprint=True, dpi=150, face="serif", seed=0):
    p = Sheet(who, dpi, face=face, body=30)
    p.y = p.sz(220)
    p.title("个人承诺书", p.sz(50))
    p.skip(40)
    p.para(SENTENCE if sentence else "本人自愿申报新闻系列专业技术职务任职资格，特此说明。")
    p.skip(120)
    p.line("承诺人（签字）：" + ("{N}" if signed else ""), indent=p.sz(520))
    p.line("2023年9月5日", indent=p.sz(600))
    if fingerprint:
        cx, cy = p.sz(1020), p.y - p.sz(170)
        for r in range(p.sz(44), p.sz(4), -p.sz(7)):  # ridges of a finger-print
            p.draw.ellipse((cx - r * 0.8, cy - r, cx + r * 0.8, cy + r), outline=(200, 40, 45), width=p.sz(4))
        p.draw.ellipse((cx - p.sz(8), cy - p.sz(10), cx + p.sz(8), cy + p.sz(10)), fill=(200, 40, 45))
    return p.im, {"sentence": sentence, "signature": signed, "fingerprint": fingerprint}

