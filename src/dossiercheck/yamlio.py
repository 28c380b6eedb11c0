"""Load a user's YAML file, validate it against one of our JSON Schemas, and point at the bad line on failure.

Dates stay strings (the schemas say which strings are dates), mapping keys become strings (YAML reads ``2021:`` as
an int), and every schema error is reported with the file, the line and a path such as ``items[3].when.level``.

A user's file is read defensively: its size, its nesting depth, the length of any list and the number of values it
expands to (anchors and aliases can make a 1 KB file expand to billions) are capped before it is built, and a
schema error never repeats the value of a personal field (name, unit, ID number and their variants).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import stat
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from dossiercheck.errors import UserError
from dossiercheck.i18n import Text
from dossiercheck.messages import CATALOGUE, Message, joined, phrase
from dossiercheck.resources import schema_path

if TYPE_CHECKING:
    import jsonschema
    import yaml

MAX_BYTES = 1_000_000     # the shipped checklist is 18 KB, an applicant.yaml 2 KB
MAX_DEPTH = 40            # nesting of mappings and lists
MAX_LIST = 1_000          # entries of one list or mapping
MAX_NODES = 100_000       # values after expanding aliases
MAX_EXPANDED = 5_000_000  # characters after expanding aliases (a file without aliases has at most MAX_BYTES)
PRIVATE_KEYS = {"name", "unit", "id_number", "name_variants", "unit_variants"}  # values never echoed


@cache
def _loader() -> type:
    """SafeLoader (libyaml's when present: 10× faster) that leaves dates as text, so the schema, not YAML, decides
    what a date is. PyYAML is imported here, on the first text parsed: a re-check whose checklist and applicant.yaml
    are known good (see load_yaml) parses none."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    # An explicit !!timestamp (or !!binary) stays the text it was written as: the schema says what a date is, and a
    # date or bytes object is not a JSON value (it would stop the run far from the file).
    for tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"):
        Loader.add_constructor(tag, _as_text)
    return Loader


def _as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return loader.construct_scalar(node)


def _bounds_problem(text: str) -> tuple[str, int] | None:
    """Walk the parser's events (cheap, nothing is built) and say which cap the document breaks, if any."""
    sizes: dict[str, int] = {}          # anchor → values it stands for
    stack: list[list] = []              # open collections: [children, values, anchor]
    nodes = 0

    def add(count: int) -> None:
        if stack:
            stack[-1][0] += 1
            stack[-1][1] += count

    chars: dict[str, int] = {}          # anchor → characters it stands for
    expanded = 0

    def grow(count: int) -> None:
        for frame in stack:
            frame[3] += count

    import yaml

    for event in yaml.parse(text, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent):
            if any(frame[2] == event.anchor for frame in stack):  # notes: &r [*r]: a value that holds itself
                return "recursive", 0
            count = sizes.get(event.anchor, 1)
            nodes += count
            add(count)
            expanded += chars.get(event.anchor, 0)
            grow(chars.get(event.anchor, 0))
        elif isinstance(event, yaml.ScalarEvent):
            nodes += 1
            if event.anchor:
                sizes[event.anchor] = 1
                chars[event.anchor] = len(event.value)
            add(1)
            expanded += len(event.value)
            grow(len(event.value))
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            nodes += 1
            stack.append([0, 1, event.anchor, 0])
            if len(stack) > MAX_DEPTH:
                return "depth", MAX_DEPTH
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            children, count, anchor, size = stack.pop()
            if children > MAX_LIST * (2 if isinstance(event, yaml.MappingEndEvent) else 1):
                return "list", MAX_LIST
            if anchor:
                sizes[anchor] = count
                chars[anchor] = size
            add(count)
        if nodes > MAX_NODES:
            return "nodes", MAX_NODES
        if expanded > MAX_EXPANDED:  # 999 aliases of a list of one 800 KB string: few values, gigabytes of text
            return "expanded", MAX_EXPANDED
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
        node = _child(node, part)
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _child(node: yaml.Node | None, part: str | int) -> yaml.Node | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if str(k.value) == str(part)), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part]
    return None


