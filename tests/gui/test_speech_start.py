"""The speech worker (a child process of ~20 MB) runs only with the voice on, and starts
after the window's first paint (issue 18): the real app, started as `backcare` would be."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Reports the app's child processes at its first paint and again once one appears (or
# after a generous bound), then quits.
SCRIPT = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

def children():
    found = []
    for f in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
        found += f.read_text().split()
    return found

report = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "at_paint" not in report:
            report["at_paint"] = children()
        return False

real_exec = QApplication.exec
probe = FirstPaint()

def exec_and_watch(self=None):
    app = QApplication.instance()
    app.installEventFilter(probe)
    looks = []
    def look():
        looks.append(1)
        seen = children()
        if "at_paint" in report and (seen or len(looks) > 100):
            report["later"] = seen
            print("REPORT " + json.dumps(report))
            app.quit()
        else:
            QTimer.singleShot(20, look)
    QTimer.singleShot(0, look)
    return real_exec()

QApplication.exec = exec_and_watch
from backcare_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def run_app(tmp_path: Path, voice_enabled: bool, *args: str) -> dict[str, list[str]]:
    data = tmp_path / "data"
    data.mkdir()
    settings = {"health_note_acknowledged": True, "profile_asked": True}
    (data / "settings.json").write_text(json.dumps({**settings, "voice_enabled": voice_enabled}))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    line = next(x for x in result.stdout.splitlines() if x.startswith("REPORT "))
    report: dict[str, list[str]] = json.loads(line.removeprefix("REPORT "))
    return report


pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads child processes from /proc"
)


@pytest.mark.parametrize(
    ("voice_enabled", "args"),
    [(True, ("--no-voice",)), (False, ())],
    ids=["--no-voice", "voice off in Settings"],
)
def test_with_the_voice_off_no_worker_is_started(tmp_path: Path, voice_enabled, args):
    report = run_app(tmp_path, voice_enabled, *args)
    assert report == {"at_paint": [], "later": []}


def test_with_the_voice_on_the_worker_starts_after_the_first_paint(tmp_path: Path):
    report = run_app(tmp_path, True)
    assert report["at_paint"] == []
    assert len(report["later"]) == 1
