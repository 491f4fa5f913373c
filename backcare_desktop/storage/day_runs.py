"""The streak table: every run of consecutive days with a session, kept by SQLite itself.

Streaks used to be a gaps-and-islands query over every distinct day (56 ms at 50 years
of daily sessions). `day_runs` holds one row per run instead (first and last day), so the
current and the longest streak read a handful of rows. Triggers on `sessions` keep it
exact for every writer of the file (BackCare, an older BackCare, the sqlite3 tool), each
change touching only the runs next to the day it changed.

The file is hostile input: someone may drop or edit the triggers, or write `day_runs`
directly. Each open checks that the table and the triggers are exactly ours (`ensure`);
when the file was changed by someone else since BackCare last closed it, the table is
also compared with a full recount (`verify`), and rebuilt from `sessions` if they differ.

A day *counts* when a session on it has an exercise done (as in storage.stats) and its
`local_day` is a real calendar date: a damaged day string never joins or splits a run.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import date, timedelta

from backcare_desktop.storage.kept_table import replace_kept_table
from backcare_desktop.storage.transaction import Transaction

log = logging.getLogger(__name__)
_ONE_DAY = timedelta(days=1)

TABLE = """CREATE TABLE day_runs (
    first_day TEXT PRIMARY KEY,
    last_day TEXT NOT NULL
) WITHOUT ROWID"""
INDEX = "CREATE INDEX day_runs_by_last ON day_runs (last_day)"


def _valid(day: str) -> str:
    # date() gives NULL for text that is no date; with a modifier it also turns
    # '2024-02-30' into '2024-03-01'. Year 0 is a date to SQLite but not to Python.
    return f"(date({day}, '+0 days') IS {day} AND {day} >= '0001-01-01')"


def _counted(day: str) -> str:
    return (
        f"({_valid(day)} AND EXISTS (SELECT 1 FROM sessions "
        f"WHERE local_day = {day} AND exercises_done > 0))"
    )


def _sync(day: str) -> str:
    """Statements that bring the runs in line with whether `day` counts now.

    Each statement is guarded by the state it needs, so the whole is a no-op when the
    runs already agree: a day that now counts and no run covers is added (joining the
    runs that end the day before and start the day after), a covered day that no longer
    counts is cut out of its run.
    """
    before, after = f"date({day}, '-1 day')", f"date({day}, '+1 day')"
    # Runs never overlap, so the one that could cover `day` is the last to start by it.
    candidate = f"(SELECT MAX(first_day) FROM day_runs WHERE first_day <= {day})"
    covered = f"EXISTS (SELECT 1 FROM day_runs WHERE first_day = {candidate} AND last_day >= {day})"
    joined_end = f"COALESCE((SELECT last_day FROM day_runs WHERE first_day = {after}), {day})"
    counted, valid = _counted(day), _valid(day)
    return f"""
    UPDATE day_runs SET last_day = {joined_end}
     WHERE last_day = {before} AND {counted} AND NOT {covered};
    INSERT INTO day_runs (first_day, last_day) SELECT {day}, {joined_end}
     WHERE {counted} AND NOT {covered};
    DELETE FROM day_runs WHERE first_day = {after} AND {counted} AND EXISTS (
        SELECT 1 FROM day_runs WHERE first_day = {candidate} AND last_day >= {after});
    INSERT INTO day_runs (first_day, last_day) SELECT {after}, last_day FROM day_runs
     WHERE first_day = {candidate} AND last_day > {day} AND {valid} AND NOT {counted};
    UPDATE day_runs SET last_day = {before}
     WHERE first_day = {candidate} AND first_day < {day} AND last_day >= {day}
       AND {valid} AND NOT {counted};
    DELETE FROM day_runs WHERE first_day = {day} AND {valid} AND NOT {counted};"""


def _counts(row: str) -> str:
    return f"({row}.exercises_done > 0)"


TRIGGERS = {
    "day_runs_insert": (
        "CREATE TRIGGER day_runs_insert AFTER INSERT ON sessions "
        f"WHEN {_counts('NEW')} BEGIN{_sync('NEW.local_day')}\nEND"
    ),
    "day_runs_delete": (
        "CREATE TRIGGER day_runs_delete AFTER DELETE ON sessions "
        f"WHEN {_counts('OLD')} BEGIN{_sync('OLD.local_day')}\nEND"
    ),
    "day_runs_update": (
        "CREATE TRIGGER day_runs_update AFTER UPDATE OF local_day, exercises_done ON sessions "
        f"WHEN OLD.local_day IS NOT NEW.local_day OR {_counts('OLD')} IS NOT {_counts('NEW')} "
        f"BEGIN{_sync('OLD.local_day')}{_sync('NEW.local_day')}\nEND"
    ),
}

# Every run, from the sessions alone: the full recount the table must always equal.
RECOUNT = f"""
    WITH days AS (
        SELECT DISTINCT local_day AS day FROM sessions
         WHERE exercises_done > 0 AND {_valid("local_day")}
    )
    SELECT MIN(day), MAX(day)
      FROM (SELECT day, julianday(day) - ROW_NUMBER() OVER (ORDER BY day) AS run FROM days)
     GROUP BY run ORDER BY 1
"""


def install(db: sqlite3.Connection) -> None:
    """Create the table, its index and triggers, and fill it (inside the caller's
    transaction: a migration step or a repair)."""
    replace_kept_table(db, "day_runs", [TABLE, INDEX], TRIGGERS)
    rebuild(db)


def rebuild(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM day_runs")
    db.execute(f"INSERT INTO day_runs (first_day, last_day) {RECOUNT}")


def recount(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """The runs from the sessions alone, as RECOUNT gives them, in half its time: the
    window function costs more than walking the distinct days in order here."""
    runs: list[tuple[str, str]] = []
    previous: date | None = None
    rows = db.execute(
        "SELECT DISTINCT local_day FROM sessions WHERE exercises_done > 0 ORDER BY local_day"
    )
    for (text,) in rows:
        try:
            day = date.fromisoformat(text)
        except (TypeError, ValueError):
            continue
        if day.isoformat() != text:  # '2024-W14-1' is a date to Python, not to SQLite
            continue
        if previous is not None and day - previous == _ONE_DAY:
            runs[-1] = (runs[-1][0], text)
        else:
            runs.append((text, text))
        previous = day
    return runs


def stored(db: sqlite3.Connection) -> list[tuple[str, str]]:
    rows = db.execute("SELECT first_day, last_day FROM day_runs ORDER BY first_day")
    return [(row[0], row[1]) for row in rows]


def is_ours(db: sqlite3.Connection) -> bool:
    """The table, its index and its triggers exist exactly as `install` made them."""
    wanted = {"day_runs": TABLE, "day_runs_by_last": INDEX, **TRIGGERS}
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN "
        f"({', '.join('?' * len(wanted))}) OR tbl_name = 'day_runs'",
        tuple(wanted),
    )
    # An extra index or trigger on day_runs is someone else's too.
    found = {row[0]: row[1] for row in rows if not str(row[0]).startswith("sqlite_autoindex")}
    return found == wanted


def ensure(db: sqlite3.Connection, *, verify: bool) -> bool:
    """Repair the table if it is not ours, or (`verify`) if it differs from a recount.

    Runs in its own transaction; returns whether it rebuilt anything.
    """
    if is_ours(db) and not (verify and stored(db) != recount(db)):
        return False
    log.warning("history: the streak table was missing or did not match; rebuilt it")
    with Transaction(db):
        install(db)
    return True