def _error_line(node: yaml.Node | None, error: jsonschema.ValidationError) -> int:
    """The line to point at: an unknown key's own line (the first of them), not the line its mapping starts on."""
    import yaml

    where = list(error.absolute_path)
    line = _line_of(node, where)
    if error.validator != "additionalProperties" or not isinstance(error.instance, dict):
        return line
    extra = set(map(str, error.instance)) - set(error.schema.get("properties", {}))
    mapping = node
    for part in where:  # the mapping that holds them
        mapping = _child(mapping, part)
    if not isinstance(mapping, yaml.MappingNode):
        return line
    return min((k.start_mark.line + 1 for k, _ in mapping.value if str(k.value) in extra), default=line)


def format_path(path: list[str | int]) -> str | Text:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or phrase("yaml.root")


class Schema:
    """A JSON Schema and the digest of its content. The validator, and jsonschema with it (a tenth of a second of a
    re-check's start-up), is built only when a document must be validated."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.digest = hashlib.sha256(json.dumps(doc, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    @cached_property
    def validator(self) -> jsonschema.Draft202012Validator:
        import jsonschema

        return jsonschema.Draft202012Validator(self.doc, format_checker=jsonschema.FormatChecker())


@cache
def named_schema(schema_name: str) -> Schema:
    return Schema(json.loads(schema_path(schema_name).read_text(encoding="utf-8")))


class KnownGood(Protocol):
    """Where documents that passed their schema are remembered (cache.FactsCache), as the data they gave, by a key
    of their text, the schema and this module's code (record_key)."""

    root: Path  # where the records are

    def validated(self, key: str) -> dict[str, Any] | None: ...

    def remember_valid(self, key: str, data: dict[str, Any]) -> None: ...


@cache
def _code_digest() -> str:
    """This module's own source: a change to how documents are read or judged makes every record stale."""
    try:
        return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    except OSError:  # a frozen build (PyInstaller) ships bytecode only: the code that parses and judges stands in
        import marshal

        code = (load_yaml, _bounds_problem, _stringify_keys, _yes_no, _as_text, _loader.__wrapped__)
        return hashlib.sha256(b"".join(marshal.dumps(f.__code__) for f in code)).hexdigest()


def record_key(text: str, schema: Schema) -> str:
    from dossiercheck import __version__

    parts = (__version__, _code_digest(), schema.digest, text)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


YES_NO = {"是": True, "否": False}  # yes/no fields accept 是/否 as well as true/false
# a key written with a full-width colon (name：王晓梅): YAML then reads the line as text and fails a line later
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*\s*：")


def _shown(value: Any) -> Text:
    """A value as the user wrote it: 是/否 and 空 rather than true/false/null."""
    if isinstance(value, bool):
        yes_no = phrase("yaml.kind.boolean")
        return Text(*(side.split("/")[0 if value else 1] for side in yes_no))
    if value is None:
        return phrase("yaml.kind.null")
    shown = json.dumps(value, ensure_ascii=False)[:60]
    return Text(f"“{value[:60]}”" if isinstance(value, str) else shown, shown)


def _kinds(expected: Any) -> Text:
    """JSON Schema's words for kinds of value, as a user who writes YAML knows them: 是/否, 文字, 空."""
    names = expected if isinstance(expected, list) else [expected]
    return joined((phrase(f"yaml.kind.{n}") if f"yaml.kind.{n}" in CATALOGUE else str(n) for n in names),
                  phrase("list.or"))


def _unknown_keys(error: jsonschema.ValidationError) -> Message:
    """The unknown keys, the nearest known one, and every known one: a misspelled threshold names the valid ones."""
    known = sorted(error.schema.get("properties", {}))
    extra = sorted(set(error.instance) - set(known))
    near = [m for k in extra for m in difflib.get_close_matches(k, known, n=1)]
    guess = Message("yaml.problem.did_you_mean", near=near) if near else ""
    return Message("yaml.problem.unknown_key", extra=extra, guess=guess, known=known)


