"""The side panel (420 px) and the full window: everything fits, nothing hides."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle, QWidget

from tests.gui.room import text_room


def settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    for _ in range(3):  # the fitting text area asks again once it knows its width
        QApplication.processEvents()


@pytest.mark.parametrize(("width", "height"), [(420, 760), (1280, 720), (1920, 1080)])
def test_the_get_ready_box_is_whole_without_scrolling(qtbot, harness, width, height):
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    harness.advance(0.5)
    settle(qtbot, window, width, height)
    player = window.player
    assert player.ready.isVisible()
    assert player.caption.isVisible()
    assert player.text_area.verticalScrollBar().maximum() == 0
    assert player.ready.geometry().bottom() <= player.text_area.viewport().height()


def test_paused_is_shown_in_the_side_panel(qtbot, harness):
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    settle(qtbot, window, 420, 760)
    window.controller.toggle_pause()
    QApplication.processEvents()
    assert window.player.paused.isVisible()
    assert window.player.text_area.verticalScrollBar().maximum() == 0


def test_the_header_never_breaks_the_exercise_count(qtbot, harness):
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    name = window.player.exercise_name.text()
    assert name.endswith("\u00a01\u00a0of\u00a04")


@pytest.mark.parametrize(("width", "scale"), [(420, 1.0), (420, 2.0), (1280, 1.0)])
def test_progress_needs_no_sideways_scrolling(qtbot, history_harness, width, scale):
    from backcare_desktop.ui.palette import LIGHT
    from backcare_desktop.ui.style import stylesheet

    window = history_harness.window
    window.setStyleSheet(stylesheet(LIGHT, scale))
    window.show_progress()
    settle(qtbot, window, width, 760)
    scroll = window.progress.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    assert window.progress.view.narrow is (width == 420)
    table = window.progress.view.table
    visible = sum(table.columnWidth(c) for c in range(6) if not table.isColumnHidden(c))
    assert visible <= table.viewport().width()


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_side_panel_buttons_are_never_cut_at_any_text_size(qtbot, harness, scale):
    from backcare_desktop.ui.palette import LIGHT
    from backcare_desktop.ui.style import stylesheet

    window = harness.window
    window.setStyleSheet(stylesheet(LIGHT, scale))
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    settle(qtbot, window, 420, 760)
    controls = window.player.controls
    buttons = list(controls.buttons.values())
    for button in buttons:
        assert text_room(button) >= button.fontMetrics().horizontalAdvance(button.text())
    # As many on a row as fit whole (never fewer than two): one more would not fit.
    widest = max(b.sizeHint().width() for b in buttons)
    spacing = controls.horizontalSpacing()
    room = window.player.width() - 28
    assert controls.per_row == 2 or (controls.per_row + 1) * (widest + spacing) - spacing > room


@pytest.mark.parametrize("scale", [1.0, 1.5, 2.0])
def test_the_summary_fits_the_side_panel_at_any_text_size(qtbot, history_harness, scale):
    from backcare_desktop.ui.palette import LIGHT
    from backcare_desktop.ui.style import stylesheet

    window = history_harness.window
    window.setStyleSheet(stylesheet(LIGHT, scale))
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    with qtbot.waitSignal(window.session_finished, timeout=1000):
        window.controller.stop()
    settle(qtbot, window, 420, 760)
    scroll = window.summary.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    assert window.summary.figures.width() <= scroll.viewport().width()


def test_a_session_in_a_wide_window_asks_python_for_no_style(qtbot, harness, monkeypatch):
    # The [compact="true"] rules match neither before the first resize nor in a wide
    # window, so nothing needs a new style pass; and PySide's QStyle type, built on the
    # first `style()` from Python, costs ~0.9 MB.
    asked: list[QWidget] = []
    style = QWidget.style

    def spy(widget: QWidget) -> QStyle:
        asked.append(widget)
        return style(widget)

    monkeypatch.setattr(QWidget, "style", spy)
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    settle(qtbot, window, 1280, 720)
    assert window.player.property("compact") is False
    assert asked == []
