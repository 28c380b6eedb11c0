"""``dossiercheck fix``: a corrected copy of a dossier. The originals are only read.

For each image the check flagged: cover every name and unit box (a little larger than found) with an opaque fill,
turn the pixels upright (exactly as the orientation findings' evidence says) and drop the tag, store it as an RGB
JPEG with a .jpg name, and scale it down to the item's pixel and byte budget, keeping the DPI. A converted file whose .jpg name
is taken (a.png next to a.jpg) gets a distinct name. For each PDF the check asked to mask or turn, or whose text
layer or properties leak: rebuild it from its rendered pages (masked, turned upright, page size kept) as JPEG
images, with no text layer and no metadata, within the item's byte budget. Everything else is copied as it is.
Each file is written under a temporary name and renamed, so an interrupted run leaves no half-written file.
Then the copy is checked again and the before/after counts are reported; what no program can fix (a missing item, a
blurred scan) stays listed as work for the applicant.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageOps

from dossiercheck.engine import Result
from dossiercheck.errors import UserError
from dossiercheck.facts import TURN_CODES, FileFacts
from dossiercheck.findings import Finding, Severity
from dossiercheck.geometry import tilt_of
from dossiercheck.inspect.filetype import IMAGE_KINDS
from dossiercheck.inspect.image import register_heif, to_rgb
from dossiercheck.profile import PROFILE_NAME

MASK_CODES = ("K101", "K102", "K104")
JPEG_QUALITY = 88
# A PDF is rebuilt from its pages when its text layer or properties leak (masking) ...
LAYER_CODES = ("K103", "K201", "K202", "K203", "K204")
# ... at the first of these resolutions and JPEG qualities that fits the item's byte budget (150 dpi: the minimum the
# legibility check asks of a scan)
PDF_STEPS = ((200, 80), (200, 65), (150, 70), (150, 55))


@dataclass
class Options:
    mask: bool = True
    rotate: bool = True
    convert: bool = True
    dry_run: bool = False
    use_cache: bool = True  # where the copy's carried readings are kept (see carry_reading)
    # files of the copy (paths in it) the person changed or added since fix's last run: left as they are (outmark)
    keep: frozenset[str] = frozenset()


@dataclass
class Change:
    file: str                 # as in the original dossier
    output: str               # as in the copy (a converted file gets a .jpg name)
    actions: list[dict[str, Any]] = field(default_factory=list)


def default_output(source: Path) -> Path:
    base = source.with_suffix("") if source.suffix.lower() == ".zip" else source
    return base.parent / f"{base.name}-fixed"


def check_output(source: Path, out: Path, force: bool) -> dict | None:
    """Never write into the dossier, nor over a folder that holds anything, unless it is fix's own earlier copy
    (its mark: outmark) or --force; return that earlier copy's mark, to replace it."""
    from dossiercheck import outmark

    src, dst = source.resolve(), out.resolve()
    if dst == src or dst.is_relative_to(src) or (src.is_dir() and src.is_relative_to(dst)):
        raise UserError("error.fix_inside", path=out)
    if out.exists() and not out.is_dir():
        raise UserError("error.fix_not_folder", path=out)
    earlier = outmark.previous(out, "fix") if out.exists() else None
    if out.exists() and any(out.iterdir()) and earlier is None and not force:
        raise UserError("error.fix_exists", path=out)
    return earlier


def _turn(findings: list[Finding], page: int | None = None) -> tuple[int, bool] | None:
    """Clockwise degrees that make the stored pixels (page ``page`` of a PDF) upright, and whether to mirror first,
    as the orientation findings' evidence says; None when no finding asks for a turn (the file is not turned)."""
    for f in findings:
        if f.code in TURN_CODES and f.page == page and "turn" in f.evidence:
            return f.evidence["turn"], bool(f.evidence.get("mirror"))
    return None


def _boxes(finding: Finding) -> list[list[float]]:
    """The boxes a masking finding covers: one, or one per line of a match wrapped over lines."""
    return list(finding.evidence.get("boxes") or ([finding.evidence["bbox"]] if "bbox" in finding.evidence else []))


