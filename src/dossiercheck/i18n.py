"""Two-language text. Chinese is the user's language and the default; English with ``--lang en``.

Every user-facing string in the package is a :class:`Text`: a check code's in its check module (``CODES``), every
other one in the message catalogue (messages.py), so a missing translation is a visible gap in one place.
"""

from __future__ import annotations

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
