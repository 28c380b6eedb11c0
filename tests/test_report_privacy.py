"""No report image shows the applicant's full name or ID number: the HTML report's thumbnails and the annotated
previews are read back with the real OCR engine, at a size where the originals are legible."""

from __future__ import annotations

import base64
import io
import re

import numpy as np
import pytest
from PIL import Image

from conftest import DEMO_FLAWED, DEMO_OK, TODAY, run
from dossiercheck.matching import normalise

pytestmark = pytest.mark.ocr

NAME, NUMBER = "王晓梅", "652801198805120026"  # the demo applicant (examples/*/applicant.yaml)


def read_text(im: Image.Image) -> str:
    """Everything the engine reads on ``im``, enlarged so that a thumbnail is read as well as a page would be."""
    from dossiercheck.inspect.ocr import read_page

    im = im.convert("RGB")
    if max(im.size) < 1200:
        f = 1200 / max(im.size)
        im = im.resize((int(im.width * f), int(im.height * f)), Image.LANCZOS)
    page = read_page(np.asarray(im))
    return "".join(normalise(line["t"])[0] for line in page["lines"])


def leaks(text: str) -> list[str]:
    return [secret for secret in (NAME, NUMBER) if secret in text.upper()]


@pytest.fixture(scope="module")
def html_images(tmp_path_factory):
    """(report, alt text, image) for every image embedded in the demos' HTML reports."""
    out = []
    for demo in (DEMO_OK, DEMO_FLAWED):
        path = tmp_path_factory.mktemp("html") / f"{demo.name}.html"
        run("check", demo, "-f", "html", "-o", path, "--today", TODAY)
        html = path.read_text(encoding="utf-8")
        for data, alt in re.findall(r'<img src="data:image/jpeg;base64,([^"]+)" alt="([^"]*)"', html):
            out.append((demo.name, alt, Image.open(io.BytesIO(base64.b64decode(data)))))
    return out


def test_the_html_reports_embed_the_pages(html_images):
    alts = {alt for _, alt, _ in html_images}
    assert "01-身份证/身份证-正面.jpg" in alts and "19-推荐单位公示/推荐单位公示.jpg" in alts
    assert len(html_images) > 40


def test_no_html_thumbnail_shows_the_name_or_id_number(html_images):
    found = {(demo, alt): leaks(read_text(im)) for demo, alt, im in html_images}
    assert {k: v for k, v in found.items() if v} == {}


def test_pages_keep_what_is_not_personal(html_images):
    """Covering is by line, not the whole page: a thumbnail without the name still reads as its document."""
    im = next(im for demo, alt, im in html_images if demo == "demo-ok" and alt == "12-个人承诺书/个人承诺书.jpg")
    assert "承诺" in read_text(im)


def test_no_annotated_preview_shows_the_name_or_id_number(tmp_path):
    result = run("check", DEMO_FLAWED, "--annotate", tmp_path, "--today", TODAY)
    previews = sorted(tmp_path.rglob("*.jpg"))
    assert result.exit_code == 1 and len(previews) >= 3
    found = {p.relative_to(tmp_path).as_posix(): leaks(read_text(Image.open(p))) for p in previews}
    assert {k: v for k, v in found.items() if v} == {}
