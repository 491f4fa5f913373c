"""The core (and the CLI's non-window commands) must load no Qt."""

from __future__ import annotations

from tests.support import modules_loaded_by, qt_modules


def test_importing_the_core_loads_no_pyside6():
    modules = modules_loaded_by(
        "import backcare_desktop.core.library, backcare_desktop.core.engine, "
        "backcare_desktop.core.timeline, backcare_desktop.core.clock, "
        "backcare_desktop.core.progression, backcare_desktop.core.scheduler"
    )
    assert "backcare_desktop.core.engine" in modules  # the probe did import something
    assert qt_modules(modules) == set()


def test_cli_list_loads_no_pyside6():
    modules = modules_loaded_by(
        "import io, backcare_desktop.cli as c; c.main(['list'], out=io.StringIO())"
    )
    assert "backcare_desktop.cli" in modules
    assert qt_modules(modules) == set()
