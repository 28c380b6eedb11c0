"""The inspection's processes and threads: --jobs reaches the OCR engine as an argument, never through the
environment; a page the engine failed on is read again next run instead of being cached as failed."""

from __future__ import annotations

import shutil

from conftest import DEMO_OK
from dossiercheck import inspect as inspect_mod
from dossiercheck.engine import Options, check_dossier
from dossiercheck.inspect import Task, ocr, run_tasks


def threads_of_worker(task: Task) -> dict:
    """Stands in for inspect_file in the workers (module level: the pool pickles it by name)."""
    return {"threads": ocr._threads}


def test_jobs_reach_the_engine_explicitly(monkeypatch):
    monkeypatch.setattr(inspect_mod, "inspect_file", threads_of_worker)
    monkeypatch.setattr(ocr, "_threads", 0)
    tasks = [Task(str(i), "/nonexistent") for i in range(3)]
    assert {f["threads"] for f in run_tasks(tasks, jobs=2)} == {1}  # one thread in each pool worker
    assert run_tasks(tasks[:1], jobs=3) == [{"threads": 3}]            # one process: every job is a thread
    assert "DOSSIERCHECK_OCR_THREADS" not in __import__("os").environ


def test_a_failed_page_is_read_again_next_run(tmp_path, monkeypatch):
    calls = []

    class Broken(ocr.OcrEngine):
        def detect(self, img):
            calls.append(1)
            raise RuntimeError("onnxruntime ran out of memory")

    monkeypatch.setattr(ocr, "engine", lambda: Broken())
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    (folder / "18-个人工作总结").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(DEMO_OK / "18-个人工作总结/个人工作总结.jpg", folder / "18-个人工作总结/总结.jpg")
    for _ in range(2):
        result = check_dossier(folder, Options(select=["K"], jobs=1))
        assert [f.code for f in result.findings] == ["K106"]
    assert len(calls) == 2  # not answered from the cache the second time


def test_sort_then_check_read_each_page_once(tmp_path, monkeypatch):
    """sort reads every file as an item of none; check reads the same files as items that take fields off the page
    (reads:). One reading serves both: the fields are taken from it after the cache, and the commitment form's
    marks measured on its image."""
    from dossiercheck.checks import load_checklist
    from dossiercheck.sort import inspect_all

    pages = []

    class Counting(ocr.OcrEngine):
        def detect(self, img):
            pages.append(img.shape)
            return []

        def classify(self, crops):
            return []

        def recognize(self, crops):
            return []

    monkeypatch.setattr(ocr, "engine", lambda: Counting())
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    for part in ("17-年度考核表", "14-继续教育-公需科目", "12-个人承诺书"):
        shutil.copytree(DEMO_OK / part, folder / part)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    inspect_all(folder, load_checklist(None), jobs=1, use_cache=True)
    read_by_sort = len(pages)
    assert read_by_sort == sum(1 for _ in folder.rglob("*.jpg"))
    result = check_dossier(folder, Options(jobs=1))
    assert len(pages) == read_by_sort  # check found every reading in the cache
    assert all("fields" in facts for facts in result.facts.values())  # the fields taken from the cached reading
    # the commitment form's marks are measured on its image, from the reading sort made: not read again
    assert [rel for rel, facts in result.facts.items() if "marks" in facts] == ["12-个人承诺书/个人承诺书.jpg"]


class Lines(ocr.OcrEngine):
    """Stands in for the engine: every page shows four long upright lines of plain text (no name, no unit)."""

    def __init__(self, pages: list) -> None:
        self.pages = pages

    def detect(self, img):
        import numpy as np

        self.pages.append(img.shape)
        h, w = img.shape[:2]
        if w > h:  # a portrait page stored turned a quarter: its lines stand upright
            return [np.float32([[x, h * 0.1], [x + 24, h * 0.1], [x + 24, h * 0.9], [x, h * 0.9]])
                    for x in (80, 160, 240, 320)]
        return [np.float32([[w * 0.1, y], [w * 0.9, y], [w * 0.9, y + 24], [w * 0.1, y + 24]]) for y in (80, 160, 240, 320)]

    def classify(self, crops):
        return [(0, 0.99)] * len(crops)

    def recognize(self, crops):
        return [("本年度认真完成采访编辑工作", 0.99)] * len(crops)


