"""The newcomer's first hour: the template `init` writes, the values people really type into it, and the command line
in their own language. Rule tests only: no page is read by OCR here."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from conftest import DEMO_OK, REPO, TODAY, copy_names, run
from dossiercheck.profile import CONDITION_FIELDS
from test_voice import profile_with


def findings(folder, *args):
    result = run("check", folder, "--select", "R", "--select", "K107", "-f", "json", "--today", TODAY, *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]


def template_keys(lang: str) -> set[str]:
    """Every top-level key the template shows, commented-out ones (`# id_number:`) included."""
    name = "applicant.template.en.yaml" if lang == "en" else "applicant.template.yaml"
    text = (REPO / "schemas" / name).read_text(encoding="utf-8")
    return set(re.findall(r"^(?:# )?([a-z_]+):", text, flags=re.M))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_field_a_check_reads_is_in_the_template_with_a_comment(lang):
    from dossiercheck.checks.profile import ROSTER_FIELDS

    read = {*CONDITION_FIELDS, *ROSTER_FIELDS, "name", "unit", "name_variants", "unit_variants", "work_started",
            "appraisals", "work_history", "current_title_date"}
    assert read <= template_keys(lang)
    name = "applicant.template.en.yaml" if lang == "en" else "applicant.template.yaml"
    for line in (REPO / "schemas" / name).read_text(encoding="utf-8").splitlines():
        if re.match(r"(# )?[a-z_]+:", line):
            assert "  # " in line, f"no comment says what goes here: {line}"


def test_after_init_the_check_names_the_examples_and_no_key_the_template_lacks(tmp_path):
    folder = tmp_path / "d"
    assert run("init", folder).exit_code == 0
    found = findings(folder)
    keys = template_keys("zh")
    for f in found:
        if f["code"] == "R108":
            assert f["evidence"].get("field", f["message"].split("填写 ")[1].split("（")[0]) in keys, f
    examples = [f for f in found if f["code"] in ("R109", "K107")]
    assert {f["code"] for f in examples} == {"R109", "K107"}
    assert "work_history[0]" in next(f["message"] for f in examples if f["code"] == "R109"), "the example line"
    assert "张三" in next(f["message"] for f in examples if f["code"] == "K107")
    assert not [f for f in findings(copy_names(DEMO_OK, tmp_path / "ok")) if f["code"] in ("R109", "K107")]


def test_init_in_english_writes_english_comments_and_the_same_values(tmp_path):
    assert run("init", tmp_path / "zh").exit_code == 0
    assert run("init", tmp_path / "en", "--lang", "en").exit_code == 0
    zh = (tmp_path / "zh/applicant.yaml").read_text(encoding="utf-8")
    en = (tmp_path / "en/applicant.yaml").read_text(encoding="utf-8")
    zh_comments = {line.split("  # ", 1)[1] for line in zh.splitlines() if "  # " in line}
    assert "your name" in en and not [c for c in zh_comments if c in en], "a Chinese comment in the English file"
    assert yaml.safe_load(zh) == yaml.safe_load(en)


@pytest.mark.parametrize("written", ["2010.07", "2010-7", "2010年7月", "2010年07月", "2010/07", "2010.7.1",
                                     "2010年7月1日", "'2010.07'"])
def test_common_date_spellings_are_accepted(tmp_path, written):
    folder = profile_with(tmp_path, "work_started: 2010-07", f"work_started: {written}")
    assert not [f for f in findings(folder) if f["code"] == "R101"], "the spelling was read as another month"


def test_a_float_month_keeps_its_zero(tmp_path):
    """YAML reads 2010.10 as the number 2010.1: it is October all the same."""
    folder = profile_with(tmp_path, "work_started: 2010-07", "work_started: 2010.10")
    r101 = [f for f in findings(folder) if f["code"] == "R101"]
    assert r101 and "2010-10" in r101[0]["message"]


@pytest.mark.parametrize("written", ["2010", "七月", "2010.13", "10.07.2010"])
def test_an_unreadable_date_gets_the_expected_form_and_its_line(tmp_path, written):
    folder = profile_with(tmp_path, "work_started: 2010-07", f"work_started: {written}")
    line = next(i for i, t in enumerate((folder / "applicant.yaml").read_text(encoding="utf-8").splitlines(), 1)
                if t.startswith("work_started"))
    result = run("check", folder, "--today", TODAY)
    assert result.exit_code == 2
    assert f"第 {line} 行" in result.stderr and "如 2012-07" in result.stderr and written in result.stderr
    english = run("check", folder, "--today", TODAY, "--lang", "en").stderr
    assert "such as 2012-07" in english


def test_an_appraisal_result_the_notice_does_not_know_is_refused_with_the_allowed_ones(tmp_path):
    folder = profile_with(tmp_path, "2021: 合格", "2021: 称职")
    result = run("check", folder, "--today", TODAY)
    assert result.exit_code == 2 and "称职" in result.stderr
    assert all(word in result.stderr for word in ("优秀", "合格", "基本合格", "不合格"))


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("args,said,english", [
    (["chek"], ["没有“chek”这个命令", "是不是 check"], "No such command"),
    (["check"], ["缺少参数 文件夹", "dossiercheck check --help"], "Missing argument"),
    (["check", "x", "--frmat", "json"], ["没有 --frmat 这个选项", "--format"], "No such option"),
    (["check", "x", "--jobs", "many"], ["--jobs 的值不对：应为整数"], "valid integer"),
    (["check", "x", "--lang"], ["--lang 后面要写一个值"], "requires an argument"),
    (["check", "a", "b"], ["多出了参数：b"], "unexpected extra"),
])
def test_command_line_errors_are_one_chinese_line(args, said, english):
    result = run(*args)
    assert result.exit_code == 2
    assert all(s in result.stderr for s in said), result.stderr
    assert english not in result.stderr and "Usage" not in result.stderr and "Error" not in result.stderr


def test_command_line_errors_follow_lang_anywhere_and_the_environment(monkeypatch):
    assert "There is no command 'chek'. Did you mean check" in run("--lang", "en", "chek").stderr
    assert "Missing FOLDER" in run("check", "--lang=en").stderr
    monkeypatch.setenv("DOSSIERCHECK_LANG", "en")
    assert "There is no command" in run("chek").stderr
    assert "没有" in run("chek", "--lang", "zh").stderr


def test_lang_before_the_command_sets_the_language_of_its_report_and_errors(tmp_path, monkeypatch):
    """`dossiercheck --lang en check …` is how the help page lists it: the report, the one-line errors and the
    cache's words follow it as they follow `check … --lang en`; an unknown language there is an error too."""
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path / "cache"))
    missing = run("--lang", "en", "check", tmp_path / "nowhere")
    assert missing.exit_code == 2 and "Dossier folder not found" in missing.stderr, missing.stderr
    assert "cached" in run("--lang", "en", "cache", "info").output
    explained = run("--lang", "en", "explain", "K101").output
    assert explained == run("explain", "K101", "--lang", "en").output and not CJK.search(explained.split("\n")[0])
    assert run("--lang", "xx", "explain", "K101").exit_code == 2
    # and anywhere after it: a group's own place, a command that speaks no words of its own
    assert "cached" in run("cache", "--lang", "en", "info").output
    assert run("checklist", "schema", "--lang", "en").exit_code == 0
    assert run("checklist", "--lang=en", "list").exit_code == 0
    monkeypatch.setenv("DOSSIERCHECK_LANG", "en")
    assert "找不到" in run("--lang", "zh", "check", tmp_path / "nowhere").stderr


