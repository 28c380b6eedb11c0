"""A guarded child process for work a hostile file can make unbounded (PDFium and pypdf on a PDF).

One child per inspecting process, started on first use and reused file after file (starting Python with PDFium,
pypdf, numpy and OpenCV costs about a second; a page costs a tenth of that): ``guarded(work, *args)`` runs the
generator ``work`` there and yields what it yields. The child runs under a memory limit (MEMORY_LIMIT bytes of
address space beyond what it holds when idle) and single-threaded; the caller waits at most PAGE_SECONDS for each
item and FILE_SECONDS for the whole call. A breach kills the child (the next call starts a fresh one) and raises
``Breach('memory' | 'time')``: one file costs at most its budget, never the run. A child that ended a file having
used over half its limit is retired too, so no file inherits another's leftovers.

The child dies with its parent: on Linux the kernel kills it when the parent goes (PR_SET_PDEATHSIG), and
anywhere it leaves when its request pipe closes. Exceptions in the child come back as ``Breach`` with the code
and detail the exception carries (``code``/``detail``, as PdfProblem has), ``broken`` for anything else.
"""

from __future__ import annotations

import atexit
import importlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any, BinaryIO

MEMORY_LIMIT = 2 << 30   # bytes of address space a child may add to what it holds idle (a page renders in ~50 MB)
PAGE_SECONDS = 60.0      # the longest wait for one item (a page); an ordinary page takes well under a second
FILE_SECONDS = 600.0     # the longest wait for one call (a whole file)
WORK_MODULES = ("dossiercheck.inspect.pdf",)  # what the child may be asked to run
_HEADER = struct.Struct("<Q")


class Breach(Exception):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, detail)
        self.code, self.detail = code, detail


# ------------------------------------------------------------------ the caller's side


class _Child:
    def __init__(self) -> None:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "dossiercheck.inspect.guard", str(os.getpid()),
                                      str(MEMORY_LIMIT)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     env=env)
        self.frames: queue.Queue = queue.Queue(maxsize=2)  # the child runs at most two items ahead
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            while True:
                self.frames.put(_receive(self.proc.stdout))
        except (EOFError, OSError, pickle.UnpicklingError, ValueError):
            self.frames.put(None)

    def send(self, request: tuple) -> None:
        _send(self.proc.stdin, request)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass


_child: _Child | None = None


def _stop() -> None:
    global _child
    if _child is not None:
        _child.kill()
        _child = None


atexit.register(_stop)
_inherited: list[_Child] = []


def _forget() -> None:
    """In a forked process (a pool worker) the parent's child is not ours: never touched (its pipe's lock may be
    held by the parent's reader thread, which did not come along), only kept from being collected."""
    global _child
    if _child is not None:
        _inherited.append(_child)
    _child = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget)


def guarded(work: str, *args: Any, page_seconds: float = PAGE_SECONDS,
            file_seconds: float = FILE_SECONDS) -> Iterator[Any]:
    """Run ``work`` ("module:function", a generator) in the guarded child and yield its items; Breach on a breach
    of the budget or an exception in the child. Leaving early (an error here, a closed generator) kills the
    child: what it was doing is not known."""
    global _child
    if _child is None or _child.proc.poll() is not None:
        _stop()
        _child = _Child()
    child = _child
    finished = False
    try:
        child.send((work, args))
        deadline = time.monotonic() + file_seconds
        while True:
            wait = min(page_seconds, deadline - time.monotonic())
            try:
                frame = child.frames.get(timeout=max(wait, 0.01))
            except queue.Empty:
                raise Breach("too_complex", "time") from None
            if frame is None:  # the child died: the memory limit (PDFium aborts, or the kernel kills it)
                raise Breach("too_complex", "memory")
            kind, value = frame
            if kind == "item":
                yield value
            elif kind == "error":
                finished = value[0] != "too_complex"  # the child caught it; after a MemoryError it starts afresh
                raise Breach(*value)
            else:  # "end": the child's peak memory, in bytes
                finished = value < MEMORY_LIMIT // 2
                return
    finally:
        if not finished and _child is child:
            _stop()


# ------------------------------------------------------------------ the child's side


def _send(pipe: BinaryIO, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    pipe.write(_HEADER.pack(len(data)) + data)
    pipe.flush()


def _receive(pipe: BinaryIO) -> Any:
    head = pipe.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(head)[0]
    data = pipe.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)  # noqa: S301  (our own child or parent, over a private pipe)


def _die_with(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); elsewhere the closed pipe ends it."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent went before the line above
        os._exit(0)


def _limit_memory(limit: int) -> None:
    try:
        import resource
    except ImportError:  # Windows: only the time budget holds
        return
    try:
        with open("/proc/self/statm") as fh:
            held = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # not Linux: address-space limits are not enforced the same way
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = held + limit
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _peak() -> int:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    except ImportError:
        return 0


def _serve(limit: int) -> None:
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a library's stray print must not corrupt the frames
    stdin = sys.stdin.buffer
    for name in WORK_MODULES:  # imported before the limit is set: what the child holds idle
        importlib.import_module(name)
    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:
        pass
    _limit_memory(limit)
    while True:
        try:
            work, args = _receive(stdin)
        except EOFError:
            return
        module, _, function = work.partition(":")
        try:
            if module not in WORK_MODULES:
                raise ValueError(work)
            for item in getattr(importlib.import_module(module), function)(*args):
                _send(out, ("item", item))
        except MemoryError:
            _send(out, ("error", ("too_complex", "memory")))
        except Exception as exc:
            code = getattr(exc, "code", None)
            if isinstance(code, str):
                _send(out, ("error", (code, getattr(exc, "detail", ""))))
            else:
                _send(out, ("error", ("broken", f"{type(exc).__name__}: {exc}"[:200])))
        else:
            _send(out, ("end", _peak()))


if __name__ == "__main__":
    _die_with(int(sys.argv[1]))
    _serve(int(sys.argv[2]))
