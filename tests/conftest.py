"""Shared test helpers. Every test runs with its own private cache directory, never the user's."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossiercheck.cli import app

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
DEMO_OK = EXAMPLES / "demo-ok"
DEMO_FLAWED = EXAMPLES / "demo-flawed"
FIXTURES = Path(__file__).parent / "fixtures"
TODAY = "2023-09-10"


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("DOSSIERCHECK_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args: str):
    """Run the CLI in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under root with its bytes' hash and mode: proof that nothing changed."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() + oct(p.stat().st_mode)
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


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
