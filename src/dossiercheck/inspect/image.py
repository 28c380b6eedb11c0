"""Image facts: a full decode (at reduced scale: libjpeg still reads every byte, so truncation is caught) and
scale-normalised quality measures, taken on a grey copy whose long side is ANALYSIS_SIDE pixels."""

from __future__ import annotations

import threading
import warnings
from functools import cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from dossiercheck.facts import FileFacts, Frame, PageReading, turn_of
from dossiercheck.inspect import ocr as reader  # the reader never imports this module: no circle
from dossiercheck.samepage import fingerprint

# Pixels analysed on the long side. A 300-dpi A4 scan decodes at 1/4 scale (877 px) and still exceeds it.
ANALYSIS_SIDE = 800
# Refuse to decode past this many pixels (a decompression bomb or a mistaken 600-dpi poster scan).
PIXEL_LIMIT = 120_000_000
# A page read with no more characters than this is looked at for faces too: it may be a photo in the wrong place.
PHOTO_TEXT = 8

Image.MAX_IMAGE_PIXELS = None  # we check the declared size ourselves, before decoding
ORIENTATION_TAG = 0x0112


class ImageProblem(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code, self.detail = code, detail


@cache
def register_heif() -> None:
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # HEIC is still recognised by its bytes; it just cannot be measured
        pass


def _orientation(im: Image.Image) -> tuple[int | None, bool]:
    """EXIF orientation (None if absent) and whether the EXIF block could be read."""
    try:
        value = im.getexif().get(ORIENTATION_TAG)
    except Exception:  # Pillow raises many kinds on broken EXIF
        return None, False
    return (int(value) if isinstance(value, int) and 1 <= value <= 8 else None), True


def decode(path: Path, max_side: int | None = ANALYSIS_SIDE) -> tuple[Image.Image, FileFacts]:
    """Open and fully decode, reduced so the long side is about ``max_side`` (None: full size).

    Returns the decoded image (orientation as stored, not applied) and its header facts.
    """
    register_heif()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # Pillow only warns about a damaged EXIF block, on open or on read
        try:
            im = Image.open(path)
        except UnidentifiedImageError:
            raise ImageProblem("corrupt", "unidentified") from None
        except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:  # ValueError: e.g. a PNG
            raise ImageProblem("corrupt", str(exc)[:200]) from None                     # text chunk over the limit
        width, height = im.size
        if width * height > PIXEL_LIMIT:
            raise ImageProblem("bomb", f"{width}x{height}")
        orientation, exif_ok = _orientation(im)
    exif_ok = exif_ok and not any("EXIF" in str(w.message) for w in caught)
    info: FileFacts = {"width": width, "height": height, "mode": im.mode, "format": (im.format or "").lower(),
            "exif_orientation": orientation, "exif_ok": exif_ok,
            "dpi": [round(float(v)) for v in im.info["dpi"]] if "dpi" in im.info else None}
    if max_side and im.format == "JPEG":
        scale = max(width, height) / max_side
        im.draft(im.mode if im.mode in ("L", "RGB") else None, (int(width / scale), int(height / scale)))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im.load()
    except Image.DecompressionBombError as exc:
        raise ImageProblem("bomb", str(exc)) from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageProblem("truncated" if "truncated" in str(exc) else "corrupt", str(exc)) from None
    if im.mode in WIDE_MODES:
        im = to_8bit(im)
    if max_side and max(im.size) > max_side:
        im = im.copy()
        im.thumbnail((max_side, max_side), Image.BILINEAR)
    return im, info


WIDE_MODES = ("I;16", "I;16L", "I;16B", "I;16N", "I", "F")


def to_8bit(im: Image.Image) -> Image.Image:
    """A 16-bit (or 32-bit) greyscale image as 8-bit 'L', scaled: Pillow's own convert clips every value above 255
    to white, so a 16-bit scan would read as a blank page."""
    if im.mode.startswith("I;16"):
        return Image.fromarray((np.asarray(im).astype(np.uint16) >> 8).astype(np.uint8), "L")
    values = np.asarray(im, dtype=np.float32)
    top = float(values.max(initial=0))
    top = 65535.0 if top > 255 else (1.0 if im.mode == "F" and top <= 1.0 else 255.0)
    return Image.fromarray(np.clip(values * (255.0 / top), 0, 255).astype(np.uint8), "L")


def to_rgb(im: Image.Image) -> Image.Image:
    """Any image as RGB, high-bit greyscale scaled rather than clipped."""
    return (to_8bit(im) if im.mode in WIDE_MODES else im).convert("RGB")


def measure(im: Image.Image) -> dict[str, float]:
    """Quality measures on a decoded image, comparable across sizes and scanners.

    - paper (90th percentile) and median luminance, 0–255;
    - contrast: paper minus the darkest ink (0.5th percentile), so a page of sparse black text counts as contrasty;
    - ink: share of pixels clearly darker than the paper, relative to the contrast (a blank page has almost none,
      a faint or dark page still has its text);
    - sharpness: the strongest edges (99.5th percentile of |Laplacian|) relative to the contrast. Measured at a fixed
      analysis size it does not depend on the scan's resolution (same value at 150 and 300 dpi, see README);
      a sharp text page scores 3–5, Gaussian blur of 2 px at 150 dpi about 1.5, 3 px about 0.8;
    - colour: mean chroma (max − min of R, G, B), 0 for a grey image.
    """
    import cv2

    rgb = np.asarray(im.convert("RGB"))
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    darkest, median, paper = _percentiles(np.bincount(grey.ravel(), minlength=256), (0.5, 50, 90))
    contrast = float(paper - darkest)
    ink = float(np.mean(grey < paper - max(0.4 * contrast, 12.0)))  # relative: a faint page still has ink
    lap = np.abs(cv2.Laplacian(grey, cv2.CV_16S, ksize=3)).astype(np.int32)
    edge = _percentiles(np.bincount(lap.ravel()), (99.5,))[0]
    sharp = edge / max(contrast, 20.0)
    r, g, b = cv2.split(rgb)
    chroma = cv2.subtract(cv2.max(cv2.max(r, g), b), cv2.min(cv2.min(r, g), b))
    return {"paper": float(paper), "median": float(median), "contrast": round(contrast, 1),
            "ink": round(ink, 5), "sharpness": round(sharp, 3), "colour": round(float(chroma.mean()), 2)}


def _percentiles(histogram: np.ndarray, qs: tuple[float, ...]) -> list[float]:
    """Percentiles from a histogram of small integers: much faster than sorting the pixels."""
    cumulative = np.cumsum(histogram)
    total = cumulative[-1]
    return [float(np.searchsorted(cumulative, total * q / 100.0)) for q in qs]


_local = threading.local()


def _face_detector():
    """The face detector of this thread: OpenCV's cascade is not safe to share between threads (two Dask worker
    threads in one process found no face on an ID card that has one)."""
    import cv2

    detector = getattr(_local, "faces", None)
    if detector is None:
        detector = _local.faces = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    return detector


def count_faces(im: Image.Image) -> int:
    grey = np.asarray(ImageOps.exif_transpose(im).convert("L"))
    side = min(grey.shape)
    faces = _face_detector().detectMultiScale(grey, scaleFactor=1.1, minNeighbors=5,
                                              minSize=(side // 5, side // 5))
    return len(faces)


def face_rotation(im: Image.Image) -> tuple[int | None, int]:
    """For the photo: the clockwise turn (0/90/180/270) at which a face is found, and how many faces; None if none."""
    for rotation in (0, 90, 270, 180):
        turned = im.rotate(-rotation, expand=True) if rotation else im
        faces = count_faces(turned)
        if faces:
            return rotation, faces
    return None, 0


def inspect_image(path: Path, photo: bool, ocr: bool = False, marks: bool = False) -> FileFacts:
    """Header facts, quality measures, and, when asked, the page read by OCR or the face found; with ``marks``,
    the signature ink and red finger-print blobs (inspect/fields.py), measured while the image is open."""
    im, facts = decode(path, reader.REC_SIDE if ocr else ANALYSIS_SIDE)  # one decode serves both
    analysis = im
    if max(im.size) > ANALYSIS_SIDE:
        analysis = im.copy()
        analysis.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE), Image.BILINEAR)
    facts["analysed"] = list(analysis.size)
    facts["quality"] = measure(analysis)
    if photo:
        rotation, faces = face_rotation(analysis)
        facts["faces"] = faces
        facts["face_rotation"] = rotation
    elif ocr:
        facts["ocr"] = [read_safely(im, facts)]
        if sum(len(ln["t"]) for ln in facts["ocr"][0]["lines"]) <= PHOTO_TEXT:  # a page without text may be a photo
            facts["faces"] = face_rotation(analysis)[1]
        if marks and facts["ocr"][0].get("status") != "failed":
            facts["marks"] = _marks(im, facts["ocr"][0])
    facts["fingerprint"] = fingerprint(analysis, turn_of(facts))  # the same sheet twice (samepage.py)
    return facts


def _marks(im: Image.Image, reading: PageReading) -> dict:
    from dossiercheck.inspect.fields import page_marks

    return page_marks(np.asarray(im.convert("RGB")), reading)


def marks_of(path: Path, reading: PageReading) -> dict:
    """The handwritten marks (inspect/fields.py) of the page at ``path``, read earlier as ``reading``: measured on
    the image decoded as ``inspect_image`` decodes it for reading, so they are the marks it would have measured."""
    im, _ = decode(path, reader.REC_SIDE)
    return _marks(im, reading)


def read_safely(im: Image.Image, facts: FileFacts | Frame, page: int | None = None) -> PageReading:
    """OCR one page; an engine failure is a fact about this page, never a crash of the run."""
    try:
        result = reader.read_page(np.asarray(im.convert("RGB")))
        # the OCR copy may be smaller than the stored image: boxes map to the stored pixels
        factor = facts.get("width", im.width) / im.width
        result["frame"]["scale"] *= factor
        if "flat" in result:  # a flattened page: its corners too, in the stored pixels
            result["flat"]["quad"] = [[round(x * factor, 1), round(y * factor, 1)] for x, y in result["flat"]["quad"]]
        result["frame"].update(width=facts.get("width", im.width), height=facts.get("height", im.height))
    except Exception as exc:  # onnxruntime and OpenCV raise many kinds
        result = {"status": "failed", "detail": f"{type(exc).__name__}: {exc}"[:200], "lines": [], "rotation": None}
    result["page"] = page
    return result
