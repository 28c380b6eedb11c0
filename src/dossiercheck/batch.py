"""Clerk batch mode: every dossier under a root (sub-folders with an applicant.yaml, and .zip files) through one
shared, cached, parallel inspection, so that small dossiers still keep every core busy.

A dossier that cannot be read (no or broken applicant.yaml, unreadable zip, even a failure nobody foresaw) becomes a
row that says so, under its folder name (never in the applicant's column); the batch goes on. Each file's facts are
cached as soon as they are known. Reports and the roster are written while the files exist (a zip's are unpacked to
a temporary folder).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from dossiercheck.archive import opened, shown_error
from dossiercheck.checks import Context
from dossiercheck.dossier import check_folder
from dossiercheck.engine import Options, Result, evaluate, prepare, reads_text
from dossiercheck.errors import UserError
from dossiercheck.inspect import plan, run_tasks


@dataclass
class Row:
    source: Path
    result: Result | None = None
    error: UserError | None = None
    same_id: tuple[str, ...] = ()  # other dossiers (folder or zip names) with this applicant's ID number

    @property
    def failed(self) -> bool:
        return self.result is None or not self.result.passed

    def sort_key(self) -> tuple:
        """Dossiers needing work first: unreadable, then by errors, warnings; then by name."""
        if self.result is None:
            return (0, 0, 0, self.source.name)
        counts = self.result.counts
        return (1 if counts["error"] else 2, -counts["error"], -counts["warning"], self.source.name)


def _failed(source: Path, exc: Exception) -> UserError:
    return UserError("error.dossier_failed", path=source.name, problem=f"{type(exc).__name__}: {exc}"[:120])


def find_dossiers(root: Path, skip: tuple[Path, ...] = ()) -> list[Path]:
    """Every sub-folder (one applicant each; one without applicant.yaml becomes a row saying so) and every zip."""
    check_folder(root)
    skipped = {p.resolve() for p in skip}
    found = [p for p in sorted(root.iterdir()) if not p.name.startswith((".", "__MACOSX")) and p.resolve() not in skipped
             and (p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip"))]
    if not found:
        raise UserError("error.no_dossiers", path=root)
    return found


@contextmanager
def run_batch(root: Path, options: Options, progress: Callable[[int, int, int, int], None] | None = None,
              skip: tuple[Path, ...] = ()) -> Iterator[list[Row]]:
    """Check every dossier under ``root``; yields the rows while their files are still readable.

    ``progress(dossiers_done, dossiers, files_done, files)`` is called as files finish.
    """
    with ExitStack() as stack:
        rows: list[Row] = []
        contexts: list[tuple[Row, Context]] = []
        for source in find_dossiers(root, skip):
            row = Row(source)
            rows.append(row)
            folder = None
            try:
                folder, problems = stack.enter_context(opened(source))
                contexts.append((row, prepare(folder, options, source if folder != source else None, problems)))
            except UserError as exc:
                row.error = shown_error(exc, folder, source, short=True)
            except Exception as exc:  # one hostile dossier is its own row; the others are still checked
                row.error = _failed(source, exc)
        ocr = reads_text(options)
        plans = [plan(ctx, options.use_cache, ocr) for _, ctx in contexts]
        tasks = [task for p in plans for task, _ in p.todo]
        owner = [k for k, p in enumerate(plans) for _ in p.todo]
        local = [j for p in plans for j in range(len(p.todo))]
        left = [len(p.todo) for p in plans]
        done_dossiers = sum(1 for n in left if n == 0) + sum(1 for r in rows if r.error)

        def finished(index: int, facts: dict) -> None:
            nonlocal done_dossiers
            plans[owner[index]].store(local[index], facts)  # cached now: an interrupted batch keeps what it did
            left[owner[index]] -= 1
            done_dossiers += left[owner[index]] == 0

        known = sum(len(p.facts) for p in plans)  # cached files count as done: the bar shows every file

        def on_file(done: int, total: int) -> None:
            if progress:
                progress(done_dossiers, len(rows), known + done, known + total)

        if options.cluster:
            from dossiercheck.cluster import run_tasks as run_on_cluster

            computed = run_on_cluster(tasks, options.cluster, on_file, finished)
        else:
            computed = run_tasks(tasks, options.jobs, on_file, finished)
        start = 0
        for (row, ctx), p in zip(contexts, plans, strict=True):
            ctx.facts = p.finish(computed[start:start + len(p.todo)])
            start += len(p.todo)
            try:
                row.result = evaluate(ctx, options)
            except Exception as exc:
                row.error = _failed(row.source, exc)
        if progress:
            progress(len(rows), len(rows), known + len(tasks), known + len(tasks))
        _flag_same_id(rows)
        yield sorted(rows, key=Row.sort_key)


def _flag_same_id(rows: list[Row]) -> None:
    """Two dossiers of one person (the same ID number) are named on each other's row."""
    by_id: dict[str, list[Row]] = {}
    for row in rows:
        if row.result is not None and row.result.profile.id_number:
            by_id.setdefault(row.result.profile.id_number.upper(), []).append(row)
    for same in by_id.values():
        for row in same if len(same) > 1 else []:
            row.same_id = tuple(r.source.name for r in same if r is not row)
