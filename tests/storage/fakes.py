"""Helpers that build history files for tests: clocks, zones and bulk-filled databases."""

from __future__ import annotations

import contextlib
import json
import random
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from backcare_desktop.core.model import Exercise, Part, Phase, Routine, RoutineItem
from backcare_desktop.storage.history import HistoryStore


@dataclass
class WallClock:
    """A settable wall clock for HistoryStore(now=...)."""

    moment: datetime

    def __call__(self) -> datetime:
        return self.moment

    def set_local(self, local: datetime) -> None:
        self.moment = local.astimezone(UTC)

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def record_session(
    store: HistoryStore,
    *,
    routine: str = "stiff-lower-back",
    title: str = "Stiff lower back",
    exercises: int = 3,
    done: int | None = None,
    seconds_each: float = 60.0,
    pain: tuple[int | None, int | None] = (None, None),
    rating: str | None = None,
    overrides: dict[str, dict[str, float]] | None = None,
) -> int:
    """A whole session through the public API: start, each exercise, finish, check-in."""
    done = exercises if done is None else done
    session_id = store.start_session(
        routine, title, exercises, pain_before=pain[0], overrides=overrides
    )
    for n in range(done):
        store.record_exercise(session_id, n, f"ex-{n}", "completed", seconds_each)
    store.finish_session(session_id, "completed" if done == exercises else "stopped")
    if pain[1] is not None or rating is not None:
        store.set_after_checkin(session_id, pain[1], rating)  # type: ignore[arg-type]
    return session_id


def fill_daily(
    path: Path,
    first: date,
    days: int,
    tz: tzinfo,
    *,
    seed: int = 6,
    minutes: float = 8.0,
) -> None:
    """One completed session every day at 07:30 local time, in one bulk transaction.

    Written with plain SQL after HistoryStore created the schema: going through the
    API would sync to disk 4 times per session, which is right for a person and slow
    for 3,650 sessions of fixture.
    """
    HistoryStore(path, tz=tz).close()
    rng = random.Random(seed)
    sessions = []
    exercises = []
    for n in range(days):
        day = first + timedelta(days=n)
        start = datetime.combine(day, time(7, 30), tz)
        offset = start.utcoffset() or timedelta()
        started = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        before = rng.randint(2, 7)
        sessions.append(
            (
                n + 1,
                "stiff-lower-back",
                "Stiff lower back",
                started,
                int(offset.total_seconds() // 60),
                started,
                "completed",
                4,
                minutes * 60,
                minutes * 60,
                4,
                before,
                max(0, before - 2),
                "about-right",
                "{}",
                day.isoformat(),
            )
        )
        exercises.extend(
            (n + 1, k, f"ex-{k}", "completed", minutes * 15, started) for k in range(4)
        )
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "INSERT INTO sessions (id, routine_id, routine_title, started_utc, "
            "utc_offset_minutes, ended_utc, status, exercises_total, planned_seconds, "
            "active_seconds, exercises_done, pain_before, pain_after, rating, overrides, "
            "local_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        db.executemany("INSERT INTO session_exercises VALUES (?, ?, ?, ?, ?, ?)", exercises)


@contextlib.contextmanager
def opened(path: Path, clock: WallClock, tz: tzinfo) -> Iterator[HistoryStore]:
    store = HistoryStore(path, now=clock, tz=tz)
    try:
        yield store
    finally:
        store.close()


def dump(value: object) -> str:
    return json.dumps(value, default=str)


def tiny_exercise(
    exercise_id: str,
    *,
    reps: int = 2,
    reps_range: tuple[int, int] | None = None,
    hold: float | None = None,
    hold_range: tuple[float, float] | None = None,
    sides: str = "none",
) -> Exercise:
    """A short exercise: `reps` of one 2 s move, then (optionally) a timed hold."""
    phases = [Phase(breath="exhale", pose="standing", cue="Move", short="Move", seconds=2.0)]
    if hold is not None:
        phases.append(
            Phase(
                breath="hold",
                pose="standing",
                cue="Hold",
                short="Hold",
                seconds=hold,
                seconds_range=hold_range,
            )
        )
    return Exercise(
        id=exercise_id,
        name=exercise_id.replace("-", " ").capitalize(),
        position="standing",
        equipment=(),
        directions=("neutral",),
        good_for="Tests.",
        sources=("Test",),
        setup="Stand tall.",
        steps=("Move.",),
        cautions=(),
        avoid_if=(),
        start_pose="standing",
        parts=(Part(phases=tuple(phases), reps=reps, reps_range=reps_range, sides=sides),),  # type: ignore[arg-type]
    )


def tiny_library() -> tuple[Routine, dict[str, Exercise]]:
    """Three exercises, the first with an article's rep range, the second with a hold range."""
    exercises = {
        "cat": tiny_exercise("cat", reps=6, reps_range=(6, 8)),
        "child": tiny_exercise("child", reps=1, hold=30.0, hold_range=(30.0, 120.0)),
        "plain": tiny_exercise("plain", reps=2),
    }
    routine = Routine(
        id="tiny",
        title="Tiny routine",
        description="For tests.",
        minutes=1,
        items=tuple(RoutineItem(e) for e in exercises),
    )
    return routine, exercises
