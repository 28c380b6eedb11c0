"""Masking (盲评, item 14): the applicant's own name and work unit must be covered in every attachment whose item
requires it. Read by OCR from every page, and from the text layer of PDFs.

- K101 the name is readable on a page; K102 the work unit is;
- K103 a PDF's text layer holds the name or unit: it can be copied out even under a black box;
- K104 the name or unit is readable under a see-through (translucent or grey) mask: it counts as unmasked. Said
  only where its characters sit on clearly darker paper than the rest of their line; a tinted band or a shadow
  across a photo makes a visible name K101/K102, not K104;
- K105 the profile has no name (or no unit), so this check could not run: item 14 is not passed;
- K106 a page could not be read by OCR, so its masking is unchecked;
- K107 the profile still holds the template that ``init`` wrote (张三, 某某新闻单位): nothing was checked;
- K108 the name or unit is readable on an item whose ``masking:`` setting makes it a warning (the ID card: the
  notice says *all* attachments, while the card exists to identify the applicant; the unit decides).

An item's ``masking:`` is ``required`` (K101/K102), ``exempt``, or by target, e.g. ``{name: warning, unit: warning}``.

Text is matched over rows (boxes of one visual row joined left to right) and over blocks (geometry.blocks: the end
of a line joined to the start of the next line of the same paragraph, list entry or table cell, never across a
table border), so a name broken at a line end (……由艾日夏提· / 牙生同志) is found; its evidence has one box per
part. Units are found by their distinctive part: the full name, the name without its legal-form suffix
(有限公司 …), the checklist's abbreviations (巴音郭楞 → 巴州) and the profile's unit_variants — never by the place
alone or a generic tail alone.

Matching tolerates OCR noise: names with or without the middle dot and spaces (阿依古丽·买买提, 张 伟 明); in
names of three or more characters one character the OCR read with doubt, but never the first (a surname or given
name shared with someone else is not the applicant); a doubled character read once (买买提 as 买提: the
recogniser merges two equal characters that touch), exactly and where three characters remain; in units one wrong character (two from seven characters), of which the place
and distinctive part (all but a generic tail such as 日报社, 融媒体中心) take at most one, none if it is three
characters or shorter (和静县 is not 和硕县). evidence: target (name|unit), boxes (one [x0, y0, x1, y1] per part in
the stored image's pixels), bbox (their union), page (PDFs), text (the match with all but its first character as *).

PASS: the name under an opaque black box. FAIL: 王晓梅同志申报… in clear text, or under a grey see-through box.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from typing import Any

from dossiercheck.checklist import Item
from dossiercheck.checks import Context
from dossiercheck.facts import PageReading, readings
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.geometry import blocks, rows, stored_quad, to_original
from dossiercheck.i18n import Text
from dossiercheck.profile import template_values  # the examples init writes

E, W = Severity.ERROR, Severity.WARNING
COVER = Text("用不透明的黑色或白色色块完全盖住后重新扫描或导出，或运行 dossiercheck fix。",
             "Cover it completely with an opaque box and scan or export again, or run dossiercheck fix.")
TARGETS = {"name": Text("本人姓名", "your name"), "unit": Text("工作单位", "your work unit")}
CODES = (
    Code("K101", "masking", E, Text("姓名未遮盖", "name visible"),
         Text("{file}{where}能看到本人姓名（{text}）", "{file}{where} shows your name ({text})"), COVER, ocr=True),
    Code("K102", "masking", E, Text("单位未遮盖", "unit visible"),
         Text("{file}{where}能看到工作单位（{text}）", "{file}{where} shows your work unit ({text})"), COVER, ocr=True),
    Code("K103", "masking", E, Text("PDF 文字层泄露", "PDF text layer leaks"),
         Text("{file} 第 {page} 页的文字层中有{target}（{text}），即使画了黑框也能复制出来",
              "{file} page {page}: the text layer holds {target} ({text}); it can be copied out even under a box"),
         Text("画框遮盖不能去掉文字层：把 PDF 打印后重新扫描，或导出为图片再合成 PDF，或运行 dossiercheck fix。",
              "Drawing boxes does not remove the text layer: print and scan the PDF again, or export it as images "
              "and rebuild it, or run dossiercheck fix.")),
    Code("K104", "masking", E, Text("遮盖不严", "see-through mask"),
         Text("{file}{where}的{target}（{text}）透过半透明或灰色遮盖仍能看清",
              "{file}{where}: {target} ({text}) is still readable under a see-through mask"),
         Text("改用不透明的纯黑或纯白色块遮盖。", "Use an opaque black or white box."), ocr=True),
    Code("K105", "masking", E, Text("无法检查遮盖", "masking not checked"),
         Text("applicant.yaml 中没有填写{target}，无法检查附件是否遮盖", "applicant.yaml has no {target}; masking "
              "was not checked"),
         Text("在 applicant.yaml 中填写 name 和 unit（只在本机使用）后重新检查。",
              "Fill in name and unit in applicant.yaml (it stays on this computer) and check again.")),
    Code("K106", "masking", W, Text("页面无法识别", "page not read"),
         Text("{file}{where}无法识别文字，未能检查遮盖", "{file}{where} could not be read; masking unchecked"),
         Text("请自己确认姓名和单位已遮盖；如图片异常请重新扫描。", "Check the masking yourself; rescan if the image is odd."), ocr=True,
         abstains=True),
    Code("K107", "masking", E, Text("申报人信息仍是模板", "profile is still the template"),
         Text("applicant.yaml 中的姓名或单位仍是模板内容（{placeholder}），无法检查附件是否遮盖",
              "applicant.yaml still holds the template's placeholders ({placeholder}); masking was not checked"),
         Text("打开 applicant.yaml，把 name、unit 改成你的姓名和工作单位全称（只在本机使用）后重新检查。",
              "Open applicant.yaml, put your own name and full work unit in name and unit, and check again.")),
    Code("K108", "masking", W, Text("请确认是否遮盖", "ask whether to mask"),
         Text("{file}{where}能看到{target}（{text}）", "{file}{where} shows {target} ({text})"),
         Text("这份材料是否要遮盖，请向单位（或评审组织部门）确认。",
              "Ask your unit (or the review office) whether this document is to be covered."), ocr=True),
)
FAMILIES = (Family("masking", Text("未遮盖", "unmasked")),)
SETTINGS = {
    "masking": {"oneOf": [{"enum": ["required", "exempt"]},
                          {"type": "object", "additionalProperties": False, "minProperties": 1,
                           "properties": {k: {"enum": ["error", "warning", "exempt"]} for k in ("name", "unit")}}],
                "default": "required",
                "description": "五(一)14：附件中的本人姓名及工作单位须遮盖. required (error), exempt, or by target "
                               "(name/unit: error, warning or exempt; the ID card: {name: warning, unit: warning})"},
    "masking_hint": {"$ref": "#/$defs/text"},
    "masking_hint_en": {"$ref": "#/$defs/text"},
}
THRESHOLDS = {"see_through_drop": 25}  # paper behind the text this much darker than the page's paper: a grey mask
IGNORED = set(" \u3000·•・.．-－_—:：")  # OCR reads the middle dot of 阿依古丽·买买提 as any of these
DOUBT = 0.9  # a line read with less confidence may hold one wrong character of a name
# Legal-form suffixes: without them the name still says which unit it is (成都交子金融控股集团有限公司 → …集团).
LEGAL_FORMS = ("股份有限公司", "有限责任公司", "（集团）有限公司", "(集团)有限公司", "有限公司")
# Generic tails: many units end so; an OCR slip may fall here, but a tail alone never identifies the unit.
GENERIC_TAILS = ("有限责任公司", "股份有限公司", "有限公司", "公司", "集团", "融媒体中心", "新闻中心", "中心", "日报社",
                 "报社", "杂志社", "出版社", "广播电视台", "电视台", "广播电台", "编辑部", "宣传部", "委员会", "局",
                 "学院", "大学", "学校", "医院")


def _norm(text: str) -> tuple[str, list[int]]:
    """Text without spaces, dots and dashes, with the index of each kept character in the original."""
    kept = [(ch, i) for i, ch in enumerate(text) if ch not in IGNORED]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def variants(ctx: Context) -> dict[str, set[str]]:
    profile = ctx.profile
    return targets_for([profile.name, *profile.name_variants], [profile.unit, *profile.unit_variants],
                       ctx.checklist.raw.get("abbreviations", {}))


def _tail(unit: str) -> int:
    """Length of the generic tail of a unit's name (0 if none)."""
    return max((len(t) for t in GENERIC_TAILS if unit.endswith(t) and len(t) < len(unit)), default=0)


