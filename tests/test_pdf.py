"""PDF pages as a reader sees them: rendering (/Rotate, crop box, strips, budgets), the text layer against the render
(x-ray's reference files: text under black boxes vs text on top of boxes), and fix rebuilding a leaking PDF.

The fixtures in tests/fixtures/pdf were made by tools/make_pdf_fixtures.py (or come from x-ray, see SOURCES.md);
the page-bomb, many-page and encrypted files are made here. Tests that read pages with the real OCR engine are
marked ``ocr``; the rest run on the render and the text layer alone.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from conftest import DEMO_FLAWED, FIXTURES, TODAY, make_dossier, run, tree_digest
from dossiercheck import fix as fixer
from dossiercheck.engine import Options, check_dossier
from dossiercheck.inspect.pdf import inspect_pdf

PDFS = FIXTURES / "pdf"
IP = "10-知识产权"  # the item that takes PDFs and requires masking


def make(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A dossier with demo-flawed's profile (王晓梅, who has intellectual property) and the given files."""
    return make_dossier(tmp_path, files, DEMO_FLAWED)


def rotated(name: str, degrees: int = 90) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PDFS / name)
    for page in writer.pages:
        page.rotate(degrees)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def encrypted(name: str, user: str, owner: str = "owner") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PDFS / name)
    writer.encrypt(user_password=user, owner_password=owner, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def hand_pdf(pages: int = 1, box: str = "0 0 595 842", image: tuple[int, int] | None = None) -> bytes:
    """A minimal PDF written by hand: ``pages`` pages sharing one content stream, of MediaBox ``box``, optionally
    showing an image XObject that declares ``image`` pixels (its data is a stub: it must never be decoded)."""
    res = "/Resources << /XObject << /Im0 4 0 R >> >> " if image else ""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{5 + i} 0 R" for i in range(pages)) + f"] /Count {pages} >>",
               "<< /Length 30 >>\nstream\nq 500 0 0 700 0 0 cm /Im0 Do Q\nendstream" if image else
               "<< /Length 0 >>\nstream\n\nendstream",
               (f"<< /Type /XObject /Subtype /Image /Width {image[0]} /Height {image[1]} /ColorSpace /DeviceGray "
                "/BitsPerComponent 8 /Filter /FlateDecode /Length 8 >>\nstream\nxxxxxxxx\nendstream") if image
               else "<< >>"]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Contents 3 0 R {res}>>"] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{off:010d} 00000 n \n" for off in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def hidden(name: str) -> list[tuple[int, str, int]]:
    """(page, kind, characters) of every run of hidden text in a fixture."""
    facts = inspect_pdf(PDFS / name)
    return [(v["page"], h["kind"], h["chars"]) for v in facts["views"] for h in v["hidden"]]


def assert_valid_image_pdf(path: Path, sizes: list[tuple[float, float]]) -> None:
    """Opens with pypdf and PDFium, pages of the given sizes in points, no text layer and no metadata left."""
    import pypdfium2 as pdfium
    from pypdf import PdfReader

    reader = PdfReader(path, strict=True)
    assert [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages] == \
        [(round(w), round(h)) for w, h in sizes]
    assert not any((p.extract_text() or "").strip() for p in reader.pages)
    assert not reader.metadata and "/Metadata" not in reader.trailer["/Root"]
    doc = pdfium.PdfDocument(str(path))
    assert len(doc) == len(sizes) and all(doc[i].get_textpage().count_chars() == 0 for i in range(len(doc)))
    doc.close()


# ---------------------------------------------------------------- text layer against the render (no OCR)


def test_text_under_black_boxes_is_hidden_and_text_on_boxes_is_not():
    # x-ray's reference: 64 characters under black rectangles (rectangles_yes) ...
    runs = hidden("xray_rectangles_yes.pdf")
    assert {kind for _, kind, _ in runs} == {"covered"} and 44 <= sum(n for *_, n in runs) <= 64  # letters and digits
    # ... and text drawn on top of grey boxes, which a reader sees (rect_ordering_4.1)
    assert hidden("xray_rect_ordering_4.1.pdf") == []
    # the same two cases in Chinese: the name and unit under black boxes vs white text on a dark banner
    assert sorted(hidden("under_box.pdf")) == [(1, "covered", 3), (1, "covered", 7)]
    assert hidden("on_box.pdf") == [] and hidden("certificate.pdf") == []


