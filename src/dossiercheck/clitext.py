"""The command line in the user's language: help pages and command-line errors (a missing argument, a misspelt
command) come from the catalogue (``cli.help.*``, ``cli.click.*``), not from click's English.

The language is known before any command runs: ``--lang en`` (or ``--lang=en``) anywhere on the command line, else
``DOSSIERCHECK_LANG``, else Chinese. :class:`LocalGroup` is the ``cls`` of the Typer apps in cli.py: at the top it
localises every command's help before parsing and turns click's exceptions into one line in that language.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
import string
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from dossiercheck.i18n import LANGS
from dossiercheck.messages import CATALOGUE, phrase

LANG_ENV = "DOSSIERCHECK_LANG"
INTERRUPTED = 130  # the exit status of a run stopped by Ctrl-C (128 + SIGINT)
# click's exceptions, wherever this Typer takes click from (recent Typer releases carry their own copy of it)
_errors = importlib.import_module(typer.BadParameter.__module__)
ClickException, UsageError = _errors.ClickException, _errors.UsageError
_NONE: tuple = ()
NoSuchCommand = getattr(_errors, "NoSuchCommand", _NONE)
NoArgsIsHelp = getattr(_errors, "NoArgsIsHelpError", _NONE)
Aborted = (typer.Abort, getattr(_errors, "Abort", typer.Abort))


def _is_argument(param: Any) -> bool:
    return param.param_type_name == "argument"


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands")


def language(args: Sequence[str]) -> str:
    """The language a command line asks for (its --lang wins over the environment); zh when unclear."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang="):] if arg.startswith("--lang=") else (
            args[i + 1] if arg == "--lang" and i + 1 < len(args) else None)
        if value in LANGS:
            return value
    return os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGS else "zh"


def lang_first(args: Sequence[str]) -> list[str]:
    """The command line with its --lang, wherever it stands, moved before the command: the root takes it for every
    command and group (``cache --lang en info``, ``checklist schema --lang en``), and each command answers in
    ``spoken``. The last one given counts, as ``language`` reads it; nothing after ``--`` is touched."""
    out: list[str] = []
    value = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out += args[i:]
            break
        if arg == "--lang" and i + 1 < len(args):
            value, i = args[i + 1], i + 2
            continue
        if arg.startswith("--lang="):
            value, i = arg[len("--lang="):], i + 1
            continue
        out.append(arg)
        i += 1
    return ["--lang", value, *out] if value is not None else out


def _say(key: str, lang: str, **params: Any) -> str:
    return phrase(key).get(lang, **params)


def _path(ctx: Any) -> str:
    """'checklist.show' for `dossiercheck checklist show`: the catalogue key of a command."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return ".".join(reversed(names)) or "root"


def _help_of(path: str, param: Any | None) -> str | None:
    """The catalogue key for a command's or a parameter's help: the command's own, else the option shared by all."""
    if param is None:
        key = f"cli.help.{path}"
        return key if key in CATALOGUE else None
    for key in (f"cli.help.{path}.{param.name}", f"cli.help.opt.{param.name}"):
        if key in CATALOGUE:
            return key
    return None


def _metavar(param: Any, lang: str) -> str:
    """What goes after an option, or an argument's name: by the parameter's name (文件夹, 路径, 整数…)."""
    if getattr(param, "is_flag", False):
        return ""
    key = f"cli.metavar.{param.name}"
    return _say(key if key in CATALOGUE else "cli.metavar.text", lang)


def _help_text(ctx: Any, param: Any, lang: str) -> str:
    key = "cli.help.opt.help" if param.name == "help" else _help_of(_path(ctx), param)
    return _say(key, lang) if key else (getattr(param, "help", None) or "")


def _names(param: Any, lang: str) -> str:
    if _is_argument(param):
        return _metavar(param, lang)
    metavar = _metavar(param, lang)
    return ", ".join(sorted(param.opts, key=len) + list(param.secondary_opts)) + (f" {metavar}" if metavar else "")


def _record(ctx: Any, param: Any, lang: str) -> tuple[str, str]:
    extra = []
    if param.required:
        extra.append(_say("cli.required", lang))
    if getattr(param, "multiple", False):
        extra.append(_say("cli.repeatable", lang))
    default = param.default
    if (default not in (None, False, (), []) and not getattr(param, "is_flag", False)
            and not callable(default) and param.name != "lang"):
        extra.append(_say("cli.default", lang, value=default))
    return _names(param, lang), _help_text(ctx, param, lang) + "".join(extra)


