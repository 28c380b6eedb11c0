"""Benchmark: what `sort`, `fix` and `batch` cost beside a cold `check` of the same pages (issue 21: each ≤ check +
20 %). Run by hand, never by the tests.

    nice -n 10 python benchmarks/bench_commands.py [--jobs 2] [--reps 1] [--only sort,fix,batch,chain]

Every command runs as a whole `dossiercheck` process with its own empty cache (a fresh DOSSIERCHECK_CACHE_DIR), on
the same pages:

- check: `check` of a copy of examples/demo-ok (33 files);
- sort: the same 33 files in one folder, named as a phone names them (IMG_2041.jpg …), with the applicant.yaml: the
  first `sort` (writes the sorted copy);
- batch: the same 33 files dealt out to 6 dossiers (each with the applicant.yaml): `batch` of the six;
- fix: `fix` of a copy of examples/demo-flawed (it has pages to turn, mask and convert), beside the cold `check` of
  that same copy;
- chain: sort → check of the sorted copy → fix of it, in one cache: what the check and the fix after a sort cost
  (they should find every page already read).

For each command: wall seconds and CPU seconds (user + system of the process and its workers: the load of other
jobs does not inflate it), and the ratio to the cold check of the same pages. The commands are run one after the
other in each repetition, so that they see the same load; the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEMO_OK = REPO / "examples" / "demo-ok"
DEMO_FLAWED = REPO / "examples" / "demo-flawed"
DOSSIERS = 6


def run(args: list[str], cache: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one `dossiercheck` process with ``cache`` as its cache folder."""
    env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dossiercheck", *args], env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):  # 1: findings, which these dossiers have
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def timed(figures: dict[str, list[tuple[float, float]]], rep: int, name: str, cmd: list[str], cache: Path) -> None:
    figures.setdefault(name, []).append(run(cmd, cache))
    wall, cpu = figures[name][-1]
    print(f"rep {rep + 1} {name:14} wall {wall:6.1f} s  cpu {cpu:6.1f} s", flush=True)


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "applicant.yaml")


def make_inputs(root: Path) -> dict[str, Path]:
    ok = root / "ok"
    shutil.copytree(DEMO_OK, ok)
    flawed = root / "flawed"
    shutil.copytree(DEMO_FLAWED, flawed)
    pile = root / "pile"
    pile.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", pile / "applicant.yaml")
    for i, f in enumerate(files_of(DEMO_OK)):
        shutil.copyfile(f, pile / f"IMG_{2041 + i}{f.suffix.lower()}")
    batch = root / "batch"
    for k in range(DOSSIERS):
        (batch / f"申报人{k + 1}").mkdir(parents=True)
        shutil.copyfile(DEMO_OK / "applicant.yaml", batch / f"申报人{k + 1}" / "applicant.yaml")
    for i, f in enumerate(files_of(DEMO_OK)):
        target = batch / f"申报人{i % DOSSIERS + 1}" / f.relative_to(DEMO_OK)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
    return {"ok": ok, "flawed": flawed, "pile": pile, "batch": batch}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--only", default="sort,fix,batch,chain")
    args = parser.parse_args()
    only = set(args.only.split(","))
    jobs = ["--jobs", str(args.jobs)]
    figures: dict[str, list[tuple[float, float]]] = {}
    load = [os.getloadavg()[0]]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = make_inputs(root)
        outs = root / "out"
        for rep in range(args.reps):
            shutil.rmtree(outs, ignore_errors=True)
            outs.mkdir()

            def cache() -> Path:  # an empty one for each command
                return Path(tempfile.mkdtemp(dir=root, prefix="cache-"))

            timed(figures, rep, "check", ["check", str(inputs["ok"]), *jobs], cache())
            if "sort" in only:
                timed(figures, rep, "sort", ["sort", str(inputs["pile"]), "--out", str(outs / "sorted"), *jobs], cache())
            if "batch" in only:
                timed(figures, rep, "batch", ["batch", str(inputs["batch"]), "-o", str(outs / "batch.json"), *jobs],
                      cache())
            if "fix" in only:
                timed(figures, rep, "check flawed", ["check", str(inputs["flawed"]), *jobs], cache())
                timed(figures, rep, "fix", ["fix", str(inputs["flawed"]), "--out", str(outs / "fixed"), *jobs], cache())
            if "chain" in only:
                steps = [("chain: sort", ["sort", str(inputs["pile"]), "--out", str(outs / "chain"), *jobs]),
                         ("chain: check", ["check", str(outs / "chain"), *jobs]),
                         ("chain: fix", ["fix", str(outs / "chain"), "--out", str(outs / "chain-fixed"), *jobs])]
                shared = cache()
                for name, cmd in steps:
                    timed(figures, rep, name, cmd, shared)
            load.append(os.getloadavg()[0])

    def med(name: str, k: int) -> float:
        return statistics.median(f[k] for f in figures[name])

    print(f"\n{args.reps} rep(s), --jobs {args.jobs}, load average {min(load):.1f}–{max(load):.1f}; medians; ratio to "
          f"the cold check of the same pages (target ≤ 1.20)")
    print(f"{'command':16} {'wall s':>7} {'cpu s':>7} {'wall ×':>7} {'cpu ×':>7}")
    base = {"sort": "check", "batch": "check", "fix": "check flawed", "chain: sort": "check",
            "chain: check": "check", "chain: fix": "check"}
    for name in figures:
        ref = base.get(name)
        ratios = f"{med(name, 0) / med(ref, 0):7.2f} {med(name, 1) / med(ref, 1):7.2f}" if ref else f"{'':7} {'':7}"
        print(f"{name:16} {med(name, 0):7.1f} {med(name, 1):7.1f} {ratios}")


if __name__ == "__main__":
    main()