def plan_pdf(facts: FileFacts, findings: list[Finding], options: Options) -> list[dict[str, Any]]:
    """A PDF is rebuilt from its rendered pages when a page must be masked or turned, or its text layer or
    properties leak; the boxes are in points of each displayed page (see inspect/pdf.py)."""
    actions: list[dict[str, Any]] = []
    reasons = sorted({f.code for f in findings if f.code in LAYER_CODES}) if options.mask else []
    boxes = [{"page": f.page, "bbox": box} for f in findings if f.code in MASK_CODES and f.page for box in _boxes(f)]
    if options.mask and boxes:
        actions.append({"do": "mask", "boxes": boxes, "see_through": sum(1 for f in findings if f.code == "K104")})
    turns = {str(n): turn[0] for n in sorted({f.page for f in findings if f.page}) if (turn := _turn(findings, n))
             and turn[0]}
    if options.rotate and turns:
        actions.append({"do": "rotate", "pages": turns, "degrees": sorted(set(turns.values()))[0]})
    if actions or reasons:
        actions.append({"do": "flatten", "reasons": reasons, "pages": facts.get("pages")})
    return actions


def plan_file(rel: str, facts: FileFacts, findings: list[Finding], item: Any, options: Options
              ) -> list[dict[str, Any]]:
    """What to do to one file, as plain actions (also the change log)."""
    if "error" not in facts and facts.get("kind") == "pdf":
        return plan_pdf(facts, findings, options)
    if "error" in facts or facts.get("kind") not in IMAGE_KINDS:
        return []
    actions: list[dict[str, Any]] = []
    flat = straighten_plan(facts) if options.rotate else None
    if flat is not None:  # a photographed page: the copy is its flattened sheet, masked in the sheet's pixels
        actions.append(flat)
    boxes = [box for f in findings if f.code in MASK_CODES for box in (_flat_boxes(f, flat) if flat else _boxes(f))]
    if options.mask and boxes:
        actions.append({"do": "mask", "boxes": boxes,
                        "see_through": sum(1 for f in findings if f.code == "K104")})
    turn = _turn(findings)
    if options.rotate and turn is not None:  # a turn of 0 still drops an EXIF tag that turned the page wrong
        actions.append({"do": "rotate", "degrees": turn[0], "mirror": turn[1]})
    wants_jpeg = "jpg" in (item.setting("formats") if item is not None else ["jpg"])
    if options.convert and wants_jpeg:
        if facts["kind"] != "jpeg" or facts.get("mode") == "CMYK" or not facts.get("ext_ok", True):
            actions.append({"do": "convert", "from": facts["kind"], "mode": facts.get("mode")})
        max_pixels = item.setting("max_pixels") if item is not None else None
        max_bytes = item.setting("max_bytes") if item is not None else None
        pixels = facts.get("width", 0) * facts.get("height", 0)
        if flat is not None:  # the flattened sheet, not the photo, is what is stored
            pixels = flat["size"][0] * flat["size"][1]
        if (max_pixels and pixels > max_pixels) or (max_bytes and facts.get("size", 0) > max_bytes):
            actions.append({"do": "downscale", "max_pixels": max_pixels, "max_bytes": max_bytes})
    return actions


def straighten_plan(facts: FileFacts) -> dict[str, Any] | None:
    """For a page that was read flattened (a photographed page, inspect/flatten.py): the action that makes the copy
    what a scanner app gives, the level sheet at the photo's own resolution (turned upright by the rotate action,
    as a scan would be). None for a page read as stored."""
    page = (facts.get("ocr") or [{}])[0]
    flat, frame = page.get("flat"), page.get("frame")
    if not flat or not frame:
        return None
    w, h = flat["size"]
    size = [max(1, round(w * frame["scale"])), max(1, round(h * frame["scale"]))]
    skew = flat.get("skew", 0.0)
    return {"do": "straighten", "quad": flat["quad"], "size": size, "skew": skew,
            "tilt": tilt_of(flat),
            "sheet": bool(flat.get("sheet"))}


def _sheet_transform(action: dict[str, Any]):
    """The homography from the stored photo to the straightened copy."""
    import cv2
    import numpy as np

    w, h = action["size"]
    return cv2.getPerspectiveTransform(np.float32(action["quad"]), np.float32([[0, 0], [w, 0], [w, h], [0, h]]))


