"""Make the committed scans tests/test_fields.py reads with the real OCR engine, with their truth and where each
goes in a test dossier (labels.json).

    python tools/make_field_fixtures.py     # needs fonts-noto-cjk / fonts-wqy-microhei

Each page carries one or more of the mismatches the documents check (D1xx) must find; the last two must give none
(a blurred page read with doubt, a greyscale commitment whose finger-print cannot be judged).
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import field_documents as fd  # noqa: E402
from render import Who, save_jpeg  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "fields"
WHO = Who("王晓梅", "巴音郭楞日报社")
OTHER_ID = "650102199003150013"  # a valid number (check digit 3) that is not the demo applicant's: a man born 1990


def pages():
    """name → (image, truth, where it goes in the test dossier, the findings it must give)."""
    yield "ce_year.jpg", fd.ce_certificate(WHO, 2020, "公需科目", 30, trap=True, seed=1), \
        "14-继续教育-公需科目/2021公需科目.jpg", ["D101"]
    yield "ce_subject.jpg", fd.ce_certificate(WHO, 2019, "专业科目", 60, layout="table", face="serif", seed=2), \
        "14-继续教育-公需科目/2019公需科目.jpg", ["D102"]
    yield "ce_hours.jpg", fd.ce_certificate(WHO, 2022, "专业科目", 30, year_style="fullwidth", hours_style="cn",
                                            face="hei", seed=3), "15-继续教育-专业科目/2022专业科目.jpg", ["D103"]
    yield "ce_credits.jpg", fd.ce_certificate(WHO, 2023, "专业科目", 60, hours_style="credits", trap=True, seed=4), \
        "15-继续教育-专业科目/2023专业科目.jpg", []
    yield "appraisal_year.jpg", fd.appraisal_back(WHO, 2019, "不合格", seed=5), \
        "17-年度考核表/2020年度考核表-反面.jpg", ["D111", "D113"]
    yield "appraisal_result.jpg", fd.appraisal_back(WHO, 2021, "基本合格", layout="sentence", face="serif", seed=6), \
        "17-年度考核表/2021年度考核表-反面.jpg", ["D112", "D113"]
    yield "publicity.jpg", fd.publicity(WHO, date(2023, 9, 27), date(2023, 10, 8), level="初级", applicants=2,
                                        short_end=True, seed=7), \
        "19-推荐单位公示/推荐单位公示.jpg", ["D121", "D125", "D126", "D127"]
    yield "publicity_result.jpg", fd.publicity_result(WHO, date(2023, 9, 27), date(2023, 10, 7), 5, date(2023, 10, 5),
                                                      level="中级", date_style="fullwidth", seed=8), \
        "20-推荐单位公示结果/推荐单位公示结果.jpg", ["D122", "D123", "D124"]
    yield "id_front.jpg", fd.id_front(WHO, OTHER_ID, gender="男", seed=9), "01-身份证/身份证-正面.jpg", \
        ["D131", "D132", "D133"]
    yield "commitment.jpg", fd.commitment(WHO, sentence=False, signed=False, fingerprint=False, seed=10), \
        "12-个人承诺书/个人承诺书.jpg", ["D141", "D142", "D143"]
    # no finding: a wrong year read with doubt (heavy blur), and a greyscale commitment (no verdict on red)
    yield "ce_blurred.jpg", fd.ce_certificate(WHO, 2019, "公需科目", 30, seed=11), \
        "14-继续教育-公需科目/2023公需科目.jpg", []
    yield "commitment_grey.jpg", fd.commitment(WHO, fingerprint=False, seed=12), None, []


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    labels = {}
    for name, (im, truth), place, codes in pages():
        rnd = random.Random(name)
        im = fd.scan(im, rnd, blur=4.5 if name == "ce_blurred.jpg" else 0.6, angle=0.5)
        if name == "commitment_grey.jpg":
            im = im.convert("L")
        if im.width > 1000 and name.startswith(("ce_", "appraisal", "publicity")):
            im = im.convert("L")  # text pages: greyscale keeps the fixtures small
        save_jpeg(im, OUT / name, quality=70)
        labels[name] = {"truth": truth, "place": place, "findings": codes}
    (OUT / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1, default=str) + "\n",
                                     encoding="utf-8")
    total = sum(p.stat().st_size for p in OUT.glob("*.jpg"))
    print(f"{len(labels)} fixtures, {total / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
