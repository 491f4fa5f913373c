"""Idle time from the platform: the X11 backend on a real (virtual) X server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from backcare_desktop.core.scheduler import NoIdle
from backcare_desktop.platform.idle import X11Idle, choose_idle_source
from backcare_desktop.platform.x11 import X11Display

SCRIPT = """
import os, subprocess, time
from backcare_desktop.platform.idle import X11Idle, choose_idle_source
from backcare_desktop.platform.x11 import X11Display
display = X11Display(os.environ)
idle = X11Idle(display)
time.sleep(1.0)
before = idle.idle_seconds()
subprocess.run(["xdotool", "mousemove", "40", "40"], check=True)
after = idle.idle_seconds()
source, name = choose_idle_source("linux", {"DISPLAY": os.environ["DISPLAY"]})
print(before, after, name, display.active_window_is_fullscreen())
"""


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("xdotool") is None,
    reason="needs xvfb-run (Debian xvfb) and xdotool",
)
def test_x11_idle_time_grows_and_input_resets_it():
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, after, *name, fullscreen = result.stdout.split()
    assert float(before) >= 0.9
    assert float(after) < float(before)
    assert " ".join(name) == "X11 MIT-SCREEN-SAVER"
    assert fullscreen == "False"  # no window manager: nothing to ask


def test_without_a_display_there_is_no_idle_time_and_it_says_why():
    display = X11Display({})
    assert display.ok is False
    assert display.problem == "no $DISPLAY"
    assert X11Idle(display).idle_seconds() is None
    source, name = choose_idle_source("linux", {"WAYLAND_DISPLAY": "wayland-0"})
    assert isinstance(source, NoIdle)
    assert name.startswith("none")


def test_a_display_that_cannot_be_opened_is_reported():
    display = X11Display({"DISPLAY": ":9999"})
    assert display.ok is False
    assert "cannot open display :9999" in display.problem
