"""Pages drawn independently of tools/ and benchmarks/phone/, for benchmarks/eval_outside.py.

    python benchmarks/outside/gen.py [--out DIR] [masking] [sort] [sorthard] [traps]

Draws invented Chinese documents with Pillow (own layouts and wording: both sides of an ID card, 毕业证书,
学士学位证书, 学信网备案表, 职称证书, 任职资格文件, both sides of a 年度考核登记表, 继续教育 certificates, a 论文's
cover, 目次, pages, back cover, 版权页 and 文献检索证明, 个人承诺书, 个人工作总结, 推荐单位公示 and 公示结果, 代表作品,
荣誉证书, a name broken over a line, another person's certificate), recording where the applicant's name and unit
are written and whether they are left readable, covered (black, white, grey marker, mosaic, partly) or left out.
Each page becomes a scan or a phone photo on a desk (OpenCV: tilt, keystone, uneven light, blur, JPEG; some turned
90/180/270°). Written by someone else, independently of the project's own drawing code (tools/, benchmarks/phone/)
and of the dossiercheck package, none of which it imports.

Writes under DIR (default: dossiercheck-outside in the system temp folder), each with applicant.yaml and truth:
masking/ (73 pages filed in item folders, manifest.json), sortpile/ (37 IMG_xxxx.jpg photos, manifest.json),
sortpile-hard/ (19 harsher 微信图片_….jpg photos, manifest.json), traps/ (a clean scanned dossier and 11 variants
with one trap each, manifest.json). Default: all four. Everything is seeded (SEED): the same files every run.

Fonts: Noto Sans/Serif CJK SC Regular and Bold (Debian: fonts-noto-cjk) and WenQuanYi Micro Hei (Debian:
fonts-wqy-microhei).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import zlib
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 20231
DEFAULT_OUT = Path(tempfile.gettempdir()) / "dossiercheck-outside"
PARTS = ("masking", "sort", "sorthard", "traps")

FONTS = {
    "sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    "sansb": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
    "serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
    "serifb": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    "wqy": ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
}
FONT_PACKAGES = {"sans": "fonts-noto-cjk", "sansb": "fonts-noto-cjk", "serif": "fonts-noto-cjk",
                 "serifb": "fonts-noto-cjk", "wqy": "fonts-wqy-microhei"}
_fc = {}


def F(name, size):
    k = (name, size)
    if k not in _fc:
        p, i = FONTS[name]
        _fc[k] = ImageFont.truetype(p, size, index=i)
    return _fc[k]


def id_check(s17):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return s17 + "10X98765432"[sum(int(a) * b for a, b in zip(s17, w, strict=True)) % 11]


# ---------------- invented applicant ----------------
APP = dict(
    name="孙雅婷",
    unit="巴音郭楞蒙古自治州广播电视台",
    short="巴州广播电视台",  # derivable via checklist abbreviation 巴音郭楞蒙古自治州 -> 巴州
    gender="女",
    birth=(1991, 3, 15),
    id=id_check("65280119910315042"),
    school="新疆师范大学",
    major="新闻学",
)
OTHERS = ["马建军", "阿依古丽·吐尔逊", "刘洪涛", "陈思远", "买买提·艾力", "周晓燕", "韩立新"]
OTHER_UNITS = ["和静县融媒体中心", "库尔勒市融媒体中心", "轮台县广播电视台", "焉耆县融媒体中心"]


def applicant_yaml():
    return f"""name: {APP['name']}
name_variants: []
unit: {APP['unit']}
unit_variants: []
gender: 女
ethnicity: 汉族
political_status: 中共党员
id_number: "{APP['id']}"
level: 中级
application_type: 评审
current_title: 助理记者
current_title_date: 2018-09-01
target_title: 记者
title_obtained_in: 新疆
unit_level: 州级
unit_county: 库尔勒市
aid_to_xinjiang: false
transferred_from_organ: false
special_service: false
continuing_education_exempt: false
has_intellectual_property: false
work_started: 2013-07
appraisals:
  2020: 合格
  2021: 合格
  2022: 合格
work_history:
  - {{from: 2013-07, to: 至今, unit: {APP['unit']}, post: 记者}}
