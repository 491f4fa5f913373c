"""Session history in a local SQLite file: written as the session happens, crash-safe.

A session row is written when the session starts and updated in one transaction as each
exercise finishes, so a crash, a kill or a power cut loses at most the exercise in
progress. The next open marks such a session "interrupted", keeping what was done.

Times are stored in UTC; the local day each session started on is stored beside it
(computed in the time zone of that moment), which keeps per-day stats cheap and keeps a
session on the day the person lived it, even after they change time zone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from backcare_desktop.core.progression import as_overrides
from backcare_desktop.storage import day_runs, open_check, totals
from backcare_desktop.storage.history_file import COMPANIONS, check_schema, make_private, prepare
from backcare_desktop.storage.history_file import HistoryError as HistoryError  # re-exported
from backcare_desktop.storage.migrations import LATEST_VERSION, migrate
from backcare_desktop.storage.records import (
    RATINGS,
    ExerciseRecord,
    Outcome,
    Rating,
    SessionRecord,
    from_utc_text,
    parse_overrides,
    to_utc_text,
    utc_now,
)
from backcare_desktop.storage.transaction import Transaction

log = logging.getLogger(__name__)

# sqlite3 result codes (sqlite.org/rescode.html) that mean "this file is damaged", as
# opposed to "busy" or "locked", which are also DatabaseErrors but must never make us
# move a healthy file aside.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


class HistoryTooNewError(HistoryError):
    """The file was written by a newer BackCare; opening it could damage it, so we refuse."""

    def __init__(self, path: Path, found: int, supported: int) -> None:
        self.path = path
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path} was written by a newer version of BackCare (history format {found}; "
            f"this version reads up to {supported}). Update BackCare, or start it with "
            f"--data-dir to keep a separate history."
        )


_SESSION_COLUMNS = (
    "id, routine_id, routine_title, started_utc, ended_utc, local_day, status, "
    "exercises_total, exercises_done, planned_seconds, active_seconds, "
    "pain_before, pain_after, rating, overrides"
)


def _check_pain(pain: int | None) -> None:
    if pain is not None and not (isinstance(pain, int) and 0 <= pain <= 10):
        raise ValueError(f"pain must be 0-10 or None, not {pain!r}")


def _is_corruption(error: sqlite3.DatabaseError) -> bool:
    return getattr(error, "sqlite_errorcode", None) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


# A session stopped before any exercise was done is kept (the history is complete) but
# is not "a session" to Progress: it counts neither minutes nor sessions there.
_DONE_ONLY = " WHERE exercises_done > 0"


class HistoryStore:
    """The history file. Open it once per process (GUI thread) and close it on exit.

    `now` gives wall time (aware); `tz` is the zone for local days (None: the system's,
    DST included). After opening, `recovered_from` is the path a damaged file was moved
    to (tell the person), and `interrupted` the ids of sessions found unfinished.
    """

    def __init__(
        self,
        path: Path,
        *,
        now: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
    ) -> None:
        self.path = path
        self.tz = tz
        self._now = now
        self.recovered_from: Path | None = None
        prepare(path)
        # A file unchanged since BackCare checked and closed it is not read in full again.
        checked = open_check.claim(path, now())
        self._unchanged = checked is not None
        self._checked_at = checked or now()
        try:
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as error:
                if not _is_corruption(error):
                    raise
                self.recovered_from = self._move_aside()
                self._db = self._open()
            make_private(path)
            self.interrupted: tuple[int, ...] = self._mark_interrupted()
        except sqlite3.Error as error:
            with contextlib.suppress(AttributeError, sqlite3.Error):
                self._db.close()
            raise HistoryError(
                f"Cannot open the history at {path}: {error}. BackCare left the file as it "
                "is; start it with --data-dir to keep a separate history."
            ) from error

    # -- opening ------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        self._probe()
        # isolation_level=None: no implicit transactions; every write below says BEGIN
        # and COMMIT itself, so it is clear what a crash can lose.
        db = sqlite3.connect(self.path, isolation_level=None, timeout=5.0)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA foreign_keys = ON")
            # WAL keeps the last committed state whole if the process dies mid-write;
            # synchronous=FULL syncs each commit, so a power cut loses at most the
            # exercise in progress (NORMAL could lose the last few commits).
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            migrate(db)
            check_schema(db, LATEST_VERSION, self.path)
            day_runs.ensure(db, verify=not self._unchanged)
            totals.ensure(db, verify=not self._unchanged)
        except BaseException:
            db.close()
            raise
        return db

    def _probe(self) -> None:
        """Check version and integrity on a read-only connection before writing anything.

        Read-only, because closing a read-write connection checkpoints the WAL into the
        file and deletes it: a damaged or newer file must be kept exactly as found.
        """
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        probe = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
            if version > LATEST_VERSION:
                raise HistoryTooNewError(self.path, version, LATEST_VERSION)
            if version > 0:
                # Before any write: a file of another program is left exactly as found.
                check_schema(probe, version, self.path)
            if not self._unchanged:
                # quick_check reads every page (not the index contents), 37 ms at 50
                # years: it finds damage now instead of mid-session. Skipped for a file
                # unchanged since BackCare checked and closed it (storage/open_check.py).
                check = probe.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    error = sqlite3.DatabaseError(f"quick_check: {check}")
                    error.sqlite_errorcode = _SQLITE_CORRUPT
                    raise error
        finally:
            probe.close()

    def _move_aside(self) -> Path:
        """Rename the damaged file (and its WAL/SHM companions) beside it; never delete."""
        stamp = to_utc_text(self._now()).replace(":", "-")
        stem, suffix = self.path.stem, self.path.suffix
        target = self.path.with_name(f"{stem}.corrupt-{stamp}{suffix}")
        count = 1
        while target.exists():
            count += 1
            target = self.path.with_name(f"{stem}.corrupt-{stamp}-{count}{suffix}")
        self.path.rename(target)
        for companion in COMPANIONS:
            source = self.path.with_name(self.path.name + companion)
            if source.exists():
                # Same suffix scheme SQLite uses, so opening the moved file with the
                # sqlite3 tool still finds its WAL and whatever was committed in it.
                source.rename(target.with_name(target.name + companion))
        return target

    def _mark_interrupted(self) -> tuple[int, ...]:
        with self._transaction() as db:
            ids = tuple(
                row[0] for row in db.execute("SELECT id FROM sessions WHERE status = 'running'")
            )
            db.execute(
                """
                UPDATE sessions SET status = 'interrupted',
                    ended_utc = COALESCE(
                        (SELECT MAX(finished_utc) FROM session_exercises
                          WHERE session_id = sessions.id),
                        started_utc)
                 WHERE status = 'running'
                """
            )
        return ids

    def recovery_note(self) -> str | None:
        """What to tell the person when a damaged file was moved aside on opening."""
        if self.recovered_from is None:
            return None
        return (
            f"Your history file could not be read, so a new one was started. The old "
            f"file was kept, unchanged, as {self.recovered_from}."
        )

    def close(self) -> None:
        self._db.close()
        open_check.leave(self.path, self._checked_at)

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> Transaction:
        return Transaction(self._db)

    # -- time -----------------------------------------------------------------------

    def now(self) -> datetime:
        return self._now()

    def local(self, moment: datetime) -> datetime:
        """`moment` in the store's zone (the system zone, DST included, when tz is None)."""
        return moment.astimezone(self.tz)

    def today(self) -> date:
        return self.local(self._now()).date()

    # -- writing --------------------------------------------------------------------

    def start_session(
        self,
        routine_id: str,
        routine_title: str,
        exercises_total: int,
        *,
        planned_seconds: float = 0.0,
        pain_before: int | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> int:
        """Write the session row as the session starts; returns its id."""
        _check_pain(pain_before)
        started = self._now()
        local = self.local(started)
        offset = local.utcoffset()
        offset_minutes = int(offset.total_seconds() // 60) if offset else 0
        with self._transaction() as db:
            cursor = db.execute(
                """
                INSERT INTO sessions (routine_id, routine_title, started_utc, utc_offset_minutes,
                    local_day, exercises_total, planned_seconds, pain_before, overrides)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    routine_id,
                    routine_title,
                    to_utc_text(started),
                    offset_minutes,
                    local.date().isoformat(),
                    exercises_total,
                    planned_seconds,
                    pain_before,
                    json.dumps(dict(overrides or {}), sort_keys=True),
                ),
            )
            session_id = cursor.lastrowid
        assert session_id is not None
        return session_id

    def record_exercise(
        self,
        session_id: int,
        position: int,
        exercise_id: str,
        outcome: Outcome,
        active_seconds: float,
    ) -> None:
        """One finished exercise, in one transaction with the session's totals."""
        if outcome not in ("completed", "skipped"):
            raise ValueError(f"unknown outcome {outcome!r}")
        with self._transaction() as db:
            # INSERT OR REPLACE: going back and doing an exercise again records it once,
            # with the latest outcome, so the totals below stay honest.
            db.execute(
                """
                INSERT OR REPLACE INTO session_exercises
                    (session_id, position, exercise_id, outcome, active_seconds, finished_utc)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                (
                    session_id,
                    position,
                    exercise_id,
                    outcome,
                    active_seconds,
                    to_utc_text(self._now()),
                ),
            )
            # status back to 'running': if another BackCare process opened the file
            # meanwhile and took this live session for a dead one, this undoes it.
            db.execute(
                """
                UPDATE sessions SET
                    status = 'running',
                    active_seconds = (SELECT COALESCE(SUM(active_seconds), 0)
                        FROM session_exercises WHERE session_id = :id),
                    exercises_done = (SELECT COUNT(*) FROM session_exercises
                        WHERE session_id = :id AND outcome = 'completed')
                 WHERE id = :id AND status IN ('running', 'interrupted')
                """,
                {"id": session_id},
            )

    def finish_session(
        self,
        session_id: int,
        outcome: Literal["completed", "stopped"],
        *,
        active_seconds: float | None = None,
    ) -> None:
        """The end: `active_seconds`, when given, is the engine's total for the session."""
        if outcome not in ("completed", "stopped"):
            raise ValueError(f"unknown session outcome {outcome!r}")
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET status = ?, ended_utc = ?, "
                "active_seconds = MAX(active_seconds, COALESCE(?, 0)) WHERE id = ?",
                (outcome, to_utc_text(self._now()), active_seconds, session_id),
            )

    def set_after_checkin(
        self, session_id: int, pain_after: int | None, rating: Rating | None
    ) -> None:
        """The check-in after the session: both answers are optional."""
        _check_pain(pain_after)
        if rating is not None and rating not in RATINGS:
            raise ValueError(f"unknown rating {rating!r}")
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET pain_after = ?, rating = ? WHERE id = ?",
                (pain_after, rating, session_id),
            )

    # -- reading --------------------------------------------------------------------

    def version(self) -> tuple[int, int]:
        """Equal between two calls when nothing was written in between, by this store
        (rows it changed) or by another connection (SQLite's data_version)."""
        other = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        return self._db.total_changes, other

    def read(self, sql: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        """A read-only query, for the stats module (same package) to aggregate in SQL."""
        return self._db.execute(sql, params).fetchall()

    def session(self, session_id: int) -> SessionRecord | None:
        row = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return SessionRecord.from_row(row) if row else None

    def session_count(self, *, done_only: bool = False) -> int:
        where = _DONE_ONLY if done_only else ""
        return int(self._db.execute(f"SELECT COUNT(*) FROM sessions{where}").fetchone()[0])

    def sessions(
        self, limit: int, offset: int = 0, *, done_only: bool = False
    ) -> list[SessionRecord]:
        """Newest first, one page: the list view asks for more as it scrolls. `done_only`:
        only sessions with an exercise done (what Progress counts as a session)."""
        where = _DONE_ONLY if done_only else ""
        rows = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions{where} ORDER BY id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return list(_records(rows))

    def iter_sessions(self, batch: int = 500) -> Generator[SessionRecord, None, None]:
        """Every session, oldest first, without holding them all in memory (exports).

        In the order they were recorded (the id), not by the clock, which can go back.
        """
        cursor = self._db.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY id")
        try:
            while rows := cursor.fetchmany(batch):
                yield from _records(rows)
        finally:
            # The store may be closed first (`backcare history | head`).
            with contextlib.suppress(sqlite3.ProgrammingError):
                cursor.close()

    def exercises(self, session_id: int) -> list[ExerciseRecord]:
        rows = self._db.execute(
            "SELECT position, exercise_id, outcome, active_seconds, finished_utc "
            "FROM session_exercises WHERE session_id = ? ORDER BY position",
            (session_id,),
        )
        return [ExerciseRecord(r[0], r[1], r[2], r[3], from_utc_text(r[4])) for r in rows]

    def routine_history(self, routine_id: str, limit: int = 20) -> list[SessionRecord]:
        """The latest sessions of one routine, newest first (for progression)."""
        rows = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE routine_id = ? "
            "ORDER BY id DESC LIMIT ?",
            (routine_id, limit),
        )
        return list(_records(rows))

    def last_overrides(self, routine_id: str) -> dict[str, dict[str, float]]:
        """The dose the routine was last done at ({} = as written): where to carry on.

        A damaged value (not JSON, not a table) reads as {}: the routine as written.
        """
        row = self._db.execute(
            "SELECT overrides FROM sessions WHERE routine_id = ? AND exercises_done > 0 "
            "ORDER BY id DESC LIMIT 1",
            (routine_id,),
        ).fetchone()
        return parse_overrides(row[0]) if row else {}

    def ratings_at_dose(
        self, routine_id: str, overrides: Mapping[str, Any], limit: int = 10
    ) -> list[Rating | None]:
        """Ratings of the latest sessions at this dose, newest first (for progression).

        Stops at the first session run at another dose: a "too easy" given before the
        last change says nothing about the dose of today.
        """
        wanted = as_overrides(overrides)
        ratings: list[Rating | None] = []
        for record in self.routine_history(routine_id, limit):
            if as_overrides(record.overrides) != wanted:
                break
            ratings.append(record.rating)
        return ratings


def _records(rows: Iterable[sqlite3.Row]) -> Iterator[SessionRecord]:
    """The rows as records; a row something else damaged is skipped, never the rest."""
    for row in rows:
        try:
            yield SessionRecord.from_row(row)
        except (ValueError, TypeError) as e:
            log.warning("history: session %s skipped, its row cannot be read (%s)", row[0], e)
