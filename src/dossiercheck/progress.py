"""A progress bar on stderr that appears only when the work takes more than a moment and stderr is a terminal.

It counts every file of the dossier (cached ones are done from the start) and is gone from the screen as soon as the
last file is done, before any report is printed. It shows the time spent, not a time left: files differ by a hundred
times in work (a cached file, a 40-page PDF), so a rate of files says nothing of the time still needed."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a bar is shown: a cached re-check never shows one
    from rich.progress import Progress

DELAY = 0.5  # seconds of work before a bar is worth showing


def COLUMNS() -> tuple:  # noqa: N802 - a constant that must be made anew for each bar
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn

    return TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()


class LazyProgress:
    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled and sys.stderr.isatty()
        self.started_at = time.monotonic()
        self._progress: Progress | None = None
        self._task = None

    def __call__(self, done: int, total: int, label: str | None = None) -> None:
        if not self.enabled:
            return
        if done >= total:
            self.close()  # the report comes next: it must start on a clean line, not glued to the bar
            return
        if self._progress is None:
            if time.monotonic() - self.started_at < DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            # no redirection: a report printed to stdout never passes through the bar's console
            self._progress = Progress(*COLUMNS(), console=Console(stderr=True), transient=True,
                                      redirect_stdout=False, redirect_stderr=False)
            self._progress.start()
            self._task = self._progress.add_task(self.label, total=total)
        self._progress.update(self._task, completed=done, total=total, description=label or self.label)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None

    def __enter__(self) -> LazyProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
