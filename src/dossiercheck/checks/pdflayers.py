"""PDF layers: what a reader sees on a PDF page and what its text layer holds must agree (masking, item 14).

Each page is rendered and every character of its text layer is looked for in the render (inspect/pdf.py):

- K201 text under an opaque box: covered to the eye, but it can be selected and copied out (the failed redaction:
  a box drawn over the text, not the text removed). Text drawn *on top of* a box is visible and is not reported;
- K202 invisible text: white on white, or drawn invisibly where the page shows nothing;
- K203 text outside the crop box: cut from view, still in the file;
- K204 the document's properties (/Title, /Author, …, XMP) hold the applicant's name or unit.

evidence: page, kind (covered | invisible | outside), chars (how many), bbox [x0, y0, x1, y1] in points of the
displayed page from its top left; K204: fields, target. The text itself is never shown, only its first character.
``dossiercheck fix`` rebuilds such a PDF from its rendered pages, which leaves no text layer and no metadata.

PASS: x-ray's rect_ordering_4.1.pdf (text drawn on grey boxes). FAIL: x-ray's rectangles_yes.pdf (K201).
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.checks.masking import TARGETS, levels, variants
from dossiercheck.findings import Code, Finding, Severity, where
from dossiercheck.i18n import Text
from dossiercheck.matching import find, normalise

E, W = Severity.ERROR, Severity.WARNING
REBUILD = Text("删除这些文字后重新导出 PDF，或运行 dossiercheck fix（把页面转成图片，去掉文字层）。",
               "Delete that text and export the PDF again, or run dossiercheck fix (pages become images, the text "
               "layer goes).")
CODES = (
    Code("K201", "masking", E, Text("PDF 色块下仍有文字", "text under a box"),
         Text("{file}{where} 有 {chars} 个字（{text}）被色块盖住，但仍在文字层中，可以复制出来",
              "{file}{where}: {chars} characters ({text}) are covered by a box but still in the text layer; they "
              "can be copied out"), REBUILD),
    Code("K202", "masking", W, Text("PDF 隐藏文字", "invisible text"),
         Text("{file}{where} 有 {chars} 个看不见的字（{text}，白色或隐藏文字），但能复制出来",
              "{file}{where}: {chars} invisible characters ({text}, white or hidden text) can be copied out"),
         REBUILD),
    Code("K203", "masking", W, Text("PDF 页面外文字", "text outside the page"),
         Text("{file}{where} 有 {chars} 个字（{text}）在裁剪框外，看不见但仍在文件中",
              "{file}{where}: {chars} characters ({text}) lie outside the crop box; unseen but still in the file"),
         REBUILD),
    Code("K204", "masking", E, Text("PDF 属性泄露", "PDF properties leak"),
         Text("{file} 的文档属性（{fields}）中有{target}", "{file}: the document properties ({fields}) hold {target}"),
         Text("在导出 PDF 时清空标题、作者等属性，或运行 dossiercheck fix。",
              "Clear the title, author and other properties when exporting, or run dossiercheck fix.")),
)
BY_KIND = {"covered": "K201", "invisible": "K202", "outside": "K203"}


def check(ctx: Context) -> Iterable[Finding]:
    targets = variants(ctx)
    for f, item, facts in ctx.inspected():
        pdf = facts.get("pdf")
        if not pdf or (item is not None and not ctx.applies(item)):
            continue
        for view in pdf.get("views", []):
            number = view["page"]
            for run in view.get("hidden", []):
                text = run["first"] + "*" * (run["chars"] - 1)
                yield Finding(BY_KIND[run["kind"]], item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "chars": run["chars"], "text": text},
                              evidence={"page": number, "kind": run["kind"], "chars": run["chars"],
                                        "bbox": run["bbox"], "text": text})
        wanted = {k: v for k, v in targets.items() if levels(item)[k] == "error"} if item is not None else {}
        if not any(wanted.values()):
            continue
        leaks: dict[str, list[str]] = {}
        for field, value in (pdf.get("meta") or {}).items():
            for kind, _, _ in find(normalise(value)[0], wanted):
                leaks.setdefault(kind, []).append(field)
        for kind, fields in leaks.items():
            yield Finding("K204", item=f.item, file=f.rel,
                          args={"file": f.rel, "fields": sorted(set(fields)), "target": TARGETS[kind]},
                          evidence={"fields": sorted(set(fields)), "target": kind})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """PDF 图层：PDF 页面上看到的内容和它的文字层必须一致（信息遮盖，第 14 项）。

每一页都会渲染成图片，再逐字查看文字层里的每个字在图片上是否看得见（inspect/pdf.py）：

- K201 文字被不透明的方块盖住：眼睛看不到，但仍能选中、复制出来（没有真正删除文字，只是在上面画了个框）。
  画在方块上面、看得见的文字不报告；
- K202 看不见的文字：白底白字，或以不可见方式写入、页面上什么也不显示的文字；
- K203 文字在裁剪框以外：页面上看不到，但仍在文件里；
- K204 文档属性（标题、作者等，及 XMP）中有申报人的姓名或单位。

evidence：page（页码）、kind（covered 被盖住 | invisible 看不见 | outside 在裁剪框外）、chars（字数）、
bbox [x0, y0, x1, y1]（显示页面上以左上角为原点的点坐标）；K204：fields、target。文字本身从不显示，只显示第一个字。
dossiercheck fix 会用渲染后的页面重建这样的 PDF，重建后没有文字层，也没有文档属性。

通过：x-ray 的 rect_ordering_4.1.pdf（文字写在灰色方块上）。不通过：x-ray 的 rectangles_yes.pdf（K201）。"""
