"""Shared test helpers.

The whole run uses one private cache directory, set before any fixture runs (module-scoped fixtures included), so
the suite never reads or writes the user's cache. Tests that run the real OCR engine carry ``@pytest.mark.ocr``;
``pytest -m "not ocr"`` runs the rule tests in seconds, and fails naming any test that builds the engine unmarked.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from typer.testing import CliRunner

from dossiercheck.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
DEMO_OK = EXAMPLES / "demo-ok"
DEMO_FLAWED = EXAMPLES / "demo-flawed"
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2023-09-10"


# Set at import, before pytest builds any fixture: the user's cache directory is never touched by the suite.
PRIVATE = Path(tempfile.mkdtemp(prefix="dossiercheck-test-"))
os.environ["DOSSIERCHECK_CACHE_DIR"] = str(PRIVATE / "cache")
ENGINE_BUILT = PRIVATE / "engine-built-by"
os.environ["XDG_CACHE_HOME"] = str(PRIVATE / "xdg-cache")  # where the default would go if the override were lost


def pytest_unconfigure(config):
    shutil.rmtree(PRIVATE, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    """Under ``-m "not ocr"`` the real engine refuses to be built: a test that needs it without the mark is named
    at the end of the run and the run fails. Worker processes are forked, so they inherit the refusal."""
    if "not ocr" not in (config.option.markexpr or ""):
        return
    from dossiercheck.inspect import ocr

    def refuse(self, *args, **kwargs):
        with ENGINE_BUILT.open("a", encoding="utf-8") as log:
            log.write(os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0] + "\n")
        raise RuntimeError("the real OCR engine was built in a test not marked ocr")

    ocr.RapidEngine.__init__ = refuse


def pytest_sessionfinish(session, exitstatus):
    if ENGINE_BUILT.exists():
        names = sorted(set(ENGINE_BUILT.read_text(encoding="utf-8").split()))
        print("\nthese tests run the real OCR engine; mark them @pytest.mark.ocr:\n  " + "\n  ".join(names))
        session.exitstatus = 1


def run(*args: str):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with its bytes' hash and mode: proof that nothing changed."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def make_dossier(tmp_path: Path, files: dict[str, bytes], profile_of: Path = DEMO_OK) -> Path:
    """A dossier with the profile of ``profile_of`` and the given files (relative path → bytes)."""
    folder = tmp_path / "d"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(profile_of / "applicant.yaml", folder / "applicant.yaml")
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return folder


@contextmanager
def added_module(package: ModuleType, folder: Path, name: str, source: str) -> Iterator[Path]:
    """``package`` (a registry: checks, inspect.readers) with one more module, found the way every module of it is
    found: on the package's path. The check registry is reset on the way in and out (it resets the readers too)."""
    from dossiercheck import checks

    folder.mkdir()
    (folder / f"{name}.py").write_text(source, encoding="utf-8")
    package.__path__.append(str(folder))
    checks.reset()
    try:
        yield folder
    finally:
        package.__path__.remove(str(folder))
        sys.modules.pop(f"{package.__name__}.{name}", None)
        checks.reset()


def checklist_variant(tmp_path: Path, old: str, new: str) -> Path:
    """bz-news-2023 with one piece of its text replaced (which must be there), written to a temporary file."""
    text = (REPO / "schemas/checklists/bz-news-2023.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def copy_names(src: Path, dst: Path) -> Path:
    """The demo's folder layout with empty files: enough for the presence and profile checks."""
    for p in src.rglob("*"):
        target = dst / p.relative_to(src)
        if p.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif p.name == "applicant.yaml":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.touch()
    return dst
