"""The engine's runs behind the page, one at a time in a thread, with the progress the page polls.

Each run calls what the CLI command of the same name calls, in the same order, with the same options: ``sort``
(sort.sort_dossier), ``check`` (engine.check_dossier, the HTML report rendered while a zip's files still exist) and
``fix`` (check, fix.fix into a copy, check the copy, write fix-report.json). The outcome is engine.outcome's.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossiercheck.app.workspace import Workspace
from dossiercheck.errors import UserError
from dossiercheck.messages import phrase


@dataclass
class Job:
    kind: str  # sort / check / fix
    state: str = "running"  # running / done / failed
    done: int = 0
    total: int = 0
    step: int = 1  # fix reads twice: the dossier, then its corrected copy
    error: str | None = None
    result: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "state": self.state, "done": self.done, "total": self.total, "step": self.step,
                "error": self.error}


class Runner:
    """At most one run at a time; the last one's outcome stays for the page to show."""

    def __init__(self, ws: Workspace, lang: str, jobs: int | None = None) -> None:
        self.ws, self.lang, self.jobs = ws, lang, jobs
        self.job: Job | None = None
        self.last: dict[str, Job] = {}
        self._lock = threading.Lock()

    def busy(self) -> bool:
        return self.job is not None and self.job.state == "running"

    def start(self, kind: str, level: str | None = None) -> Job:
        with self._lock:
            if self.busy():
                return self.job  # a second click while it runs: the same run
            job = self.job = Job(kind)
            self.last[kind] = job
        work = {"sort": lambda: self._sort(job, level), "check": lambda: self._check(job), "fix": lambda: self._fix(job)}
        threading.Thread(target=self._run, args=(job, work[kind]), daemon=True).start()
        return job

    def _run(self, job: Job, work) -> None:
        try:
            work()
            job.state = "done"
        except UserError as exc:  # the one line the CLI would print, said on the page
            job.error, job.state = self.shown(exc.render(self.lang)), "failed"
        except Exception as exc:  # noqa: BLE001 - never a traceback on the page: one line, as the CLI's exit 3
            job.error, job.state = phrase("app.job.internal").get(self.lang, kind=type(exc).__name__), "failed"

    def shown(self, text: str) -> str:
        """Paths said as the user knows them (the folder's or the zip's name), never the private working folder."""
        name = self.ws.name or phrase("app.upload.unnamed").get(self.lang)  # loose photos have no folder name
        for path, shown in ((self.ws.fixed_zip, name), (self.ws.fixed, name), (self.ws.sorted, name),
                            (self.ws.upload, name), (self.ws.dir, "")):
            text = text.replace(str(path), shown)
        return text.lstrip("/")

    def options(self):
        from dossiercheck.engine import Options

        return Options(profile=self.ws.profile if self.ws.profile.is_file() else None, jobs=self.jobs)

    # ---------------------------------------------------------------- the runs
    def _sort(self, job: Job, level: str | None) -> None:
        from dossiercheck import sort as sorter
        from dossiercheck.checks import load_checklist

        spec = load_checklist(None)
        profile = self.ws.profile if self.ws.profile.is_file() else None
        job.result = sorter.sort_dossier(self.ws.upload, self.ws.sorted, spec, level, profile, dry_run=False,
                                         jobs=self.jobs, progress=job.progress)

    def _check(self, job: Job) -> None:
        from dossiercheck import safeio
        from dossiercheck.engine import check_dossier
        from dossiercheck.report.html import render

        def report(result) -> None:  # while a zip's files still exist: the report's thumbnails read them
            out = io.StringIO()
            render(result, self.lang, out)
            with safeio.open_text(self.ws.report, below=self.ws.dir) as fh:
                fh.write(self.shown(out.getvalue()))

        job.result = check_dossier(self.ws.dossier, self.options(), job.progress, then=report)

    def _fix(self, job: Job) -> None:
        from dossiercheck import fix as fixer
        from dossiercheck.report.fixlog import print_changes, write_report

        target = self.ws.fixed
        fixer.check_output(self.ws.dossier, target, force=False)

        @contextlib.contextmanager
        def progress(step: int):
            if step > 1:  # the page shows the copy's check as its second step
                job.step, job.done, job.total = step, 0, 0
            yield job.progress

        before, changes, after = fixer.run(self.ws.dossier, target, self.options(), fixer.Options(), progress)
        write_report(target, changes, before, after, self.lang)
        log = io.StringIO()
        with contextlib.redirect_stdout(log):  # the change log as `fix` prints it; the copy is the page's zip
            print_changes(changes, before, after, phrase("app.fix.zip_name").get(self.lang), self.lang)
        job.result, job.extra = after, {"before": before, "changes": changes, "log": log.getvalue()}
        self._zip(target, log.getvalue())

    def _zip(self, folder: Path, log: str) -> None:
        """The corrected copy as one zip, item folder by item folder, exactly as `fix` wrote it (its change log,
        fix-report.json, included: `check` skips it). The readable log is a download of its own: a text file in the
        zip would be one more file of the dossier when the zip is checked again."""
        from dossiercheck import safeio

        def write(tmp: Path) -> None:
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
                for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
                    z.write(path, path.relative_to(folder).as_posix())

        safeio.write_file(self.ws.fixed_zip, write, below=self.ws.dir)
        with safeio.open_text(self.ws.changes, below=self.ws.dir) as fh:
            fh.write(log)
