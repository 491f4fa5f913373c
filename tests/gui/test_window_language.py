"""The window in German, Spanish and French: its words, and nothing clipped at either size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QScrollArea,
    QWidget,
)

from backcare_desktop.core import wording
from tests.gui.conftest import make_harness
from tests.gui.room import text_room

SIZES = [(1366, 768), (420, 760)]


@pytest.fixture
def translated_harness(qtbot, translated, settings_store, fake_clock):
    return make_harness(qtbot, translated, settings_store, fake_clock)


def settle(qtbot, window, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)
    for _ in range(3):  # the fitting text area asks again once it knows its width
        QApplication.processEvents()


def clipped(page: QWidget) -> list[str]:
    """The visible one-line labels and buttons narrower than their text, and wrapping
    labels shorter than their text needs."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or widget.width() == 0:
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            if text_room(widget) < widget.fontMetrics().horizontalAdvance(widget.text()) and (
                not hasattr(widget, "heightForWidth") or widget.heightForWidth(widget.width()) < 0
            ):
                found.append(f"button {widget.text()!r}")
        elif isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"wrapped label {widget.text()[:40]!r}")
            elif widget.width() < widget.sizeHint().width() and widget.textFormat() != 1:
                found.append(f"label {widget.text()[:40]!r}")
    return found


def test_the_home_page_speaks_the_language(translated_harness, translated):
    tr = translated.translator
    home = translated_harness.window.home
    assert home.header.findChild(QLabel).text() == tr._("Routines") != "Routines"
    assert home.quick.text() == tr._("Desk break: 5 minutes standing")
    first = home.list.item(0).text()
    assert first.startswith(translated.routines["desk-break"].title)
    assert "exercises" not in first


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_home_page_clips_no_text(qtbot, translated_harness, width, height):
    window = translated_harness.window
    settle(qtbot, window, width, height)
    assert clipped(window.home) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_player_clips_no_text(qtbot, translated_harness, translated, width, height):
    window = translated_harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    translated_harness.advance(0.5)
    settle(qtbot, window, width, height)
    player = window.player
    assert player.buttons["stop"].text() == translated.translator._("Stop")
    assert player.text_area.verticalScrollBar().maximum() == 0
    for button in player.controls.buttons.values():
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    assert clipped(player) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_summary_clips_no_text(qtbot, translated_harness, width, height):
    window = translated_harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    with qtbot.waitSignal(window.session_finished, timeout=1000):
        window.controller.stop()
    settle(qtbot, window, width, height)
    scroll = window.summary.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() == 0
    assert clipped(window.summary) == []


def test_the_settings_offer_the_languages_and_keep_the_choice(qtbot, translated):
    from backcare_desktop.speech.base import VoiceInfo
    from backcare_desktop.speech.qt_bridge import SpeakerBridge
    from backcare_desktop.speech.recording import RecordingSpeaker
    from backcare_desktop.storage.settings import Settings
    from backcare_desktop.ui.settings_dialog import SettingsDialog

    tr = translated.translator
    voices = (
        VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
        VoiceInfo("gmw/de", "German", ("de",)),
        VoiceInfo("roa/es", "Spanish (Spain)", ("es",)),
        VoiceInfo("roa/fr", "French (France)", ("fr-fr",)),
    )
    bridge = SpeakerBridge(RecordingSpeaker(voices=voices))
    try:
        dialog = SettingsDialog(Settings(), bridge, tr=tr)
        qtbot.addWidget(dialog)
        assert dialog.windowTitle() == tr._("Settings") != "Settings"
        assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == [
            "",
            "en",
            "de",
            "es",
            "fr",
        ]
        # The voices of the cues' language come first, after "System default".
        assert (
            dialog.voice.itemData(1)
            == {"de": "gmw/de", "es": "roa/es", "fr": "roa/fr"}[tr.language]
        )
        dialog.language.setCurrentIndex(dialog.language.findData("fr"))
        assert dialog.settings().language == "fr"
    finally:
        bridge.close()


@pytest.fixture
def translated_history_harness(qtbot, translated, settings_store, fake_clock, history):
    harness = make_harness(qtbot, translated, settings_store, fake_clock, history=history)
    yield harness
    harness.window.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_progress_speaks_the_language_and_clips_no_text(
    qtbot, translated_history_harness, translated, width, height
):
    tr = translated.translator
    window = translated_history_harness.window
    window.show_progress()
    settle(qtbot, window, width, height)
    progress = window.progress
    assert progress.header.findChild(QLabel).text() == tr._("Your progress")
    note = tr.ngettext(
        "{n} more to reach your goal of {goal}", "{n} more to reach your goal of {goal}", 3
    )
    assert progress.view.week_note.text() == note.format(n=3, goal=3)
    assert progress.findChild(QScrollArea).horizontalScrollBar().maximum() == 0
    assert clipped(progress) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_check_in_asks_in_the_language_and_clips_no_text(
    qtbot, translated_harness, translated, width, height
):
    from backcare_desktop.ui.checkin import PAIN_QUESTION

    tr = translated.translator
    window = translated_harness.window
    window.before.ask(translated.routines["desk-break"].title)
    window.pages.setCurrentWidget(window.before)
    settle(qtbot, window, width, height)
    assert window.before._question.text() == tr._(PAIN_QUESTION) != PAIN_QUESTION
    assert clipped(window.before) == []


def test_my_back_asks_in_the_language_and_keeps_its_keys(qtbot, translated):
    from PySide6.QtCore import Qt

    from backcare_desktop.core.profile import BackProfile
    from backcare_desktop.ui.profile_dialog import ProfileDialog

    tr = translated.translator
    dialog = ProfileDialog(BackProfile.of(()), tr=tr)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == tr._("My back") != "My back"
    assert dialog.body["knee-problems"].text() == tr._("&Knee problems")
    qtbot.keyClick(dialog, Qt.Key.Key_W)  # the plain key is the same in every language
    assert dialog.profile().conditions == ("wrist-problems",)