@pytest.mark.parametrize("command", [["check"], ["fix"], ["sort"], ["init"], ["explain"], ["checklist", "show"],
                                     []])
def test_help_pages_speak_one_language(command):
    zh = run(*command, "--help")
    assert zh.exit_code == 0 and "显示本帮助并退出" in zh.stdout and "用法：" in zh.stdout
    for jargon in ("Show this message", "<bool>", "<str>", "<list[str]>", "<path>", "{folder}", "Options", "[default"):
        assert jargon not in zh.stdout
    en = run(*command, "--help", "--lang", "en")
    assert "show this help and exit" in en.stdout and "Usage:" in en.stdout
    prose = [line for line in en.stdout.splitlines() if CJK.search(line) and not re.search(r"[初中]级|\(", line)]
    assert not prose, f"Chinese-only help in English: {prose}"


def test_every_parameter_has_its_help_in_the_catalogue():
    """The help texts are catalogue entries (cli.help.*): a new option without one shows up here."""
    import typer

    from dossiercheck.cli import app
    from dossiercheck.clitext import _help_of

    def walk(command, path):
        yield path, command, None
        for param in command.params:
            if param.name != "help":
                yield path, command, param
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path}.{name}".removeprefix("root."))

    missing = [f"{path} {param.name if param else ''}" for path, _, param in walk(typer.main.get_command(app), "root")
               if _help_of(path, param) is None]
    assert not missing, missing