def targets_for(names: list[str | None], units: list[str | None], abbreviations: dict[str, str]
                ) -> dict[str, set[str]]:
    """What to look for: the profile's names and units, normalised; each unit also without its legal-form suffix,
    and with the checklist's abbreviations applied. A stripped name must keep a distinctive part of two or more
    characters besides its generic tail, else only the full name counts."""
    names = {_norm(n)[0] for n in names if n}
    units = {_norm(u)[0] for u in units if u}
    for unit in list(units):
        for form in LEGAL_FORMS:
            if unit.endswith(form):
                short = unit[:-len(form)]
                if len(short) >= 4 and len(short) - _tail(short) >= 2:
                    units.add(short)
                break
    for unit in list(units):
        for long, short in abbreviations.items():
            if long in unit:
                units.add(unit.replace(long, short))
    return {"name": {n for n in names if len(n) >= 2}, "unit": {u for u in units if len(u) >= 2}}


def _collapsed(name: str) -> set[str]:
    """The name with one doubled character read once (买买提 → 买提, 阿依古丽买买提 → 阿依古丽买提): the recogniser's
    decoding merges two equal characters that touch, and 买买提 is one of the commonest names in Xinjiang. Only where
    three or more characters remain: 王丽 is another person's name, not a misreading of 王丽丽."""
    if len(name) < 4:
        return set()
    return {name[:i] + name[i + 1:] for i in range(1, len(name)) if name[i] == name[i - 1]}