def _flat_boxes(finding: Finding, flat: dict[str, Any]) -> list[list[float]]:
    """A masking finding's boxes in the straightened copy's pixels: its parts' exact corners carried over (the
    stored box around a slanted name, carried over, would grow over the lines above and below)."""
    import cv2
    import numpy as np

    quads = finding.evidence.get("quads") or [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]]]
                                              for b in _boxes(finding)]
    m = _sheet_transform(flat)
    out = []
    for q in quads:
        pts = cv2.perspectiveTransform(np.float32(q).reshape(-1, 1, 2), m).reshape(-1, 2)
        out.append([round(float(v), 1) for v in (*pts.min(axis=0), *pts.max(axis=0))])
    return out


def _straighten(page: Image.Image, action: dict[str, Any]) -> Image.Image:
    import cv2
    import numpy as np

    rgb = np.asarray(page)
    paper = tuple(int(v) for v in np.percentile(rgb[::8, ::8].reshape(-1, 3), 90, axis=0))
    flat = cv2.warpPerspective(rgb, _sheet_transform(action), tuple(action["size"]), flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=paper)
    return Image.fromarray(flat)


def _apply(source: Path, actions: list[dict[str, Any]]) -> tuple[Image.Image, dict[str, Any]]:
    register_heif()  # the inspection may have read the HEIC photo in a worker process, not here
    with Image.open(source) as im:
        dpi = im.info.get("dpi")
        page = to_rgb(im)  # CMYK, palette, grey (16-bit scaled), alpha: the copy is always an RGB JPEG
    for action in actions:
        if action["do"] == "straighten":
            page = _straighten(page, action)
        elif action["do"] == "mask":
            _cover(page, action["boxes"])
        elif action["do"] == "rotate":
            if action["mirror"]:
                page = ImageOps.mirror(page)
            if action["degrees"]:
                page = page.rotate(-action["degrees"], expand=True)  # PIL turns counter-clockwise
                if dpi and action["degrees"] in (90, 270):
                    dpi = (dpi[1], dpi[0])
        elif action["do"] == "downscale":
            budget = action.get("max_pixels") or page.width * page.height
            factor = min(1.0, (budget / (page.width * page.height)) ** 0.5)
            if factor < 1.0:
                size = (int(page.width * factor), int(page.height * factor))
                action["size"] = list(size)
                page = page.resize(size, Image.LANCZOS)
                dpi = (dpi[0] * factor, dpi[1] * factor) if dpi else None
    return page, {"dpi": dpi}


def _cover(page: Image.Image, boxes: list[list[float]], scale: float = 1.0) -> None:
    """An opaque black box over each found name or unit, a little larger than found (OCR boxes are tight)."""
    draw = ImageDraw.Draw(page)
    for x0, y0, x1, y1 in ([v * scale for v in box] for box in boxes):
        h = y1 - y0
        draw.rectangle((x0 - 0.6 * h, y0 - 0.2 * h, x1 + 0.6 * h, y1 + 0.2 * h), fill=(0, 0, 0))


def rebuild_pdf(source: Path, actions: list[dict[str, Any]], max_bytes: int | None,
                max_pixels: int = 40_000_000) -> bytes:
    """The PDF rebuilt from its rendered pages: each page masked, turned upright, stored as a JPEG on a page of the
    same size in points; no text layer, no metadata. The first of PDF_STEPS that fits ``max_bytes`` is kept."""
    from dossiercheck.inspect.pdf import open_document, render

    boxes: dict[int, list[list[float]]] = {}
    turns: dict[str, int] = {}
    for action in actions:
        if action["do"] == "mask":
            for b in action["boxes"]:
                boxes.setdefault(b["page"], []).append(b["bbox"])
        elif action["do"] == "rotate":
            turns = action["pages"]
    doc = open_document(source)
    try:
        data = b""
        for dpi, quality in PDF_STEPS:
            pages = []
            for index in range(len(doc)):
                page = doc[index]
                width, height = page.get_size()
                # a poster-sized page gets fewer dots per inch, never more pixels than the item allows
                scale = min(dpi / 72, (max_pixels / max(width * height, 1.0)) ** 0.5)
                im = render(page, scale).convert("RGB")
                _cover(im, boxes.get(index + 1, []), scale)
                turn = turns.get(str(index + 1), 0)
                if turn:
                    im = im.rotate(-turn, expand=True)  # PIL turns counter-clockwise
                    if turn in (90, 270):
                        width, height = height, width
                buf = io.BytesIO()
                im.save(buf, "JPEG", quality=quality, optimize=True, dpi=(round(scale * 72),) * 2)
                pages.append((buf.getvalue(), im.width, im.height, width, height))
                page.close()
            data = image_pdf(pages)
            for action in actions:
                if action["do"] == "flatten":
                    action.update(dpi=dpi, quality=quality)
            if not max_bytes or len(data) <= max_bytes:
                break
        return data
    finally:
        doc.close()


