"""The page in a real browser (Debian's Chromium, driven by Playwright): the whole path an applicant takes on
examples/demo-flawed — upload the folder, fill the form (the template's 张三 refused first), see the failing items,
fix, download the zip, and check that zip again through the page. Screenshots of every step are kept as artefacts
(the path is printed); every page is searched for an untranslated catalogue key, a traceback or a full ID number.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DEMO_FLAWED, REPO, run

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--lang=zh-CN", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
KEY = re.compile(r"\b(?:app|error|cli|terminal|html|fixlog|sort|profile|yaml)\.[a-z_]+(?:\.[a-z_0-9]+)*\b")
FULL_ID = re.compile(r"(?<![\d*])\d{17}[\dXx](?![\d*])")
ARTEFACTS = Path(os.environ.get("DOSSIERCHECK_ARTEFACTS", REPO / "tmp" / "artefacts")) / "app"

pytestmark = [pytest.mark.ocr,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")]


def _clean(text: str) -> None:
    """No catalogue key shown as such, no traceback, no full ID number."""
    assert not KEY.findall(text), KEY.findall(text)
    assert "Traceback" not in text and "Exception" not in text
    assert not FULL_ID.findall(text), "a full ID number is shown"


class Steps:
    def __init__(self, page) -> None:
        self.page, self.n = page, 0

    def shot(self, name: str) -> None:
        """Screenshot the page (and check its words, the report's inside its frame too)."""
        self.n += 1
        self.page.screenshot(path=str(ARTEFACTS / f"{self.n:02d}-{name}.png"), full_page=True)
        _clean(self.page.inner_text("body"))
        for frame in self.page.frames[1:]:
            _clean(frame.inner_text("body"))


@pytest.fixture
def server(tmp_path):
    """`dossiercheck app --no-browser` as a user starts it (the suite's private cache, so cached pages are reused)."""
    proc = subprocess.Popen([sys.executable, "-m", "dossiercheck", "app", "--no-browser"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    line = proc.stdout.readline()
    url = re.search(r"http://127\.0\.0\.1:\d+/\S+/", line).group(0)
    yield url
    proc.terminate()
    proc.wait(timeout=30)
    out = proc.stdout.read() + proc.stderr.read()
    assert "Traceback" not in out, out


def test_the_whole_path_in_chromium(server, tmp_path):
    from playwright.sync_api import sync_playwright

    shutil.rmtree(ARTEFACTS, ignore_errors=True)
    ARTEFACTS.mkdir(parents=True)
    print(f"\nscreenshots: {ARTEFACTS}")
    dossier = tmp_path / "我的材料"
    shutil.copytree(DEMO_FLAWED, dossier)
    (dossier / "applicant.yaml").unlink()  # the form stands for it
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900}, accept_downloads=True, locale="zh-CN")
        steps = Steps(page)
        page.goto(server)
        steps.shot("files")

        # 1. 材料: the folder, as the picker sends it
        page.set_input_files("#pick-folder", str(dossier))
        page.wait_for_url("**/profile", timeout=60_000)
        steps.shot("profile-empty")

        # 2. 申报人信息: the template's name is refused, then the demo applicant's values
        page.fill("#f-name", "张三")
        page.fill("#f-unit", "巴音郭楞日报社")
        page.click("#save")
        assert "模板" in page.inner_text("#form-error")
        steps.shot("profile-template-refused")
        values = {"#f-name": "王晓梅", "#f-unit_variants": "巴州日报社", "#f-id_number": "652801198805120026",
                  "#f-current_title": "助理记者", "#f-current_title_date": "2018-07-01", "#f-target_title": "记者",
                  "#f-unit_county": "库尔勒市", "#f-work_started": "2010-07"}
        for selector, value in values.items():
            page.fill(selector, value)
        for selector, value in {"#f-gender": "女", "#f-level": "中级", "#f-application_type": "评审",
                                "#f-title_obtained_in": "新疆", "#f-unit_level": "州级", "#f-appraisal_2020": "合格",
                                "#f-appraisal_2021": "基本合格", "#f-appraisal_2022": "合格"}.items():
            page.select_option(selector, value)
        page.check("#f-has_intellectual_property")
        for i, (start, end, post) in enumerate([("2011-07", "2014-06", "见习记者"), ("2016-01", "2019-12", "记者"),
                                                ("2020-01", None, "记者（新媒体部）")]):
            page.fill(f"[name=wh_{i}_from]", start)
            if end:
                page.fill(f"[name=wh_{i}_to]", end)
            else:
                page.check(f"[name=wh_{i}_now]")
            page.fill(f"[name=wh_{i}_unit]", "巴音郭楞日报社")
            page.fill(f"[name=wh_{i}_post]", post)
        steps.shot("profile-filled")
        page.click("#save")

        # 3. 检查结果: the same verdict as `check` gives the same dossier with the same profile
        page.wait_for_selector("#verdict", timeout=600_000)
        page.wait_for_function("document.getElementById('report').contentDocument.body.innerText.length > 0")
        steps.shot("report")
        report = page.frame_locator("#report").locator("body").inner_text()
        assert "✘" in page.inner_text("#verdict") or "错误" in page.inner_text("#verdict")
        assert "缺少" in report and "王晓梅" not in report
        assert "材料文件夹：我的材料" in report and "run-" not in report
        profile = tmp_path / "applicant.yaml"
        profile.write_bytes(page.request.get(server + "applicant.yaml").body())  # the form, written back
        cli = run("check", dossier, "--profile", profile, "--format", "json")
        assert cli.exit_code == 1  # the page said 1 too (its verdict line names the exit code)
        assert "退出码 1" in page.inner_text("#verdict")

        # 4. 修正: run fix, see what is left, download the zip
        page.click("#run-fix")
        page.wait_for_selector("#download", timeout=600_000)
        steps.shot("fix")
        counts = re.findall(r"\d+", page.inner_text("#fix-counts"))
        assert int(counts[1]) < int(counts[0])
        assert page.locator("#left li").count() == int(counts[1])
        with page.expect_download() as got:
            page.click("#download")
        fixed = tmp_path / got.value.suggested_filename
        got.value.save_as(fixed)
        assert fixed.name == "修正后的材料.zip"
        with zipfile.ZipFile(fixed) as z:
            names = z.namelist()
        assert "fix-report.json" in names and "applicant.yaml" in names  # the copy exactly as `fix` wrote it
        assert any(n.startswith("01-身份证/") for n in names)

        # …and check the downloaded zip again through the page
        page.goto(server)
        page.set_input_files("#pick-zip", str(fixed))
        page.wait_for_url("**/profile", timeout=60_000)
        page.click("#save")
        page.wait_for_selector("#verdict", timeout=600_000)
        page.wait_for_function("document.getElementById('report').contentDocument.body.innerText.length > 0")
        steps.shot("recheck")
        again = page.frame_locator("#report").locator("body").inner_text()
        assert f"错误 {counts[1]} 个" in again  # the zip checks as the corrected copy did: nothing lost or added
        assert fixed.name in again and "run-" not in again  # named as the user knows it, not the working folder
        browser.close()
    assert sorted(p.name for p in ARTEFACTS.iterdir())[0] == "01-files.png"
