"""A settings.json with values no dialog offers (10^23 sessions a week, a NaN volume):
the progress page and the Settings dialog still open, showing the clamped values."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.storage.settings import WEEKLY_GOAL_RANGE, SettingsStore
from backcare_desktop.ui.settings_dialog import SettingsDialog

from .conftest import make_harness

HOSTILE = (
    '{"health_note_acknowledged": true, "weekly_goal": 100000000000000000000000,'
    ' "voice_rate": 5000000, "voice_volume": NaN}'
)


def test_hostile_values_open_the_progress_page_and_the_dialog(
    qtbot, tmp_path, presets, fake_clock, history
):
    store = SettingsStore(tmp_path / "settings.json")
    store.path.write_text(HOSTILE)
    harness = make_harness(qtbot, presets, store, fake_clock, history=history)
    window = harness.window
    window.show_progress()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.progress, timeout=2000)
    texts = " ".join(label.text() for label in window.progress.findChildren(QLabel))
    assert f"of {WEEKLY_GOAL_RANGE[1]}" in texts
    bridge = SpeakerBridge(RecordingSpeaker())
    try:
        dialog = SettingsDialog(window.settings.current, bridge)
        qtbot.addWidget(dialog)
        assert dialog.rate.value() == dialog.rate.maximum()
        assert dialog.volume.value() == 100
        assert dialog.weekly_goal.value() == WEEKLY_GOAL_RANGE[1]
    finally:
        bridge.close()
        window.close()
