"""Build the portable dossiercheck with packaging/build_portable.py (the recipe a Windows build uses) on this system,
and smoke-test what came out, as a user would run it: ``--version``, ``app --help``, ``check`` on examples/demo-ok
(exit 0 expected), and the page itself (started with --no-browser, its first page fetched, closed by its button).

    pip install ".[portable]" && python benchmarks/build_portable.py [--keep]

Prints the build time, the folder's and the zip's sizes, and each smoke step with its exit code and time. Windows
cannot be tested here: this builds and runs the Linux version of the same recipe.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "packaging"))

from build_portable import build, size  # noqa: E402


def step(name: str, cmd: list[str], env: dict, expect: int = 0) -> bool:
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
    ok = done.returncode == expect
    print(f"{name:<28} exit {done.returncode} (expected {expect}) {time.monotonic() - start:6.1f} s  "
          f"{'ok' if ok else 'FAILED'}")
    if not ok:
        print((done.stdout + done.stderr)[-2000:])
    return ok


def page(exe: Path, env: dict) -> bool:
    """Start the page, fetch it, press its close button: it must answer and then exit 0."""
    start = time.monotonic()
    proc = subprocess.Popen([str(exe), "app", "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/\S+/", line)
        html = urllib.request.urlopen(url.group(0), timeout=30).read().decode("utf-8") if url else ""
        origin = f"http://127.0.0.1:{url.group(1)}" if url else ""
        request = urllib.request.Request(url.group(0) + "quit", method="POST", headers={"Origin": origin}) if url else None
        if request:
            urllib.request.urlopen(request, timeout=30).read()
        code = proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    ok = "申报人信息" in html and code == 0
    print(f"{'app (page, then close)':<28} exit {code} {time.monotonic() - start:6.1f} s  {'ok' if ok else 'FAILED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the build (printed path)")
    args = parser.parse_args()
    out = Path(tempfile.mkdtemp(prefix="dossiercheck-portable-"))
    start = time.monotonic()
    folder, archive = build(out / "dist", out / "work")
    print(f"build: {time.monotonic() - start:.0f} s; folder {size(folder) / 1e6:.0f} MB "
          f"({sum(1 for p in folder.rglob('*') if p.is_file() and not p.is_symlink())} files), zip {size(archive) / 1e6:.0f} MB")
    exe = folder / ("dossiercheck.exe" if os.name == "nt" else "dossiercheck")
    env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(out / "cache"), "PYTHONPATH": ""}  # a cold, private cache
    results = [step("--version", [str(exe), "--version"], env),
               step("app --help", [str(exe), "app", "--help"], env),
               step("check examples/demo-ok", [str(exe), "check", str(REPO / "examples" / "demo-ok"),
                                                "--today", "2023-09-10"], env),
               page(exe, env)]
    print(f"smoke: {sum(results)}/{len(results)} passed; build in {out if args.keep else '(removed)'}")
    if not args.keep:
        import shutil

        shutil.rmtree(out, ignore_errors=True)
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
