"""Reading a page: orientation from the content, and the text lines with their boxes. The one place that knows
the OCR engine (RapidOCR with onnxruntime; its PP-OCR models ship inside the wheel, nothing is downloaded).

The pipeline, chosen by measurement (benchmarks/bench_ocr.py, README "OCR speed"):

1. detect text lines on a copy whose long side is DET_SIDE pixels (4× fewer pixels than a 300-dpi page);
2. orientation: long line boxes that stand upright mean a page turned by 90° or 270°; the engine's 0/180 line
   classifier then votes on the longest lines of the page turned level; a weak vote is settled by recognising the
   first lines both ways round and keeping the more confident reading. Too few lines: "unknown", never a guess;
3. recognise every line from a copy whose long side is REC_SIDE pixels, long lines squeezed to SQUEEZE of their
   width (the recogniser still sees every character and runs twice as fast; short lines, where a name on its own
   often stands, are padded to a minimum width anyway and are never squeezed); a line read with doubt is read
   again at full width. A page read with low confidence (a blurred
   scan) keeps its text but its orientation is "unknown": a doubtful reading is not a verdict;
4. find the ruling lines (table borders) of the upright page, so that text is never joined across a cell border.

Boxes are kept in the upright frame of the page; ``to_original`` maps any part of them back to the pixels of the
file as stored, which is what findings report.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from functools import cache
from typing import Any

from dossiercheck.facts import PageReading
from dossiercheck.geometry import rows, to_original  # noqa: F401  (to_original: maps read_page's boxes)


class _Numpy:
    """numpy, imported on first use: the cache key (SETTINGS) is read from this module on every re-check, and a
    re-check answered from the cache reads no page and should not pay for numpy (README 性能)."""

    def __getattr__(self, name: str) -> Any:
        import numpy

        globals()["np"] = numpy
        return getattr(numpy, name)


np: Any = _Numpy()

DET_SIDE = 960
REC_SIDE = 1800
SQUEEZE = 0.5
CLS_LINES = 16        # longest lines the 0/180 classifier votes on
MIN_LINES = 2         # fewer long lines than this: orientation unknown
WEAK_VOTE = 0.6       # a classifier vote below this confidence is checked by recognition both ways
MIN_READING = 0.6     # mean recognition confidence below which the orientation is not trusted
MIN_RATIO = 320 / 48  # the recogniser pads every line to at least this width/height: squeezing below it saves nothing
REREAD_BELOW = 0.9    # a squeezed line read with less confidence is read again at full width
DATED = re.compile(r"\d\s*[年月日]|[年月]\s*\d")  # ... and so is a squeezed line with a date on it (the D checks'
SQUEEZED = 0.6        # periods, signing dates) narrowed to this share of its width or less (digits 12-18 px: two merge)
REREAD_SLACK = 0.05   # a longer reading (a dated line at full width, a line read cell by cell) wins unless this less sure
BORDER = 3            # pixels either side of a cell border left out when a line over two cells is read cell by cell
RULE_MIN = 0.05      # a ruling line (table border) is at least this fraction of the page's long side
FLATTEN = True        # straighten a photographed page before reading it (inspect/flatten.py)
SETTINGS = f"det{DET_SIDE}-rec{REC_SIDE}-sq{SQUEEZE}-re{REREAD_BELOW}-d{REREAD_SLACK}L-x{BORDER}-v4"  # part of the cache key


class OcrEngine:
    """What dossiercheck needs of an OCR engine. A stand-in for tests of rule logic implements the same three."""

    def detect(self, img: np.ndarray) -> list[np.ndarray]:
        """Text-line quadrilaterals (4×2 arrays, x/y in img pixels)."""
        raise NotImplementedError

    def classify(self, crops: list[np.ndarray]) -> list[tuple[int, float]]:
        """(0 or 180, confidence) for each line crop."""
        raise NotImplementedError

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        """(text, confidence) for each line crop."""
        raise NotImplementedError


def _offline(runtime: str) -> None:
    """onnxruntime (1.16+, Linux and macOS builds) reports usage to Microsoft (it looks up
    mobile.events.data.microsoft.com) and keeps a device id and an event database under
    ~/.cache/Microsoft/DeveloperTools/.onnxruntime, both started when the library is loaded. The tool promises not
    to touch the network: this switch is read at load time, so it is set before onnxruntime is imported (worker
    processes inherit it); the call turns events off too where the library was loaded by someone else first.
    OpenVINO sends events to Google Analytics through the openvino_telemetry package (installed with it, and
    imported when RapidOCR builds an OpenVINO stage) and keeps an id under ~/intel unless that package cannot be
    imported: it is made unimportable in this process. An OpenVINO engine does not load onnxruntime at all."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    sys.modules.setdefault("openvino_telemetry", None)  # type: ignore[assignment]
    if runtime == "onnxruntime" or "onnxruntime" in sys.modules:
        import onnxruntime

        onnxruntime.disable_telemetry_events()


