"""The check registry: a new check is one module (plus, if it has settings, the checklist). A module added to the
package's path shows in `explain`, in the merged checklist and report schemas, and in the batch summary, with no
other file edited; a misspelled setting or threshold name is an error naming the valid ones."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date

import jsonschema
import pytest

from conftest import DEMO_OK, added_module, checklist_variant, run
from dossiercheck import checks
from dossiercheck.batch import run_batch
from dossiercheck.engine import Options
from dossiercheck.report.summary import remark

EXTRA = '''"""Extra: a check written by a test, to prove that a module is all a new check needs.

- X901 always raised once, with the item setting and the threshold it read.
"""

from dossiercheck.findings import Code, Family, Finding, Severity
from dossiercheck.i18n import Text

FAMILIES = (Family("extra", Text("额外", "extra")),)
SETTINGS = {"extra_limit": {"type": "integer", "minimum": 1, "default": 3}}
THRESHOLDS = {"extra_ratio": 0.5}
CODES = (Code("X901", "extra", Severity.ERROR, Text("额外问题", "extra problem"),
              Text("额外问题：{limit} {ratio}", "extra problem: {limit} {ratio}"), Text("", "")),)


def check(ctx):
    item = ctx.checklist.item("works")
    yield Finding("X901", item="works", args={"limit": ctx.setting(item, "extra_limit"),
                                              "ratio": ctx.threshold("extra_ratio")})
'''


@pytest.fixture
def extra_check(tmp_path):
    """dossiercheck.checks with one more module, found the way every module is found: on the package's path."""
    with added_module(checks, tmp_path / "more_checks", "zz_extra", EXTRA) as folder:
        yield folder


def test_a_new_module_is_listed_explained_and_in_the_schemas(extra_check):
    listing = run("explain").stdout
    assert "X901" in listing and "额外" in listing  # the family by its label
    assert "a check written by a test" in run("explain", "X901").stdout
    checklist = checks.schema("checklist.schema.json")
    assert checklist["$defs"]["item"]["properties"]["extra_limit"]["minimum"] == 1
    assert "extra_limit" in checklist["properties"]["defaults"]["properties"]
    assert "extra_ratio" in checklist["properties"]["thresholds"]["properties"]
    assert "extra" in checklist["$defs"]["item"]["properties"]["checks"]["items"]["enum"]
    assert json.loads(run("checklist", "schema").stdout) == checklist
    assert "extra" in checks.schema("report.schema.json")["properties"]["findings"]["items"]["properties"]["check"]["enum"]


def test_a_new_modules_settings_come_from_the_checklist(extra_check, tmp_path):
    path = checklist_variant(tmp_path, "    min_files: 1\n    hint: 上传加盖单位公章的代表作品文稿。",
                        "    min_files: 1\n    extra_limit: 7\n    hint: 上传加盖单位公章的代表作品文稿。")
    path.write_text(path.read_text(encoding="utf-8").replace("defaults:\n", "thresholds: {extra_ratio: 0.8}\ndefaults:\n"),
                    encoding="utf-8")
    assert run("checklist", "validate", path).exit_code == 0
    loaded = checks.load_checklist(str(path))
    assert loaded.item("works").setting("extra_limit") == 7 and loaded.item("photo").setting("extra_limit") == 3
    assert loaded.threshold("extra_ratio", 0) == 0.8


def test_a_new_family_reaches_the_batch_summary_and_json(extra_check, tmp_path):
    root = tmp_path / "clerk"
    (root / "wang").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", root / "wang" / "applicant.yaml")  # no scans: no page is read
    with run_batch(root, Options(today=date(2023, 9, 10))) as rows:
        assert remark(rows[0], "zh").endswith("；额外1处") and remark(rows[0], "en").endswith("; 1 extra")
    summary = run("batch", root, "--today", "2023-09-10")
    assert summary.exit_code == 1 and "错误 15 个" in summary.stdout  # 14 missing items and the extra finding
    rows = json.loads(run("batch", root, "--today", "2023-09-10", "--format", "json").stdout)
    report = rows[0]["report"]
    assert {"code": "X901", "check": "extra"}.items() <= next(f for f in report["findings"] if f["code"] == "X901").items()
    assert "额外问题：3 0.5" in json.dumps(report, ensure_ascii=False)
    jsonschema.validate(report, checks.schema("report.schema.json"))


def test_misspelled_threshold_names_the_valid_ones(tmp_path):
    path = checklist_variant(tmp_path, "defaults:\n", "thresholds: {blur_min_sharpnes: 1.2}\ndefaults:\n")
    result = run("checklist", "validate", path)
    assert result.exit_code == 2
    assert "blur_min_sharpnes" in result.stderr and "blur_min_sharpness" in result.stderr
    assert "see_through_drop" in result.stderr  # every valid name is listed, not just the nearest
    english = run("checklist", "validate", path, "--lang", "en").stderr
    assert "did you mean blur_min_sharpness" in english


def test_misspelled_item_setting_is_refused(tmp_path):
    path = checklist_variant(tmp_path, "    page: card\n", "    pages: card\n")
    result = run("checklist", "validate", path)
    assert result.exit_code == 2 and "pages" in result.stderr and "是不是 page" in result.stderr


def test_two_modules_declaring_one_code_is_a_registry_error(tmp_path):
    folder = tmp_path / "clash"
    folder.mkdir()
    (folder / "zz_clash.py").write_text(EXTRA.replace('"extra"', '"extra2"').replace("X901", "P101"), encoding="utf-8")
    checks.__path__.append(str(folder))
    checks.reset()
    try:
        with pytest.raises(checks.RegistryError, match="P101"):
            checks.registry()
    finally:
        checks.__path__.remove(str(folder))
        sys.modules.pop("dossiercheck.checks.zz_clash", None)
        checks.reset()