def image_pdf(pages: list[tuple[bytes, int, int, float, float]]) -> bytes:
    """A PDF of JPEG pages, written by hand: (jpeg, pixel width, pixel height, page width, page height in points).
    It holds nothing but the images: no text, no /Info, no XMP."""
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for jpeg, px_w, px_h, w, h in pages:
        first = len(objects) + 1  # the page, its content, its image
        kids.append(f"{first} 0 R")
        content = f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode()
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2f} {h:.2f}] /Contents {first + 1} 0 R "
                       f"/Resources << /XObject << /Im0 {first + 2} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {px_w} /Height {px_h} /ColorSpace /DeviceRGB "
                       f"/BitsPerComponent 8 /Filter /DCTDecode /Length {len(jpeg)} >>\nstream\n".encode()
                       + jpeg + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _write_atomically(target: Path, write, below: Path) -> None:
    """Atomic, 0600, and never through a link inside the copy (a linked folder could lead into the original)."""
    from dossiercheck import safeio

    safeio.write_file(target, write, below=below)


def _save_jpeg(page: Image.Image, path: Path, dpi, max_bytes: int | None) -> None:
    quality = JPEG_QUALITY
    while True:
        kwargs = {"quality": quality, "optimize": True}
        if dpi:
            kwargs["dpi"] = tuple(round(float(v)) for v in dpi)
        page.save(path, "JPEG", **kwargs)
        if not max_bytes or path.stat().st_size <= max_bytes or quality <= 55:
            return
        quality -= 10


def run(folder: Path, out: Path, check_options: Any, options: Options, progress: Any
        ) -> tuple[Result, list[Change], Result | None]:
    """The one sequence of ``fix``, for the command line and the local page: check the dossier, writing the corrected
    copy as the check goes, then check the copy (not on a dry run). ``check_options`` are the engine's; ``progress(step)``
    gives the progress context of step 1 (the dossier) and step 2 (the copy)."""
    from dossiercheck.engine import check_dossier
    from dossiercheck.inspect import keep_workers

    changes: list[Change] = []
    after = None
    with keep_workers():  # the copy's changed pages are read by the workers that read the dossier
        with progress(1) as shown:
            before = check_dossier(folder, check_options, shown,
                                   then=lambda result: changes.extend(fix(result, out, options)))
        if not options.dry_run:
            with progress(2) as shown:
                after = check_dossier(out, check_options, shown)
    return before, changes, after