"""


# ---------------- page canvas with sensitive-span tracking ----------------
class Page:
    def __init__(self, w, h, mode, rng, bg=(252, 251, 247)):
        # mode: dict name->'vis'|'mask'|'absent', unit->same
        self.im = Image.new("RGB", (w, h), bg)
        self.d = ImageDraw.Draw(self.im)
        self.mode = mode
        self.rng = rng
        self.boxes = []  # (kind, bbox, visible)
        self.masks = []

    def text(self, xy, s, font, fill=(20, 20, 20), anchor="la"):
        self.d.text(xy, s, font=font, fill=fill, anchor=anchor)
        return self.d.textbbox(xy, s, font=font, anchor=anchor)

    def sens(self, xy, kind, font, fill=(20, 20, 20), anchor="la", s=None, subst=""):
        """Draw the applicant's name/unit per mode. kind in name|unit|short."""
        key = "unit" if kind in ("unit", "short") else "name"
        m = self.mode.get(key, "vis")
        s = s or {"name": APP["name"], "unit": APP["unit"], "short": APP["short"]}[kind]
        if self.mode.get("spaced") and kind == "name":
            s = "  ".join(s)
        if m == "absent":
            if subst:
                return self.text(xy, subst, font, fill, anchor)
            return None
        bb = self.text(xy, s, font, fill, anchor)
        if m == "mask":
            self.cover(bb)
        self.boxes.append((kind, bb, m == "vis" or (m == "mask" and self.mode.get("style") in ("grey", "partial"))))
        return bb

    def cover(self, bb, pad=None):
        r = self.rng
        pad = pad if pad is not None else r.randint(3, 8)
        x0, y0, x1, y1 = bb
        st = self.mode.get("style", "black")
        box = [int(x0 - pad), int(y0 - pad), int(x1 + pad), int(y1 + pad)]
        if st == "black":
            self.d.rectangle(box, fill=(8, 8, 8))
        elif st == "white":
            self.d.rectangle(box, fill=(255, 255, 255))
        elif st == "grey":  # translucent marker: text still readable
            reg = self.im.crop(box)
            reg = Image.blend(reg, Image.new("RGB", reg.size, (120, 120, 120)), 0.45)
            self.im.paste(reg, box[:2])
        elif st == "mosaic":
            reg = self.im.crop(box)
            small = reg.resize((max(1, reg.width // 14), max(1, reg.height // 14)), Image.BILINEAR)
            self.im.paste(small.resize(reg.size, Image.NEAREST), box[:2])
        elif st == "partial":  # covers roughly the first two thirds only
            self.d.rectangle([box[0], box[1], int(x0 + (x1 - x0) * 0.62), box[3]], fill=(8, 8, 8))
        self.masks.append(bb)

    def para(self, x, y, width, tokens, font, lh=1.7, indent=2, fill=(25, 25, 25)):
        """Lay out mixed tokens [(text, kind|None)] char by char; returns new y."""
        size = font.size
        toks = []
        for t, k in tokens:
            if k:
                key = "unit" if k in ("unit", "short") else "name"
                m = self.mode.get(key, "vis")
                s = {"name": APP["name"], "unit": APP["unit"], "short": APP["short"]}[k]
                if m == "absent":
                    toks.append(({"name": "本人", "unit": "本单位", "short": "本单位"}[k], None, None))
                else:
                    toks.append((s, k, m))
            else:
                toks.append((t, None, None))
        cx = x + indent * size
        cy = y
        spans = []  # (kind, mode, [bboxes per line])
        for s, k, m in toks:
            cur = None
            for ch in s:
                if ch == "\n":
                    cx, cy = x + indent * size, cy + size * lh
                    continue
                w = self.d.textlength(ch, font=font)
                if cx + w > x + width:
                    cx, cy = x, cy + size * lh
                    cur = None
                self.d.text((cx, cy), ch, font=font, fill=fill)
                if k:
                    bb = self.d.textbbox((cx, cy), ch, font=font)
                    if cur is None:
                        cur = list(bb)
                        spans.append((k, m, cur))
                    else:
                        cur[2] = max(cur[2], bb[2])
                        cur[3] = max(cur[3], bb[3])
                        cur[1] = min(cur[1], bb[1])
                cx += w
        for k, m, bb in spans:
            if m == "mask":
                self.cover(bb, pad=3)
            self.boxes.append((k, tuple(bb), m == "vis" or (m == "mask" and self.mode.get("style") in ("grey", "partial"))))
        return cy + size * lh

    def table(self, x, y, colw, rowh, rows, font, lw=2):
        """rows: list of list of cells; cell = str or (kind,) sensitive or (str, span)"""
        cy = y
        for row in rows:
            cx = x
            for i, cell in enumerate(row):
                w = colw[i]
                self.d.rectangle([cx, cy, cx + w, cy + rowh], outline=(30, 30, 30), width=lw)
                if isinstance(cell, tuple):
                    self.sens((cx + 12, cy + rowh / 2), cell[0], font, anchor="lm")
                elif cell:
                    self.text((cx + 12, cy + rowh / 2), cell, font, anchor="lm")
                cx += w
            cy += rowh
        return cy

    def seal(self, cx, cy, r, text="", fnt="sans"):
        col = (200, 30, 30)
        self.d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=col, width=max(3, r // 18))
        # star
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = r * 0.28 if i % 2 == 0 else r * 0.11
            pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
        self.d.polygon(pts, fill=col)
        if text:
            f = F(fnt, max(12, r // 6))
            n = len(text)
            for i, ch in enumerate(text):
                a = math.pi + (i + 0.5) * math.pi / n  # upper arc, left to right
                tx, ty = cx + r * 0.74 * math.cos(a), cy + r * 0.74 * math.sin(a)
                self.d.text((tx, ty), ch, font=f, fill=col, anchor="mm")

    def thumb(self, x0, y0, x1, y1):
        # red fingerprint-ish blob
        for i in range(12):
            self.d.ellipse([x0 + i * 2, y0 + i * 2, x1 - i * 2, y1 - i * 2], outline=(190, 40, 50), width=2)


def A4(mode, rng):
    return Page(1240, 1754, mode, rng)


def pick(rng, *opts):
    return rng.choice(opts)


def cn_date(y, m, d):
    return f"{y}年{m}月{d}日"


# ---------------- documents ----------------
def doc_id_front(mode, rng, **kw):
    p = Page(1012, 638, mode, rng, bg=(236, 240, 238))
    fl, fv = F("sans", 26), F("serif", 30)
    # light pattern
    for i in range(0, 1012, 24):
        p.d.line([(i, 0), (i + 300, 638)], fill=(228, 234, 232), width=1)
    p.text((60, 70), "姓 名", fl, (70, 110, 150))
    p.sens((170, 66), "name", fv)
    p.text((60, 140), "性 别", fl, (70, 110, 150))
    p.text((170, 136), APP["gender"], fv)
    p.text((290, 140), "民 族", fl, (70, 110, 150))
    p.text((390, 136), "汉", fv)
    y, m, d = APP["birth"]
    p.text((60, 210), "出 生", fl, (70, 110, 150))
    p.text((170, 206), f"{y}  年  {m}  月  {d}  日", fv)
    p.text((60, 280), "住 址", fl, (70, 110, 150))
    p.text((170, 276), "新疆库尔勒市萨依巴格街道", fv)
    p.text((170, 326), "石化大道88号7栋2单元301室", fv)
    p.text((60, 520), "公民身份号码", fl, (70, 110, 150))
    p.text((290, 514), APP["id"], F("sans", 36))
    # portrait
    p.d.rectangle([700, 80, 940, 390], fill=(225, 232, 240))
    p.d.ellipse([760, 130, 880, 270], fill=(225, 190, 160))
    p.d.ellipse([755, 115, 885, 200], fill=(40, 30, 25))
    p.d.pieslice([700, 270, 940, 500], 180, 360, fill=(60, 60, 90))
    return p


def doc_id_back(mode, rng, **kw):
    p = Page(1012, 638, mode, rng, bg=(236, 240, 238))
    p.seal(150, 150, 95)
    p.text((600, 120), "中华人民共和国", F("serifb", 50), (30, 30, 30), "mm")
    p.text((600, 230), "居 民 身 份 证", F("serifb", 64), (30, 30, 30), "mm")
    p.text((150, 440), "签发机关", F("sans", 28), (70, 110, 150))
    p.text((320, 436), "库尔勒市公安局", F("serif", 30))
    p.text((150, 520), "有效期限", F("sans", 28), (70, 110, 150))
    p.text((320, 516), "2016.08.21-2036.08.21", F("serif", 30))
    return p


def doc_diploma(mode, rng, **kw):
    p = Page(1754, 1240, mode, rng, bg=(250, 247, 238))
    p.d.rectangle([40, 40, 1714, 1200], outline=(150, 110, 40), width=10)
    p.d.rectangle([62, 62, 1692, 1178], outline=(150, 110, 40), width=2)
    f = pick(rng, "serifb", "sansb")
    p.text((877, 190), "普 通 高 等 学 校", F(f, 56), (120, 30, 30), "mm")
    p.text((877, 280), "毕 业 证 书", F(f, 80), (120, 30, 30), "mm")
    body = F(pick(rng, "serif", "sans"), 36)
    y, m, d = APP["birth"]
    toks = [("学生", None), ("", "name"), (f"，性别{APP['gender']}，{y}年{m}月{d}日生，于二〇〇九年九月至二〇一三年六月"
             f"在本校{APP['major']}专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。", None)]
    p.para(260, 420, 1240, toks, body, lh=1.9)
    p.text((1200, 900), f"校  名：{APP['school']}", F("serif", 34))
    p.text((1200, 960), "校（院）长：何志平", F("serif", 34))
    p.text((1200, 1020), "二〇一三年六月三十日", F("serif", 34))
    p.seal(1340, 930, 110, "新疆师范大学")
    p.text((260, 1080), "证书编号：107621201305002718", F("sans", 28))
    p.d.rectangle([260, 700, 460, 960], outline=(150, 150, 150), width=2)
    return p


def doc_degree(mode, rng, **kw):
    p = Page(1754, 1240, mode, rng, bg=(249, 249, 244))
    p.d.rectangle([50, 50, 1704, 1190], outline=(110, 20, 40), width=8)
    p.text((877, 220), "学 士 学 位 证 书", F(pick(rng, "serifb", "sansb"), 82), (110, 20, 40), "mm")
    y, m, d = APP["birth"]
    toks = [("", "name"), (f"，{APP['gender']}，{y}年{m}月{d}日生。在{APP['school']}{APP['major']}专业完成了本科学习计划，"
            "业已毕业，经审核符合《中华人民共和国学位条例》的规定，授予文学学士学位。", None)]
    p.para(240, 420, 1280, toks, F(pick(rng, "serif", "wqy"), 38), lh=1.9)
    p.text((1050, 880), "新疆师范大学学位评定委员会", F("serif", 34))
    p.text((1050, 940), "主席：何志平", F("serif", 34))
    p.text((1050, 1000), "二〇一三年六月三十日", F("serif", 34))
    p.seal(1250, 900, 105, "学位评定委员会")
    p.text((240, 1080), "证书编号：1076242013001893", F("sans", 28))
    return p


def doc_chsi(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 140), "教育部学历证书电子注册备案表", F("sansb", 50), anchor="mm")
    p.text((90, 230), "更新日期：2023年08月19日        在线验证码：A7KQ 3M9D XP2L 6WHT", F("sans", 24), (90, 90, 90))
    f = F("sans", 28)
    y, m, d = APP["birth"]
    rows = [["姓名", ("name",), "性别", APP["gender"]],
            ["出生日期", f"{y}年{m:02d}月{d:02d}日", "民族", "汉族"],
            ["证件号码", APP["id"], "", ""],
            ["学校名称", APP["school"], "层次", "本科"],
            ["专业", APP["major"], "学制", "4年"],
            ["学历类别", "普通高等教育", "学习形式", "普通全日制"],
            ["入学日期", "2009年09月01日", "毕（结）业日期", "2013年06月30日"],
            ["证书编号", "107621201305002718", "毕（结）业", "毕业"],
            ["校（院）长姓名", "何志平", "", ""]]
    y0 = p.table(90, 300, [220, 430, 220, 190], 86, rows, f)
    p.text((90, y0 + 60), "说明：本备案表仅证明学历证书已在学信网进行电子注册，可登录 www.chsi.com.cn", F("sans", 24), (80, 80, 80))
    p.text((90, y0 + 100), "输入在线验证码进行查询验证，有效期内验证有效。", F("sans", 24), (80, 80, 80))
    p.d.rectangle([900, 320, 1150, 560], fill=(220, 220, 230))
    return p


def doc_cert(mode, rng, **kw):
    p = A4(mode, rng)
    p.d.rectangle([100, 140, 1140, 1600], outline=(130, 30, 30), width=6)
    p.text((620, 290), pick(rng, "专业技术资格证书", "专业技术职务资格证书"), F(pick(rng, "serifb", "sansb"), 58), (130, 30, 30), "mm")
    f = F(pick(rng, "sans", "serif", "wqy"), 32)
    rows = [["姓    名", ("name",)], ["性    别", APP["gender"]], ["工作单位", ("unit",)],
            ["资格名称", "助理记者"], ["专业名称", "新闻采编"], ["批准时间", "2018年9月1日"],
            ["评审委员会", "巴州新闻系列初级职称评审委员会"], ["证书编号", "XJ-BZ-2018-XW-0417"]]
    p.table(170, 420, [240, 660], 96, rows, f)
    p.seal(900, 1350, 120, "巴州人力资源和社会保障局")
    p.text((620, 1520), "（本证书由发证机关盖章后生效）", F("sans", 24), (100, 100, 100), "mm")
    return p


def doc_decision(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 170), "巴音郭楞蒙古自治州人力资源和社会保障局文件", F("serifb", 44), (200, 20, 20), "mm")
    p.d.line([(100, 240), (1140, 240)], fill=(200, 20, 20), width=4)
    p.text((620, 285), "巴人社职〔2018〕27号", F("sans", 28), anchor="mm")
    p.text((620, 380), "关于认定张文博等同志新闻专业", F("serifb", 40), anchor="mm")
    p.text((620, 440), "初级专业技术资格的通知", F("serifb", 40), anchor="mm")
    body = F(pick(rng, "serif", "sans"), 30)
    y = p.para(110, 520, 1020, [("各有关单位：", None)], body, indent=0)
    y = p.para(110, y, 1020, [("根据自治区职称工作有关规定，经新闻系列初级职称评审委员会评审通过，现认定以下同志具备"
                                "助理记者专业技术资格，资格取得时间为2018年9月1日。现予公布。", None)], body)
    f = F("sans", 28)
    rows = [["序号", "姓名", "工作单位", "资格名称"],
            ["1", "张文博", "和静县融媒体中心", "助理记者"],
            ["2", ("name",), ("unit",), "助理记者"],
            ["3", rng.choice(OTHERS), "轮台县广播电视台", "助理编辑"]]
    y = p.table(110, y + 30, [100, 220, 500, 200], 70, rows, f)
    p.text((800, y + 140), "巴州人力资源和社会保障局", F("serif", 30))
    p.text((820, y + 190), "2018年9月10日", F("serif", 30))
    p.seal(960, y + 160, 110)
    return p


def doc_appraisal_front(mode, rng, year=2021, **kw):
    p = A4(mode, rng)
    t = pick(rng, f"事业单位工作人员年度考核登记表（{year}年度）", f"{year}年度事业单位工作人员考核登记表")
    p.text((620, 150), t, F("sansb", 40), anchor="mm")
    f = F(pick(rng, "sans", "wqy"), 26)
    y, m, _ = APP["birth"]
    rows = [["姓名", ("name",), "性别", APP["gender"], "出生年月", f"{y}.{m:02d}"],
            ["政治面貌", "中共党员", "文化程度", "大学本科", "现任职务", "记者"],
            ["工作单位", ("short",), "", "", "专技职务", "助理记者"]]
    y0 = p.table(80, 220, [150, 200, 130, 120, 160, 320], 80, rows, f)
    p.d.rectangle([80, y0, 1160, 1640], outline=(30, 30, 30), width=2)
    p.text((100, y0 + 20), "个人总结", F("sansb", 28))
    body = F(pick(rng, "serif", "sans"), 25)
    yy = p.para(110, y0 + 80, 1020, [(f"{year}年，本人在单位党组的领导下，认真学习贯彻党的路线方针政策，严格遵守各项规章制度。"
        "全年共采写各类稿件一百二十余篇，其中多篇被自治区级媒体转载。积极参与重大主题宣传报道，"
        "深入基层一线，完成了春耕生产、乡村振兴、民族团结一家亲等专题采访任务。", None)], body)
    yy = p.para(110, yy + 10, 1020, [("在工作中注重学习新媒体业务，参与策划短视频作品十余部，努力提高采编能力。"
        "存在的不足是理论学习还不够深入，今后将继续加强学习，努力把工作做得更好。", None)], body)
    p.text((760, 1560), "本人签字：", F("sans", 28))
    return p


def doc_appraisal_back(mode, rng, year=2021, **kw):
    p = A4(mode, rng)
    f = F(pick(rng, "sans", "serif"), 28)
    x0, x1 = 80, 1160
    secs = [("主管领导评语", 360, "该同志政治立场坚定，工作认真负责，能够按时完成各项采编任务，业务能力较强，团结同事。"),
            ("考核等次", 150, "合格"),
            ("单位负责人意见", 330, "同意考核等次为合格。"),
            ("本人意见", 250, "同意。"),
            ("备注", 150, "")]
    y = 120
    for name, h, txt in secs:
        p.d.rectangle([x0, y, x1, y + h], outline=(30, 30, 30), width=2)
        p.d.line([(x0 + 230, y), (x0 + 230, y + h)], fill=(30, 30, 30), width=2)
        p.para(x0 + 15, y + 20, 200, [(name, None)], f, indent=0, lh=1.4)
        if txt:
            p.para(x0 + 250, y + 25, 800, [(txt, None)], f, indent=0)
        if name in ("单位负责人意见",):
            p.text((x0 + 560, y + h - 110), "单位盖章", f)
            p.text((x0 + 560, y + h - 60), cn_date(year + 1, 1, rng.randint(8, 25)), f)
            p.seal(x0 + 660, y + h - 110, 90)
        if name == "本人意见":
            p.text((x0 + 560, y + h - 60), "签名：", f)
        y += h
    return p


def doc_ce(mode, rng, year=2021, kind="公需科目", hours=None, **kw):
    p = A4(mode, rng)
    col = pick(rng, (30, 100, 60), (30, 60, 130), (140, 40, 40))
    p.d.rectangle([120, 300, 1120, 1300], outline=col, width=7)
    p.text((620, 420), pick(rng, "继续教育合格证书", "专业技术人员继续教育证书", "继续教育学时证明"), F(pick(rng, "sansb", "serifb"), 50), col, "mm")
    hours = hours or (30 if kind == "公需科目" else 60)
    f = F(pick(rng, "sans", "serif", "wqy"), 32)
    y = p.para(180, 520, 880, [("", "name"), (f"同志于{year}年度参加了专业技术人员继续教育{kind}学习，"
                                               f"完成{hours}学时，经考核成绩合格，特发此证。", None)], f)
    ff = F("sans", 28)
    p.text((180, y + 40), f"学习年度：{year}年", ff)
    p.text((180, y + 90), f"科目类别：{kind}", ff)
    p.text((180, y + 140), f"证书编号：JXJY{year}{rng.randint(100000, 999999)}", ff)
    p.text((640, 1160), "巴州专业技术人员继续教育基地", F("serif", 28))
    p.text((700, 1210), cn_date(year, 12, rng.randint(1, 28)), F("serif", 28))
    p.seal(820, 1150, 95)
    return p


def doc_cover(mode, rng, **kw):
    p = A4(mode, rng, )
    c = pick(rng, (25, 70, 120), (120, 30, 40), (30, 100, 90))
    p.d.rectangle([0, 0, 1240, 520], fill=c)
    p.text((90, 160), "新疆新闻研究", F("sansb", 110), (255, 255, 255))
    p.text((95, 330), "XINJIANG JOURNALISM RESEARCH", F("sans", 36), (230, 230, 230))
    p.text((90, 620), "2022年第4期  总第96期", F("sans", 44), (30, 30, 30))
    p.text((90, 700), "ISSN 1672-3851    CN 65-1291/G2", F("sans", 34), (60, 60, 60))
    p.text((90, 840), "本期要目", F("sansb", 44), c)
    items = ["融媒体时代县级台的转型路径", "边疆地区主题报道的叙事创新", "短视频新闻的真实性边界", "基层记者队伍建设的思考"]
    for i, s in enumerate(items):
        p.text((110, 930 + i * 70), "■ " + s, F("serif", 36))
    p.d.rectangle([0, 1500, 1240, 1754], fill=(235, 235, 235))
    return p


def doc_contents(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 140), "目    次", F("sansb", 56), anchor="mm")
    f = F(pick(rng, "serif", "sans"), 28)
    entries = [("融媒体时代县级台的转型路径", "刘洪涛", 3), ("边疆地区主题报道的叙事创新", None, 9),
               ("短视频新闻的真实性边界", "陈思远", 15), ("基层记者队伍建设的思考", "周晓燕", 21),
               ("数据新闻在地方媒体中的应用", "马建军", 27), ("广播节目主持人的语言艺术", "韩立新", 33),
               ("新媒体环境下的舆论引导", "买买提·艾力", 39)]
    y = 260
    for t, a, pg in entries:
        p.text((110, y), t, f)
        if a:
            p.text((760, y), a, f)
        else:
            p.sens((760, y), "name", f)
        p.text((1060, y), "……" + str(pg), f)
        y += 80
    return p


def doc_article(mode, rng, page_no=1, **kw):
    p = A4(mode, rng)
    p.text((110, 70), "新疆新闻研究  2022年第4期", F("sans", 22), (100, 100, 100))
    p.d.line([(110, 105), (1130, 105)], fill=(80, 80, 80), width=2)
    body = F(pick(rng, "serif", "sans", "wqy"), 26)
    y = 140
    if page_no == 1:
        p.text((620, 190), "边疆地区主题报道的叙事创新", F("sansb", 46), anchor="mm")
        small = F("sans", kw.get("author_size", 26))
        p.sens((620, 260), "name", small, anchor="mm")
        y = 300
        if p.mode.get("unit") != "absent":
            p.para(110, y, 1020, [("（", None), ("", "unit"), ("，新疆 库尔勒 841000）", None)], F("sans", kw.get("author_size", 26) - 4), indent=8)
        y = 360
        y = p.para(110, y, 1020, [("摘要：主题报道是党媒的重要任务。本文以本台近年的系列报道为例，分析边疆地区主题报道在"
                                   "选题、叙事视角和传播渠道方面的创新做法，提出以小切口讲好大主题的思路。", None)], body, indent=0)
        y = p.para(110, y, 1020, [("关键词：主题报道；叙事；融媒体；边疆", None)], body, indent=0)
    paras = ["近年来，各级媒体围绕重大主题开展了大量报道实践。从传播效果看，宏大叙事容易与受众产生距离，"
             "而以普通人的故事切入，更能引起共鸣。",
             "一、选题从基层出发。记者深入农牧区、社区和企业，捕捉群众生产生活中的变化，用细节反映时代发展。",
             "二、叙事视角的转换。在报道中减少概念化表述，多用人物对话和现场描写，让新闻更有温度。",
             "三、传播渠道的融合。同一题材按照报纸、广播、短视频等不同终端分别制作，实现一次采集、多元生成、多渠道发布。"]
    for s in paras * (2 if page_no > 1 else 1):
        y = p.para(110, y + 6, 1020, [(s, None)], body)
    if page_no > 1:
        y = p.para(110, y + 20, 1020, [("参考文献：", None)], body, indent=0)
        y = p.para(110, y, 1020, [("[1] 李良荣. 新闻学概论[M]. 上海：复旦大学出版社，2018.", None)], F("sans", 22), indent=0)
    p.text((620, 1700), str(9 + page_no - 1), F("sans", 22), anchor="mm")
    return p


def doc_backcover(mode, rng, **kw):
    p = A4(mode, rng)
    c = pick(rng, (25, 70, 120), (120, 30, 40))
    p.d.rectangle([0, 0, 1240, 1754], fill=(240, 236, 228))
    p.d.rectangle([100, 200, 1140, 1100], fill=c)
    p.text((620, 650), "讲好新疆故事  传播好新疆声音", F("serifb", 52), (255, 255, 255), "mm")
    p.text((620, 1300), "ISSN 1672-3851  CN 65-1291/G2", F("sans", 32), anchor="mm")
    p.text((620, 1370), "国内定价：15.00元", F("sans", 36), anchor="mm")
    p.d.rectangle([900, 1450, 1100, 1600], fill=(30, 30, 30))
    return p


def doc_copyright(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 200), "新疆新闻研究", F("sansb", 52), anchor="mm")
    p.text((620, 270), "（双月刊  2005年创刊）", F("sans", 28), anchor="mm")
    f = F(pick(rng, "sans", "serif"), 28)
    lines = ["2022年第4期  总第96期", "主管单位：新疆维吾尔自治区新闻工作者协会", "主办单位：新疆新闻研究杂志社",
             "编辑出版：《新疆新闻研究》编辑部", "主    编：王立平", "地    址：乌鲁木齐市新华北路168号",
             "邮政编码：830002", "出版日期：2022年8月25日", "刊    期：双月刊", "国际标准连续出版物号：ISSN 1672-3851",
             "国内统一连续出版物号：CN 65-1291/G2", "版权所有，未经许可不得转载"]
    for i, s in enumerate(lines):
        p.text((260, 380 + i * 66), s, f)
    return p


def doc_search(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 150), "文献检索证明", F("sansb", 50), anchor="mm")
    f = F("sans", 26)
    rows = [["题    名", "边疆地区主题报道的叙事创新"], ["作    者", ("name",)], ["作者单位", ("unit",)],
            ["来    源", "新疆新闻研究，2022（4）：9-12"], ["检索数据库", "中国知网（CNKI）"], ["收录情况", "全文收录"]]
    y = p.table(110, 260, [250, 770], 80, rows, f)
    p.para(110, y + 40, 1020, [("经检索，上述论文已被中国知网中国学术期刊网络出版总库全文收录。特此证明。", None)], F("serif", 28))
    p.text((700, y + 260), "检索人：陈  静", F("serif", 28))
    p.text((700, y + 310), "新疆大学图书馆信息咨询部", F("serif", 28))
    p.text((700, y + 360), "2023年8月30日", F("serif", 28))
    p.seal(900, y + 320, 95)
    return p


def doc_commitment(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 180), "个人承诺书", F("sansb", 56), anchor="mm")
    f = F(pick(rng, "serif", "sans", "wqy"), 30)
    y = p.para(110, 300, 1020, [("本人郑重承诺：本人所提交的申报材料及所填写的信息真实有效、准确完整，所提供的学历、"
        "资历、业绩成果等证明材料均真实可靠，不存在弄虚作假行为。如有不实，本人自愿承担由此产生的一切后果，"
        "并接受相关部门的处理。", None)], f)
    p.text((620, y + 250), "承诺人（签字）：", F("sans", 30))
    hand = F("wqy", 44)
    p.sens((870, y + 236), "name", hand, fill=(20, 30, 90))
    p.thumb(1000, y + 200, 1080, y + 300)
    p.text((700, y + 340), "2023年9月2日", F("sans", 30))
    return p


