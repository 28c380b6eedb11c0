"""Benchmark: the project's OCR checks against the naive way, on the same pages in the same run.

    python benchmarks/bench_ocr.py [--pages 24]

Pages: the A4 pages of examples/demo-ok and examples/demo-flawed (dense notices, summaries, sparse certificates,
tables; masked, unmasked and see-through names), scaled to 300 dpi (2480×3508) as a scanner delivers them.

- naive: RapidOCR with its default settings on each full-resolution page, one engine, all cores to onnxruntime;
  every recognised line joined in reading order and a plain substring search for the name and unit (the simplest
  thing that works: it finds a name broken over two lines, which a per-line matcher would not);
- project: `dossiercheck check` with only the page-reading checks selected, cold cache, --jobs 1 and the default,
  with onnxruntime and, where it is installed (`pip install "dossiercheck[fast]"`), with OpenVINO. The OCR models
  are compiled for this computer beforehand, as after a first run (OpenVINO keeps them in the cache folder): each
  worker's start-up is counted, but not a compile that happens once per computer.

Prints seconds per page for each (wall clock, and CPU of every process: on a loaded machine the CPU ratio is
the steadier one), the speed-up, and the masking hits side by side (any hit the naive way finds and
the project misses is listed, and so is any the project finds alone). Then the cached re-check of the demo dossier. Targets: ≥ 8× faster with no masking
hit lost; cached re-check of demo-flawed < 1 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dossiercheck.cache import ENGINE, MARKER  # noqa: E402
from dossiercheck.engine import Options, check_dossier  # noqa: E402
from dossiercheck.inspect import default_jobs, ocr  # noqa: E402

NAME, UNIT = "王晓梅", "巴音郭楞日报社"
READING = ["K", "O2", "C1"]


def pages(limit: int) -> list[Path]:
    found = []
    for demo in ("demo-flawed", "demo-ok"):
        for p in sorted((REPO / "examples" / demo).rglob("*.jpg")):
            try:
                if Image.open(p).size == (1240, 1754) and "01-" not in p.parts[-2] and "02-" not in p.parts[-2]:
                    found.append(p)
            except OSError:
                continue
    # interleave so that a short run still has both masked and unmasked pages
    return found[:limit]


def make_dossier(root: Path, sources: list[Path]) -> Path:
    folder = root / "bench"
    (folder / "19-推荐单位公示").mkdir(parents=True)
    shutil.copyfile(REPO / "examples/demo-ok/applicant.yaml", folder / "applicant.yaml")
    for i, src in enumerate(sources):
        im = Image.open(src).convert("RGB").resize((2480, 3508), Image.LANCZOS)
        im.save(folder / f"19-推荐单位公示/公示{i:03d}.jpg", "JPEG", quality=85, dpi=(300, 300))
    return folder


def cpu() -> float:
    """CPU seconds (user + system) of this process and of its finished children (the pool's workers): on a loaded
    machine, a fairer measure of the work than the wall clock."""
    return sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))


def naive(files: list[Path]) -> tuple[float, float, set[tuple[str, str]]]:
    from rapidocr import RapidOCR

    eng = RapidOCR(params={"Global.log_level": "error"})
    hits = set()
    start, work = time.perf_counter(), cpu()
    for f in files:
        out = eng(np.asarray(Image.open(f).convert("RGB")))
        text = "".join("".join(out.txts or ()).split())  # every line, in the engine's reading order
        hits |= {(f.name, kind) for kind, value in (("name", NAME), ("unit", UNIT)) if value in text}
    return time.perf_counter() - start, cpu() - work, hits


def runtimes() -> list[str]:
    """onnxruntime always; OpenVINO too where it is installed (what `check` then uses)."""
    return ["onnxruntime"] + (["openvino"] if ocr.backend() == "openvino" else [])


def compiled(cache: Path) -> None:
    """The OCR models compiled for this computer into ``cache``, as after the first run on it (OpenVINO keeps them
    there: cache.FactsCache.engine_folder); a cold check of a new dossier loads them."""
    env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src")}
    # one inference thread, as each pool worker and --jobs 1 build it (the thread count is part of what is compiled)
    build = "from dossiercheck.inspect import ocr; ocr.use_threads(1); ocr.engine()"
    subprocess.run([sys.executable, "-c", build], env=env, check=True)


def cold(cache: Path) -> None:
    """No page's reading in ``cache``; the compiled models stay."""
    facts = cache / "facts"
    for entry in facts.iterdir() if facts.is_dir() else ():
        if entry.name not in (ENGINE, MARKER):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def project(folder: Path, jobs: int, cache: Path, runtime: str) -> tuple[float, float, set[tuple[str, str]]]:
    ocr.backend = lambda: runtime  # the runtime under test, in this process and the pool's forked workers
    cold(cache)
    os.environ["DOSSIERCHECK_CACHE_DIR"] = str(cache)
    start, work = time.perf_counter(), cpu()
    result = check_dossier(folder, Options(select=READING, jobs=jobs))
    elapsed, work = time.perf_counter() - start, cpu() - work
    kinds = {"K101": "name", "K102": "unit"}
    hits = {(Path(f.file).name, kinds.get(f.code) or f.evidence["target"]) for f in result.findings
            if f.code in ("K101", "K102", "K104")}
    return elapsed, work, hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=24)
    args = parser.parse_args()
    sources = pages(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_dossier(root, sources)
        files = sorted((folder / "19-推荐单位公示").glob("*.jpg"))
        n = len(files)
        print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"pages: {n} A4 at 300 dpi (2480x3508); load average {os.getloadavg()[0]:.1f}")
        compiled(root / "cache")
        t_naive, c_naive, naive_hits = naive(files)
        print(f"naive   (RapidOCR defaults, full resolution): {t_naive / n:6.2f} s/page, CPU {c_naive / n:6.2f} s/page")
        for runtime, jobs in [(r, j) for r in runtimes() for j in sorted({1, default_jobs()})]:
            t, c, hits = project(folder, jobs, root / "cache", runtime)
            lost = naive_hits - hits
            print(f"project ({runtime}, --jobs {jobs}, load {os.getloadavg()[0]:.0f}): {t / n:6.2f} s/page   "
                  f"{t_naive / t:4.1f}x faster   CPU {c / n:5.2f} s/page ({c_naive / c:4.1f}x less)   masking hits: "
                  f"{len(hits)} (naive {len(naive_hits)}), lost {len(lost)}, extra {len(hits - naive_hits)}")
            for f, kind in sorted(lost):
                print(f"   lost: {f} {kind}")
            for f, kind in sorted(hits - naive_hits):
                print(f"   project only: {f} {kind}")
        os.environ["DOSSIERCHECK_CACHE_DIR"] = str(root / "demo-cache")
        demo = REPO / "examples/demo-flawed"
        check_dossier(demo, Options())
        start = time.perf_counter()
        check_dossier(demo, Options())
        print(f"load average {os.getloadavg()[0]:.1f}; cached re-check of examples/demo-flawed ({sum(1 for _ in demo.rglob('*.*'))} files): "
              f"{time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
