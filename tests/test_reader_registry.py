"""The reader registry: a new document reader is one module in inspect/readers/. A module added to the package's path
is a document a checklist item may read, its fields are read off the page into the facts (afresh from the cached
reading, so a changed reader re-reads no page), with no other file edited (no OCR: the pages' lines are given)."""

from __future__ import annotations

import shutil

import pytest

from conftest import DEMO_OK, added_module, checklist_variant, run
from dossiercheck import checks
from dossiercheck.engine import Options, prepare
from dossiercheck.inspect import _fields, image, inspect_dossier, plan, readers
from dossiercheck.inspect.fields import read_page_fields
from test_fields import lines

AWARD = '''"""Award certificates: the prize the page names (a reader written by a test)."""

import re

from dossiercheck.inspect.fields import agreeing

DOCUMENT = "award"
VERSION = 1
FIELDS = ("prize",)


def read(page, options):
    return agreeing("prize", page, [(m.group(1), m.span(1)) for m in re.finditer(r"荣获(一等奖|二等奖|三等奖)", page.text)])
'''
WORKS = "    min_files: 1\n    hint: 上传加盖单位公章的代表作品文稿。"
PAGE = ("中国新闻奖", "张三同志的作品荣获二等奖", "特发此证")


@pytest.fixture
def extra_reader(tmp_path):
    """dossiercheck.inspect.readers with one more module, found the way every reader is found: on the package's path."""
    # checks.reset() (done on the way in and out) also forgets the checklist schema's reads: enums
    with added_module(readers, tmp_path / "more_readers", "zz_award", AWARD) as folder:
        yield folder


def award_checklist(tmp_path):
    return checklist_variant(tmp_path, WORKS, WORKS.replace("\n", "\n    reads: {document: award, fields: [prize]}\n", 1))


def test_the_readers_are_one_module_each():
    assert readers.documents() == sorted(["ce-certificate", "appraisal", "publicity", "id-front", "commitment"])
    assert all(m.__name__.rsplit(".", 1)[1] == d.replace("-", "_") for d, m in readers.readers().items())
    assert readers.reader("award") is None and read_page_fields({"lines": lines(*PAGE)}, "award") == []


def test_a_new_reader_is_a_document_a_checklist_may_read(extra_reader, tmp_path):
    schema = checks.schema("checklist.schema.json")
    assert "award" in schema["$defs"]["reader"]["enum"] and "prize" in schema["$defs"]["reader_field"]["enum"]
    assert run("checklist", "validate", award_checklist(tmp_path)).exit_code == 0
    assert checks.load_checklist(str(award_checklist(tmp_path))).item("works").setting("reads")["document"] == "award"


def test_without_its_module_the_document_is_refused(tmp_path):
    result = run("checklist", "validate", award_checklist(tmp_path))
    assert result.exit_code == 2 and "award" in result.stderr


def test_a_new_readers_fields_are_read_off_the_page(extra_reader):
    fields = _fields({"ocr": [{"page": None, "lines": lines(*PAGE)}]}, {"document": "award", "fields": ["prize"]})
    prize = next(f for f in fields if f["field"] == "prize")
    assert prize["value"] == "二等奖" and prize["read"] == "二等奖" and prize["bbox"] == [100, 90, 900, 130]


def test_a_new_reader_runs_in_the_inspection_and_a_change_to_it_rereads_no_page(extra_reader, tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    READ = readers.reader("award").read  # noqa: N806 - the module's own reader, before the test changes it
    # the engine's place: every page 'reads' the award's lines (no OCR); the rest of the image's facts are real
    measure = image.inspect_image
    page = {"page": None, "rotation": 0, "reading": 0.99, "lines": lines(*PAGE),
            "frame": {"scale": 1.0, "width": 1000, "height": 1400}}
    monkeypatch.setattr(image, "inspect_image", lambda path, photo, ocr, marks=False: {
        **measure(path, photo, False), "ocr": [page] if ocr else []})
    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    for part in ("08-代表作品", "01-身份证"):
        shutil.copytree(DEMO_OK / part, folder / part)
    ctx = prepare(folder, Options(checklist=str(award_checklist(tmp_path))))
    facts = inspect_dossier(ctx, jobs=1)
    assert [f["value"] for f in facts["08-代表作品/代表作品1.jpg"]["fields"] if f["field"] == "prize"] == ["二等奖"]
    assert not plan(ctx).todo  # cached
    # a changed reader needs no page read again: its fields are taken afresh from the cached reading
    award = readers.reader("award")
    monkeypatch.setattr(award, "VERSION", 2)
    monkeypatch.setattr(award, "read", lambda page, options: [{**f, "value": "一等奖"} for f in READ(page, options)])
    again = plan(ctx)
    assert not again.todo
    assert [f["value"] for f in again.facts["08-代表作品/代表作品1.jpg"]["fields"] if f["field"] == "prize"] == ["一等奖"]