def doc_summary(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 150), pick(rng, "任现职以来个人工作总结", "专业技术工作总结"), F("sansb", 46), anchor="mm")
    f = F(pick(rng, "serif", "sans"), 27)
    y = p.para(100, 250, 1040, [("本人于2013年7月参加工作，进入", None), ("", "short"),
        ("从事新闻采编工作，2018年取得助理记者专业技术资格。任现职以来，本人始终坚持正确的政治方向和舆论导向，"
         "认真履行岗位职责，现将工作情况总结如下。", None)], f)
    y = p.para(100, y + 8, 1040, [("一、思想政治方面。认真学习党的理论，积极参加单位组织的各项学习活动，不断提高政治素养。", None)], f)
    y = p.para(100, y + 8, 1040, [("二、业务工作方面。任现职以来共采写、编辑新闻稿件六百余篇，多篇作品获得州级新闻奖。"
        "作为主创人员参与了多项重大主题报道，深入南疆乡村开展蹲点采访。", None)], f)
    y = p.para(100, y + 8, 1040, [("三、继续学习方面。按要求完成继续教育公需科目和专业科目学习，在省级期刊发表论文一篇。", None)], f)
    y = p.para(100, y + 8, 1040, [("今后，", None), ("", "name"), ("将继续努力，争取在新闻业务上取得更大进步。", None)], f)
    p.text((800, y + 120), "2023年8月28日", F("sans", 28))
    return p


