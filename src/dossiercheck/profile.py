"""The applicant profile (``applicant.yaml``): who applies, for which level, and the facts the checklist's
conditions and the profile checks read. Also the personal-data masks every report uses."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from dossiercheck.errors import UserError
from dossiercheck.messages import Message
from dossiercheck.resources import schema_path
from dossiercheck.yamlio import load_yaml, value_error

PROFILE_NAME = "applicant.yaml"

# Profile fields a checklist's ``when:`` may test; unset flags read as false, other unset fields as None.
FLAG_FIELDS = ("aid_to_xinjiang", "transferred_from_organ", "special_service", "continuing_education_exempt",
               "has_intellectual_property")
CONDITION_FIELDS = ("level", "gender", "application_type", "title_obtained_in", "unit_level", "unit_county",
                    "current_title", *FLAG_FIELDS)
NONE = "无"  # the notice: a field with nothing to fill is 注明“无”; an unset current title reads as 无 too

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def mask_name(name: str | None) -> str:
    """张伟明 → 张**; reports never print a full name."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


def mask_id(number: str | None) -> str:
    """Keep the first 3 and last 4 characters of an ID number."""
    if not number:
        return ""
    return number[:3] + "*" * max(len(number) - 7, 0) + number[-4:]


def id_number_problem(number: str) -> Message | None:
    """None if ``number`` is a valid GB 11643 citizen ID number, else a short reason."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return Message("profile.id.shape")
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return Message("profile.id.birth")
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS, strict=True))
    if _ID_CHECK[total % 11] != number[17].upper():
        return Message("profile.id.check_digit")
    return None


# The spellings people write a month or a day in, besides the ISO form the rest of the code reads:
# 2012-07, 2012-7, 2012.07, 2012/7, 2012年7月, 2018.7.1, 2018年7月1日. Anything else is refused with an example.
_DATE_SPELLING = re.compile(r"\s*((?:19|20)\d{2})\s*(?:[-./]|年)\s*(\d{1,2})\s*(?:月)?\s*"
                            r"(?:(?:[-./]|(?<=月))\s*(\d{1,2})\s*日?\s*)?")
OPEN_END = ("至今", "今")


def normal_date(text: str) -> str | None:
    """'2012.07' / '2018年7月' / '2018.7.1' → '2012-07' / '2018-07' / '2018-07-01'; None if not a date spelling
    (an impossible day such as 2015-02-30 keeps its shape here: ``parse_date`` refuses it)."""
    found = _DATE_SPELLING.fullmatch(text)
    if not found or not 1 <= int(found[2]) <= 12 or (found[3] and not 1 <= int(found[3]) <= 31):
        return None
    return f"{found[1]}-{int(found[2]):02d}" + (f"-{int(found[3]):02d}" if found[3] else "")


def parse_date(value: str | None, *, end: bool = False) -> date | None:
    """'2015-07-01', '2015-07' (first day, or last day with end=True) or '至今'/'今' (None = open)."""
    if value is None or str(value).strip() in (*OPEN_END, "now", ""):
        return None
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if end else 1)
    if not end:
        return date(year, month, 1)
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


@dataclass
class Period:
    start: date
    end: date | None  # None: to this day
    unit: str = ""
    post: str = ""


@dataclass
class Applicant:
    path: Path
    name: str | None  # optional: without it the masking check says it could not run
    unit: str | None
    level: str
    data: dict[str, Any]
    name_variants: list[str] = field(default_factory=list)
    unit_variants: list[str] = field(default_factory=list)
    work_history: list[Period] = field(default_factory=list)

    @property
    def id_number(self) -> str:
        return self.data.get("id_number", "")

    @property
    def appraisals(self) -> dict[int, str]:
        return {int(y): r for y, r in (self.data.get("appraisals") or {}).items()}

    @property
    def work_started(self) -> date | None:
        return parse_date(self.data.get("work_started"))

    def facts(self) -> dict[str, Any]:
        """What a checklist's ``when:`` conditions see."""
        facts = {k: self.data.get(k, False if k in FLAG_FIELDS else None) for k in CONDITION_FIELDS}
        facts["current_title"] = str(facts["current_title"] or "").strip() or NONE
        return facts

    def template_examples(self) -> list[tuple[str, str]]:
        """(field, value) for each line of the work history still holding the template's example unit (the name and
        unit themselves are the masking check's K107)."""
        return [(f"work_history[{i}].unit", p["unit"]) for i, p in enumerate(self.data.get("work_history") or [])
                if p.get("unit") in template_values()["unit"]]

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)


