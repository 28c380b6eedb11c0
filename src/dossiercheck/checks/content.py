"""Content: is the file what its item needs?

- C201 the one-inch photo is not in colour (近期一寸免冠彩色照片);
- C202 the photo is not a portrait near 5:7 (25×35 mm);
- C203 no face found in the photo; C204 more than one face;
- C301 the same file (same content) uploaded twice; the later one names the first;
- C101 a page whose text has none of its item's expected keywords: is it in the wrong folder?
- C102 a page that fits another item clearly better than its own (the classifier of ``dossiercheck sort``: keywords
  and title words of every item, scored): "this file looks like item X"; quiet on pages that fit their own item;
- C103 an item (or one of its years) is missing, and a file elsewhere looks like it: the finding names the file;
- C104 a file that sits where neither its name nor its folder says anything (IMG_4021.jpg) looks like item X.

PASS: 14-继续教育-公需科目/2021公需科目.jpg shows a 2021 公需科目 certificate.
FAIL: the same page in 17-年度考核表/ → C102 on item 11 (it looks like item 10, 公需科目) and C103 on the 公需科目
item (its 2021 certificate is missing; 17-年度考核表/2021公需科目.jpg looks like it).
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.classify import Classifier, Verdict, page_of
from dossiercheck.facts import FileFacts, readings
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.i18n import Text

E, W = Severity.ERROR, Severity.WARNING
FAMILIES = (Family("content", Text("内容", "content")),)
SETTINGS = {
    "keywords": {"type": "array", "items": {"$ref": "#/$defs/text"}, "description": "words a page of the item shows"},
    "photo": {"type": "boolean", "description": "the one-inch ID photo: colour, 5:7 portrait, one face"},
}
THRESHOLDS = {
    "photo_min_colour": 4.0,        # mean chroma; a greyscale scan is 0, the demo portrait 32
    "photo_aspect_tolerance": 0.12,  # width/height may differ from 5/7 by this share
    "misfiled_ratio": 2.0,  # C102: another item must score this many times the file's own item
}
PHOTO_HINT = Text("使用近期一寸（25×35 毫米）免冠彩色正面证件照的电子版。",
                  "Use a recent one-inch (25×35 mm) colour head-and-shoulders ID photo.")
CODES = (
    Code("C201", "content", E, Text("照片不是彩色", "photo not in colour"),
         Text("{file} 是黑白照片，通知要求彩色照片", "{file} is black and white; a colour photo is required"), PHOTO_HINT),
    Code("C202", "content", W, Text("照片比例不对", "photo proportions"),
         Text("{file} 宽高比为 {ratio}，一寸照片应为竖版 5:7（约 0.71）",
              "{file} has a width/height ratio of {ratio}; a one-inch photo is portrait 5:7 (about 0.71)"),
         PHOTO_HINT),
    Code("C203", "content", E, Text("照片中没有人脸", "no face in photo"),
         Text("{file} 中没有找到正面人像", "No face found in {file}"), PHOTO_HINT),
    Code("C204", "content", W, Text("照片中有多张人脸", "several faces"),
         Text("{file} 中有 {n} 张人脸，应为本人单人照", "{file} shows {n} faces; it must show only you"), PHOTO_HINT),
    Code("C101", "content", W, Text("内容与材料不符", "content does not match"),
         Text("{file}{where}看起来不像“{title}”（没有找到：{keywords}）",
              "{file}{where} does not look like {title} (none of: {keywords})"),
         Text("确认是否放错了文件夹或文件名；如确是该材料，可忽略此提示。",
              "Check the folder and file name; if it is the right document, ignore this."), ocr=True),
    Code("C102", "content", W, Text("像是另一项材料", "looks like another item"),
         Text("{file} 看起来是“{other}”，不像“{title}”（依据：{reasons}）",
              "{file} looks like {other}, not {title} (by: {reasons})"),
         Text("如果放错了，移到 {folder}/ 并按该项命名（或运行 dossiercheck sort 整理）；如确是本项材料，可忽略此提示。",
              "If it is misplaced, move it to {folder}/ and name it after that item (or run dossiercheck sort); "
              "if it is the right document, ignore this."), ocr=True),
    Code("C103", "content", W, Text("缺少的材料可能在别处", "missing item may be elsewhere"),
         Text("缺少的“{title}”{year}可能是 {file}（依据：{reasons}）",
              "The missing {title}{year} may be {file} (by: {reasons})"),
         Text("把该文件移到 {folder}/ 并按该项命名。", "Move that file to {folder}/ and name it after the item."),
         ocr=True),
    Code("C104", "content", W, Text("未归类文件的内容", "what an unassigned file shows"),
         Text("{file} 看起来是“{other}”（依据：{reasons}）", "{file} looks like {other} (by: {reasons})"),
         Text("移到 {folder}/ 并按该项命名，或运行 dossiercheck sort 自动整理。",
              "Move it to {folder}/ and name it after the item, or run dossiercheck sort."), ocr=True),
    Code("C301", "content", W, Text("重复文件", "duplicate file"),
         Text("{file} 与 {other} 内容完全相同", "{file} is identical to {other}"),
         Text("确认是否放错了文件；同一份材料只需上传一次。", "Check for a misplaced file; upload each document once.")),
)


MIN_TEXT = 6  # characters read on a page before its keywords are judged
SHOWN_REASONS = 4
MIN_READING = 0.6  # a page read with less confidence (a blurred scan) is not judged by its words


def _keywords(ctx: Context) -> Iterable[Finding]:
    for f, item, facts in ctx.inspected():
        keywords = item.get("keywords") if item is not None else None
        if not keywords or not ctx.applies(item):
            continue
        pdf = facts.get("pdf") or {}
        ocr_pages = [p for p in readings(facts) if p.get("reading", 0) >= MIN_READING]
        pages = [(p.get("page"), "".join(ln["t"] for ln in p.get("lines", []))) for p in ocr_pages]
        pages += [(n, t) for n, t in enumerate(pdf.get("text", []), 1)]
        by_page: dict[int | None, str] = {}
        for number, text in pages:
            by_page[number] = by_page.get(number, "") + text
        for number, text in by_page.items():
            text = "".join(text.split())
            if len(text) >= MIN_TEXT and not any(k in text for k in keywords):
                yield Finding("C101", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "title": item.text, "keywords": keywords[:4]},
                              evidence={"keywords": keywords, "page": number})


def _read(facts: FileFacts) -> bool:
    """Whether the inspection looked at the page's content (its text, or a face on a page without text)."""
    pdf = facts.get("pdf") or {}
    return bool(facts.get("ocr") or pdf.get("ocr") or any(pdf.get("text", [])) or facts.get("faces") is not None)


