"""The history database's schema, as a list of steps applied in order.

`PRAGMA user_version` holds the number of steps applied. A step is never edited once it
has shipped: a change to the schema is a new step at the end, so every older file can be
brought up to date by running the steps it has not seen yet. The tests build a file at
every older version and migrate it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from backcare_desktop.storage import day_runs, totals
from backcare_desktop.storage.transaction import Transaction

Migration = Callable[[sqlite3.Connection], None]


def _run(db: sqlite3.Connection, script: str) -> None:
    # Statement by statement, because executescript() would COMMIT the transaction that
    # migrate() opened around the step.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1_sessions(db: sqlite3.Connection) -> None:
    # The first schema: a session and the exercises finished in it. Times are UTC ISO
    # 8601 text ("2024-03-10T08:30:00Z"), which sorts in time order as plain text.
    # utc_offset_minutes is the local offset when the session started, so the local
    # day it happened on can be recovered even after the person changes time zone.
    _run(
        db,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_id TEXT NOT NULL,
            routine_title TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            ended_utc TEXT,
            status TEXT NOT NULL DEFAULT 'running'
                CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
            exercises_total INTEGER NOT NULL CHECK (exercises_total >= 0),
            planned_seconds REAL NOT NULL DEFAULT 0,
            active_seconds REAL NOT NULL DEFAULT 0,
            exercises_done INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX sessions_by_start ON sessions (started_utc);

        CREATE TABLE session_exercises (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            exercise_id TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped')),
            active_seconds REAL NOT NULL DEFAULT 0,
            finished_utc TEXT NOT NULL,
            PRIMARY KEY (session_id, position)
        ) WITHOUT ROWID;
        """,
    )


def _v2_checkins(db: sqlite3.Connection) -> None:
    # Pain check-ins and the difficulty rating. NULL means "skipped", which is different
    # from 0 ("no pain"), so these stay nullable. `overrides` is the dose the session was
    # run with (JSON, "{}" = the routine as written): progression compares ratings only
    # between sessions run at the same dose.
    _run(
        db,
        """
        ALTER TABLE sessions ADD COLUMN pain_before INTEGER
            CHECK (pain_before BETWEEN 0 AND 10);
        ALTER TABLE sessions ADD COLUMN pain_after INTEGER
            CHECK (pain_after BETWEEN 0 AND 10);
        ALTER TABLE sessions ADD COLUMN rating TEXT
            CHECK (rating IN ('too-easy', 'about-right', 'too-hard'));
        ALTER TABLE sessions ADD COLUMN overrides TEXT NOT NULL DEFAULT '{}';
        CREATE INDEX sessions_by_routine ON sessions (routine_id, started_utc);
        """,
    )


def _v3_local_day(db: sqlite3.Connection) -> None:
    # Per-day counts computed date() for every row and were the slow part of the stats
    # (shared/notes/qt.md: 9 ms vs 1.6 ms per year of rows). A stored local day under a
    # covering index answers the calendar, the week and the streaks from the index alone.
    _run(
        db,
        """
        ALTER TABLE sessions ADD COLUMN local_day TEXT NOT NULL DEFAULT '';
        UPDATE sessions
           SET local_day = date(started_utc, printf('%+d minutes', utc_offset_minutes));
        CREATE INDEX sessions_by_day
            ON sessions (local_day, exercises_done, active_seconds);
        """,
    )


def _v4_day_runs(db: sqlite3.Connection) -> None:
    # The streaks scanned every distinct day (56 ms at 50 years); a table of runs of
    # consecutive days, kept by triggers, answers them from a few rows (storage/day_runs.py).
    # Its definitions are frozen with this step: a change to them is a new step.
    day_runs.install(db)


def _v5_session_totals(db: sqlite3.Connection) -> None:
    # The totals read every session (~9 % of opening Progress at 50 years); one row of
    # sums, kept by triggers, answers them (storage/totals.py). Frozen with this step.
    totals.install(db)


MIGRATIONS: Sequence[Migration] = (
    _v1_sessions,
    _v2_checkins,
    _v3_local_day,
    _v4_day_runs,
    _v5_session_totals,
)
LATEST_VERSION = len(MIGRATIONS)


def migrate(db: sqlite3.Connection, steps: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the steps the file has not seen, each in its own transaction.

    Returns the version reached. The caller has already refused a newer file.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    for number, step in enumerate(steps[version:], start=version + 1):
        # One transaction per step, version bump included: a crash mid-migration leaves
        # the file at the previous version, never half-migrated.
        with Transaction(db):
            step(db)
            db.execute(f"PRAGMA user_version = {number}")
    return max(version, len(steps))