def test_fix_without_cache_reads_each_unchanged_page_once(tmp_path, monkeypatch):
    """fix checks the dossier, writes the copy and checks the copy; with --no-cache as well, the copy's unchanged
    files (the same bytes) are not read a second time, and nothing is written to the disk cache."""
    from conftest import run

    pages: list = []
    monkeypatch.setattr(ocr, "engine", lambda: Lines(pages))
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    shutil.copytree(DEMO_OK / "14-继续教育-公需科目", folder / "14-继续教育-公需科目")
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    result = run("fix", folder, "--out", tmp_path / "fixed", "--no-cache", "--jobs", "1")
    assert result.exit_code in (0, 1), result.output
    copied = sorted(p.name for p in (tmp_path / "fixed" / "14-继续教育-公需科目").glob("*.jpg"))
    assert len(copied) == 5
    assert len(pages) == 5  # the five pages read once, for the check and for the check of the copy
    assert not (tmp_path / "cache").exists()


def test_fix_carries_the_reading_of_a_page_it_only_converted_or_turned(tmp_path, monkeypatch):
    """A PNG converted to a plain JPEG, and a page turned upright, show the same text: the check of the copy takes
    the original's reading (turned) instead of reading the page again; the copy is upright and a plain JPEG."""
    from PIL import Image

    from conftest import run

    pages: list = []
    monkeypatch.setattr(ocr, "engine", lambda: Lines(pages))
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    (folder / "18-个人工作总结").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    page = Image.open(DEMO_OK / "18-个人工作总结/个人工作总结.jpg").convert("RGB")
    page.save(folder / "18-个人工作总结/总结.png")
    page.rotate(90, expand=True).save(folder / "18-个人工作总结/总结-2.jpg", quality=90)
    for no_cache in ([], ["--no-cache"]):
        pages.clear()
        out = tmp_path / f"fixed{len(no_cache)}"
        result = run("fix", folder, "--out", out, "--jobs", "1", "--lang", "en", *no_cache)
        assert result.exit_code in (0, 1), result.output
        assert "turned 90°" in result.output and "converted to a plain JPEG" in result.output
        turned = Image.open(out / "18-个人工作总结/总结-2.jpg")
        assert turned.height > turned.width
        assert (out / "18-个人工作总结/总结.jpg").is_file()
        # each page read once (the sideways one is detected twice, as stored and upright: ocr._sideways): the
        # copy's check took the carried readings
        assert len(pages) == 3
    # the carried readings are the copy's: a re-check from the cache finds both upright and reads nothing
    result = run("check", tmp_path / "fixed0", "--jobs", "1", "--lang", "en", "--format", "json")
    assert len(pages) == 3
    assert '"O201"' not in result.output and '"F1' not in result.output


def test_fix_reads_again_a_page_it_masked(tmp_path, monkeypatch):
    """A masked page is not carried: its pixels changed where the name was, and only a reading proves it is gone."""
    from dossiercheck import fix

    pages: list = []
    monkeypatch.setattr(ocr, "engine", lambda: Lines(pages))
    facts = {"ocr": [{"rotation": 0, "lines": [], "frame": {"scale": 1.0, "width": 10, "height": 10}}]}
    copy = tmp_path / "a.jpg"
    __import__("PIL.Image").Image.new("RGB", (40, 60), "white").save(copy)
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    fix.carry_reading(facts, [{"do": "mask", "boxes": [[1, 1, 5, 5]]}], copy, True)
    fix.carry_reading(facts, [{"do": "rotate", "degrees": 90, "mirror": False}], copy, True)  # not its reading's turn
    assert not (tmp_path / "cache").exists()
    fix.carry_reading(facts, [{"do": "convert", "from": "png", "mode": "RGB"}], copy, True)
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 1


def pid_of_worker(task: Task) -> dict:
    """Stands in for inspect_file in the workers: which process read the file."""
    return {"pid": __import__("os").getpid()}


class Named(Lines):
    """Every line shows the applicant's name: fix masks it, and the masked copy must be read again."""

    def recognize(self, crops):
        return [("王晓梅", 0.99)] * len(crops)


