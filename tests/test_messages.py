"""The message catalogue (messages.py) and the layering it makes possible: every string in both languages, every key
used and every used key there, and no module below the reporters importing them."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import string
from collections import Counter
from pathlib import Path

import pytest

import dossiercheck
from dossiercheck.errors import UserError
from dossiercheck.i18n import Text
from dossiercheck.messages import CATALOGUE, Message, render

SRC = Path(dossiercheck.__file__).parent
MODULES = sorted(SRC.rglob("*.py"))
GROUPS = {key.split(".")[0] for key in CATALOGUE}
KEY = re.compile(rf"(?:{'|'.join(sorted(GROUPS))})\.[\w.;]+")


def _fields(template: str) -> Counter:
    return Counter(name for _, name, _, _ in string.Formatter().parse(template) if name is not None)


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_speaks_both_languages_with_the_same_parameters(key):
    entry = CATALOGUE[key]
    assert entry.zh.strip() and entry.en.strip(), key
    assert _fields(entry.zh) == _fields(entry.en), key


def _keys_in_source() -> tuple[set[str], set[str]]:
    """String constants that are catalogue keys, and the fixed starts of f-strings that build one (f"sort.why.{x}")."""
    literal: set[str] = set()
    prefixes: set[str] = set()
    for path in MODULES:
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstrings = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings \
                    and KEY.fullmatch(node.value) and not node.value.endswith((".json", ".yaml", ".py", ".html")):
                (prefixes if node.value.endswith(".") else literal).add(node.value)  # "app.js.": a prefix
            elif isinstance(node, ast.JoinedStr) and len(node.values) > 1 and isinstance(node.values[0], ast.Constant):
                start = str(node.values[0].value)
                if KEY.fullmatch(start + "x"):
                    prefixes.add(start)
    for path in sorted((SRC / "app").rglob("*.html")) + sorted((SRC / "app").rglob("*.js")):  # the page's words
        text = path.read_text(encoding="utf-8")
        literal.update(k for k in re.findall(r'["\']([\w.]+)["\']', text) if KEY.fullmatch(k) and not k.endswith("."))
        prefixes.update(re.findall(r'"((?:app)\.[\w.]+\.)" ~', text))
    return literal, prefixes


def test_every_key_in_the_source_is_in_the_catalogue_and_every_entry_is_used():
    literal, prefixes = _keys_in_source()
    assert not sorted(k for k in literal if k not in CATALOGUE), "keys used but not in the catalogue"
    assert not sorted(p for p in prefixes if not any(k.startswith(p) for k in CATALOGUE)), "prefixes matching no key"
    unused = sorted(k for k in CATALOGUE if k not in literal and not any(k.startswith(p) for p in prefixes))
    assert not unused, f"catalogue entries no code uses: {unused}"


def test_messages_render_their_parameters_in_the_same_language():
    inner = Message("profile.plausible.date", value="2021-02-30")
    outer = Message("error.schema", path="a.yaml", line=3, where="work_started", problem=inner)
    assert outer.render("zh") == "a.yaml 第 3 行，work_started：日期 2021-02-30 不存在，请核对年月日"
    assert outer.render("en") == "a.yaml line 3, work_started: date 2021-02-30 does not exist; check it"
    assert render([Text("甲", "A"), "b"], "zh") == "甲、b" and render([Text("甲", "A"), "b"], "en") == "A, b"
    assert UserError("error.bad_option", problem=Message("cli.bad_lang", value="fr")).render("en") == \
        "Invalid option: --lang fr (zh/en)"
    with pytest.raises(KeyError):
        Message("error.no_such_key")


def test_the_yaml_loaders_problems_read_in_english_too(tmp_path):
    from dossiercheck.profile import load_profile

    path = tmp_path / "applicant.yaml"
    path.write_text("level: 中级\ngender: 女士\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert "取值应为 男、女 之一，现在是 “女士”" in caught.value.render("zh")
    assert 'must be one of 男, 女, got "女士"' in caught.value.render("en")
    path.write_text("level: 中级\naid_to_xinjiang: 也许\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert "应填是/否，现在是“也许”" in caught.value.render("zh")
    assert 'expected yes/no, got "也许"' in caught.value.render("en")
    path.write_text("- 中级\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        load_profile(path)
    assert caught.value.render("zh").endswith("现在是列表。") and caught.value.render("en").endswith("got a list.")


# Modules below the checks and the reporters: what they import decides whether the layering holds.
LOWER = ("findings", "i18n", "messages", "errors", "yamlio", "profile", "checklist", "conditions", "facts", "geometry",
         "matching", "dossier", "cache", "classify",
         *sorted(f"inspect/{p.stem}" for p in (Path(dossiercheck.__file__).parent / "inspect").glob("*.py")))
UPPER = ("dossiercheck.checks", "dossiercheck.report", "dossiercheck.cli", "dossiercheck.engine")


def _imports(path: Path) -> set[str]:
    """Every dossiercheck module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.startswith("dossiercheck")}


def test_every_module_imports():
    for info in pkgutil.walk_packages(dossiercheck.__path__, "dossiercheck."):
        if info.name != "dossiercheck.__main__":  # that one runs the command
            importlib.import_module(info.name)


@pytest.mark.parametrize("name", LOWER)
def test_lower_modules_import_nothing_above_them(name):
    upward = sorted(m for m in _imports(SRC / f"{name}.py") if m.startswith(UPPER))
    assert not upward, f"{name} imports {upward}"


def test_only_the_reporters_and_the_cli_import_the_reporters():
    for path in MODULES:
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(("report/", "app/")) or rel in ("cli.py", "__main__.py"):  # app/: the page, a face like the CLI
            continue
        assert not [m for m in _imports(path) if m.startswith(("dossiercheck.report", "dossiercheck.cli"))], rel


def test_no_module_reaches_for_another_modules_private_name():
    """A leading underscore is a module's own business: another module neither imports such a name nor reaches it
    through the module (``archive._safe_parts``). ``checks/_slots.py`` is the one private module, named so the
    check registry passes it by; its own package uses it."""
    found = []
    for path in MODULES:
        rel = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ours: set[str] = set()  # names bound to a module of the package
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dossiercheck"):
                for alias in node.names:
                    bound = alias.asname or alias.name
                    ours.add(bound)
                    if alias.name.startswith("_") and not alias.name.startswith("__") \
                            and not (alias.name == "_slots" and rel.startswith("checks/")):
                        found.append((rel, node.module, alias.name))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in ours \
                    and node.attr.startswith("_") and not node.attr.startswith("__"):
                found.append((rel, node.value.id, node.attr))
    assert not found, found
