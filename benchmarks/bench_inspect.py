"""Benchmark: non-OCR file inspection, cold and cached, one job and all cores; then a clerk's batch.

    python benchmarks/bench_inspect.py [--pages 200] [--recheck 60] [--dossiers 20]

Makes a dossier of N realistic A4 scans at 300 dpi (the demo pages scaled to 2480×3508, JPEG quality 85) in a
temporary folder, then reports pages per second for the inspection stage with --jobs 1 and the default, with an
empty cache (cold) and a warm one (cached), and the wall time of a cached re-check of a 60-file dossier, in process
and as the `dossiercheck check` command. Targets (2-core machine): ≥ 100 pages/s cold with all cores; cached
re-check of 60 files < 0.5 s.

The batch part checks N demo-sized dossiers (copies of examples/demo-ok, each file made unique by a trailing byte
so that no dossier reuses another's cache entries) with every check, OCR included, through `batch`'s shared
inspection: files per second with --jobs 1 and the default, cold and cached. Target: all cores ≥ 1.6× one job.
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

from dossiercheck.batch import run_batch  # noqa: E402
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


def make_batch(root: Path, dossiers: int) -> tuple[Path, int]:
    batch = root / "batch"
    for k in range(dossiers):
        target = batch / f"申报人{k:02d}"
        shutil.copytree(REPO / "examples/demo-ok", target)
        for p in target.rglob("*.jpg"):
            with open(p, "ab") as fh:  # after the JPEG's end marker: same picture, new hash
                fh.write(bytes([k]))
    return batch, sum(1 for p in batch.rglob("*.jpg"))


def timed_batch(batch: Path, jobs: int, cache_dir: Path, clear: bool) -> float:
    if clear:
        shutil.rmtree(cache_dir, ignore_errors=True)
    os.environ["DOSSIERCHECK_CACHE_DIR"] = str(cache_dir)
    start = time.perf_counter()
    with run_batch(batch, Options(jobs=jobs)) as rows:
        assert all(r.result is not None for r in rows)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--recheck", type=int, default=60)
    parser.add_argument("--dossiers", type=int, default=20)
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
        if args.dossiers:
            batch, files = make_batch(root, args.dossiers)
            print(f"batch: {args.dossiers} dossiers, {files} files, every check including OCR")
            single = None
            for jobs in sorted({1, default_jobs()}):
                cold = timed_batch(batch, jobs, root / f"bcache{jobs}", clear=True)
                warm = timed_batch(batch, jobs, root / f"bcache{jobs}", clear=False)
                single = single or cold
                print(f"--jobs {jobs}: cold {files / cold:6.2f} files/s ({cold:.1f} s, {single / cold:.2f}x one job)   "
                      f"cached {files / warm:7.1f} files/s ({warm:.2f} s)")


if __name__ == "__main__":
    main()
