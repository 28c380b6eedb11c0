"""Inspection: the expensive per-file stage. It returns facts (plain JSON values), never findings.

Each file is hashed in this process; facts found in the cache under (content hash, inspector version, what was
asked) are reused, the rest are computed in a process pool (``--jobs``) and stored. Results are keyed by the file's
relative path, so the order of the workers never shows in a report.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from dossiercheck.cache import FactsCache
from dossiercheck.checklist import Item
from dossiercheck.dossier import DossierFile
from dossiercheck.facts import Facts, Field, FileFacts, PageReading, readings
from dossiercheck.inspect.filetype import IMAGE_KINDS, extension_fits, sniff

# Bump when any inspector's output changes: old cache entries then stop matching.
INSPECTOR_VERSION = "12"  # 6: fields read from the page (inspect/fields.py); 7: PDF hidden-text runs
# 8: the page's fingerprint (samepage.py); 9: ticked boxes, names and ID numbers, table-cell hours (inspect/fields.py);
# 10: photographed pages read flattened (inspect/flatten.py, facts' ``flat``); 11: a line barely off level is cut by
# its box again (ocr.SLANT); 12: a sideways page's lines found again upright, print under a red seal read again from
# the red channel, a line a cell border runs through read unsqueezed (ocr._sideways, _reread_under_seal, _crossed)
# A reader's own changes need no bump here: fields are taken afresh from the cached reading (``with_fields``); only a
# reader that measures the image (MARKS) keys its files by its VERSION.


@dataclass(frozen=True)
class Task:
    """One file's inspection; picklable for the worker processes."""

    rel: str
    path: str
    photo: bool = False
    ocr: bool = False  # read the page (orientation, text for masking and keywords)
    reads: str = ""  # the item's ``reads:`` (JSON): which fields to read off the page's text

    @property
    def marks(self) -> str:
        """The reader (document.VERSION) whose pages' images are measured too, as the commitment form's handwritten
        marks are: the one reading an item's ``reads`` changes, so it keys the cache; "" for any other page."""
        from dossiercheck.inspect import readers

        if not (self.reads and self.ocr):
            return ""
        document = json.loads(self.reads).get("document", "")
        return readers.version(document) if getattr(readers.reader(document), "MARKS", False) else ""

    @property
    def wants(self) -> str:
        """What was asked of the inspection: part of the cache key. Not the item's ``reads``: the fields are taken
        from the page's reading afterwards (``with_fields``), so that sort, check and fix share one reading."""
        from dossiercheck.inspect.ocr import SETTINGS, backend_tag

        if self.photo:
            return "photo"
        if not self.ocr:
            return "page"
        # a reader's fields are not in the key: they are taken afresh from the cached reading (``with_fields``), so
        # a new or changed reader needs no page read again
        return f"ocr-{SETTINGS}{backend_tag()}" + (f"-marks-{self.marks}" if self.marks else "")


def _error(facts: FileFacts, code: str, detail: str = "") -> FileFacts:
    facts["error"] = {"code": code, "detail": detail}
    return facts


def inspect_file(task: Task) -> FileFacts:
    """Facts for one file; every failure becomes ``facts['error']``, never an exception."""
    from dossiercheck.inspect.image import ImageProblem, inspect_image
    from dossiercheck.inspect.pdf import PdfProblem, inspect_pdf

    path = Path(task.path)
    facts: FileFacts = {"ext": path.suffix.lower()}
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return _error(facts, "not_regular")
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        return _error(facts, "vanished")
    except OSError as exc:
        return _error(facts, "unreadable", exc.strerror or "")
    facts["kind"] = kind = sniff(head, path)
    facts["ext_ok"] = extension_fits(kind, path.suffix)
    if kind == "empty":
        return _error(facts, "empty")
    try:
        if kind in IMAGE_KINDS:
            facts.update(inspect_image(path, task.photo, task.ocr, marks=bool(task.marks)))
        elif kind == "pdf":
            facts["pdf"] = inspect_pdf(path, task.ocr)
            facts["pages"] = facts["pdf"]["pages"]
    except (ImageProblem, PdfProblem) as exc:
        return _error(facts, exc.code, exc.detail)
    except FileNotFoundError:
        return _error(facts, "vanished")
    except OSError as exc:
        return _error(facts, "unreadable", exc.strerror or str(exc))
    except MemoryError:
        return _error(facts, "bomb", "memory")
    except Exception as exc:  # a parser's surprise about one hostile file must not stop the run
        return _error(facts, "corrupt" if kind in IMAGE_KINDS else "broken", f"{type(exc).__name__}: {exc}"[:200])
    return facts


