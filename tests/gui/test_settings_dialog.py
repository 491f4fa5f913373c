"""The voice settings dialog, with a recording speaker standing in for the engine."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from backcare_desktop.speech.base import VoiceInfo, VoiceSettings
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.speech.silent import SilentSpeaker
from backcare_desktop.storage.settings import Settings
from backcare_desktop.ui.settings_dialog import TEST_TEXT, SettingsDialog

VOICES = (
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-us", "English (America)", ("en-us",)),
    VoiceInfo("roa/fr", "French", ("fr-fr",)),
)


@pytest.fixture
def make_dialog(qtbot):
    bridges: list[SpeakerBridge] = []

    def make(speaker, settings: Settings | None = None) -> SettingsDialog:
        bridge = SpeakerBridge(speaker)
        bridges.append(bridge)
        dialog = SettingsDialog(settings or Settings(), bridge)
        qtbot.addWidget(dialog)
        return dialog

    yield make
    for bridge in bridges:
        bridge.close()


def test_it_shows_the_saved_settings(make_dialog):
    settings = Settings(voice_enabled=False, voice_id="roa/fr", voice_rate=150, voice_volume=0.6)
    dialog = make_dialog(RecordingSpeaker(voices=VOICES), settings)
    assert not dialog.enabled.isChecked()
    assert dialog.voice.currentData() == "roa/fr"
    assert dialog.voice.currentText() == "French (fr-fr)"
    assert dialog.rate.value() == 150
    assert dialog.rate_label.text() == "150 words/min"
    assert dialog.volume.value() == 60
    assert dialog.settings() == settings


def test_voices_for_the_cues_language_come_first_then_by_name(make_dialog):
    voices = (
        VoiceInfo("roa/fr", "French", ("fr-fr",)),
        VoiceInfo("art/eo", "Esperanto", ("eo",)),
        *VOICES[:2],
        VoiceInfo("gmw/en-029", "English (Caribbean)", ("en_029",)),
    )
    dialog = make_dialog(RecordingSpeaker(voices=voices))
    items = [dialog.voice.itemText(i) for i in range(dialog.voice.count())]
    assert items == [
        "System default",
        "English (America) (en-us)",
        "English (Caribbean) (en_029)",
        "English (Great Britain) (en-gb)",
        "Esperanto (eo)",
        "French (fr-fr)",
    ]
    assert dialog.voice.currentData() is None


def test_voices_that_arrive_later_are_listed_and_the_saved_one_kept(qtbot, make_dialog):
    speaker = RecordingSpeaker()
    speaker.set_status(True, ready=False, voices=())
    dialog = make_dialog(speaker, Settings(voice_id="gmw/en-us"))
    assert dialog.voice.currentText() == "gmw/en-us"  # not listed yet, not lost either
    assert dialog.status.text() == "Starting the voice…"
    with qtbot.waitSignal(dialog._bridge.statusChanged, timeout=5000):
        speaker.set_status(True, voices=VOICES)
    assert dialog.voice.count() == 4
    assert dialog.voice.currentText() == "English (America) (en-us)"
    assert dialog.status.text() == ""


def test_without_a_voice_it_says_why_and_how_to_get_one(make_dialog):
    dialog = make_dialog(SilentSpeaker())
    assert "sudo apt install libespeak-ng1 alsa-utils" in dialog.status.text()
    assert not dialog.test_button.isEnabled()
    assert not dialog.voice.isEnabled()
    # Voice on/off stays editable: it decides whether cues are spoken once a voice exists.
    assert dialog.enabled.isEnabled()


def test_the_voice_going_away_is_shown(qtbot, make_dialog):
    speaker = RecordingSpeaker(voices=VOICES)
    dialog = make_dialog(speaker)
    assert dialog.test_button.isEnabled()
    with qtbot.waitSignal(dialog._bridge.statusChanged, timeout=5000):
        speaker.set_status(False, "The speech engine kept stopping.")
    assert dialog.status.text() == "The speech engine kept stopping."
    assert not dialog.test_button.isEnabled()


def test_test_voice_speaks_with_the_values_on_screen(qtbot, make_dialog):
    speaker = RecordingSpeaker(voices=VOICES, auto_finish=False)
    dialog = make_dialog(speaker)
    dialog.voice.setCurrentIndex(dialog.voice.findData("gmw/en"))
    dialog.rate.setValue(140)
    dialog.volume.setValue(50)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert speaker.settings[-1] == VoiceSettings("gmw/en", 140, 0.5)
    assert speaker.texts == [TEST_TEXT]
    assert speaker.said[0].cue_id < 0  # never one of the narrator's ids
    # A second press cuts the first sample rather than queueing behind it.
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert len(speaker.cuts) == 2
    assert speaker.current is not None and speaker.current.cue_id == speaker.said[1].cue_id


def test_ok_hands_back_the_new_settings_and_applies_them(qtbot, make_dialog):
    speaker = RecordingSpeaker(voices=VOICES)
    original = Settings(weekly_goal=4)
    dialog = make_dialog(speaker, original)
    dialog.enabled.setChecked(False)
    dialog.voice.setCurrentIndex(dialog.voice.findData("roa/fr"))
    dialog.rate.setValue(190)
    dialog.volume.setValue(80)
    with qtbot.waitSignal(dialog.settingsAccepted, timeout=1000) as blocker:
        dialog.accept()
    chosen = blocker.args[0]
    assert chosen == Settings(
        voice_enabled=False, voice_id="roa/fr", voice_rate=190, voice_volume=0.8, weekly_goal=4
    )
    assert speaker.settings[-1] == VoiceSettings("roa/fr", 190, 0.8)


def test_cancel_puts_the_saved_voice_back(qtbot, make_dialog):
    speaker = RecordingSpeaker(voices=VOICES)
    original = Settings(voice_id="gmw/en", voice_rate=165)
    dialog = make_dialog(speaker, original)
    dialog.rate.setValue(250)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    with qtbot.assertNotEmitted(dialog.settingsAccepted):
        dialog.reject()
    assert speaker.settings[-1] == VoiceSettings("gmw/en", 165, 1.0)


def test_test_voice_says_what_it_is_doing(qtbot, make_dialog):
    speaker = RecordingSpeaker(voices=VOICES, auto_finish=False)
    dialog = make_dialog(speaker)
    dialog.test_voice()
    qtbot.waitUntil(lambda: dialog.test_status.text() == "Speaking the test sentence…")
    speaker.finish()
    qtbot.waitUntil(lambda: dialog.test_status.text().startswith("Done."))
    assert "sound output" in dialog.test_status.text()


def test_a_voice_that_cannot_be_heard_is_said_when_settings_open(qtbot):
    from backcare_desktop.speech.base import SpeechFailed

    speaker = RecordingSpeaker(voices=VOICES)
    bridge = SpeakerBridge(speaker)  # one per window: it outlives each dialog
    try:
        with qtbot.waitSignal(bridge.failed):
            speaker._listeners.emit(SpeechFailed("No sound output was found."))
        dialog = SettingsDialog(Settings(), bridge)  # opened after the failure
        qtbot.addWidget(dialog)
        assert dialog.status.text() == "No sound output was found."
        assert dialog.test_status.text().startswith("The voice cannot be heard")
    finally:
        bridge.close()


def test_look_and_motion_settings_round_trip(make_dialog):
    settings = Settings(theme="high-contrast", text_size=150, reduced_motion=True)
    dialog = make_dialog(RecordingSpeaker(voices=VOICES), settings)
    assert dialog.theme.currentText() == "High contrast"
    assert dialog.text_size.currentText() == "150 %"
    assert dialog.reduced_motion.isChecked()
    assert dialog.settings() == settings
