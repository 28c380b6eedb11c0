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

Budgets, checked before any page is decoded: MAX_PAGES pages, MAX_PAGE_SIDE points a side, PIXEL_LIMIT pixels an
embedded image. A file over budget is refused with a finding.
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
    is checked before any page is drawn; one page in memory at a time. For those who show pages (report/): they
    need not know PDFium."""
    doc = open_document(path)
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
        data = stream.get_object().get_data() if stream is not None else b""
    except Exception:
        return ""
    text = re.sub(r"<[^>]*>", " ", data[:200_000].decode("utf-8", "replace"))
    return " ".join(text.split())[:2000]


def _text_layer(path: Path) -> tuple[Any, list[str], bool]:
    """pypdf's reader, each page's text, and whether the file is encrypted (with an empty user password)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(path, strict=False)
            encrypted = reader.is_encrypted
            if encrypted and not reader.decrypt(""):
                raise PdfProblem("encrypted")
            texts = []
            for page in reader.pages:
                try:
                    texts.append(page.extract_text() or "")
                except Exception:  # a damaged content stream: no text, the page still counts
                    texts.append("")
        except PdfProblem:
            raise
        except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            raise PdfProblem("broken", f"{type(exc).__name__}: {exc}"[:200]) from None
        except Exception as exc:  # pypdf raises many kinds on hostile files; e.g. AES without `cryptography`
            from pypdf.errors import DependencyError

            code = "encrypted" if isinstance(exc, DependencyError) else "broken"
            raise PdfProblem(code, f"{type(exc).__name__}: {exc}"[:200]) from None
    return reader, texts, encrypted


def inspect_pdf(path: Path, ocr: bool = False) -> PdfFacts:
    from dossiercheck.inspect.image import ANALYSIS_SIDE, measure, read_safely
    from dossiercheck.inspect.ocr import REC_SIDE

    doc = open_document(path)
    try:
        check_budget(doc)
        if len(doc) == 0:
            raise PdfProblem("no_pages")
        reader, texts, encrypted = _text_layer(path)
        out: PdfFacts = {"pages": len(doc), "encrypted": encrypted, "text": texts,
                               "meta": metadata(doc, reader), "views": []}
        if ocr:
            out["ocr"] = []
        for index in range(len(doc)):
            page = doc[index]
            width, height = page.get_size()
            im = render(page, page_scale(page, REC_SIDE if ocr else ANALYSIS_SIDE))
            analysis = im.copy()
            analysis.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE))
            view: PdfView = {"page": index + 1, "width": round(width, 2), "height": round(height, 2),
                    "rotate": page.get_rotation(), "analysed": list(analysis.size), "quality": measure(analysis),
                    "scan_dpi": scan_dpi(page)}
            if ocr:
                out["ocr"].append(read_safely(im, {"width": width, "height": height}, page=index + 1))
            view["hidden"] = hidden_text(page)  # last: it turns the page's text invisible
            out["views"].append(view)
            page.close()  # one page in memory at a time
    except _pdfium()[0].PdfiumError as exc:  # a page PDFium cannot load
        raise PdfProblem("broken", str(exc)[:200]) from None
    finally:
        doc.close()
    return out