@cache
def backend() -> str:
    """The inference runtime: OpenVINO where it is installed (a default dependency on x86-64, README 性能): the same
    models, read in the same 32-bit floating point, in about half of onnxruntime's CPU time; onnxruntime, which is
    always there, otherwise (ARM, or an install without OpenVINO)."""
    from importlib.util import find_spec

    return "openvino" if find_spec("openvino") is not None else "onnxruntime"


def backend_tag() -> str:
    """Part of the cache key: two runtimes may read a doubtful character differently. (-f32: OpenVINO's readings
    before its precision was pinned were bfloat16 ones on CPUs that have it, and are not reused.)"""
    return "" if backend() == "onnxruntime" else f"-{backend()}-f32"


# OpenVINO's CPU settings, the same on every machine: 32-bit floats (on a CPU with bfloat16 units, AMX or AVX512-BF16,
# it would otherwise compute in bfloat16 and read a few characters differently from an ordinary laptop and from
# onnxruntime); one stream of one request, for the latency of one page (the pool spreads the pages); no cache of
# compiled kernels per input shape (every page and line batch has its own shape: the cache only grew the memory);
# the compiled models kept in the tool's cache folder (CACHE_DIR, set by _compiled_our_way); no pinning of threads to
# cores (each pool worker pinned its one thread to the same first core: two workers shared one core, and a cold
# demo-ok check took 21-24 s instead of 16 s on two idle cores).
OPENVINO_CPU = {"INFERENCE_PRECISION_HINT": "f32", "PERFORMANCE_HINT": "LATENCY", "NUM_STREAMS": "1", "ENABLE_CPU_PINNING": "NO",
                "CPU_RUNTIME_CACHE_CAPACITY": "0"}


def engine_params(runtime: str, threads: int) -> dict[str, Any]:
    """RapidOCR's settings for our pipeline on ``runtime`` with ``threads`` inference threads (0: its default).
    onnxruntime's memory arena is off: it kept the largest buffers of every input shape it had seen (a worker's peak
    on ten demo pages 624 → 458 MB, the same readings, about the same speed; README 性能)."""
    from rapidocr import EngineType

    params: dict[str, Any] = {"Global.log_level": "error", "Det.limit_type": "max", "Det.limit_side_len": DET_SIDE,
                              "Rec.rec_batch_num": 8, "EngineConfig.onnxruntime.enable_cpu_mem_arena": False}
    if runtime == "openvino":
        for stage in ("Det", "Cls", "Rec"):
            params[f"{stage}.engine_type"] = EngineType.OPENVINO
        if threads:
            params["EngineConfig.openvino.inference_num_threads"] = threads
    elif threads:
        params["EngineConfig.onnxruntime.intra_op_num_threads"] = threads
    return params


def openvino_cpu(threads: int) -> dict[str, str]:
    """The properties each OpenVINO stage is compiled with (OPENVINO_CPU, and ``threads`` where given, at most one
    per core: ``--jobs 4`` on two cores reading one file must not ask for four)."""
    threads = min(threads, os.cpu_count() or threads)
    return {**OPENVINO_CPU, **({"INFERENCE_NUM_THREADS": str(threads)} if threads else {})}