def with_fields(task: Task, facts: FileFacts) -> FileFacts:
    """The facts with the fields the item reads (``reads:``) taken from the page's reading: cheap, and done after
    the cache, so that one reading serves every command whatever its items read."""
    facts.pop("fields", None)  # never trusted from a cache entry
    if not task.reads or not task.ocr or "error" in facts:
        return facts
    try:
        facts["fields"] = _fields(facts, json.loads(task.reads))
    except Exception as exc:  # a reader's surprise about one page must not stop the run
        return _error(facts, "broken", f"{type(exc).__name__}: {exc}"[:200])
    return facts


def _fields(facts: FileFacts, reads: dict[str, Any]) -> list[Field]:
    """What the page says (inspect/readers/): read off the OCR lines, and off a PDF's text layer."""
    from dossiercheck.inspect.fields import read_fields

    pdf = facts.get("pdf") or {}
    pages: list[PageReading] = readings(facts)
    pages += [{"page": n, "lines": [{"t": t, "s": 1.0, "b": None} for t in text.splitlines() if t.strip()]}
              for n, text in enumerate(pdf.get("text", []), 1) if text.strip()]
    return read_fields(pages, reads.get("document", ""), reads)


class Dossier(Protocol):
    """What the inspection needs of a checks.Context (which it never imports: checks sit above inspect)."""

    @property
    def dossier(self) -> DossierFiles: ...

    def item_of(self, file: DossierFile) -> Item | None: ...

    def applies(self, item: Item) -> bool: ...


class DossierFiles(Protocol):
    @property
    def files(self) -> list[DossierFile]: ...


def _task(ctx: Dossier, f: DossierFile, ocr: bool) -> Task:
    """What to ask of one file: OCR only where a check will read the text (the cheap gate)."""
    item = ctx.item_of(f)
    photo = bool(item and item.setting("photo"))
    # files of an item this applicant does not need are reported as such and never read; files of no item are
    # read, so that the classifier can say which item they look like
    wanted = bool(ocr and not photo and (item is None or ctx.applies(item)))
    # the item's reads: say which fields to read off its pages (part of the cache key)
    reads = item.setting("reads") if wanted and item is not None else None
    return Task(f.rel, str(f.path), photo=photo, ocr=wanted,
                reads=json.dumps(reads, ensure_ascii=False, sort_keys=True) if reads else "")


