"""Profile: what applicant.yaml itself says, for the items that have nothing to upload.

- R101 the work history does not start when work began (工作起始时间要与参加工作时间一致);
- R102 a gap between two periods of the work history (简历时间段应上下衔接);
- R103 two periods overlap (fine for 借调/驻村 written on their own line, worth a look otherwise);
- R104 no work history in the profile, so it cannot be checked;
- R105 a 基本合格 or 不合格 annual appraisal: each 基本合格 postpones the application one year, each 不合格 two;
- R106 the gender does not match the ID number (its 17th digit is odd for men, even for women);
- R107 a year that needs a document of an item with ``profile_field: appraisals`` has no result in
  applicant.yaml (``appraisals``): without it a 基本合格 that postpones the application would go unseen;
- R108 a field the roster (附件5 申报人员花名册) needs is empty: id_number, target_title;
- R109 a line of the work history still holds the template's example (某某新闻单位): ``init`` writes examples so
  the file shows its shape (an example name or unit is the masking check's K107).
- R110 a period of the work history that ends before it starts (from and to swapped): said as such, not as the
  overlap or gap it makes with its neighbours.

The ID number's check digit is verified when the profile is loaded: an invalid number stops the run (exit 2).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from dossiercheck.checks import Context
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: note (info)
FAMILIES = (Family("profile", Text("信息", "profile")),)
# The checklist says which item stands for which part of the profile: its findings are reported under that item.
FIELDS = ("work_history", "appraisals")
SETTINGS = {"profile_field": {"enum": list(FIELDS), "description": "the part of applicant.yaml this item is "
                                                                  "checked against (findings go under it)"}}
FIX_HISTORY = Text("按实际修改 applicant.yaml 的 work_history 及平台上的工作简历。",
                   "Correct work_history in applicant.yaml and the work history on the platform.")
CODES = (
    Code("R101", "profile", E, Text("简历起点不符", "history start mismatch"),
         Text("工作简历从 {first} 开始，但参加工作时间是 {started}", "Work history starts {first}, but work began {started}"),
         FIX_HISTORY),
    Code("R102", "profile", E, Text("简历不衔接", "gap in work history"),
         Text("工作简历在 {end} 与 {start} 之间不衔接（空缺 {days} 天）",
              "Work history has a gap between {end} and {start} ({days} days)"), FIX_HISTORY),
    Code("R103", "profile", W, Text("简历时间重叠", "overlap in work history"),
         Text("工作简历 {start} 开始的一段与上一段（到 {end}）重叠", "The period from {start} overlaps the one ending {end}"),
         Text("借调、驻村、“访惠聚”可写在单位名称内或另起一行；其他重叠请核对。",
              "Secondments and village work may overlap; check any other overlap.")),
    Code("R104", "profile", N, Text("未填工作简历", "no work history"),
         Text("applicant.yaml 中没有 work_history，无法检查工作简历", "No work_history in applicant.yaml; not checked"),
         FIX_HISTORY),
    Code("R105", "profile", E, Text("考核结果影响申报", "appraisal postpones"),  # postponed: not this year
         Text("{year} 年度考核为“{result}”，申报须顺延 {delay} 年", "{year} appraisal '{result}': the application is "
              "postponed {delay} year(s)"),
         Text("每出现 1 次基本合格顺延 1 年、不合格顺延 2 年申报；请核对本年度是否仍符合申报条件。",
              "Each 基本合格 postpones one year, each 不合格 two; check you are still eligible this year.")),
    Code("R106", "profile", W, Text("性别与身份证号不符", "gender vs ID number"),
         Text("性别填的是“{gender}”，身份证号显示为“{id_gender}”", "Gender is '{gender}', the ID number says '{id_gender}'"),
         Text("核对 applicant.yaml 中的 gender 与 id_number。", "Check gender and id_number in applicant.yaml.")),
    Code("R107", "profile", E, Text("缺少考核结果", "appraisal result missing"),
         Text("applicant.yaml 的 {field} 中没有 {year} 年的结果", "applicant.yaml gives no {year} result in {field}"),
         Text("按年度考核表填写每年的结果（优秀 / 合格 / 基本合格 / 不合格），如 {year}: 合格。",
              "Give each year's result from the appraisal form (优秀 / 合格 / 基本合格 / 不合格), e.g. {year}: 合格.")),
    Code("R108", "profile", W, Text("申报人信息不全", "profile incomplete"),
         Text("applicant.yaml 中没有填写 {field}（{label}），花名册（附件5）中这一栏会是空的",
              "applicant.yaml has no {field} ({label}); the roster (annex 5) will have it blank"),
         Text("在 applicant.yaml 中补填。", "Fill it in applicant.yaml.")),
    Code("R109", "profile", W, Text("仍是模板示例", "template example left in"),
         Text("applicant.yaml 的 {field} 还是模板中的示例“{value}”", "applicant.yaml still has the template's "
              "example '{value}' in {field}"),
         Text("改成你自己的信息（模板中每一项后面的 # 注释说明了怎么填）。",
              "Replace it with your own details (the # comment after each line says what goes there).")),
)
CODES += (
    Code("R110", "profile", E, Text("简历时间颠倒", "period reversed"),
         Text("工作简历中 {start} 至 {end} 这一段的结束早于开始", "The work-history period {start} to {end} ends before "
              "it starts"),
         Text("核对这一段的 from 和 to，可能写反了。", "Check this period's from and to: they may be swapped.")),
)
# Fields the roster (附件5) needs that the profile schema leaves optional.
ROSTER_FIELDS = {"id_number": Text("身份证号", "ID number"), "target_title": Text("拟晋升专业技术职务", "title applied for")}

POSTPONE = {"基本合格": 1, "不合格": 2}  # the results applicant.yaml may give (the schema refuses 称职 and the like)


def item_for(ctx: Context, field: str) -> str | None:
    """The id of the item that stands for ``field`` (``profile_field: work_history``); None if the checklist has none."""
    return next((i.id for i in ctx.checklist.items if i.setting("profile_field") == field), None)


def check(ctx: Context) -> Iterable[Finding]:
    history_item, appraisal_item = item_for(ctx, "work_history"), item_for(ctx, "appraisals")
    profile = ctx.profile
    reversed_ = [p for p in profile.work_history if p.end is not None and p.end < p.start]
    for p in reversed_:
        yield Finding("R110", item=history_item, args={"start": p.start.isoformat()[:7], "end": p.end.isoformat()[:7]})
    history = sorted((p for p in profile.work_history if p not in reversed_), key=lambda p: p.start)
    if not profile.work_history:
        yield Finding("R104", item=history_item)
    elif history:
        started = profile.work_started
        if started and history[0].start.replace(day=1) != started.replace(day=1):
            yield Finding("R101", item=history_item, args={"first": history[0].start.isoformat()[:7],
                                                      "started": started.isoformat()[:7]})
        for prev, cur in zip(history, history[1:], strict=False):
            if prev.end is None or cur.start <= prev.end:
                yield Finding("R103", item=history_item, args={"start": cur.start.isoformat()[:7],
                                                          "end": prev.end.isoformat()[:7] if prev.end else "至今"})
            elif cur.start - prev.end > timedelta(days=1):
                yield Finding("R102", item=history_item, evidence={"days": (cur.start - prev.end).days - 1},
                              args={"end": prev.end.isoformat(), "start": cur.start.isoformat(),
                                    "days": (cur.start - prev.end).days - 1})
    for year, result in sorted(profile.appraisals.items()):
        if result in POSTPONE:
            yield Finding("R105", item=appraisal_item, args={"year": year, "result": result, "delay": POSTPONE[result]},
                          evidence={"year": year, "result": result, "postpone_years": POSTPONE[result]})
    for item in ctx.checklist.items:
        field = item.setting("profile_field")
        if field == "appraisals" and ctx.applies(item):
            given = {int(y) for y in (profile.data.get(field) or {})}
            for year in ctx.years(item):
                if year not in given:
                    yield Finding("R107", item=item.id, args={"field": field, "year": year}, evidence={"year": year})
    for field, label in ROSTER_FIELDS.items():
        if not str(profile.data.get(field) or "").strip():
            yield Finding("R108", args={"field": field, "label": label})
    for where, value in profile.template_examples():
        yield Finding("R109", item=history_item, args={"field": where, "value": value})
    gender, number = profile.data.get("gender"), profile.id_number
    if gender and len(number) == 18:
        id_gender = "男" if int(number[16]) % 2 else "女"
        if id_gender != gender:
            yield Finding("R106", args={"gender": gender, "id_gender": id_gender})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """申报人信息：检查 applicant.yaml 本身，用于没有附件要上传的各项（如工作简历）。

- R101 工作简历的起点与参加工作时间不一致；
- R102 工作简历两段之间不衔接；
- R103 两段时间重叠（借调、驻村另起一行可以，其他请核对）；
- R104 没有填写工作简历，无法检查；
- R105 年度考核有“基本合格”或“不合格”：每个基本合格顺延 1 年申报，每个不合格顺延 2 年；
- R106 性别与身份证号不符（第 17 位奇数为男、偶数为女）；
- R107 清单要求某年的年度考核表，但 appraisals 中没有这一年的结果；
- R108 花名册（附件5）需要的 id_number、target_title 没有填写；
- R109 工作简历中还留着模板的示例行（某某新闻单位），请改成自己的经历（姓名、单位仍是示例时见 K107）。
- R110 某一段简历的结束早于开始（from 和 to 可能写反了）。

这些问题归在清单中写了 profile_field 的那一项下面。身份证号的校验码在读取 applicant.yaml 时就核对，号码无效会直接停止。"""
