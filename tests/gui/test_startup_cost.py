"""What keeps the window's start short (issue 18, round 2): nothing loaded before the first
paint that the home window does not show (the voice, the session's engine, the rules that
plan, adapt and write routines), and no PySide6 type built that only a session, or
PySide6's own look-up of an unknown widget, needs. Timings stay out of the tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QListWidget

from backcare_desktop.ui.card_delegate import RoutineDelegate, card_width
from backcare_desktop.ui.rich_text import escape
from tests.support import window_report

# Right after the home window's first paint pass (a filter on the window alone: one on the
# application would hand PySide6 every object that receives an event, and it builds their
# classes), the modules and the PySide6 classes made so far; then the app quits.
SCRIPT = """
import json, sys
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

def look():
    report["modules"] = sorted(sys.modules)
    report["widget_classes"] = sorted(k for k in vars(QtWidgets) if k.startswith("Q"))
    report["core_classes"] = sorted(k for k in vars(QtCore) if k.startswith("Q"))
    report["gui_classes"] = sorted(k for k in vars(QtGui) if k.startswith("Q"))
    QApplication.instance().quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not painted:
            painted.append(1)
            # Once the paint pass (the list's cards too) is over, before anything after it.
            QTimer.singleShot(0, look)
        return False

painted = []

report = {}
real_exec = QApplication.exec
probes = []

def exec_and_watch(self=None):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    probes.append(FirstPaint())
    window.installEventFilter(probes[0])
    code = real_exec()
    print("REPORT " + json.dumps(report))
    return code

QApplication.exec = exec_and_watch
from backcare_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

# Needed only once a session starts, a routine is written, or Settings opens; the history
# and the planner also for the cards of a person with a back profile; the translated
# parser for a command, --help or an option it alone reads.
NOT_BEFORE_THE_FIRST_PAINT = {
    "backcare_desktop.cli_parser",
    "backcare_desktop.companion_cli",
    "backcare_desktop.core.adaptation",
    "backcare_desktop.core.engine",
    "backcare_desktop.core.planning",
    "backcare_desktop.storage.history",
    "backcare_desktop.core.timeline",
    "backcare_desktop.core.routine_writer",
    "backcare_desktop.platform.chime",
    "backcare_desktop.storage.recorder",
    "backcare_desktop.storage.routine_files",
    "backcare_desktop.ui.voice_controls",
    "datetime",  # the companion's clock, a damaged settings file, a reminder at a set time
    "difflib",
    "html",
    "platformdirs",  # the usual Linux folders are worked out without it (storage.paths)
    "socket",  # the single-instance check connects and listens with _socket (its C part)
    "sqlite3",
    "subprocess",
}


def first_paint(tmp_path: Path, *args: str) -> dict[str, Any]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    settings = {"health_note_acknowledged": True, "profile_asked": True, "voice_enabled": True}
    (data / "settings.json").write_text(json.dumps(settings))
    report: dict[str, Any] = window_report(SCRIPT, ["--data-dir", str(data), *args], "REPORT")
    return report


def test_at_the_first_paint_no_voice_engine_or_planning_rules_are_loaded(tmp_path: Path):
    # A person's very first start reads (and compiles) every routine file; every later
    # one lists them from the summaries that start kept.
    first = set(first_paint(tmp_path)["modules"])
    assert "backcare_desktop.core.timeline" in first
    modules = set(first_paint(tmp_path)["modules"])  # the voice on, as most have it
    assert "backcare_desktop.ui.home" in modules
    assert {m for m in modules if m.startswith("backcare_desktop.speech")} == set()
    assert modules & NOT_BEFORE_THE_FIRST_PAINT == set()