def _year_text(year: int | None) -> Text:
    return Text(f" {year} 年的材料", f" for {year}") if year else Text("", "")


def _misfiled(ctx: Context) -> Iterable[Finding]:
    """C102/C104 for each read file whose content points elsewhere; C103 for missing items (or years) it fills."""
    from dossiercheck.checks.presence import years_in

    applying = {i.id for i in ctx.upload_items() if ctx.applies(i)}
    classifier = Classifier(ctx.checklist, applying)
    elsewhere: list[tuple[str, Verdict]] = []  # (file, verdict) of files that look like another item
    for f, item, facts in ctx.inspected():
        if not _read(facts) or (item is not None and f.item not in applying):
            continue
        verdict = classifier.classify(page_of(f.name, facts))  # by content and file name; the folder is the question
        best = verdict.best
        if best is None or best.item == f.item:
            continue
        other = ctx.checklist.item(best.item)
        args = {"file": f.rel, "other": other.text, "reasons": best.reasons[:SHOWN_REASONS], "folder": other.folder}
        evidence = {"looks_like": best.item, "year": best.year, "part": best.part, "confidence": best.confidence,
                    "score": round(best.score, 2), "own_score": round(verdict.score_of(f.item), 2),
                    "reasons": best.reasons}
        if item is None:
            yield Finding("C104", file=f.rel, args=args, evidence=evidence)
        elif best.score >= ctx.threshold("misfiled_ratio") * verdict.score_of(f.item):
            yield Finding("C102", item=f.item, file=f.rel, args={**args, "title": item.text}, evidence=evidence)
        else:
            continue
        elsewhere.append((f.rel, verdict))
    for rel, verdict in elsewhere:
        best = verdict.best
        assert best is not None
        item = ctx.checklist.item(best.item)
        if best.item not in applying:
            continue
        files = ctx.dossier.files_of(item.id)
        years = item.years(ctx.checklist.year)
        if not files and item.is_required(ctx.applicant):
            year = None
        elif best.year in years and not any(best.year in years_in(f.name) for f in files):
            year = best.year
        else:
            continue
        yield Finding("C103", item=item.id, args={"title": item.text, "year": _year_text(year), "file": rel,
                                                  "reasons": best.reasons[:SHOWN_REASONS], "folder": item.folder},
                      evidence={"file": rel, "year": year, "confidence": best.confidence})


def check(ctx: Context) -> Iterable[Finding]:
    yield from _keywords(ctx)
    yield from _misfiled(ctx)
    t = {k: ctx.threshold(k) for k in THRESHOLDS}
    first_seen: dict[str, str] = {}
    for f, item, facts in ctx.inspected(readable=False):
        digest = facts.get("sha256")
        if digest and facts.get("kind") != "empty":
            if digest in first_seen:
                yield Finding("C301", item=f.item, file=f.rel, args={"file": f.rel, "other": first_seen[digest]},
                              evidence={"same_as": first_seen[digest], "sha256": digest})
            else:
                first_seen[digest] = f.rel
        if item is None or not item.get("photo") or "error" in facts or "width" not in facts:
            continue
        args = {"file": f.rel}
        colour = (facts.get("quality") or {}).get("colour", 0.0)
        if facts.get("mode") in ("L", "1", "LA") or colour < t["photo_min_colour"]:
            yield Finding("C201", item=f.item, file=f.rel, args=args, evidence={"colour": colour})
        width, height = facts["width"], facts["height"]
        if facts.get("exif_orientation") in (5, 6, 7, 8):
            width, height = height, width
        ratio = width / height
        if abs(ratio / (5 / 7) - 1) > t["photo_aspect_tolerance"]:
            yield Finding("C202", item=f.item, file=f.rel, args={**args, "ratio": round(ratio, 2)},
                          evidence={"ratio": round(ratio, 3), "expected": round(5 / 7, 3)})
        faces = facts.get("faces")
        if faces == 0:
            yield Finding("C203", item=f.item, file=f.rel, args=args, evidence={"faces": 0})
        elif faces and faces > 1:
            yield Finding("C204", item=f.item, file=f.rel, args={**args, "n": faces}, evidence={"faces": faces})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """内容：文件是不是这一项要的材料？

- C201 一寸照片不是彩色（通知要求“近期一寸免冠彩色照片”）；
- C202 照片不是接近 5:7 的竖版（25×35 毫米）；
- C203 照片里找不到人脸；C204 照片里不止一张人脸；
- C301 同一个文件（内容完全相同）上传了两次，后一个会写明与哪一个重复；
- C101 页面上的文字里没有这一项应有的任何关键词：是不是放错了文件夹？"""
