"""Benchmark: start-up of the commands a person runs again and again, whole process.

    python benchmarks/bench_startup.py [--runs 7] [--src OTHER/src ...] [--only check,explain] [--cache DIR]

For each command — a cached `check examples/demo-ok`, `explain K101`, `--help`, and a cached `batch` of the demo
dossiers (examples/, two dossiers) — one warm-up run (it fills the cache), then N runs: the median, min and max of
the wall time and of the CPU time (user + system of the child). Then `python -X importtime` of each command: the
15 top-level packages that cost most (self time summed over the package's modules) and the total.

Python runs as it does for an installed copy: from bytecode (pip compiles it at install), kept in a temporary
`PYTHONPYCACHEPREFIX` that the warm-up run fills, so nothing is written into the source tree. `--source` compiles
every module from source on every run instead (as with PYTHONDONTWRITEBYTECODE=1 in a development shell: about
0.2 s more for a check).

With `--src`, the same is measured for each source tree given (e.g. another branch's `src`) in the same run,
alternating run by run, so that before/after ratios share the machine's load (the absolute figures do not: say the
load beside them). The cache is a temporary private folder shared by all trees; the user's own is never touched.
Target (issue 21): a cached `check examples/demo-ok` under 0.3 s whole-process, median of 7.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COMMANDS = {
    "check": ["check", str(REPO / "examples/demo-ok"), "--today", "2023-09-01"],
    "explain": ["explain", "K101"],
    "help": ["--help"],
    "batch": ["batch", str(REPO / "examples"), "--today", "2023-09-01", "--format", "json"],
}
_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)")


def run(src: Path, args: list[str], env: dict[str, str], *extra: str) -> tuple[float, float, str]:
    """Wall and CPU seconds of one whole `python -m dossiercheck` process, and its stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *extra, "-m", "dossiercheck", *args], env={**env, "PYTHONPATH": str(src)},
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{args}: exit {done.returncode}\n{done.stderr[-2000:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, done.stderr


def import_table(stderr: str) -> tuple[list[tuple[str, float]], float]:
    """Self time per top-level package (ms), most first, and the total."""
    by_package: dict[str, float] = defaultdict(float)
    for self_us, _cumulative, _indent, name in _LINE.findall(stderr):
        by_package[name.split(".")[0]] += int(self_us) / 1000
    return sorted(by_package.items(), key=lambda kv: -kv[1]), sum(by_package.values())


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", type=Path, action="append", help="a source tree to measure (default: this one's)")
    parser.add_argument("--only", default=",".join(COMMANDS), help="commands, comma-separated: " + ",".join(COMMANDS))
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--source", action="store_true", help="no bytecode: compile every module on every run")
    parser.add_argument("--cache", type=Path, help="keep the facts cache here between runs (default: a temporary "
                        "one; its first check OCRs every page of demo-ok)")
    opts = parser.parse_args()
    trees = [p.resolve() for p in opts.src or [REPO / "src"]]
    names = opts.only.split(",")
    print(f"load average {os.getloadavg()[0]:.2f}, python {sys.version.split()[0]}, {opts.runs} runs, "
          f"{'from source' if opts.source else 'bytecode'}")
    with tempfile.TemporaryDirectory() as temporary:
        cache = str(opts.cache.resolve() if opts.cache else temporary)
        env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": cache, "PYTHONPYCACHEPREFIX": str(Path(temporary) / "pyc")}
        env.pop("DOSSIERCHECK_LANG", None)
        if opts.source:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
        for name in names:
            args = COMMANDS[name]
            print(f"\n== {name}: dossiercheck {' '.join(a.replace(str(REPO) + '/', '') for a in args)}")
            for src in trees:
                run(src, args, env)  # warm-up: fills the cache (the first check of demo-ok OCRs every page)
            walls: dict[Path, list[float]] = defaultdict(list)
            cpus: dict[Path, list[float]] = defaultdict(list)
            for _ in range(opts.runs):
                for src in trees:  # alternating: the trees share the load
                    wall, cpu, _ = run(src, args, env)
                    walls[src].append(wall)
                    cpus[src].append(cpu)
            for src in trees:
                print(f"  {src}\n    wall {spread(walls[src])}\n    CPU  {spread(cpus[src])}")
                table, total = import_table(run(src, args, env, "-X", "importtime")[2])
                print(f"    imports (self time by package, one run): total {total:.0f} ms")
                for package, ms in table[:opts.top]:
                    print(f"      {ms:7.1f} ms  {package}")
        print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
