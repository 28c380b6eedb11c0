"""The tool as a new user meets it: words instead of JSON and jargon, Chinese spacing, the report's format taken
from the file name, messages that say what really happened. Rule tests only: no page is read by OCR here."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import DEMO_FLAWED, DEMO_OK, REPO, TODAY, copy_names, run
from dossiercheck.findings import Finding, where
from dossiercheck.i18n import Text
from dossiercheck.report import finding_text as words
from dossiercheck.report.fixlog import _describe

SHIPPED = REPO / "schemas/checklists/bz-news-2023.yaml"


@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    """The flawed demo's names with empty files: presence findings, nothing to read."""
    return copy_names(DEMO_FLAWED, tmp_path_factory.mktemp("layout") / "dossier")


def test_output_extension_chooses_the_format(layout, tmp_path):
    html = tmp_path / "报告.html"
    assert run("check", layout, "--select", "P", "-o", html, "--today", TODAY).exit_code == 1
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "╭" not in text
    assert "下面" in text and "上面" not in text  # the badge is above the findings
    report = tmp_path / "r.json"
    run("check", layout, "--select", "P", "-o", report, "--today", TODAY)
    assert json.loads(report.read_text(encoding="utf-8"))["passed"] is False


def test_dates_long_past_are_said_once(layout):
    out = run("check", layout, "--select", "P", "--today", "2026-11-29").stdout
    assert out.count("日期都已过去") == 1 and "已截止" not in out
    assert "网上申报：2023-09-01 至 2023-09-25" in out
    assert "还剩 15 天" in run("check", layout, "--select", "P", "--today", TODAY).stdout


def test_hints_are_not_repeated_and_english_hints_are_english(layout):
    report = json.loads(run("check", layout, "--select", "P", "-f", "json", "--today", TODAY).stdout)
    p103 = next(f for f in report["findings"] if f["code"] == "P103")
    assert p103["hint"].count("写明是哪一项") == 1 and " " not in p103["hint"][:20]
    english = json.loads(run("check", layout, "--select", "P", "-f", "json", "--lang", "en", "--today", TODAY).stdout)
    commitment = next(f for f in english["findings"] if f["code"] == "P101" and f["item"] == "commitment")
    assert "Write the commitment by hand" in commitment["hint"]
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in commitment["hint"])


def test_chinese_spacing():
    turned = Finding("O201", file="a.jpg", args={"file": "a.jpg", "where": where(2), "rotation": 90})
    assert words.message(turned, "zh").startswith("a.jpg 第 2 页没有摆正")
    single = Finding("O201", file="a.jpg", args={"file": "a.jpg", "where": where(None), "rotation": 90})
    assert words.message(single, "zh").startswith("a.jpg 没有摆正") and words.message(single, "en").startswith("a.jpg is not")
    from dossiercheck.checks.format import KINDS
    png = Finding("F101", file="a.jpg", args={"file": "a.jpg", "kind": KINDS["png"], "allowed": "JPG", "how": ""})
    assert "实际是 PNG 图片" in words.message(png, "zh")


def test_fix_log_speaks_plainly():
    said = _describe({"do": "convert", "from": "png", "mode": "L"}, "zh")
    assert said == "转为普通 JPG 图片（原为 PNG 图片，灰度）"
    assert "greyscale" in _describe({"do": "convert", "from": "png", "mode": "L"}, "en")


def test_checklist_show_writes_conditions_in_words(monkeypatch):
    monkeypatch.setenv("COLUMNS", "250")
    out = run("checklist", "show").stdout
    assert "仅限援疆人员" in out and "中级必交，否则可不交" in out and "2019–2023 年每年一份" in out
    assert "现任职资格在区外取得时全要，否则任 2 项" in out
    assert "{" not in out and '"' not in out
    assert "尚无专业技术职称时不需要" in out
    assert not re.search(r"[a-z]+_[a-z_]+|=", out), "a profile key or raw comparison leaks into the 条件 column"


def profile_with(tmp_path, old: str, new: str):
    text = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    assert old in text
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "applicant.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_yes_no_fields_accept_shi_fou(tmp_path):
    folder = profile_with(tmp_path, "aid_to_xinjiang: false", "aid_to_xinjiang: 是")
    report = json.loads(run("check", folder, "--select", "P", "-f", "json", "--today", TODAY).stdout)
    assert next(i for i in report["items"] if i["id"] == "aid")["status"] == "missing"  # 是 counted as yes


@pytest.mark.parametrize("old,new,said", [
    ("aid_to_xinjiang: false", "aid_to_xinjiang: 也许", "应填是/否，现在是“也许”"),
    ("unit: 巴音郭楞日报社", "unit:", "应填文字，现在是空"),
])
def test_yaml_problems_in_plain_words(tmp_path, old, new, said):
    result = run("check", profile_with(tmp_path, old, new), "--today", TODAY)
    assert result.exit_code == 2 and said in result.stderr
    assert "boolean" not in result.stderr and "null" not in result.stderr and "string" not in result.stderr


