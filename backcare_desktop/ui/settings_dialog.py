"""Voice settings: on/off, which voice, how fast, how loud, and a button to hear it.

The dialog edits a copy of the Settings it is given; `settings()` returns the result and
`accepted` tells the caller to keep it. It never waits on the speaker: the voice list
and the status arrive through the SpeakerBridge's signals whenever the engine is ready.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.speech.base import VoiceInfo, VoiceSettings
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.storage.settings import VOICE_RATE_RANGE, WEEKLY_GOAL_RANGE, Settings
from backcare_desktop.ui.reminder_settings import ReminderSettings

TEST_TEXT = "This is your BackCare voice. Breathe in slowly... and breathe out."
RATE_RANGE = VOICE_RATE_RANGE  # the store clamps to the same range on load
# Test cues get ids of their own, below zero, so they never collide with the narrator's.
TEST_CUE_ID = -1


def voice_settings(settings: Settings) -> VoiceSettings:
    """The speaker's view of the person's settings."""
    return VoiceSettings(settings.voice_id, settings.voice_rate, settings.voice_volume)


class SettingsDialog(QDialog):
    settingsAccepted = Signal(object)  # the new Settings, when OK was pressed

    def __init__(
        self, settings: Settings, bridge: SpeakerBridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(440)  # room for the install hint without a tall, thin column
        self._original = settings
        self._bridge = bridge
        self._test_id = TEST_CUE_ID

        self.enabled = QCheckBox("Speak the cues (captions are always shown)")
        self.enabled.setChecked(settings.voice_enabled)

        self.voice = QComboBox()
        self.voice.setMinimumContentsLength(24)
        self._fill_voices(bridge.voices, settings.voice_id)

        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(*RATE_RANGE)
        self.rate.setSingleStep(5)
        self.rate.setPageStep(20)
        self.rate.setValue(settings.voice_rate)
        self.rate_label = QLabel()
        self.rate.valueChanged.connect(self._show_rate)
        self._show_rate(self.rate.value())

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.voice_volume * 100))
        self.volume_label = QLabel()
        self.volume.valueChanged.connect(self._show_volume)
        self._show_volume(self.volume.value())

        self.test_button = QPushButton("Test voice")
        self.test_button.clicked.connect(self.test_voice)

        self.weekly_goal = QSpinBox()
        self.weekly_goal.setRange(*WEEKLY_GOAL_RANGE)
        self.weekly_goal.setValue(settings.weekly_goal)
        self.weekly_goal.setSuffix(" sessions a week")
        self.weekly_goal.setToolTip("The articles suggest 3 to 4 sessions a week.")
        self.check_ins = QCheckBox("Ask how my back feels before and after a session")
        self.check_ins.setChecked(settings.check_in_enabled)

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # engine errors quoted as they are
        self.status.setWordWrap(True)
        # The reason names a command to run; let people select and copy it.
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(self.enabled)
        form.addRow("Voice", self.voice)
        form.addRow("Speed", _with_label(self.rate, self.rate_label))
        form.addRow("Volume", _with_label(self.volume, self.volume_label))
        form.addRow("", self.test_button)
        form.addRow("Weekly goal", self.weekly_goal)
        form.addRow(self.check_ins)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.reminders_box = ReminderSettings.for_dialog(settings.reminders, self)
        layout.addWidget(self.reminders_box)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        bridge.statusChanged.connect(self._on_status)
        bridge.failed.connect(self._on_failed)
        self._on_status(bridge.available, bridge.reason or "")

    # -- what the dialog produces ------------------------------------------------------

    def settings(self) -> Settings:
        voice_id = self.voice.currentData()
        return replace(
            self._original,
            voice_enabled=self.enabled.isChecked(),
            voice_id=voice_id if isinstance(voice_id, str) and voice_id else None,
            voice_rate=self.rate.value(),
            voice_volume=self.volume.value() / 100.0,
            weekly_goal=self.weekly_goal.value(),
            check_in_enabled=self.check_ins.isChecked(),
            reminders=self.reminders_box.reminders(),
        )

    def accept(self) -> None:
        chosen = self.settings()
        self._bridge.speaker.configure(voice_settings(chosen))
        self.settingsAccepted.emit(chosen)
        super().accept()

    def reject(self) -> None:
        # "Test voice" may have tried other values on the speaker; put the saved ones back.
        self._bridge.speaker.cut()
        self._bridge.speaker.configure(voice_settings(self._original))
        super().reject()

    def test_voice(self) -> None:
        speaker = self._bridge.speaker
        speaker.cut()
        speaker.configure(voice_settings(self.settings()))
        self._test_id -= 1
        speaker.say(TEST_TEXT, self._test_id)
        if not speaker.ready:
            self.status.setText("Starting the voice…")

    # -- slots ----------------------------------------------------------------------------

    def _on_status(self, available: bool, reason: str) -> None:
        self.test_button.setEnabled(available)
        self.voice.setEnabled(available)
        self.rate.setEnabled(available)
        self.volume.setEnabled(available)
        if not available:
            self.status.setText(reason or "The voice is not available; captions are shown.")
            return
        self.status.setText("" if self._bridge.ready else "Starting the voice…")
        if self._bridge.voices:
            self._fill_voices(self._bridge.voices, self.voice.currentData())

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)

    def _show_rate(self, value: int) -> None:
        self.rate_label.setText(f"{value} words/min")

    def _show_volume(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")

    def _fill_voices(self, voices: tuple[VoiceInfo, ...], selected: object) -> None:
        self.voice.blockSignals(True)
        self.voice.clear()
        self.voice.addItem("System default", None)
        for voice in sorted(voices, key=lambda v: v.name.casefold()):
            languages = ", ".join(voice.languages)
            self.voice.addItem(f"{voice.name} ({languages})" if languages else voice.name, voice.id)
        if isinstance(selected, str) and selected:
            index = self.voice.findData(selected)
            if index < 0:
                # Saved, but the engine has not listed it (yet): keep it, not lose it.
                self.voice.addItem(selected, selected)
                index = self.voice.count() - 1
            self.voice.setCurrentIndex(index)
        self.voice.blockSignals(False)


def _with_label(slider: QSlider, label: QLabel) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(slider, 1)
    label.setMinimumWidth(90)
    row.addWidget(label)
    return box