def _private(error: jsonschema.ValidationError) -> Message:
    """What is wrong with a personal field, without its value."""
    if error.validator == "type":
        return Message("yaml.private.type", expected=_kinds(error.validator_value))
    return Message("yaml.problem.minLength" if error.validator == "minLength" else "yaml.private.other")


def _describe(error: jsonschema.ValidationError, private: bool = False) -> Message | str:
    """The problem in the user's words (a rule we do not phrase keeps the validator's own)."""
    v = error.validator
    if v == "additionalProperties" and error.schema.get("properties"):
        return _unknown_keys(error)
    if private and error.instance is not None and not isinstance(error.instance, bool):
        # name, unit, ID number: never repeated, not even in an error message (an empty value says nothing)
        return _private(error)
    value = _shown(error.instance)
    if v == "type":
        return Message("yaml.problem.type", expected=_kinds(error.validator_value), value=value)
    if v == "enum":
        return Message("yaml.problem.enum", allowed=list(map(str, error.validator_value)), value=value)
    if v == "const":
        return Message("yaml.problem.const", allowed=error.validator_value, value=value)
    if v == "required":
        return Message("yaml.problem.required",
                       missing=error.message.split("'")[1] if "'" in error.message else error.message)
    if v == "additionalProperties":
        return Message("yaml.problem.additionalProperties",
                       extra=sorted(set(error.instance) - set(error.schema.get("properties", {}))))
    if v == "pattern" and isinstance(error.schema, dict) and error.schema.get("x-expected"):
        return Message("yaml.problem.format", value=value, expected=Text(*error.schema["x-expected"]))  # words, no regex
    if v in ("pattern", "format"):
        return Message(f"yaml.problem.{v}", value=value, expected=error.validator_value)
    if v == "uniqueItems":
        return Message("yaml.problem.uniqueItems", value=value)
    if v in ("minimum", "maximum", "minItems"):
        return Message(f"yaml.problem.{v}", limit=error.validator_value, value=value)
    if v == "minLength":
        return Message("yaml.problem.minLength")
    if v in ("oneOf", "anyOf"):
        return Message("yaml.problem.invalid", value=value)
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
            raise UserError("error.yaml_fullwidth_colon", path=path, line=number)


_NO_SPACE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_]*:(?![\s/])\S")  # gender:女 (YAML: one word, no key)
_TAB = re.compile(r"^ *\t")


def _open_quote(line: str) -> bool:
    """A line whose value opens a quote it does not close (YAML then reads on to the next quote, lines later)."""
    value = line.split(": ", 1)[1] if ": " in line else line.lstrip(" -")
    value = value.strip()
    if value[:1] == '"':
        return len(re.findall(r'(?<!\\)"', value)) % 2 == 1
    if value[:1] == "'":
        return value.count("'") % 2 == 1
    return False


