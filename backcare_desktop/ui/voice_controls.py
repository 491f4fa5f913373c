"""The voice in the window: mute, why it is off, and the settings dialog."""

from __future__ import annotations

from PySide6.QtCore import QObject

from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.storage.settings import Settings
from backcare_desktop.ui.main_window import MainWindow
from backcare_desktop.ui.settings_dialog import SettingsDialog


class VoiceControls(QObject):
    """Connects a Narrator and its speaker to the window's buttons, notes and settings."""

    def __init__(self, window: MainWindow, narrator: Narrator, bridge: SpeakerBridge) -> None:
        super().__init__(window)
        self._window = window
        self._narrator = narrator
        self._bridge = bridge
        self._dialog: SettingsDialog | None = None
        player = window.player
        player.set_muted(narrator.muted)
        player.mute_toggled.connect(narrator.set_muted)
        bridge.statusChanged.connect(self._on_status)
        bridge.failed.connect(player.show_voice_note)
        window.home.settings_requested.connect(self.open_settings)
        if not bridge.available and bridge.reason:
            self._on_status(False, bridge.reason)

    def _on_status(self, available: bool, reason: str) -> None:
        # Said once, where it is seen: under the player; the settings show it too.
        self._window.player.show_voice_note(
            "" if available else f"Voice off: {reason} Captions show every cue."
        )

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self._window.settings, self._bridge, self._window)
        dialog.setObjectName("settingsDialog")
        dialog.settingsAccepted.connect(self._apply)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        dialog.open()
        return dialog

    def _apply(self, chosen: Settings) -> None:
        before = self._window.settings
        self._window.save_settings(chosen)
        if chosen.voice_enabled != before.voice_enabled:
            self._narrator.set_muted(not chosen.voice_enabled)
            self._window.player.set_muted(not chosen.voice_enabled)
        self._window.set_weekly_goal(chosen.weekly_goal)

    def shutdown(self) -> None:
        self._narrator.detach()
        self._bridge.close()
        self._narrator.speaker.shutdown()
