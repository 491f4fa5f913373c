"""The speaker interface every backend implements, and the events it reports.

Qt-free on purpose: the narrator, the CLI and the tests use speakers without a window.
Events may be delivered on any thread (the pyttsx3 backend reports from its supervisor
thread); a window connects through `qt_bridge.SpeakerBridge`, which moves them onto the
GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class VoiceInfo:
    """One voice the engine offers (for the settings' voice list)."""

    id: str
    name: str
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class VoiceSettings:
    """How to speak. None leaves the engine's own default in place."""

    voice_id: str | None = None
    rate: int | None = None  # words per minute
    volume: float | None = None  # 0.0 .. 1.0
    # The language the cues are in: with no voice_id, the worker picks a voice of it.
    language: str | None = None


@dataclass(frozen=True)
class SpeechStarted:
    cue_id: int


@dataclass(frozen=True)
class SpeechFinished:
    cue_id: int
    completed: bool  # False when the cue was cut short (skip, back, stop, mute) or lost


@dataclass(frozen=True)
class SpeechDropped:
    """A cue that was waiting its turn and was dropped: its moment had passed."""

    cue_id: int


@dataclass(frozen=True)
class SpeechFailed:
    """Something went wrong that the user may want to know; speech goes on if it can."""

    message: str


@dataclass(frozen=True)
class SpeakerStatus:
    """The voice became ready, or was given up on (then `reason` says why and what to do)."""

    available: bool
    ready: bool
    reason: str | None
    voices: tuple[VoiceInfo, ...] = ()


SpeechEvent = SpeechStarted | SpeechFinished | SpeechDropped | SpeechFailed | SpeakerStatus
SpeechListener = Callable[[SpeechEvent], None]


@runtime_checkable
class Speaker(Protocol):
    """Says cues one at a time without ever making the caller wait.

    `available` is False when there is no voice at all (then `reason` tells the user why
    and how to get one); `ready` is True once the engine can speak at once. Every method
    returns immediately.
    """

    @property
    def available(self) -> bool: ...

    @property
    def ready(self) -> bool: ...

    @property
    def reason(self) -> str | None: ...

    @property
    def voices(self) -> tuple[VoiceInfo, ...]: ...

    def start(self) -> None:
        """Get the engine ready in the background (once; later calls do nothing). A speaker
        may wait for this, or for its first cue, before it starts anything costly."""

    def say(self, text: str, cue_id: int) -> None:
        """Speak `text` after whatever is being said now (starting the engine if need be)."""

    def cut(self) -> None:
        """Silence the current cue at once and forget the waiting ones."""

    def drop_queued(self) -> None:
        """Forget the cues still waiting their turn (their step is over); keep the current one."""

    def configure(self, settings: VoiceSettings) -> None:
        """Use this voice, rate and volume from the next cue on."""

    def subscribe(self, listener: SpeechListener) -> Callable[[], None]:
        """Call `listener` with every event; returns a function that unsubscribes."""

    def shutdown(self) -> None:
        """Stop speaking and release the engine; the speaker is unusable afterwards."""


class Listeners:
    """A thread-safe list of listeners, for backends to fan their events out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._listeners: list[SpeechListener] = []

    def add(self, listener: SpeechListener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def remove() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return remove

    def emit(self, event: SpeechEvent) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                # A faulty listener must not take the speaker's thread down with it.
                _log.exception("speech listener failed on %r", event)