def usage(ctx: Any, lang: str) -> str:
    pieces = [_say("cli.usage_options", lang)]
    if _is_group(ctx.command):
        pieces.append(_say("cli.usage_command", lang))
    for param in ctx.command.get_params(ctx):
        if _is_argument(param):
            name = _metavar(param, lang)
            pieces.append(name if param.required else f"[{name}]")
    return _say("cli.usage", lang, prog=ctx.command_path, args=" ".join(pieces))


def format_help(ctx: Any, lang: str) -> str:
    """A help page from the catalogue: usage, what the command does, its arguments, options and sub-commands.
    Laid out by rich, which knows a Chinese character takes two columns."""
    from rich.console import Console  # here: only a help page needs them
    from rich.table import Table
    from rich.text import Text

    out = io.StringIO()
    console = Console(file=out, width=min(shutil.get_terminal_size().columns, 100), highlight=False, emoji=False)

    def section(heading: str, rows: list[tuple[str, str]]) -> None:
        if rows:
            console.print(Text(f"\n{_say(heading, lang)}"))
            table = Table.grid(padding=(0, 2))
            table.add_column(no_wrap=True)
            table.add_column(overflow="fold")  # a run of Chinese is one "word" to rich: fold it, never cut it
            for left, right in rows:
                table.add_row(Text("  " + left), Text(right))
            console.print(table)

    console.print(Text(usage(ctx, lang)))
    key = _help_of(_path(ctx), None)
    about = _say(key, lang) if key else (ctx.command.help or "")
    if about:
        console.print(Text("\n" + about))
    params = [p for p in ctx.command.get_params(ctx) if not getattr(p, "hidden", False)]
    section("cli.heading.arguments", [_record(ctx, p, lang) for p in params if _is_argument(p)])
    section("cli.heading.options", [_record(ctx, p, lang) for p in params if not _is_argument(p)])
    if _is_group(ctx.command):
        rows = []
        for name in ctx.command.list_commands(ctx):
            sub = ctx.command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                key = _help_of(f"{_path(ctx)}.{name}".removeprefix("root."), None)
                rows.append((name, _say(key, lang) if key else (sub.get_short_help_str(limit=200))))
        section("cli.heading.commands", rows)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _localise(command: Any, lang: str) -> None:
    """Every command's help page in ``lang`` (they are built once per run; the language is known before), and its
    parameters' values converted without pydantic (see _PlainParam)."""
    command.format_help = lambda ctx, formatter: formatter.write(format_help(ctx, lang))  # type: ignore[method-assign]
    for param in getattr(command, "params", []):
        _plain(param)
    help_option = command.get_help_option  # --help is made when the command line is parsed

    def plain_help_option(ctx: Any) -> Any:
        return _plain(help_option(ctx))

    command.get_help_option = plain_help_option  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        _localise(sub, lang)


def _plain(param: Any) -> Any:
    """Let ``param`` take its value through _PlainParam (typer builds its own converter only when none is set)."""
    if _PlainParam is not None and getattr(param, "_runtime_param", False) is None:
        try:  # typer's private shapes: another typer that has moved them keeps its own conversion
            desc = param.type_descriptor
            param._runtime_param = _PlainParam(desc.parameter_info, desc.annotation, desc)
        except (AttributeError, TypeError):
            pass
    return param


# Typer converts every value through a pydantic TypeAdapter it builds per parameter: importing pydantic and building
# them costs more than a cached re-check's own work. The plain values our commands take (text, a path, a whole
# number, a list of texts) are converted here exactly as those adapters would; anything else (a value with bytes
# that are not UTF-8, "1_000") goes to typer's own. tests/test_startup.py holds that pydantic stays unloaded.
_SLOW = object()
_WHOLE = re.compile(r"[0-9]{1,18}")


def _utf8(value: Any) -> bool:
    try:
        return isinstance(value, str) and bool(value.encode("utf-8") or True)
    except UnicodeEncodeError:  # a file name with bytes that are not UTF-8 (surrogate escapes)
        return False


def _plain_value(desc: Any, value: Any, param: Any, ctx: Any) -> Any:
    """``value`` as typer's adapter for a str, Path, int or list[str] parameter returns it; _SLOW if unsure."""
    kind = desc.annotation
    if kind is str and _utf8(value):
        return str(value)
    if kind is int and _utf8(value) and _WHOLE.fullmatch(value):
        return int(value)
    if kind is Path and desc.parameter_info.path_type is None and _utf8(value):
        from typer._param_types import coerce_cli_path  # the existence and access checks: typer's own

        return coerce_cli_path(Path(value), desc.parameter_info, path_type=Path, param=param, ctx=ctx)
    if kind == list[str] and isinstance(value, (list, tuple)) and all(_utf8(v) for v in value):
        return [str(v) for v in value]
    return _SLOW


