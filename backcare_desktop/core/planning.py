"""The session plan: which timeline a person follows today, at which dose, and why.

Qt-free. The window and the command line ask the planner; neither decides a dose. In:
the routine (from the library), the history (the dose last done, the ratings given at
it) and the person's choices (check-ins on or off, an offer taken or not). Out: a
`Proposal` to show before the session and the `SessionPlan` that runs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.library import Library
from backcare_desktop.core.model import Condition, Routine
from backcare_desktop.core.routine_index import Card
from backcare_desktop.core.summaries import summary_of

if TYPE_CHECKING:
    # The rules that adapt, dose and compile a routine are imported where a routine is
    # planned: the window lists its cards (from their summaries) before the first paint
    # without them, and the engine is imported when a session starts.
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.engine import Listener
    from backcare_desktop.core.progression import Offer, Overrides
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
    """One session as it will run: its timeline, the dose to store with it, and what the
    person's profile changed (said before each changed exercise and in the summary)."""

    timeline: Timeline
    overrides: Overrides = field(default_factory=dict)
    pain_before: int | None = None
    changes: tuple[RoutineChange, ...] = ()

    @property
    def routine(self) -> Routine:
        return self.timeline.routine


@dataclass(frozen=True)
class Proposal:
    """A routine at the dose it was last done at, adapted to the person, before it starts.

    `ask_first`: ask how the back feels (and show `offer`, if any) before starting.
    `changes`: what the person's conditions changed, to show before starting.
    """

    routine: Routine
    overrides: Overrides
    offer: Offer | None
    ask_first: bool
    changes: tuple[RoutineChange, ...] = ()


class SessionPlanner:
    def __init__(self, library: Library, history: DoseHistory | None = None) -> None:
        self._library = library
        self._history = history

    def propose(
        self,
        routine_id: str,
        *,
        check_in: bool = True,
        conditions: Sequence[Condition] = (),
    ) -> Proposal:
        """Where `routine_id` carries on from, made safe for `conditions`
        (UnknownRoutineError if there is no such routine)."""
        from backcare_desktop.core.adaptation import adapt_routine
        from backcare_desktop.core.progression import apply_overrides, as_overrides, suggest

        base = self._library.routine(routine_id)
        exercises = self._library.exercises
        overrides: dict[str, dict[str, float]] = {}
        if self._history is not None:
            overrides = as_overrides(self._history.last_overrides(base.id))
        adapted = adapt_routine(
            apply_overrides(base, exercises, overrides),
            exercises,
            conditions,
            self._library.translator,
        )
        current = adapted.routine
        offer = None
        if check_in and self._history is not None:
            ratings = self._history.ratings_at_dose(base.id, overrides)
            offer = self._safe(
                suggest(current, exercises, ratings, overrides=overrides), conditions
            )
        return Proposal(
            current,
            overrides,
            offer,
            ask_first=check_in and self._history is not None,
            changes=adapted.changes,
        )

    def _safe(self, offer: Offer | None, conditions: Sequence[Condition]) -> Offer | None:
        """No offer brings back what the profile keeps out (a harder stage included)."""
        if offer is None or not conditions:
            return offer
        from backcare_desktop.core.doses import apply_item
        from backcare_desktop.core.safety import conflicts

        exercises = self._library.exercises
        for item in offer.routine.items:
            exercise = exercises.get(item.exercise_id)
            if exercise is not None and conflicts(apply_item(exercise, item), conditions):
                return None
        return offer

    def plan(
        self, proposal: Proposal, *, accept_offer: bool = False, pain_before: int | None = None
    ) -> SessionPlan:
        routine, overrides = proposal.routine, proposal.overrides
        if accept_offer and proposal.offer is not None:
            routine, overrides = proposal.offer.routine, proposal.offer.overrides
        return SessionPlan(self._timeline(routine), overrides, pain_before, proposal.changes)

    def plan_now(self, routine_id: str, conditions: Sequence[Condition] = ()) -> SessionPlan:
        """Straight in at the last dose, no questions (`--routine`, a reminder's Start)."""
        return self.plan(self.propose(routine_id, check_in=False, conditions=conditions))

    def card(self, routine_id: str, conditions: Sequence[Condition] = ()) -> Card:
        """What the home list shows of the routine: as `plan_now` would run it, and what
        the conditions change. From the library's cache when current; a session is
        always planned from the routine's file, so this never decides what is done."""
        if not conditions:
            return self._library.own_card(routine_id)
        from backcare_desktop.core.progression import as_overrides

        kept = self._library.kept
        key = ""
        if kept is not None:
            found = self._history.last_overrides(routine_id) if self._history else {}
            key = kept.key(conditions, as_overrides(found))
            card = kept.adapted(routine_id, key)
            if card is not None:
                return card
        try:
            plan = self.plan_now(routine_id, conditions)
        except LoadError:
            # Its file broke since it was listed: listed as it was; starting it says why not.
            return self._library.own_card(routine_id)
        made = (summary_of(plan.timeline), plan.changes)
        if kept is not None:
            kept.remember(routine_id, key, made)
        return made

    def _timeline(self, routine: Routine) -> Timeline:
        if routine == self._library.routines.get(routine.id):
            return self._library.timeline(routine.id)  # the file's dose: compiled once
        return self._library.compile(routine)  # with the library's measured cue lengths
