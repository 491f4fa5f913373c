"""Settings: the voice (on/off, which, how fast, how loud, a button to hear it), how the
window looks (theme, text size, motion), the weekly goal and the check-ins.

The dialog edits a copy of the Settings it is given; `settings()` returns the result and
`accepted` tells the caller to keep it. It never waits on the speaker: the voice list
and the status arrive through the SpeakerBridge's signals whenever the engine is ready.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
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

from backcare_desktop.core.i18n import (
    ENGLISH,
    ENGLISH_TRANSLATOR,
    LANGUAGE_NAMES,
    LANGUAGES,
    N_,
    Translator,
)
from backcare_desktop.speech.base import VoiceInfo, VoiceSettings
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.storage.settings import VOICE_RATE_RANGE, WEEKLY_GOAL_RANGE, Settings
from backcare_desktop.ui.reminder_settings import ReminderSettings
from backcare_desktop.ui.theme import TEXT_SIZES, THEME_CHOICES
from backcare_desktop.ui.widgets import fitting

# The window manager's title bar and border, kept free when the dialog fits the screen.
FRAME_ALLOWANCE_PX = 60

TEST_TEXT = N_("This is your BackCare voice. Breathe in slowly... and breathe out.")
RATE_RANGE = VOICE_RATE_RANGE  # the store clamps to the same range on load
# Test cues get ids of their own, below zero, so they never collide with the narrator's.
TEST_CUE_ID = -1
# Voices for the cues' language are listed first (English when none is given).
CUE_LANGUAGE = ENGLISH


def speaks(voice: VoiceInfo, language: str) -> bool:
    """Whether `voice` lists `language` ("en" matches "en", "en-GB", "en_US" ...)."""
    return any(
        lang.casefold().replace("_", "-").split("-")[0] == language for lang in voice.languages
    )


def voice_order(voices: tuple[VoiceInfo, ...], language: str = CUE_LANGUAGE) -> list[VoiceInfo]:
    """The voices that speak the cues' language first, then the rest, each by name."""
    return sorted(voices, key=lambda v: (not speaks(v, language), v.name.casefold()))


def voice_settings(settings: Settings, language: str | None = None) -> VoiceSettings:
    """The speaker's view of the person's settings; with no voice chosen, the worker picks
    one that speaks `language` (the cues' language)."""
    return VoiceSettings(
        settings.voice_id, settings.voice_rate, settings.voice_volume, language=language
    )


