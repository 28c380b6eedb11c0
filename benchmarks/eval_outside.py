"""Evaluation on pages drawn by an outside generator (benchmarks/outside/gen.py): masking, sort and presence
traps, through the command line of this checkout. Run by hand, never by the tests.

    nice -n 10 python benchmarks/eval_outside.py [--data DIR] [--no-run] [--keep-outputs DIR]

The pages were drawn independently of tools/ and benchmarks/phone/ (other layouts, wording and camera; see the
docstring of benchmarks/outside/gen.py; needs fonts-noto-cjk and fonts-wqy-microhei). DIR (default:
dossiercheck-outside in the system temp folder) holds masking/, sortpile/, sortpile-hard/ and traps/, each with its
manifest.json; a set missing there is generated first (seeded: the same files every time).

Runs `python -m dossiercheck` with REPO/src on PYTHONPATH, `--today 2023-09-10`, `-j 2` and a private cache
(DOSSIERCHECK_CACHE_DIR in the outputs folder): `check` on masking/ and on each trap dossier, `sort --dry-run` on
both piles, all with JSON output. The outputs (masking.json, sort.json, sort-hard.json, traps/*.json, the scored
results.json, the cache) go to a temporary folder removed at the end, or to --keep-outputs DIR; --no-run scores
the outputs an earlier run kept there.

Prints markdown tables:

- masking (K101/K102/K104/K108 count as "flagged"): recall on pages where the name or unit is readable, false
  alarms on pages where it is covered or left out, by capture (scan, phone, tilt band, turned or not), base and
  hard sets; per target (name, unit) and capture; by condition (visible, partly covered, grey marker, mosaic,
  another person …) with K105/K106; orientation (O201/O202 on scans, upright and turned photos); then every miss
  and false alarm;
- sort, for the normal pile (IMG_xxxx.jpg) and the hard one (far, dim, blurred, 微信图片_….jpg): item accuracy,
  confident misfiles, unsorted, duplicates, part and year accuracy, all right; then every photo not placed right;
- traps: the clean dossier's findings, then for each trap whether `check` noticed it (a finding the clean dossier
  does not have), with a code that names it, as an error; the new and vanished findings.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GEN = REPO / "benchmarks/outside/gen.py"
DEFAULT_DATA = Path(tempfile.gettempdir()) / "dossiercheck-outside"  # gen.py's default
TODAY = "2023-09-10"
SETS = {"masking": "masking", "sort": "sortpile", "sorthard": "sortpile-hard", "traps": "traps"}  # gen part: folder


def ensure_data(data: Path) -> None:
    """Generate the sets that have no manifest.json under data yet."""
    missing = [part for part, folder in SETS.items() if not (data / folder / "manifest.json").is_file()]
    if missing:
        print(f"generating {' '.join(missing)} in {data} ...", flush=True)
        subprocess.run([sys.executable, str(GEN), "--out", str(data), *missing], check=True)


def cli(args, data: Path, out: Path, stdout=None):
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"), DOSSIERCHECK_CACHE_DIR=str(out / "cache"))
    r = subprocess.run([sys.executable, "-m", "dossiercheck", *args], env=env, cwd=data, text=True,
                       capture_output=True)
    if stdout:
        Path(stdout).write_text(r.stdout, encoding="utf-8")
    return r.returncode, r.stderr


def run_all(data: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "traps").mkdir(exist_ok=True)
    print("check masking ...", cli(["check", "masking", "-f", "json", "-o", str(out / "masking.json"),
                                    "--today", TODAY, "-j", "2"], data, out)[0], flush=True)
    print("sort ...", cli(["sort", "sortpile", "--dry-run", "-f", "json", "-j", "2"], data, out,
                          stdout=out / "sort.json")[0], flush=True)
    print("sort hard ...", cli(["sort", "sortpile-hard", "--dry-run", "-f", "json", "-j", "2"], data, out,
                               stdout=out / "sort-hard.json")[0], flush=True)
    for d in sorted((data / "traps").iterdir()):
        if d.is_dir():
            print("check", d.name, cli(["check", f"traps/{d.name}", "-f", "json", "-o", str(out / f"traps/{d.name}.json"),
                                        "--today", TODAY, "-j", "2"], data, out)[0], flush=True)


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def pct(a, b):
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "–"


# ---------------------------------------------------------------- masking
MASK_CODES = {"K101", "K102", "K104", "K108"}


def score_masking(data: Path, out: Path) -> dict:
    man = load(data / "masking/manifest.json")
    rep = load(out / "masking.json")
    by = collections.defaultdict(list)
    for f in rep["findings"]:
        if f.get("file"):
            by[f["file"]].append(f)
    rows = []
    for m in man:
        m = dict(m, visible=sorted({"unit" if v == "short" else v for v in m["visible"]}))
        fs = by.get(m["file"], [])
        codes = {f["code"] for f in fs}
        name_hit = any(f["code"] in MASK_CODES and (f.get("evidence") or {}).get("target") == "name" for f in fs) or "K101" in codes
        unit_hit = any(f["code"] in MASK_CODES and (f.get("evidence") or {}).get("target") == "unit" for f in fs) or "K102" in codes
        flagged = bool(codes & MASK_CODES)
        unsure = bool(codes & {"K105", "K106"})
        tilt = abs(m.get("tilt", 0))
        tb = "scan (<1°)" if m["capture"] == "scan" else ("phone 2–6°" if tilt < 6 else "phone 6–12°")
        rows.append(dict(m, codes=sorted(codes), flagged=flagged, name_hit=name_hit, unit_hit=unit_hit, unsure=unsure,
                         tiltbin=tb, turned=m.get("turn", 0) != 0,
                         msgs=[f"{f['code']}: {f['message']}" for f in fs]))

    def stats(sel):
        pos = [r for r in sel if r["positive"]]
        neg = [r for r in sel if not r["positive"]]
        return (pct(sum(r["flagged"] for r in pos), len(pos)), pct(sum(r["flagged"] for r in neg), len(neg)))

    res = {"rows": rows, "tables": {}}
    t = []
    for key, fn in [("all", lambda r: True), ("scan", lambda r: r["capture"] == "scan"),
                    ("phone", lambda r: r["capture"] == "phone"),
                    ("phone 2–6°", lambda r: r["tiltbin"] == "phone 2–6°"),
                    ("phone 6–12°", lambda r: r["tiltbin"] == "phone 6–12°"),
                    ("phone turned 90/180/270", lambda r: r["capture"] == "phone" and r["turned"]),
                    ("phone not turned", lambda r: r["capture"] == "phone" and not r["turned"]),
                    ("base set", lambda r: not r.get("hard")), ("hard set", lambda r: r.get("hard"))]:
        sel = [r for r in rows if fn(r)]
        rec, fa = stats(sel)
        t.append((key, len(sel), rec, fa))
    res["tables"]["page"] = t
    # per target
    tt = []
    for tgt in ("name", "unit"):
        for cap in ("scan", "phone"):
            vis = [r for r in rows if tgt in r["visible"] and r["capture"] == cap]
            cov = [r for r in rows if tgt not in r["visible"] and r["capture"] == cap]
            tt.append((tgt, cap, pct(sum(r[f"{tgt}_hit"] for r in vis), len(vis)),
                       pct(sum(r[f"{tgt}_hit"] for r in cov), len(cov))))
    res["tables"]["target"] = tt
    cond = []
    for c in sorted({r["cond"] for r in rows}):
        sel = [r for r in rows if r["cond"] == c]
        cond.append((c, len(sel), "yes" if sel[0]["positive"] else "no",
                     sum(r["flagged"] for r in sel), sum(r["unsure"] for r in sel)))
    res["tables"]["cond"] = cond
    # orientation side-metric
    o = []
    for lab, fn in [("scan", lambda r: r["capture"] == "scan"),
                    ("phone, not turned", lambda r: r["capture"] == "phone" and not r["turned"]),
                    ("phone, turned 90/180/270", lambda r: r["turned"])]:
        sel = [r for r in rows if fn(r)]
        o.append((lab, len(sel), sum("O201" in r["codes"] for r in sel), sum("O202" in r["codes"] for r in sel)))
    res["tables"]["orient"] = o
    res["misses"] = [r for r in rows if r["positive"] and not (
        ("name" not in r["visible"] or r["name_hit"]) and ("unit" not in r["visible"] or r["unit_hit"]))]
    res["false_alarms"] = [r for r in rows if (r["name_hit"] and "name" not in r["visible"]) or
                           (r["unit_hit"] and "unit" not in r["visible"])]
    return res


# ---------------------------------------------------------------- sort
def score_sort(data: Path, out: Path, ds="sortpile", report="sort.json") -> dict:
    man = {m["file"]: m for m in load(data / ds / "manifest.json")}
    rep = load(out / report)
    rows = []
    dup_pair = [f for f, m in man.items() if m["doc"] == "ce_public" and m["year"] == 2022]
    for f in rep["files"]:
        m = man.get(f["source"])
        if not m:
            continue
        st = f["status"]
        ok_item = f["item"] == m["item"]
        gt_part = m["part"]
        part_ok = None
        if gt_part and ok_item:
            part_ok = (f.get("part") or "").split("/")[-1] == gt_part
        year_ok = None
        if m.get("year") and ok_item:
            year_ok = f.get("year") == m["year"]
        if st == "duplicate":
            dup_ok = (f["source"] in dup_pair and (f.get("duplicate_of") or "") in dup_pair) or (
                m["doc"] == "works" and man.get(f.get("duplicate_of") or "", {}).get("doc") == "works")
        else:
            dup_ok = None
        rows.append(dict(file=f["source"], gt=m["item"], gt_part=gt_part, gt_year=m.get("year"), doc=m["doc"],
                         pred=f["item"], part=f.get("part"), year=f.get("year"), status=st, conf=f.get("confidence"),
                         ok_item=ok_item, part_ok=part_ok, year_ok=year_ok, dup_ok=dup_ok, why=f.get("why"),
                         dup_of=f.get("duplicate_of"), target=f.get("target"), reasons=f.get("reasons"),
                         tilt=m.get("tilt"), turn=m.get("turn")))
    n = len(rows)
    placed = [r for r in rows if r["status"] == "placed"]
    unsorted = [r for r in rows if r["status"] == "unsorted"]
    dups = [r for r in rows if r["status"] == "duplicate"]
    t = dict(n=n, item_acc=pct(sum(r["ok_item"] for r in rows), n),
             placed=len(placed), placed_ok=pct(sum(r["ok_item"] for r in placed), len(placed)),
             confident_misfile=sum(not r["ok_item"] for r in placed),
             unsorted=len(unsorted), duplicate=len(dups), wrong_duplicate=sum(not r["dup_ok"] for r in dups),
             part_acc=pct(sum(bool(r["part_ok"]) for r in rows if r["part_ok"] is not None),
                          sum(r["part_ok"] is not None for r in rows)),
             year_acc=pct(sum(bool(r["year_ok"]) for r in rows if r["year_ok"] is not None),
                          sum(r["year_ok"] is not None for r in rows)),
             turned_acc=pct(sum(r["ok_item"] for r in rows if r["turn"]), sum(1 for r in rows if r["turn"])))
    # full correctness: item, part, year all right and placed (or correct dup)
    t["fully_right"] = pct(sum(r["ok_item"] and r["part_ok"] is not False and r["year_ok"] is not False and
                               (r["status"] == "placed" or r["dup_ok"]) for r in rows), n)
    return dict(table=t, rows=rows)


# ---------------------------------------------------------------- traps
EXPECT = {  # trap -> (files that should draw a finding (for the reader; not scored), codes that would be the right diagnosis)
    "t1-idfront-as-back": (["01-身份证/身份证-反面.jpg"], {"C106", "C301", "C302", "P102"}),
    "t2a-degree-as-diploma": (["04-学历学位证书/本科毕业证书.jpg", "04-学历学位证书/学士学位证书.jpg"], {"C301", "C302", "P103", "C101"}),
    "t2b-ce2021-rescan-as-2022": (["14-继续教育-公需科目/2022公需科目.jpg"], {"C301", "C302", "D101", "P301"}),
    "t2c-cert-in-two-items": (["15-继续教育-专业科目/2021专业科目.jpg"], {"C101", "C102", "C302", "C301", "P301"}),
    "t3a-commitment-in-summary": (["18-个人工作总结/个人工作总结.jpg"], {"C101", "C102", "C302", "C301", "P101"}),
    "t3b-article-in-summary": (["18-个人工作总结/个人工作总结.jpg"], {"C101", "C102", "P101"}),
    "t3c-front-as-back": (["17-年度考核表/2022年度考核表-反面.jpg"], {"C106", "C301", "C302", "P303"}),
    "t3d-diploma-in-chsi": (["05-学历备案表或学籍档案/学信网备案表.jpg"], {"C101", "C102", "C301", "C302", "P101"}),
    "t3e-publicity-as-result": (["20-推荐单位公示结果/推荐单位公示结果.jpg"], {"C101", "C102", "C301", "C302", "P101"}),
    "t3f-ceprof-in-public": (["14-继续教育-公需科目/2021公需科目.jpg"], {"D102", "C101", "C102", "C301", "C302", "P301"}),
    "t3g-appraisal2021-as-2022": (["17-年度考核表/2022年度考核表-正面.jpg", "17-年度考核表/2022年度考核表-反面.jpg"],
                                  {"D111", "C301", "C302", "P301", "P303"}),
}


def fkey(f):
    return (f["code"], f.get("file") or f.get("item") or "")


def score_traps(data: Path, out: Path) -> dict:
    clean = load(out / "traps/clean.json")
    ck = {fkey(f) for f in clean["findings"]}
    res = dict(clean=dict(verdict=clean["verdict"], findings=[f"{f['code']} {f.get('file') or f.get('item')}: {f['message']}"
                                                               for f in clean["findings"]]), traps=[])
    man = load(data / "traps/manifest.json")
    desc = {t["dossier"]: t for t in man["traps"]}
    for name, (_files, codes) in EXPECT.items():
        rep = load(out / f"traps/{name}.json")
        new = [f for f in rep["findings"] if fkey(f) not in ck]
        gone = [k for k in ck if k not in {fkey(f) for f in rep["findings"]}]
        right = [f for f in new if f["code"] in codes]
        res["traps"].append(dict(name=name, desc=desc[name]["desc"], expect=desc[name]["expect"], verdict=rep["verdict"],
                                 noticed=bool(new), right_code=bool(right), error=any(f["severity"] == "error" for f in new),
                                 new=[f"{f['code']} ({f['severity']}) {f.get('file') or f.get('item')}: {f['message']}" for f in new],
                                 gone=[f"{c} {p}" for c, p in gone]))
    return res


def md_table(head, rows):
    s = "| " + " | ".join(head) + " |\n|" + "---|" * len(head) + "\n"
    for r in rows:
        s += "| " + " | ".join(str(x) for x in r) + " |\n"
    return s


def report(data: Path, out: Path) -> None:
    M, S, T = score_masking(data, out), score_sort(data, out), score_traps(data, out)
    SH = score_sort(data, out, "sortpile-hard", "sort-hard.json")
    (out / "results.json").write_text(json.dumps(dict(masking=M, sort=S, sort_hard=SH, traps=T), ensure_ascii=False,
                                                 indent=1, default=str), encoding="utf-8")
    print("## Masking (page level: recall on pages with name/unit visible; false alarms on covered/absent pages)")
    print(md_table(["subset", "pages", "recall", "false alarms"], M["tables"]["page"]))
    print(md_table(["target", "capture", "hit when visible", "hit when covered/absent"], M["tables"]["target"]))
    print(md_table(["condition", "pages", "leak?", "flagged", "K105/K106"], M["tables"]["cond"]))
    print(md_table(["orientation", "pages", "O201", "O202"], M["tables"]["orient"]))
    print("misses:")
    for r in M["misses"]:
        print(" ", r["file"], r["visible"], r["codes"], r["msgs"][:3])
    print("false alarms:")
    for r in M["false_alarms"]:
        print(" ", r["file"], r["visible"], r["msgs"][:4])
    print("\n## Sort")
    print(json.dumps(S["table"], ensure_ascii=False, indent=1))
    for r in S["rows"]:
        if not r["ok_item"] or r["part_ok"] is False or r["year_ok"] is False or r["status"] != "placed":
            print(" ", r["file"], r["doc"], f"gt={r['gt']}/{r['gt_part']}/{r['gt_year']}",
                  f"pred={r['pred']}/{r['part']}/{r['year']}", r["status"], r["conf"], r["why"], r["dup_of"], r["turn"], r["tilt"])
    print("\n## Sort (hard pile)")
    print(json.dumps(SH["table"], ensure_ascii=False, indent=1))
    for r in SH["rows"]:
        if not r["ok_item"] or r["part_ok"] is False or r["year_ok"] is False or r["status"] != "placed":
            print(" ", r["file"], r["doc"], f"gt={r['gt']}/{r['gt_part']}/{r['gt_year']}",
                  f"pred={r['pred']}/{r['part']}/{r['year']}", r["status"], r["conf"], r["why"], r["dup_of"], r["turn"], r["tilt"],
                  r["target"])
    print("\n## Traps")
    print("clean:", T["clean"]["verdict"], T["clean"]["findings"])
    for t in T["traps"]:
        print(f"- {t['name']}: noticed={t['noticed']} right_code={t['right_code']} error={t['error']} verdict={t['verdict']}")
        for x in t["new"]:
            print("     +", x)
        for x in t["gone"]:
            print("     -", x)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA,
                    help=f"the generated pages (made here first when missing; default {DEFAULT_DATA})")
    ap.add_argument("--no-run", action="store_true", help="score the outputs kept by an earlier --keep-outputs run")
    ap.add_argument("--keep-outputs", type=Path, metavar="DIR",
                    help="write the JSON outputs, results.json and the cache here and keep them")
    args = ap.parse_args()
    if args.no_run and not args.keep_outputs:
        ap.error("--no-run needs --keep-outputs DIR (the folder an earlier run kept its outputs in)")
    start = time.perf_counter()
    data = args.data.resolve()
    out = args.keep_outputs.resolve() if args.keep_outputs else Path(tempfile.mkdtemp(prefix="eval-outside-"))
    try:
        if not args.no_run:
            ensure_data(data)
            print(f"data {data}, outputs {out}", flush=True)
            run_all(data, out)
        report(data, out)
        print(f"({time.perf_counter() - start:.0f} s)")
    finally:
        if not args.keep_outputs:
            shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