def test_checklist_show_wraps_instead_of_cutting_and_labels_items_without_files_in_words(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("checklist", "show").stdout
    assert "…" not in out and "(profile)" not in out and "(rule)" not in out
    assert "applicant.yaml" in out and "现任职资格在区外取得时全要" in re.sub(r"[\s│]", "", out)


def test_explain_describes_placeholders_and_lists_every_code_of_its_kind():
    from dossiercheck.checks import registry

    out = run("explain", "P303").stdout
    assert "{" not in out and "〈材料名称〉" in out
    codes = run("explain", "K108").stdout.split("同类的代码")[1]
    assert all(c.code in codes for c in registry().module_of("K108").CODES)
    listing = run("explain").stdout
    assert not re.search(r"\b(warning|error|info|content|masking)\b", listing), "English labels in Chinese mode"
    assert "{" not in run("explain", "R101", "--lang", "en").stdout


def test_a_preview_covers_the_name_itself_not_its_whole_line_and_labels_beside_the_box():
    """Rule test on a made-up reading: 20 characters on one line, the name at characters 7–9 (x 240–300)."""
    from PIL import Image, ImageDraw, ImageFont

    from dossiercheck.report.annotate import Privacy, label_spot

    line = {"t": "申报人所在单位王晓梅同志现任助理记者职务", "b": [100, 50, 500, 70]}  # 20 px a character
    page = {"lines": [line], "frame": {"scale": 1.0, "width": 600, "height": 200}, "rotation": 0}
    [box] = Privacy(["王晓梅"], None).boxes(page)
    assert box[0] <= 240 and box[2] >= 300, "the name is not covered"
    assert box[0] >= 220 - 1 and box[2] <= 320 + 2, box  # one character to spare on each side, no more
    assert box[2] - box[0] < 0.4 * (500 - 100), "the whole line was blacked out"

    draw = ImageDraw.Draw(Image.new("RGB", (600, 200)))
    font = ImageFont.load_default()
    for name_box in ((220, 45, 290, 75), (520, 45, 595, 75)):  # room on the right; only on the left
        x, y = label_spot(draw, "name", font, name_box, 600)
        left, top, right, bottom = draw.textbbox((x, y), "name", font=font)
        assert right <= name_box[0] or left >= name_box[2], "the label sits on the box"
        assert top < name_box[3] and bottom > name_box[1], "the label is not beside the box"


def test_sort_updates_its_own_copy_keeping_the_filled_in_profile_and_what_the_person_added(tmp_path):
    import shutil

    pile, out = tmp_path / "pile", tmp_path / "pile-sorted"
    pile.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", pile / "applicant.yaml")
    (pile / "说明.txt").write_text("旧", encoding="utf-8")
    assert run("sort", pile, "--jobs", "1").exit_code == 1  # one file it cannot place
    filled = (out / "applicant.yaml").read_text(encoding="utf-8").replace("巴音郭楞日报社", "巴州电视台", 1)
    (out / "applicant.yaml").write_text(filled, encoding="utf-8")
    (out / "mine.txt").write_text("keep me", encoding="utf-8")

    again = run("sort", pile, "--jobs", "1")
    assert again.exit_code == 2 and "--update" in again.stderr and "上次整理" in again.stderr

    (pile / "说明.txt").unlink()
    (pile / "备注.txt").write_text("新", encoding="utf-8")
    (pile / "注意事项.txt").write_text("第二版", encoding="utf-8")
    (out / "00-未分类").mkdir(exist_ok=True)
    (out / "00-未分类/注意事项.txt").write_text("我改过的", encoding="utf-8")  # a file the person put where sort writes
    updated = run("sort", pile, "--update", "--jobs", "1")
    assert updated.exit_code == 1, updated.output
    assert (out / "applicant.yaml").read_text(encoding="utf-8") == filled, "the filled-in profile was replaced"
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert not (out / "00-未分类/说明.txt").exists(), "the previous run's copy of a file no longer there stayed"
    assert (out / "00-未分类/备注.txt").read_text(encoding="utf-8") == "新"
    assert (out / "00-未分类/注意事项.txt").read_text(encoding="utf-8") == "我改过的", "the person's file was replaced"
    assert (out / "00-未分类/注意事项-2.txt").read_text(encoding="utf-8") == "第二版"
    assert "保留原样" in updated.stdout and "注意事项.txt" in updated.stdout

    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "a.txt").write_text("x")
    refused = run("sort", pile, "--out", stranger, "--update")
    assert refused.exit_code == 2 and (stranger / "a.txt").read_text() == "x"


