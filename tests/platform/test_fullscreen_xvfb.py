"""Fullscreen detection against a real window manager (openbox) on a virtual X server."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

SCRIPT = r"""
import os, subprocess, time
from PySide6.QtWidgets import QApplication, QWidget
from backcare_desktop.platform.fullscreen import choose_fullscreen_check

app = QApplication([])
busy, how = choose_fullscreen_check("linux", {"DISPLAY": os.environ["DISPLAY"]})
film = QWidget()
film.setWindowTitle("a film")
film.resize(300, 200)
film.show()
film.activateWindow()

def settle(condition):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        app.processEvents()
        if condition():
            return True
        time.sleep(0.05)
    return False

print(how, flush=True)
print("windowed", settle(film.isActiveWindow), busy(), flush=True)
film.showFullScreen()
print("fullscreen", settle(busy), flush=True)
film.showNormal()
settle(lambda: not busy())
print("back", busy(), flush=True)
"""

RUNNER = 'openbox & sleep 1; "$@"; status=$?; kill %1; exit $status'


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None or shutil.which("openbox") is None,
    reason="needs xvfb-run (Debian xvfb) and a window manager (Debian openbox)",
)
def test_a_fullscreen_window_in_front_is_seen_and_a_normal_one_is_not():
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        ["xvfb-run", "-a", "sh", "-c", RUNNER, "sh", sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
        check=False,
    )
    lines = result.stdout.splitlines()
    assert "X11 window manager (EWMH)" in lines, result.stdout + result.stderr[-2000:]
    assert "windowed True False" in lines  # active, in front, not fullscreen
    assert "fullscreen True" in lines
    assert "back False" in lines
