"""``checklist show``: each item of a checklist with its folder and its conditions in words
(中级，且现任职资格在区外取得), never as raw YAML."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dossiercheck.checklist import Checklist, Item
from dossiercheck.messages import CATALOGUE, phrase

COLUMNS = ("number", "item", "folder", "condition")
WIDTHS = {"number": None, "item": 3, "folder": 2, "condition": 4}  # shares of the width: the conditions read longest
# Values that read better as a phrase of their own than in the field's template.
PHRASES = {("current_title", "无"): "condition.no_title"}


def describe(condition: Mapping[str, Any] | None, lang: str) -> str:
    """A condition in words: {level: 中级, title_obtained_in: 区外} → 中级，且现任职资格在区外取得. A profile field
    reads by its ``condition.field.*`` template, a yes/no flag by ``condition.flag.*``."""
    if not condition:
        return ""
    parts = []
    for key, expected in condition.items():
        if key in ("all", "any"):
            joiner = phrase("condition.and" if key == "all" else "condition.or").get(lang)
            parts.append(joiner.join(describe(c, lang) for c in expected))
        elif key == "not":
            parts.append(phrase("condition.not").get(lang, c=describe(expected, lang)))
        elif f"condition.flag.{key}.yes" in CATALOGUE:
            parts.append(phrase(f"condition.flag.{key}.{'yes' if expected else 'no'}").get(lang))
        elif (key, str(expected)) in PHRASES:
            parts.append(phrase(PHRASES[key, str(expected)]).get(lang))
        else:
            values = expected["in"] if isinstance(expected, Mapping) else [expected]
            value = phrase("list.or").get(lang).join(map(str, values))
            field = f"condition.field.{key}"
            parts.append(phrase(field if field in CATALOGUE else "condition.field.other").get(lang, key=key, v=value))
    return phrase("condition.and").get(lang).join(parts)


def conditions_text(item: Item, evaluation_year: int, lang: str) -> str:
    """When the item applies, whether it is required, its years and alternatives, in words."""
    parts = []
    when = item.when
    if when and set(when) == {"not"}:
        parts.append(phrase("condition.not_if").get(lang, c=describe(when["not"], lang)))
    elif when:
        parts.append(phrase("condition.only_if").get(lang, c=describe(when, lang)))
    required = item.required
    if required is False:
        parts.append(phrase("condition.optional").get(lang))
    elif isinstance(required, dict):
        parts.append(phrase("condition.required_if").get(lang, c=describe(required, lang)))
    years = item.years(evaluation_year)
    if years:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        parts.append(phrase("condition.years").get(lang, span=span))
    alternatives = item.alternatives
    if alternatives:
        n, rule = len(alternatives["options"]), alternatives["k"]
        rules = [{"k": rule}] if isinstance(rule, int) else rule

        def how_many(k: int) -> str:
            return phrase("condition.all").get(lang) if k == n else phrase("condition.any").get(lang, k=k)

        said = [phrase("condition.k_if").get(lang, c=describe(r["when"], lang), k=how_many(r["k"])) if r.get("when")
                else phrase("condition.otherwise").get(lang, k=how_many(r["k"])) if len(rules) > 1
                else how_many(r["k"]) for r in rules]
        of_n = "condition.of_n_rules" if len(rules) > 1 else "condition.of_n"
        parts.append(phrase(of_n).get(lang, n=n, said=phrase("condition.said_sep").get(lang).join(said)))
    return phrase("condition.parts_sep").get(lang).join(parts)


def render(checklist: Checklist, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=checklist.title(lang), show_lines=False, expand=True)
    for col in COLUMNS:  # fold: Chinese has no spaces to wrap at, and a cut condition ("…") says nothing
        table.add_column(phrase(f"checklist.column.{col}").get(lang), overflow="fold", ratio=WIDTHS[col],
                         no_wrap=col == "number")
    for item in checklist.items:
        table.add_row(str(item.number), item.label(lang),
                      item.folder if item.uploads else phrase(f"checklist.kind.{item.kind}").get(lang),
                      conditions_text(item, checklist.year, lang))
    Console().print(table)
