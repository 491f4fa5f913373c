"""The session plan: which timeline a person follows today, at which dose, and why.

Qt-free. The window and the command line ask the planner; neither decides a dose. In:
the routine (from the library), the history (the dose last done, the ratings given at
it) and the person's choices (check-ins on or off, an offer taken or not). Out: a
`Proposal` to show before the session and the `SessionPlan` that runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from backcare_desktop.core.engine import Listener
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.library import Library
from backcare_desktop.core.model import Routine
from backcare_desktop.core.progression import (
    Offer,
    Overrides,
    apply_overrides,
    as_overrides,
    suggest,
)
from backcare_desktop.core.timeline import Timeline


class FollowedEngine(Protocol):
    """What a follower needs of a SessionEngine."""

    def subscribe(self, listener: Listener) -> Unsubscribe: ...

    def position(self) -> float: ...


class SessionFollower(Protocol):
    """Follows each session's events: the voice, the cue log, the history."""

    def attach(self, engine: FollowedEngine, plan: SessionPlan) -> None: ...

    def detach(self) -> None: ...


class DoseHistory(Protocol):
    """What planning needs of the history (HistoryStore has it)."""

    def last_overrides(self, routine_id: str) -> Mapping[str, Any]: ...

    def ratings_at_dose(
        self, routine_id: str, overrides: Mapping[str, Any]
    ) -> Sequence[str | None]: ...


@dataclass(frozen=True)
class SessionPlan:
    """One session as it will run: its timeline and the dose to store with it."""

    timeline: Timeline
    overrides: Overrides = field(default_factory=dict)
    pain_before: int | None = None

    @property
    def routine(self) -> Routine:
        return self.timeline.routine


@dataclass(frozen=True)
class Proposal:
    """A routine at the dose it was last done at, before the session starts.

    `ask_first`: ask how the back feels (and show `offer`, if any) before starting.
    """

    routine: Routine
    overrides: Overrides
    offer: Offer | None
    ask_first: bool


class SessionPlanner:
    def __init__(self, library: Library, history: DoseHistory | None = None) -> None:
        self._library = library
        self._history = history

    def propose(self, routine_id: str, *, check_in: bool = True) -> Proposal:
        """Where `routine_id` carries on from (UnknownRoutineError if there is none)."""
        base = self._library.routine(routine_id)
        exercises = self._library.exercises
        if self._history is None:
            return Proposal(base, {}, None, ask_first=False)
        overrides = as_overrides(self._history.last_overrides(base.id))
        current = apply_overrides(base, exercises, overrides)
        offer = None
        if check_in:
            ratings = self._history.ratings_at_dose(base.id, overrides)
            offer = suggest(current, exercises, ratings, overrides=overrides)
        return Proposal(current, overrides, offer, ask_first=check_in)

    def plan(
        self, proposal: Proposal, *, accept_offer: bool = False, pain_before: int | None = None
    ) -> SessionPlan:
        routine, overrides = proposal.routine, proposal.overrides
        if accept_offer and proposal.offer is not None:
            routine, overrides = proposal.offer.routine, proposal.offer.overrides
        return SessionPlan(self._timeline(routine), overrides, pain_before)

    def plan_now(self, routine_id: str) -> SessionPlan:
        """Straight in at the last dose, no questions (`--routine`, a reminder's Start)."""
        return self.plan(self.propose(routine_id, check_in=False))

    def _timeline(self, routine: Routine) -> Timeline:
        if routine == self._library.routines.get(routine.id):
            return self._library.timeline(routine.id)  # the file's dose: compiled once
        return self._library.compile(routine)  # with the library's measured cue lengths
