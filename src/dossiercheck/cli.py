"""The ``dossiercheck`` command: wires loading, inspection, checks and reporters, and maps outcomes to exit codes.

Every user-facing failure is one line (Chinese, or English with --lang en) and exit 2; an unexpected failure is one
line and exit 3 (set DOSSIERCHECK_DEBUG=1 for the traceback).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from datetime import date
from enum import IntEnum
from pathlib import Path
from typing import Annotated

import typer

from dossiercheck import __version__
from dossiercheck.errors import UserError
from dossiercheck.i18n import LANGS
from dossiercheck.messages import Message, phrase

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="职称申报材料检查工具 / check a professional-title dossier before upload.")
checklist_app = typer.Typer(no_args_is_help=True, help="检查清单：list / show / validate / schema")
cache_app = typer.Typer(no_args_is_help=True, help="检查结果缓存：info / clear")
app.add_typer(checklist_app, name="checklist")
app.add_typer(cache_app, name="cache")


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    INTERNAL = 3


# Options shared by several commands, declared once.
LangOpt = Annotated[str, typer.Option("--lang", help="zh 中文（默认）/ en English")]
ChecklistOpt = Annotated[str | None, typer.Option("--checklist", help="清单 ID 或 YAML 文件 / checklist id or file")]
ProfileOpt = Annotated[Path | None, typer.Option("--profile", help="applicant.yaml（默认在材料文件夹中）")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="有警告也算未通过 / warnings fail too")]
TableFormatOpt = Annotated[str, typer.Option("--format", "-f", help="rich / json")]  # batch and sort: a table
JobsOpt = Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数，默认 CPU 核数 / worker processes")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="不读写缓存 / do not use the cache")]
TodayOpt = Annotated[str | None, typer.Option("--today", help="以此日期计算截止天数 YYYY-MM-DD")]


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
    if lang not in LANGS:
        _echo_err(UserError("error.bad_option", problem=Message("cli.bad_lang", value=lang)).render("zh"))
        raise typer.Exit(Exit.USAGE)
    return lang


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
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="显示版本 / show the version")] = False) -> None:
    """职称申报材料检查工具 dossiercheck."""


@contextmanager
def _output(path: Path | None):
    from dossiercheck import safeio

    if path is None:
        yield sys.stdout
        return
    with safeio.open_text(path) as fh:  # atomic, 0600, never through a link
        yield fh


@app.command()
def check(
    folder: Annotated[Path, typer.Argument(help="材料文件夹或 zip 压缩包 / dossier folder or zip")],
    checklist: ChecklistOpt = None,
    profile: ProfileOpt = None,
    format: Annotated[str | None, typer.Option("--format", "-f", help="rich / json / html；默认按 -o 的扩展名 / "
                                                                      "default: from the -o extension")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="报告写入文件 / write the report here")] = None,
    lang: LangOpt = "zh",
    strict: StrictOpt = False,
    select: Annotated[list[str] | None, typer.Option(help="只报告这些代码（前缀）/ only these code prefixes")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="不报告这些代码（前缀）/ skip these code prefixes")] = None,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    today: TodayOpt = None,
    annotate: Annotated[Path | None, typer.Option(help="把标注了问题的页面副本写到此文件夹 / write annotated "
                                                       "copies of flagged pages here")] = None,
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
    root: Annotated[Path, typer.Argument(help="放着各申报人文件夹或 zip 的文件夹 / folder of dossiers")],
    roster: Annotated[Path | None, typer.Option(help="写出申报人员花名册（附件5）.xlsx 或 .csv")] = None,
    reports: Annotated[Path | None, typer.Option(help="为每位申报人写 JSON 和 HTML 报告到此文件夹")] = None,
    format: TableFormatOpt = "rich",
    checklist: ChecklistOpt = None,
    lang: LangOpt = "zh",
    strict: StrictOpt = False,
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
    today: TodayOpt = None,
    cluster: Annotated[str | None, typer.Option("--cluster", envvar="DASK_SCHEDULER_ADDRESS",
                                                help="在 Dask 集群上检查，如 tcp://host:8786 / inspect on this Dask "
                                                     "scheduler")] = None,
) -> None:
    """单位经办人批量检查：每个子文件夹或 zip 是一位申报人 / check every dossier (sub-folder or zip) under ROOT."""
    from dossiercheck import safeio
    from dossiercheck.batch import find_dossiers, run_batch
    from dossiercheck.engine import Options, outcome
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report.batch_report import render_json, write_reports
    from dossiercheck.report.roster import write_roster
    from dossiercheck.report.summary import print_summary

    lang = _check_lang(lang)
    with user_errors(lang):
        _table_format(format)
        options = Options(checklist=checklist, today=_parse_today(today), jobs=jobs, use_cache=not no_cache,
                          cluster=cluster)
        with LazyProgress(phrase("cli.inspecting").get(lang)) as bar:
            def progress(dossiers_done: int, dossiers: int, done: int, total: int) -> None:
                bar(done, total, phrase("cli.batch_progress").get(lang, done=dossiers_done, n=dossiers))

            outputs = tuple(p for p in (reports, roster) if p)  # never taken for a dossier
            for path in outputs:
                safeio.guard(path, find_dossiers(root, outputs))
            with run_batch(root, options, progress, skip=outputs) as rows:
                if reports:
                    write_reports(rows, reports, lang)
                if roster:
                    write_roster(rows, roster)
        if format == "json":
            render_json(rows, lang, sys.stdout)
        else:
            print_summary(rows, lang)
        for path in (roster, reports):
            if path:
                _echo_err(phrase("cli.written").get(lang, path=path))
    raise typer.Exit(outcome([r.result for r in rows], strict))


@app.command()
def fix(
    folder: Annotated[Path, typer.Argument(help="材料文件夹或 zip / dossier folder or zip")],
    out: Annotated[Path | None, typer.Option("--out", help="副本写到这里（默认：<文件夹>-fixed）")] = None,
    no_mask: Annotated[bool, typer.Option("--no-mask", help="不遮盖姓名和单位")] = False,
    no_rotate: Annotated[bool, typer.Option("--no-rotate", help="不旋转")] = False,
    no_convert: Annotated[bool, typer.Option("--no-convert", help="不转换格式、不缩小")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出将做的修改，不写任何文件")] = False,
    force: Annotated[bool, typer.Option("--force", help="允许写入已有内容的文件夹")] = False,
    checklist: ChecklistOpt = None,
    profile: ProfileOpt = None,
    lang: LangOpt = "zh",
    jobs: JobsOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """生成修正后的副本：转正、转为真正的 JPG、遮盖姓名单位；原文件不动 / write a corrected copy."""
    from dossiercheck import fix as fixer
    from dossiercheck.engine import Options, check_dossier, outcome
    from dossiercheck.progress import LazyProgress
    from dossiercheck.report.fixlog import print_changes, write_report

    lang = _check_lang(lang)
    with user_errors(lang):
        target = out or fixer.default_output(folder)
        if not dry_run:
            from dossiercheck import safeio

            safeio.guard(target, [folder])
            fixer.check_output(folder, target, force)
            safeio.refuse_links(target)
        options = Options(checklist=checklist, profile=profile, jobs=jobs, use_cache=not no_cache)
        how = fixer.Options(mask=not no_mask, rotate=not no_rotate, convert=not no_convert, dry_run=dry_run)
        changes: list = []
        try:
            with LazyProgress(phrase("cli.inspecting").get(lang)) as progress:
                before = check_dossier(folder, options, progress,
                                       then=lambda result: changes.extend(fixer.fix(result, target, how)))
            after = None
            if not dry_run:
                with LazyProgress(phrase("cli.inspecting").get(lang)) as progress:
                    after = check_dossier(target, Options(checklist=checklist, profile=profile, jobs=jobs,
                                                          use_cache=not no_cache), progress)
                write_report(target, changes, before, after, lang)
        except OSError as exc:
            raise UserError("error.cannot_write", path=target, problem=exc.strerror or str(exc)) from None
        print_changes(changes, before, after, target, lang)
    raise typer.Exit(outcome([after] if after else [], strict=False))


@app.command()
def sort(
    source: Annotated[Path, typer.Argument(help="照片或扫描件所在的文件夹或 zip / folder or zip of photos and scans")],
    out: Annotated[Path | None, typer.Option("--out", help="整理后的副本写到这里（默认：<文件夹>-sorted）")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只列出整理方案，不写任何文件")] = False,
    level: Annotated[str | None, typer.Option(help="初级 / 中级（没有 applicant.yaml 时，默认中级）")] = None,
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
        if not dry_run:
            sorter.check_output(source, target)

        def review(result) -> None:  # shown before anything is written
            if format == "rich":
                sort_table.render_review(result, spec, lang, sys.stdout)
                if dry_run:
                    typer.echo(phrase("sort.dry_run").get(lang))

        with LazyProgress(phrase("cli.inspecting").get(lang)) as progress:
            result = sorter.sort_dossier(source, target, spec, level, profile, dry_run, jobs, not no_cache, progress,
                                         review)
        if format == "json":
            typer.echo(json.dumps(sort_table.as_dict(result, lang), ensure_ascii=False, indent=2))
        elif result.written:
            typer.echo(sort_table.written(result, lang))
    raise typer.Exit(Exit.FINDINGS if result.counts["unsorted"] else Exit.OK)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="要建立的材料文件夹 / folder to create")],
    level: Annotated[str | None, typer.Option(help="申报级别，如 中级（默认：清单的最后一级）/ level")] = None,
    checklist: ChecklistOpt = None,
    lang: LangOpt = "zh",
) -> None:
    """建立 applicant.yaml 模板和各项材料文件夹，不覆盖已有文件 / create the profile template and item folders."""
    from dossiercheck.checks import load_checklist
    from dossiercheck.scaffold import scaffold

    lang = _check_lang(lang)
    with user_errors(lang):
        spec = load_checklist(checklist)
        made = scaffold(folder, spec, level or spec.levels[-1])
    if not made.profile_created:
        _echo_err(UserError("error.init_exists", path=made.profile).render(lang))
    for line in made.messages():
        typer.echo(line.render(lang))


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
def checklist_show(ident: Annotated[str, typer.Argument(help="清单 ID 或文件")] = "bz-news-2023",
                   lang: LangOpt = "zh") -> None:
    """显示清单的各项材料和条件 / show a checklist's items and conditions."""
    from dossiercheck.checks import load_checklist
    from dossiercheck.report import checklist_table

    lang = _check_lang(lang)
    with user_errors(lang):
        spec = load_checklist(ident)
    checklist_table.render(spec, lang)


