"""The ``dossiercheck`` command: wires loading, inspection, checks and reporters, and maps outcomes to exit codes.

Every user-facing failure is one line (Chinese, or English with --lang en) and exit 2; an unexpected failure is one
line and exit 3 (set DOSSIERCHECK_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager, suppress
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer

from dossiercheck import __version__, clitext
from dossiercheck.clitext import LANG_ENV, LocalGroup, described, language, padded
from dossiercheck.errors import UserError
from dossiercheck.i18n import LANGS
from dossiercheck.messages import Message, phrase

# Help texts live in the catalogue (messages.py, cli.help.*); LocalGroup shows them, and click's errors, in the
# language of the command line.
app = typer.Typer(cls=LocalGroup, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False)
checklist_app = typer.Typer(cls=LocalGroup, no_args_is_help=True)
cache_app = typer.Typer(cls=LocalGroup, no_args_is_help=True)
app.add_typer(checklist_app, name="checklist")
app.add_typer(cache_app, name="cache")


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


# Options shared by several commands, declared once.
LangOpt = Annotated[str, typer.Option("--lang", envvar=LANG_ENV)]
ChecklistOpt = Annotated[str | None, typer.Option("--checklist")]
ProfileOpt = Annotated[Path | None, typer.Option("--profile")]
StrictOpt = Annotated[bool, typer.Option("--strict")]
TableFormatOpt = Annotated[str, typer.Option("--format", "-f")]  # batch and sort: a table
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache")]
TodayOpt = Annotated[str | None, typer.Option("--today")]


def _echo_err(text: str) -> None:
    typer.echo(text, err=True)


@contextmanager
def user_errors(lang: str):
    """Turn a UserError into its one line and exit 2."""
    try:
        yield
    except UserError as exc:
        _echo_err(exc.render(lang))
        raise typer.Exit(Exit.USAGE) from None


def _table_format(format: str) -> None:
    if format not in ("rich", "json"):
        raise UserError("error.bad_option", problem=Message("cli.bad_format", value=format, known="rich / json"))


def _check_lang(lang: str) -> str:
    """The language to answer in: the command line's --lang wherever it stands, before the command too (``dossiercheck
    --lang en check …``), else DOSSIERCHECK_LANG, else Chinese: the one the help pages and errors already speak
    (clitext.language). A --lang the tool does not know is an error."""
    if lang not in LANGS:
        _echo_err(UserError("error.bad_option", problem=Message("cli.bad_lang", value=lang)).render("zh"))
        raise typer.Exit(Exit.USAGE)
    return clitext.spoken or lang


def _parse_today(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError("error.bad_date", value=value) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dossiercheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
          lang: LangOpt = "zh") -> None:
    """dossiercheck (its help is cli.help.root). --lang here too: LocalGroup reads it from the whole command line."""
    _check_lang(lang)


@contextmanager
def _output(path: Path | None):
    from dossiercheck import safeio

    if path is None:
        yield sys.stdout
        return
    with safeio.open_text(path) as fh:  # atomic, 0600, never through a link
        yield fh


def _is_terminal(stream) -> bool:
    return stream.isatty()


def _personal_copies(paths: list[Path], lang: str) -> None:
    """Say where this run wrote copies of personal documents (the ID card: the checklist's blur_in_reports items)."""
    if paths:
        _echo_err(phrase("cli.personal_copies").get(lang, n=len(paths), files=", ".join(map(str, paths))))


@app.command()
def check(
    folder: Annotated[Path, typer.Argument()],
    checklist: ChecklistOpt = None,
    profile: ProfileOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    lang: LangOpt = "zh",
    strict: StrictOpt = False,
    select: Annotated[list[str] | None, typer.Option()] = None,
    ignore: Annotated[list[str] | None, typer.Option()] = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    today: TodayOpt = None,
    annotate: Annotated[Path | None, typer.Option()] = None,
) -> None:
    """检查一个申报材料文件夹 / check one dossier folder."""
    from dossiercheck.engine import Options, check_dossier, outcome
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report import REPORTERS, format_for, render

    lang = _check_lang(lang)
    with user_errors(lang):
        format = format or format_for(output)
        if format not in REPORTERS:
            raise UserError("error.bad_option",
                            problem=Message("cli.bad_format", value=format, known=" / ".join(REPORTERS)))
        if format == "html" and output is None and _is_terminal(sys.stdout):  # a page of markup is no answer
            raise UserError("error.html_to_terminal", path=folder)
        options = Options(checklist=checklist, profile=profile, select=select or [], ignore=ignore or [],
                          today=_parse_today(today), jobs=jobs, use_cache=not no_cache)

        from dossiercheck import safeio

        if output:
            safeio.guard(output, [folder])

        def report(result) -> None:  # while a zip's files still exist: the HTML report and previews read them
            if output:
                safeio.guard(output, [result.dossier.root, result.dossier.shown])
            with _output(output) as out:
                render(format, result, lang, out)
            if output:
                _echo_err(phrase("cli.written").get(lang, path=output))
            if annotate:
                from dossiercheck.report.annotate import write_previews

                previews = write_previews(result, annotate, lang)
                _echo_err(phrase("cli.annotated").get(lang, n=len(previews), path=annotate))

        with LazyProgress(phrase("cli.inspecting").get(lang)) as progress:
            result = check_dossier(folder, options, progress, then=report)
    raise typer.Exit(outcome([result], strict))


@app.command()
def batch(
    root: Annotated[Path, typer.Argument()],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o")] = None,
    roster: Annotated[Path | None, typer.Option()] = None,
    roster_passed_only: Annotated[bool, typer.Option(
        "--roster-passed-only")] = False,
    reports: Annotated[Path | None, typer.Option()] = None,
    format: Annotated[str | None, typer.Option("--format", "-f")] = None,
    checklist: ChecklistOpt = None,
    lang: LangOpt = "zh",
    strict: StrictOpt = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    today: TodayOpt = None,
    cluster: Annotated[str | None, typer.Option("--cluster", envvar="DASK_SCHEDULER_ADDRESS")] = None,
) -> None:
    """单位经办人批量检查：每个子文件夹或 zip 是一位申报人（部门文件夹里的也算） / check every dossier under ROOT."""
    from dossiercheck.batch import find_dossiers, guard_outputs, run_batch
    from dossiercheck.engine import Options, outcome
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report.summary import footer, print_summary
    from dossiercheck.report.summary_file import render, write

    lang = _check_lang(lang)
    with user_errors(lang):
        fmt = _batch_format(output, format)
        options = Options(checklist=checklist, today=_parse_today(today), jobs=jobs, use_cache=not no_cache,
                          cluster=cluster)
        dossiers = find_dossiers(root)
        guard_outputs(root, dossiers, [p for p in (output, roster, reports) if p])  # before anything is read
        with LazyProgress(phrase("cli.inspecting").get(lang)) as bar:
            def progress(dossiers_done: int, dossiers: int, done: int, total: int) -> None:
                bar(done, total, phrase("cli.batch_progress").get(lang, done=dossiers_done, n=dossiers))

            with run_batch(root, options, progress, dossiers) as rows:
                written, listed = {}, []
                if reports:  # each writer imported only when asked for: HTML brings Pillow
                    from dossiercheck.report.batch_report import write_reports

                    written = write_reports(rows, reports, lang)
                if roster:
                    from dossiercheck.report.roster import write_roster

                    listed = write_roster(rows, roster, roster_passed_only)
        if output:
            write(rows, output, fmt, lang, root, written)
            for line in footer(rows, lang):  # the file holds the table; the terminal gets the totals
                typer.echo(line)
        elif fmt == "rich":
            print_summary(rows, lang)
        else:
            render(rows, fmt, lang, root, {}, sys.stdout)
        if reports:
            _echo_err(phrase("cli.written").get(lang, path=reports))
        if roster:
            _echo_err(phrase("clerk.roster_listed").get(lang, n=len(listed), path=roster))
        if output:
            _echo_err(phrase("cli.written").get(lang, path=output))
    raise typer.Exit(outcome([r.result for r in rows], strict))


def _batch_format(output: Path | None, given: str | None) -> str:
    """-o's extension decides (汇总.html → html); --format may say it too, but not otherwise. Without -o: the
    terminal table, or json/txt/html on stdout (html only into a pipe or file: on a terminal it is unreadable)."""
    from dossiercheck.report.summary_file import output_format

    known = ("rich", "json", "html", "txt", "xlsx")
    if given is not None and given not in known:
        raise UserError("error.bad_option", problem=Message("cli.bad_format", value=given, known=" / ".join(known)))
    if output is None:
        if given in ("xlsx",) or (given == "html" and sys.stdout.isatty()):
            raise UserError("error.needs_output", format=given)
        return given or "rich"
    implied = output_format(output)
    if implied is None and given in (None, "rich"):
        raise UserError("error.summary_format", path=output)
    if implied is not None and given not in (None, implied):
        raise UserError("error.format_conflict", format=given, path=output)
    return implied or given


@app.command()
def fix(
    folder: Annotated[Path, typer.Argument()],
    out: Annotated[Path | None, typer.Option("--out")] = None,
    no_mask: Annotated[bool, typer.Option("--no-mask")] = False,
    no_rotate: Annotated[bool, typer.Option("--no-rotate")] = False,
    no_convert: Annotated[bool, typer.Option("--no-convert")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    force: Annotated[bool, typer.Option("--force")] = False,
    checklist: ChecklistOpt = None,
    profile: ProfileOpt = None,
    lang: LangOpt = "zh",
    today: TodayOpt = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """生成修正后的副本：转正、转为真正的 JPG、遮盖姓名单位；原文件不动 / write a corrected copy."""
    from dossiercheck import fix as fixer
    from dossiercheck.cache import remembered
    from dossiercheck.engine import Options, outcome
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report.fixlog import print_changes, write_report

    lang = _check_lang(lang)
    with user_errors(lang), remembered():  # --no-cache too: the copy's unchanged files are not read again
        day = _parse_today(today)  # before anything is written
        target = out or fixer.default_output(folder)
        ours = False  # whether the folder is fix's to mark (and so to replace on the next run)
        theirs: set[str] = set()
        if not dry_run:
            from dossiercheck import outmark, safeio

            safeio.guard(target, [folder])
            earlier = fixer.check_output(folder, target, force)
            safeio.refuse_links(target)
            ours = earlier is not None or not target.exists() or not any(target.iterdir())
            if earlier:
                outmark.clear(target, earlier)  # the previous run's copy, as it wrote it
                theirs = outmark.files(target)  # what is left: changed or added by the person since, kept as it is
        options = Options(checklist=checklist, profile=profile, today=day, jobs=jobs, use_cache=not no_cache)
        how = fixer.Options(mask=not no_mask, rotate=not no_rotate, convert=not no_convert, dry_run=dry_run,
                            use_cache=not no_cache, keep=frozenset(theirs))
        try:
            before, changes, after = fixer.run(folder, target, options, how,
                                               lambda step: LazyProgress(phrase("cli.inspecting").get(lang)))
            if not dry_run:
                write_report(target, changes, before, after, lang)
        except OSError as exc:
            raise UserError("error.cannot_write", path=target, problem=exc.strerror or str(exc)) from None
        finally:  # interrupted too (Ctrl-C while the copy is checked): the next run replaces it without --force
            if ours and target.is_dir():  # a folder fix made (or made before): what it wrote is fix's, not the person's
                with suppress(OSError):
                    outmark.mark(target, "fix", folder, sorted(outmark.files(target) - theirs))
        print_changes(changes, before, after, target, lang)
        if not dry_run:
            personal = {f.rel for f in before.dossier.files
                        if f.item and before.checklist.item(f.item).blur_in_reports}
            _personal_copies([target / c.output for c in changes if c.file in personal], lang)
    raise typer.Exit(outcome([after] if after else [], strict=False))


@app.command()
def sort(
    source: Annotated[Path, typer.Argument()],
    out: Annotated[Path | None, typer.Option("--out")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run")] = False,
    update: Annotated[bool, typer.Option("--update")] = False,
    level: Annotated[str | None, typer.Option()] = None,
    profile: ProfileOpt = None,
    checklist: ChecklistOpt = None,
    format: TableFormatOpt = "rich",
    lang: LangOpt = "zh",
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """按内容把照片整理成材料文件夹（副本），先列出方案 / sort photos into the item folders, as a copy."""
    import json

    from dossiercheck import sort as sorter
    from dossiercheck.checks import load_checklist
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report import sort_table

    lang = _check_lang(lang)
    with user_errors(lang):
        _table_format(format)
        if not source.exists():
            raise UserError("error.no_such_dir", path=source)
        spec = load_checklist(checklist)
        if level is not None and level not in spec.levels:
            raise UserError("error.unknown_level", path="--level", level=level, levels=spec.levels)
        target = out or sorter.default_output(source)
        earlier = sorter.check_output(source, target, update) if not dry_run else None
        if update and profile is None:
            profile = sorter.kept_profile(target)  # the applicant.yaml the person filled in there
        if earlier:
            from dossiercheck import outmark

            outmark.clear(target, earlier, keep=[sorter.PROFILE_NAME])  # sort's own copies, as it wrote them

        def review(result) -> None:  # shown before anything is written
            if format == "rich":
                sort_table.render_review(result, spec, lang, sys.stdout)
                if dry_run:
                    typer.echo(phrase("sort.dry_run").get(lang))

        with LazyProgress(phrase("cli.inspecting").get(lang)) as progress:
            result = sorter.sort_dossier(source, target, spec, level, profile, dry_run, jobs, not no_cache, progress,
                                         review, lang=lang)
        if format == "json":
            typer.echo(json.dumps(sort_table.as_dict(result, lang), ensure_ascii=False, indent=2))
        elif result.written:
            typer.echo(sort_table.written(result, lang))
        if result.written:
            from dossiercheck import outmark

            outmark.mark(target, "sort", source, [p.target for p in result.placements if p.target] + [sorter.PROFILE_NAME])
            _personal_copies([result.out / p.target for p in result.placements
                              if p.target and p.item and spec.item(p.item).blur_in_reports], lang)
    raise typer.Exit(Exit.FINDINGS if result.counts["unsorted"] else Exit.OK)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument()],
    level: Annotated[str | None, typer.Option()] = None,
    checklist: ChecklistOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """建立 applicant.yaml 模板和各项材料文件夹，不覆盖已有文件 / create the profile template and item folders."""
    from dossiercheck.checks import load_checklist
    from dossiercheck.scaffold import scaffold

    lang = _check_lang(lang)
    with user_errors(lang):
        spec = load_checklist(checklist)
        made = scaffold(folder, spec, level or spec.levels[-1], lang)
    if not made.profile_created:
        _echo_err(UserError("error.init_exists", path=made.profile).render(lang))
    for line in made.messages():
        typer.echo(line.render(lang))


@app.command("app")
def app_page(
    no_browser: Annotated[bool, typer.Option("--no-browser")] = False,
    port: Annotated[int, typer.Option("--port")] = 0,
    lang: LangOpt = "zh",
    jobs: JobsOpt = None,
) -> None:
    """The local web page (its help: cli.help.app)."""
    from dossiercheck.app.server import serve

    lang = _check_lang(lang)
    with user_errors(lang):
        serve(lang=lang, port=port, open_browser=not no_browser, jobs=jobs, echo=typer.echo)


@checklist_app.command("list")
def checklist_list(lang: LangOpt = "zh") -> None:
    """列出内置清单 / list the shipped checklists."""
    from dossiercheck.checklist import available
    from dossiercheck.checks import load_checklist

    lang = _check_lang(lang)
    with user_errors(lang):
        for ident in available():
            typer.echo(f"{ident}\t{load_checklist(ident).title(lang)}")


@checklist_app.command("show")
def checklist_show(ident: Annotated[str, typer.Argument()] = "bz-news-2023",
                   lang: LangOpt = "zh") -> None:
    """显示清单的各项材料和条件 / show a checklist's items and conditions."""
    from dossiercheck.checks import load_checklist
    from dossiercheck.report import checklist_table

    lang = _check_lang(lang)
    with user_errors(lang):
        spec = load_checklist(ident)
    checklist_table.render(spec, lang)


@checklist_app.command("validate")
def checklist_validate(file: Annotated[Path, typer.Argument()], lang: LangOpt = "zh") -> None:
    """校验一个清单文件 / validate a checklist file."""
    from dossiercheck.checks import load_checklist

    lang = _check_lang(lang)
    with user_errors(lang):
        spec = load_checklist(str(file))
    typer.echo(phrase("cli.valid").get(lang, path=file, n=len(spec.items)))


@checklist_app.command("schema")
def checklist_schema() -> None:
    """打印完整的清单 JSON Schema（含各检查模块的设置），供编辑器校验 / print the checklist schema, merged."""
    import json

    from dossiercheck.checks import schema

    typer.echo(json.dumps(schema("checklist.schema.json"), ensure_ascii=False, indent=2))


@app.command()
def explain(code: Annotated[str | None, typer.Argument()] = None,
            lang: LangOpt = "zh") -> None:
    """解释一个检查代码 / explain a finding code."""
    import inspect as pyinspect

    from dossiercheck.checks import registry

    lang = _check_lang(lang)
    reg = registry()
    if code is None:
        for c in sorted(reg.codes.values(), key=lambda c: c.code):
            severity = phrase(f"cli.severity.{c.severity.value}").get(lang)
            typer.echo(f"{c.code}  {padded(severity, 7)}  {padded(reg.families[c.check].label.get(lang), 14)}  "
                       f"{c.title.get(lang)}")
        return
    spec = reg.codes.get(code.upper())
    if spec is None:
        _echo_err(UserError("error.unknown_code", code=code).render(lang))
        raise typer.Exit(Exit.USAGE)
    module = reg.module_of(spec.code)
    family = reg.families[spec.check].label.get(lang)
    severity = phrase(f"cli.severity.{spec.severity.value}").get(lang)
    typer.echo(phrase("cli.explain_head").get(lang, code=spec.code, title=spec.title.get(lang), family=family,
                                            severity=severity))
    typer.echo(described(spec.message.get(lang), lang))  # the placeholders in words: 〈材料名称〉
    if spec.hint.get(lang):
        typer.echo("→ " + described(spec.hint.get(lang), lang))
    typer.echo("")
    about = getattr(module, "ABOUT_ZH", None) if lang == "zh" else None  # a module may have only its docstring
    typer.echo(about or pyinspect.getdoc(module) or "")
    # every code of the module, from its CODES: the prose above may not name them all
    typer.echo("\n" + phrase("explain.codes").get(lang))
    for c in module.CODES:
        typer.echo(f"  {c.code}  {c.title.get(lang)}")


@cache_app.command("info")
def cache_info(lang: LangOpt = "zh") -> None:
    """显示缓存位置和大小 / where the cache is and how big."""
    from dossiercheck.cache import FactsCache, cache_dir

    lang = _check_lang(lang)
    n, size, engine = FactsCache().stats()
    typer.echo(phrase("cli.cache_info").get(lang, path=cache_dir(), n=n, mb=round(size / 1e6, 2)))
    if engine:
        typer.echo(phrase("cli.cache_engine").get(lang, mb=round(engine / 1e6, 1)))


@cache_app.command("clear")
def cache_clear(lang: LangOpt = "zh") -> None:
    """清除缓存（其中有 OCR 识别出的文字）/ delete the cache (it holds OCR text)."""
    from dossiercheck.cache import FactsCache, cache_dir

    lang = _check_lang(lang)
    cleared = FactsCache().clear()
    if not cleared.ours:  # a facts folder the tool did not make: nothing in it is touched
        typer.echo(phrase("cli.cache_not_ours").get(lang, path=cleared.left[0]))
        return
    typer.echo(phrase("cli.cache_cleared").get(lang, n=cleared.count, path=cache_dir()))
    if cleared.busy:
        typer.echo(phrase("cli.cache_busy").get(lang, n=cleared.busy))
    if cleared.left:
        typer.echo(phrase("cli.cache_left").get(lang, n=len(cleared.left), path=cleared.left[0]))


def _terminate(signum, frame) -> None:
    """SIGTERM/SIGHUP end the run like Ctrl-C: every ``finally`` runs (a zip's temporary folder is removed, the
    worker processes are stopped)."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: no traceback ever reaches a user."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _terminate)
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _echo_err(phrase("cli.interrupted").get(language(sys.argv[1:])))
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, exit 3
        if os.environ.get("DOSSIERCHECK_DEBUG"):
            raise
        lang = language(sys.argv[1:])
        _echo_err(phrase("error.internal").get(lang, problem=f"{type(exc).__name__}: {exc}"))
        sys.exit(Exit.INTERNAL)
