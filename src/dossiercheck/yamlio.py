"""Load a user's YAML file, validate it against one of our JSON Schemas, and point at the bad line on failure.

Dates stay strings (the schemas say which strings are dates), mapping keys become strings (YAML reads ``2021:`` as
an int), and every schema error is reported with the file, the line and a path such as ``items[3].when.level``.

A user's file is read defensively: its size, its nesting depth, the length of any list and the number of values it
expands to (anchors and aliases can make a 1 KB file expand to billions) are capped before it is built, and a
schema error never repeats the value of a personal field (name, unit, ID number and their variants).
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from dossiercheck.errors import UserError
from dossiercheck.i18n import Text
from dossiercheck.resources import schema_path

MAX_BYTES = 1_000_000     # the shipped checklist is 18 KB, an applicant.yaml 2 KB
MAX_DEPTH = 40            # nesting of mappings and lists
MAX_LIST = 1_000          # entries of one list or mapping
MAX_NODES = 100_000       # values after expanding aliases
BOUNDS = {"size": Text("文件超过 {n} 字节", "larger than {n} bytes"), "depth": Text("嵌套超过 {n} 层", "nested deeper than {n}"),
          "list": Text("有列表超过 {n} 项", "a list longer than {n}"),
          "nodes": Text("展开后超过 {n} 个值（锚点/别名）", "expands to more than {n} values (anchors/aliases)")}
PRIVATE_KEYS = {"name", "unit", "id_number", "name_variants", "unit_variants"}  # values never echoed


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when present: 10× faster
    """SafeLoader that leaves dates as text, so the schema, not YAML, decides what a date is."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _bounds_problem(text: str) -> tuple[str, int] | None:
    """Walk the parser's events (cheap, nothing is built) and say which cap the document breaks, if any."""
    sizes: dict[str, int] = {}          # anchor → values it stands for
    stack: list[list] = []              # open collections: [children, values, anchor]
    nodes = 0

    def add(count: int) -> None:
        if stack:
            stack[-1][0] += 1
            stack[-1][1] += count

    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            count = sizes.get(event.anchor, 1)
            nodes += count
            add(count)
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                sizes[event.anchor] = 1
            add(1)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            nodes += 1
            stack.append([0, 1, event.anchor])
            if len(stack) > MAX_DEPTH:
                return "depth", MAX_DEPTH
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            children, count, anchor = stack.pop()
            if children > MAX_LIST * (2 if isinstance(event, yaml.MappingEndEvent) else 1):
                return "list", MAX_LIST
            if anchor:
                sizes[anchor] = count
            add(count)
        if nodes > MAX_NODES:
            return "nodes", MAX_NODES
    return None


def _stringify_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stringify_keys(v) for v in value]
    return value


