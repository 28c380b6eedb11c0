"""Benchmark: what a photographed page costs to read beside a scanned page of the same size.

    python benchmarks/bench_photo.py [--pages 6] [--skew 5]

Pages: the A4 pages of examples/demo-flawed and demo-ok (as benchmarks/bench_ocr.py takes them). Each is read twice,
one after the other so that both see the same load: as a 300-dpi scan (2480×3508), and photographed by
tools/make_phone_fixtures.py (on a desk, turned ``--skew`` degrees, keystone 3%, light falloff, JPEG 80) and scaled
to the same 2480×3508 pixels. Each read is a whole inspection of the file (decode, quality, OCR), one thread.
Prints seconds per page of both and their ratio, and the masking hits of both. Target: ratio ≤ 1.5.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_ocr import NAME, UNIT, pages  # noqa: E402
from make_phone_fixtures import photograph  # noqa: E402

from dossiercheck.inspect import Task, inspect_file  # noqa: E402
from dossiercheck.inspect.ocr import use_threads  # noqa: E402
from dossiercheck.matching import page_hits, targets_for  # noqa: E402

SIZE = (2480, 3508)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--skew", type=float, default=5.0)
    args = parser.parse_args()
    use_threads(1)
    targets = targets_for([NAME], [UNIT], {"巴音郭楞": "巴州"})
    times = {"scan": 0.0, "photo": 0.0}
    found = {"scan": 0, "photo": 0}
    with tempfile.TemporaryDirectory() as tmp:
        sources = pages(args.pages)
        inspect_file(Task("warm", str(sources[0]), ocr=True))  # build the engine outside the timing
        for i, src in enumerate(sources):
            page = Image.open(src).convert("RGB").resize(SIZE, Image.LANCZOS)
            scan = Path(tmp) / f"scan{i}.jpg"
            page.save(scan, "JPEG", quality=85, dpi=(300, 300))
            photo = Path(tmp) / f"photo{i}.jpg"
            shot, _ = photograph(page, args.skew if i % 2 else -args.skew, keystone=0.03, seed=i)
            shot.resize(SIZE, Image.LANCZOS).save(photo, "JPEG", quality=80)
            for kind, path in (("scan", scan), ("photo", photo)):
                start = time.perf_counter()
                facts = inspect_file(Task(path.name, str(path), ocr=True))
                times[kind] += time.perf_counter() - start
                found[kind] += len(page_hits(facts["ocr"][0], targets, 25))
    n = len(sources)
    print(f"{n} pages, A4 at 2480x3508, one thread; photographed at ±{args.skew}°")
    print(f"scan  {times['scan'] / n:6.2f} s/page   masking hits {found['scan']}")
    print(f"photo {times['photo'] / n:6.2f} s/page   masking hits {found['photo']}")
    print(f"photo / scan: {times['photo'] / times['scan']:.2f}")


if __name__ == "__main__":
    main()
