"""PDF facts: the pages as a reader sees them, and the text layer as a second, independent source.

Every page is rendered by PDFium (pypdfium2: /Rotate, the crop box, vector text, images split into strips all as a
viewer shows them) and goes through the same inspection as an image: quality measures for legibility and, when
asked, the OCR reader (orientation, name and unit). Separately, pypdf extracts the text layer (K103), and the
layer is compared with what a reader sees: each character of PDFium's text page is looked for in two renders, with
and without the text drawn. A character that changes no pixel is hidden from the reader; where the page shows a flat
area there, it lies under an opaque box (dark) or is white on white (light); a character off the rendered area lies
outside the crop box. Text drawn in an invisible render mode is a scan's OCR layer, read from the image it lies on:
it is not compared (the name in it is still found by K103); nor are punctuation, or single hidden characters.

Coordinates: every box of a PDF page (OCR lines, hidden text) is in points (1/72 in) of the page as displayed
(rotated and cropped), origin at the top left.

Budgets, checked before any page is decoded: MAX_PAGES pages as either parser counts them (PDFium reads /Count,
pypdf walks every leaf of the page tree), MAX_PAGE_SIDE points a side, PIXEL_LIMIT pixels an embedded image,
MAX_CONTENT bytes of drawing operators a page (its content streams and every form it draws, as often as it draws
it: ten forms each drawing the next ten times are 10⁷ draws in 3 KB), MAX_XMP bytes of metadata inflated. Streams
are inflated with a cap, never whole. A file over budget is refused with a finding. All of it, PDFium and pypdf,
runs in a guarded child process (inspect/guard.py: a memory limit, a time budget per page and per file), so a
file that still costs too much is a finding (``too_complex``) and the run goes on.
"""

from __future__ import annotations

import ctypes
import logging
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from dossiercheck.facts import HiddenRun, PdfFacts, PdfView

if TYPE_CHECKING:
    from PIL import Image


class PdfProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


MAX_PAGES = 300        # a dossier's PDF has a handful of pages; a 5000-page file is refused, not read
MAX_PAGE_SIDE = 14400  # points: 200 inches, the largest page Acrobat makes; a 35000-pt page is refused
LAYER_SIDE = 1400      # long side, in pixels, of the two renders compared for hidden text (about 120 dpi on A4)
INK_DIFF = 40          # a grey level change this large means the character drew a pixel
FLAT_RANGE = 40        # a hidden character's area whose grey values spread less than this is flat (a box, paper)
MAX_RUNS = 20          # hidden-text runs kept per page
MIN_RUN = 2            # a lone hidden letter says nothing (and thin glyphs fool the comparison); a name has two
INVISIBLE_MODES = (3, 7)  # text render modes that draw nothing (7 also clips)
META_KEYS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer")
MAX_CONTENT = 32 << 20  # drawing operators a page may hold, forms expanded (a dense born-digital page has < 1 MB)
MAX_XMP = 200_000       # metadata bytes read (the text kept is 2000 characters)
MAX_META = 16 << 20     # an XMP packet larger than this is refused (a real one is a few KB; with a thumbnail, 1 MB)
GUARDED = "dossiercheck.inspect.pdf"


def _pdfium():
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    return pdfium, raw


def open_document(path: Path):
    """The PDFium document; PdfProblem('encrypted' | 'broken') when it does not open."""
    pdfium, raw = _pdfium()
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise PdfProblem("encrypted") from None
        _, texts, _ = _text_layer(path)  # pypdf names the problem more precisely (no pages, encrypted) or raises
        raise PdfProblem("no_pages" if not texts else "broken", str(exc)[:200]) from None


def check_budget(doc: Any) -> None:
    """Refuse a file before decoding anything: too many pages, a page too large, an embedded image too large."""
    from dossiercheck.inspect.image import PIXEL_LIMIT

    _, raw = _pdfium()
    count = len(doc)
    if count > MAX_PAGES:
        raise PdfProblem("too_many_pages", str(count))
    for index in range(count):
        width, height = doc.get_page_size(index)
        if max(width, height) > MAX_PAGE_SIDE:
            raise PdfProblem("page_too_large", f"{round(width)}×{round(height)}")
    for index in range(count):
        page = doc[index]
        for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
            try:
                w, h = obj.get_px_size()
            except Exception:  # an image PDFium cannot size is left to the renderer, which skips it
                continue
            if w * h > PIXEL_LIMIT:
                raise PdfProblem("bomb", f"{w}×{h}")


