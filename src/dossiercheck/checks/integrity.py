"""Integrity: does the file open at all? The notice: 附件材料无法打开……后果由申报人员自行承担.

- I101 an empty (zero-byte) file;
- I102 a truncated or corrupt image (every byte is decoded, so an interrupted copy is caught);
- I103 an image whose declared size would be a decompression bomb (it is never decoded);
- I104 an encrypted PDF that opens only with a password;
- I105 a PDF that cannot be parsed;
- I106 a PDF with no pages;
- I107 a file that vanished or could not be read during the check, or is not a regular file;
- I108 a link that points outside the dossier (it is not followed);
- I109 an image whose EXIF block is damaged (it opens, but some viewers stumble on it);
- I120 a PDF with more pages than the check reads (MAX_PAGES in inspect/pdf.py); I121 a PDF page larger than any
  paper (a page bomb); neither is decoded. A PDF embedding an image past the pixel limit is I103;
- I110–I114, for dossiers in zip files: a garbled file name, an entry that would escape the folder (absolute path or
  ..), an entry too large or compressed past belief (a zip bomb), an encrypted entry, an entry that cannot be read;
- I115 a file name that is not valid text (shown with �); I116 a name the zip holds twice, or one that cannot be
  unpacked beside another (x.jpg and x.jpg/y.jpg) or at all (too long for the file system);
- I122 a PDF too complex to open within the check's budgets (memory, time per page and file, drawing operators per
  page, metadata size: inspect/pdf.py, inspect/guard.py); a viewer or the platform would choke on it too.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text, os_words

E, W = Severity.ERROR, Severity.WARNING
FAMILIES = (Family("integrity", Text("文件损坏", "broken files")),)
RESCAN = Text("重新扫描或从原件重新导出，确认在电脑上能正常打开后再放回。",
              "Scan or export it again and make sure it opens before putting it back.")
CODES = (
    Code("I101", "integrity", E, Text("空文件", "empty file"), Text("{file} 是空文件（0 字节）", "{file} is empty (0 bytes)"),
         RESCAN),
    Code("I102", "integrity", E, Text("图片损坏", "broken image"),
         Text("{file} 已损坏或不完整，无法打开", "{file} is truncated or corrupt and cannot be opened"),
         Text("多见于复制中断。请从原件重新复制或重新扫描。", "Usually an interrupted copy: copy or scan it again.")),
    Code("I103", "integrity", E, Text("图片尺寸异常", "oversized image"),
         Text("{file} 声明的尺寸为 {size} 像素，过大，未打开", "{file} declares {size} pixels, too many to open"),
         Text("用正常分辨率（200–300 dpi）重新扫描。", "Scan again at a normal resolution (200–300 dpi).")),
    Code("I104", "integrity", E, Text("PDF 已加密", "encrypted PDF"),
         Text("{file} 有密码保护，平台和评审专家无法打开", "{file} is password-protected; reviewers cannot open it"),
         Text("去掉密码后重新导出 PDF。", "Export the PDF again without a password.")),
    Code("I105", "integrity", E, Text("PDF 损坏", "broken PDF"),
         Text("{file} 不是完整的 PDF，无法读取", "{file} is not a readable PDF"), RESCAN),
    Code("I106", "integrity", E, Text("PDF 无页面", "PDF without pages"),
         Text("{file} 中没有任何页面", "{file} has no pages"), RESCAN),
    Code("I107", "integrity", E, Text("无法读取", "unreadable"),
         Text("检查时无法读取 {file}（{detail}）", "{file} could not be read during the check ({detail})"),
         Text("确认文件还在、没有被其他程序占用，然后重新检查。", "Make sure the file exists and is not locked, then check again.")),
    Code("I108", "integrity", E, Text("指向文件夹外的链接", "link outside the dossier"),
         Text("{file} 是指向材料文件夹以外的快捷方式/链接，未读取", "{file} is a link to outside the dossier; not read"),
         Text("把真正的文件复制进来，替换这个链接。", "Copy the real file in place of the link.")),
    Code("I109", "integrity", W, Text("EXIF 信息损坏", "damaged EXIF"),
         Text("{file} 的 EXIF 信息已损坏", "{file} has a damaged EXIF block"),
         Text("用看图软件另存一份 JPG。", "Save a fresh copy as JPG from an image viewer.")),
)

CODES += (
    Code("I120", "integrity", E, Text("PDF 页数过多", "too many PDF pages"),
         Text("{file} 有 {size} 页，超过检查上限，未逐页检查", "{file} has {size} pages, more than the check reads"),
         Text("只保留这一项需要的页面，分成几个文件后重新导出。", "Keep only the pages this item needs, in smaller files.")),
    Code("I121", "integrity", E, Text("PDF 页面尺寸异常", "oversized PDF page"),
         Text("{file} 有 {size} 磅的页面，远超任何纸张，未打开", "{file} has a page of {size} points, larger than any paper; "
              "not opened"),
         Text("按 A4 纸张大小重新导出或扫描。", "Export or scan it again at A4 size.")),
)
CODES += (
    Code("I122", "integrity", E, Text("PDF 过于复杂", "PDF too complex"),
         Text("{file} 过于复杂（{detail}），超出检查的上限，无法打开", "{file} is too complex to open ({detail}), past the "
              "check's limits"),
         Text("用“打印为 PDF”重新生成，或打印后重新扫描成 PDF；确认能在电脑上很快打开后再放回。",
              "Make it again with \"Print to PDF\", or print and scan it; make sure it opens quickly, then put it "
              "back.")),
)
ZIP = Text("在自己的电脑上解压检查后，用系统自带的“发送到→压缩文件”重新打包（不要加密码）。",
           "Unpack it on your computer, check it, and zip it again without a password.")
CODES += (
    Code("I110", "integrity", W, Text("文件名乱码", "garbled name"),
         Text("压缩包中的文件名无法识别：{name}", "A file name in the zip cannot be decoded: {name}"), ZIP),
    Code("I111", "integrity", E, Text("不安全的路径", "unsafe path"),
         Text("压缩包中的 {name} 指向文件夹以外，已拒绝", "Zip entry {name} points outside the folder; refused"), ZIP),
    Code("I112", "integrity", E, Text("压缩包文件过大", "zip entry too large"),
         Text("压缩包中的 {name} 解压后过大，已跳过", "Zip entry {name} unpacks too large; skipped"), ZIP),
    Code("I113", "integrity", E, Text("压缩包加密", "encrypted zip entry"),
         Text("压缩包中的 {name} 有密码，无法检查", "Zip entry {name} is encrypted; not checked"), ZIP),
    Code("I114", "integrity", E, Text("压缩包损坏", "broken zip entry"),
         Text("压缩包中的 {name} 无法解压", "Zip entry {name} cannot be unpacked"), ZIP),
    Code("I115", "integrity", E, Text("文件名无法识别", "undecodable file name"),
         Text("文件名含有无法识别的字符：{name}，未检查", "A file name is not valid text: {name}; not checked"),
         Text("把文件改成普通的中文或英文名称后再检查。", "Rename the file with plain Chinese or English characters.")),
    Code("I116", "integrity", E, Text("压缩包文件名冲突", "conflicting zip entry"),
         Text("压缩包中的 {name} 无法解压（{detail}），未检查", "Zip entry {name} cannot be unpacked ({detail}); "
              "not checked"), ZIP),
)

BY_ERROR = {"empty": "I101", "truncated": "I102", "corrupt": "I102", "bomb": "I103", "encrypted": "I104",
            "broken": "I105", "no_pages": "I106", "vanished": "I107", "unreadable": "I107", "not_regular": "I107",
            "outside_link": "I108", "too_many_pages": "I120", "page_too_large": "I121"}
BY_ERROR["too_complex"] = "I122"
DETAILS = {"vanished": Text("文件已不存在", "it no longer exists"), "not_regular": Text("不是普通文件", "not a regular file")}
COMPLEX = {"memory": Text("超出内存上限", "over the memory limit"), "time": Text("超出时间上限", "over the time limit"),
           "content": Text("绘图指令过多", "too many drawing operations"), "metadata": Text("元数据过大", "metadata too large")}


def check(ctx: Context) -> Iterable[Finding]:
    for problem in ctx.dossier.problems:
        yield Finding(problem["code"], file=problem["name"], args={"name": problem["name"], "file": problem["name"],
                                                                   "detail": os_words(problem.get("detail", ""))},
                      evidence={k: v for k, v in problem.items() if k != "code"})
    for f, _item, facts in ctx.inspected(readable=False):
        error = facts.get("error")
        if error:
            code = BY_ERROR[error["code"]]
            detail = DETAILS.get(error["code"], os_words(error.get("detail") or error["code"]))
            if error["code"] == "too_complex":
                detail = COMPLEX.get(error.get("detail", ""), detail)
            yield Finding(code, item=f.item, file=f.rel, args={"file": f.rel, "size": error.get("detail", ""),
                                                               "detail": detail}, evidence={"error": error["code"]})
        elif facts.get("exif_ok") is False:
            yield Finding("I109", item=f.item, file=f.rel, args={"file": f.rel})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """完整性：文件能不能打开？通知：附件材料无法打开……后果由申报人员自行承担。

- I101 空文件（0 字节）；
- I102 图片不完整或已损坏（逐字节解码，复制中断也能发现）；
- I103 图片声明的尺寸大得异常（不会去解码它）；
- I104 PDF 有密码；I105 PDF 无法读取；I106 PDF 没有页面；
- I107 检查过程中文件不见了、读不了，或不是普通文件；
- I108 指向材料文件夹以外的链接（不会跟随）；
- I109 图片的 EXIF 信息损坏（能打开，但有的看图软件会出错）；
- I120 PDF 页数超过检查的上限；I121 PDF 页面大得不合常理；I122 PDF 过于复杂，超出检查的内存、时间或绘图指令上限；
- I110–I114 zip 压缩包里的问题：文件名乱码、路径越出文件夹、压缩比异常（压缩炸弹）、加密、无法读取。"""
