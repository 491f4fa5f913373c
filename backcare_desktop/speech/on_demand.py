"""A speaker made the first time it has something to do.

With the voice off (`--no-voice`, or off in Settings) a session never speaks, yet the
narrator needs a speaker to hand cues to once the person unmutes. The real backend (its
module, its supervisor thread: ~0.5 MB of the app's memory for the speech backend's code
alone, issue 18) is made when it is first started or given a cue: at the first paint with
the voice on, on unmute, or when Settings lists the voices. Until then it reports what a
backend reports before it has tried: available, not ready, no voices.

Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable

from backcare_desktop.speech.base import (
    Listeners,
    Speaker,
    SpeechListener,
    VoiceInfo,
    VoiceSettings,
)


class SpeakerOnDemand:
    """A `Speaker` that makes its backend with `make` when first started or given a cue."""

    def __init__(self, make: Callable[[], Speaker]) -> None:
        self._make = make
        self._backend: Speaker | None = None
        self._listeners = Listeners()  # outlive the backend's making: subscribed once
        self._settings: VoiceSettings | None = None  # configured before it was made
        self._closed = False

    @property
    def made(self) -> bool:
        return self._backend is not None

    def _backend_now(self) -> Speaker | None:
        if self._backend is None and not self._closed:
            backend = self._make()
            backend.subscribe(self._listeners.emit)
            if self._settings is not None:
                backend.configure(self._settings)
            self._backend = backend
        return self._backend

    @property
    def available(self) -> bool:
        return self._backend.available if self._backend is not None else True

    @property
    def ready(self) -> bool:
        return self._backend.ready if self._backend is not None else False

    @property
    def reason(self) -> str | None:
        return self._backend.reason if self._backend is not None else None

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        return self._backend.voices if self._backend is not None else ()

    def start(self) -> None:
        if (backend := self._backend_now()) is not None:
            backend.start()

    def say(self, text: str, cue_id: int) -> None:
        if (backend := self._backend_now()) is not None:
            backend.say(text, cue_id)

    def cut(self) -> None:
        if self._backend is not None:  # nothing is being said by a backend not made
            self._backend.cut()

    def drop_queued(self) -> None:
        if self._backend is not None:
            self._backend.drop_queued()

    def configure(self, settings: VoiceSettings) -> None:
        if self._backend is not None:
            self._backend.configure(settings)
        else:
            self._settings = settings

    def subscribe(self, listener: SpeechListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self) -> None:
        self._closed = True
        if self._backend is not None:
            self._backend.shutdown()