@pytest.fixture
def translated_editing(qtbot, tmp_path, translated, settings_store, fake_clock):
    from backcare_desktop.core.library import load_presets
    from backcare_desktop.storage.library_model import LibraryModel

    root = tmp_path / "data"
    library = load_presets(root, translated.translator.language)
    harness = make_harness(
        qtbot, library, settings_store, fake_clock, library_model=LibraryModel(library, root)
    )
    yield harness
    harness.window.close()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_editor_speaks_the_language_and_clips_no_text(
    qtbot, translated_editing, translated, width, height
):
    tr = translated.translator
    window = translated_editing.window
    window.routine_actions.edit_selected()  # a copy of the first preset
    editor = window.routine_actions.editor
    settle(qtbot, window, width, height)
    assert window.width() == width  # the editor lets the window narrow to a side panel
    from backcare_desktop.ui.widgets import PageHeader

    header = editor.findChild(PageHeader).findChild(QLabel)
    assert header.text() == tr._("Routine editor") != "Routine editor"
    preset = window.library.routines[window.home.current_routine_id()]
    assert editor.title.text() == tr._("{title} (mine)").format(title=preset.title)
    assert editor.save_button.text() == tr._("Save") != "Save"
    exercises = wording.exercises_text(len(preset.items), tr)
    assert exercises in editor.total.text()
    assert wording.exercises_text(len(preset.items)) not in editor.total.text()
    assert editor.scroll_area.horizontalScrollBar().maximum() == 0
    assert clipped(editor) == []


def test_the_editor_names_problems_in_the_language(qtbot, translated_editing, translated):
    tr = translated.translator
    window = translated_editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    editor.title.setText("Meins")
    editor.refresh()
    said = tr._("{where}: {problem}").format(
        where=tr._("Description"), problem=tr._("must not be empty")
    )
    expected = f"• {said}"
    assert expected in editor.problems.text().splitlines()
    assert "must not be empty" not in editor.problems.text()


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_reminder_window_speaks_the_language_and_fits_a_narrow_screen(qtbot, translated):
    from datetime import datetime

    from backcare_desktop.core.reminders import ActiveUse
    from backcare_desktop.core.scheduler import BreakDue
    from backcare_desktop.ui.companion import notice_for
    from backcare_desktop.ui.reminder_window import MARGIN, ReminderWindow

    tr = translated.translator
    event = BreakDue(1, ActiveUse(50), "desk-break", "active-use", datetime(2026, 12, 1), 0, True)
    window = ReminderWindow(tr=tr)
    qtbot.addWidget(window)
    window.present(notice_for(event, translated.routines["desk-break"].title, 10, tr))
    QApplication.processEvents()
    assert window.title.text() == tr._("Time for a back break") != "Time for a back break"
    buttons = [b.text() for b in window.findChildren(QAbstractButton)]
    snooze = tr.ngettext("Snooze {n} min", "Snooze {n} min", 10).format(n=10)
    assert buttons == [tr._("Start"), snooze, tr._("Skip")]
    # On a 420 px screen it keeps its margin on both sides, at the width it chose itself.
    assert window.width() <= SIZES[1][0] - 2 * MARGIN
    assert clipped(window) == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_settings_reminders_box_speaks_the_language_and_clips_no_text(
    qtbot, translated, width, height
):
    from datetime import time

    from backcare_desktop.core.reminders import FixedTime, Reminders
    from backcare_desktop.speech.qt_bridge import SpeakerBridge
    from backcare_desktop.speech.recording import RecordingSpeaker
    from backcare_desktop.storage.settings import Settings
    from backcare_desktop.ui.settings_dialog import SettingsDialog

    tr = translated.translator
    reminders = Reminders(schedules=(FixedTime(time(10, 30), (0, 1, 2, 3, 4)),))
    bridge = SpeakerBridge(RecordingSpeaker())
    try:
        dialog = SettingsDialog(Settings(reminders=reminders), bridge, tr=tr)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.resize(min(width, dialog.sizeHint().width()), height - 60)
        qtbot.waitUntil(lambda: dialog.width() <= width, timeout=2000)
        for _ in range(3):
            QApplication.processEvents()
        box = dialog.reminders_box
        assert box.title() == tr._("Break reminders") != "Break reminders"
        assert box.times.item(0).text().startswith("10:30, ")
        assert box.day_buttons[0].text() != "Mon"
        assert dialog.scroll_area.horizontalScrollBar().maximum() == 0
        assert clipped(box) == []
    finally:
        bridge.close()


def test_the_editor_counts_doses_by_the_german_plural_rule(
    qtbot, tmp_path, settings_store, fake_clock
):
    from backcare_desktop.core.library import load_presets
    from backcare_desktop.storage.library_model import LibraryModel

    root = tmp_path / "data"
    library = load_presets(root, "de")
    harness = make_harness(
        qtbot, library, settings_store, fake_clock, library_model=LibraryModel(library, root)
    )
    actions = harness.window.routine_actions
    actions.new_routine()
    editor = actions.editor
    editor.add_exercise("cat-stretch")
    editor.doses.reps.setValue(editor.doses.reps.minimum())
    editor.doses.sets.setValue(3)
    text = editor.list.item(0).text()
    assert text.startswith("1. Katzenbuckel (")
    assert "3 Sätze" in text
    editor.doses.sets.setValue(2)
    editor.doses.reps.setValue(editor.doses.reps.maximum())
    assert f"{editor.doses.reps.maximum()} Wiederholungen, 2 Sätze" in editor.list.item(0).text()
    harness.window.close()
