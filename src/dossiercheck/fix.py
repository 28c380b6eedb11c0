"""``dossiercheck fix``: a corrected copy of a dossier. The originals are only read.

For each image the check flagged: cover every name and unit box (a little larger than found) with an opaque fill,
turn the pixels upright (by the content, else by the EXIF tag) and drop the tag, store it as an RGB JPEG with a
.jpg name, and scale it down to the item's pixel and byte budget, keeping the DPI. Everything else is copied as it
is. Each file is written under a temporary name and renamed, so an interrupted run leaves no half-written image.
Then the copy is checked again and the before/after counts are reported; what no program can fix (a missing item, a
blurred scan, a PDF whose text layer leaks) stays listed as work for the applicant.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageOps

from dossiercheck.checks.orientation import EXIF_TURN
from dossiercheck.dossier import FIX_REPORT as REPORT_NAME
from dossiercheck.engine import Result
from dossiercheck.errors import UserError
from dossiercheck.findings import Finding, Severity
from dossiercheck.inspect.filetype import IMAGE_KINDS
from dossiercheck.inspect.image import register_heif
from dossiercheck.profile import PROFILE_NAME

MASK_CODES = ("K101", "K102", "K104")
JPEG_QUALITY = 88


@dataclass
class Options:
    mask: bool = True
    rotate: bool = True
    convert: bool = True
    dry_run: bool = False


@dataclass
class Change:
    file: str                 # as in the original dossier
    output: str               # as in the copy (a converted file gets a .jpg name)
    actions: list[dict[str, Any]] = field(default_factory=list)


def default_output(source: Path) -> Path:
    base = source.with_suffix("") if source.suffix.lower() == ".zip" else source
    return base.parent / f"{base.name}-fixed"


def check_output(source: Path, out: Path, force: bool) -> None:
    """Never write into the dossier, nor over a folder that holds anything, unless --force."""
    src, dst = source.resolve(), out.resolve()
    if dst == src or dst.is_relative_to(src) or (src.is_dir() and src.is_relative_to(dst)):
        raise UserError("fix_inside", path=out)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not force)):
        raise UserError("fix_exists", path=out)


def _turn(facts: dict[str, Any]) -> tuple[int, bool]:
    """Clockwise degrees that make the stored pixels upright, and whether to mirror first: the content's verdict
    (the page's text, or the photo's face) when there is one, else the EXIF tag's."""
    page = (facts.get("ocr") or [{}])[0]
    content = page.get("rotation")
    if content is None:
        content = facts.get("face_rotation")
    if content is not None:
        return content, False
    return EXIF_TURN.get(facts.get("exif_orientation"), (0, False))


def plan_file(rel: str, facts: dict[str, Any], findings: list[Finding], item: Any, options: Options
              ) -> list[dict[str, Any]]:
    """What to do to one file, as plain actions (also the change log)."""
    if "error" in facts or facts.get("kind") not in IMAGE_KINDS:
        return []
    actions: list[dict[str, Any]] = []
    boxes = [box for f in findings if f.code in MASK_CODES and "bbox" in f.evidence
             for box in f.evidence.get("boxes") or [f.evidence["bbox"]]]  # a wrapped name: every part
    if options.mask and boxes:
        actions.append({"do": "mask", "boxes": boxes,
                        "see_through": sum(1 for f in findings if f.code == "K104")})
    turn, mirror = _turn(facts)
    if options.rotate and (turn or mirror or facts.get("exif_orientation") not in (None, 1)):
        actions.append({"do": "rotate", "degrees": turn, "mirror": mirror})
    wants_jpeg = "jpg" in (item.get("formats") if item is not None else ["jpg"])
    if options.convert and wants_jpeg:
        if facts["kind"] != "jpeg" or facts.get("mode") == "CMYK" or not facts.get("ext_ok", True):
            actions.append({"do": "convert", "from": facts["kind"], "mode": facts.get("mode")})
        max_pixels = item.get("max_pixels") if item is not None else None
        max_bytes = item.get("max_bytes") if item is not None else None
        pixels = facts.get("width", 0) * facts.get("height", 0)
        if (max_pixels and pixels > max_pixels) or (max_bytes and facts.get("size", 0) > max_bytes):
            actions.append({"do": "downscale", "max_pixels": max_pixels, "max_bytes": max_bytes})
    return actions


def _apply(source: Path, actions: list[dict[str, Any]]) -> tuple[Image.Image, dict[str, Any]]:
    register_heif()  # the inspection may have read the HEIC photo in a worker process, not here
    with Image.open(source) as im:
        dpi = im.info.get("dpi")
        page = im.convert("RGB")  # CMYK, palette, grey, alpha: the copy is always an RGB JPEG
    for action in actions:
        if action["do"] == "mask":
            draw = ImageDraw.Draw(page)
            for x0, y0, x1, y1 in action["boxes"]:
                h = y1 - y0
                draw.rectangle((x0 - 0.6 * h, y0 - 0.2 * h, x1 + 0.6 * h, y1 + 0.2 * h), fill=(0, 0, 0))
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


def _write_atomically(target: Path, write) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".dossiercheck-", suffix=".part")
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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


def fix(result: Result, out: Path, options: Options) -> list[Change]:
    """Write the corrected copy of ``result``'s dossier to ``out`` (nothing with dry_run); return the change log."""
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.file:
            by_file.setdefault(f.file, []).append(f)
    changes = []
    root = result.dossier.root
    for file in result.dossier.files:
        facts = {**result.facts.get(file.rel, {}), "size": file.size}
        item = result.checklist.item(file.item) if file.item else None
        actions = plan_file(file.rel, facts, by_file.get(file.rel, []), item, options)
        output = file.rel
        if any(a["do"] == "convert" for a in actions):
            output = str(Path(file.rel).with_suffix(".jpg").as_posix())
        changes.append(Change(file.rel, output, actions))
        if options.dry_run or file.outside_link:
            continue
        target = out / output
        if actions:
            page, meta = _apply(root / file.rel, actions)
            max_bytes = item.get("max_bytes") if item is not None else None
            _write_atomically(target, lambda tmp, page=page, meta=meta, mb=max_bytes: _save_jpeg(page, tmp,
                                                                                                 meta["dpi"], mb))
        else:
            _write_atomically(target, lambda tmp, src=root / file.rel: shutil.copyfile(src, tmp))
    profile = result.profile.path
    if not options.dry_run and profile.is_file():  # the copy is a dossier of its own: it carries its profile
        _write_atomically(out / PROFILE_NAME, lambda tmp: shutil.copyfile(profile, tmp))
    return changes


def unfixable(after: Result) -> list[Finding]:
    """The errors left in the corrected copy: work for the applicant."""
    return [f for f in after.findings if f.severity == Severity.ERROR]


def write_report(out: Path, changes: list[Change], before: Result, after: Result | None, lang: str) -> None:
    data = {
        "changes": [{"file": c.file, "output": c.output, "actions": c.actions} for c in changes if c.actions],
        "before": before.counts,
        "after": after.counts if after else None,
        "remaining": [{"code": f.code, "item": f.item, "file": f.file, "message": f.message(lang),
                       "hint": f.hint(lang)} for f in (unfixable(after) if after else [])],
    }
    _write_atomically(out / REPORT_NAME, lambda tmp: tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                                                     encoding="utf-8"))