try:
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # another Typer: its own conversion, slower but the same
    _PlainParam = None
else:
    @dataclass(frozen=True)
    class _PlainParam(RuntimeParam):  # type: ignore[no-redef]
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                plain = _plain_value(self.descriptor, value, param, ctx)
            except (AttributeError, ImportError, TypeError):  # another typer's private shapes: its own way
                plain = _SLOW
            if plain is not _SLOW:
                return plain
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


# click's words for two usage errors that carry no fields of their own
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)")
_NO_COMMAND = re.compile(r"No such command '(.*?)'")


def error_line(exc: Any, lang: str) -> str:
    """click's exception as one line in ``lang``, with where to read the usage."""
    ctx = getattr(exc, "ctx", None)
    if NoSuchCommand and isinstance(exc, NoSuchCommand):
        near = exc.possibilities or []
        line = _say("cli.click.no_command", lang, name=exc.command_name)
        if near:
            line += _say("cli.click.did_you_mean", lang, near=phrase("list.sep").get(lang).join(near))
    elif isinstance(exc, _errors.MissingParameter) and exc.param is not None:
        line = _say("cli.click.missing", lang, name=_names(exc.param, lang),
                    what=_help_text(ctx, exc.param, lang) if ctx else "")
    elif isinstance(exc, _errors.NoSuchOption):
        line = _say("cli.click.no_option", lang, name=exc.option_name)
        if exc.possibilities:
            line += _say("cli.click.did_you_mean", lang,
                         near=phrase("list.sep").get(lang).join(sorted(exc.possibilities)))
    elif isinstance(exc, _errors.BadOptionUsage):
        line = _say("cli.click.needs_value", lang, name=exc.option_name)
    elif isinstance(exc, _errors.BadParameter) and exc.param is not None:
        kind = _metavar(exc.param, lang) or _say("cli.metavar.text", lang)
        name = max(exc.param.opts, key=len) if not _is_argument(exc.param) else kind
        line = _say("cli.click.bad_value", lang, name=name, kind=kind)
    elif found := _NO_COMMAND.match(exc.message):
        near = get_close_matches(found[1], ctx.command.list_commands(ctx)) if ctx and _is_group(ctx.command) else []
        line = _say("cli.click.no_command", lang, name=found[1])
        if near:
            line += _say("cli.click.did_you_mean", lang, near=phrase("list.sep").get(lang).join(near))
    elif found := _EXTRA.fullmatch(exc.message):
        line = _say("cli.click.extra", lang, args=found[1])
    else:  # a usage problem we have no words for: say so in our words, keep click's for the record
        line = _say("cli.click.other", lang, detail=exc.format_message())
    if ctx is not None:
        line += _say("cli.click.see_help", lang, command=ctx.command_path)
    return line


spoken: str | None = None  # the language of the command line being run (``language``), set by LocalGroup.main


class LocalGroup(TyperGroup):
    """A Typer group whose help pages and command-line errors speak the user's language."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        global spoken
        args = list(sys.argv[1:] if args is None else args)
        lang = spoken = language(args)
        _localise(self, lang)
        try:
            # always the installed command's name (also under `python -m` and in tests): the user types it
            code = super().main(lang_first(args), prog_name="dossiercheck", complete_var=complete_var,
                                standalone_mode=False,
                                **extra)
        except NoArgsIsHelp as exc:
            typer.echo(exc.ctx.get_help(), err=True)
            code = exc.exit_code
        except ClickException as exc:
            if not standalone_mode:
                raise
            typer.echo(error_line(exc, lang), err=True)
            code = exc.exit_code
        except Aborted:
            if not standalone_mode:
                raise
            typer.echo(_say("cli.click.aborted", lang), err=True)
            code = 1
        if code == INTERRUPTED:  # Typer's answer to Ctrl-C: say so, the run stopped in the middle
            typer.echo(_say("cli.interrupted", lang), err=True)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


class _Described(string.Formatter):
    """Fills a code's template with what each placeholder stands for: “{title}”{year} 年缺少 → “〈材料名称〉”〈年份〉 年缺少."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key: Any, args: Any, kwargs: Any) -> str:
        name = f"explain.param.{key}"
        return _say(name if name in CATALOGUE else "explain.unknown_param", self.lang)

    def convert_field(self, value: Any, conversion: str | None) -> Any:
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        return str(value)


def described(template: str, lang: str) -> str:
    return _Described(lang).format(template)


def padded(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    from rich.cells import cell_len

    return text + " " * max(width - cell_len(text), 0)
