"""What keeps the first opening of Progress short (issue 18, round 3): the page's scroll bars
get their look without Python reaching a QStyle (PySide6 would build the QStyle type and
its enums), a word-wrapped label lays its text out once per width it is asked about, and
the charts copy no QColor. Timings stay out of the tests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QLabel, QWidget

from backcare_desktop.storage.stats import DayCount, PainPoint
from backcare_desktop.ui import charts
from backcare_desktop.ui.palette import DARK, LIGHT
from backcare_desktop.ui.progress import WrappedLabel
from tests.support import window_report

# After the home window's first paint, opens Progress; once the page's first paint pass is
# over (a filter on the page alone: one on the application would hand PySide6 every
# object that receives an event, and it builds their classes), reports the PySide6
# widget classes built so far and quits.
SCRIPT = """
import json, sys
from PySide6 import QtWidgets
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

report = {}
probes = []

class FirstPaint(QObject):
    def __init__(self, then):
        super().__init__()
        self.then = then
        self.painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            QTimer.singleShot(0, self.then)
        return False

def classes():
    return sorted(k for k in vars(QtWidgets) if k.startswith("Q"))

def progress_painted():
    report["after_progress"] = classes()
    QApplication.instance().quit()

def open_progress(window):
    report["before_progress"] = classes()
    page = window.progress
    probes.append(FirstPaint(progress_painted))
    page.installEventFilter(probes[-1])
    window.show_progress()

real_exec = QApplication.exec

def exec_and_watch(self=None):
    app = QApplication.instance()
    window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
    probes.append(FirstPaint(lambda: open_progress(window)))
    window.installEventFilter(probes[-1])
    code = real_exec()
    print("REPORT " + json.dumps(report))
    return code

