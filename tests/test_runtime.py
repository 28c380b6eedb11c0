"""The inference runtime: which one a default install gets, and the settings each is built with.

OpenVINO is a default dependency on x86-64 and is pinned to 32-bit floats: on a CPU with bfloat16 units (AMX,
AVX512-BF16) it would otherwise read in bfloat16, and on the academic-records page below it then read the masked ID
number as 652801198*****26 where onnxruntime, and OpenVINO on an ordinary laptop, read 652801198**26: the clerk's
server and the applicant's laptop would disagree about the same page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.util import find_spec

import numpy as np
import pytest
from packaging.requirements import Requirement
from PIL import Image

from conftest import DEMO_OK, REPO
from dossiercheck.inspect import ocr

needs_openvino = pytest.mark.skipif(find_spec("openvino") is None, reason="OpenVINO is not installed (not x86-64)")


def _required(machine: str) -> set[str]:
    """The packages a default install needs on a machine of this kind."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    deps = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    env = {"platform_machine": machine}
    return {r.name for r in map(Requirement, deps) if r.marker is None or r.marker.evaluate(env)}


def test_openvino_comes_with_a_default_install_on_x86_64_and_onnxruntime_everywhere():
    for machine in ("x86_64", "AMD64"):
        assert {"openvino", "onnxruntime", "rapidocr"} <= _required(machine)
    assert "openvino" not in _required("aarch64")  # no OpenVINO wheel worth having there: onnxruntime reads
    assert "onnxruntime" in _required("aarch64")


@pytest.mark.ocr
def test_onnxruntime_sessions_keep_no_memory_arena_and_take_the_thread_count():
    eng = ocr.RapidEngine(threads=1, runtime="onnxruntime")
    for stage in (eng._det, eng._cls, eng._rec):
        options = stage.session.session.get_session_options()
        assert options.enable_cpu_mem_arena is False
        assert options.intra_op_num_threads == 1


@needs_openvino
@pytest.mark.ocr
def test_openvino_stages_are_compiled_with_our_cpu_settings():
    import openvino

    eng = ocr.RapidEngine(threads=1, runtime="openvino")
    for stage in (eng._det, eng._cls, eng._rec):
        compiled = stage.session.session.get_compiled_model()
        assert compiled.get_property("INFERENCE_PRECISION_HINT") == openvino.Type.f32
        assert compiled.get_property("NUM_STREAMS") == 1
        assert compiled.get_property("INFERENCE_NUM_THREADS") == 1
        # unpinned: each pool worker pinned its thread to the same first core, and two workers shared one core
        assert compiled.get_property("ENABLE_CPU_PINNING") is False


@needs_openvino
@pytest.mark.ocr
def test_openvino_compiles_each_model_once_and_later_loads_it_from_the_cache_folder(tmp_path, monkeypatch):
    import openvino

    from dossiercheck.cache import FactsCache

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path))
    compiled = []
    compile_model = openvino.Core.compile_model
    monkeypatch.setattr(openvino.Core, "compile_model", lambda core, *a, **k: compiled.append(1) or compile_model(core, *a, **k))
    ocr.RapidEngine(threads=1, runtime="openvino")
    assert len(compiled) == 3  # RapidOCR's compile took our settings: none compiled a second time
    folder = tmp_path / "facts" / "engine"
    blobs = sorted(folder.glob("*.blob"))
    assert len(blobs) == 3 and folder.stat().st_mode & 0o077 == 0
    written = {b: b.stat().st_mtime_ns for b in blobs}
    ocr.RapidEngine(threads=1, runtime="openvino")  # the next engine loads them: none is compiled and written again
    assert {b: b.stat().st_mtime_ns for b in blobs} == written and len(compiled) == 6
    for blob in blobs:  # a damaged model in the folder is compiled again, never an error
        blob.chmod(0o600)
        blob.write_bytes(blob.read_bytes()[:1000])
    eng = ocr.RapidEngine(threads=1, runtime="openvino")
    assert eng._rec.session.session.get_compiled_model().get_property("INFERENCE_PRECISION_HINT") == openvino.Type.f32
    assert FactsCache().stats()[2] > 1_000_000  # `cache info` says how much they take
    cleared = FactsCache().clear()
    assert cleared.left == [] and not (tmp_path / "facts").exists()


