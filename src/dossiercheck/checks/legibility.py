"""Legibility: can a reviewer read the page? The notice: 各项栏目要求扫描正面上传清晰的电子版材料.

- L101 too few pixels for the paper size: an A4 page needs the item's ``min_dpi`` (150 by default) on both sides;
  the size is judged from the pixels and the page kind (a4, card, photo), never from the DPI tag;
- L102 blurred: the sharpness measure (see inspect/image.py) is below ``blur_min_sharpness``;
- L103 blank or nearly blank: almost no ink on the page;
- L104 too dark; L105 too little contrast between ink and paper;
- L106 the file is larger than the item's ``max_bytes``; L107 more pixels than its ``max_pixels``.

Thresholds come from the checklist's ``thresholds:`` and fall back to THRESHOLDS here, which were calibrated on the
demo pages blurred step by step (README, "Calibration").
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.facts import PdfView, Quality
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.i18n import Text

E, W = Severity.ERROR, Severity.WARNING
FAMILIES = (Family("legibility", Text("不清晰", "illegible")),)
THRESHOLDS = {
    "blur_min_sharpness": 1.0,   # sharp text pages score 3–5; Gaussian blur of 3 px at 150 dpi scores 0.6–0.9
    "blank_max_ink": 0.003,      # share of ink pixels; the sparsest demo page (a certificate) has 0.02
    "dark_max_median": 90,       # median luminance of a page that is too dark to read comfortably
    "contrast_min": 60,          # paper minus darkest ink
    "dpi_tolerance": 0.9,        # scanners crop margins: accept 90 % of the nominal pixel size
}
PAGE_MM = {"a4": (210, 297), "card": (54, 85.6), "photo": (25, 35)}
SETTINGS = {
    "min_dpi": {"type": "integer", "minimum": 50, "maximum": 1200, "default": 150},
    "page": {"enum": [*PAGE_MM, "any"], "default": "a4", "description": "paper size the scan shows"},
    "max_bytes": {"type": "integer", "minimum": 1000, "default": 10_000_000},
    "max_pixels": {"type": "integer", "minimum": 10000, "default": 40_000_000},
}
RESCAN = Text("重新扫描：放平、对焦，分辨率 200–300 dpi。", "Scan again: flat, in focus, 200–300 dpi.")
CODES = (
    Code("L101", "legibility", E, Text("分辨率太低", "resolution too low"),
         Text("{file} 只有 {width}×{height} 像素，约 {dpi} dpi，低于要求的 {min_dpi} dpi",
              "{file} is {width}×{height} pixels, about {dpi} dpi, below the {min_dpi} dpi required"),
         Text("用 200–300 dpi 重新扫描；不要用截图或微信压缩过的图片。",
              "Scan again at 200–300 dpi; do not use screenshots or images compressed by chat apps.")),
    Code("L102", "legibility", E, Text("图片模糊", "blurred"),
         Text("{file} 模糊不清（清晰度 {sharpness}，至少需要 {min}）", "{file} is blurred (sharpness {sharpness}, "
              "at least {min} needed)"), RESCAN),
    Code("L103", "legibility", E, Text("空白页", "blank page"),
         Text("{file} 几乎是空白页", "{file} is blank or nearly blank"),
         Text("检查是否扫描了背面或漏放了原件，换成正确的页面。", "Check whether the wrong side was scanned.")),
    Code("L104", "legibility", W, Text("太暗", "too dark"),
         Text("{file} 太暗（亮度中位数 {median}）", "{file} is too dark (median brightness {median})"),
         Text("在光线充足处重新扫描或拍摄，关闭阴影。", "Scan or photograph it again in good light.")),
    Code("L105", "legibility", W, Text("对比度太低", "low contrast"),
         Text("{file} 字迹和纸面对比度太低（{contrast}）", "{file} has little contrast between ink and paper ({contrast})"),
         RESCAN),
    Code("L106", "legibility", W, Text("文件太大", "file too large"),
         Text("{file} 有 {mb} MB，超过此项建议的 {max_mb} MB", "{file} is {mb} MB, over this item's {max_mb} MB"),
         Text("降低分辨率（300 dpi 足够）或 JPG 质量后另存，或运行 dossiercheck fix。",
              "Save it at 300 dpi or lower JPEG quality, or run dossiercheck fix.")),
    Code("L107", "legibility", W, Text("像素太多", "too many pixels"),
         Text("{file} 有 {mp} 百万像素，超过此项建议的 {max_mp} 百万像素",
              "{file} has {mp} megapixels, over this item's {max_mp}"),
         Text("缩小到 300 dpi 左右再上传，或运行 dossiercheck fix。", "Downscale to about 300 dpi, or run dossiercheck fix.")),
)


def _dpi(width: int, height: int, page: str) -> int | None:
    mm = PAGE_MM.get(page)
    if mm is None:
        return None
    short, long = sorted((width, height))
    return int(min(short / (mm[0] / 25.4), long / (mm[1] / 25.4)))


def check(ctx: Context) -> Iterable[Finding]:
    t = {k: ctx.threshold(k) for k in THRESHOLDS}
    for f, item, facts in ctx.inspected():
        base = {"file": f.rel}

        def finding(code: str, evidence: dict, **args: object) -> Finding:
            return Finding(code, item=f.item, file=f.rel, args={**base, **args}, evidence=evidence)  # noqa: B023

        size = f.size
        max_bytes = ctx.setting(item, "max_bytes")
        if size > max_bytes:
            yield finding("L106", {"bytes": size, "max_bytes": max_bytes}, mb=round(size / 1e6, 1),
                          max_mb=round(max_bytes / 1e6, 1))
        if "width" not in facts:  # a PDF: each rendered page is judged like an image; pixels are not its measure
            for view in (facts.get("pdf") or {}).get("views", []):
                yield from _page(ctx, f, item, view, t)
            continue
        width, height = facts["width"], facts["height"]
        max_pixels = ctx.setting(item, "max_pixels")
        if width * height > max_pixels:
            yield finding("L107", {"pixels": width * height, "max_pixels": max_pixels},
                          mp=round(width * height / 1e6, 1), max_mp=round(max_pixels / 1e6, 1))
        page, min_dpi = ctx.setting(item, "page"), ctx.setting(item, "min_dpi")
        dpi = _dpi(width, height, page)
        if dpi is not None and dpi < min_dpi * t["dpi_tolerance"]:
            yield finding("L101", {"width": width, "height": height, "dpi": dpi, "min_dpi": min_dpi, "page": page},
                          width=width, height=height, dpi=dpi, min_dpi=min_dpi)
        yield from _quality(f, item, facts.get("quality") or {}, t, None)


def _page(ctx: Context, f, item, view: PdfView, t: dict) -> Iterable[Finding]:
    """One rendered PDF page: a scan on it is judged by its own resolution, then the page's quality."""
    number, dpi, min_dpi = view["page"], view.get("scan_dpi"), ctx.setting(item, "min_dpi")
    if dpi is not None and dpi < min_dpi * t["dpi_tolerance"]:
        width, height = (round(view[k] / 72 * dpi) for k in ("width", "height"))
        yield Finding("L101", item=f.item, file=f.rel, page=number,
                      args={"file": _name(f, number), "width": width, "height": height, "dpi": dpi,
                            "min_dpi": min_dpi},
                      evidence={"width": width, "height": height, "dpi": dpi, "min_dpi": min_dpi, "page": number})
    yield from _quality(f, item, view.get("quality") or {}, t, number)


