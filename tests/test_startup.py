"""Start-up: a re-check answered from the cache, `explain` and `--help` load only what they use. The heavy
libraries (numpy, Pillow, OpenCV, the OCR runtime, the PDF readers, the progress bar) cost most of a re-check's time
when they are imported for nothing; this test inspects the modules a real process loaded, it does not time it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO_OK, TODAY
from dossiercheck.engine import Options, check_dossier
from dossiercheck.inspect import ocr

HEAVY = {"numpy", "PIL", "cv2", "rapidocr", "onnxruntime", "openvino", "pypdf", "pypdfium2", "openpyxl",
         "rich.progress", "concurrent.futures.process", "distributed", "dask"}

# Runs the command as `dossiercheck` would and writes the modules it loaded, however it exits.
RUN = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["dossiercheck", *sys.argv[2:]]
try:
    runpy.run_module("dossiercheck", run_name="__main__")
finally:
    with open(out, "w") as fh:
        json.dump(sorted(sys.modules), fh)
"""


class Blank(ocr.OcrEngine):
    """Finds no text: the facts it leaves are real cache entries, which is all the re-check needs."""

    def detect(self, img):
        return []

    def classify(self, crops):
        return []

    def recognize(self, crops):
        return []


def loaded(tmp_path: Path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    run = subprocess.run([sys.executable, "-c", RUN, str(out), *args], env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode in (0, 1), run.stderr
    return set(json.loads(out.read_text()))


@pytest.fixture
def cached_dossier(tmp_path, monkeypatch):
    folder = tmp_path / "d"
    for part in ("12-个人承诺书", "18-个人工作总结"):
        shutil.copytree(DEMO_OK / part, folder / part)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ocr, "engine", lambda: Blank())
    check_dossier(folder, Options(jobs=1))  # every file's facts now in the cache
    return folder


def test_a_cached_recheck_imports_no_heavy_library(cached_dossier, tmp_path):
    for args in (["--today", TODAY], ["--today", TODAY, "--format", "json"]):
        modules = loaded(tmp_path, "check", str(cached_dossier), *args)
        assert "dossiercheck.checks" in modules  # the check really ran
        assert not HEAVY & modules, sorted(HEAVY & modules)


def test_help_and_explain_import_no_heavy_library(tmp_path):
    for args in (["--help"], ["check", "--help"], ["explain", "K101"]):
        modules = loaded(tmp_path, *args)
        assert not HEAVY & modules, (args, sorted(HEAVY & modules))