def test_at_the_first_paint_pyside_has_built_no_style_and_no_unused_widget_class(
    tmp_path: Path,
):
    # QStyle (~14 ms of enums) only when Python reaches the style; every widget class
    # (~25 ms) when Python is handed a widget PySide6 does not know, like a viewport.
    report = first_paint(tmp_path, "--no-voice")
    classes = set(report["widget_classes"])
    assert "QListWidget" in classes
    assert {"QStyle", "QCalendarWidget", "QMessageBox"} & classes == set()
    # Where Qt's own translations are kept: English has none to load.
    assert "QTranslator" in report["core_classes"]
    assert "QLibraryInfo" not in report["core_classes"]
    # The icon is read from its PNGs: drawing it (the icons tool's work) waits for that tool.
    assert "QIcon" in report["gui_classes"]
    assert {"QImage", "QRectF"} & {*report["gui_classes"], *report["core_classes"]} == set()
    # The buttons' shortcuts are set through their Qt property (widgets.set_shortcut).
    assert "QKeySequence" not in report["gui_classes"]


def test_a_card_is_as_wide_as_the_viewport_with_its_scroll_bar(qtbot):
    for rows in (2, 300):  # without the bar, then with it
        view = QListWidget()
        qtbot.addWidget(view)
        view.setSpacing(2)
        view.addItems([f"Routine {n}\nA description\nFacts" for n in range(rows)])
        view.resize(500, 400)
        view.show()
        qtbot.waitExposed(view)
        bar = view.verticalScrollBar()
        assert bar.isVisible() is (rows == 300)
        with_bar = view.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())
        assert card_width(view) == with_bar - 2 * view.spacing()


def test_the_selected_card_is_drawn_in_the_highlighted_text_colour(qtbot):
    view = QListWidget()
    qtbot.addWidget(view)
    view.setItemDelegate(RoutineDelegate(view))
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ff0000"))
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#ffffff"))
    view.setPalette(palette)
    view.addItems(["First\nOne\nFacts", "Second\nTwo\nFacts"])
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    view.setCurrentRow(1)
    image = view.viewport().grab().toImage()

    def red_pixels(row: int) -> int:
        rect = view.visualItemRect(view.item(row))
        return sum(
            1
            for x in range(rect.left(), rect.right(), 2)
            for y in range(rect.top(), rect.bottom(), 2)
            if (c := image.pixelColor(x, y)).red() > 180 and c.green() < 90 and c.blue() < 90
        )

    assert red_pixels(1) > 20
    assert red_pixels(0) == 0


def test_the_style_draws_no_text_of_its_own(qtbot):
    # The card's text comes from its kept layout alone: the option the style gets is blank.
    from PySide6.QtWidgets import QStyleOptionViewItem

    view = QListWidget()
    qtbot.addWidget(view)
    delegate = RoutineDelegate(view)
    view.addItem("Title\nDescription\nFacts")
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, view.model().index(0, 0))
    assert option.text == ""


def test_escape_is_html_escape():
    import html

    text = '<b>Tom & "Jerry\'s"</b> > 3'
    assert escape(text) == html.escape(text)


class Follower:
    """Notes, in `seen`, when it is made to follow a session."""

    def __init__(self, name: str, seen: list[str]) -> None:
        self.name, self.seen = name, seen

    def attach(self, engine: object, plan: object) -> None:
        self.seen.append(self.name)

    def detach(self) -> None:
        pass


def test_the_voice_is_made_when_the_first_session_starts_and_follows_before_the_history(
    qtbot, presets, settings_store, fake_clock, history
):
    from tests.gui.conftest import make_harness

    seen: list[str] = []
    made: list[int] = []

    def voice() -> list[Follower]:
        made.append(1)
        return [Follower("voice", seen)]

    harness = make_harness(
        qtbot,
        presets,
        settings_store,
        fake_clock,
        followers=[Follower("given", seen)],
        more_followers=voice,
        history=history,
    )
    window = harness.window
    assert made == []  # not for the home page
    assert window.recorder is None
    window.start_routine("desk-break")
    assert made == [1]
    assert seen == ["given", "voice"]
    assert window._followers[-1] is window.recorder  # the history's, last as before
    window.show_home()
    window.start_routine("desk-break")
    assert made == [1]  # made once
    assert seen == ["given", "voice", "given", "voice"]
    window.close()
