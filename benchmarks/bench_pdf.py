"""Benchmark: the cost of seeing a PDF page as a reader does, per page, at the check's resolutions.

    python benchmarks/bench_pdf.py [--repeat 7]

Page kinds: a born-digital certificate (vector CJK text), a 300-dpi A4 scan stored as one JPEG (made here from a
demo page, 2480×3508), the same scan split into four strips (tests/fixtures/pdf/strips.pdf is 150 dpi), and an
English court filing (x-ray's rectangles_yes.pdf, dense vector text). For each, the median over --repeat runs of:

- render at ANALYSIS_SIDE (800 px long side: the quality measures, when no check reads text);
- render at REC_SIDE (1800 px: the page the OCR reader gets);
- the text-layer comparison (two renders at LAYER_SIDE and a look at every character);
- inspect_pdf without OCR (open, budget, text layer by pypdf, render, measure, compare) per page;
- fix's rebuild of the page (render at 200 dpi, JPEG, PDF).

OCR itself is measured by benchmarks/bench_ocr.py (a rendered page costs what an image of the same size costs).
Target: the render and the comparison add under a tenth of the OCR time of a page (about 1 s on this machine).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dossiercheck.fix import rebuild_pdf  # noqa: E402
from dossiercheck.inspect.image import ANALYSIS_SIDE  # noqa: E402
from dossiercheck.inspect.ocr import REC_SIDE  # noqa: E402
from dossiercheck.inspect.pdf import hidden_text, inspect_pdf, open_document, page_scale, render  # noqa: E402

FIXTURES = REPO / "tests/fixtures/pdf"


def scan_pdf(folder: Path) -> Path:
    page = Image.open(REPO / "examples/demo-ok/18-个人工作总结/个人工作总结.jpg").convert("RGB")
    path = folder / "scan300.pdf"
    page.resize((2480, 3508), Image.LANCZOS).save(path, "PDF", resolution=300, quality=85)
    return path


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def on_page(path: Path, work):
    def run():
        doc = open_document(path)
        try:
            work(doc[0])
        finally:
            doc.close()
    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = {"vector certificate": FIXTURES / "certificate.pdf", "300-dpi scan": scan_pdf(Path(tmp)),
                 "scan in 4 strips (150 dpi)": FIXTURES / "strips.pdf",
                 "court filing (x-ray)": FIXTURES / "xray_rectangles_yes.pdf"}
        print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, "
              f"median of {args.repeat}, ms per page")
        print(f"{'page':28} {'render 800':>10} {'render 1800':>11} {'layer cmp':>10} {'inspect':>8} {'fix 200dpi':>10}")
        for label, path in files.items():
            small = median_ms(on_page(path, lambda p: render(p, page_scale(p, ANALYSIS_SIDE))), args.repeat)
            big = median_ms(on_page(path, lambda p: render(p, page_scale(p, REC_SIDE))), args.repeat)
            layer = median_ms(on_page(path, hidden_text), args.repeat)
            pages = len(open_document(path))
            whole = median_ms(lambda path=path: inspect_pdf(path), args.repeat) / pages
            rebuild = median_ms(lambda path=path: rebuild_pdf(path, [{"do": "flatten", "reasons": []}], None),
                                args.repeat) / pages
            print(f"{label:28} {small:10.0f} {big:11.0f} {layer:10.0f} {whole:8.0f} {rebuild:10.0f}")


if __name__ == "__main__":
    main()