def doc_publicity(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 160), "推荐单位公示", F("sansb", 54), anchor="mm")
    f = F(pick(rng, "serif", "sans", "wqy"), 29)
    y = p.para(100, 260, 1040, [("根据2023年度自治州新闻系列职称工作安排，经本单位研究，拟推荐", None), ("", "name"),
        ("同志申报记者专业技术职务任职资格，现将其基本信息及业绩成果予以公示。", None)], f)
    y = p.para(100, y + 8, 1040, [("姓名：", None), ("", "name"), ("；工作单位：", None), ("", "unit"),
        ("；现任职务：助理记者（2018年9月取得）；申报职务：记者。", None)], f, indent=0)
    y = p.para(100, y + 8, 1040, [("公示时间：2023年9月5日至2023年9月11日（共5个工作日）。如对公示内容有异议，"
        "请在公示期内以书面形式向本单位人事部门反映。监督电话：0996-2012345。", None)], f)
    p.text((720, y + 150), "", f)
    p.sens((720, y + 150), "unit", F("sans", 29), subst="（推荐单位盖章）")
    p.text((760, y + 210), "2023年9月5日", F("sans", 29))
    p.seal(880, y + 170, 95)
    return p


def doc_publicity_result(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((620, 160), "推荐单位公示结果", F("sansb", 54), anchor="mm")
    f = F(pick(rng, "serif", "sans"), 30)
    y = p.para(100, 270, 1040, [("本单位于2023年9月5日至9月11日对拟推荐申报记者专业技术职务任职资格的", None), ("", "name"),
        ("同志进行了公示。公示期间未收到任何异议。经研究，同意推荐该同志参加2023年度新闻系列中级职称评审。", None)], f)
    y = p.para(100, y + 8, 1040, [("特此说明。", None)], f)
    p.sens((700, y + 150), "unit", F("sans", 30), subst="推荐单位（盖章）")
    p.text((760, y + 210), "2023年9月12日", F("sans", 30))
    p.seal(880, y + 170, 95)
    return p


def doc_works(mode, rng, **kw):
    p = A4(mode, rng)
    p.text((110, 80), "巴音郭楞日报  2022年6月18日  星期六  第一版", F("sans", 24), (90, 90, 90))
    p.d.line([(110, 120), (1130, 120)], fill=(30, 30, 30), width=3)
    p.text((620, 200), "万亩棉田迎来机采季", F("sansb", 60), anchor="mm")
    f = F(pick(rng, "serif", "sans"), 27)
    y = p.para(110, 300, 1020, [("本报讯（记者 ", None), ("", "name"), (" 通讯员 马建军）连日来，尉犁县各乡镇的棉田里，"
        "一台台采棉机来回穿梭，一派繁忙景象。据介绍，今年全县棉花种植面积达八十余万亩，机采率超过九成。", None)], f)
    for _ in range(3):
        y = p.para(110, y + 6, 1020, [("记者在现场看到，采棉机所到之处，雪白的棉花被迅速收入机舱。种植户表示，"
            "机械化采收大大降低了成本，也让农民有更多时间从事其他生产。据了解，当地还建成了多个智能化轧花厂。", None)], f)
    p.text((700, y + 80), "（原载《巴音郭楞日报》）", F("sans", 24))
    p.seal(900, y + 200, 95)
    return p


def doc_award(mode, rng, **kw):
    p = Page(1754, 1240, mode, rng, bg=(252, 248, 235))
    p.d.rectangle([40, 40, 1714, 1200], outline=(190, 140, 30), width=12)
    p.text((877, 230), "荣 誉 证 书", F("serifb", 90), (170, 30, 30), "mm")
    p.para(250, 420, 1250, [("", "name"), ("同志：", None)], F("serif", 40), indent=0)
    p.para(250, 520, 1250, [("你采写的作品《万亩棉田迎来机采季》荣获2022年度巴州新闻奖消息类二等奖。特发此证，以资鼓励。", None)], F("serif", 40))
    p.text((1050, 950), "巴州新闻工作者协会", F("serif", 36))
    p.text((1070, 1010), "二〇二三年三月", F("serif", 36))
    p.seal(1230, 960, 110)
    return p


def doc_wrapname(mode, rng, **kw):
    """Running text where the name breaks across two lines."""
    p = A4(mode, rng)
    p.text((620, 160), "推荐单位公示", F("sansb", 54), anchor="mm")
    f = F(pick(rng, "serif", "sans"), 30)
    n = 30
    pre = "经单位研究并报主管部门同意，现拟推荐本单位新闻部记者"
    pre = (pre * 2)[: n - 2 - 1]
    y = p.para(100, 260, n * 30 + 2, [(pre, None), ("", "name"), ("同志申报记者专业技术职务任职资格，现将有关情况公示如下。", None)], f, indent=2)
    y = p.para(100, y + 8, n * 30 + 2, [("公示时间：2023年9月5日至2023年9月11日。如有异议，请于公示期内向单位人事部门反映。监督电话：0996-2012345。", None)], f)
    p.text((760, y + 210), "2023年9月5日", F("sans", 29))
    p.seal(880, y + 170, 95)
    return p


def doc_other_person(mode, rng, **kw):
    """A certificate of a DIFFERENT person with a similar name and a similar unit (negative)."""
    p = A4(mode, rng)
    col = (30, 100, 60)
    p.d.rectangle([120, 300, 1120, 1300], outline=col, width=7)
    p.text((620, 420), "培训结业证书", F("sansb", 50), col, "mm")
    f = F("serif", 32)
    y = p.para(180, 520, 880, [("孙雅琴同志于2022年参加巴音郭楞蒙古自治州广播电视大学举办的融媒体业务培训班，"
                                "完成全部课程，准予结业。", None)], f)
    p.text((180, y + 60), "指导教师：孙雅", F("sans", 28))
    p.text((640, 1160), "巴音郭楞蒙古自治州广播电视大学", F("serif", 28))
    p.text((700, 1210), "2022年11月20日", F("serif", 28))
    p.seal(820, 1150, 95)
    return p


DOCS = {
    "id_front": (doc_id_front, "id-card", "front"), "id_back": (doc_id_back, "id-card", "back"),
    "diploma": (doc_diploma, "diploma", None), "degree": (doc_degree, "diploma", None),
    "chsi": (doc_chsi, "diploma-verification", "chsi"), "cert": (doc_cert, "qualification", "certificate"),
    "decision": (doc_decision, "qualification", "decision"),
    "appr_front": (doc_appraisal_front, "appraisal", "front"), "appr_back": (doc_appraisal_back, "appraisal", "back"),
    "ce_public": (lambda m, r, **k: doc_ce(m, r, kind="公需科目", **k), "ce-public", None),
    "ce_prof": (lambda m, r, **k: doc_ce(m, r, kind="专业科目", **k), "ce-professional", None),
    "cover": (doc_cover, "papers", "cover"), "contents": (doc_contents, "papers", "contents"),
    "article": (doc_article, "papers", "article"), "backcover": (doc_backcover, "papers", "back-cover"),
    "copyright": (doc_copyright, "papers", "copyright"), "search": (doc_search, "papers", "search-report"),
    "commitment": (doc_commitment, "commitment", None), "summary": (doc_summary, "summary", None),
    "publicity": (doc_publicity, "publicity", None), "pub_result": (doc_publicity_result, "publicity-result", None),
    "works": (doc_works, "works", None), "award": (doc_award, "awards", None),
    "wrapname": (doc_wrapname, "publicity", None), "otherperson": (doc_other_person, "other", None),
}
FOLDER = {"id-card": "01-身份证", "diploma": "04-学历学位证书", "diploma-verification": "05-学历备案表或学籍档案",
          "qualification": "06-专业技术资格", "works": "08-代表作品", "awards": "09-获奖证书", "papers": "11-论文",
          "commitment": "12-个人承诺书", "ce-public": "14-继续教育-公需科目", "ce-professional": "15-继续教育-专业科目",
          "appraisal": "17-年度考核表", "summary": "18-个人工作总结", "publicity": "19-推荐单位公示",
          "publicity-result": "20-推荐单位公示结果", "photo": "02-一寸照片", "other": "21-其他证明材料"}


# ---------------- capture: scan / phone photo ----------------
def desk(w, h, rng):
    kind = rng.choice(["wood", "gray", "cloth"])
    nr = np.random.default_rng(rng.randint(0, 10**9))
    if kind == "wood":
        base = np.array([120, 85, 55], np.float32) * rng.uniform(0.8, 1.2)
        ys = np.arange(h)[:, None]
        xs = np.arange(w)[None, :]
        grain = np.sin(ys * 0.05 + np.sin(xs * 0.004) * 8) * 12 + nr.normal(0, 6, (h, w))
        img = base[None, None, :] + grain[..., None]
    elif kind == "gray":
        base = np.array([150, 150, 155], np.float32) * rng.uniform(0.6, 1.1)
        img = base[None, None, :] + nr.normal(0, 5, (h, w, 1))
    else:
        base = np.array([60, 70, 100], np.float32) * rng.uniform(0.8, 1.3)
        img = base[None, None, :] + (nr.normal(0, 10, (h // 4 + 1, w // 4 + 1, 1)).repeat(4, 0).repeat(4, 1)[:h, :w])
    return np.clip(img, 0, 255).astype(np.uint8)


def phone(page_im, rng, tilt=None, turn=0, harsh=False):
    """Simulate a phone photo. Returns (PIL image, params)."""
    src = np.array(page_im.convert("RGB"))[:, :, ::-1]
    h, w = src.shape[:2]
    # scale so the long side of the page is ~1500-1900 px
    s = (rng.uniform(1000, 1250) if harsh else rng.uniform(1500, 1900)) / max(h, w)
    src = cv2.resize(src, (int(w * s), int(h * s)), interpolation=cv2.INTER_AREA)
    h, w = src.shape[:2]
    margin = int(max(h, w) * (rng.uniform(0.25, 0.4) if harsh else rng.uniform(0.10, 0.22)))
    W, H = w + 2 * margin, h + 2 * margin
    tilt = tilt if tilt is not None else rng.uniform(2, 12) * rng.choice([-1, 1])
    cx, cy = W / 2 + rng.uniform(-0.03, 0.03) * W, H / 2 + rng.uniform(-0.03, 0.03) * H
    a = math.radians(tilt)
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]], np.float32)
    R = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    dst = corners @ R.T + np.array([cx, cy], np.float32)
    # perspective: shrink one edge (camera not parallel)
    k = rng.uniform(0.08, 0.15) if harsh else rng.uniform(0.02, 0.08)
    side = rng.randint(0, 3)
    j = dst.copy()
    e = [(0, 1), (1, 2), (2, 3), (3, 0)][side]
    mid = (dst[e[0]] + dst[e[1]]) / 2
    for i in e:
        j[i] = dst[i] + (mid - dst[i]) * k
    j += np.array([[rng.uniform(-1, 1) * 0.01 * w, rng.uniform(-1, 1) * 0.01 * h] for _ in range(4)], np.float32)
    M = cv2.getPerspectiveTransform(np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32), j.astype(np.float32))
    bg = desk(W, H, rng)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (W, H))
    # soft shadow under the page
    sh = cv2.GaussianBlur(cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (W, H),
                                              ), (0, 0), 15)
    sh = np.roll(np.roll(sh, 12, 0), 10, 1).astype(np.float32) / 255
    out = bg.astype(np.float32) * (1 - 0.35 * sh[..., None])
    m = (mask.astype(np.float32) / 255)[..., None]
    out = out * (1 - m) + warped.astype(np.float32) * m
    # uneven light: linear gradient + vignette + warm/cool cast
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    ang = rng.uniform(0, 2 * math.pi)
    g = ((xx - W / 2) * math.cos(ang) + (yy - H / 2) * math.sin(ang)) / max(W, H)
    light = 1 + g * rng.uniform(0.3, 0.7)
    vig = 1 - rng.uniform(0.1, 0.3) * (((xx - W / 2) / W) ** 2 + ((yy - H / 2) / H) ** 2) * 2
    light = light * vig * (rng.uniform(0.55, 0.7) if harsh else rng.uniform(0.8, 1.0))
    cast = np.array([rng.uniform(0.9, 1.0), rng.uniform(0.95, 1.0), rng.uniform(0.95, 1.05)], np.float32)
    out = out * light[..., None] * cast[None, None, :]
    # a dark shadow blob (hand/phone) sometimes
    if rng.random() < 0.3:
        bx, by = rng.uniform(0, W), rng.uniform(0, H)
        blob = np.exp(-(((xx - bx) ** 2 + (yy - by) ** 2) / (2 * (0.25 * W) ** 2)))
        out *= (1 - 0.3 * blob)[..., None]
    nr = np.random.default_rng(rng.randint(0, 10**9))
    out = out + nr.normal(0, rng.uniform(2, 5), out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    sig = rng.uniform(1.2, 1.7) if harsh else rng.uniform(0.4, 1.1)
    out = cv2.GaussianBlur(out, (0, 0), sig)
    if turn:
        out = np.ascontiguousarray(np.rot90(out, k={90: 1, 180: 2, 270: 3}[turn]))
    im = Image.fromarray(out[:, :, ::-1])
    return im, dict(tilt=round(tilt, 1), turn=turn, blur=round(sig, 2))


def scan(page_im, rng):
    im = page_im.convert("RGB")
    ang = rng.uniform(-0.8, 0.8)
    im = im.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=(250, 250, 250))
    arr = np.array(im).astype(np.float32)
    nr = np.random.default_rng(rng.randint(0, 10**9))
    arr = arr * rng.uniform(0.96, 1.0) + nr.normal(0, 2, arr.shape)
    im = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.5))
    return im, dict(tilt=round(ang, 1), turn=0)