def page_scale(page: Any, side: int) -> float:
    """Pixels per point that make the page's long side ``side`` pixels."""
    width, height = page.get_size()
    return side / max(width, height, 1.0)


def render(page: Any, scale: float, grey: bool = False):
    """The page as displayed (its /Rotate and crop box applied), as a PIL image on white."""
    return page.render(scale=scale, grayscale=grey, fill_color=(255, 255, 255, 255), draw_annots=True).to_pil()


def pages_seen(path: Path, side: int) -> Iterator[tuple[Image.Image, float]]:
    """Each page of a PDF as a reader sees it (its /Rotate and crop box applied), as an RGB PIL image whose long side
    is ``side`` pixels, with its scale: pixels per point, so a box in the page's points (the facts' frame) times
    the scale is in the image's pixels. PdfProblem for a file that does not open or is over the page budget, which
    is checked before any page is drawn; drawn in the guarded child, one page at a time. For those who show pages
    (report/): they need not know PDFium."""
    yield from _guarded("_pages_work", str(path), side)


def _pages_work(path: str, side: int) -> Iterator[tuple[Image.Image, float]]:
    """In the guarded child: pages_seen's pages."""
    check_content(Path(path))
    doc = open_document(Path(path))
    try:
        check_budget(doc)
        for index in range(len(doc)):
            page = doc[index]
            scale = page_scale(page, side)
            image = render(page, scale).convert("RGB")
            page.close()
            yield image, scale
    finally:
        doc.close()


def _guarded(work: str, *args: Any) -> Iterator[Any]:
    """``work`` run in the guarded child; a breach of its budget is the file's PdfProblem."""
    from dossiercheck.inspect.guard import Breach, guarded

    try:
        yield from guarded(f"{GUARDED}:{work}", *args)
    except Breach as exc:
        raise PdfProblem(exc.code, exc.detail) from None


def scan_dpi(page: Any) -> int | None:
    """Resolution of the scan on a page: over its images (strips included), the resolution that half the imaged area
    reaches; None unless images cover half the page (vector text renders sharp at any size; a small logo is no scan)."""
    _, raw = _pdfium()
    width, height = page.get_size()
    parts = []  # (dpi, area in points²)
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE]):
        try:
            px_w, px_h = obj.get_px_size()
            left, bottom, right, top = obj.get_bounds()
        except Exception:
            continue
        w_pt, h_pt = right - left, top - bottom
        if w_pt <= 0 or h_pt <= 0 or px_w <= 0 or px_h <= 0:
            continue
        # pixels over displayed inches, long side with long side (an image may be placed turned)
        dpi = min(max(px_w, px_h) / (max(w_pt, h_pt) / 72), min(px_w, px_h) / (min(w_pt, h_pt) / 72))
        parts.append((dpi, w_pt * h_pt))
    covered = sum(a for _, a in parts)
    if covered < 0.5 * width * height:
        return None
    acc = 0.0
    for dpi, area in sorted(parts):
        acc += area
        if acc >= covered / 2:
            return round(dpi)
    return None


def _to_device(page: Any, size: tuple[int, int]) -> np.ndarray:
    """The affine map from page space to the pixels of a render of ``size`` (rotation and crop box included), as a
    2×3 matrix; taken from PDFium at three far-apart points, since it only answers in whole pixels."""
    _, raw = _pdfium()
    span = 100_000.0
    out = []
    for px, py in ((0.0, 0.0), (span, 0.0), (0.0, span)):
        dx, dy = ctypes.c_int(), ctypes.c_int()
        raw.FPDF_PageToDevice(page.raw, 0, 0, size[0], size[1], 0, px, py, dx, dy)
        out.append((dx.value, dy.value))
    (x0, y0), (x1, y1), (x2, y2) = out
    return np.array([[(x1 - x0) / span, (x2 - x0) / span, x0], [(y1 - y0) / span, (y2 - y0) / span, y0]])


