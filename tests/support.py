"""Helpers shared by test folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from backcare_desktop.core.model import Exercise, Routine, RoutineItem
from backcare_desktop.core.timeline import Timeline, compile_routine

QT_PREFIXES = ("PySide6", "shiboken6")


def modules_loaded_by(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stdout.split())


def window_report(
    script: str, args: Sequence[str], prefix: str, env: Mapping[str, str] | None = None
) -> Any:
    """Run `script` (BackCare's window started through `cli.main`, watched by the script) in
    a fresh interpreter on Qt's offscreen platform: the JSON it printed after `prefix`."""
    result = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        env={**(os.environ if env is None else env), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith(prefix + " "))
    return json.loads(line.removeprefix(prefix + " "))


def qt_modules(modules: set[str]) -> set[str]:
    return {m for m in modules if m.startswith(QT_PREFIXES)}


def timeline_of(*exercises: Exercise) -> Timeline:
    """A routine of `exercises`, in order, at their files' doses, compiled."""
    by_id = {e.id: e for e in exercises}
    routine = Routine("t", "T", "For tests.", 1, tuple(RoutineItem(e.id) for e in exercises))
    return compile_routine(routine, by_id)