@contextmanager
def _compiled_our_way(threads: int) -> Iterator[list[int]]:
    """While RapidOCR builds its OpenVINO stages, they are compiled with our CPU properties (openvino_cpu) and with
    the models compiled earlier on this computer (cache.FactsCache.engine_folder). RapidOCR hands OpenVINO only
    some CPU properties, those its config class (CPUConfig) picks out; that class is made to hand over all of ours.
    Each model is then compiled once, not twice, and loaded rather than compiled from a later run on (a worker's
    start: 0.7 s of CPU less for the second compile, 0.5 s less to load). The list yielded counts the stages so
    compiled; a RapidOCR that builds its stages another way leaves it short, and ``_compile_openvino`` does it."""
    from dossiercheck.cache import FactsCache

    built: list[int] = []
    try:
        from rapidocr.inference_engine.openvino.device_config import CPUConfig
    except ImportError:
        yield built
        return
    folder = FactsCache().engine_folder()
    ours = {**openvino_cpu(threads), **({"CACHE_DIR": str(folder)} if folder else {})}

    def get_config(self: Any) -> dict[str, str]:
        built.append(1)
        return ours

    from openvino import Core

    with _PATCHING:  # two threads building engines at once must not keep each other's stand-ins
        saved, compile_model = CPUConfig.get_config, Core.compile_model

        def in_turn(core: Any, *args: Any, **kwargs: Any) -> Any:  # one compile at a time: see _taking_turns
            with _taking_turns(folder):
                return compile_model(core, *args, **kwargs)

        CPUConfig.get_config, Core.compile_model = get_config, in_turn
        try:
            yield built
        finally:
            CPUConfig.get_config, Core.compile_model = saved, compile_model


@contextmanager
def _taking_turns(folder: Any) -> Iterator[None]:
    """OpenVINO's compiles that use the folder of compiled models take turns, across processes (an exclusive lock on
    the folder, held while OpenVINO compiles or loads one model: 0.05-0.08 s each once compiled). OpenVINO writes a
    model it compiled into the folder in place, while another worker may be loading that file mapped in memory:
    with eight workers on a first run, workers died of a bus error (6 runs in 7). No lock where the system has
    none (Windows: no fcntl) or where there is no folder."""
    try:
        import fcntl
    except ImportError:
        fcntl = None  # type: ignore[assignment]
    if fcntl is None or folder is None:
        yield
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        handle = None
    try:
        if handle is not None:
            with suppress(OSError):  # a network home folder may refuse locks (ENOLCK): build as before
                fcntl.flock(handle, fcntl.LOCK_EX)  # released when the handle is closed, or the process ends
        yield
    finally:
        if handle is not None:
            os.close(handle)


_PATCHING = threading.Lock()