@cache
def template_values() -> dict[str, set[str]]:
    """The example name and units ``init`` writes into applicant.yaml (read from the template itself)."""
    import yaml  # here, not for every command (`explain` reads no YAML)

    text = re.sub(r"\{\w+\}", "中级", schema_path("applicant.template.yaml").read_text(encoding="utf-8"))
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # libyaml's: 20× faster
    units = {data.get("unit")} | {p.get("unit") for p in data.get("work_history") or [] if isinstance(p, dict)}
    return {"name": {data.get("name")} - {None}, "unit": units - {None, ""}}


MAX_NAME, MAX_UNIT, MAX_VARIANTS = 40, 100, 20
NAME_MARKS = set("·•．.-' ")  # 买买提·艾力, Jean-Luc O'Neil
FORMULA_START = tuple("=+-@")


def _name_ok(text: str) -> bool:
    return 0 < len(text) <= MAX_NAME and all(unicodedata.category(c)[0] in "LM" or c in NAME_MARKS for c in text)


def _unit_ok(text: str) -> bool:
    return (0 < len(text) <= MAX_UNIT and not text.lstrip().startswith(FORMULA_START) and
            not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in text))


def _check_values(path: Path, data: dict[str, Any]) -> None:
    """What the schema cannot say: dates that exist, and a name and unit that are plain text (they reach a
    spreadsheet, where '=…' is a formula). Messages never repeat the value."""
    for key, ok, limit in (("name", _name_ok, MAX_NAME), ("unit", _unit_ok, MAX_UNIT)):
        variants = data.get(f"{key}_variants") or []
        if len(variants) > MAX_VARIANTS:
            raise value_error(path, [f"{key}_variants"], Message("profile.plausible.variants", n=MAX_VARIANTS))
        spots = ([[key]] if key in data else []) + [[f"{key}_variants", i] for i in range(len(variants))]
        for spot in spots:
            if not ok(data[key] if len(spot) == 1 else variants[spot[1]]):
                raise value_error(path, spot, Message(f"profile.plausible.{key}", n=limit))
    for i, period in enumerate(data.get("work_history") or []):
        if not _unit_ok(period.get("unit", "x")):
            raise value_error(path, ["work_history", i, "unit"], Message("profile.plausible.unit", n=MAX_UNIT))
    dates: list[tuple[list[str | int], Any]] = [([k], data.get(k)) for k in ("current_title_date", "work_started")]
    for i, period in enumerate(data.get("work_history") or []):
        dates += [(["work_history", i, k], period.get(k)) for k in ("from", "to")]
    for where, value in dates:
        if value is None or value in OPEN_END:
            continue
        text = _raw_scalar(path, where) if isinstance(value, int | float) else str(value)  # 2012.10 is 2012.1
        normal = normal_date(text)
        if normal is None:
            raise value_error(path, where, Message("profile.date.form", value=text))
        _put(data, where, normal)
        try:
            parse_date(normal)
        except ValueError:
            raise value_error(path, where, Message("profile.plausible.date", value=text)) from None


def _raw_scalar(path: Path, where: list[str | int]) -> str:
    """The text the person wrote at ``where``: YAML reads 2012.10 as the number 2012.1, which would be January."""
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
        for part in where:
            node = (node.value[part] if isinstance(part, int) else
                    next(v for k, v in node.value if k.value == part))
        return str(node.value)
    except (OSError, ValueError, StopIteration, IndexError, AttributeError, yaml.YAMLError):
        return ""


def _put(data: dict[str, Any], where: list[str | int], value: str) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


def load_profile(path: Path, use_cache: bool = False) -> Applicant:
    """The applicant's profile, validated; with ``use_cache``, a text that passed before is not validated again."""
    from dossiercheck.cache import FactsCache

    data = load_yaml(path, "applicant.schema.json", FactsCache() if use_cache else None)
    _check_values(path, data)
    for key in ("id_number", "level"):  # written without quotes, YAML read a number: the digits stand (a level
        # such as 5 is then refused with the checklist's levels listed, not as "expected text")
        if isinstance(data.get(key), int) and not isinstance(data[key], bool):
            data[key] = str(data[key])
    number = str(data.get("id_number", ""))
    if number and (problem := id_number_problem(number)):
        raise UserError("error.bad_id_number", path=path, masked=mask_id(number), problem=problem)
    history = [Period(parse_date(p["from"]), parse_date(p.get("to"), end=True), p.get("unit", ""), p.get("post", ""))
               for p in data.get("work_history") or []]
    return Applicant(path=path, name=data.get("name"), unit=data.get("unit"), level=data["level"], data=data,
                     name_variants=list(data.get("name_variants") or []),
                     unit_variants=list(data.get("unit_variants") or []), work_history=history)
