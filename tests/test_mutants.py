"""Tests written against mutants that once left the whole non-OCR suite green: each pins one rule at the exact
point where a one-character change would flip it (the D127 boundary is in test_fields.py; benchmarks/mutants.py
measures the wider mutation score)."""

from __future__ import annotations

import shutil

from conftest import DEMO_OK
from dossiercheck.engine import Options, prepare
from dossiercheck.findings import selected
from dossiercheck.inspect import inspect_dossier, plan

# ---------------------------------------------------------------- --select / --ignore


def test_a_tie_between_select_and_ignore_goes_to_ignore():
    assert not selected("K101", ["K"], ["K"])
    assert not selected("K101", ["K1"], ["K1"])
    assert selected("K101", ["K10"], ["K1"])  # the longer prefix decides
    assert not selected("K101", ["K1"], ["K10"])


def test_the_selection_is_resolved_once_into_the_codes_that_run():
    options = Options(select=["K", "F"], ignore=["K104"])
    assert "K101" in options.codes and "F101" in options.codes
    assert "K104" not in options.codes and "I101" not in options.codes
    assert Options().codes == Options(select=[], ignore=[]).codes  # nothing given: every code runs


# ---------------------------------------------------------------- the facts cache asks what was inspected


def test_facts_read_without_ocr_are_not_served_to_a_run_that_reads_text(tmp_path, monkeypatch):
    """``--select F,I,L`` (no OCR) then ``--select K`` on a fresh cache: the second run must read the pages, or it
    would report no masking finding where a name is visible."""
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copytree(DEMO_OK / "01-身份证", folder / "01-身份证")
    ctx = prepare(folder, Options(select=["F", "I", "L"]))
    inspect_dossier(ctx, jobs=1, ocr=False)
    assert not plan(ctx, ocr=False).todo  # cached for a run that does not read text …
    assert len(plan(ctx, ocr=True).todo) == 2  # … never for one that does
