"""Start-up: a re-check answered from the cache, `explain` and `--help` load only what they use. The heavy
libraries (numpy, Pillow, OpenCV, the OCR runtime, the PDF readers, the progress bar) cost most of a re-check's time
when they are imported for nothing, and so do jsonschema (a checklist or applicant.yaml that passed its schema is
remembered in the cache, not validated again) and pydantic (typer converts values through it; clitext does the
plain ones). These tests inspect the modules a real process loaded, they do not time it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import DEMO_OK, REPO, TODAY
from dossiercheck import yamlio
from dossiercheck.cache import FactsCache
from dossiercheck.checks import load_checklist
from dossiercheck.engine import Options, check_dossier, prepare
from dossiercheck.errors import UserError
from dossiercheck.inspect import ocr
from dossiercheck.profile import load_profile

HEAVY = {"numpy", "PIL", "cv2", "rapidocr", "onnxruntime", "openvino", "pypdf", "pypdfium2", "openpyxl",
         "rich.progress", "concurrent.futures.process", "distributed", "dask", "jsonschema", "pydantic"}
# a checklist and applicant.yaml known good are not parsed either; the masking check still reads the template's
# example name (profile.template_values), so only `explain` and --help go without PyYAML
UNPARSED = {"yaml"}

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


def started(tmp_path: Path, *args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules a `dossiercheck` process loaded, and how it ended."""
    out = tmp_path / "modules.json"
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src}
    run = subprocess.run([sys.executable, "-c", RUN, str(out), *args], env=env, capture_output=True, text=True,
                         timeout=120)
    return set(json.loads(out.read_text())), run


def loaded(tmp_path: Path, *args: str) -> set[str]:
    modules, run = started(tmp_path, *args)
    assert run.returncode in (0, 1), run.stderr
    return modules


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
        assert not (HEAVY | UNPARSED) & modules, (args, sorted((HEAVY | UNPARSED) & modules))


def records(tmp_path: Path) -> set[str]:
    """The cache's records of YAML texts that passed their schema."""
    return {p.name for p in (tmp_path / "cache/facts/valid").glob("*.valid")}


def test_a_changed_checklist_is_validated_again_and_a_broken_one_still_refused(cached_dossier, tmp_path):
    checklist = tmp_path / "checklist.yaml"
    # the shipped text is known good already (the fixture's check): start from one no process has read
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8").replace("# Source:", "# SOURCE:")
    checklist.write_text(text, encoding="utf-8")
    args = ["check", str(cached_dossier), "--today", TODAY, "--format", "json", "--checklist", str(checklist)]
    assert "jsonschema" in loaded(tmp_path, *args)  # a checklist never seen: validated
    assert "jsonschema" not in loaded(tmp_path, *args)  # the same text again: remembered
    before = records(tmp_path)
    checklist.write_text(text.replace("# SOURCE:", "# SOURCe:", 1), encoding="utf-8")  # one byte, still valid
    assert "jsonschema" in loaded(tmp_path, *args)
    assert len(records(tmp_path) - before) == 1
    checklist.write_text(text.replace("masking: required", "masking: requirex", 1), encoding="utf-8")
    modules, run = started(tmp_path, *args)  # one byte, no longer valid: the same one line as ever
    assert run.returncode == 2 and "jsonschema" in modules
    assert len(run.stderr.strip().splitlines()) == 1 and "checklist.yaml" in run.stderr and "masking" in run.stderr
    checklist.write_text(text, encoding="utf-8")
    assert "jsonschema" not in loaded(tmp_path, *args)  # the first text is still known good


def test_a_changed_profile_is_validated_again(cached_dossier, tmp_path):
    args = ["check", str(cached_dossier), "--today", TODAY, "--format", "json"]
    profile = cached_dossier / "applicant.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("gender: 女", "gender: 妇", 1), encoding="utf-8")
    modules, run = started(tmp_path, *args)
    assert run.returncode == 2 and "jsonschema" in modules and "gender" in run.stderr
    profile.write_text(text, encoding="utf-8")
    assert "jsonschema" not in loaded(tmp_path, *args)


def test_yes_and_no_in_chinese_come_back_from_the_record(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    profile = tmp_path / "applicant.yaml"
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    profile.write_text(text.replace("aid_to_xinjiang: false", "aid_to_xinjiang: 否", 1), encoding="utf-8")
    first = load_profile(profile, use_cache=True)
    assert first.data["aid_to_xinjiang"] is False and len(records(tmp_path)) == 1
    monkeypatch.setattr(yamlio.Schema, "validator", property(lambda self: pytest.fail("validated again")))
    monkeypatch.setattr(yamlio, "_bounds_problem", lambda text: pytest.fail("parsed again"))
    assert load_profile(profile, use_cache=True).data == first.data


def test_a_record_that_does_not_fit_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    profile = tmp_path / "applicant.yaml"
    profile.write_text((DEMO_OK / "applicant.yaml").read_text(encoding="utf-8").replace("gender: 女", "gender: 是"),
                       encoding="utf-8")
    with pytest.raises(UserError) as refused:
        load_profile(profile, use_cache=True)
    key = yamlio.record_key(profile.read_text(encoding="utf-8"), yamlio.named_schema("applicant.schema.json"))
    FactsCache().remember_valid("0" * 64, {})  # make the folder the cache's; the record is written by hand
    record = tmp_path / "cache/facts/valid" / f"{key}.valid"
    # another key's record (a file copied or renamed), no data, data that is no mapping, no JSON
    for forged in ({"key": "0" * 64, "data": {}}, {"key": key}, {"key": key, "data": []}, "{}x"):
        record.write_text(forged if isinstance(forged, str) else json.dumps(forged), encoding="utf-8")
        with pytest.raises(UserError) as again:
            load_profile(profile, use_cache=True)
        assert again.value.render("en") == refused.value.render("en")


def test_the_records_go_with_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    shutil.copytree(DEMO_OK / "12-个人承诺书", folder / "12-个人承诺书")
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    prepare(folder, Options(use_cache=False))  # --no-cache: nothing remembered, nothing read
    assert not (tmp_path / "cache").exists()
    checklist = tmp_path / "checklist.yaml"  # a text this process has not read (it reads each text once)
    shutil.copyfile(REPO / "schemas/checklists/bz-news-2023.yaml", checklist)
    prepare(folder, Options(checklist=str(checklist)))
    assert len(records(tmp_path)) == 2  # the checklist and the applicant.yaml
    for path in (tmp_path / "cache/facts/valid").iterdir():
        assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "cache/facts/valid").stat().st_mode & 0o777 == 0o700
    assert FactsCache(enabled=False).validated(next(iter(records(tmp_path))).removesuffix(".valid")) is None
    cleared = FactsCache().clear()
    assert cleared.ours and not cleared.left and not (tmp_path / "cache/facts").exists()


def test_a_batch_reads_its_checklist_once(tmp_path):
    first = load_checklist(None, use_cache=False)
    assert load_checklist(None, use_cache=False) is first  # every dossier of a batch: the same checklist
    changed = tmp_path / "checklist.yaml"
    changed.write_text((REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    other = load_checklist(str(changed))
    changed.write_text(changed.read_text(encoding="utf-8").replace("# Source:", "# source:", 1), encoding="utf-8")
    assert load_checklist(str(changed)) is not other
