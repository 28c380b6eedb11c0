"""Masking (盲评, item 14): the applicant's own name and work unit must be covered in every attachment whose item
requires it. Read by OCR from every page, and from the text layer of PDFs.

- K101 the name is readable on a page; K102 the work unit is;
- K103 a PDF's text layer holds the name or unit: it can be copied out even under a black box;
- K104 the name or unit is readable under a see-through (translucent or grey) mask: it counts as unmasked;
- K105 the profile has no name (or no unit), so this check could not run;
- K106 a page could not be read by OCR, so its masking is unchecked.

Matching tolerates OCR noise: variants from the profile (name_variants, unit_variants), names with or without the
middle dot and spaces (阿依古丽·买买提, 张 伟 明), unit abbreviations from the checklist (巴音郭楞蒙古自治州 → 巴州),
a name split over neighbouring boxes of one row, and one wrong character in names of three or more characters
(two in units of seven or more). evidence: target (name|unit), bbox [x0, y0, x1, y1] in the stored image's
pixels, page (PDFs), text (the match with all but its first character as *).

PASS: the name under an opaque black box. FAIL: 王晓梅同志申报… in clear text, or under a grey see-through box.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dossiercheck.checks import Context
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.i18n import Text
from dossiercheck.inspect.geometry import rows, to_original

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
         Text("把 PDF 打印后重新扫描，或导出为图片再合成 PDF（去掉文字层）；画框遮盖不能去掉文字层。",
              "Print and scan the PDF again, or export it as images and rebuild it; drawing boxes does not remove "
              "the text layer.")),
    Code("K104", "masking", E, Text("遮盖不严", "see-through mask"),
         Text("{file}{where}的{target}（{text}）透过半透明或灰色遮盖仍能看清",
              "{file}{where}: {target} ({text}) is still readable under a see-through mask"),
         Text("改用不透明的纯黑或纯白色块遮盖。", "Use an opaque black or white box."), ocr=True),
    Code("K105", "masking", W, Text("无法检查遮盖", "masking not checked"),
         Text("applicant.yaml 中没有填写{target}，无法检查附件是否遮盖", "applicant.yaml has no {target}; masking "
              "was not checked"),
         Text("在 applicant.yaml 中填写 name 和 unit（只在本机使用）。", "Fill in name and unit in applicant.yaml.")),
    Code("K106", "masking", W, Text("页面无法识别", "page not read"),
         Text("{file}{where}无法识别文字，未能检查遮盖", "{file}{where} could not be read; masking unchecked"),
         Text("请自己确认姓名和单位已遮盖；如图片异常请重新扫描。", "Check the masking yourself; rescan if the image is odd."), ocr=True),
)
FAMILIES = (Family("masking", Text("未遮盖", "unmasked")),)
SETTINGS = {
    "masking": {"enum": ["required", "exempt"], "default": "required",
                "description": "五(一)14：附件中的本人姓名及工作单位须遮盖; exempt for the ID card and photo"},
    "masking_hint": {"$ref": "#/$defs/text"},
    "masking_hint_en": {"$ref": "#/$defs/text"},
}
THRESHOLDS = {"see_through_drop": 25}  # paper behind the text this much darker than the page's paper: a grey mask
IGNORED = set(" \u3000·•・.．-－_—:：")  # OCR reads the middle dot of 阿依古丽·买买提 as any of these


def _norm(text: str) -> tuple[str, list[int]]:
    """Text without spaces, dots and dashes, with the index of each kept character in the original."""
    kept = [(ch, i) for i, ch in enumerate(text) if ch not in IGNORED]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def variants(ctx: Context) -> dict[str, set[str]]:
    profile = ctx.profile
    return targets_for([profile.name, *profile.name_variants], [profile.unit, *profile.unit_variants],
                       ctx.checklist.raw.get("abbreviations", {}))


def targets_for(names: list[str | None], units: list[str | None], abbreviations: dict[str, str]
                ) -> dict[str, set[str]]:
    """What to look for: the profile's names and units, normalised, with the checklist's abbreviations applied."""
    names = {n for n in names if n}
    units = {u for u in units if u}
    for unit in list(units):
        for long, short in abbreviations.items():
            if long in unit:
                units.add(unit.replace(long, short))
    return {"name": {_norm(n)[0] for n in names if len(_norm(n)[0]) >= 2},
            "unit": {_norm(u)[0] for u in units if len(_norm(u)[0]) >= 2}}


def allowed_errors(target: str, kind: str) -> int:
    if kind == "name":
        return 1 if len(target) >= 3 else 0
    return 2 if len(target) >= 7 else (1 if len(target) >= 4 else 0)


def find(text: str, targets: dict[str, set[str]]) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every match in ``text`` (normalised), longest targets first, no overlaps."""
    hits: list[tuple[str, int, int]] = []
    taken = [False] * len(text)
    for kind, target in sorted(((k, t) for k, ts in targets.items() for t in ts), key=lambda kt: -len(kt[1])):
        n, budget = len(target), allowed_errors(target, kind)
        i = 0
        while i + n <= len(text):
            window = text[i:i + n]
            misses = sum(a != b for a, b in zip(window, target, strict=True))
            if misses <= budget and not any(taken[i:i + n]):
                hits.append((kind, i, i + n))
                for j in range(i, i + n):
                    taken[j] = True
                i += n
            else:
                i += 1
    return hits