def _line_of(node: yaml.Node | None, path: list[str | int]) -> int:
    """1-based line of the node at ``path`` in a composed YAML tree (the deepest node that exists)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if str(k.value) == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def format_path(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(根)"


Validator = jsonschema.Draft202012Validator


@cache
def _validator(schema_name: str) -> Validator:
    schema = json.loads(schema_path(schema_name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


# JSON Schema's words for kinds of value, as a user who writes YAML knows them
_KINDS = {"boolean": Text("是/否", "yes/no"), "string": Text("文字", "text"), "null": Text("空", "empty"),
          "integer": Text("整数", "a whole number"), "number": Text("数字", "a number"),
          "array": Text("列表", "a list"), "object": Text("“键: 值”的表", "a mapping")}
YES_NO = {"是": True, "否": False}  # yes/no fields accept 是/否 as well as true/false
# a key written with a full-width colon (name：王晓梅): YAML then reads the line as text and fails a line later
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")


def _shown(value: Any, lang: str) -> str:
    """A value as the user wrote it: 是/否 and 空 rather than true/false/null."""
    if isinstance(value, bool):
        return _KINDS["boolean"].get(lang).split("/")[0 if value else 1]
    if value is None:
        return _KINDS["null"].get(lang)
    text = json.dumps(value, ensure_ascii=False)[:60]
    return text if lang == "en" or not isinstance(value, str) else f"“{value[:60]}”"


def _kinds(expected: Any, lang: str) -> str:
    names = expected if isinstance(expected, list) else [expected]
    return ("或" if lang != "en" else " or ").join(_KINDS[n].get(lang) if n in _KINDS else str(n) for n in names)


_PROBLEMS_ZH = {
    "enum": "取值应为 {allowed} 之一，现在是 {value}",
    "const": "取值应为 {allowed}，现在是 {value}",
    "type": "应填{expected}，现在是{value}",
    "required": "缺少必填项 {missing}",
    "additionalProperties": "有不认识的键 {extra}",
    "pattern": "格式不对：{value}",
    "format": "格式不对（应为 {expected}）：{value}",
    "minimum": "不能小于 {limit}：{value}",
    "maximum": "不能大于 {limit}：{value}",
    "minItems": "至少需要 {limit} 项",
    "minLength": "不能为空",
}


def _unknown_keys(error: jsonschema.ValidationError, lang: str) -> str:
    """The unknown keys, the nearest known one, and every known one: a misspelled threshold names the valid ones."""
    known = sorted(error.schema.get("properties", {}))
    extra = sorted(set(error.instance) - set(known))
    near = [m for k in extra for m in difflib.get_close_matches(k, known, n=1)]
    if lang == "en":
        guess = f"; did you mean {', '.join(near)}?" if near else ""
        return f"unknown key {', '.join(extra)}{guess} (known: {', '.join(known)})"
    guess = f"，是不是 {'、'.join(near)}？" if near else ""
    return _PROBLEMS_ZH["additionalProperties"].format(extra="、".join(extra)) + f"{guess}（可用的键：{'、'.join(known)}）"


_PRIVATE = {"type": Text("应填{expected}（内容不显示）", "expected {expected} (value not shown)"),
            "minLength": Text("不能为空", "must not be empty"),
            "other": Text("取值不符合要求（内容不显示）", "invalid value (not shown)")}


def _private(error: jsonschema.ValidationError, lang: str) -> str:
    """What is wrong with a personal field, without its value."""
    if error.validator == "type":
        return _PRIVATE["type"].get(lang, expected=_kinds(error.validator_value, lang))
    return _PRIVATE.get(error.validator, _PRIVATE["other"]).get(lang)


def _describe(error: jsonschema.ValidationError, lang: str, private: bool = False) -> str:
    if error.validator == "additionalProperties" and error.schema.get("properties"):
        return _unknown_keys(error, lang)
    if private and error.instance is not None and not isinstance(error.instance, bool):
        # name, unit, ID number: never repeated, not even in an error message (an empty value says nothing)
        return _private(error, lang)
    if error.validator == "type":
        if lang == "en":
            return f"expected {_kinds(error.validator_value, lang)}, got {_shown(error.instance, lang)}"
        return _PROBLEMS_ZH["type"].format(expected=_kinds(error.validator_value, lang),
                                           value=_shown(error.instance, lang))
    if lang == "en":
        return error.message
    v = error.validator
    value = _shown(error.instance, lang)
    if v == "enum":
        return _PROBLEMS_ZH[v].format(allowed="、".join(map(str, error.validator_value)), value=value)
    if v == "const":
        return _PROBLEMS_ZH[v].format(allowed=error.validator_value, value=value)
    if v == "required":
        return _PROBLEMS_ZH[v].format(missing=error.message.split("'")[1] if "'" in error.message else error.message)
    if v == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        return _PROBLEMS_ZH[v].format(extra="、".join(extra))
    if v in ("pattern", "format"):
        return _PROBLEMS_ZH[v].format(value=value, expected=error.validator_value)
    if v in ("minimum", "maximum", "minItems"):
        return _PROBLEMS_ZH[v].format(limit=error.validator_value, value=value)
    if v == "minLength":
        return _PROBLEMS_ZH[v]
    if v in ("oneOf", "anyOf"):
        return f"取值不符合要求：{value}"
    return error.message


def _deepest(error: jsonschema.ValidationError) -> jsonschema.ValidationError:
    """Inside oneOf/anyOf, report the branch error that got furthest into the document."""
    while error.context:
        error = max(error.context, key=lambda e: (len(e.absolute_path), -len(e.context or [])))
        if error.validator not in ("oneOf", "anyOf"):
            break
    return error


_JSON_KIND = {str: "string", list: "array", int: "integer", float: "number", bool: "boolean", type(None): "null"}


def _fullwidth_colon(path: Path, text: str) -> None:
    """Raise for the first key written with a full-width colon: that line, not the one where YAML gave up."""
    for number, line in enumerate(text.splitlines(), 1):
        if _FULLWIDTH_KEY.match(line):
            raise UserError("yaml_fullwidth_colon", path=path, line=number)


def _yes_no(data: dict[str, Any], errors: list[jsonschema.ValidationError]) -> bool:
    """Turn 是/否 into true/false where the schema wants yes or no; True if anything changed."""
    changed = False
    for error in errors:
        for e in [error, *(error.context or [])]:
            path = list(e.absolute_path)
            if (e.validator == "type" and "boolean" in (e.validator_value if isinstance(e.validator_value, list)
                                                           else [e.validator_value])
                    and isinstance(e.instance, str) and e.instance in YES_NO and path):
                parent = data
                for part in path[:-1]:
                    parent = parent[part]
                parent[path[-1]] = YES_NO[e.instance]
                changed = True
    return changed


def load_yaml(path: Path, schema: str | Validator, lang: str = "zh") -> dict[str, Any]:
    """Read ``path``, check it against ``schemas/<schema>`` (or a ready validator), return plain data or raise
    UserError."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise UserError("yaml_bomb", path=path, problem=BOUNDS["size"].get(lang, n=MAX_BYTES))
        text = raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError("no_such_file", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("unreadable", path=path, problem=exc.__class__.__name__) from None
    try:
        broken = _bounds_problem(text)
        if broken:
            raise UserError("yaml_bomb", path=path, problem=BOUNDS[broken[0]].get(lang, n=broken[1]))
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        _fullwidth_colon(path, text)
        mark = getattr(exc, "problem_mark", None)
        raise UserError("yaml_syntax", path=path, line=(mark.line + 1) if mark else "?",
                        problem=getattr(exc, "problem", None) or str(exc).splitlines()[0]) from None
    if not isinstance(data, dict):
        _fullwidth_colon(path, text)
        raise UserError("yaml_not_mapping", path=path, kind=_KINDS.get(_JSON_KIND.get(type(data), ""), Text("?", "?"))
                        .get(lang))
    data = _stringify_keys(data)
    validator = _validator(schema) if isinstance(schema, str) else schema
    errors = list(validator.iter_errors(data))
    if _yes_no(data, errors):
        errors = list(validator.iter_errors(data))
    if errors:
        _fullwidth_colon(path, text)
        node = yaml.compose(text, Loader=_Loader)  # only now: the line numbers are worth a second parse
        error = min(errors, key=lambda e: _line_of(node, list(e.absolute_path)))
        error = _deepest(error)
        where = list(error.absolute_path)
        private = any(p in PRIVATE_KEYS for p in where if isinstance(p, str))
        raise UserError("schema", path=path, line=_line_of(node, where), where=format_path(where),
                        problem=_describe(error, lang, private))
    return data


def value_error(path: Path, where: list[str | int], problem: str) -> UserError:
    """A schema-style error for a value the schema cannot judge (an impossible date), pointing at its line."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_Loader)
    except (OSError, ValueError, yaml.YAMLError):
        node = None
    return UserError("schema", path=path, line=_line_of(node, where), where=format_path(where), problem=problem)
