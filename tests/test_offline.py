"""The offline promise (不联网): a cold check of a whole dossier makes no name lookup and no connection, in the main
process or in its pool workers, and writes nothing outside the tool's own cache.

The inference library's telemetry lives in native code: Python's audit hooks see only Python's own sockets, so the
run is also traced with strace (system calls of every process) where strace is installed. It takes a whole
dossier: the lookups were made by a timer that a two-file check ends before it fires.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from conftest import DEMO_OK, TODAY

# Loaded by every Python process of the run (the pool's workers too): records each attempt to reach a network name
# or address made through Python's socket module.
SITECUSTOMIZE = '''
import os, sys
_log = os.environ["NET_ATTEMPTS"]
_events = {"socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr",
           "socket.connect", "socket.sendto", "socket.sendmsg"}
def _hook(event, args):
    if event in _events:
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()} {event} {args!r}\\n")
sys.addaudithook(_hook)
'''


def _strace() -> str | None:
    found = shutil.which("strace")
    if found and subprocess.run([found, "-o", os.devnull, "true"], capture_output=True).returncode == 0:
        return found
    return None  # not installed, or tracing is not permitted here


@pytest.mark.ocr
def test_a_cold_check_of_a_whole_dossier_stays_offline_and_at_home(tmp_path):
    home, tmp, hooks = tmp_path / "home", tmp_path / "tmp", tmp_path / "hooks"
    for d in (home, tmp, hooks):
        d.mkdir()
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    attempts, trace = tmp_path / "attempts.log", tmp_path / "trace.log"
    src = str(Path(__file__).resolve().parents[1] / "src")
    # the caller's PYTHONPATH after ours: where OpenVINO is installed beside the venv, the run uses it as check does
    path = os.pathsep.join([str(hooks), src, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))])
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "TMPDIR": str(tmp), "LANG": "C.UTF-8",
           "PYTHONPATH": path, "NET_ATTEMPTS": str(attempts)}
    command = [sys.executable, "-m", "dossiercheck", "check", str(DEMO_OK), "--jobs", "2", "--today", TODAY,
               "--format", "json"]
    strace = _strace()
    if strace:
        command = [strace, "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace), *command]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode in (0, 1), run.stderr
    assert '"files"' in run.stdout or '"findings"' in run.stdout  # the check really ran to its report

    assert not attempts.exists(), attempts.read_text(encoding="utf-8")
    if strace:
        calls = trace.read_text(encoding="utf-8").splitlines()
        network = [c for c in calls if re.search(r"AF_INET6?|nscd|htons\(53\)", c)]
        assert not network, "\n".join(network[:10])

    written = sorted(str(p.relative_to(home)) for p in home.rglob("*") if p.is_file())
    ours = os.path.join(".cache", "dossiercheck") + os.sep
    assert written and all(p.startswith(ours) for p in written), written  # the facts cache, and nothing else
    assert not any(tmp.iterdir()), sorted(p.name for p in tmp.iterdir())


ENGINE = """
import sys
from dossiercheck.inspect import ocr
ocr.RapidEngine(threads=1, runtime=sys.argv[1])
print(sys.modules.get("openvino_telemetry", "absent"), "onnxruntime" in sys.modules)
"""


@pytest.mark.ocr
@pytest.mark.skipif(find_spec("openvino") is None, reason="OpenVINO is not installed (not x86-64)")
def test_an_openvino_engine_cannot_import_its_telemetry_and_loads_no_onnxruntime(tmp_path):
    """RapidOCR imports openvino_telemetry when it builds an OpenVINO stage (Google Analytics, an id under ~/intel):
    it stays unimportable. An OpenVINO engine needs no onnxruntime, and does not load it (its memory, its
    telemetry). Its own process, with an empty HOME: the test session may have loaded either library already."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    run = subprocess.run([sys.executable, "-c", ENGINE, "openvino"], env=env, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["None", "False"]
    assert not any(home.rglob("*"))  # no ~/intel, no model cache