def page_hits(page: dict[str, Any], targets: dict[str, set[str]], drop: float) -> list[dict[str, Any]]:
    """Matches on one OCR'd page: target, matched text, bbox in stored pixels, and whether a grey mask lies on it."""
    out = []
    lines = page.get("lines", [])
    for row in ([lines[i] for i in r] for r in rows([ln["b"] for ln in lines])):
        chars: list[tuple[str, dict[str, Any], int]] = []  # (char, line, index in line text)
        for line in row:
            norm, index = _norm(line["t"])
            chars.extend((c, line, index[k]) for k, c in enumerate(norm))
        text = "".join(c for c, _, _ in chars)
        for kind, start, end in find(text, targets):
            span = chars[start:end]
            boxes, shade = [], []
            for line in {id(ln): ln for _, ln, _ in span}.values():
                idx = [i for _, ln, i in span if ln is line]
                n = max(len(line["t"]), 1)
                x0, y0, x1, y1 = line["b"]
                w = (x1 - x0) / n
                boxes.append([x0 + w * min(idx), y0, x0 + w * (max(idx) + 1), y1])
                shade.extend(line["paper"][i] for i in idx if i < len(line.get("paper", [])))
            box = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                   max(b[3] for b in boxes)]
            frame = page["frame"]
            bbox = to_original(box, page["rotation"] or 0, frame["scale"], frame["width"], frame["height"])
            see_through = bool(shade) and min(shade) < page.get("paper", 255) - drop
            out.append({"target": kind, "text": "".join(c for c, _, _ in span), "bbox": bbox,
                        "see_through": see_through})
    return out


def _masked(text: str) -> str:
    return text[:1] + "*" * (len(text) - 1)



def check(ctx: Context) -> Iterable[Finding]:
    targets = variants(ctx)
    missing = [k for k in ("name", "unit") if not targets[k]]
    needed = [(f, item, facts) for f, item, facts in ctx.inspected()
              if item is not None and item.masking_required and ctx.applies(item)]
    if missing and needed:
        yield Finding("K105", args={"target": [TARGETS[k] for k in missing]}, evidence={"missing": missing})
    if not any(targets.values()):
        return
    drop = ctx.threshold("see_through_drop")
    for f, item, facts in needed:
        pdf = facts.get("pdf") or {}
        for number, text in enumerate(pdf.get("text", []), 1):
            norm, _ = _norm(text)
            for kind, start, end in find(norm, targets):
                yield Finding("K103", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "page": number, "target": TARGETS[kind],
                                    "text": _masked(norm[start:end])},
                              evidence={"target": kind, "page": number, "text": _masked(norm[start:end]),
                                        "source": "text_layer"})
        for page in facts.get("ocr", []) + pdf.get("ocr", []):
            number = page.get("page")
            if page.get("status") == "failed":
                yield Finding("K106", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number)}, evidence={"detail": page.get("detail")})
                continue
            for hit in page_hits(page, targets, drop):
                code = "K104" if hit["see_through"] else ("K101" if hit["target"] == "name" else "K102")
                hint = item.get("masking_hint")
                yield Finding(code, item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "target": TARGETS[hit["target"]],
                                    "text": _masked(hit["text"])},
                              evidence={"target": hit["target"], "bbox": hit["bbox"], "page": number,
                                        "text": _masked(hit["text"]), "see_through": hit["see_through"]},
                              extra_hint=Text(hint, item.get("masking_hint_en") or hint) if hint else None)
