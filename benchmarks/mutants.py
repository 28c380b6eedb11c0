"""Mutation score of the rule tests: change one rule at a time in a copy of the source, run the non-OCR suite
against it, and count the mutants it kills. A surviving mutant is a rule no test pins down.

    python benchmarks/mutants.py            # every mutant, ~1 min each on 2 cores
    python benchmarks/mutants.py -k D127    # the mutants whose name holds D127

Run by hand, never in the suite. The user's tree is never changed: each mutant runs in its own copy of src/.
A mutant whose text is no longer in the source says so (the rule moved), so the list can follow the code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (name, file under src/dossiercheck, the rule as written, the mutant)
MUTANTS = [
    # the three the issue found surviving
    ("tie of --select and --ignore goes to --select", "findings.py",
     "by_select > by_ignore)", "by_select >= by_ignore)"),
    ("facts cache key without what was asked", "inspect/__init__.py",
     'return f"{digest}-{INSPECTOR_VERSION}-{task.wants}"', 'return f"{digest}-{INSPECTOR_VERSION}"'),
    ("D127 on the deadline day itself is quiet", "checks/documents.py",
     "end >= online[1]", "end > online[1]"),
    # ten more, chosen among the rules a wrong verdict would hang on
    ("a 2-character name allows one OCR slip", "matching.py",
     "return 1 if len(target) >= 3 else 0", "return 1 if len(target) >= 2 else 0"),
    ("the first character of a name may be a slip", "matching.py",
     "return misses[0] > 0 and", "return misses[0] >= 0 and"),
    ("a doubled character read once in a 3-character name", "matching.py",
     "if len(name) < 4:", "if len(name) < 3:"),
    ("--strict no longer fails on a warning", "engine.py",
     'or (strict and r.counts["warning"])', "or (strict and False)"),
    ("the upload window closes a day late", "engine.py",
     "d.key == self.upload_window and d.days_left < 0", "d.key == self.upload_window and d.days_left < -1"),
    ("D103: exactly the hours needed is short", "checks/documents.py",
     "if total < need:", "if total <= need:"),
    ("D121: the minimum of working days is not enough", "checks/documents.py",
     'days < reads["min_workdays"]', 'days <= reads["min_workdays"]'),
    ("L101: resolution compared without tolerance", "checks/legibility.py",
     'if dpi is not None and dpi < min_dpi * t["dpi_tolerance"]:\n            yield finding("L101"',
     'if dpi is not None and dpi < min_dpi * 0.5:\n            yield finding("L101"'),
    ("an ID number shows one more digit", "profile.py",
     'return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:]',
     'return number[:4] + "*" * max(len(number) - 8, 0) + number[-4:]'),
    ("a zip may hold one entry more than the cap", "archive.py",
     "if len(infos) > MAX_ENTRIES:", "if len(infos) > MAX_ENTRIES + 1:"),
    ("a page's own count may exceed the item's maximum", "checks/presence.py",
     "if maximum is not None and n > maximum:", "if maximum is not None and n > maximum + 1:"),
    # this round's rules: the page decides, one sheet one slot, the roster, the guards
    ("two sheets of one template with different numbers are one sheet", "samepage.py",
     "return any(len(x) == len(y) for x in only_a for y in only_b)", "return False"),
    ("a page leads another item by a smaller margin and is called misfiled", "checks/content.py",
     '"misfiled_ratio": 2.0,', '"misfiled_ratio": 1.2,'),
    ("D113 (may not apply this year) is only a warning", "checks/documents.py",
     '_c("D113", E,', '_c("D113", W,'),
    ("the roster says 是 for a check that closed after the window", "report/roster.py",
     'return "是" if said is True and result.verdict == "passed" else ""',
     'return "是" if said is True and result.verdict in ("passed", "closed") else ""'),
    ("an ID number in a message is printed whole", "i18n.py",
     'return _ID_LIKE.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)', "return text"),
    ("a PDF of one page more than the cap is read", "inspect/pdf.py",
     "if count > MAX_PAGES:", "if count > MAX_PAGES + 1:"),
]


def run(name: str, rel: str, old: str, new: str, timeout: int) -> str:
    with tempfile.TemporaryDirectory(prefix="mutant-") as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__"))
        target = src / "dossiercheck" / rel
        text = target.read_text(encoding="utf-8")
        if text.count(old) != 1:
            return "moved"  # the rule is no longer written so: update the list
        target.write_text(text.replace(old, new), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(src), "PYTHONDONTWRITEBYTECODE": "1"}
        try:
            done = subprocess.run([sys.executable, "-m", "pytest", "-m", "not ocr", "-x", "-q", "-p", "no:cacheprovider"],
                                  cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return "killed (timeout)"
        return "survived" if done.returncode == 0 else "killed"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only the mutants whose name contains this")
    parser.add_argument("--timeout", type=int, default=900)
    args = parser.parse_args()
    chosen = [m for m in MUTANTS if args.k in m[0]]
    results = []
    for name, rel, old, new in chosen:
        start = time.monotonic()
        verdict = run(name, rel, old, new, args.timeout)
        results.append(verdict)
        print(f"{verdict:16} {time.monotonic() - start:6.0f} s  {rel}: {name}", flush=True)
    killed = sum(r.startswith("killed") for r in results)
    tried = sum(r != "moved" for r in results)
    print(f"\nmutation score: {killed}/{tried} killed" + (f", {len(results) - tried} moved" if tried < len(results) else ""))


if __name__ == "__main__":
    main()
