"""The core (and the CLI's non-window commands) must load no Qt."""

from __future__ import annotations

import subprocess
import sys


def loaded_modules(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, timeout=60)
    return set(result.stdout.split())


def test_importing_the_core_loads_no_pyside6():
    modules = loaded_modules(
        "import backcare_desktop.core.library, backcare_desktop.core.engine, "
        "backcare_desktop.core.timeline, backcare_desktop.core.clock")
    assert "backcare_desktop.core.engine" in modules  # the probe did import something
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}


def test_cli_list_loads_no_pyside6():
    modules = loaded_modules(
        "import io, backcare_desktop.cli as c; c.main(['list'], out=io.StringIO())")
    assert not {m for m in modules if m.startswith("PySide6")}
