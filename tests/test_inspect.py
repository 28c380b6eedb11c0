"""File inspection on real files: true format, integrity, EXIF orientation, legibility, the photo, duplicates,
the cache and the process pool. Every malformed file is made here by the test; the run must finish with a finding
for it, and the dossier must be unchanged afterwards."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageEnhance, ImageFilter

from conftest import DEMO_OK, make_dossier, tree_digest
from dossiercheck.cache import FactsCache
from dossiercheck.engine import Options, check_dossier, evaluate, prepare
from dossiercheck.inspect import inspect_dossier

PAGE = DEMO_OK / "18-个人工作总结/个人工作总结.jpg"       # a sharp A4 text page, 150 dpi
CERT = DEMO_OK / "14-继续教育-公需科目/2019公需科目.jpg"  # a sparse certificate page
PHOTO = DEMO_OK / "02-一寸照片/一寸照片.jpg"


def jpeg_bytes(im: Image.Image, **kw) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", **{"quality": 80, **kw})
    return buf.getvalue()


def page() -> Image.Image:
    return Image.open(PAGE).convert("RGB")


def make(tmp_path: Path, files: dict[str, bytes]) -> Path:
    """A dossier of demo-ok's profile and the given files."""
    return make_dossier(tmp_path, files, DEMO_OK)


def found(folder: Path, select: str = "F,I,L,O,C", jobs: int = 1, use_cache: bool = False):
    options = Options(select=select.split(","), jobs=jobs, use_cache=use_cache)
    result = check_dossier(folder, options)
    return {(f.file, f.code) for f in result.findings if f.file}, result


def evidence(result, code: str) -> dict:
    return next(f.evidence for f in result.findings if f.code == code)


# ---------------------------------------------------------------- format


def encoded(fmt: str) -> bytes:
    im = page().resize((1240, 1754))
    buf = io.BytesIO()
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    im.save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt,kind", [("PNG", "png"), ("BMP", "bmp"), ("GIF", "gif"), ("WEBP", "webp"),
                                      ("TIFF", "tiff"), ("HEIF", "heic")])
def test_non_jpeg_named_jpg_is_found_by_its_bytes(tmp_path, fmt, kind):
    folder = make(tmp_path, {"08-代表作品/作品.jpg": encoded(fmt)})
    codes, result = found(folder, "F")
    assert codes == {("08-代表作品/作品.jpg", "F101"), ("08-代表作品/作品.jpg", "F102")}
    assert evidence(result, "F101")["kind"] == kind


