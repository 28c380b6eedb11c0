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
characters or shorter (和静县 is not 和硕县); a slip in the generic tail never reads another kind of unit
(广播电视台 is not 广播电视大学, where the text goes on into another generic tail). evidence: target (name|unit), boxes (one [x0, y0, x1, y1] per part in
the stored image's pixels), bbox (their union), page (PDFs), text (the match with all but its first character as *).

PASS: the name under an opaque black box. FAIL: 王晓梅同志申报… in clear text, or under a grey see-through box.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checklist import Item
from dossiercheck.checks import Context
from dossiercheck.facts import readings
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.i18n import Text
from dossiercheck.matching import find, masked, normalise, page_hits, targets_for
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


def variants(ctx: Context) -> dict[str, set[str]]:
    profile = ctx.profile
    return targets_for([profile.name, *profile.name_variants], [profile.unit, *profile.unit_variants],
                       ctx.checklist.abbreviations)


def levels(item: Item | None) -> dict[str, str]:
    """How visible name and unit count on an item's pages: "error", "warning" or "exempt" for each target."""
    setting = item.setting("masking") if item is not None else "required"
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
        hint = item.setting("masking_hint")
        extra = Text(hint, item.setting("masking_hint_en") or hint) if hint else None
        pdf = facts.get("pdf") or {}
        for number, text in enumerate(pdf.get("text", []), 1):
            norm, _ = normalise(text)
            for kind, start, end in find(norm, wanted, [False] * len(norm)):  # a text layer holds no OCR slips
                yield Finding("K103" if level[kind] == "error" else "K108", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "target": TARGETS[kind],
                                    "text": masked(norm[start:end]), "page": number},
                              evidence={"target": kind, "page": number, "text": masked(norm[start:end]),
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
                                    "text": masked(hit["text"])},
                              evidence={"target": hit["target"], "bbox": hit["bbox"], "boxes": hit["boxes"],
                                        "page": number, "text": masked(hit["text"]),
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
