"""Inspection: expensive per-file work that returns facts, never findings (filled in by the inspection issue)."""

from __future__ import annotations

from typing import Any


def inspect_dossier(ctx: Any, jobs: int | None = None, use_cache: bool = True, progress: Any = None) -> dict:
    return {}