@checklist_app.command("validate")
def checklist_validate(file: Annotated[Path, typer.Argument(help="清单 YAML 文件")], lang: LangOpt = "zh") -> None:
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
def explain(code: Annotated[str | None, typer.Argument(help="代码，如 P101；不填则列出全部")] = None,
            lang: LangOpt = "zh") -> None:
    """解释一个检查代码 / explain a finding code."""
    import inspect as pyinspect

    from dossiercheck.checks import registry

    lang = _check_lang(lang)
    reg = registry()
    if code is None:
        for c in sorted(reg.codes.values(), key=lambda c: c.code):
            typer.echo(f"{c.code}  {c.severity.value:<7}  {c.check:<11}  {c.title.get(lang)}")
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
    typer.echo(spec.message.en if lang == "en" else spec.message.zh)
    if spec.hint.get(lang):
        typer.echo("→ " + (spec.hint.en if lang == "en" else spec.hint.zh))
    typer.echo("")
    about = getattr(module, "ABOUT_ZH", None) if lang == "zh" else None  # a module may have only its docstring
    typer.echo(about or pyinspect.getdoc(module) or "")


@cache_app.command("info")
def cache_info(lang: LangOpt = "zh") -> None:
    """显示缓存位置和大小 / where the cache is and how big."""
    from dossiercheck.cache import FactsCache, cache_dir

    lang = _check_lang(lang)
    n, size = FactsCache().stats()
    typer.echo(phrase("cli.cache_info").get(lang, path=cache_dir(), n=n, mb=round(size / 1e6, 2)))


@cache_app.command("clear")
def cache_clear(lang: LangOpt = "zh") -> None:
    """清除缓存（其中有 OCR 识别出的文字）/ delete the cache (it holds OCR text)."""
    from dossiercheck.cache import FactsCache, cache_dir

    lang = _check_lang(lang)
    typer.echo(phrase("cli.cache_cleared").get(lang, n=FactsCache().clear(), path=cache_dir()))


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
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, exit 3
        if os.environ.get("DOSSIERCHECK_DEBUG"):
            raise
        lang = "en" if "--lang=en" in sys.argv or ("--lang" in sys.argv and "en" in sys.argv) else "zh"
        _echo_err(phrase("error.internal").get(lang, problem=f"{type(exc).__name__}: {exc}"))
        sys.exit(Exit.INTERNAL)
