"""The streak table stays equal to a full recount, whoever writes the file and however."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare_desktop.storage import day_runs
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.stats import load_stats
from tests.storage.fakes import WallClock, opened, record_session

# Zones either side of the date line and with DST: the same instant is another day.
ZONES = [ZoneInfo(z) for z in ("Europe/London", "Pacific/Kiritimati", "Pacific/Pago_Pago")]
START = datetime(2024, 3, 28, 12, tzinfo=UTC)  # days before London's spring change
# Days a damaged or foreign file may hold: none of them may join or split a run.
BAD_DAYS = [
    "",
    "yesterday",
    "2024-02-30",
    "2024-W14-1",
    "0000-01-01",
    "2024-4-1",
    "2024-04-01 10:00",
    20240401,
]


def runs_by_python(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """The oracle, independent of the SQL: runs of consecutive real days with work done."""
    days = set()
    for day, done in db.execute("SELECT local_day, exercises_done FROM sessions"):
        if not isinstance(done, int) or done <= 0 or not isinstance(day, str):
            continue
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            continue
        if parsed.isoformat() == day:
            days.add(parsed)
    runs: list[tuple[str, str]] = []
    for day in sorted(days):
        if runs and date.fromisoformat(runs[-1][1]) == day - timedelta(days=1):
            runs[-1] = (runs[-1][0], day.isoformat())
        else:
            runs.append((day.isoformat(), day.isoformat()))
    return runs


def check(store: HistoryStore) -> None:
    db = store._db
    in_sql = [tuple(row) for row in db.execute(day_runs.RECOUNT)]
    assert day_runs.stored(db) == day_runs.recount(db) == in_sql == runs_by_python(db)


# One step of a person's (or another program's) history.
save = st.tuples(
    st.just("save"),
    st.integers(0, 3),  # exercises done, of 3
    st.floats(-30, 60),  # hours to move the clock by first (back, too)
    st.sampled_from(range(len(ZONES))),
    st.booleans(),  # then go back to the first exercise and skip it
)
delete = st.tuples(st.just("delete"), st.integers(0, 40))
imported = st.tuples(
    st.just("import"),
    st.lists(
        st.tuples(st.integers(-5, 20), st.integers(0, 2)),  # day offset, exercises done
        max_size=6,
    ),
)
moved = st.tuples(st.just("move"), st.integers(0, 40), st.integers(-3, 3))
damaged = st.tuples(st.just("damage"), st.integers(0, 40), st.sampled_from(BAD_DAYS))
steps = st.lists(st.one_of(save, delete, imported, moved, damaged), max_size=25)


def apply(store: HistoryStore, clock: WallClock, step: tuple) -> None:
    db = store._db
    ids = [row[0] for row in db.execute("SELECT id FROM sessions ORDER BY id")]
    kind = step[0]
    if kind == "save":
        _, done, hours, zone, redo = step
        clock.advance(hours=hours)
        store.tz = ZONES[zone]
        session = store.start_session("stiff-lower-back", "Stiff lower back", 3)
        for n in range(done):
            store.record_exercise(session, n, f"ex-{n}", "completed", 60.0)
        if redo:
            # Back to the first exercise, skipped this time: one done fewer (maybe none).
            store.record_exercise(session, 0, "ex-0", "skipped", 0.0)
        store.finish_session(session, "stopped")
    elif kind == "delete" and ids:
        db.execute("DELETE FROM sessions WHERE id = ?", (ids[step[1] % len(ids)],))
    elif kind == "import":
        # Another file's sessions copied in with plain SQL, as a tool would.
        rows = [
            (
                "imported",
                "Imported",
                "2024-04-01T08:00:00Z",
                0,
                3,
                done,
                (date(2024, 4, 1) + timedelta(days=offset)).isoformat(),
            )
            for offset, done in step[1]
        ]
        db.executemany(
            "INSERT INTO sessions (routine_id, routine_title, started_utc, utc_offset_minutes,"
            " exercises_total, exercises_done, local_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    elif kind == "move" and ids:
        db.execute(
            "UPDATE sessions SET local_day = date(local_day, ?) WHERE id = ?"
            " AND date(local_day) IS NOT NULL",
            (f"{step[2]:+d} days", ids[step[1] % len(ids)]),
        )
    elif kind == "damage" and ids:
        db.execute(
            "UPDATE sessions SET local_day = ? WHERE id = ?", (step[2], ids[step[1] % len(ids)])
        )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=steps)
def test_the_table_equals_a_full_recount_after_every_change(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("runs") / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        for step in steps:
            apply(store, clock, step)
            check(store)


def test_a_month_with_gaps_gives_the_runs_and_the_streaks(tmp_path: Path):
    clock = WallClock(START)
    with opened(tmp_path / "h.sqlite3", clock, ZONES[0]) as store:
        for day in (1, 2, 3, 5, 6, 7, 8, 10):
            clock.set_local(datetime(2024, 4, day, 9, tzinfo=ZONES[0]))
            record_session(store)
        clock.set_local(datetime(2024, 4, 11, 9, tzinfo=ZONES[0]))
        assert day_runs.stored(store._db) == [
            ("2024-04-01", "2024-04-03"),
            ("2024-04-05", "2024-04-08"),
            ("2024-04-10", "2024-04-10"),
        ]
        stats = load_stats(store, 3)
        assert (stats.current_streak, stats.longest_streak) == (1, 4)
        # Filling the gap on the 4th joins two runs into one.
        store._db.execute(
            "UPDATE sessions SET local_day = '2024-04-04' WHERE local_day = '2024-04-10'"
        )
        assert day_runs.stored(store._db) == [("2024-04-01", "2024-04-08")]
        assert load_stats(store, 3).longest_streak == 8


def raw(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(path, isolation_level=None))


@pytest.mark.parametrize(
    "tamper",
    [
        # the triggers or the table gone or replaced, then a session they would have seen
        ["DROP TRIGGER day_runs_insert"],
        ["DROP TRIGGER day_runs_update"],
        [f"DROP TRIGGER {name}" for name in day_runs.TRIGGERS] + ["DROP TABLE day_runs"],
        [
            "DROP TRIGGER day_runs_insert",
            "CREATE TRIGGER day_runs_insert AFTER INSERT ON sessions BEGIN SELECT 1; END",
        ],
        ["CREATE TRIGGER day_runs_extra AFTER INSERT ON day_runs BEGIN SELECT 1; END"],
        # everything in place, but rows that are not the sessions' runs
        ["INSERT INTO day_runs VALUES ('2020-01-01', '2020-12-31')"],
        ["UPDATE day_runs SET last_day = 'not a day'"],
    ],
)
def test_a_table_someone_else_changed_is_rebuilt_on_opening(tmp_path: Path, tamper: list[str]):
    path = tmp_path / "history.sqlite3"
    clock = WallClock(START)
    with opened(path, clock, ZONES[0]) as store:
        for _ in range(3):
            record_session(store)
            clock.advance(days=1)
    with raw(path) as db:
        for statement in tamper:
            db.execute(statement)
        # Seen as someone else's at once when the schema changed; rows need a recount.
        assert day_runs.is_ours(db) is tamper[0].startswith(("INSERT", "UPDATE"))
        db.execute(
            "INSERT INTO sessions (routine_id, routine_title, started_utc, utc_offset_minutes,"
            " exercises_total, exercises_done, local_day)"
            " VALUES ('x', 'X', '2024-04-05T08:00:00Z', 0, 1, 1, '2024-04-05')"
        )
    with opened(path, clock, ZONES[0]) as store:
        assert day_runs.is_ours(store._db)
        assert day_runs.stored(store._db) == [
            ("2024-03-28", "2024-03-30"),
            ("2024-04-05", "2024-04-05"),
        ]
        record_session(store)  # and the triggers keep it from now on
        check(store)


def test_rows_written_behind_the_stores_back_never_break_the_figures(tmp_path: Path):
    clock = WallClock(START)
    with opened(tmp_path / "h.sqlite3", clock, ZONES[0]) as store:
        record_session(store)
        store._db.execute("DROP TRIGGER day_runs_insert")
        store._db.execute("INSERT INTO day_runs VALUES ('2025-01-01', 'soon')")
        stats = load_stats(store, 3)
        assert (stats.current_streak, stats.longest_streak) == (1, 1)
