"""Notifications with buttons through a real notification server (dunst) on a private bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from backcare_desktop.platform.notify import Notice, notify_argv

SCRIPT = r"""
import subprocess, sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection
from backcare_desktop.platform.notify import DesktopNotifier, Notice

app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
ok, why = DesktopNotifier.available(bus)
print("available", ok, why, flush=True)
notifier = DesktopNotifier(bus)
notifier.action_invoked.connect(lambda key: (print("action", key, flush=True), app.quit()))
notifier.show(Notice("Time for a back break", "Desk break, about 4 min.",
                     (("start", "Start"), ("snooze", "Snooze 10 min"), ("skip", "Skip"))))

def press():
    if not notifier.notification_id:
        QTimer.singleShot(100, press)
        return
    print("shown", notifier.notification_id, flush=True)
    # What the server sends when the person presses Snooze, and a stranger's signal first.
    for nid, key in ((notifier.notification_id + 100, "start"), (notifier.notification_id, "snooze")):
        subprocess.run(["gdbus", "emit", "--session", "--object-path",
                        "/org/freedesktop/Notifications", "--signal",
                        "org.freedesktop.Notifications.ActionInvoked", f"uint32 {nid}", repr(key)],
                       check=True)

QTimer.singleShot(100, press)
QTimer.singleShot(15000, lambda: (print("timeout"), app.quit()))
app.exec()
"""

RUNNER = 'dunst >/dev/null 2>&1 & sleep 1; "$@"; status=$?; kill %1; exit $status'


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    any(shutil.which(t) is None for t in ("dbus-run-session", "dunst", "gdbus", "xvfb-run")),
    reason="needs dbus-run-session (dbus), dunst, gdbus (libglib2.0-bin) and xvfb-run",
)
def test_a_button_pressed_in_the_bubble_comes_back_as_its_key():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    result = subprocess.run(
        ["dbus-run-session", "--", "xvfb-run", "-a", "sh", "-c", RUNNER, "sh"]
        + [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "available True freedesktop notifications" in lines, result.stdout + result.stderr
    assert any(line.startswith("shown ") for line in lines)
    # The stranger's "start" (another program's bubble) is ignored.
    assert [line for line in lines if line.startswith("action")] == ["action snooze"]


def test_the_notify_call_quotes_every_string():
    argv = notify_argv(Notice("It's time", "a\\b", (("start", "Start"), ("skip", "Skip"))), 7, "x")
    assert argv[:2] == ["gdbus", "call"]
    assert "'It\\'s time'" in argv
    assert "'a\\\\b'" in argv
    assert "uint32 7" in argv
    assert "['default', 'Start', 'start', 'Start', 'skip', 'Skip']" in argv
