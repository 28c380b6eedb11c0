"""The commitment (附件3): how closely the mandated sentence is matched (0–1); and, from the image (``MARKS``), ink
after the signature label and red finger-print-sized blobs (none on a greyscale scan: the mark is then unknown;
see fields.page_marks)."""

from __future__ import annotations

import difflib
from typing import Any

from dossiercheck.facts import Field
from dossiercheck.inspect.fields import PageText, normalise

DOCUMENT = "commitment"
VERSION = 1  # bump when what read() returns changes: this reader's cached pages are then read again
FIELDS = ("sentence", "signature", "fingerprint")  # what an item's ``reads: fields:`` may ask of it
MARKS = True  # also read the image (fields.page_marks): signature ink, a red finger-print
# the sentence 附件3 asks the applicant to write by hand (the checklist may give another)
COMMITMENT = "本人承诺以上填报的内容和提交的材料完全真实有效，且网上填报与送审报表内容一致"


def read(page: PageText, options: dict[str, Any]) -> list[Field]:
    return read_commitment(page, (options or {}).get("sentence") or COMMITMENT)


def read_commitment(page: PageText, sentence: str = COMMITMENT) -> list[Field]:
    target = normalise(sentence)
    text = page.text
    if not text or not target:
        return []
    best, best_span = 0.0, (0, 0)
    step = max(1, len(target) // 8)
    for start in range(0, max(1, len(text) - len(target) // 2), step):
        window = text[start:start + len(target) + 4]
        ratio = difflib.SequenceMatcher(None, target, window, autojunk=False).ratio()
        if ratio > best:
            best, best_span = ratio, (start, start + len(window))
    return [page.field("sentence", round(best, 3), best_span)]