def save_jpg(im, path, rng, q=None):
    path.parent.mkdir(parents=True, exist_ok=True)
    q = q or rng.randint(60, 85)
    im.save(path, "JPEG", quality=q)
    return q


def render(doc, mode, rng, **kw):
    fn = DOCS[doc][0]
    return fn(mode, rng, **kw)


# ---------------- datasets ----------------
VIS = {"name": "vis", "unit": "vis"}
MASK = {"name": "mask", "unit": "mask"}
ABS = {"name": "absent", "unit": "absent"}


def build_masking(rng, out):
    root = out / "masking"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "applicant.yaml").write_text(applicant_yaml(), encoding="utf-8")
    types = ["diploma", "degree", "chsi", "cert", "decision", "appr_front", "ce_public", "article", "contents",
             "search", "commitment", "summary", "publicity", "pub_result", "works", "award"]
    man = []
    n = 0
    for t in types:
        conds = [("vis", "scan"), ("vis", "phone"), ("mask", rng.choice(["scan", "phone"]))]
        if t in ("appr_front", "cert", "decision", "publicity", "summary", "search"):
            conds.append(("unitonly", "phone"))
        for cond, cap in conds:
            n += 1
            mode = {"vis": VIS, "mask": MASK, "unitonly": {"name": "mask", "unit": "vis"}}[cond]
            kw = {}
            if t in ("appr_front", "ce_public"):
                kw["year"] = 2021
            if t == "article" and cond == "vis" and cap == "scan":
                kw["author_size"] = 18  # small author line
            page = render(t, mode, rng, **kw)
            turn = 0
            if cap == "phone":
                turn = rng.choices([0, 90, 180, 270], [0.7, 0.1, 0.1, 0.1])[0]
                im, prm = phone(page.im, rng, turn=turn)
            else:
                im, prm = scan(page.im, rng)
            item = DOCS[t][1]
            yr = "2021" if t in ("appr_front", "ce_public") else ""
            suffix = "-正面" if t == "appr_front" else ""
            fname = f"{yr}m{n:02d}-{t}-{cond}-{cap}{suffix}.jpg"
            rel = f"{FOLDER[item]}/{fname}"
            q = save_jpg(im, root / rel, rng)
            vis_kinds = sorted({k for k, _, v in page.boxes if v})
            man.append(dict(file=rel, doc=t, item=item, cond=cond, capture=cap, visible=vis_kinds,
                            positive=bool(vis_kinds), masked=len(page.masks), jpeg_q=q, **prm))
    # ---- harder cases
    hard = [("cert", {"name": "vis", "unit": "absent", "spaced": True}, "spaced", "scan", {}),
            ("cert", {"name": "vis", "unit": "absent", "spaced": True}, "spaced", "phone", {}),
            ("chsi", {"name": "vis", "unit": "vis", "spaced": True}, "spaced", "phone", {}),
            ("wrapname", VIS, "wrap", "scan", {}),
            ("wrapname", VIS, "wrap", "phone", {}),
            ("ce_public", dict(MASK, style="grey"), "greymask", "scan", {"year": 2021}),
            ("cert", dict(MASK, style="grey"), "greymask", "phone", {}),
            ("ce_public", dict(MASK, style="partial"), "partialmask", "scan", {"year": 2021}),
            ("cert", dict(MASK, style="partial"), "partialmask", "phone", {}),
            ("ce_public", dict(MASK, style="white"), "whiteout", "scan", {"year": 2021}),
            ("cert", dict(MASK, style="mosaic"), "mosaic", "phone", {}),
            ("summary", dict(MASK, style="mosaic"), "mosaic", "scan", {}),
            ("otherperson", ABS, "otherperson", "scan", {}),
            ("otherperson", ABS, "otherperson", "phone", {}),
            ("decision", ABS, "absent", "phone", {}),
            ("article", {"name": "vis", "unit": "vis"}, "smallsteep", "phone", {"author_size": 20, "_tilt": 12}),
            ("appr_front", VIS, "steep", "phone", {"year": 2021, "_tilt": -12}),
            ("ce_public", VIS, "upside", "phone", {"year": 2021, "_turn": 180}),
            ("publicity", VIS, "sideways", "phone", {"_turn": 90}),
            ]
    for t, mode, cond, cap, kw in hard:
        n += 1
        kw = dict(kw)
        tilt, turn = kw.pop("_tilt", None), kw.pop("_turn", None)
        page = render(t, mode, rng, **kw)
        if cap == "phone":
            turn = turn if turn is not None else rng.choices([0, 90, 180, 270], [0.7, 0.1, 0.1, 0.1])[0]
            im, prm = phone(page.im, rng, tilt=tilt, turn=turn)
        else:
            im, prm = scan(page.im, rng)
        item = DOCS[t][1]
        yr = "2021" if t in ("appr_front", "ce_public") else ""
        suffix = "-正面" if t == "appr_front" else ""
        rel = f"{FOLDER[item]}/{yr}m{n:02d}-{t}-{cond}-{cap}{suffix}.jpg"
        q = save_jpg(im, root / rel, rng)
        vis_kinds = sorted({k for k, _, v in page.boxes if v})
        man.append(dict(file=rel, doc=t, item=item, cond=cond, capture=cap, visible=vis_kinds,
                        positive=bool(vis_kinds), masked=len(page.masks), jpeg_q=q, hard=True, **prm))
    (root / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=1), encoding="utf-8")
    return man


