"""`batch --cluster`: the per-file inspection on a Dask distributed cluster instead of the local process pool.

The same interface as ``inspect.run_tasks`` (facts in the order of the tasks; ``finished`` as each file is done, so
the caller caches it at once and a killed run resumes where it stopped). The workers share no disk with this
machine: each file travels as its bytes inside the task and comes back as its facts (JSON values); a worker writes
the bytes to a private temporary folder, inspects them there and removes them. Each worker process builds its OCR
engine once, on its first task (onnxruntime's sessions cannot be pickled, so they never travel). Dask is imported
only here, only when asked (``pip install "dossiercheck[cluster]"``).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dossiercheck.errors import UserError
from dossiercheck.facts import FileFacts
from dossiercheck.inspect import Task, inspect_file

IN_FLIGHT_PER_THREAD = 2  # files sent ahead of the workers: enough to keep them busy, few enough to bound memory
CONNECT_TIMEOUT = "20s"


def inspect_bytes(task: Task, data: bytes) -> FileFacts:
    """On a worker: one file's facts from its bytes (the file keeps its name: its extension is part of the facts)."""
    from dossiercheck.inspect.ocr import use_threads

    use_threads(1)  # the cluster spreads the files over its worker threads, as the local pool does over processes
    with tempfile.TemporaryDirectory(prefix="dossiercheck-") as tmp:
        path = Path(tmp) / (Path(task.path).name or "file")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # a dossier is personal data
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return inspect_file(replace(task, path=str(path)))


def _local(task: Task) -> bool:
    """A file that is not a regular file (a FIFO, a vanished file) is answered here: its bytes cannot be sent."""
    try:
        return not stat.S_ISREG(os.stat(task.path).st_mode)
    except OSError:
        return True


def run_tasks(tasks: list[Task], address: str, progress: Callable[[int, int], None] | None = None,
              finished: Callable[[int, FileFacts], None] | None = None) -> list[FileFacts]:
    """Inspect ``tasks`` on the Dask cluster whose scheduler is at ``address``; facts in the order of ``tasks``."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UserError("error.cluster_missing") from None
    total = len(tasks)
    out: list[FileFacts | None] = [None] * total
    done = 0

    def record(i: int, facts: FileFacts) -> None:
        nonlocal done
        out[i] = facts
        done += 1
        if finished:
            finished(i, facts)
        if progress:
            progress(done, total)

    remote = []
    for i, task in enumerate(tasks):
        if _local(task):
            record(i, inspect_file(task))
        else:
            remote.append(i)
    if not remote:
        return out  # type: ignore[return-value]
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UserError("error.cluster_unreachable", address=address, problem=f"{type(exc).__name__}: {exc}"[:160]) \
            from None
    with client:
        ahead = max(4, IN_FLIGHT_PER_THREAD * sum(client.nthreads().values()))
        waiting = iter(remote)
        index = {}

        def send():
            """The next file's bytes to the cluster; None when all are sent."""
            for i in waiting:
                try:
                    data = Path(tasks[i].path).read_bytes()
                except OSError:  # vanished or unreadable since it was listed: inspect_file says which, here
                    record(i, inspect_file(tasks[i]))
                    continue
                sent = replace(tasks[i], path=Path(tasks[i].path).name)  # the worker never sees this machine's paths
                future = client.submit(inspect_bytes, sent, data, pure=False)
                index[future] = i
                return future
            return None

        first = [f for f in (send() for _ in range(ahead)) if f is not None]
        queue = as_completed(first, loop=client.loop) if first else []  # our client, never a default one
        try:
            for future in queue:
                try:
                    facts = future.result()
                except Exception as exc:  # a worker lost, a cluster without our package: stop, keep what is done
                    raise UserError("error.cluster_failed", address=address,
                                    problem=f"{type(exc).__name__}: {exc}"[:160]) from None
                record(index.pop(future), facts)
                if (more := send()) is not None:
                    queue.add(more)
        except BaseException:  # interrupted or failed: what is done is cached; nothing keeps running on the cluster
            client.cancel(list(index))
            raise
    return out  # type: ignore[return-value]
