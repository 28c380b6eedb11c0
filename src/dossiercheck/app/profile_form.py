"""The form that stands for applicant.yaml: the same fields, validated by the same code.

The form's values become an applicant.yaml text, and that text is read back by profile.load_profile (the schema,
plain-text names and units, dates that exist, the ID number's check digit) and engine's level rule — the one
validation ``check`` applies, so a form the page accepts is a profile the CLI accepts. The choices come from the
schema's enums and the checklist's levels; the template's placeholders (张三, 某某新闻单位) are refused.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dossiercheck.checklist import Checklist
from dossiercheck.errors import UserError
from dossiercheck.profile import FLAG_FIELDS, PROFILE_NAME
from dossiercheck.resources import schema_path

TEXT = ("name", "unit", "ethnicity", "political_status", "id_number", "current_title", "target_title", "unit_county")
LISTS = ("name_variants", "unit_variants")
CHOICES = ("gender", "application_type", "title_obtained_in", "unit_level")
DAYS = ("current_title_date",)      # a date picker (YYYY-MM-DD)
MONTHS = ("work_started",)          # a month picker (YYYY-MM), as the template writes it
HISTORY_ROWS = 6                    # rows shown for work_history (more can be added on the page)
OPEN_END = "至今"


def schema() -> dict[str, Any]:
    return json.loads(schema_path("applicant.schema.json").read_text(encoding="utf-8"))


def choices(checklist: Checklist) -> dict[str, list[str]]:
    """Every select's options: the schema's enums, the checklist's levels, the appraisal results."""
    props = schema()["properties"]
    out = {k: list(props[k]["enum"]) for k in CHOICES}
    out["level"] = list(checklist.levels)
    out["appraisal"] = list(props["appraisals"]["additionalProperties"]["enum"])
    return out


def appraisal_years(checklist: Checklist, data: dict[str, Any]) -> list[int]:
    """The years the checklist asks appraisals for (without the applicant's dates: all of them), and any the
    profile already has."""
    years: set[int] = set()
    for item in checklist.items:
        if item.setting("profile_field") == "appraisals":
            years.update(item.years(checklist.year))
    for year in (data.get("appraisals") or {}):
        if str(year).isdigit():
            years.add(int(year))
    return sorted(years)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return str(value)


def _day(value: Any) -> str:
    """A profile date as a date picker holds it: 2018-07 → 2018-07-01 (the same day parse_date reads)."""
    text = _text(value)
    return f"{text}-01" if re.fullmatch(r"\d{4}-\d{2}", text) else text


def _month(value: Any) -> str:
    text = _text(value)
    return text[:7] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else text