def test_fix_replaces_its_own_previous_copy_without_force_and_says_where_id_copies_went(tmp_path):
    import shutil

    folder = tmp_path / "我的材料"  # files no engine reads: a broken scan is copied as it is
    (folder / "01-身份证").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    (folder / "01-身份证/身份证-正面.jpg").write_bytes(b"not a picture")
    first = run("fix", folder)
    out = tmp_path / "我的材料-fixed"
    assert first.exit_code == 1 and "个人证件的副本" in first.stderr and str(out / "01-身份证") in first.stderr
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    (folder / "21-其他证明材料").mkdir(exist_ok=True)
    filled = (out / "applicant.yaml").read_text(encoding="utf-8") + "# 我在副本里补填的\n"
    (out / "applicant.yaml").write_text(filled, encoding="utf-8")
    second = run("fix", folder)
    assert second.exit_code in (0, 1) and "--force" not in second.stderr, second.output
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "applicant.yaml").read_text(encoding="utf-8") == filled  # edited in the copy: not replaced
    assert "applicant.yaml: 上次修正后你改过或放进了这个文件：保留原样" in second.stdout
    third = run("fix", folder, "--lang", "en")  # the person's files were never fix's: a third run keeps them too
    assert third.exit_code in (0, 1), third.output
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "applicant.yaml").read_text(encoding="utf-8") == filled
    assert "applicant.yaml: kept as it is" in third.stdout
    (out / "applicant.yaml").unlink()  # removed by the person: the next run writes it again
    assert run("fix", folder).exit_code in (0, 1) and (out / "applicant.yaml").is_file()

    (tmp_path / "busy").mkdir()
    (tmp_path / "busy/a.txt").write_text("x")
    assert run("fix", folder, "--out", tmp_path / "busy").exit_code == 2, "a folder fix did not make"


