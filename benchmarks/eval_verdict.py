"""Verdict evaluation (issue 20): does `check` say 通过 only when the notice would take the dossier?

    python benchmarks/eval_verdict.py [--only NAME,...] [--jobs 1]

Every case is a copy of examples/demo-ok changed the way applicants get it wrong: a page copied or moved into
another slot, a name that claims two years or both sides, a document's second page named as another document,
someone else's certificate, a form with ticked boxes, a publicity whose result uses the annex's own wording. Pages
that demo-ok lacks are drawn with tools/field_documents.py's Sheet (a CJK font is needed: Debian fonts-noto-cjk or
fonts-wqy-microhei), saved as JPEG and read by the real engine, like every other page. Each case says the verdict
it expects (failed / passed) and the findings it expects on which file; the warnings and errors demo-ok itself has
(its baseline) are subtracted before judging.

Prints one row per case, then the totals:
- false pass: a case that should fail ends in 通过, or its expected finding is not on its expected file;
- false alarm: a case that should pass does not, or gets a finding (error or warning) it should not.
Exit status 0 whatever the figures (a measurement, not a test). The OCR cache is used: demo-ok's pages are read once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))

from dossiercheck.engine import Options, check_dossier  # noqa: E402

DEMO = REPO / "examples/demo-ok"
TODAY = date(2023, 9, 10)


@dataclass
class Case:
    name: str
    change: Callable[[Path], None]
    verdict: str                                  # failed / passed
    expect: list[tuple[str | None, str]] = field(default_factory=list)  # (file, code) that must be found
    allowed: set[str] = field(default_factory=set)  # codes that may come too without being a false alarm


# ---- changes ------------------------------------------------------------------------------------------------------

def cp(src: str, dst: str) -> Callable[[Path], None]:
    def go(d: Path) -> None:
        (d / dst).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(d / src, d / dst)
    return go


def mv(src: str, dst: str) -> Callable[[Path], None]:
    def go(d: Path) -> None:
        (d / dst).parent.mkdir(parents=True, exist_ok=True)
        shutil.move(d / src, d / dst)
    return go


def rm(rel: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).unlink()


def profile(**changes) -> Callable[[Path], None]:
    def go(d: Path) -> None:
        data = yaml.safe_load((d / "applicant.yaml").read_text(encoding="utf-8"))
        for k, v in changes.items():
            if k == "appraisals":
                data["appraisals"].update(v)
            else:
                data[k] = v
        (d / "applicant.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return go


def both(*steps: Callable[[Path], None]) -> Callable[[Path], None]:
    def go(d: Path) -> None:
        for s in steps:
            s(d)
    return go


def drawn(rel: str, draw: Callable[[], object]) -> Callable[[Path], None]:
    def go(d: Path) -> None:
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        draw().convert("RGB").save(d / rel, "JPEG", quality=85)
    return go


def _sheet(masked: bool = True):
    import field_documents as fd
    from render import Who

    return fd, Who("王晓梅", "巴音郭楞日报社"), ({} if masked else {"mask": "none"})


def ce_table_hours() -> object:
    """A CE certificate laid out as a table whose hours stand alone in their cell: 学时 | 20."""
    fd, who, kw = _sheet()
    p = fd.Sheet(who, 150, face="sans", body=30, **kw)
    p.y = p.sz(240)
    p.title("专业技术人员继续教育合格证书", p.sz(46))
    p.skip(50)
    p.para("兹证明{N}同志完成继续教育学习，经考核成绩合格。")
    p.table([["学习年度", "2021年度"], ["科目类别", "公需科目"], ["学时", "20"]], [0.3, 0.7], row_h=p.sz(72))
    p.skip(60)
    p.line(fd.ISSUER, indent=int(p.width * 0.25))
    p.line("2021年12月20日", indent=int(p.width * 0.45))
    return p.im


def someone_elses_ce() -> object:
    import field_documents as fd
    from render import Who

    orig = fd.Sheet.__init__

    def unmasked(self, *a, **kw):
        kw.setdefault("mask", "none")
        orig(self, *a, **kw)

    fd.Sheet.__init__ = unmasked
    try:
        return fd.ce_certificate(Who("李建国", "和静县融媒体中心"), 2021, "公需科目", 30, seed=7)[0]
    finally:
        fd.Sheet.__init__ = orig


def decision_page_two() -> object:
    """The second page of the qualification decision: the list of who was approved, and who it was sent to."""
    fd, who, kw = _sheet()
    p = fd.Sheet(who, 150, face="serif", body=28, **kw)
    p.y = p.sz(170)
    p.line("附件", indent=0)
    p.title("2018年度自治州新闻系列初级专业技术职务任职资格通过人员名单", p.sz(34))
    p.table([["序号", "姓名", "工作单位", "专业"], ["1", "{N}", "{U}", "新闻"], ["2", "■■■", "■■■■■■", "新闻"],
             ["3", "■■", "■■■■■■", "新闻"]], [0.12, 0.22, 0.44, 0.22], row_h=p.sz(70))
    p.skip(200)
    p.line("抄送：自治州人力资源和社会保障局", indent=p.sz(40))
    p.line("巴州党委宣传部办公室          2018年7月10日印发", indent=p.sz(40))
    return p.im


def aid_form(page: int) -> Callable[[], object]:
    """Two pages of the 援疆 approval form (no dispatch certificate among them)."""
    def draw() -> object:
        fd, who, kw = _sheet()
        p = fd.Sheet(who, 150, face="sans", body=26, **kw)
        p.y = p.sz(150)
        if page == 1:
            p.title("选派进疆专业技术人员推荐评聘专业技术职务审批表", p.sz(32))
            p.table([["姓名", "{N}", "性别", "女"], ["派出单位", "■■■■■■", "现任职务", "助理记者"],
                     ["援疆期间工作业绩", "采写新闻稿件二百余篇", "", ""]], [0.25, 0.25, 0.25, 0.25], row_h=p.sz(90))
        else:
            p.table([["派出单位意见", "同意推荐。（盖章）  年  月  日"], ["受援单位意见", "同意。（盖章）  年  月  日"],
                     ["自治区人力资源和社会保障厅意见", "（盖章）  年  月  日"]], [0.35, 0.65], row_h=p.sz(160))
        return p.im
    return draw


def checkbox_back(ticked: str, tick: str = "√") -> Callable[[], object]:
    def draw() -> object:
        fd, who, kw = _sheet()
        p = fd.Sheet(who, 150, face="sans", body=26, **kw)
        p.y = p.sz(150)
        p.title("年度考核登记表（2021年度）", p.sz(36))
        boxes = "  ".join(f"{tick if r == ticked else '□'}{r}" for r in ("优秀", "合格", "基本合格", "不合格"))
        p.table([["主管领导评语", "该同志2021年度工作认真负责，完成了各项任务。"], ["考核等次", boxes], ["本人意见", "同意"]],
                [0.25, 0.75], row_h=p.sz(100))
        p.skip(60)
        p.line("单位负责人签字：            （单位盖章）", indent=p.sz(200))
        p.line("2022年1月15日", indent=p.sz(560))
        return p.im
    return draw


def appraisal_back(result: str) -> Callable[[], object]:
    def draw() -> object:
        import field_documents as fd
        from render import Who

        return fd.appraisal_back(Who("王晓梅", "巴音郭楞日报社"), 2021, result)[0]
    return draw


def publicity(start: date, end: date, **kw) -> Callable[[], object]:
    def draw() -> object:
        import field_documents as fd
        from render import Who

        return fd.publicity(Who("王晓梅", "巴音郭楞日报社"), start, end, **kw)[0]
    return draw


def result_page(start: date, end: date, wording: str, signed: str) -> Callable[[], object]:
    """附件2 as its template words it ('在本单位公示××天'), or with working days."""
    def draw() -> object:
        fd, who, kw = _sheet()
        p = fd.Sheet(who, 150, face="serif", body=28, **kw)
        p.y = p.sz(170)
        p.title("推荐单位公示结果", p.sz(46))
        p.para(f"{{N}}同志申报材料于{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日在本单位"
               f"{wording}，公示无异议，未收到投诉、举报，同意推荐该同志申报新闻系列中级专业技术任职资格。")
        p.skip(120)
        p.line("推荐单位名称（公章）：{U}", indent=p.sz(360))
        p.line(signed, indent=p.sz(560))
        p.seal(p.sz(850), p.y - p.sz(60), p.sz(100))
        return p.im
    return draw


ID, CE, AP, QU, PA = "01-身份证/", "14-继续教育-公需科目/", "17-年度考核表/", "06-专业技术资格/", "11-论文/"
PUB, RES = "19-推荐单位公示/推荐单位公示.jpg", "20-推荐单位公示结果/推荐单位公示结果.jpg"
NINE = (date(2023, 9, 1), date(2023, 9, 7))

CASES = [
    Case("demo-ok as it is", lambda d: None, "passed"),
    # 1–10: presence by content, one document one slot
    Case("1 appraisal form saved as a 2021 CE certificate", both(rm(CE + "2021公需科目.jpg"),
         cp(AP + "2021年度考核表-反面.jpg", CE + "2021公需科目.jpg")), "failed",
         [(CE + "2021公需科目.jpg", "C102"), (None, "P301")], {"C103", "D101", "C302", "C101"}),
    Case("2 decision copied as the title certificate", cp(QU + "任职资格文件.jpg", QU + "职称证书.jpg"), "failed",
         [(QU + "职称证书.jpg", "C106"), (None, "P103")], {"C302"}),
    Case("3 the decision's second page named as the title certificate", drawn(QU + "职称证书.jpg", decision_page_two),
         "failed", [(None, "P103")], {"C105", "C106", "C101", "C102"}),
    Case("10 援疆: two pages of the approval form, no dispatch certificate",
         both(profile(aid_to_xinjiang=True), drawn("03-援疆材料/援疆派遣审批表-1.jpg", aid_form(1)),
              drawn("03-援疆材料/援疆派遣审批表-2.jpg", aid_form(2))), "failed", [(None, "P102")], {"C105", "C101", "P304"}),
    Case("4 ID front copied as the back", cp(ID + "身份证-正面.jpg", ID + "身份证-反面.jpg"), "failed",
         [(ID + "身份证-反面.jpg", "C106"), (None, "P102")], {"C302", "K108", "D131", "D132", "D133"}),
    Case("5 journal cover copied as the search report", cp(PA + "1-期刊封面.jpg", PA + "6-检索报告.jpg"), "failed",
         [(PA + "6-检索报告.jpg", "C106"), (None, "P102")], {"C302"}),
    Case("6 publicity result copied as the publicity", cp(RES, PUB), "failed",
         [(PUB, "C102"), (None, "P101")], {"C302", "C103", "D123", "D122"}),
    Case("7 2021 CE renamed 2021-2022, 2022 removed", both(mv(CE + "2021公需科目.jpg", CE + "2021-2022公需科目.jpg"),
         rm(CE + "2022公需科目.jpg")), "failed", [(CE + "2021-2022公需科目.jpg", "P304"), (None, "P301")]),
    Case("8 2020 front named 2020-2021, 2021 front removed",
         both(mv(AP + "2020年度考核表-正面.jpg", AP + "2020-2021年度考核表-正面.jpg"), rm(AP + "2021年度考核表-正面.jpg")),
         "failed", [(AP + "2020-2021年度考核表-正面.jpg", "P304"), (None, "P303")]),
    Case("9 one front named for both sides", both(mv(AP + "2021年度考核表-正面.jpg", AP + "2021年度考核表-正面反面.jpg"),
         rm(AP + "2021年度考核表-反面.jpg")), "failed", [(AP + "2021年度考核表-正面反面.jpg", "P304"), (None, "P303")]),
    Case("variant: CE certificate of 2022 copied as 2021", both(rm(CE + "2021公需科目.jpg"),
         cp(CE + "2022公需科目.jpg", CE + "2021公需科目.jpg")), "failed", [(CE + "2021公需科目.jpg", "D101"), (None, "P301")],
         {"C302", "C301"}),
    Case("variant: the certificate uploaded twice in its own slot", cp(CE + "2021公需科目.jpg", CE + "2021公需科目-副本.jpg"),
         "passed", [(CE + "2021公需科目-副本.jpg", "C301")], {"C301"}),
    Case("variant: ID card files named without side", both(mv(ID + "身份证-正面.jpg", ID + "身份证1.jpg"),
         mv(ID + "身份证-反面.jpg", ID + "身份证2.jpg")), "passed", [], {"K108"}),
    # 11–14: readers and whose document
    Case("11 CE hours in a table cell (学时 | 20)", drawn(CE + "2021公需科目.jpg", ce_table_hours), "failed",
         [(CE + "2021公需科目.jpg", "D103")]),
    Case("12 another person's CE certificate (name visible)", drawn(CE + "2021公需科目.jpg", someone_elses_ce), "failed",
         [(CE + "2021公需科目.jpg", "D151")]),
    Case("13 profile with another ID number: the publicity's differs", profile(id_number="652801199003070017",
         gender="男"), "failed", [(PUB, "D152")], {"D131", "D132", "D133", "R106"}),
    Case("14 basic pass on the form and in applicant.yaml", both(drawn(AP + "2021年度考核表-反面.jpg", appraisal_back("基本合格")),
         profile(appraisals={2021: "基本合格"})), "failed", [(AP + "2021年度考核表-反面.jpg", "D113")], {"R105"}),
    # false alarms the issue names
    Case("checkbox form, 合格 ticked", drawn(AP + "2021年度考核表-反面.jpg", checkbox_back("合格")), "passed"),
    Case("checkbox form, 合格 ticked with ☒", drawn(AP + "2021年度考核表-反面.jpg", checkbox_back("合格", "☒")), "passed"),
    Case("checkbox form, 基本合格 ticked (profile alike)", both(drawn(AP + "2021年度考核表-反面.jpg", checkbox_back("基本合格")),
         profile(appraisals={2021: "基本合格"})), "failed", [(AP + "2021年度考核表-反面.jpg", "D113")], {"R105"}),
    Case("result in the annex's words: 公示7天, dated 9月8日", both(drawn(PUB, publicity(*NINE)),
         drawn(RES, result_page(*NINE, "公示7天", "2023年9月8日"))), "passed"),
    Case("publicity to 9/25, result signed that day", both(drawn(PUB, publicity(date(2023, 9, 19), date(2023, 9, 25))),
         drawn(RES, result_page(date(2023, 9, 19), date(2023, 9, 25), "公示5个工作日", "2023年9月25日"))), "passed",
         [(PUB, "D127")], {"D127"}),
    Case("result dated before the publicity ends", both(drawn(PUB, publicity(*NINE)),
         drawn(RES, result_page(*NINE, "公示5个工作日", "2023年9月4日"))), "failed", [(RES, "D122")]),
]


def run(case: Case, work: Path, baseline: set[tuple[str | None, str]], jobs: int) -> dict:
    folder = work / "d"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(DEMO, folder)
    case.change(folder)
    result = check_dossier(folder, Options(today=TODAY, jobs=jobs))
    found = {(f.file, f.code, f.severity.value) for f in result.findings}
    pairs = {(f, c) for f, c, _ in found}
    missing = [(f, c) for f, c in case.expect if not any(c == c2 and (f is None or f == f2) for f2, c2 in pairs)]
    extra = sorted(((f, c, s) for f, c, s in found if (f, c) not in baseline and c not in case.allowed
                    and not any(c == c2 and (f2 is None or f2 == f) for f2, c2 in case.expect)),
                   key=lambda x: (x[0] or "", x[1]))
    verdict = "passed" if result.verdict in ("passed", "closed") else result.verdict
    false_pass = case.verdict == "failed" and (verdict == "passed" or bool(missing))
    false_alarm = (case.verdict == "passed" and (verdict != "passed" or bool(missing))) or bool(extra)
    return {"verdict": verdict, "missing": missing, "extra": extra, "false_pass": false_pass, "false_alarm": false_alarm}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="comma-separated case-name prefixes")
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    cases = [c for c in CASES if not args.only or any(c.name.startswith(p) for p in args.only.split(","))]
    with tempfile.TemporaryDirectory(prefix="eval-verdict-") as tmp:
        work = Path(tmp)
        base = run(CASES[0], work, set(), args.jobs)
        baseline = {(f, c) for f, c, _ in base["extra"]}
        print(f"demo-ok baseline: verdict {base['verdict']}, findings {sorted(baseline)}")
        fp = fa = 0
        for case in cases:
            r = run(case, work, baseline, args.jobs)
            fp += r["false_pass"]
            fa += r["false_alarm"]
            mark = "FALSE PASS" if r["false_pass"] else "FALSE ALARM" if r["false_alarm"] else "ok"
            print(f"{mark:11} {case.name}: expected {case.verdict}, got {r['verdict']}"
                  + (f"; missing {r['missing']}" if r["missing"] else "") + (f"; extra {r['extra']}" if r["extra"] else ""))
        should_fail = sum(c.verdict == "failed" for c in cases)
        print(f"\n{len(cases)} cases ({should_fail} should fail): false passes {fp}/{should_fail}, "
              f"false alarms {fa}/{len(cases)}")


if __name__ == "__main__":
    main()
