"""The documents of a journalism-title dossier, drawn as synthetic scans (see render.py). Each function returns a
finished PIL image; ``mask`` is the page's masking mode ("cover", "none", "translucent")."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw
from render import A4_LANDSCAPE, Page, Who, font

ASSETS = Path(__file__).parent / "assets"
ISSUER = "巴音郭楞蒙古自治州人力资源和社会保障局"


def id_front(who: Who, seed=1) -> Image.Image:
    p = Page(who, size=(1012, 638), mask="none", face="hei", body=30, margin=60, tone=238)
    p.draw.rectangle((0, 0, 1012, 638), fill=(225, 236, 240))
    rows = [("姓名", who.name), ("性别", "女      民族  汉"), ("出生", "1988 年 5 月 12 日"),
            ("住址", "新疆库尔勒市人民东路"), ("", "12号院3栋2单元501室")]
    y = 70
    for label, value in rows:
        p.text_at(70, y, label, 26, fill=(60, 90, 140))
        p.text_at(170, y - 4, value, 32)
        y += 74
    p.text_at(70, 520, "公民身份号码", 26, fill=(60, 90, 140))
    p.text_at(280, 514, "652801198805120026", 36)
    photo = Image.open(ASSETS / "portrait.jpg").resize((230, 322))
    p.im.paste(photo, (720, 90))
    return p.finish(seed, skew=0.3, blur=0.5)


def id_back(who: Who, seed=2) -> Image.Image:
    p = Page(who, size=(1012, 638), mask="none", face="hei", body=30, margin=60, tone=238)
    p.draw.rectangle((0, 0, 1012, 638), fill=(232, 238, 228))
    p.seal(150, 150, 80)
    p.text_at(300, 90, "中华人民共和国", 58, face="serif-bold")
    p.text_at(330, 200, "居 民 身 份 证", 54, face="serif-bold")
    p.text_at(120, 430, "签发机关    库尔勒市公安局", 30)
    p.text_at(120, 510, "有效期限    2016.03.01-2036.03.01", 30)
    return p.finish(seed, skew=0.3, blur=0.5)


def photo(seed=3) -> Image.Image:
    return Image.open(ASSETS / "portrait.jpg").convert("RGB")


def diploma(who: Who, mask="cover", seed=4) -> Image.Image:
    p = Page(who, size=A4_LANDSCAPE, mask=mask, face="serif", body=34, margin=180, tone=248)
    p.border()
    p.y = 230
    p.title("普通高等学校毕业证书", 64)
    p.y += 40
    p.para("学生{N}，性别女，一九八八年五月十二日生，于二〇〇六年九月至二〇一〇年七月在本校新闻学专业四年制本科学习，"
           "修完教学计划规定的全部课程，成绩合格，准予毕业。")
    p.y += 40
    p.line("校名：新疆大学            校（院）长：", indent=60)
    p.line("证书编号：107551201005001234", indent=60)
    p.line("二〇一〇年七月一日", indent=900)
    p.seal(1420, 900)
    return p.finish(seed)


def degree(who: Who, mask="cover", seed=5) -> Image.Image:
    p = Page(who, size=A4_LANDSCAPE, mask=mask, face="serif", body=34, margin=180, tone=248)
    p.border(color=(120, 40, 40))
    p.y = 230
    p.title("学士学位证书", 64)
    p.y += 40
    p.para("{N}，女，一九八八年五月十二日生。在新疆大学新闻学专业完成了本科学习计划，业已毕业。经审核符合《中华人民共和国"
           "学位条例》的规定，授予文学学士学位。")
    p.y += 40
    p.line("新疆大学学位评定委员会主席", indent=700)
    p.line("证书编号：1075542010001234     二〇一〇年七月一日", indent=60)
    p.seal(1400, 930)
    return p.finish(seed)


def chsi(who: Who, mask="cover", seed=6) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=26)
    p.y = 160
    p.title("教育部学历证书电子注册备案表", 44)
    p.line("更新日期：2023年08月20日        在线验证码：A1B2C3D4E5F6G7H8", 22, center=True)
    p.y += 30
    p.table([["姓名", "{N}", "性别", "女"], ["证件号码", "6528011988******26", "民族", "汉族"],
             ["出生日期", "1988年05月12日", "学历类别", "普通"], ["入学日期", "2006年09月01日", "毕(结)业日期", "2010年07月01日"],
             ["学校名称", "新疆大学", "专业", "新闻学"], ["学制", "四年", "层次", "本科"],
             ["毕(结)业", "毕业", "校(院)长姓名", "（略）"], ["证书编号", "107551201005001234", "", ""]],
            [0.2, 0.3, 0.2, 0.3], row_h=70)
    p.y += 40
    p.para("说明：本备案表仅证明学历证书已在教育部学历证书电子注册，可登录学信网（www.chsi.com.cn）在线验证。")
    return p.finish(seed)


def qualification_decision(who: Who, mask="cover", seed=7) -> Image.Image:
    p = Page(who, mask=mask, body=28)
    p.y = 170
    p.title("关于认定新闻系列初级专业技术职务任职资格的通知", 38)
    p.line("巴州人社职字〔2018〕15号", center=True)
    p.y += 20
    p.line("各有关单位：")
    p.para("根据自治区职称工作有关规定，经巴音郭楞蒙古自治州新闻系列初级专业技术职务任职资格评审委员会评审，"
           "认定下列同志具备新闻系列初级专业技术职务任职资格，现予公布。")
    p.para("{U}：{N}，助理记者，任职资格取得时间 2018年7月1日。")
    p.para("请各单位按照有关规定做好聘任工作。")
    p.y += 80
    p.line(ISSUER, indent=420)
    p.line("2018年7月10日", indent=560)
    p.seal(880, p.y - 90)
    return p.finish(seed)


def title_certificate(who: Who, mask="cover", seed=8) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=30)
    p.border(color=(40, 80, 140))
    p.y = 220
    p.title("专业技术资格证书", 56)
    p.y += 60
    for label, value in [("姓    名", "{N}"), ("工作单位", "{U}"), ("资格名称", "助理记者"), ("专业名称", "新闻"),
                         ("评审机构", "自治州新闻系列初级评审委员会"), ("批准时间", "2018年7月1日"),
                         ("证书编号", "XJ2018650012345")]:
        p.line(f"{label}：   {value}", indent=120, gap=2.4)
    p.seal(900, 1380)
    return p.finish(seed)


NEWS = ("入冬以来，库尔勒市各供热企业提前完成设备检修，全市集中供热面积达到三千二百万平方米。记者在市供热调度中心看到，"
        "工作人员正通过监控平台实时查看各换热站运行数据。据介绍，今年全市新建改造供热管网六十五公里，"
        "老旧小区的室温普遍提高了两到三度。居民李女士说：“今年家里特别暖和，孩子在家写作业也不冷了。”"
        "市住建局有关负责人表示，将继续开通二十四小时服务热线，确保群众温暖过冬。")


def news_article(who: Who, mask="cover", seed=9) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=28)
    p.y = 170
    p.title("库尔勒市冬季供暖保障工作有序推进", 42)
    p.line("本报记者 {N}", center=True)
    p.y += 20
    for _ in range(3):
        p.para(NEWS)
    p.y += 30
    p.line("（原载2022年11月15日第一版）", indent=300)
    p.seal(950, p.y + 60)
    return p.finish(seed)


def journal_cover(who: Who, mask="cover", seed=10) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=30, tone=244)
    p.draw.rectangle((0, 0, 1240, 520), fill=(30, 70, 120))
    p.text_at(160, 150, "新闻研究导刊", 110, face="sans-bold", fill=(250, 250, 250))
    p.text_at(160, 330, "JOURNAL OF NEWS RESEARCH", 40, fill=(230, 230, 230))
    p.y = 640
    p.line("2022年 第5期（总第225期）", 40, center=True)
    p.line("ISSN 1674-8883      CN 50-1202/G2", 34, center=True)
    p.y += 60
    for t in ["本期关注：县级融媒体中心建设", "媒体融合与基层传播", "新闻实务与案例研究"]:
        p.line(t, 36, center=True)
    return p.finish(seed)


def journal_contents(who: Who, mask="cover", seed=11) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=27)
    p.y = 170
    p.title("目  录", 46)
    entries = [("媒体融合背景下地市党报的转型路径", "张远航", 3), ("短视频新闻的叙事策略研究", "刘佳", 9),
               ("县级融媒体中心建设的路径探析", "{N}", 15), ("新闻评论的舆论引导功能", "陈思雨", 21),
               ("数据新闻可视化表达的实践与反思", "周明", 27), ("新媒体时代记者职业素养的提升", "马丽", 33),
               ("突发事件报道中的信息核实", "赵伟", 39), ("民生新闻的价值取向与报道创新", "孙晓", 45)]
    for title, author, page in entries:
        p.line(f"{title} ………… {author}  （{page}）")
    return p.finish(seed)


PAPER = ("县级融媒体中心是打通基层宣传思想文化工作的重要平台。本文结合基层新闻单位的实践，从机构整合、内容生产、技术平台和人才队伍"
         "四个方面，分析县级融媒体中心建设中存在的问题，并提出对策建议。研究认为，应坚持移动优先，推动采编流程再造，"
         "建立统一的指挥调度平台，加强全媒体人才培养，提升新闻舆论的传播力、引导力、影响力和公信力。")


def journal_article(who: Who, mask="cover", seed=12) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=26)
    p.y = 150
    p.title("县级融媒体中心建设的路径探析", 40)
    p.line("{N}", center=True)
    p.line("（{U}，新疆 库尔勒 841000）", 24, center=True)
    p.para("摘要：" + PAPER[:90], 24)
    p.line("关键词：县级融媒体；媒体融合；基层传播", 24)
    p.y += 10
    for _ in range(4):
        p.para(PAPER)
    return p.finish(seed)


def journal_back(who: Who, mask="cover", seed=13) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=30, tone=240)
    p.draw.rectangle((0, 1200, 1240, 1754), fill=(30, 70, 120))
    p.y = 400
    p.line("新闻研究导刊", 70, center=True)
    p.line("国内统一连续出版物号 CN 50-1202/G2", center=True)
    p.line("国际标准连续出版物号 ISSN 1674-8883", center=True)
    p.line("定价：20.00元", center=True)
    return p.finish(seed)


def journal_copyright(who: Who, mask="cover", seed=14) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=27)
    p.y = 200
    p.title("版权页", 42)
    for t in ["刊名：新闻研究导刊", "主管：重庆日报报业集团", "主办：重庆日报报业集团", "出版：《新闻研究导刊》编辑部",
              "刊期：半月刊", "国际标准连续出版物号：ISSN 1674-8883", "国内统一连续出版物号：CN 50-1202/G2",
              "出版日期：2022年3月10日", "版权声明：本刊已许可中国知网以数字化方式复制、汇编、发行本刊全文。"]:
        p.line(t, indent=80, gap=2.1)
    return p.finish(seed)


def search_report(who: Who, mask="cover", seed=15) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=26)
    p.y = 170
    p.title("文献检索报告", 44)
    p.line("检索机构：新疆大学图书馆科技查新站      报告编号：2023-JS-0456", 22, center=True)
    p.y += 20
    p.table([["论文题目", "县级融媒体中心建设的路径探析"], ["作者", "{N}"], ["作者单位", "{U}"],
             ["刊名", "新闻研究导刊 2022年第5期 第15-17页"], ["检索数据库", "中国知网（CNKI）、万方数据、维普"],
             ["检索结果", "该文被中国知网全文收录"]], [0.25, 0.75], row_h=74)
    p.y += 40
    p.para("经检索，上述论文已被所列数据库收录，特此证明。")
    p.y += 60
    p.line("检索人：（签字）      审核人：（签字）", indent=300)
    p.line("2023年8月25日", indent=620)
    p.seal(860, p.y + 40)
    return p.finish(seed)


def commitment(who: Who, mask="cover", seed=16) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=30)
    p.y = 220
    p.title("个人承诺书", 50)
    p.y += 40
    p.para("本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致。如申请人提交弄虚作假确认材料的，"
           "一经查实，不予受理确认申报或取消已确认的资格，并从申报年度下一年起3年内，不得申报专业技术资格。")
    p.y += 120
    p.line("承诺人（签字）：{N}", indent=520)
    p.line("2023年9月5日", indent=600)
    red = (190, 30, 30)
    p.draw.ellipse((980, p.y - 220, 1060, p.y - 120), fill=red)  # the fingerprint
    return p.finish(seed)


def ce_certificate(who: Who, year: int, kind: str, mask="cover", seed=17) -> Image.Image:
    hours = 30 if kind == "公需科目" else 60
    p = Page(who, mask=mask, face="sans", body=30)
    p.border(color=(40, 110, 60))
    p.y = 240
    p.title("专业技术人员继续教育合格证书", 48)
    p.y += 60
    p.para(f"{{N}}同志于{year}年度参加专业技术人员继续教育{kind}学习，完成{hours}学时，经考核成绩合格，特发此证。")
    p.y += 60
    p.line(f"证书编号：BZJJ{year}{hours:03d}{seed:04d}", indent=80)
    p.line(f"学习年度：{year}年", indent=80)
    p.line(f"科目类别：{kind}", indent=80)
    p.y += 80
    p.line(ISSUER, indent=330)
    p.line(f"{year}年12月20日", indent=560)
    p.seal(860, p.y - 80)
    return p.finish(seed)


def appraisal_front(who: Who, year: int, mask="cover", seed=18) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=26)
    p.y = 150
    p.title(f"事业单位工作人员年度考核登记表（{year}年度）", 38)
    p.table([["姓名", "{N}", "性别", "女"], ["出生年月", "1988.05", "政治面貌", "中共党员"],
             ["单位", "{U}", "职务", "助理记者"], ["从事或分管工作", "新闻采编", "", ""]], [0.2, 0.35, 0.15, 0.3], row_h=72)
    p.line("个人总结：", face="sans-bold")
    p.para(f"{year}年，本人认真学习党的创新理论，坚持正确的舆论导向，全年完成各类新闻稿件一百二十余篇，其中多篇稿件被上级媒体转载。"
           "本人严格遵守新闻职业道德，积极参加业务培训，按时完成本单位交办的各项任务。")
    p.para("今后本人将继续加强学习，不断提高业务能力，努力做好本职工作。")
    p.y += 40
    p.line("本人签字：          年   月   日", indent=500)
    return p.finish(seed)


def appraisal_back(who: Who, year: int, result="合格", mask="cover", seed=19) -> Image.Image:
    p = Page(who, mask=mask, face="sans", body=26)
    p.y = 160
    p.table([["主管领导评语和考核等次建议", f"该同志{year}年度工作认真负责，完成了各项任务。建议考核等次：{result}"],
             ["单位负责人意见", f"同意，{result}"], ["考核等次", result], ["本人意见", "同意"]], [0.3, 0.7], row_h=110)
    p.y += 60
    p.line("单位负责人签字：               （单位盖章）", indent=200)
    p.line(f"{year + 1}年1月15日", indent=560)
    p.seal(860, p.y + 40)
    return p.finish(seed)


SUMMARY = [
    "本人自2018年取得助理记者任职资格以来，始终坚持正确的政治方向和舆论导向，认真学习习近平新时代中国特色社会主义思想，"
    "自觉践行社会主义核心价值观，恪守新闻职业道德，在本单位各级领导和同事的帮助下，较好地完成了各项采编任务。",
    "一、业务工作方面。任现职以来，本人共采写各类新闻稿件六百余篇，其中消息四百余篇、通讯和深度报道八十余篇，"
    "多篇稿件在全州好新闻评选中获奖。本人参与了本单位多项重大主题报道，深入基层一线，采写了一批有温度、有深度的报道。",
    "二、学术研究方面。本人注重理论学习与新闻实践相结合，在《新闻研究导刊》发表论文一篇，对县级融媒体中心建设进行了探讨。",
    "三、继续教育方面。本人按时完成每年的公需科目和专业科目学习，学时均达到规定要求。",
    "今后，本人将继续加强学习，努力提高业务水平，为本单位的新闻事业发展贡献力量。",
]


def work_summary(who: Who, mask="cover", leak=False, seed=20) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=27)
    p.y = 170
    p.title("任现职以来个人工作总结", 44)
    for i, para in enumerate(SUMMARY):
        if leak and i == 1:
            para = para.replace("本人共采写", "{N}共采写").replace("参与了本单位", "参与了{U}")
        p.para(para)
    return p.finish(seed)


def publicity(who: Who, mask="cover", seed=21) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=27)
    p.y = 170
    p.title("推荐单位公示", 46)
    p.para("根据自治区职称评审工作的要求，现对{N}同志申报新闻系列中级专业技术任职资格进行公示。")
    p.para("基本信息：女，汉族，中共党员，身份证号6528011988******26，现任助理记者（2018年7月取得）。")
    p.para("思想政治条件：该同志政治立场坚定，遵守新闻职业道德，无违法违纪行为。")
    p.para("业绩成果：近五年采写新闻稿件六百余篇，发表论文一篇，多篇作品获州级好新闻奖。")
    p.para("公示时间从2023年8月21日起至2023年8月27日止。如对该同志的相关信息有疑异，请以电话或书面形式反映至本单位人事办公室，"
           "监督电话：0996-2021234。")
    p.y += 80
    p.line("签字：（单位负责人签字）", indent=500)
    p.line("{U}（公章）", indent=500)
    p.line("2023年8月21日", indent=560)
    p.seal(850, p.y - 60)
    return p.finish(seed)


def publicity_result(who: Who, mask="cover", seed=22) -> Image.Image:
    p = Page(who, mask=mask, face="serif", body=28)
    p.y = 170
    p.title("推荐单位公示结果", 46)
    p.para("{N}同志申报材料于2023年8月21日至2023年8月27日在本单位公示5个工作日，公示无异议，未收到投诉、举报，"
           "申报材料真实、完整、有效，同意推荐该同志申报新闻系列中级专业技术任职资格。")
    p.y += 120
    p.line("推荐单位名称（公章）：{U}", indent=360)
    p.line("2023年8月28日", indent=560)
    p.seal(850, p.y - 60)
    return p.finish(seed)


def blank_page(seed=23) -> Image.Image:
    im = Image.new("RGB", (1240, 1754), (248, 248, 245))
    ImageDraw.Draw(im).text((600, 1650), "", font=font("sans", 20))
    return im
