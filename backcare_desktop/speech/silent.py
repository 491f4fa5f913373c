"""The speaker used when there is no voice: it says nothing, and knows why."""

from __future__ import annotations

from collections.abc import Callable

from backcare_desktop.speech import reasons
from backcare_desktop.speech.base import Listeners, SpeechListener, VoiceInfo, VoiceSettings


class SilentSpeaker:
    """Cues are captions only. `reason` is what the window and the settings tell the user."""

    def __init__(self, reason: str | None = None) -> None:
        self._reason = reason if reason is not None else reasons.no_engine()
        self._listeners = Listeners()

    @property
    def available(self) -> bool:
        return False

    @property
    def ready(self) -> bool:
        return False

    @property
    def reason(self) -> str | None:
        return self._reason

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        return ()

    def start(self) -> None:
        pass

    def say(self, text: str, cue_id: int) -> None:
        del text, cue_id

    def cut(self) -> None:
        pass

    def drop_queued(self) -> None:
        pass

    def configure(self, settings: VoiceSettings) -> None:
        del settings

    def subscribe(self, listener: SpeechListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self) -> None:
        pass