def test_honest_png_is_still_not_a_jpeg(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.png": encoded("PNG")})
    assert found(folder, "F")[0] == {("08-代表作品/作品.png", "F101")}


def test_jpeg_named_png_is_only_an_extension_problem(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.png": PAGE.read_bytes()})
    assert found(folder, "F")[0] == {("08-代表作品/作品.png", "F102")}


def pdf_bytes(pages: int = 1, password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pdf_where_jpg_is_required_and_jpg_where_pdf_is(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.pdf": pdf_bytes(), "10-知识产权/专利.jpg": PAGE.read_bytes(),
                             "10-知识产权/专利证书.pdf": pdf_bytes()})
    codes, result = found(folder, "F")
    assert codes == {("08-代表作品/作品.pdf", "F101"), ("10-知识产权/专利.jpg", "F101")}


def test_office_documents_archives_and_text(tmp_path):
    import zipfile

    docx, archive = io.BytesIO(), io.BytesIO()
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.jpg", PAGE.read_bytes())
    folder = make(tmp_path, {"18-个人工作总结/总结.docx": docx.getvalue(), "18-个人工作总结/总结.jpg": docx.getvalue(),
                             "08-代表作品/作品.zip": archive.getvalue(), "08-代表作品/说明.txt": "说明".encode(),
                             "08-代表作品/作品.jpg": b"GARBAGE!" * 100})
    codes = found(folder, "F")[0]
    assert codes == {("18-个人工作总结/总结.docx", "F103"), ("18-个人工作总结/总结.jpg", "F103"),
                     ("08-代表作品/作品.zip", "F105"), ("08-代表作品/说明.txt", "F106"),
                     ("08-代表作品/作品.jpg", "F106")}


def test_cmyk_jpeg_is_a_warning(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.jpg": jpeg_bytes(page().convert("CMYK"))})
    codes, result = found(folder, "F")
    assert codes == {("08-代表作品/作品.jpg", "F104")}
    assert result.passed


# ---------------------------------------------------------------- integrity


@pytest.mark.parametrize("fraction", [0.02, 0.3, 0.6, 0.95])
def test_truncated_jpeg_at_several_offsets(tmp_path, fraction):
    data = PAGE.read_bytes()
    folder = make(tmp_path, {"08-代表作品/作品.jpg": data[: int(len(data) * fraction)]})
    assert found(folder, "I")[0] == {("08-代表作品/作品.jpg", "I102")}


@pytest.mark.parametrize("where", [0.5, 0.001], ids=["body", "header"])
def test_corrupt_jpeg(tmp_path, where):
    import random

    data = bytearray(PAGE.read_bytes())
    start = max(int(len(data) * where), 180)  # past the SOI marker: bit rot, not a wrong type
    data[start: start + 3000] = random.Random(1).randbytes(3000)
    folder = make(tmp_path, {"08-代表作品/作品.jpg": bytes(data)})
    assert ("08-代表作品/作品.jpg", "I102") in found(folder, "I")[0]


def test_zero_byte_file(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.jpg": b""})
    assert found(folder, "I,F")[0] == {("08-代表作品/作品.jpg", "I101")}


def png_with_size(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b"")


def jpeg_with_size(width: int, height: int) -> bytes:
    data = bytearray(jpeg_bytes(Image.new("RGB", (64, 64), "white")))
    sof = data.index(b"\xff\xc0")
    data[sof + 5: sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


@pytest.mark.parametrize("data", [png_with_size(60000, 60000), jpeg_with_size(65000, 65000)], ids=["png", "jpeg"])
def test_decompression_bomb_is_refused_without_decoding(tmp_path, data):
    folder = make(tmp_path, {"08-代表作品/作品.jpg": data})
    assert ("08-代表作品/作品.jpg", "I103") in found(folder, "I")[0]


def test_corrupt_exif_is_a_warning_and_the_image_still_opens(tmp_path):
    data = jpeg_bytes(page())
    seg = b"Exif\x00\x00II*\x00\xff\xff\x00\x00" + b"\x01" * 20
    broken = data[:2] + b"\xff\xe1" + struct.pack(">H", len(seg) + 2) + seg + data[2:]
    folder = make(tmp_path, {"08-代表作品/作品.jpg": broken})
    assert found(folder, "I,L")[0] == {("08-代表作品/作品.jpg", "I109")}


def test_pdf_problems(tmp_path):
    good = pdf_bytes()
    broken_xref = good.replace(b"startxref", b"startxref\n999999\n%") if b"startxref" in good else good
    folder = make(tmp_path, {
        "10-知识产权/加密.pdf": pdf_bytes(password="secret"),
        "10-知识产权/无页.pdf": pdf_bytes(pages=0),
        "10-知识产权/坏的.pdf": b"%PDF-1.7\n" + os.urandom(2000),
        "10-知识产权/xref.pdf": broken_xref,
        "10-知识产权/好的.pdf": good,
    })
    codes = found(folder, "I,F")[0]
    assert {("10-知识产权/加密.pdf", "I104"), ("10-知识产权/无页.pdf", "I106"), ("10-知识产权/坏的.pdf", "I105")} <= codes
    assert not {c for c in codes if c[0] == "10-知识产权/好的.pdf"}
    assert {c[1] for c in codes if c[0] == "10-知识产权/xref.pdf"} <= {"I105"}  # recovered, or reported


def test_file_that_vanishes_during_the_run(tmp_path):
    folder = make(tmp_path, {"08-代表作品/作品.jpg": PAGE.read_bytes()})
    options = Options(select=["I"], use_cache=False)
    ctx = prepare(folder, options)
    (folder / "08-代表作品/作品.jpg").unlink()
    ctx.facts = inspect_dossier(ctx, jobs=1, use_cache=False)
    assert {(f.file, f.code) for f in evaluate(ctx, options).findings} == {("08-代表作品/作品.jpg", "I107")}


def test_symlink_outside_the_dossier_is_not_followed(tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(PAGE.read_bytes())
    folder = make(tmp_path, {})
    (folder / "08-代表作品").mkdir()
    os.symlink(outside, folder / "08-代表作品/作品.jpg")
    assert found(folder, "I")[0] == {("08-代表作品/作品.jpg", "I108")}


def test_fifo_is_not_read(tmp_path):
    folder = make(tmp_path, {})
    (folder / "08-代表作品").mkdir()
    os.mkfifo(folder / "08-代表作品/作品.jpg")
    assert found(folder, "I")[0] == {("08-代表作品/作品.jpg", "I107")}


# ---------------------------------------------------------------- orientation


@pytest.mark.ocr
@pytest.mark.parametrize("tag,rotation", [(3, 180), (6, 90), (8, 270)])
def test_exif_orientation(tmp_path, tag, rotation):
    exif = Image.Exif()
    exif[0x0112] = tag
    folder = make(tmp_path, {"08-代表作品/作品.jpg": jpeg_bytes(page(), exif=exif)})
    codes, result = found(folder, "O")
    assert codes == {("08-代表作品/作品.jpg", "O101")}
    assert evidence(result, "O101")["rotation"] == rotation
    # the pixels are upright (the text says so): fix only drops the tag
    assert (evidence(result, "O101")["turn"], evidence(result, "O101")["mirror"]) == (0, False)


@pytest.mark.ocr
def test_orientation_tag_1_is_fine(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 1
    folder = make(tmp_path, {"08-代表作品/作品.jpg": jpeg_bytes(page(), exif=exif)})
    assert found(folder, "O")[0] == set()


# ---------------------------------------------------------------- legibility


def test_sharp_pages_pass_and_degraded_pages_are_found(tmp_path):
    p = page()
    folder = make(tmp_path, {
        "08-代表作品/清晰.jpg": PAGE.read_bytes(),
        "08-代表作品/证书.jpg": CERT.read_bytes(),
        "08-代表作品/清晰300dpi.jpg": jpeg_bytes(p.resize((2480, 3508), Image.LANCZOS)),
        "08-代表作品/模糊.jpg": jpeg_bytes(p.filter(ImageFilter.GaussianBlur(4))),
        "08-代表作品/模糊300dpi.jpg": jpeg_bytes(p.resize((2480, 3508)).filter(ImageFilter.GaussianBlur(8))),
        "08-代表作品/低分辨率.jpg": jpeg_bytes(p.resize((620, 877))),
        "08-代表作品/空白.jpg": jpeg_bytes(Image.new("RGB", (1240, 1754), (250, 250, 248))),
        "08-代表作品/太暗.jpg": jpeg_bytes(ImageEnhance.Brightness(p).enhance(0.3)),
        "08-代表作品/发灰.jpg": jpeg_bytes(ImageEnhance.Contrast(p).enhance(0.2)),
    })
    codes = found(folder, "L")[0]
    assert codes == {("08-代表作品/模糊.jpg", "L102"), ("08-代表作品/模糊300dpi.jpg", "L102"),
                     ("08-代表作品/低分辨率.jpg", "L101"), ("08-代表作品/空白.jpg", "L103"),
                     ("08-代表作品/太暗.jpg", "L104"), ("08-代表作品/发灰.jpg", "L105")}


def test_size_budgets_come_from_the_checklist(tmp_path):
    from conftest import REPO

    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    text = text.replace("  min_dpi: 150\n", "  min_dpi: 150\n  max_bytes: 100000\n  max_pixels: 1000000\n", 1)
    checklist = tmp_path / "small.yaml"
    checklist.write_text(text, encoding="utf-8")
    folder = make(tmp_path, {"08-代表作品/作品.jpg": jpeg_bytes(page(), quality=95)})
    options = Options(checklist=str(checklist), select=["L"], use_cache=False)
    codes = {(f.file, f.code) for f in check_dossier(folder, options).findings}
    assert codes == {("08-代表作品/作品.jpg", "L106"), ("08-代表作品/作品.jpg", "L107")}


# ---------------------------------------------------------------- photo and duplicates


def test_the_photo(tmp_path):
    colour = Image.open(PHOTO).convert("RGB")
    folder = make(tmp_path, {"02-一寸照片/照片.jpg": PHOTO.read_bytes()})
    assert found(folder, "C")[0] == set()
    for name, data, expected in [
        ("灰.jpg", jpeg_bytes(colour.convert("L")), {"C201"}),
        ("宽.jpg", jpeg_bytes(colour.resize((413, 295))), {"C202"}),
        ("文件.jpg", jpeg_bytes(page().resize((500, 700))), {"C203"}),
    ]:
        shutil.rmtree(folder / "02-一寸照片")
        folder = make(tmp_path, {f"02-一寸照片/{name}": data})
        assert {c for _, c in found(folder, "C")[0]} >= expected, name


@pytest.mark.ocr
def test_duplicate_files_name_each_other(tmp_path):
    data = PAGE.read_bytes()
    folder = make(tmp_path, {"08-代表作品/a.jpg": data, "21-其他证明材料/b.jpg": data})
    codes, result = found(folder, "C3")  # C3: duplicates only (the page is also misfiled in both folders: C102)
    # in two slots: said of the copy in the wrong one (issue 20), naming the other
    assert codes == {("21-其他证明材料/b.jpg", "C302")}
    assert evidence(result, "C302")["same_as"] == "08-代表作品/a.jpg"


# ---------------------------------------------------------------- cache, pool, safety


def all_facts(folder: Path, jobs: int, use_cache: bool):
    ctx = prepare(folder, Options())
    return inspect_dossier(ctx, jobs=jobs, use_cache=use_cache)


@pytest.mark.ocr
def test_pool_and_serial_give_the_same_facts(tmp_path):
    folder = make(tmp_path, {f"08-代表作品/{i}.jpg": p.read_bytes()
                             for i, p in enumerate(sorted((DEMO_OK / "17-年度考核表").glob("*.jpg")))})
    assert all_facts(folder, 1, False) == all_facts(folder, 2, False)


@pytest.mark.ocr
def test_cache_reuses_facts_and_reinspects_only_changed_files(tmp_path, monkeypatch):
    import dossiercheck.inspect as inspect_mod

    folder = make(tmp_path, {"08-代表作品/a.jpg": PAGE.read_bytes(), "08-代表作品/b.jpg": CERT.read_bytes()})
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    first = all_facts(folder, 1, True)
    seen = []
    real = inspect_mod.inspect_file
    monkeypatch.setattr(inspect_mod, "inspect_file", lambda task: seen.append(task.rel) or real(task))
    assert all_facts(folder, 1, True) == first and seen == []
    (folder / "08-代表作品/b.jpg").write_bytes(jpeg_bytes(page().filter(ImageFilter.GaussianBlur(4))))
    all_facts(folder, 1, True)
    assert seen == ["08-代表作品/b.jpg"]
    all_facts(folder, 1, False)  # --no-cache inspects everything
    assert sorted(seen[1:]) == ["08-代表作品/a.jpg", "08-代表作品/b.jpg"]


@pytest.mark.ocr
def test_cache_is_private_and_can_be_cleared(tmp_path, monkeypatch):
    from conftest import run

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = make(tmp_path, {"08-代表作品/a.jpg": PAGE.read_bytes()})
    run("check", folder)
    root = tmp_path / "cache"
    assert (root.stat().st_mode & 0o777) == 0o700
    entries = list(root.rglob("*.json"))
    assert entries and all((e.stat().st_mode & 0o777) == 0o600 for e in entries)
    assert "1" in run("cache", "info").stdout
    run("cache", "clear")
    assert not list(root.rglob("*.json"))
    run("check", folder, "--no-cache")
    assert not list(root.rglob("*.json"))


def test_damaged_cache_entry_is_a_miss(tmp_path):
    cache = FactsCache(root=tmp_path)
    entry = {"ext": ".docx", "kind": "office", "ext_ok": True}  # the shape an inspection writes (see test_hostile)
    cache.put("ab" * 32, entry)
    assert cache.get("ab" * 32) == entry
    (tmp_path / "facts" / "ab" / f"{'ab' * 32}.json").write_text("{broken")
    assert cache.get("ab" * 32) is None


@pytest.mark.ocr
def test_malformed_dossier_run_finishes_and_changes_nothing(tmp_path):
    data = PAGE.read_bytes()
    folder = make(tmp_path, {
        "08-代表作品/截断.jpg": data[:5000], "08-代表作品/空.jpg": b"", "08-代表作品/炸弹.jpg": png_with_size(60000, 60000),
        "08-代表作品/假.jpg": b"not an image", "10-知识产权/坏.pdf": b"%PDF-1.4\n" + b"x" * 100,
        "10-知识产权/加密.pdf": pdf_bytes(password="pw"), "08-代表作品/好.jpg": data,
    })
    before = tree_digest(folder)
    codes, result = found(folder, "F,I,L,O,C", jobs=2)
    assert {c for _, c in codes} >= {"I101", "I102", "I103", "I104", "I105", "F106"}
    assert tree_digest(folder) == before
