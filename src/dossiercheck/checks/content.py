"""Content: is the file what its item needs?

- C201 the one-inch photo is not in colour (近期一寸免冠彩色照片);
- C202 the photo is not a portrait near 5:7 (25×35 mm);
- C203 no face found in the photo; C204 more than one face;
- C301 the same sheet uploaded twice in its own slot; the copy (its name extends the other's, else the later) names the original;
- C101 a page whose text has none of its item's expected keywords: is it in the wrong folder?
- C102 (error) a page whose content alone (the classifier of ``dossiercheck sort``, given no file name) is clearly
  another item: it is that item, and does not count for its own (checks/_slots.py: the page decides);
- C105 a page read but too little or too unclearly to confirm it is its item, or the side/page its name claims;
- C106 (error) the page is one part (the front, the cover …) and its name says another;
- C302 (error) the same sheet (samepage.same_sheet) in two slots: said of the copy in the wrong one;
- C103 an item (or one of its years) is missing, and a file elsewhere looks like it: the finding names the file;
- C104 a file that sits where neither its name nor its folder says anything (IMG_4021.jpg) looks like item X.

PASS: 14-继续教育-公需科目/2021公需科目.jpg shows a 2021 公需科目 certificate.
FAIL: the same page in 17-年度考核表/ → C102 on item 11 (it looks like item 10, 公需科目) and C103 on the 公需科目
item (its 2021 certificate is missing; 17-年度考核表/2021公需科目.jpg looks like it).
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checklist import Item
from dossiercheck.checks import Context, _slots
from dossiercheck.classify import Classifier, Verdict, page_of, reason_text
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
    "misfiled_ratio": 2.0,  # C102: another item must score this many times the file's own item …
    "misfiled_min_score": 4.0,  # … and this much at least (two strong words): a weaker lead is C105, not C102
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
    Code("C102", "content", E, Text("是另一项材料", "another item's document"),
         Text("{file} 是“{other}”，不是“{title}”，不能算作这一项（依据：{reasons}）",
              "{file} is {other}, not {title}, and does not count for it (by: {reasons})"),
         Text("把它移到 {folder}/ 并按该项命名（或运行 dossiercheck sort 整理），再在这里放上真正的“{title}”。",
              "Move it to {folder}/ and name it after that item (or run dossiercheck sort), and put the real {title} "
              "here."), ocr=True),
    Code("C103", "content", W, Text("缺少的材料可能在别处", "missing item may be elsewhere"),
         Text("缺少的“{title}”{year}可能是 {file}（依据：{reasons}）",
              "The missing {title}{year} may be {file} (by: {reasons})"),
         Text("把该文件移到 {folder}/ 并按该项命名。", "Move that file to {folder}/ and name it after the item."),
         ocr=True),
    Code("C104", "content", W, Text("未归类文件的内容", "what an unassigned file shows"),
         Text("{file} 看起来是“{other}”（依据：{reasons}）", "{file} looks like {other} (by: {reasons})"),
         Text("移到 {folder}/ 并按该项命名，或运行 dossiercheck sort 自动整理。",
              "Move it to {folder}/ and name it after the item, or run dossiercheck sort."), ocr=True),
    Code("C105", "content", W, Text("无法确认材料", "cannot confirm the document"),
         Text("无法确认 {file} 是“{what}”：{why}", "Cannot confirm that {file} is {what}: {why}"),
         Text("看一看这一页是什么：扫描不清的换上清晰、完整的扫描件，放错的移到它所属的文件夹；如确是该材料，可忽略此提示。",
              "Look at what the page is: replace an unclear scan with a clear, whole one, move a misfiled page to its "
              "folder; if it is the right document, ignore this."), ocr=True),
    Code("C106", "content", E, Text("正反面或页别与文件名不符", "part vs file name"),
         Text("{file} 是“{read}”，文件名写的却是“{named}”", "{file} shows the {read}, its name says {named}"),
         Text("按页面实际内容命名；缺少的那一页（面）另行扫描上传。",
              "Name it after what the page shows, and scan the page (side) that is missing.")),
    Code("C302", "content", E, Text("同一页放了两处", "one page in two places"),
         Text("{file} 与 {other} 是同一页（{how}），不能再算作“{slot}”",
              "{file} is the same page as {other} ({how}) and cannot also count as {slot}"),
         Text("把放错的这一份换成真正的“{slot}”。", "Replace this copy with the real {slot}.")),
    Code("C301", "content", W, Text("重复文件", "duplicate file"),
         Text("{file} 与 {other} 内容完全相同", "{file} is identical to {other}"),
         Text("确认是否放错了文件；同一份材料只需上传一次。", "Check for a misplaced file; upload each document once.")),
)


MIN_TEXT = 6  # characters read on a page before its keywords are judged
SHOWN_REASONS = 4
MIN_READING = 0.6  # a page read with less confidence (a blurred scan) is not judged by its words


def _keywords(ctx: Context) -> Iterable[Finding]:
    for f, item, facts in ctx.inspected():
        keywords = item.setting("keywords") if item is not None else None
        if not keywords or not ctx.applies(item):
            continue
        said = keywords
        keywords = item.any_keywords
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
                              args={"file": f.rel, "where": where(number), "title": item.text, "keywords": said[:4]},
                              evidence={"keywords": keywords, "page": number})


def _year_text(year: int | None) -> Text:
    return Text(f" {year} 年的材料", f" for {year}") if year else Text("", "")


HOW = {"identical": Text("内容完全相同", "identical"), "same_sheet": Text("同一张纸再次拍摄或扫描", "the same sheet again")}
WHY_UNREAD = Text("页面文字太少或读不清，看不出是什么材料", "the page says too little, or too unclearly, to tell")
WHY_NOBODYS = Text("页面文字读得清，但不像这一项，也不像清单上的其他材料",
                   "the page reads clearly, but looks like neither this item nor any other on the checklist")
CLEAR_TEXT = 60  # characters read surely (MIN_READING) on a page that can be said to read clearly


def _why_unsure(facts: FileFacts) -> Text:
    """Why a page could not be confirmed: it says too little or too unclearly, or it reads clearly as something
    else (a rescan would not help: the user must look at what the page is)."""
    sure = sum(len(ln.get("t", "")) for p in readings(facts) if p.get("reading", 0) >= MIN_READING
               for ln in p.get("lines", []))
    return WHY_NOBODYS if sure >= CLEAR_TEXT else WHY_UNREAD


def _leaf_title(item: Item, leaf: str | None) -> Text:
    from dossiercheck.classify import leaves

    return next((lf.text for lf in leaves(item) if lf.id == leaf), Text("", ""))


def _slot_text(item: Item, slot: _slots.Slot) -> Text:
    """The slot the copy's name claims, in words in both languages (a part's title is the checklist's own, in
    Chinese): what the genuine page it must be replaced with is. The page's own part and year only where the name
    says none."""
    leaf = slot.named_leaves[0] if slot.named_leaves else (slot.page_leaf.id if slot.page_leaf else None)
    year = slot.named_years[0] if slot.named_years else slot.page_year
    part = _leaf_title(item, leaf) if leaf else Text("", "")
    return Text(f"{item.text.zh}{f' {year}' if year else ''}{f'（{part.zh}）' if part.zh else ''}",
                f"{item.text.en}{f' {year}' if year else ''}{f' ({part.en})' if part.en else ''}")


def _pages_read(ctx: Context) -> Iterable[Finding]:
    """What each page is, against the slot its folder and name give (checks/_slots.py decides, presence counts)."""
    slots = _slots.slots(ctx)
    for f, item, facts in ctx.inspected():
        slot = slots.get(f.rel)
        if item is None or slot is None:
            continue
        best = slot.looks_like
        if slot.status == _slots.OTHER and best is not None:
            other = ctx.checklist.item(best.item)
            yield Finding("C102", item=f.item, file=f.rel,
                          args={"file": f.rel, "other": other.text, "title": item.text, "folder": other.folder,
                                "reasons": [reason_text(r) for r in best.reasons[:SHOWN_REASONS]]},
                          evidence={"looks_like": best.item, "year": best.year, "part": best.part,
                                    "confidence": best.confidence, "score": round(best.score, 2),
                                    "reasons": best.reasons, "same_as": slot.same_as and slot.same_as[0]})
        elif slot.status == _slots.UNSURE:
            yield Finding("C105", item=f.item, file=f.rel, args={"file": f.rel, "what": item.text,
                                                                 "why": _why_unsure(facts)},
                          evidence={"looks_like": best.item if best else None})
        elif slot.page_leaf is not None and slot.named_leaves and slot.page_leaf.id not in slot.named_leaves:
            yield Finding("C106", item=f.item, file=f.rel,
                          args={"file": f.rel, "read": slot.page_leaf.text,
                                "named": _leaf_title(item, slot.named_leaves[0])},
                          evidence={"page_part": slot.page_leaf.id, "named_parts": slot.named_leaves,
                                    "same_as": slot.same_as and slot.same_as[0]})
        elif slot.leaf_unsure and slot.status is not None:
            title = _leaf_title(item, slot.leaf_unsure)
            yield Finding("C105", item=f.item, file=f.rel,
                          args={"file": f.rel, "what": title,
                                "why": Text(f"页面上没有“{title.zh}”应有的文字", f"the page shows nothing of the {title.en}")},
                          evidence={"part": slot.leaf_unsure})
        if slot.same_as:  # said even beside C102/C106: which genuine page this one repeats
            yield Finding("C302", item=f.item, file=f.rel,
                          args={"file": f.rel, "other": slot.same_as[0], "how": HOW[slot.same_as[1]],
                                "slot": _slot_text(item, slot)},
                          evidence={"same_as": slot.same_as[0], "how": slot.same_as[1]})


def _elsewhere(ctx: Context) -> Iterable[Finding]:
    """C104 for files that sit where their name and folder say nothing; C103 for a missing item (or year) that a
    file elsewhere is (by its content)."""
    applying = {i.id for i in ctx.upload_items() if ctx.applies(i)}
    classifier = Classifier(ctx.checklist, applying)
    slots = _slots.slots(ctx)
    elsewhere: list[tuple[str, Verdict]] = []
    for f, item, facts in ctx.inspected():
        if not _slots.content_read(facts):
            continue
        if item is None:
            verdict = classifier.classify(page_of(f.name, facts))
            best = verdict.best
            if best is None:
                continue
            other = ctx.checklist.item(best.item)
            yield Finding("C104", file=f.rel, args={"file": f.rel, "other": other.text,
                                                    "reasons": [reason_text(r) for r in best.reasons[:SHOWN_REASONS]], "folder": other.folder},
                          evidence={"looks_like": best.item, "year": best.year, "part": best.part,
                                    "confidence": best.confidence, "score": round(best.score, 2), "reasons": best.reasons})
            elsewhere.append((f.rel, verdict))
        elif slots[f.rel].status == _slots.OTHER and slots[f.rel].looks_like is not None:
            elsewhere.append((f.rel, Verdict(page_of("", facts), [], slots[f.rel].looks_like)))
    for rel, verdict in elsewhere:
        best = verdict.best
        assert best is not None
        item = ctx.checklist.item(best.item)
        if best.item not in applying:
            continue
        files = [f for f in ctx.dossier.files_of(item.id) if slots[f.rel].fills]
        years = ctx.years(item)
        if not files and item.is_required(ctx.applicant):
            year = None
        elif best.year in years and not any(best.year in slots[f.rel].year_candidates(years) for f in files):
            year = best.year
        else:
            continue
        yield Finding("C103", item=item.id, args={"title": item.text, "year": _year_text(year), "file": rel,
                                                  "reasons": [reason_text(r) for r in best.reasons[:SHOWN_REASONS]], "folder": item.folder},
                      evidence={"file": rel, "year": year, "confidence": best.confidence})


def check(ctx: Context) -> Iterable[Finding]:
    yield from _keywords(ctx)
    yield from _pages_read(ctx)
    yield from _elsewhere(ctx)
    t = {k: ctx.threshold(k) for k in THRESHOLDS}
    slots = _slots.slots(ctx)
    for f, item, facts in ctx.inspected(readable=False):
        twin = slots[f.rel].same_slot_as if f.rel in slots else None
        if twin:
            yield Finding("C301", item=f.item, file=f.rel, args={"file": f.rel, "other": twin},
                          evidence={"same_as": twin, "sha256": facts.get("sha256")})
        if item is None or not item.setting("photo") or "error" in facts or "width" not in facts:
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
- C301 同一页在同一位置上传了两次，副本（文件名在另一份后面加了字的，否则靠后的）会写明与哪一个重复；
- C101 页面上的文字里没有这一项应有的任何关键词：是不是放错了文件夹？
- C102（错误）只看页面内容明显是另一项材料：它算那一项，不算本项（页面决定它是什么）；
- C105 读了页面，但内容太少或不清楚，无法确认是这一项（或文件名说的那一面/那一页）；
- C106（错误）页面是某一面/某一页（正面、封面……），文件名写的却是另一面/页；
- C302（错误）同一页放在了两个位置：报在放错的那一份上。"""