def test_white_text_and_text_outside_the_crop_box():
    assert hidden("hidden.pdf") == [(1, "invisible", 3), (2, "outside", 6)]


def test_rotate_and_crop_box_are_honoured(tmp_path):
    (tmp_path / "r.pdf").write_bytes(rotated("under_box.pdf"))
    view = inspect_pdf(tmp_path / "r.pdf")["views"][0]
    assert (view["rotate"], view["width"] > view["height"]) == (90, True)  # shown landscape
    # the boxes are in the displayed page: the name's box, near the left edge upright, is near the right edge now
    upright = inspect_pdf(PDFS / "under_box.pdf")["views"][0]["hidden"]
    turned = view["hidden"]
    name_up = next(h["bbox"] for h in upright if h["chars"] == 3)
    name_turned = next(h["bbox"] for h in turned if h["chars"] == 3)
    assert name_turned[0] == pytest.approx(view["width"] - name_up[3], abs=2)
    assert name_turned[1] == pytest.approx(name_up[0], abs=2)
    cropped = inspect_pdf(PDFS / "hidden.pdf")["views"][1]
    assert round(cropped["height"]) == 742  # the crop box, not the media box


def test_strips_are_one_scan_at_its_resolution():
    view = inspect_pdf(PDFS / "strips.pdf")["views"][0]
    assert view["scan_dpi"] == 150 and view["quality"]["ink"] > 0.005  # the page, not one strip
    assert inspect_pdf(PDFS / "certificate.pdf")["views"][0]["scan_dpi"] is None  # vector text has no resolution


def test_check_reports_hidden_text_with_its_box(tmp_path):
    folder = make(tmp_path, {f"{IP}/under.pdf": (PDFS / "under_box.pdf").read_bytes(),
                             f"{IP}/on.pdf": (PDFS / "on_box.pdf").read_bytes(),
                             f"{IP}/hidden.pdf": (PDFS / "hidden.pdf").read_bytes()})
    result = check_dossier(folder, Options(select=["K2", "K103"], use_cache=False, today=None))
    got = sorted((f.file.split("/")[-1], f.code, f.page) for f in result.findings)
    assert got == [("hidden.pdf", "K103", 1), ("hidden.pdf", "K103", 2), ("hidden.pdf", "K202", 1), ("hidden.pdf", "K203", 2),
                   ("hidden.pdf", "K204", None), ("on.pdf", "K204", None),
                   ("under.pdf", "K103", 1), ("under.pdf", "K103", 1), ("under.pdf", "K201", 1),
                   ("under.pdf", "K201", 1), ("under.pdf", "K204", None)]
    k201 = [f for f in result.findings if f.code == "K201"]
    assert all(len(f.evidence["bbox"]) == 4 and "王晓梅" not in f.message("zh") for f in k201)
    assert {tuple(f.evidence["fields"]) for f in result.findings if f.code == "K204"} == {("Author", "Title")}


# ---------------------------------------------------------------- budgets and encryption (no OCR)


def test_page_bombs_and_encrypted_pdfs_are_refused_with_a_finding(tmp_path):
    folder = make(tmp_path, {
        f"{IP}/huge.pdf": hand_pdf(box="0 0 35000 35000"),
        f"{IP}/many.pdf": hand_pdf(pages=5000),
        f"{IP}/image.pdf": hand_pdf(image=(60000, 60000)),
        f"{IP}/locked.pdf": encrypted("certificate.pdf", user="secret"),
        f"{IP}/owner-only.pdf": encrypted("under_box.pdf", user=""),
    })
    before = tree_digest(folder)
    result = check_dossier(folder, Options(select=["I", "K2", "K103"], use_cache=False))
    codes = {(f.file.split("/")[-1], f.code) for f in result.findings if f.file}
    assert {("huge.pdf", "I121"), ("many.pdf", "I120"), ("image.pdf", "I103"), ("locked.pdf", "I104")} <= codes
    # opens without a password (an owner password only restricts printing): read like any other
    assert {c for f, c in codes if f == "owner-only.pdf"} == {"K103", "K201", "K204"}
    assert tree_digest(folder) == before
    for name in ("huge.pdf", "many.pdf", "image.pdf", "locked.pdf"):
        assert "pdf" not in result.facts[f"{IP}/{name}"]  # refused before any page was decoded
    shown = run("check", folder, "--select", "I", "--today", TODAY)
    assert "Traceback" not in shown.output and "huge.pdf" in shown.stdout


