"""ID card, photo side: the 18-digit number (only if its GB 11643 check digit holds), birth date and gender."""

from __future__ import annotations

import re
from typing import Any

from dossiercheck.facts import Field
from dossiercheck.inspect.fields import DATE, PageText, agreeing, date_of, id_check_ok

DOCUMENT = "id-front"
VERSION = 1  # bump when what read() returns changes: this reader's cached pages are then read again
FIELDS = ("id_number", "birth", "gender")  # what an item's ``reads: fields:`` may ask of it


def read(page: PageText, options: dict[str, Any]) -> list[Field]:
    return read_id_front(page)


def read_id_front(page: PageText) -> list[Field]:
    text, out = page.text.upper(), []
    numbers = [(m.group(1), m.span(1)) for m in re.finditer(r"(?<!\d)(\d{17}[\dX])(?!\d)", text)
               if id_check_ok(m.group(1))]
    out += agreeing("id_number", page, numbers)
    births = [(d.isoformat(), m.span()) for m in re.finditer(rf"出生({DATE.pattern})", text)
              if (d := date_of(DATE.match(m.group(1))))]  # type: ignore[arg-type]
    out += agreeing("birth", page, births)
    genders = [(m.group(1), m.span(1)) for m in re.finditer(r"性别([男女])", text)]
    out += agreeing("gender", page, genders)
    return out