def build_sort(rng, out):
    root = out / "sortpile"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "applicant.yaml").write_text(applicant_yaml(), encoding="utf-8")
    plan = [("id_front", {}), ("id_back", {}), ("diploma", {}), ("degree", {}), ("chsi", {}), ("cert", {}),
            ("decision", {}), ("works", {}), ("works", {}), ("award", {}),
            ("cover", {}), ("contents", {}), ("article", {"page_no": 1}), ("article", {"page_no": 2}),
            ("backcover", {}), ("copyright", {}), ("search", {}), ("commitment", {}), ("summary", {}),
            ("publicity", {}), ("pub_result", {})]
    plan += [("ce_public", {"year": y}) for y in range(2019, 2024)]
    plan += [("ce_prof", {"year": y}) for y in range(2021, 2024)]
    for y in (2020, 2021, 2022):
        plan += [("appr_front", {"year": y}), ("appr_back", {"year": y})]
    # extra: a 2nd photo of a CE cert taken again (duplicate), an extra article page
    plan += [("article", {"page_no": 3}), ("ce_public", {"year": 2022, "_dup": True})]
    order = list(range(len(plan)))
    rng.shuffle(order)
    man = []
    for idx, i in enumerate(order):
        t, kw = plan[i]
        kw = dict(kw)
        dup = kw.pop("_dup", False)
        pr = random.Random(SEED + (i if not dup else plan.index(("ce_public", {"year": 2022}))))
        mode = pr.choice([VIS, VIS, MASK])
        page = render(t, mode, pr, **kw)
        turn = rng.choices([0, 90, 180, 270], [0.7, 0.1, 0.1, 0.1])[0]
        im, prm = phone(page.im, rng, turn=turn)
        name = f"IMG_{4101 + idx * rng.randint(1, 3):04d}.jpg"
        while (root / name).exists():
            name = name.replace(".jpg", "_1.jpg")
        q = save_jpg(im, root / name, rng)
        man.append(dict(file=name, doc=t, item=DOCS[t][1], part=DOCS[t][2], year=kw.get("year"),
                        dup=dup, jpeg_q=q, **prm))
    (root / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=1), encoding="utf-8")
    return man


