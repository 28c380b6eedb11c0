"""The page's routes and the guard in front of them; ``serve`` runs it on 127.0.0.1 until the user stops it.

Nothing leaves the computer: the server listens on 127.0.0.1 only, and answers only a request that carries the
run's random token as the first part of its path, names this server in its Host header (a DNS-rebinding page has
its own name there) and, when it changes anything, comes from this page (Origin, Sec-Fetch-Site). Every asset is in
the package; the report is shown under a Content-Security-Policy that loads nothing from anywhere.
"""

from __future__ import annotations

import hmac
import json
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dossiercheck.app.jobs import Runner
from dossiercheck.app.profile_form import Form, appraisal_years, choices, validate
from dossiercheck.app.workspace import Workspace
from dossiercheck.errors import UserError
from dossiercheck.messages import CATALOGUE, phrase

HERE = Path(__file__).parent
MAX_PROFILE = 1_000_000  # bytes of an applicant.yaml read into the form (yamlio's own bound applies as well)
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'self'"
SAFE_METHODS = ("GET", "HEAD")


class Guard:
    """ASGI middleware: token, Host and Origin, before any route runs; private headers on every answer."""

    def __init__(self, app, token: str, port: int) -> None:
        self.app, self.token = app, token
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        head, _, _ = scope["path"].lstrip("/").partition("/")
        refused = None
        if headers.get("host") not in self.hosts:
            refused = 421  # another name for this address: a DNS-rebinding page, or a proxy
        elif not hmac.compare_digest(head.encode(), self.token.encode()):
            refused = 404
        elif scope["method"] not in SAFE_METHODS and (
                headers.get("origin", next(iter(self.origins))) not in self.origins or
                headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none")):
            refused = 403  # a post from another site
        if refused:
            return await Response(status_code=refused)(scope, receive, send)

        async def private(message) -> None:
            if message["type"] == "http.response.start":
                # same-origin, not no-referrer: the token never leaves this page, and a form's post still carries
                # its Origin (under no-referrer Chrome sends "Origin: null", which the guard must refuse)
                extra = [(b"cache-control", b"no-store"), (b"referrer-policy", b"same-origin"),
                         (b"x-content-type-options", b"nosniff")]
                if not any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", [])):
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return await self.app(scope, receive, private)


class Page:
    """One run of the page: its working folder, its runs, its words."""

    def __init__(self, ws: Workspace, lang: str, token: str, jobs: int | None = None) -> None:
        from dossiercheck.checks import load_checklist

        self.ws, self.lang, self.token = ws, lang, token
        self.runner = Runner(ws, lang, jobs)
        self.checklist = load_checklist(None)
        self.form: Form | None = None  # the form as last posted or read, until it is saved
        self.notice: str | None = None  # a problem with an applicant.yaml read into the form
        self.earlier: str | None = None  # the masked name of the last dossier's applicant, still in the form
        self.quit: Callable[[], None] = lambda: None
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]))
        self.env.globals.update(t=self.t, lang=lang, base=f"/{token}/", choice=self.choice,
                                js_words=json.dumps({k: v.get(lang) for k, v in CATALOGUE.items()
                                                     if k.startswith("app.js.")}, ensure_ascii=False))

    def choice(self, value: str) -> str:
        """A form choice as shown: the value itself (what applicant.yaml holds), glossed in English."""
        key = f"app.choice.{value}"
        return phrase(key).get(self.lang) if key in CATALOGUE else value

    def t(self, key: str, **params: Any) -> str:
        return phrase(key).get(self.lang, **params)

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.env.get_template(name).render(**context), status_code=status)

    def go(self, where: str) -> RedirectResponse:
        return RedirectResponse(f"/{self.token}/{where}", status_code=303)

    def error(self, exc: UserError, status: int = 400) -> JSONResponse:
        return JSONResponse({"error": self.runner.shown(exc.render(self.lang))}, status_code=status)

    # ---------------------------------------------------------------- 1. 材料
    async def files(self, request: Request) -> Response:
        return self.render("files.html", step=1, levels=self.checklist.levels, kind=self.ws.kind,
                           count=self.ws.files, busy=self.runner.busy())

    async def upload_start(self, request: Request) -> Response:
        if self.runner.busy():
            return self.error(UserError("app.job.busy"), 409)
        try:
            self.ws.start(request.query_params.get("kind", ""), request.query_params.get("name", ""))
        except UserError as exc:
            return self.error(exc)
        self.runner.last.clear()
        return JSONResponse({"ok": True})

    async def upload_file(self, request: Request) -> Response:
        try:
            await self.ws.add(request.query_params.get("path", ""), request.stream())
        except UserError as exc:
            return self.error(exc, 413 if exc.key in ("app.upload.too_big", "app.upload.total") else 400)
        return JSONResponse({"files": self.ws.files, "bytes": self.ws.bytes})

    async def upload_done(self, request: Request) -> Response:
        try:
            self.ws.done()
        except UserError as exc:
            self.ws.kind = None  # nothing came: no dossier to go on with (the files page offered 下一步 for 0 files)
            return self.error(exc)
        found = self.ws.found_profile()
        if found is not None:  # the upload's own applicant, not the one of the page's last dossier
            self.ws.profile.unlink(missing_ok=True)
            self.read_profile(found.encode("utf-8"))
            self.earlier = None
        elif self.form is not None:  # a clerk's next applicant, or the same one again: the profile step asks which
            from dossiercheck.profile import mask_name

            self.earlier = mask_name(self.form.values.get("name")) or "—"
        if self.ws.is_pile():
            level = request.query_params.get("level")
            self.runner.start("sort", level if level in self.checklist.levels else None)
            return JSONResponse({"next": "sort"})
        return JSONResponse({"next": "profile"})

    # ---------------------------------------------------------------- 1b. 整理（a pile of photos）
    async def sort(self, request: Request) -> Response:
        job = self.runner.last.get("sort")
        if job is None:
            return self.go("")
        if job.state != "done":
            return self.render("progress.html", step=1, job=job, title=self.t("app.sort.title"))
        from dossiercheck.report.sort_table import part_label, reasons, why

        items = [i for i in self.checklist.items if i.uploads]
        rows = []
        for n, p in enumerate(job.result.placements):
            item = self.checklist.item(p.item) if p.item else None
            rows.append({"n": n, "p": p, "item": f"{item.number}. {item.label(self.lang)}" if item else "",
                         "why": why(p, self.lang) or reasons(p, self.lang), "part": part_label(p, self.checklist, self.lang)})
        return self.render("sort.html", step=1, rows=rows, counts=job.result.counts,
                           items=[(f"{i.number}. {i.label(self.lang)}", self._slots(i)) for i in items])

    def _slots(self, item: Any) -> list[tuple[str, str]]:
        """Where a page may be put in an item, as (value, label): each year and part the item names its files by
        (so that the page gets the name check reads: 2021年度考核表-正面), or the item alone."""
        from dossiercheck.classify import leaves

        years = item.years(self.checklist.year) if item.dated else []
        parts = leaves(item)
        out = []
        for year in years or [None]:
            for leaf in parts or [None]:
                words = [str(year) if year else "", leaf.text.get(self.lang) if leaf else ""]
                out.append((f"{item.id}|{year or ''}|{leaf.id if leaf else ''}",
                            " ".join(w for w in words if w) or item.label(self.lang)))
        return out

    async def sort_post(self, request: Request) -> Response:
        job = self.runner.last.get("sort")
        if job is None or job.state != "done" or self.runner.busy():
            return self.go("sort")
        post = parse_qs((await request.body()).decode("utf-8", "replace"))
        for key, values in post.items():
            if key.startswith("move_") and key[5:].isdigit() and values[-1]:
                self._move(job.result.placements, int(key[5:]), values[-1])
        return self.go("profile")

    def _move(self, placements: list, n: int, slot: str) -> None:
        """An unsorted page moved by the user to the item, year and part they chose (inside the sorted copy the page
        made), under the name sort would have given it."""
        from dossiercheck.classify import file_stem, leaves

        if n >= len(placements) or placements[n].status != "unsorted" or not placements[n].target:
            return
        item_id, _, rest = slot.partition("|")
        year_text, _, leaf_id = rest.partition("|")
        try:
            item = self.checklist.item(item_id)
        except KeyError:
            return
        leaf = next((lf for lf in leaves(item) if lf.id == leaf_id), None) if leaf_id else None
        year = int(year_text) if year_text.isdigit() and int(year_text) in item.years(self.checklist.year) else None
        p, root = placements[n], self.ws.sorted
        source = root / p.target
        stem, suffix = file_stem(item, leaf, year), Path(p.target).suffix.lower()
        target, k = root / item.folder / f"{stem}{suffix}", 2
        while target.exists():
            target, k = root / item.folder / f"{stem}-{k}{suffix}", k + 1
        if source.is_file() and not source.is_symlink():
            target.parent.mkdir(mode=0o700, exist_ok=True)
            source.rename(target)
            p.target, p.item, p.status = target.relative_to(root).as_posix(), item.id, "placed"
            p.year, p.part, p.part_title, p.leaf = year, leaf.id if leaf else None, leaf.title if leaf else None, leaf

    # ---------------------------------------------------------------- 2. 申报人信息
    def read_profile(self, raw: bytes) -> None:
        """Fill the form from an applicant.yaml (read by the same loader as ``check``; what it refuses is said)."""
        import yaml

        from dossiercheck.profile import template_values
        from dossiercheck.yamlio import load_yaml

        path = self.ws.dir / "profile-upload.yaml"
        path.write_bytes(raw)
        path.chmod(0o600)
        self.notice = None
        try:
            data = load_yaml(path, "applicant.schema.json")
        except UserError as exc:
            self.notice = self.runner.shown(exc.render(self.lang)).replace("profile-upload.yaml", "applicant.yaml")
            try:  # what can still be read fills the form; the notice says what to correct
                data = yaml.safe_load(raw.decode("utf-8-sig", "replace"))
            except yaml.YAMLError:
                data = None
            data = data if isinstance(data, dict) else {}
        finally:
            path.unlink(missing_ok=True)
        self.form = Form.from_data(data, template_values())

    async def profile(self, request: Request) -> Response:
        from dossiercheck.profile import template_values

        form = self.form
        if form is None:
            form = Form.from_data({"level": self.checklist.levels[-1]}, template_values())
        hints = {i.setting("profile_field"): i.hint_text.get(self.lang) for i in self.checklist.items
                 if i.setting("profile_field") and i.hint_text}
        years = sorted(set(appraisal_years(self.checklist, {"appraisals": form.appraisals})))
        from dossiercheck.profile import mask_id

        # the number is never sent back whole: shown masked, kept when the field is left empty
        return self.render("profile.html", step=2, form=form, choices=choices(self.checklist), hints=hints,
                           masked_id=mask_id(form.values.get("id_number")),
                           years=years, notice=self.notice, saved=self.ws.profile.is_file(), earlier=self.earlier,
                           has_dossier=self.ws.kind is not None, status=400 if form.error else 200)

    async def profile_post(self, request: Request) -> Response:
        post = parse_qs((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
        form = Form.from_post(post)
        if not form.values["id_number"] and self.form and not post.get("id_clear"):
            form.values["id_number"] = self.form.values.get("id_number", "")
        try:
            text, _ = validate(form, self.ws.dir)
        except UserError as exc:
            form.error = self.runner.shown(exc.render(self.lang)).replace("form/", "")
            self.form = form
            return await self.profile(request)
        from dossiercheck import safeio

        with safeio.open_text(self.ws.profile, below=self.ws.dir) as fh:
            fh.write(text)
        self.form, self.notice, self.earlier = form, None, None
        if self.ws.kind is None:
            return self.go("")
        if not self.runner.busy():
            self.runner.start("check")
        return self.go("check")

    async def profile_clear(self, request: Request) -> Response:
        """Another applicant: the form, and the applicant.yaml saved from it, are emptied."""
        self.ws.profile.unlink(missing_ok=True)
        self.form, self.notice, self.earlier = None, None, None
        return self.go("profile")

    async def profile_load(self, request: Request) -> Response:
        raw = b""
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > MAX_PROFILE:
                return self.error(UserError("app.profile.too_big", mb=MAX_PROFILE // 1_000_000), 413)
        self.read_profile(raw)
        return JSONResponse({"next": "profile"})

    async def profile_download(self, request: Request) -> Response:
        if not self.ws.profile.is_file():
            return self.go("profile")
        return FileResponse(self.ws.profile, media_type="text/yaml; charset=utf-8", filename="applicant.yaml")

    # ---------------------------------------------------------------- 3. 检查结果
    async def check(self, request: Request) -> Response:
        job = self.runner.last.get("check")
        if job is None:
            return self.go("profile" if self.ws.kind else "")
        if job.state == "running":
            return self.render("progress.html", step=3, job=job, title=self.t("app.check.title"))
        from dossiercheck.engine import outcome

        result = job.result
        return self.render("check.html", step=3, job=job, result=result,
                           exit=outcome([result], strict=False) if result else None)

    async def check_post(self, request: Request) -> Response:
        if self.ws.kind is not None and self.ws.profile.is_file():
            self.runner.start("check")
        return self.go("check")

    async def report(self, request: Request) -> Response:
        if not self.ws.report.is_file():
            return Response(status_code=404)
        return HTMLResponse(self.ws.report.read_text(encoding="utf-8"),
                            headers={"content-security-policy": REPORT_CSP})

    # ---------------------------------------------------------------- 4. 修正
    async def fix(self, request: Request) -> Response:
        job = self.runner.last.get("fix")
        if job is None:
            return self.go("check")
        if job.state == "running":
            return self.render("progress.html", step=4, job=job, title=self.t("app.fix.title"))
        from dossiercheck.fix import unfixable
        from dossiercheck.report import finding_text as words
        from dossiercheck.report.fixlog import hint_after_fix

        left = []
        if job.state == "done":
            for f in unfixable(job.result):
                left.append({"code": f.code, "file": f.file, "message": words.message(f, self.lang),
                             "hint": hint_after_fix(words.hint(f, self.lang), self.lang)})
        return self.render("fix.html", step=4, job=job, left=left,
                           before=job.extra.get("before"), after=job.result)

    async def fix_post(self, request: Request) -> Response:
        if self.ws.kind is not None and self.ws.profile.is_file() and not self.runner.busy():
            import shutil

            for old in (self.ws.fixed, self.ws.fixed_zip, self.ws.changes):  # the page's own last copy, never the user's files
                if old.is_dir():
                    shutil.rmtree(old)
                elif old.exists():
                    old.unlink()
            self.runner.start("fix")
        return self.go("fix")

    async def fixed_zip(self, request: Request) -> Response:
        if not self.ws.fixed_zip.is_file():
            return self.go("fix")
        return FileResponse(self.ws.fixed_zip, media_type="application/zip",
                            filename=self.t("app.fix.zip_name"))

    async def changes(self, request: Request) -> Response:
        if not self.ws.changes.is_file():
            return self.go("fix")
        return FileResponse(self.ws.changes, media_type="text/plain; charset=utf-8", filename=self.t("app.fix.log_name"))

    # ---------------------------------------------------------------- progress, and the end
    async def job(self, request: Request) -> Response:
        job = self.runner.job
        return JSONResponse(job.as_dict() if job else {"state": "none"})

    async def stop(self, request: Request) -> Response:
        response = self.render("bye.html", step=0)
        threading.Timer(0.3, self.quit).start()  # after the answer has gone out
        return response

    def routes(self) -> list:
        return [Mount(f"/{self.token}", routes=[
            Route("/", self.files), Route("/upload/start", self.upload_start, methods=["POST"]),
            Route("/upload/file", self.upload_file, methods=["PUT"]),
            Route("/upload/done", self.upload_done, methods=["POST"]),
            Route("/sort", self.sort), Route("/sort", self.sort_post, methods=["POST"]),
            Route("/profile", self.profile), Route("/profile", self.profile_post, methods=["POST"]),
            Route("/profile/load", self.profile_load, methods=["PUT"]),
            Route("/profile/clear", self.profile_clear, methods=["POST"]),
            Route("/applicant.yaml", self.profile_download),
            Route("/check", self.check), Route("/check", self.check_post, methods=["POST"]),
            Route("/report.html", self.report),
            Route("/fix", self.fix), Route("/fix", self.fix_post, methods=["POST"]),
            Route("/fixed.zip", self.fixed_zip), Route("/changes.txt", self.changes), Route("/job", self.job),
            Route("/quit", self.stop, methods=["POST"]),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ])]


def create(ws: Workspace, lang: str, token: str, port: int, jobs: int | None = None) -> tuple[Guard, Page]:
    page = Page(ws, lang, token, jobs)
    return Guard(Starlette(routes=page.routes()), token, port), page


def listen(port: int) -> socket.socket:
    """A socket on 127.0.0.1 (never another interface); port 0: a free one the system picks."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise UserError("app.port_busy", port=port, problem=exc.strerror or str(exc)) from None
    sock.listen(16)
    return sock


def serve(lang: str, port: int, open_browser: bool, jobs: int | None, echo: Callable[[str], None]) -> None:
    """Run the page until Ctrl-C, the page's 关闭 button, or SIGTERM; the working folder goes with it."""
    import uvicorn

    sock = listen(port)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    ws = Workspace()
    try:
        guard, page = create(ws, lang, token, port, jobs)
        server = uvicorn.Server(uvicorn.Config(guard, log_level="warning", lifespan="off", access_log=False))
        page.quit = lambda: setattr(server, "should_exit", True)
        url = f"http://127.0.0.1:{port}/{token}/"
        echo(phrase("app.started" if open_browser else "app.started_here").get(lang, url=url))
        if open_browser:
            threading.Timer(0.5, webbrowser.open, args=(url,)).start()
        server.run(sockets=[sock])
    finally:
        sock.close()
        ws.remove()
    echo(phrase("app.stopped").get(lang))
