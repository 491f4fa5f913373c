"""Weekly counts, streaks, calendar and pain figures around midnight, weeks, zones and DST."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.wording import total_time
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.stats import (
    DayCount,
    PainPoint,
    PainSummary,
    describe_pain,
    load_stats,
    week_start,
)
from tests.storage.fakes import WallClock, fill_daily, opened, record_session

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
SANTIAGO = ZoneInfo("America/Santiago")  # its DST starts at midnight: 00:00 does not exist


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


def local(tz: ZoneInfo, *args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=tz, fold=fold)  # type: ignore[misc]


def sessions_at(store: HistoryStore, clock: WallClock, *moments: datetime, **kw) -> None:
    for moment in moments:
        clock.set_local(moment)
        record_session(store, **kw)


def test_empty_history(path):
    clock = WallClock(datetime(2025, 3, 12, 12, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        stats = load_stats(store, weekly_goal=3)
    assert (stats.sessions_this_week, stats.current_streak, stats.longest_streak) == (0, 0, 0)
    assert (stats.total_sessions, stats.total_minutes) == (0, 0.0)
    assert stats.pain == ()
    assert len(stats.calendar) == 11 * 7 + 3  # 11 full weeks and Mon-Wed of this one
    assert stats.calendar[0].day == date(2024, 12, 23)  # a Monday
    assert stats.calendar[-1].day == date(2025, 3, 12)
    assert describe_pain(stats.pain_summary) == "No pain check-ins in the last 4 weeks."


def test_week_starts_on_monday_at_local_midnight(path):
    clock = WallClock(datetime(2025, 3, 12, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        sessions_at(
            store,
            clock,
            local(BERLIN, 2025, 3, 9, 23, 59),  # Sunday: last week
            local(BERLIN, 2025, 3, 10, 0, 1),  # Monday: this week
            local(BERLIN, 2025, 3, 12, 23, 50),
        )
        clock.set_local(local(BERLIN, 2025, 3, 12, 23, 55))
        assert load_stats(store, 3).sessions_this_week == 2
        clock.set_local(local(BERLIN, 2025, 3, 16, 23, 59, 59))  # Sunday night
        stats = load_stats(store, 3)
        assert (stats.week_start, stats.sessions_this_week) == (date(2025, 3, 10), 2)
        clock.set_local(local(BERLIN, 2025, 3, 17, 0, 0))  # a new week
        assert load_stats(store, 3).sessions_this_week == 0


def test_a_week_across_the_new_year_is_one_week(path):
    clock = WallClock(datetime(2025, 1, 1, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        sessions_at(
            store,
            clock,
            local(BERLIN, 2024, 12, 30, 8),
            local(BERLIN, 2024, 12, 31, 8),
            local(BERLIN, 2025, 1, 2, 8),
        )
        stats = load_stats(store, 3)
    assert stats.week_start == date(2024, 12, 30)
    assert stats.sessions_this_week == 3
    assert stats.goal_met


def test_the_same_instant_is_a_different_day_in_another_zone(tmp_path):
    instant = datetime(2025, 3, 9, 23, 30, tzinfo=UTC)  # Sunday evening in New York,
    days = {}  # but already Monday in Berlin and Monday noon in Auckland
    for tz in (BERLIN, NEW_YORK, AUCKLAND):
        clock = WallClock(instant)
        with opened(tmp_path / f"{tz.key.replace('/', '-')}.sqlite3", clock, tz) as store:
            record_session(store)
            clock.set_local(local(tz, 2025, 3, 11, 12))
            stats = load_stats(store, 3)
            days[tz.key] = (store.sessions(1)[0].local_day, stats.sessions_this_week)
    assert days == {
        "Europe/Berlin": (date(2025, 3, 10), 1),
        "America/New_York": (date(2025, 3, 9), 0),
        "Pacific/Auckland": (date(2025, 3, 10), 1),
    }


def test_a_session_keeps_the_day_it_was_lived_on_after_moving_zone(path):
    clock = WallClock(datetime(2025, 3, 10, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        sessions_at(store, clock, local(BERLIN, 2025, 3, 10, 0, 30))  # Monday, in Berlin
    clock.set_local(local(NEW_YORK, 2025, 3, 10, 9))  # flew to New York (still Monday there)
    with opened(path, clock, NEW_YORK) as store:
        record = store.sessions(1)[0]
        assert record.local_day == date(2025, 3, 10)
        assert store.local(record.started).day == 9  # shown in the zone the person is in now
        stats = load_stats(store, 3)
    assert (stats.sessions_this_week, stats.current_streak) == (1, 1)


@pytest.mark.parametrize(
    ("tz", "first"),
    [
        (NEW_YORK, date(2025, 3, 5)),  # spring forward on Sunday 9 March, 02:00 -> 03:00
        (NEW_YORK, date(2025, 10, 29)),  # fall back on Sunday 2 November, 02:00 -> 01:00
        (BERLIN, date(2025, 3, 27)),  # spring forward on Sunday 30 March
        (SANTIAGO, date(2024, 9, 4)),  # midnight 7->8 September 2024 does not exist
    ],
)
def test_daily_sessions_across_a_dst_change_keep_the_streak(path, tz, first):
    clock = WallClock(datetime(2000, 1, 1, tzinfo=UTC))
    with opened(path, clock, tz) as store:
        # Late at night and just after midnight: the hours a DST change moves around.
        for n in range(8):
            day = first + timedelta(days=n)
            sessions_at(store, clock, local(tz, day.year, day.month, day.day, 23, 45))
        clock.set_local(local(tz, *(first + timedelta(days=8)).timetuple()[:3], 1, 30))
        stats = load_stats(store, 3)
        days = [r.local_day for r in store.sessions(20)]
    assert days == [first + timedelta(days=n) for n in reversed(range(8))]
    assert (stats.current_streak, stats.longest_streak) == (8, 8)


def test_the_repeated_hour_of_fall_back_is_one_day(path):
    clock = WallClock(datetime(2025, 11, 2, tzinfo=UTC))
    with opened(path, clock, NEW_YORK) as store:
        sessions_at(
            store,
            clock,
            local(NEW_YORK, 2025, 11, 2, 1, 30, fold=0),
            local(NEW_YORK, 2025, 11, 2, 1, 30, fold=1),
        )  # an hour apart
        clock.set_local(local(NEW_YORK, 2025, 11, 2, 23, 59))
        stats = load_stats(store, 3)
        starts = [r.started for r in store.sessions(5)]
    assert starts[0] - starts[1] == timedelta(hours=1)
    assert stats.calendar[-1].sessions == 2
    assert (stats.current_streak, stats.sessions_this_week) == (1, 2)


def test_streak_is_alive_until_the_end_of_the_day_after(path):
    clock = WallClock(datetime(2025, 3, 1, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        sessions_at(store, clock, *(local(BERLIN, 2025, 3, d, 18) for d in (3, 4, 5)))
        for moment, current in [
            (local(BERLIN, 2025, 3, 5, 20), 3),  # done today
            (local(BERLIN, 2025, 3, 6, 23, 59), 3),  # not yet today: still alive
            (local(BERLIN, 2025, 3, 7, 0, 0), 0),  # a whole day missed
        ]:
            clock.set_local(moment)
            stats = load_stats(store, 3)
            assert (stats.current_streak, stats.longest_streak) == (current, 3)


def test_longest_streak_counts_distinct_days_and_only_sessions_with_work_done(path):
    clock = WallClock(datetime(2025, 3, 1, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        days = [1, 2, 2, 3, 4, 10, 11, 20]  # runs: 1-4 (two on the 2nd), 10-11, 20
        sessions_at(store, clock, *(local(BERLIN, 2025, 3, d, 8) for d in days))
        sessions_at(store, clock, local(BERLIN, 2025, 3, 21, 8), done=0)  # all skipped
        clock.set_local(local(BERLIN, 2025, 3, 21, 20))
        stats = load_stats(store, 3)
    assert (stats.current_streak, stats.longest_streak) == (1, 4)
    assert stats.total_sessions == 8


def test_week_count_and_minutes_count_stopped_sessions_that_did_something(path):
    clock = WallClock(datetime(2025, 3, 10, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        sessions_at(store, clock, local(BERLIN, 2025, 3, 10, 8), seconds_each=120.0)
        sessions_at(store, clock, local(BERLIN, 2025, 3, 11, 8), done=1, seconds_each=90.0)
        sessions_at(store, clock, local(BERLIN, 2025, 3, 12, 8), done=0)
        stats = load_stats(store, 4)
    assert stats.sessions_this_week == 2
    assert stats.total_minutes == pytest.approx(7.5)  # 3 x 2 min + 1.5 min
    assert not stats.goal_met
    assert [d.sessions for d in stats.calendar[-3:]] == [1, 1, 0]
    assert total_time(stats.total_minutes) == "8 min"
    assert total_time(185) == "3 h 05 min"


def test_pain_trend_compares_the_last_four_weeks_with_the_four_before(path):
    clock = WallClock(datetime(2025, 3, 1, tzinfo=UTC))
    today = date(2025, 4, 30)
    with opened(path, clock, BERLIN) as store:
        for back, before, after in [(40, 7, 5), (35, 6, 5), (20, 4, 2), (3, 4, 3), (1, None, 1)]:
            day = today - timedelta(days=back)
            sessions_at(
                store, clock, local(BERLIN, day.year, day.month, day.day, 9), pain=(before, after)
            )
        sessions_at(store, clock, local(BERLIN, 2025, 1, 2, 9), pain=(9, 9))  # long ago
        clock.set_local(local(BERLIN, 2025, 4, 30, 20))
        stats = load_stats(store, 3)
    summary = stats.pain_summary
    assert summary.before_recent == pytest.approx(4.0)
    assert summary.before_previous == pytest.approx(6.5)
    assert summary.trend == pytest.approx(-2.5)
    assert summary.after_recent == pytest.approx(2.0)
    assert summary.relief_recent == pytest.approx(1.5)
    assert [(p.before, p.after) for p in stats.pain] == [
        (7, 5),
        (6, 5),
        (4, 2),
        (4, 3),
        (None, 1),
    ]  # the chart's 12 weeks, oldest first
    assert describe_pain(summary) == (
        "Before sessions: 4.0/10 over the last 4 weeks, down from 6.5. "
        "A session eases it by 1.5 on average."
    )


def test_ten_years_of_daily_sessions(path):
    fill_daily(path, date(2015, 3, 10), 3650, BERLIN)
    clock = WallClock(datetime(2025, 3, 6, 20, tzinfo=UTC))  # a Thursday, session done
    with opened(path, clock, BERLIN) as store:
        stats = load_stats(store, 3)
    assert (stats.total_sessions, stats.current_streak, stats.longest_streak) == (3650,) * 3
    assert stats.sessions_this_week == 4
    assert stats.total_minutes == pytest.approx(3650 * 8)
    assert all(d.sessions == 1 for d in stats.calendar)
    assert len(stats.pain) == len(stats.calendar)


def test_week_start():
    assert week_start(date(2025, 3, 16)) == date(2025, 3, 10)
    assert week_start(date(2025, 3, 10)) == date(2025, 3, 10)


def test_counts_are_said_in_the_singular_for_one():
    from backcare_desktop.core.wording import count

    assert (count(0, "session"), count(1, "session"), count(2, "day")) == (
        "0 sessions",
        "1 session",
        "2 days",
    )


def test_a_session_stopped_before_any_exercise_counts_neither_minutes_nor_a_session(path):
    # Seen: "1 min" beside "0 sessions" after one stopped in its first exercise.
    clock = WallClock(datetime(2025, 3, 10, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        clock.set_local(local(BERLIN, 2025, 3, 10, 8))
        stopped = store.start_session("desk-break", "Desk break", 4)
        store.finish_session(stopped, "stopped", active_seconds=50.0)
        stats = load_stats(store, 3)
        assert (stats.total_sessions, stats.total_minutes) == (0, 0.0)
        assert store.session_count() == 1  # kept in the history
        assert store.session_count(done_only=True) == 0  # but not listed as a session
        assert store.sessions(10, done_only=True) == []
        sessions_at(store, clock, local(BERLIN, 2025, 3, 10, 9), seconds_each=60.0)
        assert [r.exercises_done for r in store.sessions(10, done_only=True)] == [3]


def test_no_figure_reads_every_session(path):
    """The figures search the day index for the weeks they show, and the totals come
    from the row the triggers keep (query plans)."""
    fill_daily(path, date(2015, 3, 10), 400, BERLIN)
    clock = WallClock(datetime(2016, 4, 13, 20, tzinfo=UTC))
    with opened(path, clock, BERLIN) as store:
        seen: list[str] = []
        store._db.set_trace_callback(seen.append)
        load_stats(store, 3)
        store._db.set_trace_callback(None)
        scans = []
        for sql in seen:
            plan = store.read(f"EXPLAIN QUERY PLAN {sql}")
            scans += [row[3] for row in plan if row[3].split()[:2] == ["SCAN", "sessions"]]
        assert scans == []


def test_the_records_are_read_only_tuples_with_named_fields():
    day = DayCount(date(2025, 3, 10), 2, 16.5)
    assert day == (date(2025, 3, 10), 2, 16.5)
    assert (day.day, day.sessions, day.minutes) == tuple(day)
    when, before, after = PainPoint(date(2025, 3, 10), 6, None)
    assert (when, before, after) == (date(2025, 3, 10), 6, None)
    summary = PainSummary(
        before_recent=4.0, before_previous=6.5, after_recent=2.0, relief_recent=1.5
    )
    assert summary == (4.0, 6.5, 2.0, 1.5)
    assert summary.trend == -2.5
    with pytest.raises(AttributeError):
        day.sessions = 3  # type: ignore[misc]


def test_importing_the_figures_compiles_no_source():
    """The records are classes written out: namedtuple (behind typing.NamedTuple) compiles
    each class's source, and typing each string annotation, when Progress is first opened."""
    script = (
        "import sys\n"
        "import backcare_desktop.storage.history, backcare_desktop.core.wording\n"
        "import backcare_desktop.core.local_format\n"
        "made = []\n"
        # Source made at run time ('<string>'), not a module's own file read without .pyc.
        "sys.addaudithook(lambda e, a: e == 'compile' and str(a[1]).startswith('<')"
        " and made.append(a[1]))\n"
        "import backcare_desktop.storage.stats\n"
        "print(len(made))\n"
    )
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert (found.returncode, found.stdout.strip()) == (0, "0"), found.stderr
