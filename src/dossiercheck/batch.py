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

from dossiercheck import safeio
from dossiercheck.archive import opened, shown_error
from dossiercheck.checks import Context
from dossiercheck.dossier import check_folder
from dossiercheck.engine import Options, Result, evaluate, prepare, reads_text
from dossiercheck.errors import UserError
from dossiercheck.inspect import plan, run_tasks

MAX_DEPTH = 4  # root/县市/单位/部门/申报人: deeper than that is a dossier's own folders, not the unit's tree
PROFILE = "applicant.yaml"


@dataclass
class Row:
    source: Path
    result: Result | None = None
    error: UserError | None = None
    same_id: tuple[str, ...] = ()  # other dossiers (their names) with this applicant's ID number
    name: str = ""  # the dossier as the clerk knows it: its path below the batch root (新闻部/孙七, 张三.zip)

    def __post_init__(self) -> None:
        self.name = self.name or self.source.name

    @property
    def failed(self) -> bool:
        return self.result is None or not self.result.passed

    def sort_key(self) -> tuple:
        """Dossiers needing work first: unreadable, then by errors, warnings; then by name."""
        if self.result is None:
            return (0, 0, 0, self.name)
        counts = self.result.counts
        return (1 if counts["error"] else 2, -counts["error"], -counts["warning"], self.name)


def _failed(source: Path, exc: Exception) -> UserError:
    return UserError("error.dossier_failed", path=source.name, problem=f"{type(exc).__name__}: {exc}"[:120])


def _entries(folder: Path) -> list[Path]:
    """A folder's sub-folders and zips, as a clerk would count them (hidden and __MACOSX left out)."""
    return [p for p in sorted(folder.iterdir()) if not p.name.startswith((".", "__MACOSX"))
            and (p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip"))]


def is_department(folder: Path, depth: int = 0) -> bool:
    """A folder with no applicant.yaml and no file of its own, holding dossiers (a folder with an applicant.yaml, a
    zip, or another department): 新闻部/ in root/新闻部/孙七/. A dossier whose profile is missing keeps its scans in
    numbered folders without an applicant.yaml, so it is still one dossier (and its row says what is missing)."""
    if depth >= MAX_DEPTH or not folder.is_dir() or folder.is_symlink():
        return False
    try:
        children = [p for p in folder.iterdir() if not p.name.startswith((".", "__MACOSX"))]
        if any(p.is_file() and p.suffix.lower() != ".zip" for p in children):
            return False
        return any((p.is_file() or (p / PROFILE).is_file() or is_department(p, depth + 1)) for p in _entries(folder))
    except OSError:  # a folder we may not list is a dossier row that says so
        return False


def find_dossiers(root: Path) -> list[Path]:
    """Every dossier under the root: a sub-folder (one applicant; one without applicant.yaml becomes a row saying
    so) or a zip, looking inside departments (see is_department) down to MAX_DEPTH."""
    check_folder(root)
    if (root / PROFILE).is_file() and not any((p / PROFILE).is_file() for p in _entries(root) if p.is_dir()):
        raise UserError("error.batch_one_dossier", path=root)  # its item folders are not applicants
    found: list[Path] = []

    def walk(folder: Path, depth: int) -> None:
        for p in _entries(folder):
            if is_department(p, depth + 1):
                walk(p, depth + 1)
            else:
                found.append(p)

    walk(root, 0)
    if not found:
        raise UserError("error.no_dossiers", path=root)
    return found


def guard_outputs(root: Path, dossiers: list[Path], outputs: list[Path]) -> None:
    """Every batch output (-o, --roster, --reports), links resolved, before anything is read: never a dossier or
    inside one (a zip's roster would overwrite the applicant's zip), and never inside the batch root, where the
    next run would take it for an applicant (and the roster's full ID numbers would travel with the material)."""
    for out in outputs:
        safeio.guard(out, dossiers)
        target, base = safeio.real(out), safeio.real(root)
        if target == base or target.is_relative_to(base):
            raise UserError("error.output_in_batch", path=out, root=root, example=base.parent / out.name)
    seen: set[Path] = set()
    for out in outputs:
        if safeio.real(out) in seen:
            raise UserError("error.output_twice", path=out)
        seen.add(safeio.real(out))


@contextmanager
def run_batch(root: Path, options: Options, progress: Callable[[int, int, int, int], None] | None = None,
              dossiers: list[Path] | None = None) -> Iterator[list[Row]]:
    """Check every dossier under ``root``; yields the rows while their files are still readable.

    ``progress(dossiers_done, dossiers, files_done, files)`` is called as files finish.
    """
    with ExitStack() as stack:
        rows: list[Row] = []
        contexts: list[tuple[Row, Context]] = []
        for source in dossiers if dossiers is not None else find_dossiers(root):
            row = Row(source, name=source.relative_to(root).as_posix())
            rows.append(row)
            folder = None
            try:
                folder, problems = stack.enter_context(opened(source))
                contexts.append((row, prepare(folder, options, source if folder != source else None, problems)))
            except UserError as exc:
                if exc.key == "error.no_profile":  # batch has no --profile: say what a clerk can do
                    exc = UserError("error.batch_no_profile", path=row.name)
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
        flag_same_id(rows)
        yield sorted(rows, key=Row.sort_key)


def flag_same_id(rows: list[Row]) -> None:
    """Dossiers of one person (the same ID number) know each other (the summary says each group once)."""
    by_id: dict[str, list[Row]] = {}
    for row in rows:
        if row.result is not None and row.result.profile.id_number:
            by_id.setdefault(row.result.profile.id_number.upper(), []).append(row)
    for same in by_id.values():
        for row in same if len(same) > 1 else []:
            row.same_id = tuple(r.name for r in same if r is not row)
