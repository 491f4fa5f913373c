"""The window keeps each session: check-in before, exercises as they finish, check-in after."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def test_a_session_is_recorded_with_both_check_ins(qtbot, history_harness, history):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)  # the desk break
    assert window.pages.currentWidget() is window.before
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_6)
    timeline = window.controller.engine.timeline

    history_harness.advance_to(timeline.spans[1].end + 0.1)
    (running,) = history.sessions(limit=5)
    assert running.status == "running"
    assert running.pain_before == 6
    assert running.exercises_done == 2  # written as each exercise finished

    with qtbot.waitSignal(window.session_finished, timeout=1000):
        history_harness.advance(timeline.duration, frame=0.5)
    assert window.after.isVisible()
    qtbot.keyClick(window.after, Qt.Key.Key_3)
    with qtbot.waitSignal(window.after.answered, timeout=1000) as blocker:
        qtbot.keyClick(window.after, Qt.Key.Key_A)
    assert blocker.args == [3, "about-right"]
    (done,) = history.sessions(limit=5)
    assert (done.status, done.pain_before, done.pain_after, done.rating) == (
        "completed",
        6,
        3,
        "about-right",
    )
    assert done.exercises_done == len(timeline.spans)


def test_skipping_the_check_in_still_starts(qtbot, history_harness, history):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_S)
    history_harness.advance(1)
    assert history.sessions(limit=1)[0].pain_before is None


def test_esc_on_the_check_in_goes_home_and_records_nothing(qtbot, history_harness, history):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.before
    with qtbot.assertNotEmitted(window.session_started):
        qtbot.keyClick(window.before, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home
    assert window.controller is None
    assert history.session_count() == 0


def test_enter_after_a_stop_with_nothing_answered_goes_home(qtbot, history_harness):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)
    qtbot.keyClick(window.before, Qt.Key.Key_S)
    history_harness.advance(1)
    with qtbot.waitSignal(window.session_finished, timeout=1000):
        window.player.ask_stop()
        next(b for b in window.player._confirm.buttons() if b.text() == "Stop").click()
    assert window.pages.currentWidget() is window.summary
    assert window.after.isVisible()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.home


def test_progress_page_opens_and_esc_goes_back(qtbot, history_harness):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut "animates" the click: it lands a moment later.
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.progress, timeout=2000)
    qtbot.keyClick(window.progress, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home


def test_routine_on_first_run_waits_for_the_note_then_asks_the_check_in(qtbot, history_harness):
    window = history_harness.window
    window.settings.update(health_note_acknowledged=False, profile_asked=True)
    window.show_health_note_if_needed()
    window.start_when_ready("desk-break")
    assert window.health_note_open
    assert window.controller is None  # nothing counts behind the note
    assert window.pages.currentWidget() is window.home
    window.findChild(QMessageBox, "healthNote").buttons()[0].click()
    assert not window.health_note_open
    assert window.pages.currentWidget() is window.before
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_3)
    assert window.controller.engine.timeline.routine.id == "desk-break"


def test_routine_on_first_run_also_waits_for_my_back(qtbot, history_harness):
    # "My back" adapts the routine: starting before it is answered would give exercises
    # the person's condition may rule out.
    window = history_harness.window
    window.settings.update(health_note_acknowledged=False, profile_asked=False)
    window.show_health_note_if_needed()
    window.start_when_ready("desk-break")
    window.findChild(QMessageBox, "healthNote").buttons()[0].click()
    assert window.first_run_questions_open  # now "My back" is asked
    assert window.pages.currentWidget() is window.home
    window._profile_dialog.reject()  # skipped: the routine goes on, unadapted
    assert not window.first_run_questions_open
    assert window.pages.currentWidget() is window.before


def test_the_first_opening_of_progress_reads_the_figures_once(qtbot, history_harness, monkeypatch):
    from backcare_desktop.ui import progress as progress_module

    reads = []
    real = progress_module.load_stats
    monkeypatch.setattr(
        progress_module, "load_stats", lambda *a, **k: reads.append(1) or real(*a, **k)
    )
    window = history_harness.window
    window.show_progress()
    assert window.pages.currentWidget() is window.progress
    assert len(reads) == 1
    window.show_home()
    window.show_progress()  # nothing recorded in between
    assert len(reads) == 1
