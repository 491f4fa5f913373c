"""The voice in the window: the settings that turn it on or off, why it is off, the dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.speech.base import VoiceSettings
from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.storage.settings import Settings, SettingsChange, SettingsModel
from backcare_desktop.ui.dialogs import open_returning_focus

if TYPE_CHECKING:
    # Imported when the dialog is first opened, not before the window's first paint.
    from backcare_desktop.ui.settings_dialog import SettingsDialog


def voice_settings(settings: Settings, language: str | None = None) -> VoiceSettings:
    """The speaker's view of the person's settings; with no voice chosen, the worker picks
    one that speaks `language` (the cues' language)."""
    return VoiceSettings(
        settings.voice_id, settings.voice_rate, settings.voice_volume, language=language
    )


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
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
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
        note = self._tr._("Voice off: {reason} Captions show every cue.").format(reason=reason)
        self._show_note("" if available else note)

    def _on_settings_changed(self, change: SettingsChange) -> None:
        if change.changed("voice_enabled"):
            self._narrator.set_muted(not change.after.voice_enabled)

    def open_settings(self, parent: QWidget | None = None) -> SettingsDialog:
        from backcare_desktop.ui.settings_dialog import SettingsDialog

        # The dialog lists the engine's voices and offers a test: it needs the worker,
        # which a muted start has not started yet.
        self._narrator.speaker.start()
        dialog = SettingsDialog(self._settings.current, self._bridge, parent, tr=self._tr)
        dialog.setObjectName("settingsDialog")
        dialog.settingsAccepted.connect(self._settings.set)
        dialog.finished.connect(dialog.deleteLater)
        self._dialog = dialog
        if parent is not None:
            open_returning_focus(dialog, parent.window())
        else:
            dialog.open()
        return dialog

    def shutdown(self) -> None:
        self._unsubscribe()
        self._narrator.detach()
        self._bridge.close()
        self._narrator.speaker.shutdown()