def hidden_text(page: Any) -> list[HiddenRun]:
    """Runs of text-layer characters a reader cannot see, with their kind and box (points, displayed frame).

    Kinds: ``covered`` (under a dark opaque area), ``invisible`` (white or invisible text on a light, flat area),
    ``outside`` (off the displayed page: outside the crop box)."""
    import cv2

    _, raw = _pdfium()
    textpage = page.get_textpage()
    count = textpage.count_chars()
    if count <= 0:
        return []
    scale = page_scale(page, LAYER_SIDE)
    seen = np.asarray(render(page, scale, grey=True), dtype=np.int16)
    ocr_layer = set()  # text drawn invisibly on purpose: a scan's OCR layer, read from the image it lies on
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_TEXT]):
        if raw.FPDFTextObj_GetTextRenderMode(obj.raw) in INVISIBLE_MODES:
            ocr_layer.add(_address(obj.raw))
        raw.FPDFTextObj_SetTextRenderMode(obj.raw, raw.FPDF_TEXTRENDERMODE_INVISIBLE)
    bare = np.asarray(render(page, scale, grey=True), dtype=np.int16)
    height, width = seen.shape
    # pixels the text drew, summed over any box in constant time
    drawn = cv2.integral((np.abs(seen - bare) > INK_DIFF).astype(np.uint8))
    matrix = _to_device(page, (width, height))
    text = textpage.get_text_range(0, count)
    runs: list[HiddenRun] = []
    last = None  # kind of the previous character when it was hidden and counted in the last run
    for i in range(count):
        ch = text[i] if i < len(text) else ""
        if not ch.isalnum() or raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue  # spaces, punctuation and rules: too thin to judge, and no name is made of them
        if ocr_layer and _address(raw.FPDFText_GetTextObject(textpage.raw, i)) in ocr_layer:
            last = None
            continue
        left, bottom, right, top = textpage.get_charbox(i)
        if right - left < 0.3 or top - bottom < 0.3:
            continue
        xs, ys = matrix @ np.array([[left, right, left, right], [bottom, bottom, top, top], [1.0, 1.0, 1.0, 1.0]])
        x0, y0, x1, y1 = int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max()))
        cx0, cy0, cx1, cy1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
        if cx1 <= cx0 or cy1 <= cy0 or (cx1 - cx0) * (cy1 - cy0) < 0.5 * max(1, (x1 - x0) * (y1 - y0)):
            kind = "outside"
        else:
            if drawn[cy1, cx1] - drawn[cy0, cx1] - drawn[cy1, cx0] + drawn[cy0, cx0] >= 2:
                last = None
                continue  # the reader sees this character
            here = seen[cy0:cy1, cx0:cx1]
            if int(here.max()) - int(here.min()) >= FLAT_RANGE:
                last = None
                continue  # drawn over the page's own ink (an OCR layer on a scan): the reader sees it there
            kind = "covered" if float(here.mean()) < 128 else "invisible"
        box = [x0 / scale, y0 / scale, x1 / scale, y1 / scale]
        if last == kind:
            run = runs[-1]
            run["bbox"] = [min(run["bbox"][0], box[0]), min(run["bbox"][1], box[1]),
                           max(run["bbox"][2], box[2]), max(run["bbox"][3], box[3])]
            run["chars"] += 1
        elif len(runs) < MAX_RUNS:
            runs.append({"kind": kind, "bbox": box, "chars": 1, "first": ch})
            last = kind
        else:
            last = None
    textpage.close()
    runs = [r for r in runs if r["chars"] >= MIN_RUN]
    for run in runs:
        run["bbox"] = [round(v, 1) for v in run["bbox"]]
    return runs


def _address(pointer: Any) -> int | None:
    return ctypes.cast(pointer, ctypes.c_void_p).value


def metadata(doc: Any, reader: Any) -> dict[str, str]:
    """The document's /Info strings and its XMP packet's text (where a name or unit may hide)."""
    out: dict[str, str] = {}
    for key in META_KEYS:
        try:
            value = doc.get_metadata_value(key)
        except Exception:
            continue
        if value:
            out[key] = value[:500]
    xmp = _xmp(reader)
    if xmp:
        out["XMP"] = xmp
    return out


