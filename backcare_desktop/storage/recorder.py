"""Writes a running session to the history as the engine reports it (no Qt).

The window's HistoryFollower makes one SessionRecorder for each session; on its own:

    recorder = SessionRecorder(store, timeline, pain_before=4, overrides=dose)
    engine.subscribe(recorder)

The row is written at SessionStarted, each exercise at its ExerciseFinished (one
transaction each), and the outcome at SessionFinished. A failing disk must not stop
someone mid-stretch, so write errors are logged and kept in `error`, and the session goes
on; `on_error` (e.g. the window's "history could not be saved" note) hears the first.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from backcare_desktop.core.engine import (
    Event,
    ExerciseFinished,
    SessionFinished,
    SessionStarted,
)
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.planning import FollowedEngine, SessionPlan
from backcare_desktop.core.timeline import Timeline
from backcare_desktop.storage.history import HistoryError, HistoryStore

log = logging.getLogger(__name__)


class SessionRecorder:
    def __init__(
        self,
        store: HistoryStore,
        timeline: Timeline,
        *,
        pain_before: int | None = None,
        overrides: Mapping[str, Any] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._store = store
        self._timeline = timeline
        self._pain_before = pain_before
        self._overrides = dict(overrides or {})
        self._on_error = on_error
        self.session_id: int | None = None
        self.error: Exception | None = None

    def __call__(self, event: Event) -> None:
        try:
            self._handle(event)
        except (sqlite3.Error, HistoryError, OSError) as error:
            log.exception("could not write the session to %s", self._store.path)
            if self.error is None:
                self.error = error
                if self._on_error is not None:
                    self._on_error(error)

    def _handle(self, event: Event) -> None:
        if isinstance(event, SessionStarted):
            routine = self._timeline.routine
            self.session_id = self._store.start_session(
                routine.id,
                routine.title,
                len(self._timeline.spans),
                planned_seconds=self._timeline.duration,
                pain_before=self._pain_before,
                overrides=self._overrides,
            )
        elif self.session_id is None:
            return  # the start could not be written; nothing to attach the rest to
        elif isinstance(event, ExerciseFinished):
            record = event.record
            self._store.record_exercise(
                self.session_id,
                record.index,
                record.exercise_id,
                record.outcome,
                record.active_seconds,
            )
        elif isinstance(event, SessionFinished):
            # The report's total also counts the part of an exercise a person stopped
            # in the middle of, which no ExerciseFinished carried.
            self._store.finish_session(
                self.session_id,
                event.report.outcome,
                active_seconds=event.report.active_seconds,
            )


class HistoryFollower:
    """Follows every session of the window and writes each to the history.

    A follower like the narrator: it hears the engine's events in any order relative to
    the others, because the session's row is written from its own SessionStarted.
    """

    def __init__(
        self, store: HistoryStore, on_error: Callable[[Exception], None] | None = None
    ) -> None:
        self._store = store
        self._on_error = on_error
        self._recorder: SessionRecorder | None = None
        self._unsubscribe: Unsubscribe | None = None

    @property
    def session_id(self) -> int | None:
        """The row of the session followed now (or last), once it is written."""
        return self._recorder.session_id if self._recorder is not None else None

    def attach(self, engine: FollowedEngine, plan: SessionPlan) -> None:
        self.detach()
        self._recorder = SessionRecorder(
            self._store,
            plan.timeline,
            pain_before=plan.pain_before,
            overrides=plan.overrides,
            on_error=self._on_error,
        )
        self._unsubscribe = engine.subscribe(self._recorder)

    def detach(self) -> None:
        # The recorder stays readable (session_id) for the check-in after the session.
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
