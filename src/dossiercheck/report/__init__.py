"""Reporters: a Result in, text out. The table below also supplies the CLI's ``--format`` choices; each reporter
is imported only when chosen, so a plain check does not pay for the HTML report's imports."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TextIO

REPORTERS: dict[str, str] = {
    "rich": "dossiercheck.report.terminal",
    "json": "dossiercheck.report.json_report",
    "html": "dossiercheck.report.html",
}


def format_for(output: Path | None) -> str:
    """The format an output file's extension asks for (报告.html → html); the terminal text otherwise."""
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return {"htm": "html", "html": "html", "json": "json"}.get(suffix, "rich")


def render(fmt: str, result, lang: str, out: TextIO) -> None:
    import_module(REPORTERS[fmt]).render(result, lang, out)