def test_fix_stopped_by_ctrl_c_says_so_and_its_partial_copy_is_replaced_next_time(tmp_path, monkeypatch):
    import shutil

    from dossiercheck import fix as fixer

    folder = tmp_path / "我的材料"
    (folder / "01-身份证").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    (folder / "01-身份证/身份证-正面.jpg").write_bytes(b"not a picture")
    real_run = fixer.run

    def stopped(folder, target, *args, **kwargs):  # the copy written, then Ctrl-C while it is being checked
        (target / "01-身份证").mkdir(parents=True)
        (target / "01-身份证/身份证-正面.jpg").write_bytes(b"not a picture")
        raise KeyboardInterrupt

    monkeypatch.setattr(fixer, "run", stopped)
    first = run("fix", folder, "--lang", "en")
    assert first.exit_code == 130 and "Interrupted: this run did not finish" in first.stderr, first.output
    monkeypatch.setattr(fixer, "run", real_run)
    second = run("fix", folder)
    assert second.exit_code in (0, 1) and "--force" not in second.stderr, second.output
    assert "保留原样" not in second.stdout  # the interrupted run's file was fix's own: replaced, not kept
    assert (tmp_path / "我的材料-fixed" / "applicant.yaml").is_file()


def test_fix_out_onto_a_file_says_it_is_a_file_even_with_force(tmp_path):
    (tmp_path / "note.txt").write_text("mine", encoding="utf-8")
    refused = run("fix", DEMO_OK, "--out", tmp_path / "note.txt", "--force", "--lang", "en")
    assert refused.exit_code == 2 and "is a file, not a folder" in refused.stderr and "--force" not in refused.stderr
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == "mine"


def test_a_clerks_and_a_photographers_slips_get_the_right_advice(tmp_path):
    """batch given one dossier (its item folders are not applicants), sort given an empty pile (nothing to init)."""
    one = run("batch", DEMO_OK, "--lang", "en")
    assert one.exit_code == 2 and "is itself one applicant's dossier" in one.stderr
    assert f"dossiercheck check {DEMO_OK}" in one.stderr
    (tmp_path / "photos").mkdir()
    empty = run("sort", tmp_path / "photos")
    assert empty.exit_code == 2 and "照片或扫描件放进去" in empty.stderr and "init" not in empty.stderr


def test_the_english_header_names_the_level_in_english(tmp_path):
    out = run("check", copy_names(DEMO_OK, tmp_path / "d"), "--select", "P", "--lang", "en", "--today", TODAY).stdout
    assert "Level: intermediate (中级)" in out


def test_the_english_batch_tables_name_the_level_in_english(tmp_path):
    copy_names(DEMO_OK, tmp_path / "root" / "d")
    table = run("batch", tmp_path / "root", "--lang", "en", "--today", TODAY, "-f", "json")
    assert '"level": "中级"' in table.stdout  # the data keeps the notice's word
    run("batch", tmp_path / "root", "--lang", "en", "--today", TODAY, "-o", tmp_path / "summary.txt")
    assert "intermediate (中级)" in (tmp_path / "summary.txt").read_text(encoding="utf-8")
    shown = run("batch", tmp_path / "root", "--lang", "en", "--today", TODAY).stdout
    assert "intermediate" in shown and "中级" in shown, shown


def test_sort_in_english_names_parts_in_english(tmp_path):
    from dossiercheck.checks import load_checklist
    from dossiercheck.report.sort_table import render_review
    from dossiercheck.sort import Placement, SortResult

    spec = load_checklist("bz-news-2023")
    placed = Placement("IMG_1.jpg", item="id-card", part="back", part_title="国徽面（反面）", confidence=0.9,
                       reasons=["中华人民共和国", "居民身份证", "卡片比例 1.59", "年份按缺少的 2021 年推定"],
                       target="01-身份证/身份证-反面.jpg", status="placed")
    import io

    out = io.StringIO()
    render_review(SortResult(tmp_path, tmp_path / "out", [placed], "created"), spec, "en", out)
    assert "emblem side" in out.getvalue() and "国徽面" not in out.getvalue()
    assert "by: " in out.getvalue() and "卡片比例" not in out.getvalue() and "推定" not in out.getvalue()
    from dossiercheck.report.sort_table import reasons

    said = reasons(placed, "en")
    assert "card proportions 1.59" in said and "year 2021: the one missing" in said and "中华人民共和国" in said
    assert reasons(placed, "zh") == "中华人民共和国 居民身份证 卡片比例 1.59 年份按缺少的 2021 年推定"