@pytest.mark.ocr
def test_a_worker_reads_rapidocrs_model_table_once_and_each_engine_gets_its_own_config(tmp_path):
    """Importing RapidOCR read its 85-KB model table twice (0.25 s of CPU each in every worker); a fresh process
    that builds two engines reads it once, and the engines' own configs are still two objects."""
    probe = (
        "import collections, os, omegaconf\n"
        "loads = collections.Counter()\n"
        "load = omegaconf.OmegaConf.load\n"
        "def counted(f, *a, **k):\n"
        "    loads[os.path.basename(str(f))] += 1\n"
        "    return load(f, *a, **k)\n"
        "omegaconf.OmegaConf.load = counted\n"
        "from dossiercheck.inspect import ocr\n"
        "one, two = ocr.RapidEngine(threads=1, runtime=ocr.backend()), ocr.RapidEngine(threads=1, runtime=ocr.backend())\n"
        "assert one._ocr.cfg is not two._ocr.cfg\n"
        "assert omegaconf.OmegaConf.load is counted\n"
        "print(loads['default_models.yaml'])\n"
    )
    env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1"]


@needs_openvino
@pytest.mark.ocr
def test_eight_workers_building_engines_at_once_on_a_new_computer_all_live(tmp_path):
    """OpenVINO writes a compiled model into the cache folder while other workers may be loading it, mapped in
    memory: with eight workers on a first run (`--jobs 8` on an empty cache) workers died of a bus error. Builds now
    take turns on the folder; all eight build their engine, and the folder holds the three models, whole."""
    build = "from dossiercheck.inspect import ocr; ocr.RapidEngine(threads=1, runtime='openvino')"
    for computer in range(3):  # the race is a matter of timing: three new computers (without the turns, 2 runs in 3 failed)
        env = {**os.environ, "DOSSIERCHECK_CACHE_DIR": str(tmp_path / str(computer)), "PYTHONFAULTHANDLER": "1",
               "PYTHONPATH": str(REPO / "src")}
        workers = [subprocess.Popen([sys.executable, "-c", build], env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE, text=True) for _ in range(8)]
        ended = [(w.wait(timeout=600), w.stderr.read()) for w in workers]
        assert [code for code, _ in ended] == [0] * 8, [err[-600:] for code, err in ended if code]
        assert len(list((tmp_path / str(computer) / "facts" / "engine").glob("*.blob"))) == 3


@needs_openvino
@pytest.mark.ocr
def test_a_cache_folder_that_refuses_locks_still_gets_an_engine(tmp_path, monkeypatch):
    """A home folder on a network drive may refuse locks (ENOLCK): the engine is built as before, without turns."""
    import errno

    fcntl = pytest.importorskip("fcntl")

    def refused(handle, operation):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(fcntl, "flock", refused)
    eng = ocr.RapidEngine(threads=1, runtime="openvino")
    assert eng.recognize([np.full((48, 160, 3), 255, np.uint8)])
    assert len(list((tmp_path / "facts" / "engine").glob("*.blob"))) == 3


@needs_openvino
@pytest.mark.ocr
def test_openvino_reads_a_masked_id_number_as_onnxruntime_does():
    img = np.asarray(Image.open(DEMO_OK / "05-学历备案表或学籍档案" / "学信网备案表.jpg").convert("RGB"))
    readings = [ocr.read_page(img, ocr.RapidEngine(threads=1, runtime=r)) for r in ("onnxruntime", "openvino")]
    texts = [[line["t"] for line in reading["lines"]] for reading in readings]
    assert any(t.startswith("652801198*") for t in texts[0])  # the masked ID number is there to be read
    assert texts[1] == texts[0]
    assert readings[1]["rotation"] == readings[0]["rotation"]
