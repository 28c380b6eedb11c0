"""Two-language text. Chinese is the user's language and the default; English with ``--lang en``.

Every user-facing string in the package is a :class:`Text`: a check code's in its check module (``CODES``), every
other one in the message catalogue (messages.py), so a missing translation is a visible gap in one place.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from typing import NamedTuple

LANGS = ("zh", "en")


class Text(NamedTuple):
    zh: str
    en: str

    def get(self, lang: str, **params: object) -> str:
        template = self.en if lang == "en" else self.zh
        return template.format(**params) if params else template


def pick(lang: str, zh: str | None, en: str | None) -> str:
    """Choose between a checklist's Chinese text and its optional English twin."""
    if lang == "en" and en:
        return en
    return zh or en or ""


# 15 or 18 characters of a Chinese ID number (the last may be X) standing alone: whatever field it was typed into
_ID_LIKE = re.compile(r"(?<![0-9])([0-9]{3})([0-9]{8}|[0-9]{11})([0-9]{3}[0-9Xx])(?![0-9A-Za-z])")


def mask_ids(text: str) -> str:
    """Every ID-number-like run kept to its first 3 and last 4 characters, as profile.mask_id does."""
    return _ID_LIKE.sub(lambda m: m[1] + "*" * len(m[2]) + m[3], text)


def printable(value: object) -> str:
    """A value from outside (a file or zip entry name, a value from a user's file) safe to print: control and
    format characters (an escape sequence that retitles or clears the terminal, a right-to-left override) are
    shown as \\x1b or \\u202e (a line break as \\x0a), and an ID number is masked. The one place every message
    parameter goes through."""
    text = str(value)
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        text = "".join(c if unicodedata.category(c) not in ("Cc", "Cf") else
                       (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}") for c in text)
    return mask_ids(text)


def safe_param(value: object) -> object:
    """A message parameter made printable (text and paths); numbers and other values as they are. A line break in
    it is shown as \\x0a: parameters are names and values from outside (a file named with a line break must not
    split a finding in two); a message of several lines has them in its own text."""
    return printable(value) if isinstance(value, (str, PurePath)) else value
