"""Benchmark: what `sort`, `fix` and `batch` cost beside a cold `check` of the same pages (issue 21: each ≤ check +
20 %). Run by hand, never by the tests.

    nice -n 10 python benchmarks/bench_commands.py [--jobs 2] [--reps 1] [--only sort,batch,fix,nocache,chain]
                                                   [--versus OLD/src]

Every command runs as a whole `dossiercheck` process with its own empty cache (a fresh DOSSIERCHECK_CACHE_DIR), on
the same pages:

- check: `check` of a copy of examples/demo-ok (33 files);
- sort: the same 33 files in one folder, named as a phone names them (IMG_2041.jpg …), with the applicant.yaml: the
  first `sort` (writes the sorted copy);
- batch: the same 33 files dealt out to 6 dossiers (each with the applicant.yaml): `batch` of the six;
- fix: `fix` of a copy of examples/demo-flawed (it has pages to turn, mask and convert), beside the cold `check` of
  that same copy; nocache: the same two with ``--no-cache``;
- chain: sort → check of the sorted copy → fix of it, in one cache: what the check and the fix after a sort cost
  (they should find every page already read).

For each command: wall seconds and CPU seconds (user + system of the process and its workers: the load of other
jobs inflates it far less than the wall time), and the ratio to the cold check of the same pages. The commands are
run one after the other in each repetition, so that they see the same load; the load average is printed.
``--versus OLD/src`` runs every command with that older code too (``git archive <commit> src | tar -x -C OLD``),
alternating which goes first: before and after in one run.
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


def run(args: list[str], cache: Path, src: Path) -> tuple[float, float]:
    """(wall, cpu) seconds of one `dossiercheck` process (the code in ``src``) with ``cache`` as its cache folder."""
    env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(cache), "PYTHONPATH": str(src)}
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


Figures = dict[str, list[tuple[float, float]]]


def timed(figures: Figures, rep: int, name: str, cmd: list[str], cache: Path, src: Path) -> None:
    figures.setdefault(name, []).append(run(cmd, cache, src))
    wall, cpu = figures[name][-1]
    print(f"rep {rep + 1} {name:24} wall {wall:6.1f} s  cpu {cpu:6.1f} s", flush=True)


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


BASE = {"sort": "check", "batch": "check", "fix": "check flawed", "fix --no-cache": "check flawed --no-cache",
        "chain: sort": "check", "chain: check": "check", "chain: fix": "check"}


def one_rep(figures: Figures, rep: int, inputs: dict[str, Path], root: Path, only: set[str], jobs: list[str],
            src: Path, tag: str) -> None:
    """Every selected command once, each with an empty cache (the chain: one cache for its three steps)."""
    outs = root / f"out{tag.strip()}"
    shutil.rmtree(outs, ignore_errors=True)
    outs.mkdir()

    def cache() -> Path:
        return Path(tempfile.mkdtemp(dir=root, prefix="cache-"))

    def go(name: str, cmd: list[str], where: Path | None = None) -> None:
        timed(figures, rep, name + tag, [*cmd, *jobs], where or cache(), src)

    if only & {"sort", "batch", "chain"}:
        go("check", ["check", str(inputs["ok"])])
    if "sort" in only:
        go("sort", ["sort", str(inputs["pile"]), "--out", str(outs / "sorted")])
    if "batch" in only:
        go("batch", ["batch", str(inputs["batch"]), "-o", str(outs / "batch.json")])
    if "fix" in only:
        go("check flawed", ["check", str(inputs["flawed"])])
        go("fix", ["fix", str(inputs["flawed"]), "--out", str(outs / "fixed")])
    if "nocache" in only:
        go("check flawed --no-cache", ["check", str(inputs["flawed"]), "--no-cache"])
        go("fix --no-cache", ["fix", str(inputs["flawed"]), "--out", str(outs / "fixed-nc"), "--no-cache"])
    if "chain" in only:
        shared = cache()
        go("chain: sort", ["sort", str(inputs["pile"]), "--out", str(outs / "chain")], shared)
        go("chain: check", ["check", str(outs / "chain")], shared)
        go("chain: fix", ["fix", str(outs / "chain"), "--out", str(outs / "chain-fixed")], shared)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--only", default="sort,batch,fix,nocache,chain")
    parser.add_argument("--versus", type=Path, help="another version's src folder, run beside this one (before)")
    args = parser.parse_args()
    only = set(args.only.split(","))
    jobs = ["--jobs", str(args.jobs)]
    figures: Figures = {}
    load = [os.getloadavg()[0]]
    versions = [(REPO / "src", "")] + ([(args.versus.resolve(), " (before)")] if args.versus else [])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inputs = make_inputs(root)
        for rep in range(args.reps):
            for src, tag in versions if rep % 2 == 0 else versions[::-1]:  # alternate which goes first
                one_rep(figures, rep, inputs, root, only, jobs, src, tag)
                load.append(os.getloadavg()[0])

    def med(name: str, k: int) -> float:
        return statistics.median(f[k] for f in figures[name])

    print(f"\n{args.reps} rep(s), --jobs {args.jobs}, load average {min(load):.1f}–{max(load):.1f}; medians; ratio to "
          f"the cold check of the same pages (target ≤ 1.20)")
    print(f"{'command':34} {'wall s':>7} {'cpu s':>7} {'wall ×':>7} {'cpu ×':>7}  cpu × of each rep")
    for name in figures:
        plain, tag = (name[:-len(" (before)")], " (before)") if name.endswith(" (before)") else (name, "")
        ref = BASE[plain] + tag if plain in BASE else None
        if ref:
            each = ", ".join(f"{a[1] / b[1]:.2f}" for a, b in zip(figures[name], figures[ref], strict=True))
            ratios = f"{med(name, 0) / med(ref, 0):7.2f} {med(name, 1) / med(ref, 1):7.2f}  {each}"
        else:
            ratios = ""
        print(f"{name:34} {med(name, 0):7.1f} {med(name, 1):7.1f} {ratios}")


if __name__ == "__main__":
    main()