def _xmp(reader: Any) -> str:
    """The text of the catalog's /Metadata stream, tags stripped (pypdf reads it; PDFium does not expose it)."""
    try:
        stream = reader.trailer["/Root"].get("/Metadata")
        data = _inflated(stream.get_object(), MAX_XMP) if stream is not None else b""
    except Exception:
        return ""
    text = re.sub(r"<[^>]*>", " ", data[:MAX_XMP].decode("utf-8", "replace"))
    return " ".join(text.split())[:2000]


def _inflated(stream: Any, cap: int) -> bytes:
    """A stream's bytes, at most ``cap`` of them (plus one, to tell that there were more): Flate is inflated in
    steps and stopped at the cap; other filters are pypdf's (which caps each at 75 MB)."""
    import zlib

    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, list) else [filters] if filters is not None else []
    raw = stream._data  # the stored, still encoded bytes
    if not filters:
        return raw[:cap + 1]
    if [str(f) for f in filters] == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        try:
            return inflater.decompress(raw, cap + 1)
        except zlib.error:
            return b""
    return stream.get_data()[:cap + 1]


def _streams(value: Any) -> list[Any]:
    from pypdf.generic import ArrayObject

    value = value.get_object() if value is not None else None
    if isinstance(value, ArrayObject):
        return [v.get_object() for v in value]
    return [value] if value is not None else []


_DO = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


def _drawn(content: list[Any], resources: Any, sizes: dict[int, int], depth: int = 0) -> int:
    """Bytes of drawing operators ``content`` amounts to with every form XObject it draws expanded (a form drawn
    ten times counts ten times); stops early once over MAX_CONTENT."""
    total = 0
    forms = {}
    try:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        forms = {str(k)[1:]: v for k, v in (xobjects.get_object().items() if xobjects is not None else ())}
    except Exception:
        pass
    for stream in content:
        data = _inflated(stream, MAX_CONTENT)
        total += len(data)
        for name in _DO.findall(data) if forms else ():
            ref = forms.get(name.decode("latin-1"))
            if ref is None or total > MAX_CONTENT:
                continue
            key = getattr(ref, "idnum", None) or id(ref)
            if key not in sizes:
                form = ref.get_object()
                if form.get("/Subtype") != "/Form":
                    sizes[key] = 0  # an image: its pixels are held to PIXEL_LIMIT
                else:
                    sizes[key] = MAX_CONTENT + 1  # a form that draws itself (or nests past belief) is over budget
                    if depth < 30:
                        sizes[key] = _drawn([form], form.get("/Resources"), sizes, depth + 1)
            total += sizes[key]
        if total > MAX_CONTENT:
            break
    return total


def _leaves(reader: Any, limit: int) -> int:
    """Page-tree leaves pypdf would walk, counted up to ``limit`` + 1 (/Count may say 1 over 20,000 leaves)."""
    seen: set[int] = set()
    count = 0
    stack = [reader.trailer["/Root"]["/Pages"]]
    while stack and count <= limit:
        ref = stack.pop()
        key = getattr(ref, "idnum", None)
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
        node = ref.get_object()
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None:
            count += 1
        else:
            stack.extend(reversed(list(kids.get_object())))
    return count


def check_content(path: Path) -> None:
    """The budgets pypdf can check before PDFium opens the file (PDFium inflates the XMP packet as it opens it, and
    a page's content streams whole as it loads the page): page-tree leaves, the XMP packet's size, and the drawing
    operators of each page, forms expanded. A file pypdf cannot open is left to the parsers' own errors."""
    try:
        reader, _ = _open_reader(path)
        leaves = _leaves(reader, MAX_PAGES)
    except PdfProblem:
        return
    except Exception:
        return  # a tree pypdf cannot walk: its text layer says so
    if leaves > MAX_PAGES:
        raise PdfProblem("too_many_pages", f"{leaves - 1}+")
    try:
        meta = reader.trailer["/Root"].get("/Metadata")
        if meta is not None and len(_inflated(meta.get_object(), MAX_META)) > MAX_META:
            raise PdfProblem("too_complex", "metadata")
    except PdfProblem:
        raise
    except Exception:
        pass
    sizes: dict[int, int] = {}
    for index in range(leaves):
        try:
            page = reader.pages[index]
            drawn = _drawn(_streams(page.get("/Contents")), page.get("/Resources"), sizes)
        except Exception:
            continue  # a damaged page: the parsers' own errors say so
        if drawn > MAX_CONTENT:
            raise PdfProblem("too_complex", "content")


