"""The full check on opening is skipped only for a file unchanged since BackCare closed it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.storage import history as history_module
from backcare_desktop.storage import open_check
from tests.storage.fakes import WallClock, opened, record_session

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def clock() -> WallClock:
    return WallClock(datetime(2025, 3, 10, 7, 30, tzinfo=UTC))


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


@pytest.fixture
def statements(monkeypatch) -> list[str]:
    """Every SQL statement the store's connections run (the probe's quick_check too)."""
    seen: list[str] = []
    real = sqlite3.connect

    def connect(*args, **kwargs):
        db = real(*args, **kwargs)
        db.set_trace_callback(seen.append)
        return db

    monkeypatch.setattr(history_module.sqlite3, "connect", connect)
    return seen


def checked_on_opening(path: Path, clock: WallClock, statements: list[str]) -> bool:
    statements.clear()
    with opened(path, clock, BERLIN):
        pass
    return "PRAGMA quick_check" in statements


def a_history(path: Path, clock: WallClock) -> None:
    with opened(path, clock, BERLIN) as store:
        for _ in range(30):
            record_session(store, title="x" * 200)


def test_a_file_unchanged_since_it_was_closed_is_not_read_in_full_again(path, clock, statements):
    a_history(path, clock)
    assert not checked_on_opening(path, clock, statements)
    assert not checked_on_opening(path, clock, statements)  # and again: the stamp carries on


def test_a_write_by_another_program_means_a_full_check_even_with_its_times_put_back(
    path, clock, statements
):
    a_history(path, clock)
    before = path.stat()
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE sessions SET routine_title = 'changed'")
    # As `touch -d` would: the change time still moves, and that is what tells.
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert checked_on_opening(path, clock, statements)
    assert not checked_on_opening(path, clock, statements)


def test_a_file_that_was_not_closed_is_checked_on_the_next_open(path, clock, statements):
    a_history(path, clock)
    store = history_module.HistoryStore(path, now=clock, tz=BERLIN)
    record_session(store)
    store._db.close()  # a crash: the connection goes, the store never closes
    assert checked_on_opening(path, clock, statements)


def test_while_another_process_has_it_open_the_last_one_out_stamps_it(path, clock, statements):
    a_history(path, clock)
    first = history_module.HistoryStore(path, now=clock, tz=BERLIN)
    try:
        with opened(path, clock, BERLIN) as second:
            record_session(second)
        assert not open_check.stamp_path(path).exists()
    finally:
        first.close()
    assert open_check.stamp_path(path).exists()
    assert not checked_on_opening(path, clock, statements)


def test_the_file_is_checked_in_full_again_after_a_week(path, clock, statements):
    a_history(path, clock)
    clock.advance(days=3)
    assert not checked_on_opening(path, clock, statements)
    clock.advance(days=5)  # 8 days since the last full check, opened in between or not
    assert checked_on_opening(path, clock, statements)
    clock.advance(days=-30)  # the clock went back: the check's age is unknown
    assert checked_on_opening(path, clock, statements)


@pytest.mark.parametrize(
    "stamp",
    [b"", b"not json", b"[]", b'{"size": "big"}', b'{"checked": 5}', b"{" * 5000],
)
def test_a_damaged_stamp_means_a_full_check_and_no_error(path, clock, statements, stamp):
    a_history(path, clock)
    open_check.stamp_path(path).write_bytes(stamp)
    assert checked_on_opening(path, clock, statements)


def test_a_stamp_that_is_not_a_file_means_a_full_check(path, clock, statements):
    a_history(path, clock)
    open_check.stamp_path(path).unlink()
    open_check.stamp_path(path).mkdir()
    assert checked_on_opening(path, clock, statements)


def test_damage_after_a_clean_close_is_still_found_and_the_file_kept(path, clock):
    a_history(path, clock)
    before = path.stat()
    data = bytearray(path.read_bytes())
    data[3 * 4096 : 5 * 4096] = b"\xa5" * (2 * 4096)
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    with opened(path, clock, BERLIN) as store:
        moved = store.recovered_from
        assert moved is not None
        assert moved.read_bytes() == bytes(data)
        note = store.recovery_note()
        assert note is not None
        assert str(moved) in note


def test_a_naive_clock_never_stamps_or_trusts(path, statements):
    naive = WallClock(datetime(2025, 1, 1))
    history_module.HistoryStore(path, now=naive).close()
    assert not open_check.stamp_path(path).exists()
    assert checked_on_opening(path, naive, statements)
