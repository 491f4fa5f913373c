"""The narrator: turns a session engine's events into speech (and cue-log lines).

Qt-free. The engine fires its events on whichever thread polls it (the GUI thread in the
app); the narrator only ever calls the speaker's non-blocking methods, so handling an
event costs microseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from backcare_desktop.core.engine import CueDue, CutSpeech, Event, StepStarted
from backcare_desktop.speech.base import Speaker
from backcare_desktop.speech.cue_log import CueLog


class Engine(Protocol):
    """What the narrator needs of a SessionEngine."""

    def subscribe(self, listener: Callable[[Event], None]) -> None: ...

    def position(self) -> float: ...


class Narrator:
    """Speaks each cue as its step starts; cuts speech on skip, back, restart, pause, stop.

    Muting (the M key, `--no-voice`) silences speech at once but keeps the cue log and
    the captions going: every cue is still shown. One narrator lives as long as the
    window; `attach()` it to each session's engine.
    """

    def __init__(
        self, speaker: Speaker, *, muted: bool = False, cue_log: CueLog | None = None
    ) -> None:
        self._speaker = speaker
        self._muted = muted
        self._cue_log = cue_log
        self._engine: Engine | None = None
        self._step_index = -1
        self._next_id = 0
        self._cues: dict[int, tuple[int, str]] = {}

    @property
    def speaker(self) -> Speaker:
        return self._speaker

    @property
    def muted(self) -> bool:
        return self._muted

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self._speaker.cut()  # a person who presses M wants quiet now, not after the cue

    def toggle_muted(self) -> bool:
        self.set_muted(not self._muted)
        return self._muted

    def attach(self, engine: Engine) -> None:
        """Narrate `engine` from now on (and no longer the previous one)."""
        self._engine = engine
        self._step_index = -1
        engine.subscribe(lambda event: self._on_event(engine, event))

    def detach(self) -> None:
        """Stop narrating (the session window closed): silence what is being said."""
        if self._engine is not None:
            self._engine = None
            self._speaker.cut()

    def cue_of(self, cue_id: int) -> tuple[int, str] | None:
        """The (step index, text) a cue id was given for, if the narrator gave it."""
        return self._cues.get(cue_id)

    def _on_event(self, engine: Engine, event: Event) -> None:
        if engine is not self._engine:
            return  # an engine we no longer narrate (the engine has no unsubscribe)
        if isinstance(event, StepStarted):
            self._step_index = event.step.index
            # Cues still waiting behind a long one belong to a step that is now over.
            self._speaker.drop_queued()
        elif isinstance(event, CueDue):
            self._on_cue(engine, event)
        elif isinstance(event, CutSpeech) and event.reason != "finished":
            # At the natural end the closing line is left to finish: nothing follows it.
            self._speaker.cut()

    def _on_cue(self, engine: Engine, event: CueDue) -> None:
        if event.step.index != self._step_index:
            return  # the engine drops stale cues; this guards against one slipping through
        text = event.cue.text
        if self._cue_log is not None:
            self._cue_log.write(engine.position(), text, event.step.index)
        if self._muted or not self._speaker.available:
            return
        self._next_id += 1
        # Only the cues of the last few steps are worth remembering.
        self._cues.pop(self._next_id - 64, None)
        self._cues[self._next_id] = (event.step.index, text)
        self._speaker.say(text, self._next_id)
