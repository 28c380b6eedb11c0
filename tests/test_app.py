"""The local page's server (no OCR): the token, Host and Origin guard, upload bounds, the profile form's validation
(the CLI's own), the working folder (0700, removed on exit and by `cache clear`) and the page's words."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
import time

import pytest
from starlette.testclient import TestClient

from conftest import DEMO_FLAWED, DEMO_OK, run
from dossiercheck import archive
from dossiercheck.app.profile_form import Form, validate
from dossiercheck.app.server import create
from dossiercheck.app.workspace import Workspace
from dossiercheck.cache import FactsCache, work_root
from dossiercheck.profile import load_profile, template_values
from dossiercheck.yamlio import load_yaml

PORT = 8765
ORIGIN = f"http://127.0.0.1:{PORT}"
KEY = re.compile(r"\bapp\.[a-z_]+(?:\.[a-z_0-9]+)*\b")


@pytest.fixture
def page():
    ws = Workspace()
    guard, page = create(ws, "zh", "tok", PORT)
    client = TestClient(guard, base_url=ORIGIN, headers={"origin": ORIGIN})
    yield client, ws, page
    ws.remove()


def _upload(client, kind: str, files: dict[str, bytes]):
    assert client.post(f"/tok/upload/start?kind={kind}").status_code == 200
    return [client.put("/tok/upload/file", params={"path": name}, content=data) for name, data in files.items()]


# ---------------------------------------------------------------- the guard
def test_every_route_needs_the_runs_token(page):
    client, _, _ = page
    assert client.get("/tok/").status_code == 200
    for path in ("/", "/tak/", "/tok2/", "/profile", "/tok2/profile"):
        assert client.get(path).status_code == 404, path
    assert client.post("/wrong/upload/start?kind=folder").status_code == 404


def test_another_host_name_is_refused_dns_rebinding(page):
    client, _, _ = page
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1:1", "127.0.0.1"):
        assert client.get("/tok/", headers={"host": host}).status_code == 421, host
    assert client.get("/tok/", headers={"host": f"localhost:{PORT}"}).status_code == 200


def test_a_post_from_another_site_is_refused(page):
    client, ws, _ = page
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"origin": f"http://127.0.0.1:{PORT + 1}"},
                    {"origin": ORIGIN, "sec-fetch-site": "cross-site"}):
        assert client.post("/tok/upload/start?kind=folder", headers=headers).status_code == 403, headers
        assert client.post("/tok/profile", headers=headers, data={"name": "王晓梅"}).status_code == 403
    assert ws.kind is None and not ws.profile.exists()
    assert client.post("/tok/upload/start?kind=folder", headers={"sec-fetch-site": "same-origin"}).status_code == 200


def test_answers_are_private_and_load_nothing_from_elsewhere(page):
    client, _, _ = page
    r = client.get("/tok/")
    assert r.headers["cache-control"] == "no-store" and r.headers["referrer-policy"] == "same-origin"
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert not re.search(r"(src|href)=\"(https?:)?//", r.text)  # every asset from the page's own server
    for asset in ("app.css", "app.js"):
        assert client.get(f"/tok/static/{asset}").status_code == 200


# ---------------------------------------------------------------- uploads
def test_uploads_go_to_a_private_working_folder(page):
    client, ws, _ = page
    assert stat.S_IMODE(ws.dir.stat().st_mode) == 0o700 and ws.dir.is_relative_to(work_root())
    answers = _upload(client, "folder", {"01-身份证/身份证-正面.jpg": b"x" * 10, "applicant.yaml": b"level: x\n"})
    assert [a.status_code for a in answers] == [200, 200]
    saved = ws.upload / "01-身份证" / "身份证-正面.jpg"
    assert saved.read_bytes() == b"x" * 10 and stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE(saved.parent.stat().st_mode) == 0o700
    assert client.post("/tok/upload/done").json() == {"next": "profile"}  # item folders: not a pile


@pytest.mark.parametrize("name", ["../x.jpg", "/etc/x.jpg", "C:/x.jpg", "a/../../x.jpg", "", "x" * 300 + ".jpg"])
def test_a_name_that_leaves_the_folder_is_refused(page, name):
    client, ws, _ = page
    (answer,) = _upload(client, "photos", {name: b"x"})
    assert answer.status_code == 400 and "不能使用" in answer.json()["error"]
    assert not any(ws.dir.parent.parent.rglob("x.jpg"))


def test_uploads_are_bounded_as_a_zip_is(page, monkeypatch):
    client, ws, _ = page
    monkeypatch.setattr(archive, "MAX_ENTRY", 100)
    monkeypatch.setattr(archive, "MAX_TOTAL", 250)
    monkeypatch.setattr(archive, "MAX_ENTRIES", 3)
    big, a, b, c, d = _upload(client, "photos", {"big.jpg": b"x" * 101, "a.jpg": b"x" * 100, "b.jpg": b"x" * 100,
                                                "c.jpg": b"x" * 100, "d.jpg": b"x"})
    assert big.status_code == 413 and not (ws.upload / "big.jpg").exists()  # cut off, nothing left behind
    assert a.status_code == b.status_code == 200
    assert c.status_code == 413 and "250" not in c.json()["error"] and not (ws.upload / "c.jpg").exists()
    assert d.status_code == 200  # the third file: still within the count and the total
    (e,) = [client.put("/tok/upload/file", params={"path": "e.jpg"}, content=b"x")]
    assert e.status_code == 400 and "最多 3 个" in e.json()["error"]
    (again,) = [client.put("/tok/upload/file", params={"path": "a.jpg"}, content=b"y")]
    assert again.status_code == 400 and (ws.upload / "a.jpg").read_bytes() == b"x" * 100


def test_one_zip_kept_as_it_came(page, tmp_path):
    client, ws, _ = page
    answers = _upload(client, "zip", {"材料.zip": b"PK", "second.zip": b"PK"})
    assert [a.status_code for a in answers] == [200, 400]
    assert ws.upload.name == "upload.zip" and ws.upload.read_bytes() == b"PK"


def test_a_pile_of_photos_or_a_flat_folder_is_sorted_first(tmp_path):
    ws = Workspace()
    try:
        ws.start("folder")
        (ws.upload / "01-身份证").mkdir(parents=True)
        assert not ws.is_pile()
        ws.start("folder")
        ws.upload.mkdir()
        (ws.upload / "IMG_1.jpg").write_bytes(b"x")
        assert ws.is_pile()
        ws.start("photos")
        assert ws.is_pile()
    finally:
        ws.remove()


# ---------------------------------------------------------------- the profile form
def _form(**values) -> dict:
    base = {"name": "王晓梅", "unit": "巴音郭楞日报社", "level": "中级"}
    return {**base, **values}


@pytest.mark.parametrize("values", [{"name": "张三"}, {"unit": "某某新闻单位"}, {"unit_variants": "某某新闻单位"},
                                    {"wh_0_from": "2012-07", "wh_0_now": "yes", "wh_0_unit": "某某新闻单位"}])
def test_the_templates_placeholders_can_never_be_saved(page, values):
    client, ws, _ = page
    r = client.post("/tok/profile", data=_form(**values), follow_redirects=False)
    assert r.status_code == 400 and "模板中的示例" in r.text
    assert not ws.profile.exists()


@pytest.mark.parametrize(("values", "said"), [
    ({"id_number": "652801198805120027"}, "652***********0027"),  # wrong check digit: masked, never shown whole
    ({"current_title_date": "2021-02-30"}, "2021-02-30"),
    ({"current_title_date": "2021-02-30"}, "“取得现任职务时间”"),  # said of the form's field, not of a file's line
    ({"level": "高级"}, "高级"),
    ({"name": "=HYPERLINK(1)"}, "姓名"),
    ({"name": ""}, "姓名"),
])
def test_the_form_is_validated_as_check_validates_applicant_yaml(page, values, said):
    client, ws, _ = page
    r = client.post("/tok/profile", data=_form(**values), follow_redirects=False)
    assert r.status_code == 400 and said in r.text and "第 " not in r.text.split('id="form-error"')[-1][:300]
    assert "652801198805120027" not in r.text and "Traceback" not in r.text
    assert not ws.profile.exists()


def test_a_valid_form_writes_the_applicant_yaml_check_reads(page, tmp_path):
    client, ws, _ = page
    r = client.post("/tok/profile", data=_form(gender="女", appraisal_2021="基本合格", wh_0_from="2010-07",
                                               wh_0_now="yes", wh_0_unit="巴音郭楞日报社", special_service="yes"),
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/tok/"  # no dossier yet: back to step 1
    assert stat.S_IMODE(ws.profile.stat().st_mode) == 0o600
    applicant = load_profile(ws.profile)
    assert applicant.data["special_service"] is True and applicant.appraisals == {2021: "基本合格"}
    assert applicant.work_history[0].end is None
    assert client.get("/tok/applicant.yaml").text == ws.profile.read_text(encoding="utf-8")


def test_the_next_dossier_is_never_checked_against_the_last_applicant_unasked(page):
    """A clerk uploads one applicant's folder after another: a folder that brings its applicant.yaml fills the form
    with its own applicant; one that brings none finds the last applicant's data said as such (masked), and one
    click empties the form and the saved applicant.yaml."""
    client, ws, pg = page
    first = (DEMO_OK / "applicant.yaml").read_text(encoding="utf-8")
    _upload(client, "folder", {"01-身份证/a.jpg": b"x", "applicant.yaml": first.encode()})
    client.post("/tok/upload/done")
    assert client.post("/tok/profile", data=_form(), follow_redirects=False).status_code == 303
    assert ws.profile.is_file()
    while pg.runner.busy():  # saving started a check of the first dossier
        time.sleep(0.05)
    second = first.replace("王晓梅", "李建国")
    _upload(client, "folder", {"01-身份证/b.jpg": b"x", "applicant.yaml": second.encode()})
    client.post("/tok/upload/done")
    shown = client.get("/tok/profile").text
    assert 'value="李建国"' in shown and "王晓梅" not in shown and "上一份材料" not in shown
    assert not ws.profile.exists()  # saved again only when the form is
    _upload(client, "folder", {"01-身份证/c.jpg": b"x"})
    client.post("/tok/upload/done")
    shown = client.get("/tok/profile").text
    assert "上一份材料的申报人（李**）" in shown and 'id="clear-profile"' in shown
    assert client.post("/tok/profile/clear", follow_redirects=False).status_code == 303
    shown = client.get("/tok/profile").text
    assert "李建国" not in shown and "上一份材料" not in shown and not ws.profile.exists()


@pytest.mark.parametrize("demo", [DEMO_OK, DEMO_FLAWED])
def test_an_existing_applicant_yaml_round_trips_through_the_form(demo, tmp_path):
    data = load_yaml(demo / "applicant.yaml", "applicant.schema.json")
    text, applicant = validate(Form.from_data(data, template_values()), tmp_path)
    original = load_profile(demo / "applicant.yaml")
    assert applicant.facts() == original.facts() and applicant.appraisals == original.appraisals
    assert applicant.work_history == original.work_history
    assert (applicant.name, applicant.unit, applicant.unit_variants, applicant.id_number) == \
        (original.name, original.unit, original.unit_variants, original.id_number)


def test_the_template_fills_the_form_without_its_placeholders(page):
    from dossiercheck.checks import load_checklist
    from dossiercheck.scaffold import profile_template

    client, _, _ = page
    r = client.put("/tok/profile/load", content=profile_template(load_checklist(None), "中级").encode())
    assert r.json() == {"next": "profile"}
    shown = client.get("/tok/profile").text
    assert 'value="张三"' not in shown and "某某新闻单位" not in shown and 'value="库尔勒市"' in shown


def test_a_broken_applicant_yaml_is_said_in_one_line(page):
    client, _, _ = page
    client.put("/tok/profile/load", content="name: 王晓梅\nlevel：中级\n".encode())
    shown = client.get("/tok/profile").text
    assert "applicant.yaml 第 2 行：键后面用了中文冒号" in shown and "。。" not in shown
    assert "profile-upload" not in shown and "Traceback" not in shown


# ---------------------------------------------------------------- sorting: an unsorted page moved by hand
def test_an_unsorted_page_is_moved_to_the_item_year_and_side_chosen_and_named_as_check_reads(page):
    """The advice for a page moved by hand (write the year and the side in its name) cannot be followed in the
    page: the choice names them, and the page gets the name sort would have given it."""
    from dossiercheck.sort import Placement

    _, ws, pg = page
    (ws.sorted / "00-未分类").mkdir(parents=True)
    (ws.sorted / "00-未分类" / "微信图片_1.jpg").write_bytes(b"x")
    (ws.sorted / "00-未分类" / "IMG_2.jpg").write_bytes(b"y")
    slots = dict(pg._slots(pg.checklist.item("appraisal")))
    assert "appraisal|2021|back" in slots and "2021" in slots["appraisal|2021|back"]
    placements = [Placement("微信图片_1.jpg", target="00-未分类/微信图片_1.jpg"),
                  Placement("IMG_2.jpg", target="00-未分类/IMG_2.jpg")]
    pg._move(placements, 0, "appraisal|2021|back")
    assert placements[0].target == "17-年度考核表/2021年度考核表-反面.jpg"
    assert (ws.sorted / placements[0].target).read_bytes() == b"x" and placements[0].year == 2021
    pg._move(placements, 0, "id-card||front")  # placed now: not moved again
    assert placements[0].target == "17-年度考核表/2021年度考核表-反面.jpg"
    pg._move(placements, 1, "appraisal|2021|back")  # the same slot again: a name of its own
    assert placements[1].target == "17-年度考核表/2021年度考核表-反面-2.jpg"
    # (sort's names are the names check reads: tests/test_sort.py, every_name_sort_writes_is_recognised)


# ---------------------------------------------------------------- the words
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_speaks_the_language_asked(lang):
    ws = Workspace()
    try:
        guard, _ = create(ws, lang, "tok", PORT)
        client = TestClient(guard, base_url=ORIGIN, headers={"origin": ORIGIN})
        for path in ("/tok/", "/tok/profile"):
            text = client.get(path).text
            shown = re.sub(r"<script id=\"words\".*?</script>", "", text, flags=re.S)  # JS words: keyed JSON
            assert not KEY.findall(re.sub(r"<[^>]+>", " ", shown)), path
            assert ("申报人信息" in text) == (lang == "zh") and ("Applicant" in text) == (lang == "en")
    finally:
        ws.remove()


# ---------------------------------------------------------------- the command
def test_app_prints_its_address_and_cleans_up_when_closed(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "dossiercheck", "app", "--no-browser", "--lang", "en"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:(\d+)/([\w-]{32})/", line)
        assert url, line
        assert "Copy this address into a browser" in proc.stdout.readline()  # --no-browser: none opened
        runs = list(work_root().glob("run-*"))
        assert runs and all(stat.S_IMODE(r.stat().st_mode) == 0o700 for r in runs)
        import httpx

        assert httpx.get(url.group(0)).status_code == 200
        assert httpx.get(url.group(0).replace(url.group(2), "x" * 32)).status_code == 404
        assert httpx.post(url.group(0) + "quit", headers={"origin": f"http://127.0.0.1:{url.group(1)}"}).status_code == 200
        assert proc.wait(timeout=20) == 0
        assert "temporary copies are deleted" in proc.stdout.read()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=20)
    assert not list(work_root().glob("run-*"))
    assert "Traceback" not in proc.stderr.read()


def test_cache_clear_removes_the_pages_working_folders_but_an_open_pages():
    """A page that ended without removing its folder (killed) leaves it to `cache clear`; a page still open keeps
    its own (its uploads, its check), and is said to: it removes the folder itself when it closes."""
    import os

    left, open_page = Workspace(), Workspace()
    (left.dir / "upload").mkdir()
    os.close(left._lock)  # as when its process was killed
    left._lock = None
    result = run("cache", "clear")
    assert result.exit_code == 0 and "还开着" in result.stdout
    assert not left.dir.exists() and open_page.dir.is_dir()
    open_page.remove()
    assert run("cache", "clear").exit_code == 0
    assert not work_root().exists()


def test_the_working_folder_is_not_a_users_folder_cache_clear_would_delete(tmp_path):
    root = work_root()
    root.mkdir(parents=True, exist_ok=True)
    (root / "mine.txt").write_text("x")  # no marker: not the tool's
    if (root / "CACHEDIR.TAG").exists():
        (root / "CACHEDIR.TAG").unlink()
    FactsCache().clear()
    assert (root / "mine.txt").exists()
    (root / "mine.txt").unlink()


def test_a_busy_port_is_one_clear_line():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        result = run("app", "--no-browser", "--port", port, "--lang", "en")
    assert result.exit_code == 2 and f"Cannot use port {port}" in result.stderr



def test_reports_name_the_dossier_as_the_user_knows_it_never_the_working_folder(page):
    client, ws, pg = page
    client.post("/tok/upload/start", params={"kind": "folder", "name": "我的材料"})
    assert pg.runner.shown(f"材料文件夹：{ws.upload}") == "材料文件夹：我的材料"
    assert pg.runner.shown(f"{ws.upload}/01-身份证/a.jpg") == "我的材料/01-身份证/a.jpg"
    assert str(ws.dir) not in pg.runner.shown(f"{ws.dir}/x {ws.fixed}")


def test_the_forms_choices_are_glossed_in_english_and_keep_their_values():
    """The values are applicant.yaml's (评审, 基本合格): kept; an English page says what they mean beside them."""
    for lang, shown in (("en", "评审 (review)"), ("zh", "评审")):
        ws = Workspace()
        try:
            guard, _ = create(ws, lang, "tok", PORT)
            text = TestClient(guard, base_url=ORIGIN, headers={"origin": ORIGIN}).get("/tok/profile").text
            assert f'<option value="评审" >{shown}</option>' in text.replace("  ", " "), lang
        finally:
            ws.remove()


def test_an_empty_upload_leaves_no_dossier_to_go_on_with(page):
    """Nothing came: the page says so and offers no next step into a check of nothing."""
    client, ws, _ = page
    assert client.post("/tok/upload/start?kind=folder").status_code == 200
    answer = client.post("/tok/upload/done")
    assert answer.status_code == 400 and "没有收到" in answer.json()["error"]
    shown = client.get("/tok/").text
    assert ws.kind is None and "已收到 0 个文件" not in shown and 'href="/tok/profile">' not in shown
