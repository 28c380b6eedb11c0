"""Make the fixtures of tests/test_sort.py in tests/fixtures/sort (committed, so the tests need no font).

    python tools/make_sort_fixtures.py

A phone's pile of a few pages of a 中级 dossier under names that say nothing (IMG_…, 微信图片_…, scan…), shrunk to
about 1000 px on the long side (JPEG 80) to keep them small; truth.json gives each file's item, year and part.
One file is the same bytes as another (a duplicate), one is a blank page (nothing to place it by).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
import documents as d  # noqa: E402
from render import Who  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests/fixtures/sort"
WHO = Who("王晓梅", "巴音郭楞日报社")
SIDE = 1000


def pages() -> dict[str, tuple[Image.Image, dict]]:
    return {
        "IMG_4021.jpg": (d.ce_certificate(WHO, 2021, "公需科目", seed=31), {"item": "ce-public", "year": 2021}),
        "IMG_4022.jpg": (d.appraisal_back(WHO, 2020, seed=60), {"item": "appraisal", "year": 2020, "part": "back"}),
        "IMG_4023.jpg": (d.appraisal_front(WHO, 2020, seed=50), {"item": "appraisal", "year": 2020, "part": "front"}),
        "微信图片_20230905101122.jpg": (d.id_back(WHO), {"item": "id-card", "part": "back"}),
        "微信图片_20230905101148.jpg": (d.photo(), {"item": "photo"}),
        "scan0001.jpg": (d.journal_copyright(WHO), {"item": "papers", "part": "paper/copyright"}),
        "scan0002.jpg": (d.blank_page(), {"item": None}),
    }


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    truth = {}
    for name, (im, label) in pages().items():
        im = im.convert("RGB")
        if max(im.size) > SIDE:
            im.thumbnail((SIDE, SIDE), Image.LANCZOS)
        im.save(OUT / name, "JPEG", quality=80, optimize=True)
        truth[name] = label
    shutil.copyfile(OUT / "IMG_4021.jpg", OUT / "IMG_4021(1).jpg")
    truth["IMG_4021(1).jpg"] = {"duplicate_of": "IMG_4021.jpg"}
    (OUT / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
