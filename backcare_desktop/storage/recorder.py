"""Writes a running session to the history as the engine reports it (no Qt).

Subscribe one SessionRecorder to one SessionEngine before `start()`:

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
