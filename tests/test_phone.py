"""Pages photographed by hand (tests/fixtures/phone, made by tools/make_phone_fixtures.py with their truth in
labels.json: the sheet on a darker desk, turned 5° or 8°, the far edge narrower, light falling off, JPEG 80): read
as a flat scan is, every box on the pixels of the file as stored, and ``fix`` gives the flattened, masked sheet."""

from __future__ import annotations

import json
import shutil
from functools import cache

import numpy as np
import pytest
from PIL import Image, ImageDraw

from conftest import DEMO_OK, FIXTURES, TODAY, run
from dossiercheck import geometry
from dossiercheck.inspect import Task, inspect_file
from dossiercheck.matching import page_hits, targets_for

PHONE = FIXTURES / "phone"
LABELS = json.loads((PHONE / "labels.json").read_text(encoding="utf-8"))


@cache
def read(path: str) -> dict:
    return inspect_file(Task("p.jpg", path, ocr=True))["ocr"][0]


def hits(page: dict, label: dict) -> dict[str, list[int]]:
    return {h["target"]: h["bbox"] for h in page_hits(page, targets_for([label["name"]], [label["unit"]], {}), 25)}


def truth(label: dict, target: str) -> list[int]:
    return next(b["bbox"] for b in label["boxes"] if b["target"] == target)


def overlap(a: list[int], b: list[int]) -> float:
    """Intersection over union of two boxes."""
    w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    inter = max(0, w) * max(0, h)
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def test_a_flattened_pages_box_maps_through_the_sheets_corners():
    """The level frame 100×200 (boxes turned upright by 90°) whose corners lie at a keystoned quadrilateral."""
    flat = {"quad": [[110, 20], [290, 30], [300, 420], [100, 400]], "size": [100, 200]}
    # the upright frame is 200×100; its top-left corner is the level frame's bottom-left (a 90° clockwise turn)
    assert geometry.stored_quad([0, 0, 200, 100], 90, 1.0, 400, 450, flat) == \
        [pytest.approx(p) for p in [(100, 400), (110, 20), (290, 30), (300, 420)]]
    mid = geometry.stored_quad([100, 50, 100, 50], 0, 1.0, 400, 450, {**flat, "size": [200, 100]})[0]
    assert 190 < mid[0] < 210 and 200 < mid[1] < 230  # the centre lands inside, pulled by the perspective
    assert geometry.to_original([0, 0, 200, 100], 90, 1.0, 400, 450, flat) == [100, 20, 301, 421]
    assert geometry.to_original([0, 0, 10, 10], 0, 2.0, 400, 450) == [0, 0, 21, 21]  # a page read as stored: scaled only


@pytest.mark.ocr
def test_a_photographed_pages_name_and_unit_are_found_on_the_stored_pixels():
    label = LABELS["photo_skew5.jpg"]
    page = read(str(PHONE / "photo_skew5.jpg"))
    found = hits(page, label)
    for target in ("name", "unit"):
        assert target in found, found
        assert overlap(found[target], truth(label, target)) >= 0.45, (target, found[target], truth(label, target))
    assert page["rotation"] == 0 and page["flat"]["sheet"]  # read as the flattened sheet


@pytest.mark.ocr
def test_a_photographed_name_covered_by_a_black_box_is_quiet(tmp_path):
    label = LABELS["photo_skew5.jpg"]
    im = Image.open(PHONE / "photo_skew5.jpg").convert("RGB")
    x0, y0, x1, y1 = truth(label, "name")
    ImageDraw.Draw(im).rectangle((x0 - 6, y0 - 6, x1 + 6, y1 + 6), fill=(0, 0, 0))
    im.save(tmp_path / "covered.jpg", quality=85)
    found = hits(read(str(tmp_path / "covered.jpg")), label)
    assert "name" not in found and "unit" in found, found  # the page was read; only the name is hidden


@pytest.mark.ocr
def test_a_page_turned_eight_degrees_reads_upright():
    label = LABELS["photo_skew8.jpg"]
    page = read(str(PHONE / "photo_skew8.jpg"))
    assert page["rotation"] == 0 and page["confidence"] >= 0.6  # not O202
    assert set(hits(page, label)) == {"name", "unit"}