def file_hash(path: Path) -> str | None:
    """SHA-256 of a regular file's bytes; None for anything else (a FIFO would block the run)."""
    h = hashlib.sha256()
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except OSError:
        return None
    return h.hexdigest()


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_tasks(tasks: list[Task], jobs: int | None, progress: Callable[[int, int], None] | None = None,
              finished: Callable[[int, FileFacts], None] | None = None) -> list[FileFacts]:
    """Inspect ``tasks`` in a process pool (serially for one job or one task); facts in the order of ``tasks``.

    ``progress(done, total)`` and ``finished(index, facts)`` are called as each task completes."""
    jobs = jobs or default_jobs()
    total = len(tasks)
    out: list[FileFacts | None] = [None] * total
    # one file alone is read here, unless workers kept open (keep_workers) have their engines built already
    if jobs <= 1 or total == 0 or (total == 1 and _kept is None) or not _pool_works():
        # --jobs is the number of cores to use: in this one process, that many onnxruntime threads
        _use_threads(jobs)
        for i, task in enumerate(tasks):
            out[i] = inspect_file(task)
            if finished:
                finished(i, out[i])
            if progress:
                progress(i + 1, total)
        return out  # type: ignore[return-value]
    # Big files first so that one large scan does not finish last on an otherwise idle pool.
    order = sorted(range(total), key=lambda i: -_size(tasks[i].path))
    pool = _pool(min(jobs, total))
    try:
        for done, (i, facts) in enumerate(zip(order, pool.map(inspect_file, [tasks[i] for i in order], chunksize=1),
                                              strict=True), 1):
            out[i] = facts
            if finished:
                finished(i, facts)
            if progress:
                progress(done, total)
    except BaseException:  # interrupted (Ctrl-C, SIGTERM, SIGHUP): stop the workers now, leave no orphan
        with _quiet_cancelled_futures():
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
            pool.shutdown(wait=True, cancel_futures=True)
            _let_go()
        raise
    if _kept is None:
        pool.shutdown(wait=True)
    return out  # type: ignore[return-value]


