"""The facts the inspection hands to the checks: one file's facts, typed.

``inspect/`` writes them (plain JSON values: they are cached as JSON, see cache.py) and ``checks/``, ``fix`` and
``report/`` read them; neither side imports the other for their shape, both import it from here. The types are
TypedDicts, so the facts stay plain dicts (``facts["kind"]``, ``facts.get("ocr", [])``), and every key is optional
(``total=False``): a file that failed has ``ext`` and ``error`` only, a photo has no ``ocr``, a file not read by OCR
no ``fields``. tests/test_facts.py walks real inspections against these declarations, so a key the inspection adds
without declaring it here fails the suite.

A new inspector declares its keys here and bumps ``inspect.INSPECTOR_VERSION`` when the cached facts change shape.
A new field reader (inspect/readers/) needs neither: its fields are ``Field`` values, and its own ``VERSION`` keys
the cache.

Also here, for every layer: the EXIF orientation table and ``turn_of``, the one answer to "how far to turn this
file's stored pixels to make it upright".
"""

from __future__ import annotations

from typing import Any, TypedDict

Box = list[float]  # [x0, y0, x1, y1]


class FactError(TypedDict, total=False):
    """Why a file could not be inspected (cache.ERROR_CODES): the file's only facts besides ``ext``."""

    code: str
    detail: str


class Quality(TypedDict, total=False):
    """Quality measures of a page at the analysis size (inspect/image.py ``measure``)."""

    paper: float
    median: float
    contrast: float
    ink: float
    sharpness: float
    colour: float


class Line(TypedDict, total=False):
    """One line of text read off a page."""

    t: str               # the text
    s: float             # recognition confidence, 0–1 (1.0 for a PDF text layer's line)
    b: Box | None        # box in the upright page's frame (None for a text layer's line)
    paper: list[int]     # brightness behind each character slot (a see-through mask darkens it)


class Frame(TypedDict, total=False):
    """What a reading's boxes are measured against: box × scale is in the stored image's pixels (a PDF page's
    points), whose size is width × height."""

    scale: float
    width: float
    height: float


class Flat(TypedDict, total=False):
    """How a photographed page was straightened before it was read (inspect/flatten.py): its boxes are in a level
    frame of ``size`` pixels (before the 90° turn of ``rotation``), whose corners (top-left, top-right, bottom-right,
    bottom-left) lie at ``quad`` in the stored image (same units as Frame: pixels, a PDF page's points).
    geometry.stored_quad maps through them."""

    quad: list[list[float]]
    size: list[int]
    skew: float               # degrees of text skew undone (counter-clockwise as the eye sees it)
    sheet: bool               # the sheet was cut out of a darker background (a desk); False: only deskewed


class PageReading(TypedDict, total=False):
    """One page read by OCR (inspect/ocr.py ``read_page``), or the failure to read it."""

    page: int | None          # 1-based page of a PDF; None for an image
    rotation: int | None      # clockwise degrees that make the stored page upright; None: unknown
    confidence: float         # of the orientation, 0–1
    lines: list[Line]         # in reading order
    reading: float            # mean recognition confidence, per character
    paper: float              # the upright page's paper brightness
    rules: list[list[int]]    # ruling lines (table borders), upright frame
    frame: Frame
    flat: Flat                # set when the page was read straightened (a photographed page)
    status: str               # "failed" when the engine failed on this page (then ``detail``)
    detail: str


class HiddenRun(TypedDict, total=False):
    """A run of text-layer characters a reader of the PDF cannot see (inspect/pdf.py ``hidden_text``)."""

    kind: str    # "covered", "invisible" or "outside"
    bbox: Box    # points, displayed page
    chars: int
    first: str


class PdfView(TypedDict, total=False):
    """One PDF page as rendered."""

    page: int
    width: float              # points, as displayed
    height: float
    rotate: int               # the page's /Rotate
    analysed: list[int]       # pixel size of the analysis copy
    quality: Quality
    scan_dpi: int | None      # None: no scan covers half the page
    hidden: list[HiddenRun]


class PdfFacts(TypedDict, total=False):
    pages: int
    encrypted: bool
    text: list[str]             # the text layer, per page
    meta: dict[str, str]        # /Info strings and the XMP packet's text
    views: list[PdfView]
    ocr: list[PageReading]      # when read


class Field(TypedDict, total=False):
    """A value read off a page by a field reader (inspect/fields.py), with its provenance."""

    field: str
    value: Any
    read: str                # the text it came from
    bbox: Box | None         # upright page frame
    page: int | None
    conf: float
    subject: str | None      # hours: which subject they count for
    unit: str | None         # stated days: 工作日 (working days) or 天 (calendar days)


class Marks(TypedDict, total=False):
    """Marks on a commitment page: signature ink and red finger-print blobs."""

    colour: float
    red_blobs: list[list[int]] | None   # None: a greyscale scan, no verdict on red
    signature_ink: float
    signature_label: list[int]


class FileFacts(TypedDict, total=False):
    """Everything the inspection found about one file."""

    ext: str                   # the name's extension, lower case
    error: FactError           # set: the file could not be inspected, and little else is
    kind: str                  # what the bytes say (inspect/filetype.py)
    ext_ok: bool               # the extension names that kind
    sha256: str
    # images
    width: int
    height: int
    mode: str                  # Pillow's colour mode
    format: str
    exif_orientation: int | None
    exif_ok: bool
    dpi: list[int] | None
    analysed: list[int]
    quality: Quality
    faces: int
    face_rotation: int | None  # the photo: clockwise degrees at which a face is found
    ocr: list[PageReading]
    marks: Marks
    fingerprint: str           # perceptual hash of the upright page, hex (samepage.py: the same sheet twice)
    # PDFs
    pages: int
    pdf: PdfFacts
    # both, when the item reads fields
    fields: list[Field]
    # not inspected: the file's size, added by fix for its byte budget
    size: int


Facts = dict[str, FileFacts]  # by the file's path relative to the dossier

# EXIF orientation → (clockwise degrees that make the stored pixels upright, mirrored)
EXIF_TURN = {2: (0, True), 3: (180, False), 4: (180, True), 5: (90, True), 6: (90, False), 7: (270, True),
             8: (270, False)}


# The finding codes whose evidence carries ``turn_of``'s answer (``turn``, ``mirror``): fix turns, and the previews
# draw the turn, by exactly these (checks/orientation.py raises them).
TURN_CODES = ("O101", "O201")


def turn_of(facts: FileFacts) -> tuple[int, bool]:
    """Clockwise degrees that make an image's stored pixels upright, and whether to mirror them first: the content's
    verdict (the page's text, else the photo's face) when there is one, else the EXIF tag's."""
    content = (facts.get("ocr") or [{}])[0].get("rotation")
    if content is None:
        content = facts.get("face_rotation")
    if content is not None:
        return content, False
    return EXIF_TURN.get(facts.get("exif_orientation") or 1, (0, False))


def readings(facts: FileFacts) -> list[PageReading]:
    """Every page reading of a file: an image's one, or each read page of a PDF."""
    return [*facts.get("ocr", []), *(facts.get("pdf") or {}).get("ocr", [])]
