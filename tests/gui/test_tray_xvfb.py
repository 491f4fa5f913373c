"""The tray on a real X server with a system tray (trayer): close keeps running, Quit quits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = r"""
import sys
from datetime import datetime
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget
from backcare_desktop.core.clock import MonotonicClock
from backcare_desktop.core.reminders import Reminders
from backcare_desktop.core.scheduler import Scheduler
from backcare_desktop.platform.icons import app_icon
from backcare_desktop.ui.companion import Companion


class Host:
    def show_and_raise(self): window.show()
    def start_routine(self, routine_id): print("start", routine_id, flush=True)
    def routines(self): return [("desk-break", "Desk break (standing)")]
    def routine_summary(self, routine_id): return routine_id
    def in_session(self): return False


app = QApplication([])
print("tray available", QSystemTrayIcon.isSystemTrayAvailable(), flush=True)
window = QWidget()
window.resize(400, 300)
scheduler = Scheduler(Reminders(), MonotonicClock(), datetime.now)
companion = Companion(Host(), window, scheduler, app_icon(), notifier=None, tray_available=True)
window.show()


def close_window():
    window.close()
    print("closed; tray visible", companion.tray.icon.isVisible(), flush=True)
    print("menu", [a.text() for a in companion.tray.menu.actions() if a.text()], flush=True)
    QTimer.singleShot(300, quit_from_menu)


def quit_from_menu():
    print("alive after close", flush=True)
    next(a for a in companion.tray.menu.actions() if a.text() == "Quit BackCare").trigger()


QTimer.singleShot(1000, close_window)
QTimer.singleShot(15000, lambda: (print("still running"), app.exit(3)))
sys.exit(app.exec())
"""

RUNNER = (
    "trayer --edge top --align right --widthtype pixel --width 120 --height 32 & "
    'sleep 1; "$@"; status=$?; kill %1; exit $status'
)


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("trayer") is None,
    reason="needs xvfb-run (Debian xvfb) and trayer (an X11 system tray)",
)
def test_closing_the_window_keeps_the_tray_and_quit_ends_the_app(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", RUNNER, "sh", sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "tray available True" in lines, result.stdout + result.stderr[-2000:]
    assert "closed; tray visible True" in lines
    menu = next(line for line in lines if line.startswith("menu "))
    for entry in ("Start a routine", "Pause reminders", "Open BackCare", "Quit BackCare"):
        assert entry in menu
    assert "Next break: in 50 min" in menu
    assert "alive after close" in lines
    assert "still running" not in lines
    assert result.returncode == 0
