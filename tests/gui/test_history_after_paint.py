"""The history is opened after the first paint when nothing the home window shows reads it
(issue 18): a person without a back profile sees nothing of it there. The window opens it
the first time anything reads it, and plans with it from then on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backcare_desktop.storage.history import HistoryStore
from tests.gui.conftest import make_harness
from tests.support import window_report

# At the home window's first paint (a filter on the window alone) and once the work that
# waits for it has run: whether the history's module is loaded and its file opened.
SCRIPT = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

HISTORY = "backcare_desktop.storage.history"
report = {}

def opened():
    mine = Path(sys.argv[2]) / "history.sqlite3"
    return any(
        os.path.realpath(f"/proc/self/fd/{fd}") == str(mine) for fd in os.listdir("/proc/self/fd")
    )

def look(key):
    report[key] = {"module": HISTORY in sys.modules, "open": opened()}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in report:
            look("paint")
            QTimer.singleShot(0, lambda: QTimer.singleShot(50, later))
        return False

def later():
    look("later")
    print("REPORT " + json.dumps(report))
    QApplication.instance().quit()

real_exec = QApplication.exec
probes = []

def exec_and_watch(self=None):
    window = next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow"
    )
    probes.append(FirstPaint())
    window.installEventFilter(probes[0])
    return real_exec()

QApplication.exec = exec_and_watch
from backcare_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start(tmp_path: Path, **settings: Any) -> dict[str, Any]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    chosen = {"health_note_acknowledged": True, "profile_asked": True, **settings}
    (data / "settings.json").write_text(json.dumps(chosen))
    report: dict[str, Any] = window_report(
        SCRIPT, ["--data-dir", str(data.resolve()), "--no-voice"], "REPORT"
    )
    return report


def test_without_a_back_profile_the_history_is_opened_after_the_first_paint(tmp_path: Path):
    report = start(tmp_path)
    assert report["paint"] == {"module": False, "open": False}
    assert report["later"] == {"module": True, "open": True}


def test_with_a_back_profile_the_cards_read_the_history_before_the_paint(tmp_path: Path):
    report = start(tmp_path, profile_body=["knee-problems"])
    assert report["paint"] == {"module": True, "open": True}


def test_a_damaged_history_is_still_said_once_the_window_has_painted(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(
        json.dumps({"health_note_acknowledged": True, "profile_asked": True})
    )
    (data / "history.sqlite3").write_bytes(b"SQLite format 3\0" + b"\x07" * 4096)
    script = SCRIPT.replace(
        'print("REPORT " + json.dumps(report))',
        'report["boxes"] = sorted(w.windowTitle() for w in QApplication.topLevelWidgets()'
        ' if w.isVisible() and w.objectName() == "problemBox")\n'
        '    print("REPORT " + json.dumps(report))',
    )
    report = window_report(script, ["--data-dir", str(data.resolve()), "--no-voice"], "REPORT")
    assert report["boxes"] == ["About your history"]
    assert list(data.glob("history.corrupt-*"))


def opener_of(store: HistoryStore, calls: list[int]):
    def open_history() -> HistoryStore:
        calls.append(1)
        return store

    return open_history


def test_the_window_opens_the_history_when_a_session_first_needs_it(
    qtbot, presets, settings_store, fake_clock, history
):
    calls: list[int] = []
    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, open_history=opener_of(history, calls)
    )
    window = harness.window
    assert calls == []  # the home window without a back profile
    window.start_routine("desk-break")
    assert calls == [1]
    assert window.history is history
    assert window.recorder is not None  # the session is recorded
    window.show_home()
    assert history.session_count() == 1
    window.start_routine("desk-break")
    assert calls == [1]  # opened once
    window.close()


def test_the_planner_plans_with_the_history_it_opened(
    qtbot, presets, settings_store, fake_clock, history
):
    calls: list[int] = []
    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, open_history=opener_of(history, calls)
    )
    # With a history the check-in is asked first (its answer is kept there); without, not.
    assert harness.window.planner.propose("desk-break", check_in=True).ask_first is True
    assert calls == [1]
    harness.window.close()


def test_a_back_profile_opens_the_history_for_the_cards(
    qtbot, presets, settings_store, fake_clock, history
):
    from backcare_desktop.storage.settings import Settings

    settings_store.save(
        Settings(health_note_acknowledged=True, profile_asked=True, profile_body=("knee-problems",))
    )
    calls: list[int] = []
    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, open_history=opener_of(history, calls)
    )
    assert calls == [1]
    harness.window.close()


def test_a_history_that_cannot_open_leaves_the_window_without_one(
    qtbot, presets, settings_store, fake_clock
):
    harness = make_harness(qtbot, presets, settings_store, fake_clock, open_history=lambda: None)
    window = harness.window
    window.start_routine("desk-break")
    assert window.history is None
    assert window.recorder is None
    assert window.planner.propose("desk-break", check_in=True).ask_first is False
    window.close()


def test_without_a_back_profile_the_cards_are_the_planners_without_making_one(
    qtbot, presets, settings_store, fake_clock, history, monkeypatch
):
    import sys

    from backcare_desktop.core.planning import SessionPlanner
    from backcare_desktop.ui.home import RoutineCard

    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, open_history=opener_of(history, [])
    )
    window = harness.window
    shown: list[list[RoutineCard]] = []
    monkeypatch.setattr(window.home, "set_routines", lambda cards, problems: shown.append(cards))
    made: list[int] = []
    monkeypatch.setattr(SessionPlanner, "card", lambda *args: made.append(1))
    monkeypatch.setitem(sys.modules, "backcare_desktop.core.planning", None)  # not imported
    window.refresh_routines()
    monkeypatch.undo()
    assert made == []
    planner = SessionPlanner(presets, history)
    assert shown == [[RoutineCard.of_summary(planner.card(r, ())[0]) for r in presets.routines]]
    window.close()
