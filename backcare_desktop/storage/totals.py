"""The totals row: how many sessions counted and their active seconds, kept by SQLite.

The Progress page's "time looking after your back" used to read every session of the
history (its covering index, ~9 % of the click that opens the page at 50 years of daily
sessions). `session_totals` holds the two sums in one row instead, and triggers on
`sessions` keep it for every writer of the file (BackCare, the sqlite3 tool), each
change adding or taking away only the row it changed.

As with the streak table (storage/day_runs.py), the file is hostile input: each open
checks that the table and its triggers are exactly ours and hold one row (`ensure`);
when someone else changed the file since BackCare last closed it, the row is also
compared with a full recount, and refilled from `sessions` if they differ.

A session counts when it has an exercise done, as in storage.stats.
"""

from __future__ import annotations

import logging
import math
import sqlite3

from backcare_desktop.storage.kept_table import replace_kept_table
from backcare_desktop.storage.transaction import Transaction

log = logging.getLogger(__name__)

TABLE = """CREATE TABLE session_totals (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    sessions INTEGER NOT NULL,
    active_seconds REAL NOT NULL
)"""

# The sums from the sessions alone: what the row must always equal.
RECOUNT = "SELECT COUNT(*), TOTAL(active_seconds) FROM sessions WHERE exercises_done > 0"


def _change(sign: str, row: str) -> str:
    # TOTAL() of the one value reads it as the recount's TOTAL() does (text that is no
    # number counts 0, a number in text counts as that number), so the sums agree.
    return (
        f"UPDATE session_totals SET sessions = sessions {sign} 1, "
        f"active_seconds = active_seconds {sign} (SELECT TOTAL({row}.active_seconds));"
    )


TRIGGERS = {
    "session_totals_insert": (
        "CREATE TRIGGER session_totals_insert AFTER INSERT ON sessions "
        f"WHEN NEW.exercises_done > 0 BEGIN {_change('+', 'NEW')} END"
    ),
    "session_totals_delete": (
        "CREATE TRIGGER session_totals_delete AFTER DELETE ON sessions "
        f"WHEN OLD.exercises_done > 0 BEGIN {_change('-', 'OLD')} END"
    ),
    "session_totals_update_old": (
        "CREATE TRIGGER session_totals_update_old AFTER UPDATE OF exercises_done, "
        f"active_seconds ON sessions WHEN OLD.exercises_done > 0 BEGIN {_change('-', 'OLD')} END"
    ),
    "session_totals_update_new": (
        "CREATE TRIGGER session_totals_update_new AFTER UPDATE OF exercises_done, "
        f"active_seconds ON sessions WHEN NEW.exercises_done > 0 BEGIN {_change('+', 'NEW')} END"
    ),
}


def install(db: sqlite3.Connection) -> None:
    """Create the table and its triggers, and fill the row (inside the caller's
    transaction: a migration step or a repair)."""
    replace_kept_table(db, "session_totals", [TABLE], TRIGGERS)
    db.execute(
        f"INSERT INTO session_totals (id, sessions, active_seconds) SELECT 1, * FROM ({RECOUNT})"
    )


def stored(db: sqlite3.Connection) -> list[tuple[object, object]]:
    return [
        (row[0], row[1])
        for row in db.execute("SELECT sessions, active_seconds FROM session_totals")
    ]


def recount(db: sqlite3.Connection) -> tuple[int, float]:
    count, seconds = db.execute(RECOUNT).fetchone()
    return int(count), float(seconds)


def agrees(rows: list[tuple[object, object]], counted: tuple[int, float]) -> bool:
    """One row, equal to the recount. The seconds may differ in their last bits: each
    change adds or takes away in its own order, the recount sums in the index's."""
    if len(rows) != 1:
        return False
    sessions, seconds = rows[0]
    return (
        type(sessions) is int
        and sessions == counted[0]
        and type(seconds) is float
        and math.isclose(seconds, counted[1], rel_tol=1e-12, abs_tol=1e-6)
    )


def is_ours(db: sqlite3.Connection) -> bool:
    """The table and its triggers exist exactly as `install` made them."""
    wanted = {"session_totals": TABLE, **TRIGGERS}
    rows = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE name IN "
        f"({', '.join('?' * len(wanted))}) OR tbl_name = 'session_totals'",
        tuple(wanted),
    )
    # An index or trigger on the table is someone else's too.
    return {row[0]: row[1] for row in rows} == wanted


def ensure(db: sqlite3.Connection, *, verify: bool) -> bool:
    """Refill the row if the table is not ours, or (`verify`) if it differs from a
    recount. Runs in its own transaction; returns whether it refilled anything."""
    if is_ours(db) and not (verify and not agrees(stored(db), recount(db))):
        return False
    log.warning("history: the totals table was missing or did not match; rebuilt it")
    with Transaction(db):
        install(db)
    return True
