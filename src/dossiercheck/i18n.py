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


# the system's own words for why a file could not be read or written (strerror: English, whatever the user's
# language)
OS_WORDS = {
    "Permission denied": Text("没有权限读写", "permission denied"),
    "Operation not permitted": Text("系统不允许这样操作", "operation not permitted"),
    "No such file or directory": Text("文件不存在（可能已被移走或删除）", "no such file or directory"),
    "Too many levels of symbolic links": Text("快捷方式/链接互相指向，形成了循环", "links pointing at each other in a loop"),
    "Is a directory": Text("这是一个文件夹", "it is a folder"),
    "Not a directory": Text("路径中有一处不是文件夹", "a part of the path is not a folder"),
    "Input/output error": Text("读写出错（磁盘、U 盘或网络盘有问题）", "input/output error (disk, USB stick or network)"),
    "No space left on device": Text("磁盘已满", "no space left on the disk"),
    "Read-only file system": Text("这个磁盘只能读、不能写", "the disk is read-only"),
    "File name too long": Text("文件名太长", "file name too long"),
    "Device or resource busy": Text("文件正被其他程序占用", "the file is in use by another program"),
}


def os_words(detail: str) -> Text | str:
    """A system error's words in both languages (the known ones; others as the system says them)."""
    return OS_WORDS.get(detail, detail)