# ---------------------------------------------------------------- fix (no OCR: the text-layer codes only)


def test_fix_rebuilds_a_leaking_pdf_without_text_layer_or_metadata(tmp_path):
    folder = make(tmp_path, {f"{IP}/under.pdf": (PDFS / "under_box.pdf").read_bytes(),
                             f"{IP}/hidden.pdf": (PDFS / "hidden.pdf").read_bytes(),
                             f"{IP}/owner-only.pdf": encrypted("under_box.pdf", user=""),
                             f"{IP}/turned.pdf": rotated("under_box.pdf")})
    options = Options(select=["K2", "K103", "I"], use_cache=False)
    out = tmp_path / "fixed"
    changes: list = []
    before = check_dossier(folder, options, then=lambda r: changes.extend(fixer.fix(r, out, fixer.Options())))
    assert {f.code for f in before.findings} >= {"K103", "K201", "K202", "K203", "K204"}
    done = {c.file.split("/")[-1]: c.actions for c in changes if c.actions}
    assert set(done) == {"under.pdf", "hidden.pdf", "owner-only.pdf", "turned.pdf"}
    assert {"K103", "K201", "K204"} <= set(next(a for a in done["under.pdf"] if a["do"] == "flatten")["reasons"])
    after = check_dossier(out, options)
    assert not [f for f in after.findings if f.file], [f.code for f in after.findings]
    a4 = (595.28, 841.89)
    assert_valid_image_pdf(out / IP / "under.pdf", [a4])
    assert_valid_image_pdf(out / IP / "hidden.pdf", [a4, (595.28, 741.89)])  # the crop box is the page now
    assert_valid_image_pdf(out / IP / "turned.pdf", [(841.89, 595.28)])  # not asked to turn (no OCR): as shown
    assert (out / IP / "under.pdf").stat().st_size < 10_000_000


def test_converted_files_never_take_a_name_that_is_taken(tmp_path):
    from PIL import Image

    def image(fmt: str) -> bytes:
        buf = io.BytesIO()
        Image.new("RGB", (1240, 1754), "white").save(buf, fmt)
        return buf.getvalue()

    folder = make(tmp_path, {"08-代表作品/a.png": image("PNG"), "08-代表作品/a.jpg": image("JPEG"),
                             "08-代表作品/b.PNG": image("PNG"), "08-代表作品/B.jpg": image("JPEG")})
    out = tmp_path / "fixed"
    changes: list = []
    check_dossier(folder, Options(select=["F"], use_cache=False),
                  then=lambda r: changes.extend(fixer.fix(r, out, fixer.Options())))
    names = {c.file.split("/")[-1]: c.output.split("/")[-1] for c in changes}
    assert names["a.jpg"] == "a.jpg" and names["a.png"] == "a-2.jpg"
    assert names["b.PNG"] == "b-2.jpg"  # B.jpg and b.jpg are one file on Windows
    assert len({p.name.casefold() for p in (out / "08-代表作品").iterdir()}) == 4
    rename = next(a for c in changes if c.file.endswith("a.png") for a in c.actions if a["do"] == "rename")
    from dossiercheck.report.fixlog import _describe

    assert _describe(rename, "zh") == "改名为 a-2.jpg（a.jpg 已被同名文件占用）"


def test_no_hint_left_after_fix_says_run_fix():
    from dossiercheck.findings import catalog
    from dossiercheck.report.fixlog import hint_after_fix

    for code, spec in catalog().items():
        for lang, hint in (("zh", spec.hint.zh), ("en", spec.hint.en)):
            left = hint_after_fix(hint, lang)
            assert "dossiercheck fix" not in left, (code, left)
            assert left or not hint or "dossiercheck fix" in hint, code


# ---------------------------------------------------------------- reports: pages as rendered (no OCR)


def test_html_thumbnails_and_previews_come_from_the_rendered_page(tmp_path):
    folder = make(tmp_path, {f"{IP}/under.pdf": (PDFS / "under_box.pdf").read_bytes(),
                             f"{IP}/vector.pdf": (PDFS / "certificate.pdf").read_bytes()})
    report = tmp_path / "r.html"
    previews = tmp_path / "previews"
    result = run("check", folder, "--select", "K2", "-f", "html", "-o", report, "--annotate", previews,
                 "--today", TODAY)
    html = report.read_text(encoding="utf-8")
    # a vector page has no embedded image: before rendering, its thumbnail was a placeholder
    assert html.count('alt="10-知识产权/vector.pdf p1"') == 1 and 'class="nopic' not in html, result.output
    assert (previews / IP / "under.pdf.p1.annotated.jpg").is_file()


