"""Documents of the kinds a 新闻系列 dossier holds, drawn independently of tools/: other wordings, other layouts,
other fonts (WenQuanYi Micro Hei and the bold Noto faces, at sizes tools/ does not use), so that an evaluation built
on them can fail where the project's own drawings would not.

Every document is drawn flat at 150 dpi and returned with its truth: the checklist item, year and part it is, and
where the applicant's name and unit stand on it (boxes), so that a masked variant can cover them and the
evaluation knows which targets can be read. Nothing here is imported by the package or the tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_FILES = {
    "hei": ["/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"],
    "song-bold": ["/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"],
    "sans-bold": ["/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"],
}
PAPER = (1240, 1754)          # A4 at 150 dpi
PAPER_WIDE = (1754, 1240)
CARD = (1011, 638)            # an ID-1 card at 300 dpi


@cache
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    for path in FONT_FILES[face] + sum(FONT_FILES.values(), []):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise SystemExit("no CJK font: apt-get install fonts-wqy-microhei fonts-noto-cjk")


@dataclass
class Applicant:
    name: str
    unit: str
    id_number: str


@dataclass
class Doc:
    """One flat page and what it is."""

    kind: str
    image: Image.Image
    item: str | None                      # checklist item id (None: belongs to no item)
    year: int | None = None
    part: str | None = None
    targets: list[dict] = field(default_factory=list)  # {"kind": "name"/"unit", "text", "box"}
    masked: bool = False


class Sheet:
    """A page being drawn: text that records where the applicant's name and unit land."""

    def __init__(self, who: Applicant, rnd: random.Random, size=PAPER, paper=(252, 251, 247), face: str | None = None):
        self.who, self.rnd = who, rnd
        self.im = Image.new("RGB", size, paper)
        self.draw = ImageDraw.Draw(self.im)
        self.face = face or rnd.choice(["hei", "song-bold", "sans-bold", "hei"])
        self.targets: list[dict] = []
        self.y = 0

    @property
    def width(self) -> int:
        return self.im.width

    def text(self, x: float, y: float, s: str, size: int, face: str | None = None, fill=(25, 25, 25)) -> float:
        """Draw ``s`` at (x, y); {name} and {unit} are the applicant's (their boxes are kept). Returns the end x."""
        f = font(face or self.face, size)
        for piece in _pieces(s, self.who):
            kind = "name" if piece == self.who.name else "unit" if piece == self.who.unit else None
            box = self.draw.textbbox((x, y), piece, font=f)
            self.draw.text((x, y), piece, font=f, fill=fill)
            if kind:
                self.targets.append({"kind": kind, "text": piece, "box": [box[0], box[1], box[2], box[3]]})
            x = box[2] if piece else x
        return x

    def centred(self, s: str, size: int, face: str | None = None, fill=(25, 25, 25), gap: float = 1.8) -> None:
        f = font(face or self.face, size)
        w = self.draw.textlength(_plain(s, self.who), font=f)
        self.text((self.width - w) / 2, self.y, s, size, face, fill)
        self.y += int(size * gap)

    def para(self, s: str, size: int, left: int, right: int, indent: bool = True, gap: float = 1.7) -> None:
        """A paragraph wrapped at ``right``; a name or unit is never broken (the evaluation asks for whole ones)."""
        f = font(self.face, size)
        x = left + (2 * size if indent else 0)
        for piece in _pieces(s, self.who):
            whole = piece in (self.who.name, self.who.unit)
            for chunk in ([piece] if whole else list(piece)):
                w = self.draw.textlength(chunk, font=f)
                if x + w > right:
                    x, self.y = left, self.y + int(size * gap)
                self.text(x, self.y, chunk, size)
                x += w
        self.y += int(size * gap)

    def grid(self, rows: list[list[str]], widths: list[int], left: int, size: int, height: int | None = None) -> None:
        """A ruled table; cell text vertically centred."""
        height = height or int(size * 2.4)
        for row in rows:
            x = left
            for cell, w in zip(row, widths, strict=False):
                self.draw.rectangle([x, self.y, x + w, self.y + height], outline=(40, 40, 40), width=2)
                if cell:
                    self.text(x + 12, self.y + (height - size) / 2 - 2, cell, size)
                x += w
            self.y += height

    def box(self, x: float, y: float, size: int, ticked: bool) -> None:
        """A checkbox, ticked with a drawn mark (√) when chosen."""
        self.draw.rectangle([x, y + 3, x + size - 4, y + size - 1], outline=(30, 30, 30), width=2)
        if ticked:
            self.draw.line([(x + 4, y + size * 0.55), (x + size * 0.4, y + size - 6), (x + size, y - 4)],
                           fill=(20, 20, 20), width=4)

    def seal(self, cx: float, cy: float, r: int, words: str) -> None:
        """A red round seal with a star; its words run round the top."""
        red = (205, 35, 40)
        self.draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=red, width=6)
        star = [(cx + r * 0.3 * _cos(90 + 72 * i * 2), cy - r * 0.3 * _sin(90 + 72 * i * 2)) for i in range(5)]
        self.draw.polygon(star, fill=red)
        f = font("hei", max(14, r // 5))
        n = len(words)
        for i, ch in enumerate(words):
            angle = 150 - i * (120 / max(1, n - 1))
            self.draw.text((cx + r * 0.72 * _cos(angle) - r // 10, cy - r * 0.72 * _sin(angle) - r // 10), ch,
                           font=f, fill=red)

    def doc(self, kind: str, item: str | None, year: int | None = None, part: str | None = None) -> Doc:
        return Doc(kind, self.im, item, year, part, self.targets)


def _cos(deg: float) -> float:
    import math

    return math.cos(math.radians(deg))


def _sin(deg: float) -> float:
    import math

    return math.sin(math.radians(deg))


def _pieces(s: str, who: Applicant) -> list[str]:
    """``s`` split so that the applicant's name and unit are pieces of their own."""
    out: list[str] = []
    for part in s.replace("{unit}", "\x01U\x01").replace("{name}", "\x01N\x01").split("\x01"):
        out.append(who.name if part == "N" else who.unit if part == "U" else part)
    return [p for p in out if p]


def _plain(s: str, who: Applicant) -> str:
    return "".join(_pieces(s, who))


def cn_date(year: int, month: int, day: int) -> str:
    digits = "〇一二三四五六七八九"
    y = "".join(digits[int(c)] for c in str(year))
    small = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    def num(n: int) -> str:
        return small[n] if n <= 10 else ("十" + small[n - 10] if n < 20 else small[n // 10] + "十" + small[n % 10])
    return f"{y}年{num(month)}月{num(day)}日"


# --- the documents --------------------------------------------------------------------------------------------

def ce_hours(who: Applicant, rnd: random.Random, year: int, subject: str) -> Doc:
    """A continuing-education hours statement (学时证明), a ruled table under a long title."""
    s = Sheet(who, rnd)
    s.y = 190
    s.centred("专业技术人员继续教育学时证明", 50, "song-bold")
    s.y += 30
    hours = rnd.choice([32, 36, 40, 48])
    s.para(f"兹证明{{name}}同志（{{unit}}）于{year}年度按规定参加了专业技术人员继续教育{subject}培训，"
           f"经考核合格，累计取得{hours}学时。", 30, 150, 1090)
    s.y += 20
    s.grid([["培训年度", f"{year}", "培训类别", subject], ["培训方式", "网络学习", "所得学时", f"{hours}"],
            ["考核结果", "合格", "登记编号", f"XJJY{year}{rnd.randint(10000, 99999)}"]], [220, 250, 220, 250], 150, 28)
    s.y += 90
    s.text(640, s.y, "巴州专业技术人员继续教育基地", 28)
    s.text(700, s.y + 60, f"{year}年{rnd.randint(10, 12)}月{rnd.randint(1, 28)}日", 28)
    s.seal(820, s.y + 20, 90, "继续教育基地专用章")
    return s.doc("ce_hours", "ce-public" if subject == "公需科目" else "ce-professional", year)


def ce_card(who: Applicant, rnd: random.Random, year: int, subject: str) -> Doc:
    """A landscape 继续教育合格证书 with a red frame: fields in two columns."""
    s = Sheet(who, rnd, PAPER_WIDE, paper=(250, 246, 236))
    s.draw.rectangle([40, 40, s.width - 40, s.im.height - 40], outline=(180, 30, 35), width=14)
    s.draw.rectangle([70, 70, s.width - 70, s.im.height - 70], outline=(180, 30, 35), width=3)
    s.y = 170
    s.centred("继续教育合格证书", 64, "song-bold", fill=(170, 25, 30))
    s.y += 40
    fields = [("姓　　名", "{name}"), ("工作单位", "{unit}"), ("学习年度", f"{year}年"), ("科目类别", subject),
              ("完成学时", f"{rnd.choice([30, 40, 42])}学时"), ("考核结论", "合格")]
    for label, value in fields:
        s.text(300, s.y, f"{label}：", 34)
        s.text(560, s.y, value, 34)
        s.y += 78
    s.text(1050, s.y + 20, f"发证日期：{year + 1 if rnd.random() < 0.3 else year}年12月", 30)
    s.seal(1250, s.y - 20, 100, "人力资源和社会保障局")
    return s.doc("ce_card", "ce-public" if subject == "公需科目" else "ce-professional", year)


def appraisal_front(who: Applicant, rnd: random.Random, year: int) -> Doc:
    """The front of a 考核表: the person's particulars in a grid and their own account."""
    s = Sheet(who, rnd)
    s.y = 150
    s.centred(f"{year}年度机关事业单位工作人员考核表", 42, "song-bold")
    s.y += 20
    s.grid([["姓名", "{name}", "性别", "女", "出生年月", "1988.05"],
            ["工作单位及职务", "{unit}", "", "", "", ""],
            ["政治面貌", "中共党员", "参加工作时间", "2010.07", "", ""]], [170, 220, 120, 200, 170, 160], 100, 26, 80)
    s.draw.rectangle([100, s.y, 1140, s.y + 900], outline=(40, 40, 40), width=2)
    s.text(120, s.y + 20, "个人总结", 30)
    s.y += 80
    s.para(f"{year}年，本人在部门领导的带领下，认真履行记者岗位职责，围绕中心工作完成采访报道任务，全年刊发稿件"
           f"{rnd.randint(80, 160)}篇，其中头版稿件{rnd.randint(10, 30)}篇。积极参加业务学习，不断提高新闻采编能力。"
           "今后将继续加强学习，改进不足，努力做好本职工作。", 27, 130, 1110)
    s.text(760, 1480, "本人签名：", 28)
    s.text(760, 1540, f"{year + 1}年1月{rnd.randint(5, 20)}日", 28)
    return s.doc("appraisal_front", "appraisal", year, "front")


def appraisal_back(who: Applicant, rnd: random.Random, year: int) -> Doc:
    """The back: leaders' opinions and the result chosen with checkboxes (□优秀 ☑合格 □基本合格 □不合格)."""
    s = Sheet(who, rnd)
    s.y = 150
    rows = [("主管领导评语", 330), ("考核等次", 170), ("单位负责人意见", 260), ("未确定等次或不参加考核的情况说明", 260)]
    for label, h in rows:
        s.draw.rectangle([100, s.y, 1140, s.y + h], outline=(40, 40, 40), width=2)
        s.draw.line([(330, s.y), (330, s.y + h)], fill=(40, 40, 40), width=2)
        lines = [label[i:i + 6] for i in range(0, len(label), 6)]
        for k, ln in enumerate(lines):
            s.text(118, s.y + 20 + k * 36, ln, 28)
        if label == "主管领导评语":
            s.y += 20
            s.para(f"该同志{year}年度工作积极主动，能够按时完成各项采编任务，遵守单位各项规章制度。", 27, 350, 1120,
                   indent=False)
            s.y += h - 20 - 2 * int(27 * 1.7)
            continue
        if label == "考核等次":
            x = 360
            for choice in ("优秀", "合格", "基本合格", "不合格"):
                s.box(x, s.y + 65, 32, choice == "合格")
                x = s.text(x + 40, s.y + 65, choice, 30) + 40
        if label == "单位负责人意见":
            s.text(360, s.y + 40, "同意。", 28)
            s.text(760, s.y + 180, f"{year + 1}年1月{rnd.randint(10, 25)}日", 26)
        s.y += h
    s.seal(900, 760, 95, "巴州党委宣传部")
    return s.doc("appraisal_back", "appraisal", year, "back")


def honour(who: Applicant, rnd: random.Random) -> Doc:
    """A red-cover 荣誉证书 inside page (award): a red field with gold-ish words on the left, the citation right."""
    s = Sheet(who, rnd, PAPER_WIDE, paper=(248, 240, 226))
    s.draw.rectangle([0, 0, 700, s.im.height], fill=(175, 28, 32))
    s.text(210, 420, "荣誉证书", 84, "song-bold", fill=(240, 205, 110))
    s.y = 300
    year = rnd.choice([2019, 2020, 2021, 2022])
    s.text(800, s.y, "{name}：", 38)
    s.y += 100
    s.para(f"你（{{unit}}）采写的作品《戈壁深处的护林人》在{year}年度巴州新闻奖评选中荣获二等奖。", 36, 800, 1650)
    s.y += 40
    s.text(1130, s.y + 140, "巴州新闻工作者协会", 32)
    s.text(1180, s.y + 200, f"{year + 1}年4月", 32)
    s.seal(1330, s.y + 160, 100, "新闻工作者协会")
    return s.doc("honour", "awards")


def title_certificate(who: Applicant, rnd: random.Random) -> Doc:
    """A 专业技术职务资格证书 inside page, the fields in a two-column list."""
    s = Sheet(who, rnd, paper=(247, 244, 236))
    s.draw.rectangle([60, 60, 1180, 1694], outline=(120, 30, 40), width=8)
    s.y = 220
    s.centred("专业技术职务资格证书", 52, "song-bold")
    s.y += 60
    for label, value in [("姓名", "{name}"), ("工作单位", "{unit}"), ("资格名称", "助理记者"), ("专业", "新闻"),
                         ("评审机构", "巴州新闻系列初级职称评审委员会"), ("批准时间", "2018年7月"),
                         ("证书编号", f"BZXW{rnd.randint(100000, 999999)}")]:
        s.text(200, s.y, label, 32)
        s.text(460, s.y, value, 32)
        s.y += 90
    s.seal(850, 1350, 110, "人力资源和社会保障局")
    return s.doc("title_certificate", "qualification", None, "certificate")


def publicity(who: Applicant, rnd: random.Random) -> Doc:
    """A 公示 with a date range that names the title applied for (the words of item 06 on a page of item 19)."""
    s = Sheet(who, rnd)
    s.y = 170
    s.centred("公　示", 56, "song-bold")
    s.y += 30
    s.para("根据自治区人社厅关于做好2023年度新闻系列专业技术职务任职资格评审工作的通知要求，经个人申报、单位审核，"
           "现将拟推荐人员情况予以公示：", 30, 130, 1110)
    s.para("{name}，女，1988年5月生，{unit}记者，拟申报新闻系列中级专业技术职务任职资格（记者）。", 30, 130, 1110)
    start = rnd.randint(1, 20)
    s.para(f"公示时间：2023年9月{start}日至9月{start + 6}日。公示期间，如有异议，请以书面或电话形式向单位人事部门"
           "反映。反映情况应实事求是，署真实姓名。", 30, 130, 1110)
    s.para("监督电话：0996-20xxxxx", 30, 130, 1110)
    s.y += 60
    s.text(700, s.y, "{unit}", 30)
    s.text(760, s.y + 60, f"2023年9月{start}日", 30)
    s.seal(860, s.y + 30, 95, "人事科")
    return s.doc("publicity", "publicity")


def publicity_result(who: Applicant, rnd: random.Random) -> Doc:
    """The result of the publicity: no objection, recommended."""
    s = Sheet(who, rnd)
    s.y = 170
    s.centred("公示结果", 54, "song-bold")
    s.y += 30
    start = rnd.randint(1, 20)
    s.para(f"我单位于2023年9月{start}日至9月{start + 6}日对{{name}}同志申报新闻系列中级任职资格的情况进行了公示，"
           "公示期内未收到任何异议。经研究，同意推荐该同志参加评审。", 30, 130, 1110)
    s.y += 80
    s.text(720, s.y, "{unit}", 30)
    s.text(760, s.y + 60, f"2023年9月{start + 7}日", 30)
    s.seal(860, s.y + 30, 95, "人事科")
    return s.doc("publicity_result", "publicity-result")


def contents(who: Applicant, rnd: random.Random) -> Doc:
    """A journal's contents page headed 目次 or 本期要目, leaders and page numbers."""
    s = Sheet(who, rnd)
    s.y = 140
    head = rnd.choice(["目　次", "本期要目"])
    s.text(130, s.y, f"新闻前哨　{rnd.choice([2021, 2022])}年第{rnd.randint(1, 12)}期", 28)
    s.y += 80
    s.centred(head, 52, "song-bold")
    titles = ["县级融媒体中心短视频生产机制研究", "边疆地区主流媒体的国际传播实践", "数据新闻在地方党报中的应用",
              "融合报道中的记者角色转变", "新媒体环境下舆论引导的着力点", "乡村振兴报道的叙事策略", "民生新闻的温度与深度"]
    rnd.shuffle(titles)
    authors = ["陈思远", "马丽娜", "{name}", "周文斌", "古丽娜尔", "赵一鸣", "吴海燕"]
    page = 3
    for t, a in zip(titles, authors, strict=True):
        s.text(140, s.y, t, 30)
        end = s.text(860, s.y, a, 30)
        s.text(max(end + 20, 1040), s.y, f"{page:>3}", 30)
        s.y += 78
        page += rnd.randint(3, 8)
    return s.doc("contents", "papers", None, "paper/contents")


def cover(who: Applicant, rnd: random.Random) -> Doc:
    """A journal cover: masthead, issue, ISSN and CN numbers."""
    s = Sheet(who, rnd, paper=(232, 238, 246))
    s.draw.rectangle([0, 0, s.width, 420], fill=(30, 80, 150))
    s.text(180, 120, "新闻前哨", 150, "song-bold", fill=(255, 255, 255))
    s.y = 520
    s.centred(f"{rnd.choice([2021, 2022])}年第{rnd.randint(1, 12)}期（总第{rnd.randint(300, 400)}期）", 40)
    s.y = 1500
    s.centred("ISSN 1671-xxxx　CN 42-xxxx/G2", 34)
    s.centred("国内统一连续出版物号　邮发代号 38-xx", 30)
    return s.doc("cover", "papers", None, "paper/cover")


def article(who: Applicant, rnd: random.Random, second: bool = False) -> Doc:
    """A page of the applicant's paper: the first (title, author, 摘要, 关键词) or a following one (body only)."""
    s = Sheet(who, rnd)
    s.y = 120
    s.text(130, s.y, "新闻前哨　2022.06", 24)
    s.text(1000, s.y, "业务研究", 24)
    s.y += 80
    if not second:
        s.centred("地方主流媒体融合发展的实践与思考", 42, "song-bold")
        s.centred("{name}", 32)
        s.centred("（{unit}，新疆 库尔勒 841000）", 26)
        s.para("【摘要】本文结合基层媒体的采编实践，从内容生产、渠道建设和人才培养三个方面，探讨地方主流媒体推进深度"
               "融合的现实路径。", 27, 130, 1110)
        s.para("【关键词】媒体融合；地方媒体；内容生产", 27, 130, 1110, indent=False)
    body = ["媒体融合发展是新时代新闻舆论工作的重要课题。地方主流媒体身处基层一线，既面临受众流失的压力，"
            "也拥有贴近群众、熟悉本地的独特优势。", "从内容生产看，一些地方媒体仍停留在“一次采集、多次发布”的简单叠加阶段，"
            "对移动端用户的阅读习惯研究不够，产品形态单一，互动性不强。",
            "从渠道建设看，自建平台用户规模有限，对商业平台依赖较大，数据沉淀和用户运营能力不足。",
            "从队伍建设看，既懂内容又懂技术的复合型人才短缺，激励机制与融合业务的要求不相适应。",
            "针对上述问题，笔者认为应当坚持移动优先，重构采编流程，建立统一指挥调度的中央厨房机制。",
            "同时要加强与政务服务的融合，把新闻客户端建成群众身边的综合服务平台，增强用户黏性。"]
    if second:
        body = body[3:] + ["参考文献：", "[1] 地方媒体融合发展研究[J]. 新闻前哨，2021（4）.",
                           "[2] 县级融媒体中心建设路径探析[J]. 中国记者，2020（9）."] + body[:2]
    for b in body:
        s.para(b, 27, 130, 1110)
    s.text(600, 1650, f"· {rnd.randint(20, 60)} ·", 24)
    return s.doc("article2" if second else "article", "papers", None, "paper/article")


def id_emblem(who: Applicant, rnd: random.Random) -> Doc:
    """The emblem side of an ID card, in another layout than tools/'."""
    s = Sheet(who, rnd, CARD, paper=(226, 236, 240), face="hei")
    for i in range(0, CARD[0], 24):
        s.draw.line([(i, 0), (i - 200, CARD[1])], fill=(214, 228, 234), width=2)
    s.draw.ellipse([60, 50, 230, 220], outline=(200, 40, 40), width=8)
    s.text(300, 80, "中华人民共和国", 60, "song-bold")
    s.text(330, 200, "居民身份证", 76, "song-bold")
    s.text(230, 440, "签发机关　库尔勒市公安局", 32)
    s.text(230, 510, "有效期限　2016.03.01-2036.03.01", 32)
    return s.doc("id_emblem", "id-card", None, "back")


def id_person(who: Applicant, rnd: random.Random) -> Doc:
    """The person's side: name, sex, birth, address and number (the card says no unit)."""
    s = Sheet(who, rnd, CARD, paper=(232, 238, 236), face="hei")
    s.text(60, 60, "姓名", 28, fill=(60, 90, 140))
    s.text(160, 56, "{name}", 36)
    s.text(60, 140, "性别　女　　民族　汉", 28)
    s.text(60, 210, "出生　1988年5月12日", 28)
    s.text(60, 290, "住址　新疆库尔勒市人民东路", 28)
    s.text(160, 340, "××号院3栋2单元", 28)
    s.text(60, 520, "公民身份号码", 28, fill=(60, 90, 140))
    s.text(300, 516, who.id_number[:6] + "********" + who.id_number[-4:], 36)
    s.draw.rectangle([700, 90, 950, 420], fill=(200, 205, 210))
    s.draw.ellipse([760, 140, 890, 290], fill=(150, 130, 120))
    return s.doc("id_person", "id-card", None, "front")


def diploma(who: Applicant, rnd: random.Random) -> Doc:
    """A 毕业证书 in the landscape layout with the text in one long sentence."""
    s = Sheet(who, rnd, PAPER_WIDE, paper=(250, 248, 240))
    s.draw.rectangle([50, 50, s.width - 50, s.im.height - 50], outline=(150, 120, 60), width=10)
    s.y = 180
    s.centred("毕 业 证 书", 72, "song-bold")
    s.y += 40
    s.para("学生{name}，性别女，一九八八年五月十二日生，于二〇〇六年九月至二〇一〇年六月在本校新闻学专业四年制"
           "本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。", 38, 220, 1540)
    s.y += 60
    s.text(260, s.y, "校　　名：新疆某大学", 32)
    s.text(1000, s.y, "校（院）长：（略）", 32)
    s.text(260, s.y + 70, f"证书编号：10755{rnd.randint(10 ** 11, 10 ** 12 - 1)}", 32)
    s.text(1000, s.y + 70, cn_date(2010, 6, 30), 32)
    s.seal(1200, s.y - 30, 110, "新疆某大学")
    return s.doc("diploma", "diploma")


def summary(who: Applicant, rnd: random.Random) -> Doc:
    """A long 专业技术工作总结 (the text-heavy page a retake must still be found for)."""
    s = Sheet(who, rnd)
    s.y = 150
    s.centred("专业技术工作总结", 46, "song-bold")
    s.centred("{unit}　{name}", 28)
    paras = ["自取得助理记者资格以来，本人始终坚持正确舆论导向，深入基层一线，围绕州委中心工作开展采访报道，"
             "较好地完成了各项宣传任务。", "一、思想政治方面。认真学习习近平新时代中国特色社会主义思想，自觉践行“四力”"
             "要求，牢固树立政治家办报理念。", "二、业务工作方面。累计采写各类稿件五百余篇，其中多篇作品获州级新闻奖，"
             "参与策划了多组重大主题报道，在新媒体端获得较高阅读量。", "三、学习提高方面。按时完成继续教育公需科目和"
             "专业科目学习，积极参加业务培训，撰写业务论文两篇。", "四、存在不足。对新媒体技术掌握还不够全面，"
             "深度调查类作品偏少，今后将努力加以改进。"]
    for p in paras:
        s.para(p, 28, 130, 1110)
    s.text(760, 1560, cn_date(2023, 8, rnd.randint(1, 28)), 28)
    return s.doc("summary", "summary")


def commitment(who: Applicant, rnd: random.Random) -> Doc:
    s = Sheet(who, rnd)
    s.y = 200
    s.centred("诚信承诺书", 50, "song-bold")
    s.y += 40
    s.para("本人郑重承诺：所提交的申报材料及各项证明均真实有效，不存在弄虚作假行为。如有不实，本人自愿承担由此产生"
           "的一切后果，并接受相应处理。", 30, 130, 1110)
    s.y += 200
    s.text(700, s.y, "承诺人（签名）：", 30)
    s.text(700, s.y + 80, "2023年9月1日", 30)
    return s.doc("commitment", "commitment")


KINDS = {
    "ce_hours": lambda w, r: ce_hours(w, r, r.choice([2019, 2020, 2021, 2022, 2023]), "公需科目"),
    "ce_hours_pro": lambda w, r: ce_hours(w, r, r.choice([2021, 2022, 2023]), "专业科目"),
    "ce_card": lambda w, r: ce_card(w, r, r.choice([2019, 2020, 2021, 2022, 2023]), "公需科目"),
    "ce_card_pro": lambda w, r: ce_card(w, r, r.choice([2021, 2022, 2023]), "专业科目"),
    "appraisal_front": lambda w, r: appraisal_front(w, r, r.choice([2020, 2021, 2022])),
    "appraisal_back": lambda w, r: appraisal_back(w, r, r.choice([2020, 2021, 2022])),
    "honour": honour,
    "title_certificate": title_certificate,
    "publicity": publicity,
    "publicity_result": publicity_result,
    "contents": contents,
    "cover": cover,
    "article": article,
    "article2": lambda w, r: article(w, r, second=True),
    "id_emblem": id_emblem,
    "id_person": id_person,
    "diploma": diploma,
    "summary": summary,
    "commitment": commitment,
}


def masked(doc: Doc) -> Doc:
    """The same page with a black box over every name and unit: it must be quiet."""
    im = doc.image.copy()
    draw = ImageDraw.Draw(im)
    for t in doc.targets:
        x0, y0, x1, y1 = t["box"]
        draw.rectangle([x0 - 4, y0 - 4, x1 + 4, y1 + 4], fill=(10, 10, 10))
    return Doc(doc.kind, im, doc.item, doc.year, doc.part, doc.targets, masked=True)
