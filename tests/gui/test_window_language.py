"""The window in German, Spanish and French: its words, and nothing clipped at either size."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QScrollArea, QWidget

from tests.gui.conftest import make_harness

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
            if widget.width() < widget.fontMetrics().horizontalAdvance(widget.text()) and (
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
