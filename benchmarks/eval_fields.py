"""How well the field readers read: generated documents with known values, read by the real engine.

    python benchmarks/eval_fields.py                 # ~150 pages; needs fonts-noto-cjk / fonts-wqy-microhei
    python benchmarks/eval_fields.py --per 3 --jobs 2
    python benchmarks/eval_fields.py --squeeze 1.0   # the same pages read without squeezing long lines

Certificates, appraisal forms, publicity and result pages, ID card fronts and commitments are drawn
(tools/field_documents.py) in several layouts and fonts at 150, 200 and 300 dpi, with mild blur, JPEG noise and small
rotations, and with the traps a reader meets: full-width digits, 二〇二一年, a publicity across a holiday with 调休
working days, 三十学时, hours given in 学分, a regulation's year in the body and an issue date in the next year.

Printed per field: read rate (a value read with at least the check's confidence), accuracy when read, and false
findings: correct documents on which a value was read confidently and wrongly, the bound of what the documents check
could raise on them (a misread it would not act on still counts).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))

MIN_CONF = 0.9  # the documents check's field_min_confidence
WHO = ("王晓梅", "巴音郭楞日报社")
IDS = ["652801198805120026", "650102199003150013", "652822197612300546", "65290119950207101X"]


def specs(per: int, seed: int) -> list[dict]:
    """What to draw: each document type at each resolution, ``per`` variants, traps spread over them."""
    rnd = random.Random(seed)
    out = []
    for dpi in (150, 200, 300):
        for i in range(per):
            face = ("sans", "serif", "hei")[i % 3]
            common = {"dpi": dpi, "face": face, "seed": rnd.randrange(10**6), "blur": rnd.uniform(0.3, 0.9),
                      "angle": rnd.uniform(0.2, 1.0), "jpeg": rnd.choice([55, 70, 85])}
            year = rnd.choice(range(2019, 2024))
            out.append({"kind": "ce", "year": year, "subject": rnd.choice(["公需科目", "专业科目"]),
                        "hours": rnd.choice([20, 30, 36, 60, 72, 90]), "layout": ("paragraph", "table", "landscape")[i % 3],
                        "year_style": ("digits", "fullwidth", "cn")[(i + i // 3) % 3],
                        "hours_style": ("digits", "cn", "credits")[(i + 1) % 3], "trap": i % 2 == 0, **common})
            out.append({"kind": "appraisal", "year": rnd.choice(range(2019, 2023)),
                        "result": rnd.choice(["优秀", "合格", "基本合格", "不合格"]), "layout": ("table", "sentence")[i % 2],
                        "year_style": ("digits", "fullwidth", "cn")[i % 3], **common})
            start = date(2023, 8, 1) + timedelta(days=rnd.randrange(60))
            if i % 3 == 0:
                start = date(2023, 9, 27)  # across 国庆 2023: 9-29..10-6 off, 10-7 and 10-8 (Sat, Sun) worked
            end = start + timedelta(days=rnd.choice([6, 8, 11]))
            style = ("digits", "fullwidth", "cn")[i % 3]
            out.append({"kind": "publicity", "start": start, "end": end, "level": rnd.choice(["中级", "初级"]),
                        "applicants": 2 if i % 4 == 3 else 1, "date_style": style, "short_end": i % 2 == 1, **common})
            out.append({"kind": "result", "start": start, "end": end, "days": rnd.choice([5, 6, 7]),
                        "signed": end + timedelta(days=1), "level": rnd.choice(["中级", "初级"]), "date_style": style,
                        **common})
            out.append({"kind": "id", "number": IDS[i % len(IDS)], **{**common, "face": ("hei", "sans")[i % 2]}})
            out.append({"kind": "commitment", "sentence": i % 4 != 1, "signed": i % 3 != 1, "fingerprint": i % 2 == 0,
                        **common})
    return out


def draw(spec: dict):
    import field_documents as fd
    from render import Who

    who = Who(*WHO)
    s = {k: v for k, v in spec.items() if k not in ("kind", "blur", "angle", "jpeg")}
    kind = spec["kind"]
    if kind == "ce":
        im, truth = fd.ce_certificate(who, s.pop("year"), s.pop("subject"), s.pop("hours"), **s)
    elif kind == "appraisal":
        im, truth = fd.appraisal_back(who, s.pop("year"), s.pop("result"), **s)
    elif kind == "publicity":
        im, truth = fd.publicity(who, s.pop("start"), s.pop("end"), **s)
    elif kind == "result":
        im, truth = fd.publicity_result(who, s.pop("start"), s.pop("end"), s.pop("days"), s.pop("signed"), **s)
    elif kind == "id":
        number = s.pop("number")
        im, truth = fd.id_front(who, number, gender="男" if int(number[16]) % 2 else "女", **s)
    else:
        im, truth = fd.commitment(who, signed=s.pop("signed"), **s)
    im = fd.scan(im, random.Random(spec["seed"]), blur=spec["blur"], angle=spec["angle"], jpeg=spec["jpeg"])
    return im, truth


DOCUMENT = {"ce": "ce-certificate", "appraisal": "appraisal", "publicity": "publicity", "result": "publicity",
            "id": "id-front", "commitment": "commitment"}
COMPARED = {"ce": ["year", "subject", "hours"], "appraisal": ["year", "result"],
            "publicity": ["period", "level", "applicants"], "result": ["period", "days", "level", "signed"],
            "id": ["id_number", "birth", "gender"], "commitment": ["sentence", "signature", "fingerprint"]}


def evaluate(job: tuple[dict, float | None]) -> dict:
    from dossiercheck.inspect import ocr
    from dossiercheck.inspect.fields import page_marks, read_page_fields

    ocr.use_threads(1)  # the pool spreads the work

    spec, squeeze = job
    if squeeze is not None:
        ocr.SQUEEZE = squeeze
    im, truth = draw(spec)
    rgb = np.asarray(im.convert("RGB"))
    t0 = time.perf_counter()
    page = ocr.read_page(rgb)
    seconds = time.perf_counter() - t0
    fields = read_page_fields(page, DOCUMENT[spec["kind"]])
    got: dict[str, object] = {}
    by: dict[str, list] = defaultdict(list)
    for f in fields:
        if f["conf"] >= MIN_CONF or f["field"] == "sentence":
            by[f["field"]].append(f["value"])
    for name, values in by.items():
        if len({str(v) for v in values}) == 1:
            got[name] = values[0]
    if spec["kind"] == "commitment":
        marks = page_marks(rgb, page)
        if page.get("reading", 0) < 0.9:
            got.pop("sentence", None)
        elif "sentence" in got:
            got["sentence"] = got["sentence"] >= 0.7
        if marks.get("signature_ink") is not None:
            got["signature"] = marks["signature_ink"] >= 0.03
        if marks.get("red_blobs") is not None:
            got["fingerprint"] = bool(marks["red_blobs"])
    if "period" in got:
        got["period"] = list(got["period"])
    return {"kind": spec["kind"], "dpi": spec["dpi"], "truth": truth, "got": got, "seconds": seconds,
            "trap": {k: spec.get(k) for k in ("year_style", "hours_style", "trap", "date_style") if k in spec}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per", type=int, default=9, help="variants per document type and resolution")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--squeeze", type=float, default=None, help="override the OCR stage's SQUEEZE")
    args = ap.parse_args()
    todo = specs(args.per, args.seed)
    t0 = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(evaluate, [(s, args.squeeze) for s in todo], chunksize=2))
    wall = time.perf_counter() - t0
    stats: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    false_docs: dict[str, set[int]] = defaultdict(set)
    misreads = []
    for i, r in enumerate(results):
        for name in COMPARED[r["kind"]]:
            truth = r["truth"][name]
            for key in ((r["kind"], name), (r["kind"], name, r["dpi"])):
                s = stats[key]
                s["n"] += 1
                if name in r["got"]:
                    s["read"] += 1
                    s["right"] += r["got"][name] == truth
            if name in r["got"] and r["got"][name] != truth:
                false_docs[r["kind"]].add(i)
                misreads.append((r["kind"], r["dpi"], name, truth, r["got"][name], r["trap"]))
    print(f"{len(results)} pages in {wall:.0f} s ({sum(r['seconds'] for r in results) / len(results):.1f} s OCR a page)"
          + (f", SQUEEZE={args.squeeze}" if args.squeeze is not None else ""))
    print(f"{'document':<11}{'field':<12}{'read':>7}{'acc.':>7}{'read@300':>10}{'read@150':>10}")
    for (kind, name), s in sorted(((k, v) for k, v in stats.items() if len(k) == 2), key=lambda kv: list(COMPARED)
                                  .index(kv[0][0])):
        at = {dpi: stats[(kind, name, dpi)] for dpi in (150, 300)}
        acc = s["right"] / s["read"] if s["read"] else float("nan")
        print(f"{kind:<11}{name:<12}{s['read'] / s['n']:>7.2f}{acc:>7.3f}"
              f"{at[300]['read'] / max(at[300]['n'], 1):>10.2f}{at[150]['read'] / max(at[150]['n'], 1):>10.2f}")
    print("false findings (documents with a confidently misread field):")
    for kind in COMPARED:
        n = sum(1 for r in results if r["kind"] == kind)
        print(f"  {kind:<11}{len(false_docs[kind])}/{n} = {len(false_docs[kind]) / max(n, 1):.1%}")
    for m in misreads:
        print("  misread:", *m)


if __name__ == "__main__":
    main()
