"""Make the small font that labels annotated previews in Chinese (src/dossiercheck/report/fonts/labels-zh.otf).

Pillow's bundled font has no Chinese glyphs, and a user's machine may have no Chinese font Pillow can find; so the
package carries a subset of Noto Sans CJK SC (SIL Open Font License 1.1) holding only the characters the labels
use, plus printable ASCII. Run again after changing a label (tests/test_voice.py fails until you do):

    apt-get install fonts-noto-cjk && pip install fonttools
    python tools/make_label_font.py
"""

from __future__ import annotations

import string
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

from dossiercheck.report.annotate import FONT_ZH, label_chars

SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SC = 2  # the collection's Simplified Chinese face


def main() -> None:
    font = TTCollection(SOURCE).fonts[SC]
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the copyright and licence records
    options.notdef_outline = True
    options.layout_features = []
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(label_chars()) | set(string.printable.strip()) | {" ", "（", "）"})))
    subsetter.subset(font)
    FONT_ZH.parent.mkdir(parents=True, exist_ok=True)
    font.save(FONT_ZH)
    print(f"{FONT_ZH}: {FONT_ZH.stat().st_size} bytes")


if __name__ == "__main__":
    main()