def _counting_pools(monkeypatch) -> list:
    import concurrent.futures

    made: list = []

    class Counted(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs):
            made.append(kwargs.get("max_workers"))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    return made


def test_workers_kept_open_read_the_second_time_too(monkeypatch):
    """Within keep_workers() the second reading goes to the workers already started (their engines are built), a
    single file included; after the block they are gone and the next reading starts its own."""
    import os

    made = _counting_pools(monkeypatch)
    monkeypatch.setattr(inspect_mod, "inspect_file", pid_of_worker)
    tasks = [Task(str(i), "/nonexistent") for i in range(4)]
    with inspect_mod.keep_workers():
        first = {f["pid"] for f in run_tasks(tasks, jobs=2)}
        second = {f["pid"] for f in run_tasks(tasks[:1], jobs=2)}
        assert made == [2] and os.getpid() not in first | second  # no second pool, and not read here
    assert inspect_mod._kept is None
    run_tasks(tasks, jobs=2)
    run_tasks(tasks, jobs=2)
    assert made == [2, 2, 2]  # outside the block each reading has its own pool, shut when it is done
    assert inspect_mod._kept is None


def test_fix_reads_the_dossier_and_its_masked_copy_with_the_same_workers(tmp_path, monkeypatch):
    from conftest import run

    made = _counting_pools(monkeypatch)
    monkeypatch.setattr(ocr, "engine", lambda: Named([]))  # the pool forks: its workers take the stand-in too
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    shutil.copytree(DEMO_OK / "14-继续教育-公需科目", folder / "14-继续教育-公需科目")
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    result = run("fix", folder, "--out", tmp_path / "fixed", "--jobs", "2", "--lang", "en")
    assert result.exit_code in (0, 1), result.output
    assert "covered the name or unit (4 boxes)" in result.output  # the copy's pages changed: read again, by the same workers
    assert made == [2]


def test_a_torn_down_pool_keeps_only_its_cancelled_futures_quiet(monkeypatch):
    """The manager thread of an interrupted pool may hand a result to a cancelled future (InvalidStateError, a
    traceback the user saw in 1 SIGHUP of 8): that one is kept quiet while the pool is torn down; any other error
    of a thread still reaches the hook that prints it, and that hook is back afterwards."""
    import threading
    from concurrent.futures import Future

    printed: list[str] = []
    printing = lambda args: printed.append(args.exc_type.__name__)  # noqa: E731 (stands in for Python's own)
    monkeypatch.setattr(threading, "excepthook", printing)

    def late_result() -> None:
        cancelled = Future()
        cancelled.cancel()
        cancelled.set_result(1)  # raises InvalidStateError, as the pool's manager thread does

    def other() -> None:
        raise ValueError("another thread's error")

    def run(target) -> None:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join()

    with inspect_mod._quiet_cancelled_futures():
        run(late_result)
        run(other)
    assert printed == ["ValueError"] and threading.excepthook is printing
    run(late_result)
    assert printed == ["ValueError", "InvalidStateError"]


def test_threads_of_one_process_never_share_a_face_detector_or_an_inference_call():
    """A Dask worker may run several threads in one process: OpenCV's cascade is not safe to share (two threads found
    no face on an ID card that has one), and an engine's stages serve one call at a time."""
    import threading

    from dossiercheck.inspect import image

    seen = []
    thread = threading.Thread(target=lambda: seen.append(image._face_detector()))
    thread.start()
    thread.join()
    assert seen[0] is not image._face_detector() and image._face_detector() is image._face_detector()
    # an engine's stage is entered by one thread at a time (the stand-in stage notes how many are inside it)
    import time
    from types import SimpleNamespace

    inside, most = [0], [0]

    def stage(img):
        inside[0] += 1
        most[0] = max(most[0], inside[0])
        time.sleep(0.05)
        inside[0] -= 1
        return SimpleNamespace(boxes=None)

    engine = object.__new__(ocr.RapidEngine)
    engine._det, engine._turn = stage, threading.Lock()
    threads = [threading.Thread(target=engine.detect, args=(None,)) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1
