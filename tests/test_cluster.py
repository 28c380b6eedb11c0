"""`batch --cluster`: the same batch JSON as the local pool, the facts cached on the machine that runs the batch,
and clear one-line answers when the cluster cannot be used. The plumbing is under test here, not the OCR: the
engine is a stand-in whose reading depends on each page's pixels, so a file read as another would show."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import DEMO_OK, TODAY, run
from dossiercheck.inspect import ocr

distributed = pytest.importorskip("distributed")

FILES = ("12-个人承诺书/个人承诺书.jpg", "18-个人工作总结/个人工作总结.jpg", "01-身份证/身份证-正面.jpg")


class Texty(ocr.OcrEngine):
    """One line per page; what it says depends on the page (the name on some, not on others)."""

    def detect(self, img):
        h, w = img.shape[:2]
        return [ocr.np.array([[w * 0.1, h * 0.1], [w * 0.9, h * 0.1], [w * 0.9, h * 0.15], [w * 0.1, h * 0.15]],
                             dtype=ocr.np.float32)]

    def classify(self, crops):
        return [(0, 0.99) for _ in crops]

    def recognize(self, crops):
        return [("王晓梅的材料" if int(c.mean()) % 2 else f"第{int(c.mean())}页", 0.99) for c in crops]


class Broken(ocr.OcrEngine):
    def detect(self, img):
        raise AssertionError("a page was read again: its facts should have come from the cache")


@pytest.fixture
def root(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("DASK_SCHEDULER_ADDRESS", raising=False)
    root = tmp_path / "unit"
    for person, files in (("甲", FILES[:2]), ("乙", FILES[1:])):
        for rel in files:
            (root / person / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(DEMO_OK / rel, root / person / rel)
        shutil.copyfile(DEMO_OK / "applicant.yaml", root / person / "applicant.yaml")
    return root


def batch_json(root: Path, *extra: str) -> list:
    result = run("batch", root, "--format", "json", "--today", TODAY, *extra)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_a_cluster_gives_the_local_pools_json_and_fills_this_machines_cache(root, monkeypatch):
    monkeypatch.setattr(ocr, "engine", lambda: Texty())
    local = batch_json(root, "--jobs", "1", "--no-cache")
    assert '"K101"' in json.dumps(local), local  # the pages were read: the stand-in's name was found
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as lc:
        on_cluster = batch_json(root, "--cluster", lc.scheduler_address)
    assert on_cluster == local
    monkeypatch.setattr(ocr, "engine", lambda: Broken())
    assert batch_json(root, "--jobs", "1") == local  # every file's facts came back and were cached here


def test_a_cluster_that_cannot_be_reached_is_one_line(root, monkeypatch):
    from dossiercheck import cluster

    monkeypatch.setattr(ocr, "engine", lambda: Texty())
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "2s")
    result = run("batch", root, "--cluster", "tcp://127.0.0.1:9", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith("Cannot reach the cluster scheduler at tcp://127.0.0.1:9") and \
        "Traceback" not in result.stderr


def test_without_dask_the_answer_says_what_to_install(root, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = run("batch", root, "--cluster", "tcp://127.0.0.1:9", "--lang", "en")
    assert result.exit_code == 2 and 'pip install "dossiercheck[cluster]"' in result.stderr


def test_the_local_batch_never_imports_dask(root, monkeypatch):
    monkeypatch.setattr(ocr, "engine", lambda: Texty())
    for name in [m for m in sys.modules if m == "distributed" or m.startswith(("distributed.", "dask"))]:
        monkeypatch.delitem(sys.modules, name)
    batch_json(root, "--jobs", "1")
    assert "distributed" not in sys.modules and "dask" not in sys.modules
