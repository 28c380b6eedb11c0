"""The facts cache: inspection results keyed by file content hash + inspector version (+ what was asked).

It lives in the user's cache directory (``DOSSIERCHECK_CACHE_DIR`` overrides), created private to the user (0700,
files 0600) because OCR text of a dossier is personal data. ``--no-cache`` bypasses it; ``dossiercheck cache clear``
removes it. A damaged entry is treated as a miss, never as an error.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import platformdirs


def cache_dir() -> Path:
    override = os.environ.get("DOSSIERCHECK_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir("dossiercheck", appauthor=False))


class FactsCache:
    def __init__(self, enabled: bool = True, root: Path | None = None) -> None:
        self.enabled = enabled
        self.root = (root or cache_dir()) / "facts"

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            return json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, facts: dict[str, Any]) -> None:
        if not self.enabled:
            return
        path = self._path(key)
        try:
            if not self.root.parent.is_dir():
                self.root.parent.mkdir(mode=0o700, parents=True)
                os.chmod(self.root.parent, 0o700)  # mkdir's mode is filtered by the umask
            for d in (self.root, path.parent):
                d.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")  # mkstemp creates it 0600
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(facts, fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time

    def stats(self) -> tuple[int, int]:
        files = list(self.root.rglob("*.json")) if self.root.is_dir() else []
        return len(files), sum(f.stat().st_size for f in files)

    def clear(self) -> int:
        count = self.stats()[0]
        shutil.rmtree(self.root.parent, ignore_errors=True)
        return count