@contextmanager
def _quiet_cancelled_futures() -> Iterator[None]:
    """While an interrupted pool is torn down, its manager thread may still hand a result, or the news of a killed
    worker, to a future already cancelled: Python 3.11 then prints that thread's InvalidStateError traceback to the
    user (1 run in 8 of a SIGHUP during a check). The run is stopping anyway; only that error is kept quiet."""
    import threading
    from concurrent.futures import InvalidStateError

    before = threading.excepthook

    def hook(args: Any) -> None:
        if not (args.exc_type is not None and issubclass(args.exc_type, InvalidStateError)):
            before(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = before


_kept: tuple[Any, int] | None = None  # (pool, its workers) kept open by keep_workers()
_keeping = False


@contextmanager
def keep_workers() -> Iterator[None]:
    """Keep the workers of run_tasks open until the block ends, for a command that reads twice: fix reads the
    dossier, then the pages of its copy it changed. The second reading then pays no workers' start again (imports
    and the OCR engine: 1.3 s of each worker's CPU, for a handful of masked pages)."""
    global _keeping
    if _keeping:  # already kept by an enclosing block
        yield
        return
    _keeping = True
    try:
        yield
    finally:
        _keeping = False
        _let_go()


def _let_go() -> None:
    global _kept
    kept, _kept = _kept, None
    if kept is not None:
        kept[0].shutdown(wait=True)  # a pool already stopped (interrupted) shuts again at once


def _pool(workers: int) -> Any:
    """A process pool of ``workers`` (each worker one inference thread: the pool, not the engine, spreads the work
    over the cores); the kept one where it has as many."""
    from concurrent.futures import ProcessPoolExecutor  # not on a re-check answered from the cache

    global _kept
    if _kept is not None and _kept[1] >= workers:
        return _kept[0]
    _let_go()  # too few workers for this reading (a forking pool starts all its workers at once: none spare)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_in_worker, initargs=(1,))
    if _keeping:
        _kept = (pool, workers)
    return pool


def _use_threads(n: int) -> None:
    from dossiercheck.inspect.ocr import use_threads

    use_threads(n)


def _in_worker(threads: int) -> None:
    """A worker's setup; the main process stops the workers itself, so they do not inherit its signal handlers."""
    import signal

    _use_threads(threads)
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _pool_works() -> bool:
    """A process pool needs working semaphores (absent in some sandboxes): fall back to serial work."""
    try:
        import multiprocessing.synchronize  # noqa: F401

        return True
    except ImportError:
        return False


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


@dataclass
class Plan:
    """One dossier's inspection: facts already known (cache, links) and the files still to inspect."""

    facts: Facts
    todo: list[tuple[Task, str | None]]  # (task, content hash)
    cache: FactsCache

    def store(self, index: int, result: FileFacts) -> None:
        """Cache one file's facts as soon as they are known (a crash later loses nothing already done), and only if
        the file still has the content that was hashed: a file changed meanwhile is inspected again next time."""
        task, digest = self.todo[index]
        if digest and result.get("error", {}).get("code") not in ("vanished", "unreadable") and \
                not _ocr_failed(result) and file_hash(Path(task.path)) == digest:
            self.cache.put(_key(digest, task), {**result, "sha256": digest})

    def finish(self, computed: list[FileFacts]) -> Facts:
        """Merge the computed facts (in ``todo`` order; ``store`` has cached them)."""
        for (task, digest), result in zip(self.todo, computed, strict=True):
            if digest:
                result["sha256"] = digest
            self.facts[task.rel] = with_fields(task, result)
        return self.facts


def _ocr_failed(facts: FileFacts) -> bool:
    """A page the engine failed on (out of memory, a broken model load): worth another try next run, not a cached
    verdict."""
    return any(p.get("status") == "failed" for p in readings(facts))


def _key(digest: str, task: Task) -> str:
    return f"{digest}-{INSPECTOR_VERSION}-{task.wants}"


def remember(path: Path, facts: FileFacts, use_cache: bool = True) -> None:
    """Keep ``facts`` as the read page of the file at ``path``, as the cache keeps a page it has read: for a file
    whose pixels show what an earlier reading already read (fix's copy of a page it only turned or converted)."""
    digest = file_hash(path)
    if digest:
        FactsCache(enabled=use_cache).put(_key(digest, Task(path.name, str(path), ocr=True)),
                                          {**facts, "sha256": digest})


def plan(ctx: Dossier, use_cache: bool = True, ocr: bool = True) -> Plan:
    cache = FactsCache(enabled=use_cache)
    facts: Facts = {}
    todo: list[tuple[Task, str | None]] = []
    for f in ctx.dossier.files:
        if f.outside_link:
            facts[f.rel] = {"ext": f.path.suffix.lower(), "error": {"code": "outside_link", "detail": ""}}
            continue
        task = _task(ctx, f, ocr)
        digest = file_hash(f.path)
        cached = cache.get(_key(digest, task), digest) if digest else None
        if cached is None and digest and task.marks:
            cached = _with_marks(cache, digest, task)
        if cached is not None:
            facts[f.rel] = with_fields(task, cached)
        else:
            todo.append((task, digest))
    return Plan(facts, todo, cache)


def _with_marks(cache: FactsCache, digest: str, task: Task) -> FileFacts | None:
    """A page whose marks are asked (the commitment form's) but which was read without them (by ``sort``, which reads
    every page as an item of none): its reading is taken from the cache and only its marks are measured, on the
    image, not read again (OCR). None when there is no such reading, or the image will not open: then it is
    inspected in full, which says what is wrong with it."""
    from dossiercheck.inspect.image import marks_of

    plain = cache.get(_key(digest, replace(task, reads="")), digest)
    pages = readings(plain) if plain is not None else []
    if plain is None or plain.get("kind") not in IMAGE_KINDS or len(pages) != 1 or pages[0].get("status") == "failed":
        return None
    try:
        facts = {**plain, "marks": marks_of(Path(task.path), pages[0])}
    except Exception:  # a file that changed or will not open since it was read: the full inspection says so
        return None
    cache.put(_key(digest, task), facts)
    return facts


def inspect_dossier(ctx: Dossier, jobs: int | None = None, use_cache: bool = True,
                    progress: Callable[[int, int], None] | None = None, ocr: bool = True) -> Facts:
    p = plan(ctx, use_cache, ocr)
    known = len(p.facts)  # cached files count as done: the bar shows the whole dossier
    counted = (lambda done, total: progress(known + done, known + total)) if progress else None
    return p.finish(run_tasks([t for t, _ in p.todo], jobs, counted, p.store))