QApplication.exec = exec_and_watch
from backcare_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_opening_progress_makes_pyside_build_no_style(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    settings = {"health_note_acknowledged": True, "profile_asked": True}
    (data / "settings.json").write_text(json.dumps(settings))
    report: dict[str, Any] = window_report(
        SCRIPT, ["--data-dir", str(data), "--no-voice"], "REPORT"
    )
    built = set(report["after_progress"]) - set(report["before_progress"])
    assert "QTableView" in built  # the page was built and painted in this process
    assert "QStyle" not in report["before_progress"]
    assert {"QStyle", "QCommonStyle"} & built == set()


class CountedLayouts:
    """The widths for which QLabel itself works out `label`'s height."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, label: QLabel) -> None:
        self.widths: list[int] = []
        real = QLabel.heightForWidth

        def height_for_width(asked: QLabel, width: int) -> int:
            if asked is label:
                self.widths.append(width)
            return real(asked, width)

        monkeypatch.setattr(QLabel, "heightForWidth", height_for_width)


@pytest.fixture
def host(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


TEXT = "Before sessions: 4.6/10 over the last 4 weeks, about the same as the 4 weeks before."


def test_a_wrapped_label_lays_its_text_out_once_per_width(host, monkeypatch):
    label = WrappedLabel(TEXT, host)
    counted = CountedLayouts(monkeypatch, label)
    heights = [label.heightForWidth(w) for w in (120, 300, 120, 300, 120)]
    assert counted.widths == [120, 300]
    assert heights[0] == heights[2] == heights[4] > heights[1] == heights[3]


def test_a_wrapped_label_answers_as_a_plain_label_after_each_change(host, monkeypatch):
    label = WrappedLabel(TEXT, host)
    plain = QLabel(TEXT, host)
    plain.setWordWrap(True)

    def same() -> bool:
        return all(label.heightForWidth(w) == plain.heightForWidth(w) for w in (90, 140, 400))

    assert same()
    counted = CountedLayouts(monkeypatch, label)
    for change in (
        lambda w: w.setText(TEXT + " A session eases it by 1.4 on average."),
        lambda w: w.setFont(QFont(w.font().family(), 22)),
        lambda w: w.setStyleSheet("padding: 9px;"),
        lambda w: w.setTextFormat(Qt.TextFormat.RichText),
        lambda w: w.setText(f"<b>{TEXT}</b> <i>and more</i>"),
        lambda w: w.setTextFormat(Qt.TextFormat.PlainText),  # the tags show: wider
    ):
        asked = len(counted.widths)
        change(label)
        change(plain)
        assert same()
        assert len(counted.widths) == asked + 3  # worked out anew, not remembered


def test_a_wrapped_label_keeps_only_so_many_widths(host, monkeypatch):
    label = WrappedLabel(TEXT, host)
    for width in range(100, 100 + 3 * WrappedLabel.KEPT):
        label.heightForWidth(width)
    counted = CountedLayouts(monkeypatch, label)
    label.heightForWidth(100)
    assert counted.widths == [100]
    assert len(label._heights) <= WrappedLabel.KEPT


def test_the_charts_paint_without_copying_a_qcolor(host, monkeypatch):
    # PySide tries QColor's other constructors before the copy, at every copy: the
    # charts make their colours from the palette's names.
    real = charts.QColor
    arguments: list[str] = []

    def counted_qcolor(*args: object) -> QColor:
        arguments.extend(type(a).__name__ for a in args)
        return real(*args)

    monkeypatch.setattr(charts, "QColor", counted_qcolor)
    today = date(2025, 3, 5)
    first = today - timedelta(days=83)
    days = tuple(DayCount(first + timedelta(days=n), n % 3, 9.0 * (n % 3)) for n in range(84))
    points = tuple(PainPoint(first + timedelta(days=n), 6, 3) for n in range(0, 84, 2))
    calendar, pain, dots = charts.CalendarChart(host), charts.PainChart(host), charts.GoalDots(host)
    calendar.set_days(days, today)
    pain.set_points(points, first, today)
    dots.set_counts(2, 3)
    for chart in (calendar, pain, dots):
        chart.resize(480, 200)
        chart.grab()
    assert "str" in arguments  # the charts were painted
    assert "QColor" not in arguments


def test_the_calendar_sets_its_brush_and_pen_only_when_they_change(host, monkeypatch):
    # Each call from Python costs more than drawing the cell: a run of days alike is
    # drawn with the brush set once, and only the today cell has a pen. (At 125 % text
    # the cells start between pixels, so each one is drawn, not copied.)
    calls: list[str] = []

    class CountedPainter(QPainter):
        def setBrush(self, *args: object) -> None:  # type: ignore[override]
            calls.append("brush")
            super().setBrush(*args)  # type: ignore[arg-type]

        def setPen(self, *args: object) -> None:  # type: ignore[override]
            calls.append("pen")
            super().setPen(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "QPainter", CountedPainter)
    today = date(2025, 3, 5)
    first = today - timedelta(days=83)
    # Three weeks of nothing, then one session a day, then two a day for the last week.
    sessions = [0] * 21 + [1] * 56 + [2] * 7
    days = tuple(DayCount(first + timedelta(days=n), s, 9.0 * s) for n, s in enumerate(sessions))
    calendar = charts.CalendarChart(host)
    calendar.show_theme(LIGHT, 1.25)
    calendar.set_days(days, today)
    calendar.resize(480, 200)
    image = calendar.grab()
    assert not image.isNull()
    labels = 1 + len(charts.month_columns([d.day for d in days]))  # the text pens
    # The cells: 3 brushes (none, one, two a day), and no pen but the today cell's.
    assert calls.count("brush") == 3
    assert calls.count("pen") == labels + 3


def test_the_pain_chart_reads_its_area_once_for_all_points(host, monkeypatch):
    # Four calls into Qt for every point (the area's edges) were most of the dots' cost.
    real_left = QRectF.left
    reads: list[float] = []

    def counted_left(rect: QRectF) -> float:
        reads.append(real_left(rect))
        return reads[-1]

    monkeypatch.setattr(QRectF, "left", counted_left)
    today = date(2025, 3, 5)
    first = today - timedelta(days=83)
    points = tuple(PainPoint(first + timedelta(days=n), 6, 3) for n in range(84))
    pain = charts.PainChart(host)
    pain.set_points(points, first, today)
    pain.resize(480, 200)
    assert not pain.grab().isNull()
    # Once for all 84 points, then once each for the 3 grid lines, the first day's label
    # and the 3 months' names: not once per point.
    assert len(reads) == 8


def calendar_days(today: date) -> tuple[DayCount, ...]:
    first = today - timedelta(days=83)
    sessions = [0] * 21 + [1] * 56 + [2] * 7
    return tuple(DayCount(first + timedelta(days=n), s, 9.0 * s) for n, s in enumerate(sessions))


@pytest.mark.parametrize(("scale", "drawn"), [(1.0, 1), (2.0, 1), (1.25, 84)])
def test_the_calendar_copies_its_cells_where_they_start_on_whole_pixels(
    host, monkeypatch, scale, drawn
):
    # Antialiasing 84 rounded squares cost more than copying one drawn square per
    # colour; only the today cell (it has a pen) is drawn in place. Between pixels (125 %
    # text: the top margin is 22.5 px) a copy would not be the same pixels: each is drawn.
    cells: list[QRectF] = []

    class CountedPainter(QPainter):
        def drawRoundedRect(self, rect: QRectF, *args: object) -> None:  # type: ignore[override]
            if self.device() is calendar:
                cells.append(rect)
            super().drawRoundedRect(rect, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(charts, "QPainter", CountedPainter)
    today = date(2025, 3, 5)
    calendar = charts.CalendarChart(host)
    calendar.show_theme(LIGHT, scale)
    calendar.set_days(calendar_days(today), today)
    calendar.resize(480, 320)
    assert not calendar.grab().isNull()
    assert len(cells) == drawn


@pytest.mark.parametrize("palette", [LIGHT, DARK])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_a_copied_calendar_cell_is_the_same_pixels_as_one_drawn_in_place(
    host, monkeypatch, palette, scale
):
    today = date(2025, 3, 5)
    calendar = charts.CalendarChart(host)
    calendar.set_days(calendar_days(today), today)
    calendar.resize(480, 320)
    # First painted in the other theme: the copies follow a change of colours.
    calendar.show_theme(DARK if palette is LIGHT else LIGHT, scale)
    assert not calendar.grab().isNull()
    calendar.show_theme(palette, scale)
    copied = calendar.grab().toImage()
    monkeypatch.setattr(charts.CalendarChart, "_stamps", lambda *args: None)
    drawn = calendar.grab().toImage()
    assert copied.size() == drawn.size()
    assert copied == drawn
