"""Benchmark: peak memory (RSS) of a worker on a long PDF, and of the batch process on many dossiers.

    python benchmarks/bench_memory.py [--pdf-pages 300] [--ocr-pages 4] [--dossiers 200] [--cold-only]

- worker, long PDF: a PDF of --pdf-pages scanned A4 pages (demo pages, 150 dpi JPEG each) inspected in a fresh
  process as a pool worker does (inspect_file): once without OCR (every page opened, rendered and measured) and once
  with OCR on the first --ocr-pages pages (the engine loaded, pages read one at a time);
- batch process, many dossiers: `batch --jobs 1` over --dossiers copies of examples/demo-ok, without and with
  `--reports`. The copies have the same bytes: one `check` reads the first cold, and the batch finds every file in
  the facts cache; the figure is what the process that runs a batch holds for that many dossiers.

- cold check: `check examples/demo-ok --no-cache` (the default --jobs) in a fresh process: its CPU time (user +
  system, the pool's workers included), wall time, the peak RSS of its largest process and the peak of the whole
  process tree (RSS and PSS summed over the process and its workers, sampled every 20 ms; PSS shares the pages a
  forked worker still has in common with its parent). Target: < 10 s on 2 cores, < 700 MB. ``--cold-only`` runs
  only this measure.

Each measure runs in its own process; the figure is that process's peak RSS (ru_maxrss). Target: < 1 GB each.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src"
sys.path.insert(0, str(SRC))

WORKER = """
import json, resource, sys
sys.path.insert(0, {src!r})
from dossiercheck.inspect import Task, inspect_file
facts = inspect_file(Task("long.pdf", {path!r}, ocr={ocr}))
pdf = facts.get("pdf", {{}})
print(json.dumps({{"error": facts.get("error"), "pages": facts.get("pages"), "read": len(pdf.get("ocr", []))}}))
"""


def long_pdf(target: Path, pages: int) -> None:
    sources = sorted((REPO / "examples/demo-ok").rglob("*.jpg"))
    images = [Image.open(p).convert("RGB") for p in sources]
    frames = [images[i % len(images)] for i in range(pages)]
    frames[0].save(target, "PDF", resolution=150, save_all=True, append_images=frames[1:])


def peak_mb_of(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, stdout) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode() if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0  # reaped above
    return usage.ru_maxrss / 1024, time.perf_counter() - start, out


def _tree(root: int) -> list[int]:
    """``root`` and every process below it."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; 0 once it is gone."""
    try:
        fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
        return int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


def cold_check(env: dict[str, str], cache: Path) -> None:
    """A cold `check examples/demo-ok --no-cache`: CPU, wall, peak RSS (largest process) and the tree's peak."""
    command = [sys.executable, "-m", "dossiercheck", "check", str(REPO / "examples/demo-ok"), "--no-cache",
               "--today", "2023-09-10", "--format", "json"]
    shutil.rmtree(cache, ignore_errors=True)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = {"rss": 0, "pss": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = [_memory(p) for p in _tree(proc.pid)]
            peak["rss"] = max(peak["rss"], sum(r for r, _ in sizes))
            peak["pss"] = max(peak["pss"], sum(p for _, p in sizes))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    from dossiercheck.inspect import ocr

    print(f"cold check demo-ok ({ocr.backend()}, exit {proc.returncode}, load average {load:.1f}): "
          f"CPU {usage.ru_utime + usage.ru_stime:.1f} s, wall {wall:.1f} s, largest process {usage.ru_maxrss / 1024:.0f} "
          f"MB, whole tree RSS {peak['rss'] / 1024:.0f} MB / PSS {peak['pss'] / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pdf-pages", type=int, default=300)
    parser.add_argument("--ocr-pages", type=int, default=4)
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--cold-only", action="store_true", help="only the cold check of examples/demo-ok")
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}; {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = os.pathsep.join([str(SRC)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
        env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(root / "cache"), "PYTHONPATH": path}
        cold_check(env, root / "cache")
        if args.cold_only:
            return
        pdf = root / "long.pdf"
        long_pdf(pdf, args.pdf_pages)
        print(f"PDF: {args.pdf_pages} pages, {pdf.stat().st_size / 1e6:.0f} MB")
        mb, s, out = peak_mb_of([sys.executable, "-c", WORKER.format(src=str(SRC), path=str(pdf), ocr=False)], env)
        print(f"worker, {args.pdf_pages}-page PDF, no OCR:             peak {mb:6.0f} MB  ({s:.0f} s) {out.strip()}")
        short = root / "ocr.pdf"
        long_pdf(short, args.ocr_pages)
        mb, s, out = peak_mb_of([sys.executable, "-c", WORKER.format(src=str(SRC), path=str(short), ocr=True)], env)
        print(f"worker, {args.ocr_pages}-page PDF with OCR (engine loaded): peak {mb:6.0f} MB  ({s:.0f} s) {out.strip()}")

        unit = root / "unit"
        unit.mkdir()
        for i in range(args.dossiers):
            shutil.copytree(REPO / "examples/demo-ok", unit / f"申报人{i:03d}")
        warm = [sys.executable, "-m", "dossiercheck", "check", str(unit / "申报人000"), "--today", "2023-09-10"]
        peak_mb_of(warm, env)  # the first copy read cold: the others are then answered from the cache
        command = [sys.executable, "-m", "dossiercheck", "batch", str(unit), "--jobs", "1", "--format", "json",
                   "--today", "2023-09-10"]
        for extra, what in (([], "JSON summary"), (["--reports", str(root / "reports")], "and every report")):
            mb, s, _ = peak_mb_of(command + extra, env)
            print(f"batch process, {args.dossiers} dossiers (answered from the cache), {what}: peak {mb:6.0f} MB"
                  f"  ({s:.0f} s)")
    print(f"this process: peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