@contextmanager
def _each_yaml_once() -> Iterator[None]:
    """Importing RapidOCR reads its model table (default_models.yaml, 85 KB) into an OmegaConf object twice, in two
    of its modules: 0.25 s of CPU each, paid by every worker. While it is imported, a file already read is handed
    out again (both modules only read it). Only then: the config RapidOCR reads for each engine is changed by it,
    and must be that engine's own."""
    try:
        from omegaconf import OmegaConf
    except ImportError:
        yield
        return
    read: dict[str, Any] = {}
    load = OmegaConf.load

    def once(file: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(file, (str, os.PathLike)):
            return load(file, *args, **kwargs)
        key = os.path.realpath(file)
        if key not in read:
            read[key] = load(file, *args, **kwargs)
        return read[key]

    with _PATCHING:
        OmegaConf.load = once  # type: ignore[method-assign]
        try:
            yield
        finally:
            OmegaConf.load = load  # type: ignore[method-assign]


def _compile_openvino(stage: Any, threads: int) -> None:
    """Compile a stage's model again with our CPU properties (where ``_compiled_our_way`` could not): its session
    keeps the model it read (``model``) and one infer request (``session``), replaced by one of the model compiled
    our way (0.25 s per model)."""
    import openvino

    session = stage.session
    session.session = openvino.Core().compile_model(session.model, "CPU", openvino_cpu(threads)).create_infer_request()


class RapidEngine(OcrEngine):
    def __init__(self, threads: int = 0, runtime: str = "onnxruntime") -> None:
        _offline(runtime)
        with _each_yaml_once():
            from rapidocr import RapidOCR

        self._ocr = RapidOCR(params=engine_params(runtime, threads))
        # one call at a time: each stage has one inference request, and a Dask worker may run several threads in
        # one process (the pool's workers run one; uncontended, the lock costs nothing)
        self._turn = threading.Lock()
        # The three stages are used one by one. RapidOCR builds each on its first use: one tiny call through its
        # public interface per stage builds them, and they are then its public text_det/text_cls/text_rec.
        blank = np.full((48, 160, 3), 255, np.uint8)
        with _compiled_our_way(threads) if runtime == "openvino" else nullcontext([]) as built:
            self._ocr(blank, use_det=False, use_cls=True, use_rec=True)
            self._ocr(blank, use_det=True, use_cls=False, use_rec=False)
        self._det, self._cls, self._rec = self._ocr.text_det, self._ocr.text_cls, self._ocr.text_rec
        if self._det is None or self._cls is None or self._rec is None:
            raise RuntimeError("RapidOCR did not build its detection, classification and recognition stages")
        if runtime == "openvino":
            for stage in (self._det, self._cls, self._rec):
                if len(built) != 3:
                    _compile_openvino(stage, threads)
                stage.session.model = None  # the model as read (its weights, 18 MB): compiled, it is not needed
            _trim()

    def detect(self, img: np.ndarray) -> list[np.ndarray]:
        with self._turn:
            out = self._det(img)
        return [] if out.boxes is None else [np.asarray(b, dtype=np.float32) for b in out.boxes]

    def classify(self, crops: list[np.ndarray]) -> list[tuple[int, float]]:
        if not crops:
            return []
        with self._turn:
            out = self._cls([c.copy() for c in crops])
        return [(int(label), float(score)) for label, score in out.cls_res]

    def recognize(self, crops: list[np.ndarray]) -> list[tuple[str, float]]:
        from rapidocr.ch_ppocr_rec import TextRecInput

        if not crops:
            return []
        with self._turn:
            out = self._rec(TextRecInput(img=crops))
        return [(str(t), float(s)) for t, s in zip(out.txts, out.scores, strict=True)]


_threads = 0  # onnxruntime threads per engine; 0: its own default


def use_threads(n: int) -> None:
    """How many threads the engine of this process may use: --jobs for one process, 1 in each pool worker (the
    pool spreads the work). Called before any page is read; an engine built with another count is rebuilt."""
    global _threads
    _threads = max(0, n)


def engine() -> OcrEngine:
    """The process's engine, built on first use (so commands that read no page never load onnxruntime)."""
    return _engine(_threads, backend())


@cache
def _engine(threads: int, runtime: str) -> OcrEngine:
    return RapidEngine(threads=threads, runtime=runtime)


def _trim() -> None:
    """Give the memory freed while the engine was built (the models as read, and RapidOCR's warm-up) back to the
    system: glibc keeps it in its heap otherwise. Linux only; elsewhere the C library is another."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _turn(img: np.ndarray, rotation: int) -> np.ndarray:
    """Turn an image ``rotation`` degrees clockwise."""
    return np.ascontiguousarray(np.rot90(img, k=-(rotation // 90))) if rotation else img


def _turn_quad(quad: np.ndarray, rotation: int, h: int, w: int) -> np.ndarray:
    x, y = quad[:, 0], quad[:, 1]
    if rotation == 90:
        return np.stack([h - 1 - y, x], axis=1)
    if rotation == 180:
        return np.stack([w - 1 - x, h - 1 - y], axis=1)
    if rotation == 270:
        return np.stack([y, w - 1 - x], axis=1)
    return quad


def _resize(img: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    import cv2

    h, w = img.shape[:2]
    factor = min(1.0, side / max(h, w))
    if factor == 1.0:
        return img, 1.0
    return cv2.resize(img, (max(1, int(w * factor)), max(1, int(h * factor))), interpolation=cv2.INTER_AREA), factor


def _squeezed(box: tuple[int, int, int, int]) -> bool:
    """Whether _crop narrows this line hard when it squeezes (to at most SQUEEZED of its width): a short line is
    narrowed little or not at all (never below the recogniser's minimum width), and keeps its digits."""
    x0, y0, x1, y1 = box
    return max(SQUEEZE, MIN_RATIO * (y1 - y0) / max(x1 - x0, 1)) <= SQUEEZED


def _extent(quad: np.ndarray) -> tuple[float, float]:
    """(horizontal, vertical) extent of a quadrilateral."""
    return float(np.ptp(quad[:, 0])), float(np.ptp(quad[:, 1]))


def _crop(img: np.ndarray, box: tuple[int, int, int, int], squeeze: float = 1.0,
          quad: np.ndarray | None = None) -> np.ndarray:
    """A line's pixels; with ``squeeze``, long lines are narrowed (never below the recogniser's minimum width).
    With ``quad`` (the line's detected quadrilateral, padded), the line is cut along it and straightened, as
    RapidOCR's own pipeline does: a line at a slant is not a slanted band mixed with parts of its neighbours."""
    import cv2

    if quad is not None and _slanted(quad):
        tl, tr, br, bl = quad
        w = int(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
        h = int(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
        rect = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        crop = cv2.warpPerspective(img, cv2.getPerspectiveTransform(np.float32(quad), rect), (max(w, 1), max(h, 1)),
                                   flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    else:
        x0, y0, x1, y1 = box
        crop = img[max(0, y0):y1, max(0, x0):x1]
    h, w = crop.shape[:2]
    factor = min(1.0, max(squeeze, MIN_RATIO * h / max(w, 1)))
    if factor < 1.0:
        crop = cv2.resize(crop, (max(8, int(w * factor)), h), interpolation=cv2.INTER_AREA)
    return crop


SLANT = 0.25  # a line whose far end is off the axes by more than this share of its height is cut along its quadrilateral


def _slanted(quad: np.ndarray) -> bool:
    """Whether a line's quadrilateral is off the axes by more than SLANT of its height at its far end. Less, and its
    padded box holds it whole without a neighbour's strokes: the box will do, and it reads a scan as it always did
    (cut along a quadrilateral 0.3° off, a scanned 公示's masked ID number lost a digit)."""
    tl, tr, br, bl = quad
    height = float(np.linalg.norm(bl - tl))
    return abs(float(tr[1] - tl[1])) > SLANT * height or abs(float(bl[0] - tl[0])) > SLANT * height


def _padded(quad: np.ndarray, pad: float = 0.12) -> np.ndarray:
    """A line's quadrilateral in reading order (top-left, top-right, bottom-right, bottom-left), grown by ``pad`` of
    its height on every side (as ``_boxes`` grows the boxes)."""
    from dossiercheck.inspect import flatten  # numpy at import: only when a page is read, never on a cached re-check

    tl, tr, br, bl = flatten.order(quad)
    along = (tr - tl) / max(float(np.linalg.norm(tr - tl)), 1e-6)
    down = (bl - tl) / max(float(np.linalg.norm(bl - tl)), 1e-6)
    p = pad * max(float(np.linalg.norm(bl - tl)), float(np.linalg.norm(br - tr)))
    return np.float32([tl - p * (along + down), tr + p * (along - down), br + p * (along + down),
                       bl - p * (along - down)])


def _boxes(quads: list[np.ndarray], pad: float = 0.12) -> list[tuple[int, int, int, int]]:
    out = []
    for q in quads:
        x0, y0 = q.min(axis=0)
        x1, y1 = q.max(axis=0)
        p = (y1 - y0) * pad
        out.append((int(x0 - p), int(y0 - p), int(x1 + p) + 1, int(y1 + p) + 1))
    return out


def _paper_behind(grey: np.ndarray, box: tuple[int, int, int, int], n: int) -> list[int]:
    """Brightness behind each of ``n`` character slots of a line (the median of each slot, where ink is the
    minority): a see-through mask darkens it; an opaque one leaves no text to read at all."""
    x0, y0, x1, y1 = box
    region = grey[max(0, y0):y1, max(0, x0):x1]
    if region.size == 0 or n == 0:
        return []
    cols = np.array_split(region, n, axis=1)
    return [int(np.median(c)) if c.size else 255 for c in cols]


def ruling_lines(grey: np.ndarray, paper: float) -> list[list[int]]:
    """Straight horizontal and vertical ink lines (table borders), [x0, y0, x1, y1]: the masking check never joins
    text across them. Long and thin: a character's stroke is too short, a black mask box too thick."""
    import cv2

    ink = (grey < paper - 70).astype(np.uint8)
    length = max(12, int(RULE_MIN * max(grey.shape)))
    found: list[list[int]] = []
    for kernel in ((length, 1), (1, length)):
        lines = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
        n, _, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
        for x, y, w, h, area in stats[1:]:
            if area / max(w, h) <= max(2, length // 12):  # thin on average (text may touch a border)
                found.append([int(x), int(y), int(x + w), int(y + h)])
    return found[:400]


def _lines(quads: list[np.ndarray], rotation: int, h: int, w: int, factor: float = 1.0
           ) -> tuple[list[tuple[int, int, int, int]], list[np.ndarray]]:
    """Lines of a frame h×w turned ``rotation``° clockwise, at ``factor`` of its size: boxes and padded quads."""
    turned = [_turn_quad(q * factor, rotation, h, w) for q in quads]
    return _boxes(turned), [_padded(q) for q in turned]


def _sideways(eng: OcrEngine, small: np.ndarray, rotation: int, factor: float
              ) -> tuple[list[tuple[int, int, int, int]], list[np.ndarray]]:
    """The lines of a page that stood sideways, detected again once it is turned upright (boxes and padded quads in
    the upright page at 1/``factor`` of ``small``'s size). The detector finds horizontal lines far better than
    vertical ones: on the sideways page a line under a red seal lost its first characters (和静县融媒体中心 was cut
    to 县融媒体中心), upright it is found whole. Orientation is still decided on the first detection."""
    quads = [q / factor for q in eng.detect(_turn(small, rotation))]
    return _boxes(quads), [_padded(q) for q in quads]


def _crossed(boxes: list[tuple[int, int, int, int]], rules: list[list[int]]) -> dict[int, list[float]]:
    """The lines a vertical ruling line (a table's cell border) runs through, well inside their ends: one line read
    over two cells, with where the borders cross it. Such a line is read at full width (squeezed, the border and the
    strokes crowding it merge, and the recogniser drops a character with full confidence: 工作单位及职务|和静县融媒体中心
    read as 工作单位及职静县…), and then cell by cell (_across)."""
    out: dict[int, list[float]] = {}
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        h = y1 - y0
        for rx0, ry0, rx1, ry1 in rules:
            if rx1 - rx0 < ry1 - ry0 and x0 + h < (rx0 + rx1) / 2 < x1 - h and ry0 < (y0 + y1) / 2 < ry1:
                out.setdefault(i, []).append((rx0 + rx1) / 2)
    return out


def _across(eng: OcrEngine, upright: np.ndarray, boxes: list[tuple[int, int, int, int]],
            crossed: dict[int, list[float]], order: list[int], texts: list[tuple[str, float]]) -> None:
    """A line a cell border runs through, read again cell by cell, the border left out: the texts of two cells
    joined. Kept unless it holds less (a character the border cuts through, such as the 务 of a label run over into
    the next cell), or is read less surely: read whole, the border's strokes swallow a character even at full width
    (和 of 和静县, lost to a 1-px shift of a photographed sheet)."""
    pieces, owner = [], []
    for k, i in enumerate(order):
        if i not in crossed:
            continue
        x0, y0, x1, y1 = boxes[i]
        edges = [x0, *sorted(crossed[i]), x1]
        cells = [(int(a) + BORDER, int(b) - BORDER) for a, b in zip(edges, edges[1:], strict=False)
                 if b - a > (y1 - y0) / 2 + 2 * BORDER]
        if len(cells) < 2:
            continue
        pieces += [_crop(upright, (a, y0, b, y1)) for a, b in cells]
        owner += [k] * len(cells)
    if not pieces:
        return
    read: dict[int, list[tuple[str, float]]] = {}
    for k, got in zip(owner, eng.recognize(pieces), strict=True):
        read.setdefault(k, []).append(got)
    for k, parts in read.items():
        text = "".join(t for t, _ in parts)
        chars = sum(len(t) for t, _ in parts)
        score = sum(s * len(t) for t, s in parts) / chars if chars else 0.0
        if len(text) >= len(texts[k][0]) and score >= texts[k][1] - REREAD_SLACK:
            texts[k] = (text, score)


SEAL_RED = 50      # a pixel whose red exceeds its green and blue by this much is red ink (a seal), not print
SEAL_SHARE = 0.02  # a line with this share of red pixels and of dark print lies under a seal


def _reread_under_seal(eng: OcrEngine, upright: np.ndarray, boxes: list[tuple[int, int, int, int]],
                       quads: list[np.ndarray], texts: list[tuple[str, float]]) -> None:
    """Lines of black print under a red seal, read again from the page's red channel, where red ink is as light as
    the paper and the print stays black (the scanner's old trick for stamps); the more confident reading is kept
    (``texts`` is changed in place). Through the seal's ring and star a unit printed under it read as 和薛县融体中心;
    in the red channel, 和静县融媒体中心. A line of red words only (a red title) has no dark print: left alone."""
    channel = upright[..., 0]
    paper = None
    sealed = []
    for k, (x0, y0, x1, y1) in enumerate(boxes):
        area = max(1, (y1 - y0) * (x1 - x0))
        window = (slice(max(0, y0), y1), slice(max(0, x0), x1))
        rgb = upright[window].astype(np.int16)  # the line's pixels only: most pages have no seal to look for
        if ((rgb[..., 0] - np.maximum(rgb[..., 1], rgb[..., 2])) > SEAL_RED).sum() < SEAL_SHARE * area:
            continue
        if paper is None:
            paper = float(np.percentile(channel[::4, ::4], 90))
        if (channel[window] < paper / 2).sum() >= SEAL_SHARE * area:  # print: dark in the red channel, seal ink is not
            sealed.append(k)
    if not sealed:
        return
    plain = np.ascontiguousarray(np.repeat(upright[..., :1], 3, axis=2))
    again = eng.recognize([_crop(plain, boxes[k], quad=quads[k]) for k in sealed])
    for k, reread in zip(sealed, again, strict=True):
        if reread[1] > texts[k][1] and 2 * len(reread[0].strip()) >= len(texts[k][0].strip()):
            texts[k] = reread


def read_page(img: np.ndarray, eng: OcrEngine | None = None) -> PageReading:
    """Orientation and text of one page (RGB array, as stored). A photographed page is read flattened: its sheet cut
    out of the desk and its text levelled (inspect/flatten.py); ``flat`` then says how, and its corners map the
    boxes back to the stored pixels."""
    import cv2

    from dossiercheck.inspect import flatten

    eng = eng or engine()
    height, width = img.shape[:2]
    picture, rec_factor = _resize(img, REC_SIDE)  # the page is read at REC_SIDE, in this copy's pixels
    level = flatten.identity(picture.shape[1], picture.shape[0])
    sheet = flatten.find_sheet(picture) if FLATTEN else None
    if sheet is not None:
        level = flatten.sheet_level(sheet)
    big = level.warp(picture) if sheet is not None else picture
    small, det_factor = _resize(big, DET_SIDE)
    quads = [q / det_factor for q in eng.detect(small)]  # in big's pixels
    skew = flatten.skew_of(quads) if FLATTEN else 0.0
    if abs(skew) >= flatten.SKEW_MIN:  # level the text lines: one warp from the picture, the lines carried along
        turned = level.deskew(skew)
        quads = turned.carry(quads, level)
        level = turned
        big = level.warp(picture)
        small, det_factor = _resize(big, DET_SIDE)
    long_quads = [q for q in quads if max(_extent(q)) >= 2 * max(1.0, min(_extent(q)))]
    horizontal = sum(_extent(q)[0] for q in long_quads if _extent(q)[0] > _extent(q)[1])
    vertical = sum(_extent(q)[1] for q in long_quads if _extent(q)[1] > _extent(q)[0])
    base = 90 if vertical > horizontal else 0
    sh, sw = small.shape[:2]
    level_small = _turn(small, base)
    level_boxes, level_quads = _lines(quads, base, sh, sw, det_factor)

    # 0 or 180: the classifier's vote on the longest lines, weighted by their length
    longest = sorted(range(len(level_boxes)), key=lambda i: -(level_boxes[i][2] - level_boxes[i][0]))[:CLS_LINES]
    votes = eng.classify([_crop(level_small, level_boxes[i], quad=level_quads[i]) for i in longest])
    weights = [level_boxes[i][2] - level_boxes[i][0] for i in longest]
    tally = sum(w * s * (1 if lab == 0 else -1) for (lab, s), w in zip(votes, weights, strict=True))
    total = sum(w * s for (_, s), w in zip(votes, weights, strict=True)) or 1.0
    flip, confidence = tally < 0, abs(tally) / total

    # the page to read: upright, at REC_SIDE
    bh, bw = big.shape[:2]
    upright_rot = (base + (180 if flip else 0)) % 360
    upright = _turn(big, upright_rot)
    boxes_big, quads_big = _lines(quads, upright_rot, bh, bw)

    if long_quads and confidence < WEAK_VOTE:  # settle a weak vote by reading the first lines both ways round
        probe = sorted(range(len(boxes_big)), key=lambda i: -(boxes_big[i][2] - boxes_big[i][0]))[:6]
        crops = [_crop(upright, boxes_big[i], SQUEEZE, quads_big[i]) for i in probe]
        here = eng.recognize(crops)
        there = eng.recognize([np.ascontiguousarray(c[::-1, ::-1]) for c in crops])
        score_here = sum(s * len(t) for t, s in here)
        score_there = sum(s * len(t) for t, s in there)
        if score_there > score_here:
            flip = not flip
            upright_rot = (upright_rot + 180) % 360
            upright = _turn(big, upright_rot)
            boxes_big, quads_big = _lines(quads, upright_rot, bh, bw)
        confidence = max(confidence, abs(score_here - score_there) / max(score_here + score_there, 1e-6))

    if base == 90:  # a page held sideways: its lines are found again on the upright page (see _sideways)
        boxes_big, quads_big = _sideways(eng, small, upright_rot, det_factor)
    order = [i for row in rows(boxes_big) for i in row]  # reading order
    grey = cv2.cvtColor(upright, cv2.COLOR_RGB2GRAY)
    paper = float(np.percentile(grey, 90)) if grey.size else 255.0
    rules = ruling_lines(grey, paper)
    crossed = _crossed(boxes_big, rules)
    texts = eng.recognize([_crop(upright, boxes_big[i], 1.0 if i in crossed else SQUEEZE, quads_big[i])
                           for i in order])
    _across(eng, upright, boxes_big, crossed, order, texts)
    # read again at full width: a line read with doubt, and a squeezed line with a date on it (squeezed,
    # 2023年9月11日 read 9月1日 and 8月21日 read 8月1日, both at 0.98: a digit lost, not a doubt). Each set in its own
    # call: the recogniser pads the lines of one batch alike, so a doubtful line's reading stays what it was.
    doubtful = [k for k, (_, score) in enumerate(texts) if score < REREAD_BELOW]
    dated = [k for k, (text, _) in enumerate(texts) if k not in doubtful and order[k] not in crossed
             and DATED.search(text) and _squeezed(boxes_big[order[k]])]
    again = [r for ks in (doubtful, dated) for r in
             eng.recognize([_crop(upright, boxes_big[order[k]], quad=quads_big[order[k]]) for k in ks])]
    for k, reread in zip(doubtful + dated, again, strict=True):
        # a dated line's full-width reading wins when it holds more (the digit the squeezed one lost); where it
        # holds less, it merged a run of one character (******, 11) that the squeezed reading kept apart
        if reread[1] > texts[k][1] or (k in dated and len(reread[0]) > len(texts[k][0])
                                       and reread[1] >= texts[k][1] - REREAD_SLACK):
            texts[k] = reread
    _reread_under_seal(eng, upright, [boxes_big[i] for i in order], [quads_big[i] for i in order], texts)
    chars = sum(len(t) for t, _ in texts)
    reading = sum(s * len(t) for t, s in texts) / chars if chars else 0.0
    known = len(long_quads) >= MIN_LINES and reading >= MIN_READING
    lines = []
    for i, (text, score) in zip(order, texts, strict=True):
        if not text.strip():
            continue
        lines.append({"t": text, "s": round(score, 3), "b": list(boxes_big[i]),
                      "paper": _paper_behind(grey, boxes_big[i], len(text))})
    out: PageReading = {
        "rotation": upright_rot if known else None,
        "confidence": round(min(1.0, confidence), 3) if known else 0.0,
        "lines": lines,
        "reading": round(reading, 3),
        "paper": round(paper, 1),
        "rules": rules,
        "frame": {"scale": round(1 / rec_factor, 6), "width": width, "height": height},
    }
    if level.sheet or level.skew:  # read flattened: where the level frame's corners lie in the stored pixels
        out["flat"] = {"quad": [[round(x / rec_factor, 1), round(y / rec_factor, 1)] for x, y in level.corners()],
                       "size": list(level.size), "skew": level.skew, "sheet": level.sheet}
    return out
