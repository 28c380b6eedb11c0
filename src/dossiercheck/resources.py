"""Where the packaged checklists and JSON Schemas are: inside the installed package, or at the repo's top in a
source checkout / editable install (the wheel copies ``schemas/`` into the package; see pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "schemas"
_SOURCE = Path(__file__).resolve().parents[2] / "schemas"


def schemas_dir() -> Path:
    return _PACKAGED if _PACKAGED.is_dir() else _SOURCE


def schema_path(name: str) -> Path:
    return schemas_dir() / name


def checklists_dir() -> Path:
    return schemas_dir() / "checklists"
