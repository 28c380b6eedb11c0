"""Evaluation of ``dossiercheck sort``: shuffled, renamed pages of generated dossiers, sorted back.

    python benchmarks/eval_sort.py [--fonts default,hei,swapped] [--qualities scan,scan300,phone] [--jobs 2]

Needs a CJK font (Debian fonts-noto-cjk / fonts-wqy-microhei): the pages are drawn with tools/make_demo.py and
tools/documents.py, as the demo dossiers are, for a 中级 applicant (the demo's full dossier) and a 初级 one (the
continuing-education certificates of 2022–2023 in 13-继续教育, no 中级 folders). Fonts: "default" as drawn,
"hei" every face in WenQuanYi Micro Hei, "swapped" serif and sans exchanged. Qualities: "scan" as drawn (150 dpi,
JPEG 85), "scan300" resampled to 300 dpi (JPEG 80), "phone" a hand-held photo (turned up to 3°, uneven light, JPEG
60), "poor" (100 dpi, blurred, JPEG 45). Every page is renamed at random (IMG_4021.jpg, 微信图片_20230901….jpg,
scan0001.jpg), shuffled into one flat folder, and one page is added twice (the same bytes) to see the duplicate
reported. The truth is each page's place in the generated dossier (folder → item, year and part from its name).

Prints, per profile, font and quality: pages placed correctly (item, and year and part where the item has them),
placed wrongly, left unsorted (00-未分类), and placed in the right item without a year or part; then totals.
With --check it also runs `check` on the sorted copy of the shuffled demo (中级, default font, scan) and prints
whether it passes. Targets: wrong ≤ 1 %, unsorted ≤ 5 % at 300 dpi; the sorted demo passes.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from PIL import Image, ImageFilter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))

import documents as d  # noqa: E402
import make_demo  # noqa: E402
import render  # noqa: E402

from dossiercheck.checklist import matches  # noqa: E402
from dossiercheck.checks import load_checklist  # noqa: E402
from dossiercheck.classify import leaves  # noqa: E402
from dossiercheck.dossier import folder_key  # noqa: E402
from dossiercheck.sort import UNSORTED, sort_dossier  # noqa: E402

FONT_VARIANTS = {
    "default": {},
    "hei": {k: "wqy-microhei.ttc" for k in render.FONTS},
    "swapped": {"sans": "NotoSerifCJK-Regular.ttc", "serif": "NotoSansCJK-Regular.ttc",
                "sans-bold": "NotoSerifCJK-Bold.ttc", "serif-bold": "NotoSansCJK-Bold.ttc"},
}


def pages_for(level: str) -> dict[str, Image.Image]:
    pages = make_demo.ok_pages()
    if level == "初级":
        for rel in [r for r in pages if r.startswith(("14-", "15-"))]:
            del pages[rel]
        for i, year in enumerate((2022, 2023)):
            pages[f"13-继续教育/{year}公需科目.jpg"] = d.ce_certificate(make_demo.WHO, year, "公需科目", seed=90 + i)
            pages[f"13-继续教育/{year}专业科目.jpg"] = d.ce_certificate(make_demo.WHO, year, "专业科目", seed=95 + i)
    return pages


def degrade(im: Image.Image, quality: str, rnd: random.Random) -> tuple[Image.Image, int, int]:
    """The page as the applicant's camera or scanner gives it: (image, JPEG quality, dpi)."""
    if quality == "scan300":
        return im.resize((im.width * 2, im.height * 2), Image.LANCZOS), 80, 300
    if quality == "phone":
        angle = rnd.uniform(-3, 3)
        im = im.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(90, 80, 70))
        shade = Image.linear_gradient("L").resize(im.size).point(lambda v: 255 - v // 5)
        im = Image.composite(im, Image.new("RGB", im.size, (60, 55, 50)), shade)
        return im, 60, 150
    if quality == "poor":
        im = im.resize((im.width * 2 // 3, im.height * 2 // 3), Image.BILINEAR).filter(ImageFilter.GaussianBlur(0.8))
        return im, 45, 100
    return im, 85, 150


def random_name(rnd: random.Random, n: int) -> str:
    style = rnd.choice(["img", "wechat", "scan"])
    if style == "img":
        return f"IMG_{4000 + n * 7 + rnd.randint(0, 6)}.jpg"
    if style == "wechat":
        return f"微信图片_2023090{rnd.randint(1, 9)}{rnd.randint(100000, 235959)}_{n}.jpg"
    return f"scan{n:04d}.jpg"


def truth_of(checklist, rel: str) -> tuple[str, int | None, str | None]:
    folder, name = rel.split("/")
    item = next(i for i in checklist.items if i.uploads and folder_key(i.folder) == folder_key(folder))
    years = [int(y) for y in re.findall(r"(20\d\d)", name)]
    part = None
    for leaf in leaves(item):
        if matches(name, list(leaf.patterns)):
            part = leaf.id
            break
    return item.id, (years[0] if years and item.dated else None), part


def make_pile(root: Path, level: str, font: str, quality: str, seed: int) -> dict[str, tuple]:
    """A flat folder of renamed pages; returns the truth by new name."""
    saved = dict(render.FONTS)
    render.FONTS.update(FONT_VARIANTS[font])
    try:
        pages = pages_for(level)
    finally:
        render.FONTS.clear()
        render.FONTS.update(saved)
    checklist = load_checklist()
    rnd = random.Random(seed)
    order = list(pages)
    rnd.shuffle(order)
    truth = {}
    for n, rel in enumerate(order, 1):
        im, q, dpi = degrade(pages[rel], quality, rnd)
        name = random_name(rnd, n)
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "JPEG", quality=q, dpi=(dpi, dpi))
        (root / name).write_bytes(buf.getvalue())
        truth[name] = truth_of(checklist, rel)
    twin = rnd.choice(sorted(truth))
    copy = f"{Path(twin).stem}(1).jpg"  # what a phone or WeChat calls a second copy
    shutil.copyfile(root / twin, root / copy)
    truth[copy] = ("duplicate", twin, None)
    profile = make_demo.PROFILE.replace("{ip}", "false").replace("{a2021}", "合格").replace(
        "{history}", make_demo.HISTORY_OK).replace("level: 中级", f"level: {level}")
    (root / "applicant.yaml").write_text(profile, encoding="utf-8")
    return truth


def score(result, truth) -> dict[str, int]:
    out = {"pages": 0, "correct": 0, "wrong": 0, "unsorted": 0, "incomplete": 0, "duplicate_found": 0}
    wrong = []
    for p in result.placements:
        want = truth[p.source]
        twins = {p.source, p.duplicate_of}
        if want[0] == "duplicate" or (p.status == "duplicate" and truth.get(p.duplicate_of, ("",))[0] == "duplicate"):
            out["duplicate_found"] += p.status == "duplicate" and len(twins) == 2
            continue
        out["pages"] += 1
        if p.status == "unsorted":
            out["unsorted"] += 1
        elif p.status == "duplicate" or p.item != want[0]:
            out["wrong"] += 1
            wrong.append(f"{p.source}: {want} → {p.item} {p.year} {p.part} ({p.status}) {' '.join(p.reasons)[:80]}")
        elif (want[1] and p.year != want[1]) or (want[2] and p.part != want[2]):
            if (want[1] and p.year not in (None, want[1])) or (want[2] and p.part not in (None, want[2])):
                out["wrong"] += 1
                wrong.append(f"{p.source}: {want} → {p.item} {p.year} {p.part}")
            else:
                out["incomplete"] += 1
        else:
            out["correct"] += 1
    return out | {"_wrong": wrong, "_unsorted": [f"{p.source}: {truth[p.source]} {p.why}" for p in result.placements
                                                   if p.status == "unsorted"]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--levels", default="中级,初级")
    ap.add_argument("--fonts", default="default,hei,swapped")
    ap.add_argument("--qualities", default="scan300,phone")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--check", action="store_true", help="also check the sorted copy of the shuffled demo")
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args()
    checklist = load_checklist()
    totals: dict[str, dict[str, int]] = {}
    work = Path(tempfile.mkdtemp(prefix="eval-sort-"))
    print(f"{'level':4} {'font':8} {'quality':8} {'pages':>5} {'correct':>7} {'wrong':>5} {'unsorted':>8} "
          f"{'no year/part':>12} {'dup found':>9} {'s':>5}")
    try:
        for level in args.levels.split(","):
            for font in args.fonts.split(","):
                for quality in args.qualities.split(","):
                    pile = work / f"{level}-{font}-{quality}"
                    pile.mkdir()
                    truth = make_pile(pile, level, font, quality, args.seed)
                    t0 = time.perf_counter()
                    result = sort_dossier(pile, work / f"{pile.name}-sorted", checklist, None, None, dry_run=False,
                                          jobs=args.jobs)
                    s = score(result, truth)
                    seconds = time.perf_counter() - t0
                    print(f"{level:4} {font:8} {quality:8} {s['pages']:5d} {s['correct']:7d} {s['wrong']:5d} "
                          f"{s['unsorted']:8d} {s['incomplete']:12d} {s['duplicate_found']:9d} {seconds:5.0f}",
                          flush=True)
                    if args.verbose:
                        for line in s["_wrong"] + s["_unsorted"]:
                            print("    ", line)
                    for key in (quality, "all"):
                        t = totals.setdefault(key, {})
                        for k, v in s.items():
                            if not k.startswith("_"):
                                t[k] = t.get(k, 0) + v
        for key, t in totals.items():
            n = max(1, t["pages"])
            print(f"{key:10} pages {t['pages']}: correct {t['correct'] / n:.1%}, wrong {t['wrong'] / n:.1%}, "
                  f"unsorted {t['unsorted'] / n:.1%}, right item without year/part {t['incomplete'] / n:.1%}")
        if args.check:
            from dossiercheck.engine import Options, check_dossier

            sorted_demo = work / f"中级-{args.fonts.split(',')[0]}-{args.qualities.split(',')[0]}-sorted"
            result = check_dossier(sorted_demo, Options(jobs=args.jobs, today=date(2023, 9, 10)))
            print(f"check of the sorted copy ({sorted_demo.name}): {'通过' if result.passed else '未通过'}, "
                  f"errors {result.counts['error']}, warnings {result.counts['warning']}")
            if not result.passed or args.verbose:
                for f in result.findings:
                    print("    ", f.code, f.item, f.file, f.message("zh"))
            unsorted = [p for p in (sorted_demo / UNSORTED).glob("*")] if (sorted_demo / UNSORTED).exists() else []
            print(f"    files left in {UNSORTED}: {len(unsorted)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
