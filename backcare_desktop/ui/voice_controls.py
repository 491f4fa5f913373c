"""The voice in the window: the settings that turn it on or off, why it is off, the dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.storage.settings import SettingsChange, SettingsModel
from backcare_desktop.ui.settings_dialog import SettingsDialog


class VoiceControls(QObject):
    """Connects a Narrator and its speaker to the settings and to the note under the player.

    The narrator owns the mute state; the settings own whether the voice is on. A change
    of the setting mutes or unmutes the narrator; the player hears that from the narrator.
    """

    def __init__(
        self,
        narrator: Narrator,
        bridge: SpeakerBridge,
        settings: SettingsModel,
        show_note: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._narrator = narrator
        self._bridge = bridge
        self._settings = settings
        self._show_note = show_note
        self._dialog: SettingsDialog | None = None
        self._unsubscribe = settings.subscribe(self._on_settings_changed)
        bridge.statusChanged.connect(self._on_status)
        bridge.failed.connect(show_note)
        if not bridge.available and bridge.reason:
            self._on_status(False, bridge.reason)

    def _on_status(self, available: bool, reason: str) -> None:
        # Said once, where it is seen: under the player; the settings show it too.
        self._show_note("" if available else f"Voice off: {reason} Captions show every cue.")

    def _on_settings_changed(self, change: SettingsChange) -> None:
        if change.changed("voice_enabled"):
            self._narrator.set_muted(not change.after.voice_enabled)

    def open_settings(self, parent: QWidget | None = None) -> SettingsDialog:
        dialog = SettingsDialog(self._settings.current, self._bridge, parent)
        dialog.setObjectName("settingsDialog")
        dialog.settingsAccepted.connect(self._settings.set)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
        return dialog

    def shutdown(self) -> None:
        self._unsubscribe()
        self._narrator.detach()
        self._bridge.close()
        self._narrator.speaker.shutdown()