def build_sort_hard(rng, out):
    """Harsher phone photos (far away, dim, blurred, strong keystone), WeChat-style names."""
    root = out / "sortpile-hard"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    (root / "applicant.yaml").write_text(applicant_yaml(), encoding="utf-8")
    plan = [("id_front", {}), ("id_back", {}), ("diploma", {}), ("degree", {}), ("chsi", {}), ("cert", {}),
            ("decision", {}), ("contents", {}), ("article", {"page_no": 1}), ("copyright", {}), ("search", {}),
            ("commitment", {}), ("summary", {}), ("publicity", {}), ("pub_result", {}),
            ("ce_public", {"year": 2020}), ("ce_prof", {"year": 2022}), ("appr_front", {"year": 2022}),
            ("appr_back", {"year": 2022})]
    rng.shuffle(plan)
    man = []
    for idx, (t, kw) in enumerate(plan):
        pr = random.Random(SEED * 7 + idx)
        page = render(t, MASK, pr, **kw)
        turn = rng.choices([0, 90, 180, 270], [0.6, 0.15, 0.1, 0.15])[0]
        im, prm = phone(page.im, rng, turn=turn, harsh=True)
        name = f"微信图片_20230903{rng.randint(100000, 235959)}.jpg"
        q = save_jpg(im, root / name, rng, q=rng.randint(60, 70))
        man.append(dict(file=name, doc=t, item=DOCS[t][1], part=DOCS[t][2], year=kw.get("year"), dup=False, jpeg_q=q, **prm))
    (root / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=1), encoding="utf-8")


