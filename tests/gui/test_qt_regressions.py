"""Regressions in PySide6 itself that would crash BackCare. See ../shared/notes/qt.md."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

CALLS = 1000


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    """PySide6 6.12.0 drops a reference to None on every void call (e.g. update()).

    On Python < 3.12 None is not immortal, so a 30 fps window aborted with "Fatal Python
    error: none_dealloc" after ~8 s. pyproject.toml excludes 6.12.0; this catches any other
    release with the same bug. On 3.12+ the count is fixed, so the check still holds.
    """
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.update()  # first call may build caches; measure the steady state
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        widget.update()
    leaked = before - sys.getrefcount(None)
    # A leaking build loses exactly CALLS references; allow a little noise from the GC.
    assert leaked < CALLS // 10, f"{leaked} references to None lost in {CALLS} update() calls"