@dataclass
class Form:
    """The form's values as the page shows them (all strings), and the one problem that stops it, if any."""

    values: dict[str, str] = field(default_factory=dict)
    appraisals: dict[int, str] = field(default_factory=dict)
    history: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any], placeholders: dict[str, set[str]]) -> Form:
        """Fill from a profile's data; a template placeholder is left blank, never shown as if it were the user's."""
        values = {k: _text(data.get(k)) for k in (*TEXT, *CHOICES, "level")}
        values |= {k: "、".join(str(v) for v in data.get(k) or []) for k in LISTS}
        values |= {k: _day(data.get(k)) for k in DAYS} | {k: _month(data.get(k)) for k in MONTHS}
        values |= {k: "yes" if data.get(k) in (True, "是", "true") else "" for k in FLAG_FIELDS}
        for key in ("name", "unit"):
            if values[key] in placeholders[key]:
                values[key] = ""
        history = []
        for period in data.get("work_history") or []:
            if isinstance(period, dict):
                unit = _text(period.get("unit"))
                history.append({"from": _month(period.get("from")), "to": _month(period.get("to")),
                                "now": "yes" if _text(period.get("to")) in (OPEN_END, "今") else "",
                                "unit": "" if unit in placeholders["unit"] else unit, "post": _text(period.get("post"))})
        appraisals = {int(y): _text(r) for y, r in (data.get("appraisals") or {}).items() if str(y).isdigit()}
        return cls(values, appraisals, history)

    @classmethod
    def from_post(cls, post: dict[str, list[str]]) -> Form:
        one = {k: (v[-1] if v else "").strip() for k, v in post.items()}
        values = {k: one.get(k, "") for k in (*TEXT, *CHOICES, *LISTS, *DAYS, *MONTHS, *FLAG_FIELDS, "level")}
        appraisals = {int(k.split("_", 1)[1]): v for k, v in one.items()
                      if re.fullmatch(r"appraisal_\d{4}", k) and v}
        rows = sorted({int(m.group(1)) for k in one if (m := re.fullmatch(r"wh_(\d+)_\w+", k))})
        history = [{part: one.get(f"wh_{i}_{part}", "") for part in ("from", "to", "now", "unit", "post")} for i in rows]
        return cls(values, appraisals, [h for h in history if any(h[p] for p in ("from", "to", "unit", "post"))])

    def data(self) -> dict[str, Any]:
        """The profile these values make, in the template's order; empty fields are left out."""
        v = self.values
        data: dict[str, Any] = {}
        for key in ("name", "name_variants", "unit", "unit_variants", "gender", "ethnicity", "political_status",
                    "id_number", "level", "application_type", "current_title", "current_title_date", "target_title",
                    "title_obtained_in", "unit_level", "unit_county", *FLAG_FIELDS, "work_started"):
            if key in LISTS:
                items = [s.strip() for s in re.split(r"[、,，;；\n]", v.get(key, "")) if s.strip()]
                if items:
                    data[key] = items
            elif key in FLAG_FIELDS:
                data[key] = v.get(key) == "yes"
            elif v.get(key):
                data[key] = v[key]
        if self.appraisals:
            data["appraisals"] = dict(sorted(self.appraisals.items()))
        history = []
        for row in self.history:
            period = {"from": row["from"], "to": OPEN_END if row.get("now") else row["to"], "unit": row["unit"]}
            if row.get("post"):
                period["post"] = row["post"]
            history.append({k: val for k, val in period.items() if val})
        if history:
            data["work_history"] = history
        return data

    def rows(self) -> list[dict[str, str]]:
        """The work-history rows to show: the filled ones and blank ones up to HISTORY_ROWS."""
        blank = {"from": "", "to": "", "now": "", "unit": "", "post": ""}
        return self.history + [dict(blank) for _ in range(max(HISTORY_ROWS - len(self.history), 1))]


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)


def validate(form: Form, scratch: Path) -> tuple[str, Any]:
    """(YAML text, the Applicant) if the form is a profile ``check`` accepts; else raises UserError (its one line).
    ``scratch`` is a private folder: the text is read back from a file named applicant.yaml, as the CLI reads it."""
    from dossiercheck.engine import load
    from dossiercheck.messages import Message
    from dossiercheck.profile import template_values

    data = form.data()
    text = as_yaml(data)
    placeholders = template_values()
    for key in ("name", "unit"):
        used = [data.get(key), *data.get(f"{key}_variants", [])]
        if key == "unit":
            used += [p.get("unit") for p in data.get("work_history", [])]
        if any(value in placeholders[key] for value in used if value):
            raise UserError("app.profile.placeholder", field=Message(f"app.field.{key}"),
                            value="、".join(sorted(placeholders[key])))
    if not data.get("name") or not data.get("unit"):  # masking needs both: K105 would only say it could not check
        raise UserError("app.profile.required", field=Message(f"app.field.{'name' if not data.get('name') else 'unit'}"))
    folder = scratch / "form"
    folder.mkdir(mode=0o700, exist_ok=True)
    path = folder / PROFILE_NAME
    path.write_text(text, encoding="utf-8")
    try:
        from dossiercheck.engine import Options

        _, applicant = load(folder, Options(profile=path))  # the page checks with the shipped checklist
    except UserError as exc:
        raise _on_the_form(exc) from None
    finally:
        path.unlink(missing_ok=True)
    return text, applicant


def _on_the_form(exc: UserError) -> UserError:
    """A value the loader refused, said of the form's field (姓名, 考核结果 …), not of a line of a file the person
    never saw (applicant.yaml 第 11 行, work_history[0].from)."""
    from dossiercheck.messages import CATALOGUE, Message

    if exc.key != "error.schema":
        return exc
    key = (re.match(r"[a-z_]+", str(exc.params.get("where", ""))) or [""])[0]
    if f"app.field.{key}" not in CATALOGUE:
        return exc
    return UserError("app.profile.field_problem", field=Message(f"app.field.{key}"), problem=exc.params["problem"])
