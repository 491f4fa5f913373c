"""A history file someone else made, damaged or locked: refused in words, never a
traceback; the file is private; sessions are ordered as recorded, not by the clock."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backcare_desktop.storage import history as history_module
from backcare_desktop.storage import history_file
from backcare_desktop.storage.history import HistoryError, HistoryStore
from tests.storage.fakes import WallClock, record_session


@pytest.fixture
def clock() -> WallClock:
    return WallClock(datetime(2025, 3, 10, 7, 30, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_file_and_its_wal_and_shm_are_private(path: Path, clock):
    store = HistoryStore(path, now=clock)
    record_session(store)  # a write, so the -wal and -shm exist
    try:
        assert mode(path) == 0o600
        for companion in ("-wal", "-shm"):
            assert mode(path.with_name(path.name + companion)) == 0o600
    finally:
        store.close()


def test_an_older_file_readable_by_all_is_made_private(path: Path, clock):
    HistoryStore(path, now=clock).close()
    path.chmod(0o644)
    HistoryStore(path, now=clock).close()
    assert mode(path) == 0o600


def test_a_read_only_file_is_refused_in_words(path: Path, clock, monkeypatch):
    HistoryStore(path, now=clock).close()
    # As root every file is writable, so the check's answer is simulated.
    monkeypatch.setattr(
        history_file.os, "access", lambda p, m: not (Path(p) == path and m == os.W_OK)
    )
    with pytest.raises(HistoryError) as info:
        HistoryStore(path, now=clock)
    assert str(path) in str(info.value)
    assert "read-only" in str(info.value)
    assert "chmod u+w" in str(info.value)


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_foreign_file_with_a_user_version_is_refused_and_left_alone(
    path: Path, clock, version: int
):
    path.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (x)")
        db.execute(f"PRAGMA user_version = {version}")
        db.commit()
    before = path.read_bytes()
    with pytest.raises(HistoryError) as info:
        HistoryStore(path, now=clock)
    assert "is not a BackCare history" in str(info.value)
    assert "no 'sessions' table" in str(info.value)
    assert path.read_bytes() == before


def test_a_file_lacking_columns_at_the_latest_version_is_refused(path: Path, clock):
    path.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE session_exercises (session_id)")
        db.execute(f"PRAGMA user_version = {history_module.LATEST_VERSION}")
        db.commit()
    with pytest.raises(HistoryError) as info:
        HistoryStore(path, now=clock)
    assert "'sessions' lacks" in str(info.value)


@pytest.mark.parametrize(
    "overrides", ["not json", "[1, 2]", '{"cat": 3}', '{"cat": {"reps": "many"}}', "{" * 5000]
)
def test_overrides_that_are_not_a_dose_read_as_none(path: Path, clock, overrides: str):
    store = HistoryStore(path, now=clock)
    try:
        session = record_session(store, routine="desk-break", overrides={"cat": {"reps": 8}})
        store._db.execute("UPDATE sessions SET overrides = ? WHERE id = ?", (overrides, session))
        assert store.last_overrides("desk-break") == {}
        (record,) = store.sessions(limit=5)
        assert record.overrides == {}
        assert store.ratings_at_dose("desk-break", {}) == [None]
    finally:
        store.close()


def test_a_row_with_a_damaged_date_is_skipped_not_fatal(path: Path, clock):
    store = HistoryStore(path, now=clock)
    try:
        bad = record_session(store, title="Bad")
        record_session(store, title="Good")
        store._db.execute("UPDATE sessions SET local_day = 'yesterday' WHERE id = ?", (bad,))
        assert [r.routine_title for r in store.iter_sessions()] == ["Good"]
    finally:
        store.close()


def test_sessions_are_ordered_as_recorded_when_the_clock_goes_back(path: Path, clock):
    store = HistoryStore(path, now=clock)
    try:
        record_session(store, routine="desk-break", overrides={"cat-stretch": {"reps": 6}})
        clock.advance(hours=-5)  # the clock was wrong, then put right
        record_session(store, routine="desk-break", overrides={"cat-stretch": {"reps": 8}})
        assert store.last_overrides("desk-break") == {"cat-stretch": {"reps": 8}}
        newest, oldest = store.sessions(limit=2)
        assert newest.id > oldest.id
        assert [r.id for r in store.iter_sessions()] == [oldest.id, newest.id]
        assert [r.id for r in store.routine_history("desk-break")] == [newest.id, oldest.id]
    finally:
        store.close()


def _cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_history_and_stats_say_on_stderr_where_a_damaged_file_went(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "history.sqlite3").write_bytes(b"SQLite format 3\0" + os.urandom(4096))
    result = _cli("history", data=data)
    assert result.returncode == 0
    assert "No sessions yet" in result.stdout
    kept = next(data.glob("history.corrupt-*.sqlite3"))
    assert str(kept) in result.stderr
    assert "Traceback" not in result.stderr


def test_a_foreign_history_gives_exit_2_and_a_message(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    with contextlib.closing(sqlite3.connect(data / "history.sqlite3")) as db:
        db.execute("CREATE TABLE notes (x)")
        db.execute("PRAGMA user_version = 3")
        db.commit()
    for command in ("history", "stats"):
        result = _cli(command, data=data)
        assert result.returncode == 2
        assert "is not a BackCare history" in result.stderr
        assert "Traceback" not in result.stderr


def test_history_into_a_closed_pipe_says_nothing(tmp_path: Path, clock):
    data = tmp_path / "data"
    store = HistoryStore(data / "history.sqlite3", now=clock)
    for _ in range(1500):  # more than a pipe buffer of lines
        record_session(store, exercises=1)
    store.close()
    command = [sys.executable, "-m", "backcare_desktop", "--data-dir", str(data), "history"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # `| head -1`
        err = proc.stderr.read().decode()
        assert proc.wait(60) == 0
    assert "Exception ignored" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_history_that_is_not_a_file_is_refused_without_blocking(path: Path, clock, kind):
    path.parent.mkdir(parents=True)
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    before = stat.S_IMODE(path.stat().st_mode)
    with pytest.raises(HistoryError) as info:
        HistoryStore(path, now=clock)
    assert "not a file" in str(info.value)
    assert stat.S_IMODE(path.stat().st_mode) == before  # not "made private" either


def test_a_history_reached_by_a_link_is_private_too(path: Path, clock, tmp_path: Path):
    path.parent.mkdir(parents=True)
    target = tmp_path / "synced" / "history.sqlite3"
    target.parent.mkdir()
    path.symlink_to(target)  # not there yet: SQLite creates it through the link
    store = HistoryStore(path, now=clock)
    record_session(store)
    store.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