def _open_reader(path: Path) -> tuple[Any, bool]:
    """pypdf's reader and whether the file is encrypted (with an empty user password); PdfProblem if it does not
    open."""
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(path, strict=False)
            encrypted = reader.is_encrypted
            if encrypted and not reader.decrypt(""):
                raise PdfProblem("encrypted")
        except PdfProblem:
            raise
        except Exception as exc:
            raise _reader_problem(exc) from None
    return reader, encrypted


def _reader_problem(exc: Exception) -> PdfProblem:
    """pypdf raises many kinds on hostile files; e.g. AES without `cryptography` is an encrypted file."""
    from pypdf.errors import DependencyError

    code = "encrypted" if isinstance(exc, DependencyError) else "broken"
    return PdfProblem(code, f"{type(exc).__name__}: {exc}"[:200])


def _text_layer(path: Path) -> tuple[Any, list[str], bool]:
    """pypdf's reader, each page's text, and whether the file is encrypted (with an empty user password)."""
    reader, encrypted = _open_reader(path)
    try:
        return reader, [_page_text(page) for page in reader.pages], encrypted
    except Exception as exc:
        raise _reader_problem(exc) from None


def _page_text(page: Any) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return page.extract_text() or ""
        except Exception:  # a damaged content stream: no text, the page still counts
            return ""


def inspect_pdf(path: Path, ocr: bool = False) -> PdfFacts:
    """The facts of a PDF: drawn and parsed in the guarded child (``_inspect_work``), each page read here when
    ``ocr`` (the OCR engine stays in this process, loaded once)."""
    from dossiercheck.inspect.image import read_safely

    frames = _guarded("_inspect_work", str(path), ocr)
    out: PdfFacts = next(frames)
    if ocr:
        out["ocr"] = []
    for view, text, size, image in frames:
        if text is not None:
            out["text"].append(text)
        if view is None:  # a page pypdf sees beyond PDFium's count: only its text
            continue
        if ocr:
            out["ocr"].append(read_safely(image, {"width": size[0], "height": size[1]}, page=view["page"]))
        out["views"].append(view)
    return out


def _inspect_work(path: str, ocr: bool) -> Iterator[Any]:
    """In the guarded child: first the file's facts without pages, then each page's (view, text, size in points,
    the image to read or None)."""
    from dossiercheck.inspect.image import ANALYSIS_SIDE, measure
    from dossiercheck.inspect.ocr import REC_SIDE

    check_content(Path(path))
    doc = open_document(Path(path))
    try:
        check_budget(doc)
        if len(doc) == 0:
            raise PdfProblem("no_pages")
        reader, encrypted = _open_reader(Path(path))
        try:
            texts = list(reader.pages)  # the leaves were counted: at most MAX_PAGES
        except Exception as exc:
            raise _reader_problem(exc) from None
        yield {"pages": len(doc), "encrypted": encrypted, "text": [], "meta": metadata(doc, reader), "views": []}
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            im = render(page, page_scale(page, REC_SIDE if ocr else ANALYSIS_SIDE))
            analysis = im.copy()
            analysis.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE))
            view: PdfView = {"page": index + 1, "width": round(width, 2), "height": round(height, 2),
                    "rotate": page.get_rotation(), "analysed": list(analysis.size), "quality": measure(analysis),
                    "scan_dpi": scan_dpi(page)}
            view["hidden"] = hidden_text(page)  # last: it turns the page's text invisible
            page.close()  # one page in memory at a time
            text = _page_text(texts[index]) if index < len(texts) else None
            yield view, text, (width, height), im if ocr else None
        for extra in texts[len(doc):]:  # pages pypdf sees beyond PDFium's count: their text still counts
            yield None, _page_text(extra), None, None
    except _pdfium()[0].PdfiumError as exc:  # a page PDFium cannot load
        raise PdfProblem("broken", str(exc)[:200]) from None
    finally:
        doc.close()
