"""HistoryStore: schema, migrations, refusing newer files, corrupt files, interrupted sessions."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.storage.history import HistoryError, HistoryStore, HistoryTooNewError
from backcare_desktop.storage.migrations import LATEST_VERSION, MIGRATIONS, migrate
from tests.storage.fakes import WallClock, opened, record_session

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> WallClock:
    return WallClock(datetime(2025, 3, 10, 7, 30, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def raw(path: Path) -> contextlib.closing[sqlite3.Connection]:
    return contextlib.closing(sqlite3.connect(path))


def test_new_file_is_created_at_the_latest_version_with_safe_settings(path, clock):
    with opened(path, clock, BERLIN) as store:
        assert store.recovered_from is None
        assert store.recovery_note() is None
        assert store.interrupted == ()
        assert store.read("PRAGMA user_version")[0][0] == LATEST_VERSION
        assert store.read("PRAGMA foreign_keys")[0][0] == 1
        assert store.read("PRAGMA journal_mode")[0][0] == "wal"
        assert store.read("PRAGMA synchronous")[0][0] == 2  # FULL


def test_times_are_stored_in_utc_with_the_local_day_beside_them(path, clock):
    clock.set_local(datetime(2025, 3, 10, 0, 30, tzinfo=BERLIN))  # 23:30 UTC the day before
    with opened(path, clock, BERLIN) as store:
        session_id = record_session(store)
        row = store.read("SELECT started_utc, local_day, utc_offset_minutes FROM sessions")[0]
        assert tuple(row) == ("2025-03-09T23:30:00Z", "2025-03-10", 60)
        record = store.session(session_id)
        assert record is not None
        assert record.started == datetime(2025, 3, 9, 23, 30, tzinfo=UTC)
        assert store.local(record.started).hour == 0


# -- migrations ----------------------------------------------------------------------


def _insert_at_version(db: sqlite3.Connection, version: int) -> None:
    """A session and an exercise written the way that schema version wrote them."""
    db.execute(
        "INSERT INTO sessions (id, routine_id, routine_title, started_utc, utc_offset_minutes,"
        " ended_utc, status, exercises_total, active_seconds, exercises_done)"
        " VALUES (1, 'stiff-lower-back', 'Stiff lower back', '2024-06-30T22:30:00Z', 120,"
        " '2024-06-30T22:40:00Z', 'completed', 2, 300, 2)"
    )
    db.execute(
        "INSERT INTO session_exercises VALUES (1, 0, 'cat-stretch', 'completed', 150,"
        " '2024-06-30T22:35:00Z')"
    )
    if version >= 2:
        db.execute("UPDATE sessions SET pain_before = 6, pain_after = 3, rating = 'too-easy'")
    if version >= 3:
        db.execute("UPDATE sessions SET local_day = '2024-07-01'")
    db.commit()


@pytest.mark.parametrize("version", range(LATEST_VERSION))
def test_each_older_version_migrates_and_keeps_its_sessions(path, clock, version):
    path.parent.mkdir(parents=True)
    with raw(path) as db:
        db.isolation_level = None
        migrate(db, MIGRATIONS[:version])
        assert db.execute("PRAGMA user_version").fetchone()[0] == version
        if version >= 1:
            db.isolation_level = ""
            _insert_at_version(db, version)
    with opened(path, clock, BERLIN) as store:
        assert store.read("PRAGMA user_version")[0][0] == LATEST_VERSION
        if version == 0:
            assert store.session_count() == 0
            return
        record = store.session(1)
        assert record is not None
        assert record.status == "completed"
        # 22:30 UTC at +2 h was already 1 July where the person was.
        assert record.local_day.isoformat() == "2024-07-01"
        assert [e.exercise_id for e in store.exercises(1)] == ["cat-stretch"]
        assert (record.pain_before, record.rating) == (
            (6, "too-easy") if version >= 2 else (None, None)
        )
        assert record.overrides == {}
        # The streak table (version 4) is filled from the sessions already there.
        assert store.read("SELECT first_day, last_day FROM day_runs")[0][:] == (
            "2024-07-01",
            "2024-07-01",
        )
        # And the totals row (version 5): one session done, its 300 s.
        assert tuple(store.read("SELECT sessions, active_seconds FROM session_totals")[0]) == (
            1,
            300.0,
        )


def test_a_failing_migration_step_leaves_the_file_at_the_previous_version(path):
    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("disk full")

    path.parent.mkdir(parents=True)
    with raw(path) as db:
        db.isolation_level = None
        with pytest.raises(RuntimeError):
            migrate(db, (*MIGRATIONS[:1], broken))
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "half_done" not in tables


def test_a_file_from_a_newer_version_is_refused_and_left_alone(path, clock):
    path.parent.mkdir(parents=True)
    with raw(path) as db:
        db.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(HistoryTooNewError) as caught:
        HistoryStore(path, now=clock, tz=BERLIN)
    assert caught.value.found == LATEST_VERSION + 1
    assert "newer version of BackCare" in str(caught.value)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert list(path.parent.iterdir()) == [path]


def test_a_folder_in_the_way_is_a_history_error_not_a_traceback(path, clock):
    path.mkdir(parents=True)
    with pytest.raises(HistoryError, match="Cannot open the history"):
        HistoryStore(path, now=clock, tz=BERLIN)


# -- corrupt files -------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside_and_a_new_one_started(path, clock):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not SQLite at all, just some bytes\n" * 200)
    with opened(path, clock, BERLIN) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.parent == path.parent
        assert moved.name == "history.corrupt-2025-03-10T07-30-00Z.sqlite3"
        assert moved.read_bytes().startswith(b"this is not SQLite")  # kept, byte for byte
        assert store.session_count() == 0
        note = store.recovery_note()
        assert note is not None and str(moved) in note
        record_session(store)  # the new file works
    with opened(path, clock, BERLIN) as store:
        assert store.recovered_from is None
        assert store.session_count() == 1


def test_damaged_pages_are_found_and_the_file_and_its_wal_are_kept(path, clock):
    with opened(path, clock, BERLIN) as store:
        for _ in range(200):
            record_session(store, title="x" * 200)
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page : 5 * page] = b"\xa5" * (2 * page)  # scribble over two b-tree pages
    path.write_bytes(bytes(data))
    wal = path.with_name(path.name + "-wal")
    wal.write_bytes(b"\x37" * 100)  # a companion left by a crash travels with the file
    with opened(path, clock, BERLIN) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.read_bytes() == bytes(data)
        assert moved.with_name(moved.name + "-wal").exists()
        assert store.session_count() == 0


def test_two_corrupt_files_in_the_same_second_get_different_names(path, clock):
    names = set()
    for _ in range(2):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"garbage" * 100)
        for companion in path.parent.glob("history.sqlite3-*"):
            companion.unlink()
        with opened(path, clock, BERLIN) as store:
            assert store.recovered_from is not None
            names.add(store.recovered_from.name)
        path.unlink()
    assert len(names) == 2


# -- recording -----------------------------------------------------------------------


def test_an_unfinished_session_is_marked_interrupted_with_what_was_done(path, clock):
    with opened(path, clock, BERLIN) as store:
        session_id = store.start_session("stiff-lower-back", "Stiff lower back", 4, pain_before=5)
        clock.advance(minutes=2)
        store.record_exercise(session_id, 0, "cat-stretch", "completed", 110.0)
        clock.advance(minutes=2)
        store.record_exercise(session_id, 1, "knee-roll", "skipped", 20.0)
        finished_at = clock.moment
        clock.advance(minutes=1)  # the machine dies during the third exercise
    clock.advance(hours=5)
    with opened(path, clock, BERLIN) as store:
        assert store.interrupted == (session_id,)
        record = store.session(session_id)
        assert record is not None
        assert record.status == "interrupted"
        assert record.ended == finished_at
        assert (record.exercises_done, record.exercises_total) == (1, 4)
        assert record.active_seconds == 130.0
        assert record.pain_before == 5
    with opened(path, clock, BERLIN) as store:
        assert store.interrupted == ()  # marked once


def test_doing_an_exercise_again_records_it_once_with_the_latest_outcome(path, clock):
    with opened(path, clock, BERLIN) as store:
        session_id = store.start_session("r", "R", 2)
        store.record_exercise(session_id, 0, "cat-stretch", "skipped", 5.0)
        store.record_exercise(session_id, 0, "cat-stretch", "completed", 60.0)
        store.finish_session(session_id, "stopped", active_seconds=70.0)
        record = store.session(session_id)
        assert record is not None
        assert (record.exercises_done, record.status) == (1, "stopped")
        assert record.active_seconds == 70.0  # the engine's total counts the part done
        assert len(store.exercises(session_id)) == 1


@pytest.mark.parametrize("pain", [-1, 11, 5.5, "3"])
def test_pain_outside_0_to_10_is_refused(path, clock, pain):
    with opened(path, clock, BERLIN) as store:
        with pytest.raises(ValueError, match="pain"):
            store.start_session("r", "R", 1, pain_before=pain)
        session_id = store.start_session("r", "R", 1)
        with pytest.raises(ValueError, match="pain"):
            store.set_after_checkin(session_id, pain, None)


def test_the_schema_itself_refuses_bad_values_and_orphans(path, clock):
    with opened(path, clock, BERLIN) as store:
        session_id = record_session(store)
        with pytest.raises(ValueError, match="rating"):
            store.set_after_checkin(session_id, 3, "meh")  # type: ignore[arg-type]
    with raw(path) as db:
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE sessions SET pain_after = 12")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE sessions SET status = 'abandoned'")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO session_exercises VALUES (99, 0, 'x', 'completed', 1, 'z')")
        db.rollback()


def test_check_ins_are_stored_with_the_session(path, clock):
    with opened(path, clock, BERLIN) as store:
        session_id = store.start_session("r", "R", 1, pain_before=7)
        store.set_after_checkin(session_id, 0, "too-hard")
        record = store.session(session_id)
        assert record is not None
        assert (record.pain_before, record.pain_after, record.rating) == (7, 0, "too-hard")
        skipped = store.start_session("r", "R", 1)
        store.set_after_checkin(skipped, None, None)
        record = store.session(skipped)
        assert record is not None
        assert (record.pain_before, record.pain_after, record.rating) == (None, None, None)


def test_sessions_page_newest_first_and_export_oldest_first(path, clock):
    with opened(path, clock, BERLIN) as store:
        ids = []
        for _ in range(7):
            ids.append(record_session(store))
            clock.advance(hours=20)
        assert [r.id for r in store.sessions(3)] == ids[::-1][:3]
        assert [r.id for r in store.sessions(3, offset=6)] == [ids[0]]
        assert [r.id for r in store.iter_sessions(batch=2)] == ids


def test_dose_and_ratings_for_progression(path, clock):
    dose = {"cat": {"reps": 7}}
    with opened(path, clock, BERLIN) as store:
        assert store.last_overrides("tiny") == {}
        record_session(store, routine="tiny", rating="too-easy")
        clock.advance(days=1)
        record_session(store, routine="tiny", rating="too-easy", overrides=dose)
        clock.advance(days=1)
        record_session(store, routine="tiny", rating=None, overrides={"cat": {"reps": 7.0}})
        clock.advance(days=1)
        record_session(store, routine="other", rating="too-hard")
        assert store.last_overrides("tiny") == dose
        # Newest first, and only at this dose: the "too easy" at the old dose is not counted.
        assert store.ratings_at_dose("tiny", dose) == [None, "too-easy"]


def test_a_session_marked_interrupted_by_another_process_comes_back_to_life(path, clock):
    with opened(path, clock, BERLIN) as first:
        session_id = first.start_session("r", "R", 2)
        with opened(path, clock, BERLIN) as second:
            assert second.interrupted == (session_id,)
        first.record_exercise(session_id, 0, "a", "completed", 30.0)
        record = first.session(session_id)
        assert record is not None
        assert record.status == "running"
        first.finish_session(session_id, "completed")


def test_store_needs_aware_times(path):
    store = HistoryStore(path, now=lambda: datetime(2025, 1, 1))
    try:
        with pytest.raises(ValueError, match="timezone-aware"):
            store.start_session("r", "R", 1)
    finally:
        store.close()


def test_finishing_never_lowers_the_time_the_exercises_already_recorded(path, clock):
    with opened(path, clock, BERLIN) as store:
        unknown = store.start_session("r", "R", 2)
        store.record_exercise(unknown, 0, "cat-stretch", "completed", 50.0)
        store.finish_session(unknown, "completed")  # no engine total (an old caller)
        smaller = store.start_session("r", "R", 2)
        store.record_exercise(smaller, 0, "cat-stretch", "completed", 50.0)
        store.finish_session(smaller, "completed", active_seconds=20.0)
        assert [store.session(i).active_seconds for i in (unknown, smaller)] == [50.0, 50.0]
