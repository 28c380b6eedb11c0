"""Masking recall on photographed pages by skew band, the project beside the naive way: a quick figure on OUR OWN
drawings (benchmarks/eval_ocr.py draws the pages with tools/render.py, tools/make_phone_fixtures.py photographs
them). It cannot show what our drawing never draws; benchmarks/eval_phone.py is the independent evaluation.

    python benchmarks/eval_photo_own.py [--pages 8] [--skews 0,3.5,5,8] [--seed 7]

Each page shows the name and unit once (uncovered) or covered by an opaque box; it is photographed at each skew
(keystone 3%, desk, light falloff, JPEG 80), turned 0/90/180/270 at random. Prints per band: recall (visible
targets found), false alarms (covered pages with any hit), pages of unknown orientation (O202) and wrong turns, and
the OCR seconds per page of both.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from eval_ocr import NAMES, UNITS, naive_engine, naive_hits, page  # noqa: E402
from make_phone_fixtures import photograph  # noqa: E402
from render import Who  # noqa: E402

from dossiercheck.inspect import ocr  # noqa: E402
from dossiercheck.matching import page_hits, targets_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--skews", default="0,3.5,5,8")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--turns", action="store_true", help="also turn pages 90/180/270 at random")
    parser.add_argument("--no-naive", action="store_true")
    parser.add_argument("--no-flatten", action="store_true", help="cut lines along their quadrilaterals only")
    args = parser.parse_args()
    if args.no_flatten:
        ocr.FLATTEN = False
    naive = None if args.no_naive else naive_engine()
    skews = [float(s) for s in args.skews.split(",")]
    rnd = random.Random(args.seed)
    drawn = []
    for i in range(args.pages):
        name, unit = rnd.choice(NAMES), rnd.choice(UNITS)
        mask = "cover" if i % 4 == 3 else "none"
        drawn.append((page(rnd, Who(name, unit), mask), name, unit, mask, rnd.randint(0, 10**6),
                      rnd.choice([0, 90, 180, 270]) if args.turns else 0, rnd.choice([-1, 1])))
    print(f"{'skew':>5} {'recall project':>16} {'recall naive':>14} {'false alarms':>13} {'O202':>5} "
          f"{'wrong':>5} {'s/page':>7} {'naive s/p':>9}")
    for skew in skews:
        found = found_naive = visible = alarms = alarms_naive = quiet = unknown = wrong = 0
        t_p = t_n = 0.0
        for im, name, unit, mask, seed, turn, sign in drawn:
            photo, _ = photograph(im, sign * skew, keystone=0.03, seed=seed)
            if turn:
                photo = photo.rotate(turn, expand=True)
            arr = np.asarray(photo)
            t0 = time.perf_counter()
            result = ocr.read_page(arr)
            t_p += time.perf_counter() - t0
            hits = {h["target"] for h in page_hits(result, targets_for([name], [unit], {"巴音郭楞": "巴州"}), 25)}
            n_hits: set[str] = set()
            if naive is not None:
                t0 = time.perf_counter()
                n_hits = naive_hits(naive, photo, name, unit)
                t_n += time.perf_counter() - t0
            if result["rotation"] is None:
                unknown += 1
            elif result["rotation"] != turn:
                wrong += 1
            if mask == "none":
                visible += 2
                found += len(hits)
                found_naive += len(n_hits)
            else:
                quiet += 1
                alarms += bool(hits)
                alarms_naive += bool(n_hits)
        n = len(drawn)
        print(f"{skew:5.1f} {f'{found}/{visible}':>16} {f'{found_naive}/{visible}':>14} "
              f"{f'{alarms}/{quiet} ({alarms_naive})':>13} {unknown:5d} {wrong:5d} {t_p / n:7.2f} {t_n / n:9.2f}")


if __name__ == "__main__":
    main()
