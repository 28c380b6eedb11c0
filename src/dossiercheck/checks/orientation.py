"""Orientation: every attachment must be uploaded upright (正向上传, item 15).

- O101 the image carries an EXIF orientation other than 1: a phone shows it upright, but the pixels are stored
  turned, and the platform may show them as stored. evidence.rotation is the clockwise turn, in degrees, that makes
  the stored pixels upright; evidence.mirrored is true for the rare mirrored orientations.
"""

from __future__ import annotations

from collections.abc import Iterable

from dossiercheck.checks import Context
from dossiercheck.findings import Code, Finding, Severity
from dossiercheck.i18n import Text

# EXIF orientation → (clockwise degrees that make the stored pixels upright, mirrored)
EXIF_TURN = {2: (0, True), 3: (180, False), 4: (180, True), 5: (90, True), 6: (90, False), 7: (270, True),
             8: (270, False)}
CODES = (
    Code("O101", "orientation", Severity.ERROR, Text("依赖 EXIF 方向", "EXIF orientation"),
         Text("{file} 在手机上看是正的，但图片实际存储为需顺时针转 {rotation}° 才正（EXIF 方向 {tag}），上传后可能是歪的",
              "{file} looks upright on a phone, but its pixels need a {rotation}° clockwise turn (EXIF orientation "
              "{tag}); the platform may show it turned"),
         Text("用看图软件把它转正后“另存为”（不是只改方向标记），或运行 dossiercheck fix。",
              "Rotate it upright and save a new copy (not just the tag), or run dossiercheck fix.")),
)


def check(ctx: Context) -> Iterable[Finding]:
    for f, _item, facts in ctx.inspected():
        tag = facts.get("exif_orientation")
        if tag in EXIF_TURN:
            rotation, mirrored = EXIF_TURN[tag]
            yield Finding("O101", item=f.item, file=f.rel, args={"file": f.rel, "rotation": rotation, "tag": tag},
                          evidence={"exif_orientation": tag, "rotation": rotation, "mirrored": mirrored})
