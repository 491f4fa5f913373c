"""'My back' in the window: asked once in a few keys, and every change is said and shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.ui.profile_dialog import ProfileDialog
from tests.gui.conftest import make_harness


def open_dialog(qtbot, window) -> ProfileDialog:
    dialog = window.open_profile()
    qtbot.waitExposed(dialog)
    return dialog


def test_knees_and_bending_forward_take_three_key_presses(qtbot, harness):
    window = harness.window
    dialog = open_dialog(qtbot, window)
    with qtbot.waitSignal(dialog.chosen, timeout=2000) as blocker:
        for key in (Qt.Key.Key_K, Qt.Key.Key_F, Qt.Key.Key_Return):
            qtbot.keyClick(dialog, key)
    profile = blocker.args[0]
    assert profile.conditions == ("knee-problems", "pain-bending-forward")
    current = window.settings.current
    assert (current.profile_body, current.profile_pain, current.profile_asked) == (
        ("knee-problems",),
        "bending-forward",
        True,
    )


def test_skipping_asks_no_more_and_changes_nothing(qtbot, harness):
    window = harness.window
    dialog = open_dialog(qtbot, window)
    qtbot.keyClick(dialog, Qt.Key.Key_K)
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    current = window.settings.current
    assert (current.profile_body, current.profile_asked) == ((), True)
    window.ask_profile_if_needed()
    assert not [w for w in window.findChildren(ProfileDialog) if w.isVisible()]


def test_the_question_follows_the_health_note_on_first_run(qtbot, harness):
    window = harness.window
    window.settings.update(health_note_acknowledged=False)
    window.show_health_note_if_needed()
    note = next(w for w in window.findChildren(QMessageBox) if w.objectName() == "healthNote")
    note.buttons()[0].click()
    qtbot.waitUntil(
        lambda: any(w.isVisible() for w in window.findChildren(ProfileDialog)), timeout=2000
    )


def test_home_marks_adapted_routines_and_lists_the_changes(qtbot, harness):
    window = harness.window
    home = window.home
    window.settings.update(profile_body=("knee-problems",), profile_asked=True)
    row = next(
        i
        for i in range(home.list.count())
        if home.list.item(i).data(Qt.ItemDataRole.UserRole) == "stiff-lower-back"
    )
    assert "changed for your back" in home.list.item(row).text()
    home.list.setCurrentRow(row)
    assert home.changes.isVisible()
    assert "Child's pose →" in home.changes.text()
    assert "because of your knees" in home.changes.text()
    desk = next(
        i
        for i in range(home.list.count())
        if home.list.item(i).data(Qt.ItemDataRole.UserRole) == "desk-break"
    )
    assert "changed for your back" not in home.list.item(desk).text()  # nothing to change


def test_the_reason_is_spoken_before_the_stand_in_and_listed_after(
    qtbot, presets, settings_store, fake_clock
):
    speaker = RecordingSpeaker()
    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, followers=[Narrator(speaker)]
    )
    window = harness.window
    window.settings.update(profile_body=("knee-problems",), profile_asked=True)
    window.start_routine("stiff-lower-back")
    timeline = window.controller.engine.timeline
    assert "childs-pose" not in {s.exercise.id for s in timeline.spans}
    with qtbot.waitSignal(window.session_finished, timeout=5000):
        harness.advance(timeline.duration + 1, frame=0.25)
    said = [t for t in speaker.texts if t.startswith("Instead of child's pose")]
    assert said and "because of your knees" in said[0]
    assert "Changed for your back:" in window.summary.details.text()
    assert "Child's pose →" in window.summary.details.text()
    QApplication.processEvents()
