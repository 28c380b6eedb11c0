"""Real pages no one here drew (benchmarks/real, truth in its labels.json), through ``check``'s own path: the
names printed on them are found where the label box says, found nowhere once covered by a black box, and a page
turned in its pixels is reported with the turn that undoes it. benchmarks/eval_real.py measures the same on all of
them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from conftest import DEMO_OK, REPO
from dossiercheck.engine import Options, check_dossier

pytestmark = pytest.mark.ocr

REAL = REPO / "benchmarks/real"
LABELS = {e["file"]: e for e in json.loads((REAL / "labels.json").read_text(encoding="utf-8"))}
PAGES = ["vehicle_order_form.jpg", "resume_form.jpg", "boarding_pass.jpg"]  # a form, a table, a stained scan
FOLDER = "18-个人工作总结"  # masking: required


def targets(kind: str) -> list[str]:
    return [t["text"] for p in PAGES for t in LABELS[p]["targets"] if t["kind"] == kind]


def dossier(root: Path, pages: dict[str, Image.Image], names: list[str], units: list[str]) -> Path:
    """A dossier holding ``pages`` in item 18, with the demo profile's name and unit replaced."""
    (root / FOLDER).mkdir(parents=True)
    for name, im in pages.items():
        im.save(root / FOLDER / name, quality=92)
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    text = text.replace("name: 王晓梅\nname_variants: []", f"name: {names[0]}\nname_variants: {names[1:]}")
    text = text.replace("unit: 巴音郭楞日报社\nunit_variants: [巴州日报社]", f"unit: {units[0]}\nunit_variants: {units[1:]}")
    (root / "applicant.yaml").write_text(text, encoding="utf-8")
    return root


def check(folder: Path):
    # the suite's private cache: the same page under another profile is not read again
    return check_dossier(folder, Options(select=["K", "O"], jobs=1)).findings


def covered(file: str) -> Image.Image:
    im = Image.open(REAL / file).convert("RGB")
    draw = ImageDraw.Draw(im)
    for t in LABELS[file]["targets"]:
        for x0, y0, x1, y1 in t["boxes"]:
            draw.rectangle([x0 - 3, y0 - 3, x1 + 3, y1 + 3], fill="black")
    return im


@pytest.fixture(scope="module")
def pages():
    return {p: Image.open(REAL / p).convert("RGB") for p in PAGES}


@pytest.fixture(scope="module")
def upright(tmp_path_factory, pages):
    return check(dossier(tmp_path_factory.mktemp("upright"), pages, targets("name"), targets("unit")))


def test_every_labelled_name_and_unit_is_flagged_at_its_box(upright):
    for page in PAGES:
        for t in LABELS[page]["targets"]:
            code = "K101" if t["kind"] == "name" else "K102"
            hits = [f for f in upright if f.code == code and f.file.endswith(page) and any(
                min(f.evidence["bbox"][2], b[2]) > max(f.evidence["bbox"][0], b[0])
                and min(f.evidence["bbox"][3], b[3]) > max(f.evidence["bbox"][1], b[1]) for b in t["boxes"])]
            assert hits, (page, t["text"], [(f.code, f.file, f.evidence.get("bbox")) for f in upright])


def test_upright_real_pages_are_not_called_turned(upright):
    assert not [f for f in upright if f.code == "O201"]


def test_a_name_one_character_off_stays_quiet(upright, pages, tmp_path):
    """张祺明 is not 张祺伟: the last character read with confidence is not an OCR slip (the names themselves
    were found, so the page was read)."""
    assert [f for f in upright if f.code == "K101" and f.file.endswith("boarding_pass.jpg")]
    findings = check(dossier(tmp_path, pages, ["张祺明", "合小明"], ["巴音郭楞日报社"]))
    assert not [(f.code, f.file, f.evidence) for f in findings if f.code.startswith("K")]


def test_targets_under_a_black_box_stay_quiet(tmp_path):
    pages = {p: covered(p) for p in PAGES[:2]}
    names = [t for t in targets("name") if any(t == x["text"] for p in pages for x in LABELS[p]["targets"])]
    units = [t for t in targets("unit") if any(t == x["text"] for p in pages for x in LABELS[p]["targets"])]
    findings = check(dossier(tmp_path, pages, names, units))
    assert not [(f.code, f.file, f.evidence) for f in findings if f.code.startswith("K")]


@pytest.mark.parametrize("angle", [90])
def test_a_page_turned_in_its_pixels_is_reported_with_the_turn_that_undoes_it(tmp_path, angle):
    page = PAGES[0]
    im = Image.open(REAL / page).convert("RGB").rotate(angle, expand=True)  # counter-clockwise
    findings = check(dossier(tmp_path, {page: im}, ["王晓梅"], ["巴音郭楞日报社"]))
    assert [f.evidence["rotation"] for f in findings if f.code == "O201"] == [angle]
