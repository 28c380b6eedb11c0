"""Benchmark: what a photographed page costs to read beside a scanned page of the same size (issue 19: ≤ 1.5×).

    nice -n 10 python benchmarks/bench_photo.py [--pages 8] [--reps 3] [--skew 5] [--seed 1] [--profile]

Pages: A4 documents drawn by benchmarks/phone/documents.py (not by tools/), each carrying the applicant's name and
unit in plain sight, so that both paths have something they must find. Each page is read as a 300-dpi scan
(2480×3508, JPEG 85) and photographed by tools/make_phone_fixtures.py (on a desk, turned ±``--skew`` degrees,
keystone 3 %, light falloff, JPEG 80) and scaled to the same 2480×3508 pixels. Each read is a whole inspection of the
file (decode, quality, OCR), one thread, the runtime ``check`` uses.

The two kinds are read one after the other for each page and the pair's order alternates (scan first, then photo
first), ``--reps`` times over the pages, so that both see the same load. Prints, for each repetition, the photo/scan
ratio of the summed times; then their median and spread (min–max) and the load average. The masking hits (name,
unit) of each page on both sides: a hit the scan finds and the photo misses is listed as LOST, a page where the scan
finds nothing as EMPTY (the benchmark then proves nothing for it); exit status 1 if either happens.

``--profile`` adds where each kind's time goes (sheet finding, warps, detection, classifier, recognition with the
number of lines read and read again, ruling lines, decode and the rest).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from make_phone_fixtures import photograph  # noqa: E402
from phone import documents as docs  # noqa: E402

from dossiercheck.inspect import Task, flatten, inspect_file, ocr  # noqa: E402
from dossiercheck.inspect.ocr import use_threads  # noqa: E402
from dossiercheck.matching import page_hits, targets_for  # noqa: E402

SIZE = (2480, 3508)
WHO = docs.Applicant("孙志芳", "轮台县广播电视台", "652822198711020528")
KINDS = ["publicity", "summary", "ce_hours", "appraisal_front", "article", "publicity_result", "contents", "honour",
         "title_certificate", "appraisal_back", "commitment"]  # those drawn upright with the name or unit in print


class Stages:
    """Seconds (and calls) spent in the stages of a page's reading, gathered by wrapping the functions."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.count: dict[str, int] = defaultdict(int)
        self.kind = ""

    def wrap(self, owner: object, attr: str, label: str, items: bool = False) -> None:
        inner = getattr(owner, attr)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds[(self.kind, label)] += time.perf_counter() - start
                self.count[(self.kind, label)] += len(args[-1]) if items else 1

        setattr(owner, attr, timed)


def instrument() -> Stages:
    st = Stages()
    st.wrap(flatten, "find_sheet", "sheet finding")
    st.wrap(flatten.Level, "warp", "warp (flatten, deskew)")
    st.wrap(ocr, "ruling_lines", "ruling lines")
    st.wrap(ocr, "_crop", "line crops (quad cuts, squeeze)")
    eng = ocr.engine()
    for attr, label in (("detect", "detection"), ("classify", "0/180 classifier (lines)"),
                        ("recognize", "recognition (lines)")):
        st.wrap(eng, attr, label, items=attr != "detect")
    return st


def draw(n: int, seed: int) -> list[tuple[str, Image.Image]]:
    """``n`` upright A4 pages that print the name or the unit (a landscape card or a page without them is skipped)."""
    rnd = random.Random(seed)
    out: list[tuple[str, Image.Image]] = []
    for i in range(20 * n):
        kind = KINDS[i % len(KINDS)]
        doc = docs.KINDS[kind](WHO, rnd)
        if doc.targets and doc.image.height > doc.image.width:
            out.append((kind, doc.image.convert("RGB")))
        if len(out) == n:
            break
    return out