def _syntax_error(path: Path, text: str, exc: yaml.YAMLError) -> UserError:
    """The line the person must change, what is wrong there and an example, in the user's words. YAML notices
    most slips a line or more later (a missing space after a colon on the next line, an open quote at the next
    quote), so the likely causes are looked for up to the line where it gave up."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is None:
        return UserError("error.yaml_syntax_somewhere", path=path,
                         problem=Message("yaml.syntax.other", detail=str(exc).splitlines()[0][:120]))
    last = mark.line + 1
    lines = text.splitlines()
    for number, line in enumerate(lines[:last], 1):
        code = line.split(" #", 1)[0]
        if _TAB.match(code):
            return UserError("error.yaml_syntax", path=path, line=number, problem=Message("yaml.syntax.tab"))
        if _NO_SPACE.match(code):
            return UserError("error.yaml_syntax", path=path, line=number, problem=Message("yaml.syntax.no_space"))
        if _open_quote(code):
            return UserError("error.yaml_syntax", path=path, line=number, problem=Message("yaml.syntax.quote"))
    context = getattr(exc, "context_mark", None)
    if context is not None and "while scanning" in str(getattr(exc, "context", "")):
        last = context.line + 1  # where the token YAML could not finish began
    detail = str(getattr(exc, "problem", None) or exc).splitlines()[0][:120]
    key = "yaml.syntax.colon" if "mapping values" in detail else "yaml.syntax.other"
    return UserError("error.yaml_syntax", path=path, line=last, problem=Message(key, detail=detail))


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


def _decoded(raw: bytes, path: Path) -> str:
    """UTF-8 (with or without the BOM Windows Notepad writes), else GB18030: Notepad's "ANSI" on a Chinese Windows
    is GBK, and a profile saved so is the applicant's text all the same. NUL bytes: not a text file at all."""
    if b"\0" in raw:
        raise UserError("error.not_text", path=path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise UserError("error.not_text", path=path) from None


def read_text(path: Path) -> str:
    """A user's YAML file as text, read defensively: only a regular file (a link to /dev/zero, a device or a FIFO
    is refused before a byte is read, never waited on), at most MAX_BYTES, UTF-8 or GB18030; else UserError."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO opens without a writer
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise UserError("error.not_regular_file", path=path)
            if st.st_size > MAX_BYTES:  # a sparse 3 GB file: refused by its size, nothing read
                raise UserError("error.yaml_bomb", path=path, problem=Message("yaml.bound.size", n=MAX_BYTES))
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise UserError("error.yaml_bomb", path=path, problem=Message("yaml.bound.size", n=MAX_BYTES))
    except FileNotFoundError:
        raise UserError("error.no_such_file", path=path) from None
    except OSError as exc:
        raise UserError("error.unreadable", path=path, problem=exc.strerror or exc.__class__.__name__) from None
    return _decoded(raw, path)


def load_yaml(path: Path, schema: str | Schema, known: KnownGood | None = None, text: str | None = None
              ) -> dict[str, Any]:
    """Read ``path`` (or take its ``text``, already read with read_text), check it against ``schemas/<schema>`` (or
    a Schema), return plain data or raise UserError. With ``known``, a text that passed this schema before comes
    back from its record, neither parsed nor validated again; any other text is, every time."""
    if text is None:
        text = read_text(path)
    schema = named_schema(schema) if isinstance(schema, str) else schema
    key = record_key(text, schema) if known is not None else None
    if key and (remembered := known.validated(key)) is not None:
        return remembered
    import yaml

    try:
        broken = _bounds_problem(text)
        if broken:
            raise UserError("error.yaml_bomb", path=path, problem=Message(f"yaml.bound.{broken[0]}", n=broken[1]))
        data = yaml.load(text, Loader=_loader())
    except yaml.YAMLError as exc:
        _fullwidth_colon(path, text)
        raise _syntax_error(path, text, exc) from None
    except RecursionError:  # a structure the bounds walk could not see as recursive: still one line, never a trace
        raise UserError("error.yaml_bomb", path=path, problem=Message("yaml.bound.recursive")) from None
    if not isinstance(data, dict):
        _fullwidth_colon(path, text)
        kind = f"yaml.kind.{_JSON_KIND.get(type(data), 'unknown')}"
        raise UserError("error.yaml_not_mapping", path=path, kind=Message(kind))
    data = _stringify_keys(data)
    validator = schema.validator
    errors = list(validator.iter_errors(data))
    if _yes_no(data, errors):
        errors = list(validator.iter_errors(data))
    if errors:
        _fullwidth_colon(path, text)
        node = yaml.compose(text, Loader=_loader())  # only now: the line numbers are worth a second parse
        error = min(errors, key=lambda e: _error_line(node, e))
        error = _deepest(error)
        where = list(error.absolute_path)
        private = any(p in PRIVATE_KEYS for p in where if isinstance(p, str))
        raise UserError("error.schema", path=path, line=_error_line(node, error), where=format_path(where),
                        problem=_describe(error, private))
    if key:
        known.remember_valid(key, data)
    return data


def value_error(path: Path, where: list[str | int], problem: Message) -> UserError:
    """A schema-style error for a value the schema cannot judge (an impossible date), pointing at its line."""
    import yaml

    try:
        node = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=_loader())
    except (OSError, ValueError, yaml.YAMLError):
        node = None
    return UserError("error.schema", path=path, line=_line_of(node, where), where=format_path(where), problem=problem)
