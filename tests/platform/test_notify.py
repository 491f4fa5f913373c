"""Notifications with buttons through a real notification server (dunst) on a private bus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from backcare_desktop.platform.notify import Notice, action_list

SCRIPT = r"""
import subprocess, sys
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusConnection
from backcare_desktop.platform.notify import DesktopNotifier, Notice

app = QCoreApplication([])
bus = QDBusConnection.sessionBus()
ok, why = DesktopNotifier.available(bus)
print("available", ok, why, flush=True)
notifier = DesktopNotifier()
notifier.action_invoked.connect(lambda key: (print("action", key, flush=True), app.quit()))
notifier.show(Notice("Time for a back break", "Desk break, about 4 min.",
                     (("start", "Start"), ("snooze", "Snooze 10 min"), ("skip", "Skip"))))

def press():
    if not notifier.notification_id:
        QTimer.singleShot(100, press)
        return
    print("shown", notifier.notification_id, flush=True)
    # Another program's bubble answered (a broadcast signal): not ours, ignored.
    subprocess.run(["gdbus", "emit", "--session", "--object-path",
                    "/org/freedesktop/Notifications", "--signal",
                    "org.freedesktop.Notifications.ActionInvoked",
                    f"uint32 {notifier.notification_id + 100}", "'skip'"], check=True)
    # The person clicks our bubble: dunst sends "default" to the connection that asked.
    subprocess.run(["dunstctl", "action", "0"], check=True)

QTimer.singleShot(100, press)
QTimer.singleShot(15000, lambda: (print("timeout"), app.quit()))
app.exec()
"""

RUNNER = 'dunst >/dev/null 2>&1 & sleep 1; "$@"; status=$?; kill %1; exit $status'


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    any(
        shutil.which(t) is None
        for t in ("dbus-run-session", "dunst", "dunstctl", "gdbus", "xvfb-run")
    ),
    reason="needs dbus-run-session (dbus), dunst, gdbus (libglib2.0-bin) and xvfb-run",
)
def test_a_button_pressed_in_the_bubble_comes_back_as_its_key():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "xvfb-run",
            "-a",
            "sh",
            "-c",
            RUNNER,
            "sh",
            sys.executable,
            "-c",
            SCRIPT,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "available True freedesktop notifications" in lines, result.stdout + result.stderr
    assert any(line.startswith("shown ") for line in lines)
    # The click on the bubble is its first button; the stranger's "skip" was ignored.
    assert [line for line in lines if line.startswith("action")] == ["action start"]


def test_the_first_button_is_also_the_click_on_the_bubble():
    notice = Notice("t", "b", (("start", "Start"), ("skip", "Skip")))
    assert action_list(notice) == ["default", "Start", "start", "Start", "skip", "Skip"]


GONE = r"""
import os, signal, subprocess
out = subprocess.run(["dbus-daemon", "--session", "--fork", "--print-address=1",
                      "--print-pid=1"], capture_output=True, text=True, check=True).stdout.split()
os.environ["DBUS_SESSION_BUS_ADDRESS"], pid = out[0], int(out[1])
from PySide6.QtCore import QCoreApplication, QTimer
from backcare_desktop.platform.notify import DesktopNotifier
app = QCoreApplication([])
notifier = DesktopNotifier()
calls = []
real = notifier.bus.dispatch
notifier.bus.dispatch = lambda: (calls.append(1), real())[1]
print("watching", notifier._watch.isEnabled(), flush=True)
os.kill(pid, signal.SIGTERM)
QTimer.singleShot(1500, app.quit)
app.exec()
print("after", notifier._watch.isEnabled(), len(calls), flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon (dbus)")
def test_a_bus_that_goes_away_stops_the_watch_instead_of_spinning():
    result = subprocess.run(
        [sys.executable, "-c", GONE], capture_output=True, text=True, timeout=60, check=False
    )
    lines = result.stdout.splitlines()
    assert "watching True" in lines, result.stdout + result.stderr[-2000:]
    state, calls = lines[-1].split()[1:]
    assert state == "False"
    assert int(calls) <= 3  # woken once or twice by the hang-up, then no more