@pytest.mark.ocr
def test_fix_gives_the_flattened_masked_sheet_and_it_rechecks_clean(tmp_path):
    folder = tmp_path / "d"
    (folder / "19-推荐单位公示").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(PHONE / "photo_skew5.jpg", folder / "19-推荐单位公示/公示.jpg")
    before = json.loads(run("check", folder, "-f", "json", "--today", TODAY).stdout)
    photo = [f for f in before["findings"] if f["code"] == "O203"]  # a photo, not a scan: said, fix offered
    assert len(photo) == 1 and photo[0]["evidence"]["sheet"] and 3 < abs(photo[0]["evidence"]["tilt"]) < 7, photo
    out = tmp_path / "fixed"
    result = run("fix", folder, "--out", out)
    assert result.exit_code in (0, 1), result.output
    assert "拍照页已拉平" in result.stdout
    report = json.loads((out / "fix-report.json").read_text(encoding="utf-8"))
    done = {a["do"] for c in report["changes"] for a in c["actions"]}
    assert {"straighten", "mask"} <= done, done
    with Image.open(folder / "19-推荐单位公示/公示.jpg") as photo, Image.open(out / "19-推荐单位公示/公示.jpg") as im:
        assert im.format == "JPEG"
        assert im.width < photo.width and im.height < photo.height  # the desk cropped away
        grey = np.asarray(im.convert("L"), dtype=np.float32)
        ratio = im.height / im.width
    assert abs(ratio - 1240 / 874) < 0.03  # the sheet's own proportions: keystone undone
    edges = np.concatenate([grey[4:12].ravel(), grey[-12:-4].ravel(), grey[:, 4:12].ravel(), grey[:, -12:-4].ravel()])
    assert np.median(edges) > 150  # paper to the edges, no desk
    after = json.loads(run("check", out, "-f", "json", "--today", TODAY).stdout)
    left = {f["code"] for f in after["findings"] if f["file"] == "19-推荐单位公示/公示.jpg"}
    assert not left & {"K101", "K102", "K104", "O201", "O202", "O203"}, left


def test_a_documents_finding_on_a_photographed_page_points_at_the_stored_pixels():
    """A field read off a flattened page (a D finding's evidence box) lands where the sheet lies in the file."""
    from dossiercheck.checks.documents import Page

    flat = {"quad": [[110, 20], [290, 30], [300, 420], [100, 400]], "size": [200, 100]}
    ocr = {"page": None, "rotation": 0, "frame": {"scale": 1.0, "width": 400, "height": 450}, "flat": flat, "lines": []}
    field = {"field": "year", "value": 2021, "read": "2021年度", "conf": 0.99, "bbox": [0, 0, 200, 100]}
    page = Page({"ocr": [ocr], "fields": [field]}, 0.5)
    assert page.evidence(field)["bbox"] == geometry.to_original([0, 0, 200, 100], 0, 1.0, 400, 450, flat) != \
        [0, 0, 200, 100]


@pytest.mark.parametrize("turn", [0.5, -7.5])
def test_a_certificates_printed_border_is_not_taken_for_the_sheets_edge(turn):
    """A certificate has a dark frame printed a little inside its edge: the strongest fall in brightness across a
    side, but paper lies beyond it. The sheet's corners are the paper's (within 1 % of the picture), not the
    frame's: a frame taken for the edge left the copy turned 5-6° with desk in its corners."""
    import cv2

    from dossiercheck.inspect import flatten

    desk = np.full((1300, 1800, 3), (92, 70, 58), np.uint8)
    sheet = np.full((1000, 1400, 3), 222, np.uint8)
    cv2.rectangle(sheet, (60, 60), (1340, 940), (120, 20, 30), 10)  # the printed frame, dark red
    cv2.putText(sheet, "CERTIFICATE 2023", (420, 400), cv2.FONT_HERSHEY_SIMPLEX, 2.5, (30, 30, 30), 6)
    corners = np.float32([[0, 0], [1400, 0], [1400, 1000], [0, 1000]])
    turned = cv2.getRotationMatrix2D((700, 500), turn, 1.0)
    turned[:, 2] += (200, 150)
    truth = cv2.transform(corners[None], turned)[0]
    desk = cv2.warpAffine(sheet, turned, (1800, 1300), dst=desk, borderMode=cv2.BORDER_TRANSPARENT)
    found = flatten.find_sheet(desk)
    assert found is not None
    assert np.abs(found - truth).max() < 18, (found.round().tolist(), truth.round().tolist())


def test_the_change_log_says_how_far_the_sheet_lay_turned():
    """Not the text's skew left after the sheet was cut out (0.0° for a page photographed 8° askew): the sheet's
    own turn in the photo, and that residue on top."""
    from dossiercheck import fix
    from dossiercheck.report.fixlog import _describe

    c, s = np.cos(np.radians(8)), np.sin(np.radians(8))
    corners = [[100 + 900 * c * x + 1200 * s * y, 300 - 900 * s * x + 1200 * c * y] for x, y in
               [(0, 0), (1, 0), (1, 1), (0, 1)]]  # turned 8° counter-clockwise
    facts = {"ocr": [{"flat": {"quad": corners, "size": [900, 1200], "skew": 0.0, "sheet": True},
                      "frame": {"scale": 1.0}}]}
    plan = fix.straighten_plan(facts)
    assert plan["tilt"] == pytest.approx(8.0, abs=0.1)
    assert "8.0°" in _describe(plan, "zh") and "8.0°" in _describe(plan, "en")
