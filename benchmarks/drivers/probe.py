"""The probe every benchmarked window carries, the app and each floor alike.

The parent compares the app with bare windows, so whatever the measuring adds must be
the same on both sides, and as little as can be: one event filter on the window (or the
page) that reports its first paint and is removed as soon as that paint pass is over (see
FirstPaint), and one notifier on stdin for the parent's commands (it wakes the process
only when the parent writes, so it costs no CPU while an idle or paused window is
measured). Nothing else runs in a floor.

Lines for the parent start with `BENCH ` and hold one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QWidget


def emit(event: str, **fields: Any) -> None:
    sys.stdout.write("BENCH " + json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def peak_rss_mb(pid: int | None) -> float | None:
    """VmHWM of a process (e.g. the speech worker, read before it is shut down)."""
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class FirstPaint(QObject):
    """Calls `done(t)` (monotonic seconds) once the first paint pass of `target` (a window,
    or a page shown in one) is over, then removes itself.

    It filters the target alone. A filter on the application would hand every event of
    every object to Python, and PySide6 builds the Python type (and enums) of each Qt class
    it is handed: 249 types and +4.9 MB in the empty window, +3.2 MB in the app at their
    first paint, kept after the filter is gone; ~175 types (QStyle among them) the app
    would otherwise build during a later click on Progress. Neither a person's app nor a
    bare PySide6 window pays that.
    """

    def __init__(self, target: QWidget, done: Callable[[float], None]) -> None:
        super().__init__()
        self._target = target
        self._done = done
        self._seen = False
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._seen
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and (watched is self._target or self._target.isAncestorOf(watched))
        ):
            self._seen = True
            # A zero timer runs after the event that paints (and flushes) the window.
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        self._target.removeEventFilter(self)
        self._done(time.monotonic())


class Commands:
    """The parent's commands, one a line on stdin; `on_line("quit")` when stdin closes."""

    def __init__(self, on_line: Callable[[str], None]) -> None:
        self._on_line = on_line
        self._buffer = b""
        self._notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._read)

    def _read(self) -> None:
        data = os.read(sys.stdin.fileno(), 4096)
        if not data:
            self._notifier.setEnabled(False)
            self._on_line("quit")
            return
        self._buffer += data
        while b"\n" in self._buffer:
            line, self._buffer = self._buffer.split(b"\n", 1)
            self._on_line(line.decode().strip())


def report_first_paint(window: QWidget, then: Callable[[], None]) -> FirstPaint:
    """The start-up probe: `painted` goes to the parent, then `then` runs."""

    def painted(t: float) -> None:
        # CPU seconds of this process so far (all threads): unlike the wall clock, barely
        # moved by other processes' load on the machine.
        cpu = time.process_time()
        emit("painted", t=t, cpu=cpu, clock_offset=time.time() - time.monotonic())
        then()

    return FirstPaint(window, painted)
