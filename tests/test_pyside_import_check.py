"""The cheaper answer to shiboken's "does this module mention PySide6?" (issue 18)."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shibokensupport.feature as feature  # the test session has PySide6 loaded

from backcare_desktop import pyside_import_check


def shibokens_check() -> Callable[[types.ModuleType], bool]:
    installed = feature._mod_uses_pyside
    return getattr(installed, "__wrapped__", installed)


def module_from(path: Path, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = str(path)
    return module


@pytest.fixture
def sources(tmp_path: Path) -> Iterator[dict[str, types.ModuleType]]:
    (tmp_path / "plain.py").write_text("import json\n", encoding="utf-8")
    (tmp_path / "qt.py").write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    (tmp_path / "comment.py").write_text("# runs without PySide6 too\nx = 1\n", "utf-8")
    latin = "# -*- coding: latin-1 -*-\nname = 'é'  # PySide6\n"
    (tmp_path / "accents.py").write_text(latin, encoding="latin-1")
    (tmp_path / "bytecode.pyc").write_bytes(b"PySide6 not a source")
    yield {
        "plain": module_from(tmp_path / "plain.py", "plain"),
        "qt": module_from(tmp_path / "qt.py", "qt"),
        "comment": module_from(tmp_path / "comment.py", "comment"),
        "accents": module_from(tmp_path / "accents.py", "accents"),
        "missing file": module_from(tmp_path / "gone.py", "gone"),
        "bytecode only": module_from(tmp_path / "bytecode.pyc", "bytecode"),
        "no file": types.ModuleType("nofile"),
        "builtin": sys,
        "extension": importlib.import_module("_sqlite3"),
        "stdlib": importlib.import_module("json"),
        "ours, with Qt": importlib.import_module("backcare_desktop.ui.theme"),
        "ours, without Qt": importlib.import_module("backcare_desktop.core.clock"),
    }


def test_it_answers_as_shibokens_own_check_for_every_kind_of_module(sources):
    original = shibokens_check()
    quick = pyside_import_check.quick_check(original)
    answers = {name: quick(module) for name, module in sources.items()}
    assert answers == {name: original(module) for name, module in sources.items()}
    # Not all one answer: both sides of the question are in the table.
    assert answers["qt"] is True
    assert answers["comment"] is True
    assert answers["plain"] is False


def test_a_plain_source_file_is_answered_without_shibokens_check(sources):
    asked: list[types.ModuleType] = []

    def original(module: types.ModuleType) -> bool:
        asked.append(module)
        return False

    quick = pyside_import_check.quick_check(original)
    assert quick(sources["qt"]) is True
    assert quick(sources["no file"]) is False
    assert asked == [sources["no file"]]


def test_the_package_puts_it_in_shibokens_place_once():
    installed = feature._mod_uses_pyside
    assert installed.__module__ == "backcare_desktop.pyside_import_check"
    assert pyside_import_check.install() is True
    assert feature._mod_uses_pyside is installed  # not wrapped a second time


def test_without_shibokens_check_nothing_is_replaced(monkeypatch):
    monkeypatch.delitem(sys.modules, "shibokensupport.feature")
    assert pyside_import_check.install() is False
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", types.ModuleType("f"))
    assert pyside_import_check.install() is False


def test_shiboken_files_a_module_imported_later_by_the_quick_answer(tmp_path, monkeypatch):
    (tmp_path / "later_with_qt.py").write_text("# PySide6\n", encoding="utf-8")
    (tmp_path / "later_without.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    asked: list[str] = []
    quick = feature._mod_uses_pyside

    def watched(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return bool(quick(module))

    watched.__module__ = quick.__module__
    monkeypatch.setattr(feature, "_mod_uses_pyside", watched)
    import later_with_qt  # noqa: F401
    import later_without  # noqa: F401

    assert asked == ["later_with_qt", "later_without"]
    assert feature.pyside_feature_dict["later_with_qt"] == 0
    assert feature.pyside_feature_dict["later_without"] == -1
    for name in ("later_with_qt", "later_without"):
        monkeypatch.delitem(sys.modules, name)
        monkeypatch.delitem(feature.pyside_feature_dict, name)


def test_the_windows_start_has_it_before_its_first_qt_module_and_keeps_no_source_text():
    # A fresh interpreter, as `backcare` starts (nothing of PySide6 loaded before the ui),
    # then the pages built later. shiboken's own check leaves each module's source text in
    # linecache (5 MB of heap at start-up if it ran for every module); what it read before
    # ours was in place (enum, types, PySide6's own files) is dropped when ours goes in.
    script = (
        "import linecache, json\n"
        "import backcare_desktop.ui.app, backcare_desktop.ui.player, backcare_desktop.ui.progress\n"
        "import shibokensupport.feature as f\n"
        "print(json.dumps([f._mod_uses_pyside.__module__, sorted(linecache.cache)]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    check, kept = json.loads(result.stdout)
    assert check == "backcare_desktop.pyside_import_check"
    assert kept == []