class SettingsDialog(QDialog):
    settingsAccepted = Signal(object)  # the new Settings, when OK was pressed

    def __init__(
        self,
        settings: Settings,
        bridge: SpeakerBridge,
        parent: QWidget | None = None,
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        # English is the engine's own default voice: nothing to pick (and nothing changes
        # for the English speaker); another language asks the worker for a voice of it.
        self._voice_language = None if tr.language == ENGLISH else tr.language
        self.setWindowTitle(tr._("Settings"))
        # Room for the install hint, and still inside a 420 px side panel (the rest scrolls).
        self.setMinimumWidth(400)
        self._original = settings
        self._bridge = bridge
        self._test_id = TEST_CUE_ID
        self._sized = False

        self.enabled = QCheckBox(tr._("Speak the cues (captions are always shown)"))
        self.enabled.setChecked(settings.voice_enabled)
        self.enabled.setAccessibleDescription(
            tr._("Off: cues are shown, and screen readers announce them")
        )

        # The language of the window, the exercises and the voice; "" follows the system.
        self.language = QComboBox()
        self.language.setAccessibleName(tr._("Language"))
        self.language.setAccessibleDescription(
            tr._("The words on screen and the spoken cues. Applies when BackCare starts again")
        )
        self.language.addItem(tr._("As the system"), "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language_note = QLabel(tr._("A new language applies when BackCare starts again."))
        self.language_note.setObjectName("hint")
        self.language_note.setWordWrap(True)

        self.voice = QComboBox()
        self.voice.setAccessibleName(tr._("Voice"))
        self.voice.setAccessibleDescription(
            tr._("Voices of the cues' language first; with none chosen, one is picked")
        )
        self.voice.setMinimumContentsLength(24)
        self._fill_voices(bridge.voices, settings.voice_id)

        self.rate = QSlider(Qt.Orientation.Horizontal)
        self.rate.setRange(*RATE_RANGE)
        self.rate.setSingleStep(5)
        self.rate.setPageStep(20)
        self.rate.setValue(settings.voice_rate)
        self.rate.setAccessibleName(tr._("Speed, words a minute"))
        self.rate.setAccessibleDescription(tr._("How fast the cues are spoken"))
        self.rate_label = QLabel()
        self.rate.valueChanged.connect(self._show_rate)
        self._show_rate(self.rate.value())

        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(round(settings.voice_volume * 100))
        self.volume.setAccessibleName(tr._("Volume, percent"))
        self.volume.setAccessibleDescription(tr._("How loud the cues are spoken"))
        self.volume_label = QLabel()
        self.volume.valueChanged.connect(self._show_volume)
        self._show_volume(self.volume.value())

        self.test_button = QPushButton(tr._("Test voice"))
        self.test_button.setAccessibleDescription(tr._("Say a sentence with these settings"))
        self.test_button.clicked.connect(self.test_voice)
        # What the test is doing, right beside it: playing, done, or why it cannot.
        self.test_status = QLabel()
        self.test_status.setObjectName("testStatus")
        self.test_status.setWordWrap(True)
        self.test_status.setAccessibleName(tr._("Voice test"))

        self.theme = QComboBox()
        self.theme.setAccessibleName(tr._("Theme"))
        self.theme.setAccessibleDescription(
            tr._("Light, dark or high contrast; or as the system is")
        )
        for value, label in THEME_CHOICES:
            self.theme.addItem(tr._(label), value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.text_size = QComboBox()
        self.text_size.setAccessibleName(tr._("Text size"))
        self.text_size.setAccessibleDescription(tr._("The cue, the count and all other text"))
        for percent in TEXT_SIZES:
            self.text_size.addItem(f"{percent} %", percent)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(settings.text_size)))
        self.reduced_motion = QCheckBox(
            tr._("Reduce motion: show each pose still, without movement")
        )
        self.reduced_motion.setChecked(settings.reduced_motion)
        self.reduced_motion.setAccessibleDescription(
            tr._("The figure shows each key pose and does not move between them")
        )

        self.weekly_goal = QSpinBox()
        self.weekly_goal.setRange(*WEEKLY_GOAL_RANGE)
        self.weekly_goal.setValue(settings.weekly_goal)
        self.weekly_goal.setSuffix(tr._(" sessions a week"))
        self.weekly_goal.setToolTip(
            tr._("Three or four sessions a week work best for most people.")
        )
        self.weekly_goal.setAccessibleName(tr._("Weekly goal"))
        self.check_ins = QCheckBox(tr._("Ask how my back feels before and after a session"))
        self.check_ins.setChecked(settings.check_in_enabled)
        self.check_ins.setAccessibleDescription(tr._("A 0 to 10 pain question, always skippable"))

        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # engine errors quoted as they are
        self.status.setObjectName("voiceStatus")
        self.status.setAccessibleName(tr._("Voice status"))
        self.status.setWordWrap(True)
        # The reason names a command to run; let people select and copy it.
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        form = QFormLayout()
        form.addRow(tr._("Language"), self.language)
        form.addRow("", self.language_note)
        form.addRow(self.enabled)
        form.addRow(tr._("Voice"), self.voice)
        form.addRow(tr._("Speed"), _with_label(self.rate, self.rate_label))
        form.addRow(tr._("Volume"), _with_label(self.volume, self.volume_label))
        form.addRow("", self.test_button)
        form.addRow("", self.test_status)
        form.addRow(tr._("Theme"), self.theme)
        form.addRow(tr._("Text size"), self.text_size)
        form.addRow(self.reduced_motion)
        form.addRow(tr._("Weekly goal"), self.weekly_goal)
        form.addRow(self.check_ins)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleDescription(
            tr._("Keep these settings")
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleDescription(
            tr._("Close without changing anything")
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        # Everything but OK and Cancel scrolls: the dialog is taller than a 768 px screen.
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        self.reminders_box = ReminderSettings.for_dialog(settings.reminders, self, tr)
        inner.addWidget(self.reminders_box)
        inner.addWidget(self.status)
        self.scroll_area = fitting(content)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(buttons)

        bridge.statusChanged.connect(self._on_status)
        bridge.failed.connect(self._on_failed)
        bridge.started.connect(self._on_started)
        bridge.spoken.connect(self._on_spoken)
        self._on_status(bridge.available, bridge.reason or "")
        if bridge.last_problem:
            self._on_failed(bridge.last_problem)
        self.setTabOrder(self.language, self.enabled)
        self.setTabOrder(self.enabled, self.voice)
        for before, after in (
            (self.voice, self.rate),
            (self.rate, self.volume),
            (self.volume, self.test_button),
            (self.test_button, self.theme),
            (self.theme, self.text_size),
            (self.text_size, self.reduced_motion),
            (self.reduced_motion, self.weekly_goal),
            (self.weekly_goal, self.check_ins),
        ):
            self.setTabOrder(before, after)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Qt opens a scrolling dialog at two thirds of the screen: take what the content
        # needs, up to the screen's height (the rest scrolls).
        screen = self.screen()
        if not self._sized and screen is not None:
            self._sized = True
            room = screen.availableGeometry().height() - FRAME_ALLOWANCE_PX
            self.resize(self.width(), max(self.height(), min(self.sizeHint().height(), room)))

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
            theme=str(self.theme.currentData()),
            text_size=int(self.text_size.currentData()),
            reduced_motion=self.reduced_motion.isChecked(),
            language=str(self.language.currentData() or ""),
        )

    def accept(self) -> None:
        chosen = self.settings()
        self._bridge.speaker.configure(voice_settings(chosen, self._voice_language))
        self.settingsAccepted.emit(chosen)
        super().accept()

    def reject(self) -> None:
        # "Test voice" may have tried other values on the speaker; put the saved ones back.
        self._bridge.speaker.cut()
        self._bridge.speaker.configure(voice_settings(self._original, self._voice_language))
        super().reject()

    def test_voice(self) -> None:
        speaker = self._bridge.speaker
        speaker.cut()
        speaker.configure(voice_settings(self.settings(), self._voice_language))
        self._test_id -= 1
        speaker.say(self._tr._(TEST_TEXT), self._test_id)
        self.test_status.setText(
            self._tr._("Starting the voice…")
            if not speaker.ready
            else self._tr._("Sending the test sentence…")
        )

    # -- slots ----------------------------------------------------------------------------

    def _on_status(self, available: bool, reason: str) -> None:
        self.test_button.setEnabled(available)
        self.voice.setEnabled(available)
        self.rate.setEnabled(available)
        self.volume.setEnabled(available)
        if not available:
            self.status.setText(
                reason or self._tr._("The voice is not available; captions are shown.")
            )
            return
        self.status.setText("" if self._bridge.ready else self._tr._("Starting the voice…"))
        if self._bridge.voices:
            self._fill_voices(self._bridge.voices, self.voice.currentData())

    def _on_failed(self, message: str) -> None:
        self.status.setText(message)
        self.test_status.setText(self._tr._("The voice cannot be heard: see the note below."))

    def _on_started(self, cue_id: int) -> None:
        if cue_id == self._test_id:
            self.test_status.setText(self._tr._("Speaking the test sentence…"))

    def _on_spoken(self, cue_id: int, completed: bool) -> None:
        if cue_id != self._test_id:
            return
        self.test_status.setText(
            self._tr._("Done. Heard nothing? Check the sound output and its volume.")
            if completed
            else self._tr._("The test was cut short.")
        )

    def _show_rate(self, value: int) -> None:
        self.rate_label.setText(self._tr._("{value} words/min").format(value=value))

    def _show_volume(self, value: int) -> None:
        self.volume_label.setText(f"{value} %")

    def _fill_voices(self, voices: tuple[VoiceInfo, ...], selected: object) -> None:
        self.voice.blockSignals(True)
        self.voice.clear()
        self.voice.addItem(self._tr._("System default"), None)
        for voice in voice_order(voices, self._tr.language):
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