def allowed_errors(target: str, kind: str) -> int:
    if kind == "name":
        return 1 if len(target) >= 3 else 0
    return 2 if len(target) >= 7 else (1 if len(target) >= 4 else 0)


def _fits(window: str, target: str, kind: str, doubtful: list[bool] | None, exact: bool = False) -> bool:
    """Whether ``window`` reads as ``target`` within the OCR slips the rules allow (module docstring)."""
    misses = [i for i, (a, b) in enumerate(zip(window, target, strict=True)) if a != b]
    if len(misses) > (0 if exact else allowed_errors(target, kind)):
        return False
    if not misses:
        return True
    if kind == "name":
        return misses[0] > 0 and (doubtful is None or all(doubtful[i] for i in misses))
    head = len(target) - _tail(target)
    in_head = sum(1 for i in misses if i < head)
    return in_head <= (0 if head <= 3 else 1)


def find(text: str, targets: dict[str, set[str]], doubtful: list[bool] | None = None
         ) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every match in ``text`` (normalised), longest targets first, no overlaps.
    ``doubtful``: per character, whether the OCR read it with doubt (None: any may be). A name also matches,
    exactly, with one doubled character read once (see _collapsed)."""
    wanted = {(k, t, False) for k, ts in targets.items() for t in ts}
    wanted |= {(k, c, True) for k, t, _ in list(wanted) if k == "name" for c in _collapsed(t)}
    hits: list[tuple[str, int, int]] = []
    taken = [False] * len(text)
    for kind, target, exact in sorted(wanted, key=lambda kte: (-len(kte[1]), kte)):
        n = len(target)
        i = 0
        while i + n <= len(text):
            doubt = None if doubtful is None else doubtful[i:i + n]
            if not any(taken[i:i + n]) and _fits(text[i:i + n], target, kind, doubt, exact):
                hits.append((kind, i, i + n))
                for j in range(i, i + n):
                    taken[j] = True
                i += n
            else:
                i += 1
    return hits


def page_hits(page: PageReading, targets: dict[str, set[str]], drop: float) -> list[dict[str, Any]]:
    """Matches on one OCR'd page: target, matched text, boxes (one per line of text it lies on) and their union bbox
    in stored pixels, and whether a grey mask lies on it. Blocks first, for the matches that run from one line onto
    the next; then rows (boxes of one visual row), for the rest."""
    lines = page.get("lines", [])
    boxes = [ln["b"] for ln in lines]
    # each sequence: the line indices read one after the other, and for each the part (row stretch) it belongs to
    sequences = [[(i, k) for k, seg in enumerate(block) for i in seg]
                 for block in blocks(boxes, page.get("rules")) if len(block) > 1]
    sequences += [[(i, 0) for i in row] for row in rows(boxes)]
    frame = page["frame"]
    out = []
    taken: set[tuple[int, int]] = set()  # (line, character) already in a match: a wrapped match wins over its half
    for seq in sequences:
        chars = []  # (character, line index, index in the line's text, part)
        for i, part in seq:
            norm, index = _norm(lines[i]["t"])
            chars.extend((c, i, index[k], part) for k, c in enumerate(norm))
        text = "".join(c[0] for c in chars)
        doubtful = [lines[i].get("s", 1.0) < DOUBT for _, i, _, _ in chars]
        for kind, start, end in find(text, targets, doubtful):
            span = chars[start:end]
            parts = sorted({part for *_, part in span})
            if len(parts) == 1 and any(p for _, p in seq):
                continue  # a block's match within one line: its row finds it
            if any((i, k) in taken for _, i, k, _ in span):
                continue
            taken.update((i, k) for _, i, k, _ in span)
            part_boxes, shade, around = [], [], []
            for part in parts:
                pieces = []
                for i in sorted({i for _, i, _, p in span if p == part}):
                    line = lines[i]
                    idx = [k for _, j, k, p in span if j == i]
                    w = (line["b"][2] - line["b"][0]) / max(len(line["t"]), 1)
                    pieces.append([line["b"][0] + w * min(idx), line["b"][1], line["b"][0] + w * (max(idx) + 1),
                                   line["b"][3]])
                    paper = line.get("paper", [])
                    shade.extend(paper[k] for k in idx if k < len(paper))
                    around.extend(v for k, v in enumerate(paper) if k not in idx)
                part_boxes.append([min(q[0] for q in pieces), min(q[1] for q in pieces), max(q[2] for q in pieces),
                                   max(q[3] for q in pieces)])
            stored = [to_original(bx, page["rotation"] or 0, frame["scale"], frame["width"], frame["height"],
                                  page.get("flat")) for bx in part_boxes]
            bbox = [min(q[0] for q in stored), min(q[1] for q in stored), max(q[2] for q in stored),
                    max(q[3] for q in stored)]
            out.append({"target": kind, "text": "".join(c[0] for c in span), "bbox": bbox, "boxes": stored,
                        "see_through": _see_through(shade, around, page.get("paper", 255), drop)})
            if page.get("flat"):  # a photographed page: the parts' exact corners, for fix's flattened copy
                out[-1]["quads"] = [[[round(x, 1), round(y, 1)] for x, y in stored_quad(
                    bx, page["rotation"] or 0, frame["scale"], frame["width"], frame["height"], page["flat"])]
                    for bx in part_boxes]
    return out


def _see_through(shade: list[float], around: list[float], paper: float, drop: float) -> bool:
    """A grey or translucent mask lies on the match: its characters sit on paper clearly darker than the page's (all
    but one: a character's slot is an estimate and may straddle the mask's edge), while the rest of its line sits on
    the page's own paper. Without that contrast (a tinted band, a shadow across a phone photo, white on black, a
    match that fills its line) the name is simply visible: K101, not K104."""
    if not shade or len(around) < 2:
        return False
    dark = sum(1 for v in shade if v < paper - 1.5 * drop)
    return dark >= max(1, len(shade) - 1) and statistics.median(around) >= paper - drop / 2


def _masked(text: str) -> str:
    return text[:1] + "*" * (len(text) - 1)



def levels(item: Item | None) -> dict[str, str]:
    """How visible name and unit count on an item's pages: "error", "warning" or "exempt" for each target."""
    setting = item.get("masking") if item is not None else "required"
    if isinstance(setting, dict):
        return {k: setting.get(k, "error") for k in TARGETS}
    return {k: "exempt" if setting == "exempt" else "error" for k in TARGETS}