def fix(result: Result, out: Path, options: Options) -> list[Change]:
    """Write the corrected copy of ``result``'s dossier to ``out`` (nothing with dry_run); return the change log."""
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    changes = []
    root = result.dossier.root
    plans = []
    for file in result.dossier.files:
        facts: FileFacts = {**result.facts.get(file.rel, {}), "size": file.size}
        item = result.checklist.item(file.item) if file.item else None
        plans.append((file, item, plan_file(file.rel, facts, by_file.get(file.rel, []), item, options)))
    outputs = _outputs([(file.rel, any(a["do"] == "convert" for a in actions)) for file, _, actions in plans])
    for file, item, actions in plans:
        output = outputs[file.rel]
        converted = any(a["do"] == "convert" for a in actions)
        if converted and output != str(Path(file.rel).with_suffix(".jpg").as_posix()):
            actions.append({"do": "rename", "to": Path(output).name,
                            "taken": Path(file.rel).with_suffix(".jpg").name})
        if output in options.keep:
            actions = [{"do": "kept"}]
        changes.append(Change(file.rel, output, actions))
        if file.outside_link:  # never followed (it may lead anywhere); said, so that the file is not just gone
            changes[-1].actions.append({"do": "link_left_out"})
        if options.dry_run or file.outside_link or output in options.keep:
            continue
        target = out / output
        max_bytes = item.setting("max_bytes") if item is not None else None
        if any(a["do"] == "flatten" for a in actions):  # a PDF, rebuilt from its pages
            data = rebuild_pdf(root / file.rel, actions, max_bytes,
                               (item.setting("max_pixels") if item is not None else None) or 40_000_000)
            _write_atomically(target, lambda tmp, data=data: tmp.write_bytes(data), out)
        elif actions:
            page, meta = _apply(root / file.rel, actions)
            _write_atomically(target, lambda tmp, page=page, meta=meta, mb=max_bytes: _save_jpeg(page, tmp,
                                                                                                 meta["dpi"], mb), out)
            carry_reading(result.facts.get(file.rel, {}), actions, target, options.use_cache)
        elif (problem := _unreadable(root / file.rel)) is not None:  # check said I107: the rest is still copied
            changes[-1].actions.append({"do": "not_copied", "problem": problem})
        else:
            _write_atomically(target, lambda tmp, src=root / file.rel: shutil.copyfile(src, tmp), out)
    profile = result.profile.path
    if PROFILE_NAME in options.keep:  # filled in, in the copy, since the last run
        changes.append(Change(PROFILE_NAME, PROFILE_NAME, [{"do": "kept"}]))
    elif not options.dry_run and profile.is_file():  # the copy is a dossier of its own: it carries its profile
        _write_atomically(out / PROFILE_NAME, lambda tmp: shutil.copyfile(profile, tmp), out)
    return changes


def _unreadable(path: Path) -> str | None:
    """Why a file of the dossier cannot be read (no permission, a link that loops), or None: such a file is left out
    of the copy and said in the change log, instead of stopping the whole copy with an error about the output."""
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    return None


LOSSLESS = {"rotate", "convert", "rename"}  # what changes no text on the page: the copy reads as the original did


def carry_reading(facts: FileFacts, actions: list[dict[str, Any]], copy: Path, use_cache: bool) -> None:
    """A page that was only turned upright or converted to a plain JPEG shows the same text, now upright: the
    check of the copy (fix's own, and the user's next check) takes the original's reading, turned, instead of
    reading the page again (its header and quality facts are measured afresh on the copy). A page that was masked,
    straightened or downscaled, mirrored, turned other than its reading said, or read with marks measured from the
    image is read again: its pixels changed where it matters."""
    from dossiercheck.inspect import Task, inspect_file, remember

    page = (facts.get("ocr") or [None])[0]
    if not page or page.get("status") == "failed" or page.get("rotation") is None or "flat" in page \
            or "marks" in facts or any(a["do"] not in LOSSLESS for a in actions):
        return
    turn = next((a for a in actions if a["do"] == "rotate"), {"degrees": 0, "mirror": False})
    if turn["mirror"] or turn["degrees"] != page["rotation"]:
        return
    fresh = inspect_file(Task(copy.name, str(copy)))  # header, quality, fingerprint: of the copy as stored
    if "error" in fresh:
        return
    reading = {**page, "rotation": 0, "frame": {**page["frame"], "width": fresh["width"], "height": fresh["height"]}}
    carried: FileFacts = {**fresh, "ocr": [reading]}
    if "faces" in facts:
        carried["faces"] = facts["faces"]
    remember(copy, carried, use_cache)


def _outputs(files: list[tuple[str, bool]]) -> dict[str, str]:
    """Each file's name in the copy: its own, or a .jpg name for a converted one. A converted file never takes a
    name already taken (a.png next to a.jpg): it becomes a-2.jpg. Names compare case-blind, as on Windows."""
    taken = {rel.casefold() for rel, converted in files if not converted}
    out = {}
    for rel, converted in files:
        if not converted:
            out[rel] = rel
            continue
        base = Path(rel).with_suffix("")
        name, n = f"{base.as_posix()}.jpg", 2
        while name.casefold() in taken:
            name, n = f"{base.as_posix()}-{n}.jpg", n + 1
        taken.add(name.casefold())
        out[rel] = name
    return out


def unfixable(after: Result) -> list[Finding]:
    """The errors left in the corrected copy: work for the applicant."""
    return [f for f in after.findings if f.severity == Severity.ERROR]
