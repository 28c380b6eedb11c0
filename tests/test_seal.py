"""A work unit printed under the unit's red seal, photographed by hand (tests/fixtures/seal, made by
tools/make_seal_fixtures.py with their truth in labels.json: turned 3°, keystoned, once upright and once held
sideways): the unit is found where it lies in the stored pixels, and a masked copy under the same seal stays quiet.
And a unit in a table cell whose neighbour's label runs over the border up to it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import FIXTURES
from dossiercheck.inspect import Task, inspect_file, ocr
from dossiercheck.matching import page_hits, targets_for
from test_phone import truth

SEAL = FIXTURES / "seal"
LABELS = json.loads((SEAL / "labels.json").read_text(encoding="utf-8"))


def hits(name: str) -> tuple[dict, dict[str, list[int]]]:
    label = LABELS[name]
    page = inspect_file(Task("p.jpg", str(SEAL / name), ocr=True))["ocr"][0]
    found = page_hits(page, targets_for([label["name"]], [label["unit"]], {}), 25)
    return page, {h["target"]: h["bbox"] for h in found}


@pytest.mark.ocr
@pytest.mark.parametrize("name", ["seal_skew3.jpg", "seal_skew3_side.jpg"])
def test_a_unit_under_a_red_seal_is_found_at_its_box(name):
    page, found = hits(name)
    assert page["rotation"] == LABELS[name]["turn"]
    for target in ("name", "unit"):
        assert target in found, (target, found, [ln["t"] for ln in page["lines"]])
        box, true = found[target], truth(LABELS[name], target)
        # on the unit's pixels: all of it, and not much else (the seal's words above it may join its line)
        assert covered(true, box) >= 0.8 and area(box) <= 3 * area(true), (target, box, true)


def area(b: list[int]) -> int:
    return (b[2] - b[0]) * (b[3] - b[1])


def covered(a: list[int], b: list[int]) -> float:
    """The share of box ``a`` that lies inside box ``b``."""
    w, h = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
    return max(0, w) * max(0, h) / area(a)


@pytest.mark.ocr
def test_a_unit_in_the_cell_after_an_overflowing_label_is_found():
    """One line read across a cell border (工作单位及职务 runs up to the unit): read squeezed, the border and the
    crowding strokes merged and 和 was dropped."""
    page, found = hits("cell_border.jpg")
    assert "unit" in found, (found, [ln["t"] for ln in page["lines"]])
    assert covered(truth(LABELS["cell_border.jpg"], "unit"), found["unit"]) >= 0.8


@pytest.mark.ocr
def test_a_masked_unit_under_a_red_seal_stays_quiet():
    page, found = hits("seal_skew3_side_masked.jpg")
    assert found == {}, found
    assert len(page["lines"]) >= 6  # the page was read: only the masked words are not there


def test_only_black_print_under_red_ink_is_read_again_from_the_red_channel():
    """A line where a seal's red lies over black print is read again from the red channel, and the more confident
    reading kept; a line of red words only (a red title) and a line with no red are left as read."""

    class Engine(ocr.OcrEngine):
        def __init__(self) -> None:
            self.seen: list[np.ndarray] = []

        def recognize(self, crops):
            self.seen.extend(crops)
            return [("和静县融媒体中心", 0.99)] * len(crops)

    page = np.full((100, 300, 3), 250, np.uint8)
    page[10:30, 10:90] = (20, 20, 20)            # line 0: black print ...
    page[10:30, 50:120] = (200, 30, 40)          # ... under a seal's red
    page[40:60, 10:120] = (200, 30, 40)          # line 1: red words only
    page[70:90, 10:120] = (20, 20, 20)           # line 2: black print, no red
    boxes = [(0, 5, 130, 35), (0, 35, 130, 65), (0, 65, 130, 95)]
    texts = [("和薛县融体中心", 0.83), ("荣誉证书", 0.9), ("推荐单位", 0.8)]
    eng = Engine()
    ocr._reread_under_seal(eng, page, boxes, [None, None, None], texts)
    assert texts == [("和静县融媒体中心", 0.99), ("荣誉证书", 0.9), ("推荐单位", 0.8)]
    assert len(eng.seen) == 1 and eng.seen[0][5:25, 60:110].min() > 150  # the seal's red read as paper
