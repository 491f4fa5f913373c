"""SessionRecorder: the engine's events become history rows as they happen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.engine import SessionEngine
from backcare_desktop.core.timeline import Timeline, compile_routine
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.recorder import SessionRecorder
from tests.storage.fakes import WallClock, opened, tiny_library

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def timeline() -> Timeline:
    routine, exercises = tiny_library()
    return compile_routine(routine, exercises)


@pytest.fixture
def store(tmp_path: Path):
    clock = WallClock(datetime(2025, 3, 10, 7, tzinfo=UTC))
    with opened(tmp_path / "history.sqlite3", clock, BERLIN) as store:
        yield store


def run(engine: SessionEngine, clock: FakeClock, seconds: float, tick: float = 0.25) -> None:
    for _ in range(round(seconds / tick)):
        clock.advance(tick)
        engine.poll()


def start(store: HistoryStore, timeline: Timeline, **kw):
    clock = FakeClock()
    engine = SessionEngine(timeline, clock)
    recorder = SessionRecorder(store, timeline, **kw)
    engine.subscribe(recorder)
    engine.start()
    return engine, clock, recorder


def test_the_row_is_written_at_start_and_each_exercise_as_it_finishes(store, timeline):
    engine, clock, recorder = start(store, timeline, pain_before=6, overrides={"cat": {"reps": 7}})
    assert recorder.session_id is not None
    record = store.session(recorder.session_id)
    assert record is not None
    assert (record.status, record.exercises_done, record.pain_before) == ("running", 0, 6)
    assert (record.routine_id, record.routine_title, record.exercises_total) == (
        "tiny",
        "Tiny routine",
        3,
    )
    assert record.planned_seconds == timeline.duration
    assert record.overrides == {"cat": {"reps": 7}}
    first_end = timeline.spans[0].end
    run(engine, clock, first_end + 0.5)
    assert [e.exercise_id for e in store.exercises(recorder.session_id)] == ["cat"]
    run(engine, clock, timeline.duration)
    record = store.session(recorder.session_id)
    assert record is not None
    assert (record.status, record.exercises_done) == ("completed", 3)
    assert record.active_seconds == pytest.approx(engine.report().active_seconds)
    assert recorder.error is None


def test_skip_and_stop_are_recorded_as_they_were(store, timeline):
    engine, clock, recorder = start(store, timeline)
    run(engine, clock, 3.0)
    engine.next_exercise()  # skip the first
    run(engine, clock, 5.0)
    engine.stop()  # in the middle of the second
    assert recorder.session_id is not None
    record = store.session(recorder.session_id)
    assert record is not None
    assert (record.status, record.exercises_done) == ("stopped", 0)
    assert [(e.exercise_id, e.outcome) for e in store.exercises(recorder.session_id)] == [
        ("cat", "skipped")
    ]
    assert record.active_seconds == pytest.approx(8.0)  # the part-done exercise counts


def test_a_write_error_is_kept_and_reported_once_and_the_session_goes_on(tmp_path, timeline):
    clock = WallClock(datetime(2025, 3, 10, 7, tzinfo=UTC))
    store = HistoryStore(tmp_path / "history.sqlite3", now=clock, tz=BERLIN)
    heard: list[Exception] = []
    engine, fake, recorder = start(store, timeline, on_error=heard.append)
    store.close()  # the disk went away
    run(engine, fake, timeline.duration + 1)
    assert engine.status == "finished"
    assert recorder.error is not None
    assert heard == [recorder.error]


def test_nothing_is_written_before_the_session_starts(store, timeline):
    engine = SessionEngine(timeline, FakeClock())
    engine.subscribe(SessionRecorder(store, timeline))
    assert store.session_count() == 0
