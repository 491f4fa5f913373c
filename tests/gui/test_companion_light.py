"""What the break companion does not build or load until it is needed (issue 18: memory)."""

from __future__ import annotations

import json
import os
import sys
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from backcare_desktop.core.reminders import FixedTime, Reminders
from backcare_desktop.core.scheduler import Scheduler
from backcare_desktop.ui.companion import Companion
from backcare_desktop.ui.reminder_window import ReminderWindow
from tests.gui.test_companion import MONDAY_9, Clock, Host
from tests.support import window_report

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


def reminder_windows() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ReminderWindow)]


def test_the_reminder_window_is_built_for_the_first_reminder(qtbot):
    clock = Clock()
    scheduler = Scheduler(Reminders(schedules=(FixedTime(time(9, 30)),)), clock, clock.local_now)
    window = QWidget()
    qtbot.addWidget(window)
    before = len(reminder_windows())
    companion = Companion(
        Host(), window, scheduler, QIcon(), notifier=None, tray_available=False, now=clock.local_now
    )
    assert len(reminder_windows()) == before  # nothing due yet: not built
    assert clock.wall == MONDAY_9
    clock.advance(30 * 60)
    companion.wake()
    shown = [w for w in reminder_windows() if w.isVisible()]
    assert len(shown) == 1
    qtbot.addWidget(shown[0])
    companion.answer("skip")
    assert not shown[0].isVisible()


# The real app, as `backcare` starts it, on a desktop with no D-Bus session bus: once the
# companion runs (it adds the window's Quit action), which of these it has loaded.
SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

HEAVY = sys.argv.pop(1).split(",")
real_exec = QApplication.exec

def exec_and_look(self=None):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    looks = []
    def look():
        looks.append(1)
        if any(a.text() == "Quit BackCare" for a in window.actions()) or len(looks) > 500:
            print("LOADED " + json.dumps([m for m in HEAVY if m in sys.modules]))
            app.quit()
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)
    return real_exec()

QApplication.exec = exec_and_look
from backcare_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Each with what it would cost for nothing (measured, issue 18 notes).
HEAVY = [
    "PySide6.QtNetwork",  # 2.7 MB: the instance socket is Python's own
    "PySide6.QtDBus",  # with libdbus below, ~0.7 MB, and no bus to talk to
    "backcare_desktop.platform.notify",
    "backcare_desktop.platform.libdbus",
    "backcare_desktop.ui.reminder_window",  # built for the first reminder
    "subprocess",  # only to chime or to start the speech worker
    "ctypes.util",  # ldconfig, when the usual sonames load
    "getpass",  # its termios, for the user's name
    "backcare_desktop.speech.worker",
]


def loaded_by_the_app(tmp_path: Path, env_extra: dict[str, str]) -> list[str]:
    data = tmp_path / "data"
    data.mkdir()
    settings = {"health_note_acknowledged": True, "profile_asked": True}
    (data / "settings.json").write_text(json.dumps(settings))
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DBUS_SESSION_BUS_ADDRESS",)}
    env |= {"XDG_RUNTIME_DIR": str(runtime), **env_extra}
    args = [",".join(HEAVY), "--data-dir", str(data), "--no-voice"]
    loaded: list[str] = window_report(SCRIPT, args, "LOADED", env)
    return loaded


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Unix sockets, D-Bus")
def test_with_no_session_bus_the_companion_loads_nothing_it_cannot_use(tmp_path: Path):
    assert loaded_by_the_app(tmp_path, {}) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Unix sockets, D-Bus")
def test_with_a_bus_address_the_notifications_are_asked_for_as_before(tmp_path: Path):
    # A dead address: QtDBus is asked (and finds no bus), as on a desktop whose bus died.
    loaded = loaded_by_the_app(tmp_path, {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere"})
    assert loaded == [
        "PySide6.QtDBus",
        "backcare_desktop.platform.notify",
        "backcare_desktop.platform.libdbus",
    ]
