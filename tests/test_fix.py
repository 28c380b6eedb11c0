"""`dossiercheck fix`: a corrected copy whose re-check has no orientation, format or image-masking error left, with
the originals byte-for-byte unchanged, atomic writes, and the refusals that keep the user's data safe."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from conftest import DEMO_FLAWED, DEMO_OK, REPO, TODAY, run, tree_digest

pytestmark = pytest.mark.ocr  # every test here checks real demo scans end to end

FIXED_CODES = {"O101", "O201", "F101", "F102", "F104", "K101", "K102", "K104"}


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    out = tmp_path_factory.mktemp("fix") / "demo-flawed-fixed"
    before = tree_digest(DEMO_FLAWED)
    result = run("fix", DEMO_FLAWED, "--out", out)
    assert tree_digest(DEMO_FLAWED) == before  # the originals, byte for byte
    return result, out


def recheck(folder: Path) -> dict:
    return json.loads(run("check", folder, "-f", "json", "--today", TODAY).stdout)


def test_fixed_copy_has_no_orientation_format_or_image_masking_error(fixed):
    result, out = fixed
    codes = {(f["file"], f["code"]) for f in recheck(out)["findings"]}
    assert not {c for c in codes if c[1] in FIXED_CODES}, codes
    # the PDF whose text layer leaked is rebuilt from its pages: no text layer, nothing under its boxes
    assert not {c for c in codes if c[0] == "10-知识产权/专利证书.pdf" and c[1].startswith("K")}, codes
    report = json.loads((out / "fix-report.json").read_text(encoding="utf-8"))
    assert not any("dossiercheck fix" in r["hint"] for r in report["remaining"])  # never "run fix again"
    assert report["after"]["error"] < report["before"]["error"]
    assert "修改前" in result.stdout and "还需要你自己处理" in result.stdout


def test_each_kind_of_fix(fixed):
    _, out = fixed
    report = json.loads((out / "fix-report.json").read_text(encoding="utf-8"))
    done = {c["file"]: {a["do"] for a in c["actions"]} for c in report["changes"]}
    assert done["08-代表作品/代表作品2.jpg"] >= {"convert"}                       # PNG named .jpg
    assert done["06-专业技术资格/任职资格文件.jpg"] >= {"convert"}                 # CMYK
    assert done["04-学历学位证书/学士学位证书.jpg"] >= {"rotate"}                  # EXIF-turned
    assert done["14-继续教育-公需科目/2019公需科目.jpg"] >= {"rotate"}            # turned pixels
    assert done["19-推荐单位公示/推荐单位公示.jpg"] >= {"mask"}                   # visible name and unit
    assert done["20-推荐单位公示结果/推荐单位公示结果.jpg"] >= {"mask"}           # see-through mask
    with Image.open(out / "08-代表作品/代表作品2.jpg") as im:
        assert im.format == "JPEG" and im.mode == "RGB"
    with Image.open(out / "06-专业技术资格/任职资格文件.jpg") as im:
        assert im.mode == "RGB"
    with Image.open(out / "04-学历学位证书/学士学位证书.jpg") as im:
        assert im.size == (1754, 1240) and im.getexif().get(0x0112) in (None, 1)  # upright landscape, no tag
        assert im.info.get("dpi") and round(im.info["dpi"][0]) == 150
    with Image.open(out / "14-继续教育-公需科目/2019公需科目.jpg") as im:
        assert im.size == (1240, 1754)
    # files nobody needed to touch are copied byte for byte
    same = "17-年度考核表/2021年度考核表-正面.jpg"
    assert (out / same).read_bytes() == (DEMO_FLAWED / same).read_bytes()


def test_downscale_to_the_item_budget_keeps_dpi(tmp_path):
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    checklist = tmp_path / "small.yaml"
    checklist.write_text(text.replace("  min_dpi: 150\n", "  min_dpi: 50\n  max_pixels: 1000000\n", 1),
                         encoding="utf-8")
    folder = tmp_path / "d"
    (folder / "08-代表作品").mkdir(parents=True)
    shutil.copyfile(DEMO_OK / "applicant.yaml", folder / "applicant.yaml")
    shutil.copyfile(DEMO_OK / "08-代表作品/代表作品1.jpg", folder / "08-代表作品/作品.jpg")
    result = run("fix", folder, "--checklist", checklist, "--out", tmp_path / "out")
    assert result.exit_code in (0, 1), result.output
    with Image.open(tmp_path / "out/08-代表作品/作品.jpg") as im:
        assert im.width * im.height <= 1_000_000
        assert 100 <= im.info["dpi"][0] < 150  # scaled with the pixels


def test_dry_run_writes_nothing(tmp_path):
    out = tmp_path / "out"
    result = run("fix", DEMO_FLAWED, "--out", out, "--dry-run")
    assert not out.exists()
    assert "试运行" in result.stdout and "08-代表作品/代表作品2.jpg" in result.stdout


def test_refuses_to_write_into_the_dossier_or_over_a_folder(tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(DEMO_OK, folder)
    before = tree_digest(folder)
    assert run("fix", folder, "--out", folder / "fixed").exit_code == 2
    assert run("fix", folder, "--out", folder).exit_code == 2
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me")
    refused = run("fix", folder, "--out", busy)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert (busy / "mine.txt").read_text() == "keep me"
    assert tree_digest(folder) == before
    forced = run("fix", folder, "--out", busy, "--force")
    assert forced.exit_code == 1  # the copy is written; the stranger file in it is reported by the re-check
    assert (busy / "01-身份证/身份证-正面.jpg").is_file() and (busy / "mine.txt").read_text() == "keep me"


def test_default_output_is_a_sibling(tmp_path):
    folder = tmp_path / "我的材料"
    shutil.copytree(DEMO_OK, folder)
    assert run("fix", folder).exit_code == 0
    assert (tmp_path / "我的材料-fixed/applicant.yaml").is_file()
    assert run("check", tmp_path / "我的材料-fixed", "--today", TODAY).exit_code == 0


def test_an_interrupted_run_leaves_no_half_written_image(tmp_path, monkeypatch):
    import dossiercheck.fix as fixer

    calls = {"n": 0}
    real = fixer._save_jpeg

    def dies_midway(page, path, dpi, max_bytes):
        calls["n"] += 1
        if calls["n"] == 2:
            path.write_bytes(b"\xff\xd8 half an image")
            raise KeyboardInterrupt
        real(page, path, dpi, max_bytes)

    monkeypatch.setattr(fixer, "_save_jpeg", dies_midway)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        from dossiercheck.engine import Options, check_dossier

        check_dossier(DEMO_FLAWED, Options(), then=lambda r: fixer.fix(r, out, fixer.Options()))
    written = [p for p in out.rglob("*") if p.is_file()]
    assert not [p for p in written if p.name.endswith(".part")]
    for p in written:
        if p.suffix == ".jpg":
            with Image.open(p) as im:
                im.load()  # every image there is whole