def publicity_hints(tmp_path, checklist, pages):
    """The documents check on made-up OCR lines (as tests/test_fields.py does): each finding's code and hint."""
    import shutil
    from datetime import date

    from dossiercheck.checks import documents
    from dossiercheck.engine import Options, prepare
    from dossiercheck.inspect import _fields
    from dossiercheck.report import finding_text as words
    from test_fields import lines

    folder = tmp_path / "d"
    folder.mkdir()
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    for rel in pages:
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).touch()
    ctx = prepare(folder, Options(select=["D"], checklist=str(checklist), today=date(2023, 9, 10)))
    for f in ctx.dossier.files:
        ocr = {"page": None, "rotation": 0, "reading": 0.99, "lines": lines(*pages[f.rel]),
               "frame": {"scale": 2.0, "width": 2000, "height": 3000}}
        facts = {"ocr": [ocr]}
        facts["fields"] = _fields(facts, ctx.item_of(f).setting("reads"))
        ctx.facts[f.rel] = facts
    return {f.code: words.hint(f, "zh") for f in documents.check(ctx)}


def test_the_publicity_hint_gives_the_checklists_working_days(tmp_path):
    from conftest import checklist_variant

    variant = checklist_variant(tmp_path, "min_workdays: 5}", "min_workdays: 7}")
    pages = {"20-推荐单位公示结果/推荐单位公示结果.jpg": [
        "同志申报材料于2023年8月14日至2023年8月20日在本单位公示7个工作日，申报中级专业技术任职资格。", "2023年8月17日"],
        "19-推荐单位公示/推荐单位公示.jpg": ["现对", "同志申报中级专业技术任职资格。", "公示时间从2023年8月14日起至2023年8月20日止。"]}
    hints = publicity_hints(tmp_path, variant, pages)
    assert "D122" in hints and "不少于7个工作日" in hints["D122"] and "5个" not in hints["D122"]


def test_hints_say_to_scan_an_absent_part_and_check_an_appraisal_forms_year(tmp_path):
    from conftest import copy_names
    from dossiercheck.checks import registry

    folder = copy_names(DEMO_OK, tmp_path / "d")
    for back in (folder / "17-年度考核表").glob("2021*反面*"):
        back.unlink()
    report = json.loads(run("check", folder, "--select", "P3", "-f", "json", "--today", TODAY).stdout)
    p303 = next(f for f in report["findings"] if f["code"] == "P303")
    assert "扫描" in p303["hint"] and "反面" in p303["hint"]
    d111 = registry().codes["D111"].hint
    assert "考核表" in d111.zh and "证书" not in d111.zh and "appraisal form" in d111.en


def test_the_progress_bar_promises_no_time_left():
    """Files differ a hundredfold in work: an ETA from files done said 0:00:01 at 2 of 33 files of a 2.5-minute run."""
    from rich.progress import TimeRemainingColumn

    from dossiercheck.progress import COLUMNS

    assert not any(isinstance(c, TimeRemainingColumn) for c in COLUMNS())


def test_an_html_report_is_not_poured_into_a_terminal(monkeypatch, tmp_path):
    from dossiercheck import cli

    folder = copy_names(DEMO_OK, tmp_path / "d")  # empty files: nothing to draw, quick
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: True)
    result = run("check", folder, "--format", "html", "--select", "P", "--today", TODAY)
    assert result.exit_code == 2 and "-o" in result.stderr and "<html" not in result.stdout.lower()
    monkeypatch.setattr(cli, "_is_terminal", lambda stream: False)  # piped or redirected: the HTML is wanted
    assert "<html" in run("check", folder, "--format", "html", "--select", "P", "--today", TODAY).stdout.lower()
