"""A speaker for tests: it records what it was asked to say, and when, and says nothing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from backcare_desktop.speech.base import (
    Listeners,
    SpeakerStatus,
    SpeechDropped,
    SpeechFinished,
    SpeechListener,
    SpeechStarted,
    VoiceInfo,
    VoiceSettings,
)


@dataclass(frozen=True)
class Said:
    text: str
    cue_id: int
    t: float  # the clock's reading when say() was called


class RecordingSpeaker:
    """Records (text, cue_id, time) for every say().

    With `auto_finish` (the default) each cue starts and finishes at once, as if speech
    took no time. Without it a cue stays current until `finish()` or `cut()`, and later
    cues wait in a queue, as they do in the real backend, so a test can make one cue
    overrun into the next step.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        auto_finish: bool = True,
        voices: tuple[VoiceInfo, ...] = (),
    ) -> None:
        self._clock = clock
        self._auto_finish = auto_finish
        self._voices = voices
        self._listeners = Listeners()
        self.said: list[Said] = []
        self.spoken: list[Said] = []  # what actually started (queued cues may be dropped)
        self.cuts: list[float] = []
        self.dropped: list[int] = []
        self.settings: list[VoiceSettings] = []
        self.current: Said | None = None
        self.queued: list[Said] = []
        self.closed = False
        self.starts = 0  # how many times start() was called
        self._available = True
        self._ready = True
        self._reason: str | None = None

    @property
    def available(self) -> bool:
        return self._available

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def reason(self) -> str | None:
        return self._reason

    def set_status(
        self,
        available: bool,
        reason: str | None = None,
        *,
        ready: bool = True,
        voices: tuple[VoiceInfo, ...] | None = None,
    ) -> None:
        """Act out the engine becoming ready, or giving up (for tests of the window)."""
        self._available, self._ready, self._reason = available, ready and available, reason
        if voices is not None:
            self._voices = voices
        self._listeners.emit(SpeakerStatus(available, self._ready, reason, self._voices))

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        return self._voices

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.said]

    def start(self) -> None:
        self.starts += 1

    def say(self, text: str, cue_id: int) -> None:
        said = Said(text, cue_id, self._clock())
        self.said.append(said)
        self.queued.append(said)
        self._next()

    def finish(self) -> None:
        """End the current cue as if it had been spoken to the end."""
        if self.current is not None:
            done, self.current = self.current, None
            self._listeners.emit(SpeechFinished(done.cue_id, completed=True))
        self._next()

    def cut(self) -> None:
        self.cuts.append(self._clock())
        self.drop_queued()
        if self.current is not None:
            done, self.current = self.current, None
            self._listeners.emit(SpeechFinished(done.cue_id, completed=False))

    def drop_queued(self) -> None:
        for said in self.queued:
            self.dropped.append(said.cue_id)
            self._listeners.emit(SpeechDropped(said.cue_id))
        self.queued.clear()

    def configure(self, settings: VoiceSettings) -> None:
        self.settings.append(settings)

    def subscribe(self, listener: SpeechListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self) -> None:
        self.closed = True

    def _next(self) -> None:
        while self.current is None and self.queued:
            self.current = self.queued.pop(0)
            self.spoken.append(self.current)
            self._listeners.emit(SpeechStarted(self.current.cue_id))
            if self._auto_finish:
                self.finish()