def found(path: Path, targets: dict[str, set[str]]) -> tuple[float, set[str]]:
    start = time.perf_counter()
    facts = inspect_file(Task(path.name, str(path), ocr=True))
    took = time.perf_counter() - start
    hits = {h["target"] for page in facts.get("ocr", []) for h in page_hits(page, targets, 25)}
    return took, hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--skew", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    use_threads(1)
    targets = targets_for([WHO.name], [WHO.unit], {"巴音郭楞": "巴州"})
    stages = instrument() if args.profile else None
    ratios, totals = [], {"scan": [], "photo": []}
    hits: dict[tuple[int, str], set[str]] = {}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        files, kinds = [], []
        for i, (kind, page) in enumerate(draw(args.pages, args.seed)):
            kinds.append(kind)
            page = page.resize(SIZE, Image.LANCZOS)
            scan = Path(tmp) / f"scan{i}.jpg"
            page.save(scan, "JPEG", quality=85, dpi=(300, 300))
            photo = Path(tmp) / f"photo{i}.jpg"
            shot, _ = photograph(page, args.skew if i % 2 else -args.skew, keystone=0.03, seed=i)
            shot.resize(SIZE, Image.LANCZOS).save(photo, "JPEG", quality=80)
            files.append({"scan": scan, "photo": photo})
        found(files[0]["scan"], targets)  # build the engine outside the timing
        if stages:
            stages.seconds.clear()
            stages.count.clear()
        for rep in range(args.reps):
            spent = {"scan": 0.0, "photo": 0.0}
            for i, pair in enumerate(files):
                order = ("scan", "photo") if (i + rep) % 2 == 0 else ("photo", "scan")
                for kind in order:
                    if stages:
                        stages.kind = kind
                    took, got = found(pair[kind], targets)
                    spent[kind] += took
                    hits[(i, kind)] = got  # the same every repetition: the reading is deterministic
            ratios.append(spent["photo"] / spent["scan"])
            for kind in spent:
                totals[kind].append(spent[kind] / len(files))
            load.append(os.getloadavg()[0])
            print(f"rep {rep + 1}: scan {spent['scan'] / len(files):5.2f} s/page, photo "
                  f"{spent['photo'] / len(files):5.2f} s/page, photo/scan {ratios[-1]:.2f}", flush=True)
    n = len(files)
    print(f"\n{n} pages × {args.reps} reps, A4 at 2480x3508, one thread, {ocr.backend()}; photographed at "
          f"±{args.skew}°; load average {min(load):.1f}–{max(load):.1f}")
    print(f"scan  {statistics.median(totals['scan']):6.2f} s/page (median of reps)")
    print(f"photo {statistics.median(totals['photo']):6.2f} s/page")
    print(f"photo / scan: median {statistics.median(ratios):.2f}, spread {min(ratios):.2f}–{max(ratios):.2f} "
          f"(target ≤ 1.5)")
    bad = 0
    scan_hits = sum(len(hits[(i, 'scan')]) for i in range(n))
    photo_hits = sum(len(hits[(i, 'photo')]) for i in range(n))
    print(f"masking hits (name/unit): scan {scan_hits}, photo {photo_hits} of {2 * n} possible")
    for i in range(n):
        s, p = hits[(i, "scan")], hits[(i, "photo")]
        if not s:
            print(f"  page {i} ({kinds[i]}): EMPTY, the scan finds neither name nor unit")
            bad += 1
        if s - p:
            print(f"  page {i} ({kinds[i]}): LOST on the photo: {', '.join(sorted(s - p))}")
            bad += 1
        if p - s:
            print(f"  page {i} ({kinds[i]}): found on the photo alone: {', '.join(sorted(p - s))}")
    if stages:
        print("\nwhere the time goes (seconds per page, summed over the reps; calls or lines per page):")
        labels = sorted({label for _, label in stages.seconds}, key=lambda lb: -stages.seconds[("photo", lb)])
        per = n * args.reps
        print(f"  {'stage':34} {'scan':>12} {'photo':>12}")
        for label in labels:
            cells = [f"{stages.seconds[(k, label)] / per:6.2f} ({stages.count[(k, label)] / per:4.0f})"
                     for k in ("scan", "photo")]
            print(f"  {label:34} {cells[0]:>12} {cells[1]:>12}")
        for kind in ("scan", "photo"):
            print(f"  whole inspection, {kind}: {statistics.mean(totals[kind]):.2f} s/page")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
