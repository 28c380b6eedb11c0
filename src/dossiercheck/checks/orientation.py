"""Orientation: every attachment must be uploaded upright (正向上传, item 15).

- O101 the image carries an EXIF orientation other than 1: a phone shows it upright, but the pixels are stored
  turned, and the platform may show them as stored. evidence.rotation is the clockwise turn, in degrees, that makes
  the stored pixels upright; evidence.mirrored is true for the rare mirrored orientations.
- O201 the page, read by its content, is not upright: evidence.rotation (clockwise degrees that make it upright)
  and evidence.confidence. Text pages are judged by OCR (line geometry, the 0/180 line classifier, and recognition
  both ways round when the classifier is unsure); the photo by where a face is found. Not raised when an EXIF
  orientation already explains the same turn (that is O101).
- O202 too little legible text to tell: the page's orientation is unknown, never guessed; check it yourself.
- O203 a page photographed on a desk (the sheet cut out of its background to be read), or one lying turned by
  TILT_MIN degrees or more: the notice asks for scans (扫描正面上传清晰); fix gives the flattened sheet. A warning:
  the page reads, but the platform shows it as stored. evidence.tilt (degrees counter-clockwise), evidence.sheet.

O101 and O201 also carry evidence.turn and evidence.mirror: the turn that makes the stored pixels upright (the
content's verdict over the tag's); ``dossiercheck fix`` and the annotated previews turn by exactly these.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.facts import EXIF_TURN, readings, turn_of
from dossiercheck.findings import Code, Family, Finding, Severity, where
from dossiercheck.geometry import tilt_of
from dossiercheck.i18n import Text

TILT_MIN = 5.0  # a scan turned less than this (degrees) passes: the eye hardly sees it, and the notice asks upright

FAMILIES = (Family("orientation", Text("未摆正", "not upright")),)
CODES = (
    Code("O101", "orientation", Severity.ERROR, Text("依赖 EXIF 方向", "EXIF orientation"),
         Text("{file} 在手机上看是正的，但图片实际存储为需顺时针转 {rotation}° 才正（EXIF 方向 {tag}），上传后可能是歪的",
              "{file} looks upright on a phone, but its pixels need a {rotation}° clockwise turn (EXIF orientation "
              "{tag}); the platform may show it turned"),
         Text("用看图软件把它转正后“另存为”（不是只改方向标记），或运行 dossiercheck fix。",
              "Rotate it upright and save a new copy (not just the tag), or run dossiercheck fix.")),
    Code("O201", "orientation", Severity.ERROR, Text("页面没有摆正", "page not upright"),
         Text("{file}{where}没有摆正，需顺时针旋转 {rotation}°", "{file}{where} is not upright: turn it {rotation}° "
              "clockwise"),
         Text("把页面转正后重新保存或扫描，或运行 dossiercheck fix。", "Turn it upright and save it again, or run "
              "dossiercheck fix."), ocr=True),
    Code("O202", "orientation", Severity.INFO, Text("无法判断方向", "orientation unknown"),
         Text("{file}{where}文字太少或看不清，无法可靠判断是否摆正", "{file}{where}: too little legible text to tell "
              "whether it is upright"),
         Text("请自己看一眼，确认是正的。", "Please check it yourself."), ocr=True),
    Code("O203", "orientation", Severity.WARNING, Text("拍照或倾斜的页面", "photographed or tilted page"),
         Text("{file}{where}{how}，倾斜约 {tilt}°：通知要求扫描上传", "{file}{where}{how}, turned about {tilt}°: the "
              "notice asks for scans"),
         Text("运行 dossiercheck fix 生成拉平、裁去背景的副本，或用扫描仪（扫描 App）重新扫描。",
              "Run dossiercheck fix for a flattened copy without the background, or scan it again."), ocr=True),
)
PHOTO = Text("是在桌面上拍的照片（带背景）", " is a photo taken on a desk (background around it)")
TURNED = Text("是歪的", " lies turned")  # English: after {where}, which is empty for a single image

def check(ctx: Context) -> Iterable[Finding]:
    for f, _item, facts in ctx.inspected():
        tag = facts.get("exif_orientation")
        exif_turn = EXIF_TURN.get(tag, (0, False))[0]
        # the turn that makes the stored pixels upright, all told: the content's verdict over the tag's
        turn, mirror = turn_of(facts)
        upright = {"turn": turn, "mirror": mirror}
        if tag in EXIF_TURN:
            rotation, mirrored = EXIF_TURN[tag]
            yield Finding("O101", item=f.item, file=f.rel, args={"file": f.rel, "rotation": rotation, "tag": tag},
                          evidence={"exif_orientation": tag, "rotation": rotation, "mirrored": mirrored, **upright})
        if facts.get("face_rotation") not in (None, 0) and facts["face_rotation"] != exif_turn:
            rotation = facts["face_rotation"]
            yield Finding("O201", item=f.item, file=f.rel, args={"file": f.rel, "where": where(None),
                                                                 "rotation": rotation},
                          evidence={"rotation": rotation, "confidence": 1.0, "method": "face", **upright})
        for page in readings(facts):
            number, rotation = page.get("page"), page.get("rotation")
            if page.get("status") == "failed":
                continue  # the masking check reports the unread page
            flat = page.get("flat")
            if flat and (flat.get("sheet") or abs(tilt_of(flat)) >= TILT_MIN):
                tilt = tilt_of(flat)
                yield Finding("O203", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "tilt": f"{abs(tilt):.0f}",
                                    "how": PHOTO if flat.get("sheet") else TURNED},
                              evidence={"tilt": tilt, "sheet": bool(flat.get("sheet"))})
            if rotation is None:
                yield Finding("O202", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number)}, evidence={"rotation": None})
            elif rotation != 0 and not (number is None and rotation == exif_turn):
                yield Finding("O201", item=f.item, file=f.rel, page=number,
                              args={"file": f.rel, "where": where(number), "rotation": rotation},
                              evidence={"rotation": rotation, "confidence": page.get("confidence"), "method": "text",
                                        **(upright if number is None else {"turn": rotation, "mirror": False})})


# What `dossiercheck explain` shows in Chinese (the docstring above is its English)
ABOUT_ZH = """方向：所有附件都要正向上传（第 15 项）。

- O101 图片带有 EXIF 方向标记：手机上看是正的，实际存储的像素是转过的，平台可能按存储的样子显示；
- O201 按页面内容判断，这一页没有摆正（需顺时针旋转的角度和把握程度写在 evidence 中）；文字页按识别的文字判断，
  照片按人脸判断；已由 EXIF 方向解释的不重复报告；
- O202 能看清的文字太少，无法判断方向：不猜，请自己确认。
- O203 拍照的页面（桌面上拍的，带背景），或歪了 5° 以上：通知要求“扫描正面上传清晰”；fix 生成拉平、裁去背景的副本。
  是警告：页面读得出，但平台按存储的样子显示。

O101 和 O201 的 evidence 还有 turn 和 mirror：让存储的像素摆正要转的角度（页面内容的判断优先于 EXIF 标记）；
dossiercheck fix 和标注预览都按它旋转。"""