def test_pages_seen_are_as_displayed_at_the_asked_size(tmp_path):
    """The one way a reporter gets a PDF's pages: turned by /Rotate, long side as asked, the scale from points."""
    from dossiercheck.inspect.pdf import MAX_PAGES, PdfProblem, pages_seen

    upright = inspect_pdf(PDFS / "certificate.pdf")["views"][0]
    (tmp_path / "turned.pdf").write_bytes(rotated("certificate.pdf"))
    [(im, scale)] = list(pages_seen(tmp_path / "turned.pdf", 300))
    assert max(im.size) == 300 and im.mode == "RGB"
    assert (im.width > im.height) == (upright["height"] > upright["width"])  # on its side, as a reader sees it
    assert scale == pytest.approx(300 / max(upright["width"], upright["height"]))
    (tmp_path / "many.pdf").write_bytes(hand_pdf(pages=MAX_PAGES + 1))
    with pytest.raises(PdfProblem, match="too_many_pages"):
        next(pages_seen(tmp_path / "many.pdf", 300))  # the budget, before any page is drawn


# ---------------------------------------------------------------- read by OCR: rendering finds what the eye sees


@pytest.fixture(scope="module")
def dossier(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf")
    folder = make(tmp, {f"{IP}/vector.pdf": (PDFS / "certificate.pdf").read_bytes(),
                        f"{IP}/strips.pdf": (PDFS / "strips.pdf").read_bytes(),
                        f"{IP}/turned.pdf": rotated("certificate.pdf"),
                        f"{IP}/under.pdf": (PDFS / "under_box.pdf").read_bytes(),
                        f"{IP}/on.pdf": (PDFS / "on_box.pdf").read_bytes()})
    return folder


def pdf_codes(folder: Path) -> dict[str, set[tuple[str, int | None]]]:
    report = json.loads(run("check", folder, "-f", "json", "--today", TODAY).stdout)
    out: dict[str, set] = {}
    for f in report["findings"]:
        if f["file"] and f["file"].endswith(".pdf"):
            out.setdefault(f["file"].split("/")[-1], set()).add((f["code"], f["page"]))
    return out


@pytest.mark.ocr
def test_rendered_pages_are_read_like_images(dossier):
    codes = pdf_codes(dossier)
    assert {("K101", 1), ("K102", 1), ("K103", 1)} <= codes["vector.pdf"]  # by the render and by the text layer
    assert {("K101", 1), ("K102", 1)} <= codes["strips.pdf"]              # the scan across its four strips
    assert ("O201", 1) in codes["turned.pdf"]                             # /Rotate 90: shown on its side
    assert ("K201", 1) in codes["under.pdf"] and ("K101", 1) not in codes["under.pdf"]
    assert not {c for c, _ in codes.get("on.pdf", set()) if c.startswith(("K1", "K2", "O", "L"))} - {"K204"}


@pytest.mark.ocr
def test_fix_leaves_no_leak_and_valid_upright_pdfs(dossier, tmp_path):
    out = tmp_path / "fixed"
    before = tree_digest(dossier)
    result = run("fix", dossier, "--out", out)
    assert tree_digest(dossier) == before
    assert "没有需要自动修改的文件" not in result.stdout and "去掉了文字层" in result.stdout
    left = pdf_codes(out)
    assert not {(name, c) for name, codes in left.items() for c, _ in codes
                if c.startswith(("K1", "K2", "O2", "F", "I"))}, left
    a4 = [(595.28, 841.89)]
    for name in ("vector.pdf", "strips.pdf", "turned.pdf", "under.pdf"):
        assert_valid_image_pdf(out / IP / name, a4)  # the turned page is upright (portrait) again
    report = json.loads((out / "fix-report.json").read_text(encoding="utf-8"))
    turned = next(c for c in report["changes"] if c["file"].endswith("turned.pdf"))
    assert {"do": "rotate", "pages": {"1": 270}, "degrees": 270} in turned["actions"]