def test_fullwidth_colon_points_at_its_line(tmp_path):
    folder = profile_with(tmp_path, "gender: 女", "gender：女")
    line = next(i for i, text in enumerate((folder / "applicant.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if "gender：" in text)
    result = run("check", folder, "--today", TODAY)
    assert result.exit_code == 2 and f"第 {line} 行" in result.stderr and "中文冒号" in result.stderr


def test_init_twice_says_nothing_was_made_and_quotes_paths(tmp_path):
    folder = tmp_path / "my dossier"
    first = run("init", folder)
    assert "已建立 17 个材料文件夹和 applicant.yaml" in first.stdout
    assert f'dossiercheck check "{folder}"' in first.stdout
    again = run("init", folder)
    assert "已建立" not in again.stdout and "没有新建" in again.stdout and "未覆盖" in again.stderr
    shutil.rmtree(folder / "01-身份证")
    assert "已建立 1 个材料文件夹。" in run("init", folder).stdout


def test_progress_counts_cached_files_as_done(tmp_path, monkeypatch):
    from dossiercheck.engine import Options, prepare
    from dossiercheck.inspect import inspect_dossier

    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))  # the demo photo is cached by other tests

    folder = tmp_path / "d"
    (folder / "01-身份证").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    for name in ("身份证-正面.jpg", "身份证-反面.jpg"):
        shutil.copyfile(DEMO_OK / "01-身份证" / name, folder / "01-身份证" / name)
    inspect_dossier(prepare(folder, Options()), jobs=1, ocr=False)  # both now cached
    shutil.copytree(DEMO_OK / "02-一寸照片", folder / "02-一寸照片")
    calls: list[tuple[int, int]] = []
    inspect_dossier(prepare(folder, Options()), jobs=1, ocr=False, progress=lambda d, t: calls.append((d, t)))
    assert calls == [(3, 3)]  # the one new file, counted after the two cached ones


def test_explain_in_chinese_is_chinese():
    out = run("explain", "P303").stdout
    assert "[缺年份，错误]" in out and "材料是否齐全" in out and "Presence" not in out
    assert "Presence" in run("explain", "P303", "--lang", "en").stdout


def test_every_check_module_explains_itself_in_chinese_and_names_each_of_its_codes():
    from dossiercheck.checks import registry

    for module in registry().modules:
        about = getattr(module, "ABOUT_ZH", "")
        assert about, f"{module.__name__} has no ABOUT_ZH: `explain` would show its English docstring in Chinese"
        english_words = re.findall(r"\b[A-Za-z]{4,}\b", about)
        assert len(english_words) < 40, (module.__name__, english_words)  # file names and keys, not prose
        for code in module.CODES:
            assert code.code in about or code.code[:3] in about, (module.__name__, code.code)


def test_the_id_cards_masking_hint_says_ask_your_unit_once():
    """The code's hint already says to ask the unit; the checklist's item hint adds only the notice's words."""
    from dossiercheck.checks import load_checklist

    item = load_checklist("bz-news-2023").item("id-card")
    finding = Finding("K108", args={"file": "a.jpg", "where": where(None), "target": "", "text": "王**"},
                      extra_hint=Text(item.setting("masking_hint"), item.setting("masking_hint_en")))
    assert words.hint(finding, "zh").count("确认") == 1 and "通知原文" in words.hint(finding, "zh")
    assert words.hint(finding, "en").count("Ask your unit") == 1 and "The notice" in words.hint(finding, "en")


def test_the_english_header_has_no_chinese_colon(tmp_path):
    out = run("check", str(DEMO_OK), "--select", "P", "--lang", "en", "--today", TODAY).stdout
    assert "Applicant: " in out and "：" not in out.split("Dossier")[0]


def test_annotated_previews_are_labelled_in_the_reports_language():
    """Every character of a Chinese label is in the packaged font (not drawn as the missing-glyph box), and a
    preview drawn for a Chinese report differs from the English one."""
    from PIL import Image, ImageFont

    from dossiercheck.report import annotate

    font = ImageFont.truetype(str(annotate.FONT_ZH), 24)
    missing = bytes(font.getmask("\ue000"))  # a private-use character: surely not in the subset
    absent = [c for c in set(annotate.label_chars()) if not c.isspace() and bytes(font.getmask(c)) == missing]
    assert not absent, f"run tools/make_label_font.py: no glyph for {''.join(sorted(absent))}"

    marks = [Finding("K101", page=None, evidence={"bbox": [100, 100, 300, 140], "target": "name"}),
             Finding("O201", page=None, evidence={"rotation": 90, "turn": 90})]
    drawn = {}
    for lang in ("zh", "en"):
        page = Image.new("RGB", (800, 600), "white")
        annotate._draw(page, marks, 1.0, lang)
        drawn[lang] = page.tobytes()
    assert drawn["zh"] != drawn["en"]
