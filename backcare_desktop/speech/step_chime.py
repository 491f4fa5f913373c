"""A soft chime at the turns of a session when the voice is off (Qt-free follower).

Not at every rep or breath: when an exercise is about to start, at a rest or a change of
sides, and when the work begins after one of those. Only when the person chose the chime
and nothing is being spoken (muted, or no speech engine).
"""

from __future__ import annotations

from collections.abc import Callable

from backcare_desktop.core.engine import Event, StepStarted
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.planning import FollowedEngine, SessionPlan

TURNS = frozenset({"get-ready", "switch-sides", "rest"})


class StepChime:
    def __init__(
        self,
        play: Callable[[], object],
        voice_silent: Callable[[], bool],
        wanted: Callable[[], bool],
    ) -> None:
        self._play = play
        self._voice_silent = voice_silent
        self._wanted = wanted
        self._unsubscribe: Unsubscribe | None = None
        self._previous_kind = ""

    def attach(self, engine: FollowedEngine, plan: SessionPlan | None = None) -> None:
        self.detach()
        self._previous_kind = ""
        self._unsubscribe = engine.subscribe(self._on_event)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: Event) -> None:
        if not isinstance(event, StepStarted):
            return
        kind, previous = event.step.kind, self._previous_kind
        self._previous_kind = kind
        turn = kind in TURNS or previous in TURNS
        if turn and self._wanted() and self._voice_silent():
            self._play()
