"""The voice in the window: cues spoken as steps start, M mutes, and why it is off."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.speech.silent import SilentSpeaker
from backcare_desktop.ui.settings_dialog import SettingsDialog
from backcare_desktop.ui.voice_controls import VoiceControls
from tests.gui.conftest import make_harness


@pytest.fixture
def voiced(qtbot, presets, settings_store, fake_clock):
    def build(speaker):
        narrator = Narrator(speaker)
        harness = make_harness(qtbot, presets, settings_store, fake_clock, followers=[narrator])
        window = harness.window
        controls = VoiceControls(
            narrator,
            SpeakerBridge(speaker, parent=window),
            window.settings,
            window.show_voice_note,
            parent=window,
        )
        window.use_mute(narrator)
        # Shortcuts go to the active window only; make sure it is ours.
        harness.window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is harness.window, timeout=2000)
        return harness, narrator, controls

    return build


def test_cues_are_spoken_and_m_mutes_them(qtbot, voiced):
    speaker = RecordingSpeaker()
    harness, narrator, _ = voiced(speaker)
    harness.window.start_routine("desk-break")
    timeline = harness.window.controller.engine.timeline
    assert speaker.texts == [timeline.steps[0].cue]
    harness.advance_to(timeline.steps[2].start + 0.1)
    assert speaker.texts[-1] == timeline.steps[2].cue
    assert harness.window.player.caption.text() == timeline.steps[2].cue

    qtbot.keyClick(harness.window.player, Qt.Key.Key_M)
    assert narrator.muted
    count = len(speaker.texts)
    harness.advance_to(timeline.steps[4].start + 0.1)
    assert len(speaker.texts) == count  # muted: nothing more said...
    assert harness.window.player.caption.text() == timeline.steps[4].cue  # ...but captioned


def test_skip_cuts_the_cue_being_said(qtbot, voiced):
    speaker = RecordingSpeaker(auto_finish=False)
    harness, _, _ = voiced(speaker)
    harness.window.start_routine("desk-break")
    cuts = len(speaker.cuts)
    qtbot.keyClick(harness.window.player, Qt.Key.Key_Right)
    assert len(speaker.cuts) == cuts + 1


def test_no_speech_engine_is_explained_once_and_captions_go_on(qtbot, voiced):
    reason = "No speech engine found. On Debian or Ubuntu: sudo apt install libespeak-ng1"
    harness, _, _ = voiced(SilentSpeaker(reason))
    note = harness.window.player.voice_note
    qtbot.waitUntil(lambda: reason in note.text(), timeout=2000)
    harness.window.start_routine("desk-break")
    harness.advance(12)
    assert note.text().count(reason) == 1
    assert note.isVisible()
    assert harness.window.player.caption.text()


def test_settings_dialog_applies_and_saves(qtbot, voiced, settings_store):
    speaker = RecordingSpeaker()
    harness, narrator, controls = voiced(speaker)
    dialog = controls.open_settings()
    assert isinstance(dialog, SettingsDialog)
    assert speaker.starts == 1  # the dialog lists the engine's voices: it needs the worker
    dialog.weekly_goal.setValue(4)
    dialog.enabled.setChecked(False)
    dialog.check_ins.setChecked(False)
    dialog.accept()
    saved = settings_store.load()
    assert (saved.weekly_goal, saved.voice_enabled, saved.check_in_enabled) == (4, False, False)
    assert narrator.muted
    assert harness.window.player.buttons["mute"].text() == "Unmute"