def build_traps(rng, out):
    """A clean scanned dossier (masked) and variants with one trap each."""
    base = out / "traps" / "clean"
    shutil.rmtree(out / "traps", ignore_errors=True)
    base.mkdir(parents=True)
    (base / "applicant.yaml").write_text(applicant_yaml(), encoding="utf-8")
    files = {}

    def put(rel, doc, mode=MASK, **kw):
        r = random.Random(zlib.crc32(f'{SEED}{rel}'.encode()))
        page = render(doc, mode, r, **kw)
        im, _ = scan(page.im, r)
        save_jpg(im, base / rel, r, q=r.randint(85, 92))
        files[rel] = doc

    put("01-身份证/身份证-正面.jpg", "id_front", VIS)
    put("01-身份证/身份证-反面.jpg", "id_back", VIS)
    # one-inch photo: a real-ish colour photo is beyond this generator; draw a simple portrait
    ph = Image.new("RGB", (295, 413), (60, 120, 200))
    d = ImageDraw.Draw(ph)
    d.ellipse([90, 80, 205, 220], fill=(230, 195, 165))
    d.ellipse([85, 60, 210, 150], fill=(30, 25, 20))
    d.pieslice([30, 220, 265, 520], 180, 360, fill=(30, 30, 40))
    (base / "02-一寸照片").mkdir()
    ph.save(base / "02-一寸照片/一寸照片.jpg", quality=90)
    put("04-学历学位证书/本科毕业证书.jpg", "diploma")
    put("04-学历学位证书/学士学位证书.jpg", "degree")
    put("05-学历备案表或学籍档案/学信网备案表.jpg", "chsi")
    put("06-专业技术资格/任职资格文件.jpg", "decision")
    put("06-专业技术资格/职称证书.jpg", "cert")
    put("08-代表作品/代表作品1.jpg", "works")
    for i, d_ in enumerate(["cover", "contents", "article", "backcover", "copyright", "search"]):
        nm = ["期刊封面", "目录", "论文正文", "期刊封底", "版权页", "检索报告"][i]
        put(f"11-论文/{i + 1}-{nm}.jpg", d_)
    put("12-个人承诺书/个人承诺书.jpg", "commitment")
    for y in range(2019, 2024):
        put(f"14-继续教育-公需科目/{y}公需科目.jpg", "ce_public", year=y)
    for y in range(2021, 2024):
        put(f"15-继续教育-专业科目/{y}专业科目.jpg", "ce_prof", year=y)
    for y in (2020, 2021, 2022):
        put(f"17-年度考核表/{y}年度考核表-正面.jpg", "appr_front", year=y)
        put(f"17-年度考核表/{y}年度考核表-反面.jpg", "appr_back", year=y)
    put("18-个人工作总结/个人工作总结.jpg", "summary")
    put("19-推荐单位公示/推荐单位公示.jpg", "publicity")
    put("20-推荐单位公示结果/推荐单位公示结果.jpg", "pub_result")

    def variant(name, desc, expect, ops):
        v = out / "traps" / name
        shutil.copytree(base, v)
        for op in ops:
            op(v)
        traps.append(dict(dossier=name, desc=desc, expect=expect))

    def cp(a, b):
        return lambda v: shutil.copyfile(v / a, v / b)

    def rescan(a, b, seed):
        def f(v):
            r = random.Random(seed)
            im = Image.open(v / a)
            im2, _ = scan(im, r)
            im2 = im2.crop((r.randint(0, 20), r.randint(0, 20), im.width - r.randint(0, 20), im.height - r.randint(0, 20)))
            im2.save(v / b, quality=80)
        return f

    def rm(a):
        return lambda v: os.remove(v / a)

    def mv(a, b):
        return lambda v: shutil.move(v / a, v / b)

    traps = []
    variant("t1-idfront-as-back", "ID-card front copied over the back's file (身份证-反面.jpg = front page)",
            "01-身份证/身份证-反面.jpg: back missing / front-back mismatch (C106/C301/C302/P102)",
            [cp("01-身份证/身份证-正面.jpg", "01-身份证/身份证-反面.jpg")])
    variant("t2a-degree-as-diploma", "学士学位证书 byte-identical copy saved as 本科毕业证书.jpg (diploma missing)",
            "04-学历学位证书: duplicate / same page twice (C301/C302)",
            [cp("04-学历学位证书/学士学位证书.jpg", "04-学历学位证书/本科毕业证书.jpg")])
    variant("t2b-ce2021-rescan-as-2022", "2021公需科目 re-scanned (cropped, recompressed) and saved as 2022公需科目.jpg",
            "14-继续教育-公需科目/2022公需科目.jpg: same page as 2021 / year mismatch (C302/D101/P301)",
            [rescan("14-继续教育-公需科目/2021公需科目.jpg", "14-继续教育-公需科目/2022公需科目.jpg", 7)])
    variant("t2c-cert-in-two-items", "职称证书 page also placed as 2021专业科目.jpg (one page, two item slots)",
            "15-继续教育-专业科目/2021专业科目.jpg: is another item / same page twice (C102/C302)",
            [cp("06-专业技术资格/职称证书.jpg", "15-继续教育-专业科目/2021专业科目.jpg")])
    variant("t3a-commitment-in-summary", "18-个人工作总结/个人工作总结.jpg replaced by the 个人承诺书 page",
            "18-个人工作总结/个人工作总结.jpg: content is 个人承诺书 (C102) and/or same page twice (C302); summary missing",
            [cp("12-个人承诺书/个人承诺书.jpg", "18-个人工作总结/个人工作总结.jpg")])
    variant("t3b-article-in-summary", "18-个人工作总结/个人工作总结.jpg replaced by a 论文正文 page (not a duplicate in the dossier)",
            "18-个人工作总结/个人工作总结.jpg: content is 论文 (C102/C101); summary missing (P101)",
            [lambda v: (lambda r: scan(render("article", MASK, r, page_no=2).im, r)[0].save(v / "18-个人工作总结/个人工作总结.jpg", quality=88))(random.Random(99))])
    variant("t3c-front-as-back", "17-年度考核表/2022年度考核表-反面.jpg holds the 2022 front page (a copy)",
            "2022 back missing / part mismatch (C106/C302/P303)",
            [cp("17-年度考核表/2022年度考核表-正面.jpg", "17-年度考核表/2022年度考核表-反面.jpg")])
    variant("t3d-diploma-in-chsi", "05-学历备案表或学籍档案/学信网备案表.jpg holds the 毕业证书 page",
            "05: content is diploma (C102/C302); verification missing",
            [cp("04-学历学位证书/本科毕业证书.jpg", "05-学历备案表或学籍档案/学信网备案表.jpg")])
    variant("t3e-publicity-as-result", "20-推荐单位公示结果/推荐单位公示结果.jpg holds the 公示 page",
            "20: content is 公示, not 公示结果 (C102/C302); result missing",
            [cp("19-推荐单位公示/推荐单位公示.jpg", "20-推荐单位公示结果/推荐单位公示结果.jpg")])
    variant("t3f-ceprof-in-public", "14-继续教育-公需科目/2021公需科目.jpg holds the 2021 专业科目 certificate",
            "14/2021公需科目.jpg: wrong CE subject (D102/C302)",
            [cp("15-继续教育-专业科目/2021专业科目.jpg", "14-继续教育-公需科目/2021公需科目.jpg")])
    variant("t3g-appraisal2021-as-2022", "2021 考核表 front+back copied over the 2022 files",
            "2022 files: year mismatch (D111) / same page twice (C302)",
            [cp("17-年度考核表/2021年度考核表-正面.jpg", "17-年度考核表/2022年度考核表-正面.jpg"),
             cp("17-年度考核表/2021年度考核表-反面.jpg", "17-年度考核表/2022年度考核表-反面.jpg")])
    (out / "traps" / "manifest.json").write_text(json.dumps(dict(files=files, traps=traps), ensure_ascii=False, indent=1),
                                                encoding="utf-8")


def check_fonts() -> None:
    """Exit with one line naming the Debian package when a font is missing."""
    for key, (path, _) in FONTS.items():
        if not Path(path).is_file():
            sys.exit(f"gen.py: font {path} is missing: install the Debian package {FONT_PACKAGES[key]} "
                     f"(apt-get install {FONT_PACKAGES[key]})")


def generate(out: Path, parts=PARTS) -> None:
    """Write the chosen sets under out (each builder has its own seed, so any subset gives the same files)."""
    check_fonts()
    out.mkdir(parents=True, exist_ok=True)
    if "masking" in parts:
        build_masking(random.Random(SEED + 1), out)
    if "sort" in parts:
        build_sort(random.Random(SEED + 2), out)
    if "sorthard" in parts:
        build_sort_hard(random.Random(SEED + 4), out)
    if "traps" in parts:
        build_traps(random.Random(SEED + 3), out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"folder to write into (default {DEFAULT_OUT})")
    ap.add_argument("parts", nargs="*", metavar="PART", help="masking, sort, sorthard, traps (default: all)")
    args = ap.parse_args()
    if set(args.parts) - set(PARTS):
        ap.error(f"unknown part(s) {' '.join(sorted(set(args.parts) - set(PARTS)))}; choose from {' '.join(PARTS)}")
    generate(args.out, args.parts or PARTS)
    print("done:", args.out)


if __name__ == "__main__":
    main()
