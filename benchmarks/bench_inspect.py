"""Benchmark: non-OCR file inspection, cold and cached, one job and all cores.

    python benchmarks/bench_inspect.py [--pages 200] [--recheck 60]

Makes a dossier of N realistic A4 scans at 300 dpi (the demo pages scaled to 2480×3508, JPEG quality 85) in a
temporary folder, then reports pages per second for the inspection stage with --jobs 1 and the default, with an
empty cache (cold) and a warm one (cached), and the wall time of a cached re-check of a 60-file dossier, in process
and as the `dossiercheck check` command. Targets (2-core machine): ≥ 100 pages/s cold with all cores; cached
re-check of 60 files < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dossiercheck.engine import Options, check_dossier, prepare  # noqa: E402
from dossiercheck.inspect import default_jobs, inspect_dossier  # noqa: E402


def make_dossier(root: Path, pages: int) -> Path:
    sources = sorted((REPO / "examples/demo-ok").rglob("*.jpg"))
    sources = [p for p in sources if Image.open(p).size in ((1240, 1754), (1754, 1240))]
    folder = root / f"dossier-{pages}"
    (folder / "08-代表作品").mkdir(parents=True)
    shutil.copyfile(REPO / "examples/demo-ok/applicant.yaml", folder / "applicant.yaml")
    scaled = [Image.open(p).convert("RGB").resize((2480, 3508), Image.LANCZOS) for p in sources[:8]]
    for i in range(pages):
        im = scaled[i % len(scaled)]
        # a different pixel per page so that no two files share a hash
        im.putpixel((i % 2480, 0), (i % 256, 0, 0))
        im.save(folder / f"08-代表作品/作品{i:03d}.jpg", "JPEG", quality=85, dpi=(300, 300))
    return folder


def timed_inspect(folder: Path, jobs: int, cache_dir: Path, clear: bool) -> float:
    if clear:
        shutil.rmtree(cache_dir, ignore_errors=True)
    os.environ["DOSSIERCHECK_CACHE_DIR"] = str(cache_dir)
    ctx = prepare(folder, Options())
    start = time.perf_counter()
    inspect_dossier(ctx, jobs=jobs, use_cache=True, ocr=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--recheck", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_dossier(root, args.pages)
        size = sum(p.stat().st_size for p in folder.rglob("*.jpg")) / args.pages / 1e6
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"dossier: {args.pages} A4 pages, 2480x3508 JPEG, {size:.2f} MB each")
        for jobs in (1, default_jobs()):
            cold = timed_inspect(folder, jobs, root / "cache", clear=True)
            warm = timed_inspect(folder, jobs, root / "cache", clear=False)
            print(f"--jobs {jobs}: cold {args.pages / cold:7.1f} pages/s ({cold:.2f} s)   "
                  f"cached {args.pages / warm:7.1f} pages/s ({warm:.2f} s)")
        small = make_dossier(root / "small", args.recheck)
        os.environ["DOSSIERCHECK_CACHE_DIR"] = str(root / "cache2")
        check_dossier(small, Options())
        start = time.perf_counter()
        check_dossier(small, Options(select=["F", "I", "L", "O", "C"]))
        in_process = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "dossiercheck", "check", str(small), "-f", "json"],
                       stdout=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(REPO / "src")}, check=False)
        command = time.perf_counter() - start
        print(f"cached re-check of {args.recheck} files: {in_process:.3f} s in process, {command:.3f} s as a command")


if __name__ == "__main__":
    main()
