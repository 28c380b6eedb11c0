"""The suite itself: it never touches the user's cache, and the ocr mark is what keeps the rule tests fast."""

from __future__ import annotations

import pytest

from conftest import PRIVATE


@pytest.fixture(scope="module")
def cache_seen_by_a_module_fixture():
    from dossiercheck.cache import cache_dir

    return cache_dir()


def test_module_fixtures_already_use_the_private_cache(cache_seen_by_a_module_fixture):
    assert PRIVATE in cache_seen_by_a_module_fixture.parents


def test_without_the_override_the_cache_follows_the_platform_directory(monkeypatch, tmp_path):
    from dossiercheck.cache import cache_dir

    monkeypatch.delenv("DOSSIERCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "dossiercheck"
