"""The narrator: turns a session engine's events into speech.

Qt-free. The engine fires its events on whichever thread polls it (the GUI thread in the
app); the narrator only ever calls the speaker's non-blocking methods, so handling an
event costs microseconds. The cue log is a follower of its own (speech.cue_log): a disk
that fails under it cannot silence the voice.
"""

from __future__ import annotations

from collections.abc import Callable

from backcare_desktop.core.engine import CueDue, CutSpeech, Event, StepStarted
from backcare_desktop.core.events import Listeners, Unsubscribe
from backcare_desktop.core.planning import FollowedEngine, SessionPlan
from backcare_desktop.speech.base import Speaker


class Narrator:
    """Speaks each cue as its step starts; cuts speech on skip, back, restart, pause, stop.

    Muting (the M key, `--no-voice`) silences speech at once; the captions go on. The
    narrator owns the mute state: the player shows it and asks to change it, and hears
    each change through `subscribe_muted`. One narrator lives as long as the window;
    `attach()` it to each session's engine.
    """

    def __init__(self, speaker: Speaker, *, muted: bool = False) -> None:
        self._speaker = speaker
        self._muted = muted
        self._mute_listeners: Listeners[bool] = Listeners()
        self._unsubscribe: Unsubscribe | None = None
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
        if muted == self._muted:
            return
        self._muted = muted
        if muted:
            self._speaker.cut()  # a person who presses M wants quiet now, not after the cue
        else:
            self._speaker.start()  # a speaker left unstarted while muted gets ready now
        self._mute_listeners.emit(muted)

    @property
    def audible(self) -> bool:
        """Whether cues are spoken: not muted, and the speaker has a voice."""
        return not self._muted and self._speaker.available

    def subscribe_muted(self, listener: Callable[[bool], object]) -> Unsubscribe:
        return self._mute_listeners.subscribe(listener)

    def attach(self, engine: FollowedEngine, plan: SessionPlan | None = None) -> None:
        """Narrate `engine` from now on (and no longer the previous one)."""
        self._unhook()
        self._step_index = -1
        self._unsubscribe = engine.subscribe(self._on_event)

    def detach(self) -> None:
        """Stop narrating (the session window closed): silence what is being said."""
        if self._unhook():
            self._speaker.cut()

    def _unhook(self) -> bool:
        if self._unsubscribe is None:
            return False
        self._unsubscribe()
        self._unsubscribe = None
        return True

    def cue_of(self, cue_id: int) -> tuple[int, str] | None:
        """The (step index, text) a cue id was given for, if the narrator gave it."""
        return self._cues.get(cue_id)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self._step_index = event.step.index
            # Cues still waiting behind a long one belong to a step that is now over.
            self._speaker.drop_queued()
        elif isinstance(event, CueDue):
            self._on_cue(event)
        elif isinstance(event, CutSpeech) and event.reason != "finished":
            # At the natural end the closing line is left to finish: nothing follows it.
            self._speaker.cut()

    def _on_cue(self, event: CueDue) -> None:
        if event.step.index != self._step_index:
            return  # the engine drops stale cues; this guards against one slipping through
        if self._muted or not self._speaker.available:
            return
        self._next_id += 1
        # Only the cues of the last few steps are worth remembering.
        self._cues.pop(self._next_id - 64, None)
        self._cues[self._next_id] = (event.step.index, event.cue.text)
        self._speaker.say(event.cue.text, self._next_id)