def _is_template(ctx: Context) -> list[str]:
    """The profile fields still holding the template's placeholder."""
    profile, placeholders = ctx.profile, template_values()
    return [k for k, values in (("name", [profile.name, *profile.name_variants]),
                                ("unit", [profile.unit, *profile.unit_variants]))
            if any(v in placeholders[k] for v in values if v)]


def check(ctx: Context) -> Iterable[Finding]:
    template = _is_template(ctx)
    if template:
        shown = "、".join(sorted(v for k in template for v in template_values()[k]))
        yield Finding("K107", args={"placeholder": shown}, evidence={"fields": template})
        return  # searching for 张三 would pass any dossier
    targets = variants(ctx)
    missing = [k for k in ("name", "unit") if not targets[k]]
    if missing:
        yield Finding("K105", args={"target": [TARGETS[k] for k in missing]}, evidence={"missing": missing})
    if not any(targets.values()):
        return
    needed = [(f, item, facts, levels(item)) for f, item, facts in ctx.inspected()
              if item is not None and ctx.applies(item) and set(levels(item).values()) != {"exempt"}]
    drop = ctx.threshold("see_through_drop")
    for f, item, facts, level in needed:
        wanted = {k: v for k, v in targets.items() if level[k] != "exempt"}
        hint = item.get("masking_hint")
        extra = Text(hint, item.get("masking_hint_en") or hint) if hint else None
        pdf = facts.get("pdf") or {}
        for number, text in enumerate(pdf.get("text", []), 1):
            norm, _ = _norm(text)
            for kind, start, end in find(norm, wanted, [False] * len(norm)):  # a text layer holds no OCR slips
                yield Finding("K103" if level[kind] == "error" else "K108", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "target": TARGETS[kind],
                                    "text": _masked(norm[start:end]), "page": number},
                              evidence={"target": kind, "page": number, "text": _masked(norm[start:end]),
                                        "source": "text_layer"}, extra_hint=extra)
        for page in readings(facts):
            number = page.get("page")
            if page.get("status") == "failed":
                yield Finding("K106", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number)}, evidence={"detail": page.get("detail")})
                continue
            for hit in page_hits(page, wanted, drop):
                if level[hit["target"]] != "error":
                    code = "K108"
                else:
                    code = "K104" if hit["see_through"] else ("K101" if hit["target"] == "name" else "K102")
                yield Finding(code, item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "target": TARGETS[hit["target"]],
                                    "text": _masked(hit["text"])},
                              evidence={"target": hit["target"], "bbox": hit["bbox"], "boxes": hit["boxes"],
                                        "page": number, "text": _masked(hit["text"]),
                                        "see_through": hit["see_through"],
                                        **({"quads": hit["quads"]} if "quads" in hit else {})},
                              extra_hint=extra)


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """信息遮盖（盲评，第 14 项）：要求遮盖的各项附件中，本人姓名和工作单位都必须完全盖住。逐页识别文字，
PDF 还读取其文字层。

- K101 页面上能看到本人姓名；K102 能看到工作单位；
- K103 PDF 的文字层里有姓名或单位：即使画了黑框也能复制出来；
- K104 姓名或单位在半透明或灰色遮盖下仍能看清，算作没有遮盖；
- K105 applicant.yaml 没有填写姓名（或单位），无法检查；
- K106 有一页无法识别文字，这一页的遮盖没有检查。

识别允许 OCR 的小误差：applicant.yaml 中的其他写法（name_variants、unit_variants）、带或不带间隔号和空格的姓名、
清单中的单位简称（巴音郭楞蒙古自治州 → 巴州）、同一行相邻的几段文字、三个字以上姓名中的一个错字，以及姓名中两个相同的字被识别成一个（买买提 读成 买提；
至少剩三个字时才算，且其余各字须完全一致）。"""
