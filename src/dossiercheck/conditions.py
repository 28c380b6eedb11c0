"""Declarative conditions on the applicant profile, as written in a checklist's ``when:``.

A condition is a mapping. ``all``/``any`` take lists of conditions, ``not`` takes one; any other key is a profile
field, compared for equality with a plain value or for membership with ``{in: [...]}``. Several keys in one
mapping must all hold. Nothing is ever evaluated as code. (In words, for people: report/checklist_table.py.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def holds(condition: Mapping[str, Any] | None, facts: Mapping[str, Any]) -> bool:
    if not condition:
        return True
    for key, expected in condition.items():
        if key == "all":
            ok = all(holds(c, facts) for c in expected)
        elif key == "any":
            ok = any(holds(c, facts) for c in expected)
        elif key == "not":
            ok = not holds(expected, facts)
        elif isinstance(expected, Mapping) and "in" in expected:
            ok = facts.get(key) in expected["in"]
        else:
            ok = facts.get(key) == expected
        if not ok:
            return False
    return True
