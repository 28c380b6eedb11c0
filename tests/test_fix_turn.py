"""`dossiercheck fix` turns a page exactly as its orientation findings say (evidence.turn, evidence.mirror), and does
not turn a page no finding asks about. Rule tests: the pages are not read (no OCR); the findings are the check's own
or made by hand."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import DEMO_OK, make_dossier
from dossiercheck import fix as fixer
from dossiercheck.engine import Options, evaluate, prepare
from dossiercheck.facts import TURN_CODES
from dossiercheck.findings import Finding
from dossiercheck.inspect import inspect_dossier

REL = "08-代表作品/作品.jpg"


def marked(tag: int | None = None) -> bytes:
    """A 60×30 white JPEG with a black block in its top left corner; with ``tag``, that EXIF orientation."""
    im = Image.new("RGB", (60, 30), "white")
    im.paste((0, 0, 0), (0, 0, 15, 10))
    buf = io.BytesIO()
    exif = Image.Exif()
    if tag:
        exif[0x0112] = tag
    im.save(buf, "JPEG", quality=95, exif=exif)
    return buf.getvalue()


def corner(im: Image.Image) -> str:
    """Which corner the black block went to."""
    w, h = im.size
    dark = {name: im.convert("L").getpixel(xy) < 100 for name, xy in
            {"top left": (2, 2), "top right": (w - 3, 2), "bottom left": (2, h - 3), "bottom right": (w - 3, h - 3)}.items()}
    assert sum(dark.values()) == 1, dark
    return next(k for k, v in dark.items() if v)


@pytest.fixture()
def checked(tmp_path):
    """A dossier of one EXIF-turned image (tag 6), checked for orientation without reading the page."""
    folder = make_dossier(tmp_path, {REL: marked(6)}, DEMO_OK)
    ctx = prepare(folder, Options())
    ctx.facts = inspect_dossier(ctx, jobs=1, use_cache=False, ocr=False)
    return evaluate(ctx, Options(select=["O"]))


def fixed(result, tmp_path, name: str = "out") -> Image.Image:
    fixer.fix(result, tmp_path / name, fixer.Options())
    with Image.open(tmp_path / name / REL) as im:
        assert im.getexif().get(0x0112) in (None, 1)  # the tag is gone whatever the turn
        return im.convert("RGB")


def test_the_check_says_the_turn_and_fix_turns_by_it(checked, tmp_path):
    o101 = next(f for f in checked.findings if f.code == "O101")
    assert (o101.evidence["turn"], o101.evidence["mirror"]) == (90, False)  # no reading: the tag's turn
    im = fixed(checked, tmp_path)
    assert im.size == (30, 60) and corner(im) == "top right"  # 90° clockwise


@pytest.mark.parametrize("turn,mirror,size,where", [(180, False, (60, 30), "bottom right"),
                                                    (270, False, (30, 60), "bottom left"),
                                                    (0, False, (60, 30), "top left"),
                                                    (0, True, (60, 30), "top right")])
def test_fix_turns_exactly_by_the_evidence(checked, tmp_path, turn, mirror, size, where):
    """The finding's evidence, not the facts, decides: here it contradicts the EXIF tag the facts hold."""
    for f in checked.findings:
        if f.code == "O101":
            f.evidence.update(turn=turn, mirror=mirror)
    im = fixed(checked, tmp_path)
    assert im.size == size and corner(im) == where


def test_no_orientation_finding_no_turn(checked, tmp_path):
    """A page the check did not flag is not turned, whatever the facts say (here: EXIF tag 6)."""
    def turns(findings: list[Finding]) -> list[dict]:
        return [a for a in fixer.plan_file(REL, checked.facts[REL], findings, None, fixer.Options()) if a["do"] == "rotate"]

    assert turns(checked.findings) == [{"do": "rotate", "degrees": 90, "mirror": False}]
    assert turns([f for f in checked.findings if f.code not in TURN_CODES]) == []


def test_pdf_pages_turn_by_their_own_findings():
    facts = {"kind": "pdf", "pages": 3, "pdf": {"pages": 3, "ocr": [{"page": 1, "rotation": 90}, {"page": 3, "rotation": 0}]}}
    findings = [Finding("O201", file="a.pdf", page=3, evidence={"rotation": 0, "turn": 270, "mirror": False}),
                Finding("O202", file="a.pdf", page=2, evidence={"rotation": None})]
    actions = fixer.plan_file("a.pdf", facts, findings, None, fixer.Options())
    assert next(a for a in actions if a["do"] == "rotate")["pages"] == {"3": 270}  # page 1: no finding, no turn
    assert not [a for a in fixer.plan_file("a.pdf", facts, findings[1:], None, fixer.Options()) if a["do"] == "rotate"]


@pytest.mark.parametrize("facts,turn", [
    ({"exif_orientation": 6}, (90, False)),                                      # the tag alone
    ({"exif_orientation": 5}, (90, True)),
    ({"exif_orientation": 6, "ocr": [{"page": None, "rotation": 0}]}, (0, False)),  # the content over the tag
    ({"exif_orientation": 8, "ocr": [{"page": None, "rotation": None}]}, (270, False)),  # content unknown
    ({"face_rotation": 180, "exif_orientation": 3}, (180, False)),
])
def test_turn_of(facts, turn):
    from dossiercheck.facts import turn_of

    assert turn_of(facts) == turn
