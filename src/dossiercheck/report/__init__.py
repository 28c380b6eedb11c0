"""Reporters: a Result in, text out. The table below also supplies the CLI's ``--format`` choices."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from dossiercheck.engine import Result
from dossiercheck.report import html, json_report, terminal

Reporter = Callable[[Result, str, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "rich": terminal.render,
    "json": json_report.render,
    "html": html.render,
}
