"""Format: what each file really is, by its bytes, against what its item accepts (the notice: 图片格式为jpg格式;
intellectual property as PDF).

- F101 the content is not an accepted format (a PNG, HEIC, WebP … where JPG is required; evidence.kind is the
  real type, whatever the extension says);
- F102 the extension contradicts the content (报告.jpg that is really a PNG; 证书.pdf that is a JPEG);
- F103 an office document (Word, Excel, WPS) instead of a scan;
- F104 a CMYK JPEG: browsers and the platform often show it with wrong colours or not at all;
- F105 an archive (zip, rar, 7z) inside the dossier;
- F106 not an image or a PDF at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text

E, W = Severity.ERROR, Severity.WARNING
KINDS = {
    "jpeg": Text("JPG 图片", "a JPEG image"), "png": Text("PNG 图片", "a PNG image"),
    "gif": Text("GIF 图片", "a GIF image"), "bmp": Text("BMP 图片", "a BMP image"),
    "webp": Text("WebP 图片", "a WebP image"), "tiff": Text("TIFF 图片", "a TIFF image"),
    "heic": Text("HEIC/HEIF 照片（苹果手机格式）", "a HEIC/HEIF photo (iPhone format)"),
    "pdf": Text("PDF 文件", "a PDF"), "office": Text("Office/WPS 文档", "an office document"),
    "archive": Text("压缩包", "an archive"), "text": Text("文本文件", "a text file"),
    "unknown": Text("无法识别的文件", "an unrecognised file"),
}
ACCEPTS = {"jpg": "jpeg", "pdf": "pdf"}
FAMILIES = (Family("format", Text("格式", "format")),)
SETTINGS = {"formats": {"type": "array", "items": {"enum": list(ACCEPTS)}, "minItems": 1, "default": ["jpg"],
                        "description": "formats the item accepts, by content (八(一)：图片格式为 jpg 格式)"}}
CODES = (
    Code("F101", "format", E, Text("格式不符", "wrong format"),
         Text("{file} 实际是 {kind}，此项只接受 {allowed}", "{file} is {kind}; this item accepts {allowed} only"),
         Text("{how}", "{how}")),
    Code("F102", "format", E, Text("扩展名与内容不符", "extension contradicts content"),
         Text("{file} 的扩展名是 {ext}，内容却是 {kind}", "{file} is named {ext} but is {kind}"),
         Text("不要只改扩展名：按内容转换格式，或把扩展名改成与内容一致。",
              "Do not just rename it: convert it, or give it the extension that matches its content.")),
    Code("F103", "format", E, Text("文档不是扫描件", "office document"),
         Text("{file} 是 Office/WPS 文档，平台只收扫描件", "{file} is an office document; upload scans"),
         Text("打印（盖章签字）后扫描为 JPG，或导出为 PDF 再转成图片。", "Print, sign/seal, and scan it to JPG.")),
    Code("F104", "format", W, Text("CMYK 颜色模式", "CMYK JPEG"),
         Text("{file} 是 CMYK 颜色模式的 JPG，网页上可能显示异常", "{file} is a CMYK JPEG and may show wrongly online"),
         Text("用看图软件另存为 RGB 颜色的 JPG，或运行 dossiercheck fix。",
              "Save it as an RGB JPEG, or run dossiercheck fix.")),
    Code("F105", "format", E, Text("压缩包", "archive"),
         Text("{file} 是压缩包，平台不能上传压缩包", "{file} is an archive; the platform takes no archives"),
         Text("解压后把文件放进对应的材料文件夹，再删除压缩包。", "Unpack it into the item folders and remove it.")),
    Code("F106", "format", E, Text("不是图片", "not an image"),
         Text("{file} 不是图片也不是 PDF（{kind}）", "{file} is neither an image nor a PDF ({kind})"),
         Text("换成扫描件，或把它移出材料文件夹。", "Replace it with a scan, or move it out of the dossier.")),
)

TO_PDF = Text("把扫描件合并导出为一个 PDF。", "Combine the scans into one PDF.")
FROM_PDF = Text("把 PDF 的每一页导出为 JPG 图片。", "Export each page of the PDF as a JPEG image.")
CONVERT = Text("用看图软件或手机相册“另存为 JPG”，或运行 dossiercheck fix 自动生成转换后的副本。",
               "Save it as JPEG from an image viewer, or run dossiercheck fix for a converted copy.")


def check(ctx: Context) -> Iterable[Finding]:
    for f, item, facts in ctx.inspected(readable=False):
        kind = facts.get("kind")
        if kind is None or kind == "empty":
            continue
        args = {"file": f.rel, "kind": KINDS.get(kind, KINDS["unknown"]), "ext": facts.get("ext") or "（无）"}
        if kind == "office":
            yield Finding("F103", item=f.item, file=f.rel, args=args, evidence={"kind": kind})
            continue
        if kind == "archive":
            yield Finding("F105", item=f.item, file=f.rel, args=args, evidence={"kind": kind})
            continue
        if kind in ("text", "unknown"):
            yield Finding("F106", item=f.item, file=f.rel, args=args, evidence={"kind": kind})
            continue
        allowed = ctx.setting(item, "formats")
        if kind not in {ACCEPTS[a] for a in allowed}:
            target = ACCEPTS[allowed[0]]
            how = TO_PDF if target == "pdf" else FROM_PDF if kind == "pdf" else CONVERT
            yield Finding("F101", item=f.item, file=f.rel, evidence={"kind": kind, "allowed": allowed},
                          args={**args, "allowed": "/".join(a.upper() for a in allowed), "how": how})
        if not facts.get("ext_ok", True):
            yield Finding("F102", item=f.item, file=f.rel, args=args, evidence={"kind": kind, "ext": facts.get("ext")})
        if kind == "jpeg" and facts.get("mode") == "CMYK":
            yield Finding("F104", item=f.item, file=f.rel, args=args, evidence={"mode": "CMYK"})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """格式：按文件的实际内容（不看扩展名）判断它是什么，再对照这一项接受的格式（通知：图片格式为 jpg 格式；
知识产权为 PDF）。

- F101 内容不是这一项接受的格式（要 JPG 的地方放了 PNG、HEIC、WebP 等）；
- F102 扩展名与内容不符（报告.jpg 实际是 PNG，证书.pdf 实际是 JPG）；
- F103 Word、Excel、WPS 文档，不是扫描件；
- F104 CMYK 颜色模式的 JPG：浏览器和平台上常常颜色不对或显示不出来；
- F105 材料文件夹里有压缩包（zip、rar、7z）；
- F106 既不是图片也不是 PDF。"""
