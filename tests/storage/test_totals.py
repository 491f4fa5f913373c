"""The totals row stays equal to a full recount, whoever writes the file and however."""

from __future__ import annotations

import contextlib
import logging
import math
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare_desktop.storage import history as history_module
from backcare_desktop.storage import totals
from backcare_desktop.storage.history import HistoryStore, HistoryTooNewError
from backcare_desktop.storage.migrations import MIGRATIONS, migrate
from backcare_desktop.storage.stats import load_stats
from tests.storage.fakes import WallClock, opened, record_session
from tests.storage.test_day_runs import START, ZONES, apply, delete, imported, moved, save


def totals_by_python(db: sqlite3.Connection) -> tuple[int, float]:
    """The oracle, independent of the SQL: the sessions with an exercise done."""
    done = [
        seconds
        for exercises, seconds in db.execute("SELECT exercises_done, active_seconds FROM sessions")
        if isinstance(exercises, int) and exercises > 0
    ]
    return len(done), math.fsum(done)


def check(store: HistoryStore) -> None:
    db = store._db
    assert totals.agrees(totals.stored(db), totals.recount(db))
    assert totals.agrees(totals.stored(db), totals_by_python(db))


# A session's time set by another program (any value, fractions too), or its work undone.
timed = st.tuples(st.just("time"), st.integers(0, 40), st.floats(0, 5000), st.integers(0, 3))
steps = st.lists(st.one_of(save, delete, imported, moved, timed), max_size=25)


def apply_step(store: HistoryStore, clock: WallClock, step: tuple) -> None:
    if step[0] != "time":
        apply(store, clock, step)
        return
    ids = [row[0] for row in store._db.execute("SELECT id FROM sessions ORDER BY id")]
    if ids:
        _, n, seconds, done = step
        store._db.execute(
            "UPDATE sessions SET active_seconds = ?, exercises_done = ? WHERE id = ?",
            (seconds, done, ids[n % len(ids)]),
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_the_row_equals_a_full_recount_after_every_change(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("totals") / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        for step in steps:
            apply_step(store, clock, step)
            check(store)


def test_the_figures_come_from_the_row_not_from_the_sessions(tmp_path: Path):
    clock = WallClock(START)
    with opened(tmp_path / "h.sqlite3", clock, ZONES[0]) as store:
        for _ in range(3):
            record_session(store, seconds_each=61.5)
        stats = load_stats(store, 3)
        assert (stats.total_sessions, stats.total_minutes) == (3, pytest.approx(9 * 61.5 / 60))
        # Written behind the store's back: what the page shows is the row.
        store._db.execute("UPDATE session_totals SET sessions = 40, active_seconds = 600.0")
        stats = load_stats(store, 3)
        assert (stats.total_sessions, stats.total_minutes) == (40, 10.0)


@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM session_totals",
        "UPDATE session_totals SET sessions = 'many'",
        "UPDATE session_totals SET sessions = -4",
        "UPDATE session_totals SET active_seconds = 9e999",
        "UPDATE session_totals SET active_seconds = 'long'",
    ],
)
def test_a_row_damaged_while_open_gives_the_figures_from_a_recount(tmp_path: Path, damage: str):
    clock = WallClock(START)
    with opened(tmp_path / "h.sqlite3", clock, ZONES[0]) as store:
        for _ in range(2):
            record_session(store)
        store._db.execute(damage)
        stats = load_stats(store, 3)
        assert (stats.total_sessions, stats.total_minutes) == (2, 6.0)


def raw(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(path, isolation_level=None))


@pytest.mark.parametrize(
    "tamper",
    [
        # the triggers or the table gone or replaced, then a session they would have seen
        ["DROP TRIGGER session_totals_insert"],
        ["DROP TRIGGER session_totals_update_new"],
        [f"DROP TRIGGER {name}" for name in totals.TRIGGERS] + ["DROP TABLE session_totals"],
        [
            "DROP TRIGGER session_totals_insert",
            "CREATE TRIGGER session_totals_insert AFTER INSERT ON sessions BEGIN SELECT 1; END",
        ],
        ["CREATE TRIGGER totals_extra AFTER UPDATE ON session_totals BEGIN SELECT 1; END"],
        # everything in place, but figures that are not the sessions'
        ["UPDATE session_totals SET sessions = 99"],
        ["UPDATE session_totals SET active_seconds = active_seconds + 3600"],
        ["UPDATE session_totals SET sessions = 'x'"],
        ["DELETE FROM session_totals"],
    ],
)
def test_a_table_someone_else_changed_is_rebuilt_on_opening(
    tmp_path: Path, tamper: list[str], caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        for _ in range(3):
            record_session(store)
    with raw(path) as db:
        for statement in tamper:
            db.execute(statement)
        db.execute(
            "INSERT INTO sessions (routine_id, routine_title, started_utc, utc_offset_minutes,"
            " exercises_total, exercises_done, active_seconds, local_day)"
            " VALUES ('x', 'X', '2024-04-05T08:00:00Z', 0, 1, 1, 30, '2024-04-05')"
        )
    with caplog.at_level(logging.WARNING), opened(path, clock, ZONES[0]) as store:
        assert "totals table was missing or did not match" in caplog.text
        assert totals.is_ours(store._db)
        assert totals.stored(store._db) == [(4, 570.0)]
        record_session(store)  # and the triggers keep it from now on
        check(store)


def test_sums_in_another_order_still_agree_with_the_recount(tmp_path: Path):
    """Each change adds its seconds to the row; the recount sums them in the index's
    order. Fractions that round differently must not make a good row look damaged."""
    clock = WallClock(START)
    with opened(tmp_path / "h.sqlite3", clock, ZONES[0]) as store:
        for n in range(60):
            record_session(store, exercises=4, seconds_each=61.37 + n / 7)
        db = store._db
        assert totals.ensure(db, verify=True) is False
        check(store)


def test_an_older_backcare_refuses_the_new_format_in_words(tmp_path: Path, monkeypatch):
    """BackCare before this format read up to format 4: it must say why it stops."""
    path = tmp_path / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        record_session(store)
    before = path.read_bytes()
    monkeypatch.setattr(history_module, "LATEST_VERSION", len(MIGRATIONS) - 1)
    with pytest.raises(HistoryTooNewError) as caught:
        HistoryStore(path, now=clock, tz=ZONES[0])
    message = str(caught.value)
    assert f"history format {len(MIGRATIONS)}; this version reads up to 4" in message
    assert "Update BackCare" in message
    assert path.read_bytes() == before


def test_a_file_of_the_previous_format_gets_its_totals_when_opened(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        for n in range(5):
            record_session(store, done=n % 3, seconds_each=45.0)
    with raw(path) as db:
        # Back to format 4, as BackCare before the totals row left it.
        for name in totals.TRIGGERS:
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DROP TABLE session_totals")
        db.execute("PRAGMA user_version = 4")
        assert migrate(db, MIGRATIONS[:4]) == 4
    with opened(path, clock, ZONES[0]) as store:
        assert store.read("PRAGMA user_version")[0][0] == len(MIGRATIONS)
        assert totals.is_ours(store._db)
        # 0, 1, 2, 0 and 1 exercises done: three sessions count, with 4 x 45 s.
        assert totals.stored(store._db) == [(3, 180.0)]
        check(store)
