"""Declarative conditions on the applicant profile, as written in a checklist's ``when:``.

A condition is a mapping. ``all``/``any`` take lists of conditions, ``not`` takes one; any other key is a profile
field, compared for equality with a plain value or for membership with ``{in: [...]}``. Several keys in one
mapping must all hold. Nothing is ever evaluated as code.
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


# How each profile field reads in a sentence: {v} is the value (初级 / 初级或中级); flags read as yes and no.
_FIELDS: dict[str, tuple[str, str]] = {
    "level": ("{v}", "{v}"),
    "gender": ("性别为{v}", "gender {v}"),
    "application_type": ("申报方式为{v}", "application by {v}"),
    "title_obtained_in": ("现任职资格在{v}取得", "current title obtained in {v}"),
    "unit_level": ("单位为{v}", "{v} unit"),
    "unit_county": ("单位在{v}", "unit in {v}"),
    "current_title": ("现任职资格为{v}", "current title {v}"),
}
# Values that read better as a phrase of their own than in the field's template.
_PHRASES: dict[tuple[str, str], tuple[str, str]] = {("current_title", "无"): ("尚无专业技术职称", "no title yet")}
_FLAGS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {  # field: ((zh yes, en yes), (zh no, en no))
    "aid_to_xinjiang": (("援疆人员", "aid-to-Xinjiang staff"), ("非援疆人员", "not aid-to-Xinjiang staff")),
    "transferred_from_organ": (("由机关调动", "transferred from a government organ"),
                               ("非机关调动", "not transferred from a government organ")),
    "special_service": (("有“访惠聚”等服务经历", "special service (访惠聚 etc.)"), ("无“访惠聚”等服务经历", "no special service")),
    "continuing_education_exempt": (("继续教育免试", "exempt from continuing education"),
                                    ("继续教育不免试", "not exempt from continuing education")),
    "has_intellectual_property": (("有知识产权", "has intellectual property"), ("无知识产权", "no intellectual property")),
}


def describe(condition: Mapping[str, Any] | None, lang: str = "zh") -> str:
    """A condition in words, for people: {level: 中级, title_obtained_in: 区外} → 中级，且现任职资格在区外取得."""
    if not condition:
        return ""
    en = lang == "en"
    parts = []
    for key, expected in condition.items():
        if key in ("all", "any"):
            joiner = (" and " if key == "all" else " or ") if en else ("，且" if key == "all" else "；或")
            parts.append(joiner.join(describe(c, lang) for c in expected))
        elif key == "not":
            parts.append(f"not ({describe(expected, lang)})" if en else f"不是（{describe(expected, lang)}）")
        elif key in _FLAGS:
            parts.append(_FLAGS[key][0 if expected else 1][1 if en else 0])
        elif (key, str(expected)) in _PHRASES:
            parts.append(_PHRASES[key, str(expected)][1 if en else 0])
        else:
            values = expected["in"] if isinstance(expected, Mapping) else [expected]
            value = (" or " if en else "或").join(map(str, values))
            template = _FIELDS.get(key, (f"{key} = {{v}}", f"{key} = {{v}}"))[1 if en else 0]
            parts.append(template.format(v=value))
    return (" and " if en else "，且").join(parts)