def _name(f, number: int | None) -> str | Text:
    """The file, and the PDF page the finding is about."""
    if number is None:
        return f.rel
    return Text(f.rel + where(number).zh, f.rel + where(number).en)


def _quality(f, item, q: Quality, t: dict, number: int | None) -> Iterable[Finding]:
    if not q:
        return
    def finding(code: str, evidence: dict, **args: object) -> Finding:
        return Finding(code, item=f.item, file=f.rel, page=number, args={"file": _name(f, number), **args},
                       evidence=evidence)

    if q["ink"] < t["blank_max_ink"]:
        yield finding("L103", {"ink": q["ink"], "max_ink": t["blank_max_ink"]})
        return
    if item is not None and item.setting("photo"):
        return  # a portrait is smooth and may be dark; the photo checks judge it
    if q["sharpness"] < t["blur_min_sharpness"]:
        yield finding("L102", {"sharpness": q["sharpness"], "min": t["blur_min_sharpness"]},
                      sharpness=q["sharpness"], min=t["blur_min_sharpness"])
    if q["median"] < t["dark_max_median"]:  # a dark page has little contrast too; one finding, one fix
        yield finding("L104", {"median": q["median"], "max": t["dark_max_median"]}, median=q["median"])
    elif q["contrast"] < t["contrast_min"]:
        yield finding("L105", {"contrast": q["contrast"], "min": t["contrast_min"]}, contrast=q["contrast"])


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """清晰度：评审专家能不能看清？通知：各项栏目要求扫描正面上传清晰的电子版材料。

- L101 像素太少：按纸张大小（A4、证件、照片）算出的分辨率低于这一项的 min_dpi（默认 150 dpi），不看文件里的 DPI 标记；
- L102 模糊：清晰度低于 blur_min_sharpness；
- L103 空白页或几乎空白；
- L104 太暗；L105 字迹和纸面对比度太低；
- L106 文件大于这一项的 max_bytes；L107 像素多于 max_pixels。

各项界限可以在清单的 thresholds: 中调整，默认值按示例页面逐级模糊后校准（见 README“Calibration”）。"""
