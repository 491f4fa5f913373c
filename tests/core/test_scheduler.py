"""The scheduler stepped through whole days of a fake clock (nothing sleeps)."""

from __future__ import annotations

import itertools
import logging
from datetime import datetime, time, timedelta

import pytest

from backcare_desktop.core.reminders import ActiveUse, FixedTime, QuietPeriod, Reminders
from backcare_desktop.core.scheduler import IDLE_SAMPLE, MAX_WAKE, BreakDue, Scheduler

MONDAY = datetime(2026, 11, 30, 8, 0)  # a Monday
WEEKDAYS = (0, 1, 2, 3, 4)


class DayClock:
    """A monotonic clock and a local wall clock that move together, unless told not to."""

    rate = 1.0

    def __init__(self, start: datetime = MONDAY) -> None:
        self.mono = 5000.0
        self.wall = start

    def now(self) -> float:
        return self.mono

    def local_now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)

    def suspend(self, seconds: float) -> None:
        """Asleep: the monotonic clock (CLOCK_MONOTONIC) stands still, the wall runs on."""
        self.wall += timedelta(seconds=seconds)

    def set_wall(self, delta: timedelta) -> None:
        self.wall += delta


class Person:
    """Idle time as the platform would report it: away during the given stretches."""

    def __init__(self, clock: DayClock) -> None:
        self.clock = clock
        self.away: list[tuple[datetime, datetime]] = []
        self.reads = 0

    def idle_seconds(self) -> float | None:
        self.reads += 1
        for start, end in self.away:
            if start <= self.clock.wall < end:
                return (self.clock.wall - start).total_seconds()
        return 0.0


class Harness:
    def __init__(
        self, reminders: Reminders, *, idle: bool = True, start: datetime = MONDAY
    ) -> None:
        self.clock = DayClock(start)
        self.person = Person(self.clock)
        self.fullscreen = False
        self.scheduler = Scheduler(
            reminders,
            self.clock,
            self.clock.local_now,
            idle=self.person if idle else None,
            fullscreen=lambda: self.fullscreen,
        )
        self.events: list[BreakDue] = []
        self.ticks = 0
        self.waits: list[float] = []
        self.answer = "skip"
        self.scheduler.subscribe(self._on_break)

    def _on_break(self, event: BreakDue) -> None:
        self.events.append(event)
        if self.answer == "skip":
            self.scheduler.skip()
        elif self.answer == "snooze":
            self.scheduler.snooze()

    def run_until(self, target: datetime) -> None:
        """What the host's single-shot timer does: sleep as asked, then tick."""
        while self.clock.wall < target:
            wait = self.scheduler.next_wake()
            left = (target - self.clock.wall).total_seconds()
            if wait is None:
                self.clock.advance(left)
                return
            self.waits.append(wait)
            if wait > left:
                self.clock.advance(left)
                return
            self.clock.advance(wait)
            self.ticks += 1
            self.scheduler.tick()


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    return MONDAY.replace(hour=hour, minute=minute) + timedelta(days=day)


def every(minutes: int = 50, **kw: object) -> Reminders:
    return Reminders(schedules=(ActiveUse(minutes),), **kw)  # type: ignore[arg-type]


def fixed(*times: str, days: tuple[int, ...] = WEEKDAYS, **kw: object) -> Reminders:
    schedules = tuple(FixedTime(time.fromisoformat(t), days) for t in times)
    return Reminders(schedules=schedules, **kw)  # type: ignore[arg-type]


# -- active use ------------------------------------------------------------------------


def test_a_working_day_of_steady_use_gets_a_reminder_every_50_minutes():
    h = Harness(every(50))
    h.run_until(at(16))
    assert len(h.events) == 9  # 8 hours = 480 min
    gaps = [(b.due - a.due).total_seconds() for a, b in itertools.pairwise(h.events)]
    assert all(50 * 60 <= g < 50 * 60 + IDLE_SAMPLE for g in gaps)
    assert h.events[0].routine == "desk-break"
    assert h.events[0].reason == "active-use"


def test_a_short_idle_spell_pauses_the_count_without_restarting_it():
    h = Harness(every(50))
    h.person.away = [(at(8, 30), at(8, 33))]  # 3 min: under the 5 min natural break
    h.run_until(at(9))
    assert len(h.events) == 1
    # Idle time is sampled: the count is right to within one sample.
    sample = timedelta(seconds=IDLE_SAMPLE)
    assert at(8, 53) - sample <= h.events[0].due <= at(8, 53) + sample


def test_idle_long_enough_is_a_break_and_the_count_starts_again():
    h = Harness(every(50))
    h.person.away = [(at(8, 40), at(8, 50))]
    h.run_until(at(9, 45))
    assert len(h.events) == 1
    sample = timedelta(seconds=IDLE_SAMPLE)
    assert at(9, 40) - sample <= h.events[0].due <= at(9, 40) + sample


def test_without_idle_time_the_reminder_comes_with_one_wake_and_no_sampling():
    h = Harness(every(50), idle=False)
    h.run_until(at(8, 51))
    assert len(h.events) == 1
    assert h.person.reads == 0
    assert h.ticks <= 50 * 60 / MAX_WAKE + 1


def test_idle_is_read_only_when_an_active_use_schedule_exists():
    h = Harness(fixed("10:30"))
    h.run_until(at(12))
    assert h.person.reads == 0
    assert len(h.events) == 1


def test_waking_never_comes_faster_than_the_idle_sample_while_waiting():
    h = Harness(every(50))
    h.run_until(at(12))
    assert h.ticks <= 4 * 3600 / IDLE_SAMPLE + len(h.events) + 1
    assert min(h.waits) >= IDLE_SAMPLE - 1e-6


# -- fixed times -----------------------------------------------------------------------


def test_fixed_times_on_weekdays_through_a_whole_week():
    h = Harness(fixed("10:30", "15:00"))
    h.run_until(at(8, day=7))
    assert [e.due for e in h.events] == [
        at(hour, minute, day) for day in range(5) for hour, minute in ((10, 30), (15, 0))
    ]
    assert {e.reason for e in h.events} == {"fixed-time"}


def test_a_fixed_time_just_after_midnight_fires_on_the_right_day():
    h = Harness(fixed("00:05", days=(1,)), start=at(23))  # Tuesday only
    h.run_until(at(1, day=2))
    assert [e.due for e in h.events] == [at(0, 5, day=1)]


def test_a_fixed_time_before_the_app_started_is_not_given():
    h = Harness(fixed("10:30"), start=at(10, 32))
    h.run_until(at(12))
    assert h.events == []


def test_the_next_break_names_the_soonest_schedule():
    h = Harness(Reminders(schedules=(ActiveUse(50), FixedTime(time(8, 20)))))
    soon = h.scheduler.next_break()
    assert soon == (at(8, 20), FixedTime(time(8, 20)))


# -- snooze, skip ----------------------------------------------------------------------


def test_snooze_asks_again_after_ten_minutes_up_to_the_limit():
    h = Harness(fixed("10:30", max_snoozes=2))
    h.answer = "snooze"
    h.run_until(at(11, 30))
    assert [e.due for e in h.events] == [at(10, 30), at(10, 40), at(10, 50)]
    assert [e.can_snooze for e in h.events] == [True, True, False]
    assert h.scheduler.snooze() is False


def test_no_snoozes_allowed_means_none_offered():
    h = Harness(fixed("10:30", max_snoozes=0))
    h.answer = "snooze"
    h.run_until(at(11))
    assert [e.can_snooze for e in h.events] == [False]
    assert len(h.events) == 1


# -- sessions --------------------------------------------------------------------------


def test_a_finished_session_counts_as_the_break():
    h = Harness(every(50))
    h.run_until(at(8, 40))
    h.scheduler.session_started()
    h.run_until(at(8, 48))
    h.scheduler.session_ended(8 * 60, finished=True)
    h.run_until(at(9, 30))
    assert h.events == []
    h.run_until(at(9, 40))
    assert len(h.events) == 1


def test_a_short_stopped_session_does_not_count():
    h = Harness(every(50))
    h.run_until(at(8, 40))
    h.scheduler.session_started()
    h.run_until(at(8, 41))
    h.scheduler.session_ended(60, finished=False)
    h.run_until(at(8, 52))
    assert len(h.events) == 1


def test_a_fixed_time_soon_after_a_session_is_left_out():
    h = Harness(fixed("10:30"))
    h.run_until(at(10))
    h.scheduler.session_started()
    h.run_until(at(10, 10))
    h.scheduler.session_ended(600, finished=True)
    h.run_until(at(11))
    assert h.events == []


def test_nothing_fires_during_a_session():
    h = Harness(fixed("10:30"))
    h.run_until(at(10, 25))
    h.scheduler.session_started()
    h.run_until(at(11))
    assert h.events == []


# -- suspend, clock changes ------------------------------------------------------------


def test_a_long_suspend_over_fixed_times_gives_no_backlog():
    h = Harness(fixed("09:00", "10:30", "11:00"))
    h.run_until(at(8, 50))
    h.clock.suspend(3 * 3600)  # wakes at 11:50
    h.run_until(at(12))
    assert h.events == []


def test_a_short_suspend_over_a_fixed_time_gives_it_once_on_waking():
    h = Harness(fixed("10:30"))
    h.run_until(at(10, 28))
    h.clock.suspend(4 * 60)
    h.run_until(at(11))
    assert [e.due for e in h.events] == [at(10, 30)]


def test_a_suspend_is_a_break_for_active_use():
    h = Harness(every(50), idle=False)
    h.run_until(at(8, 45))
    h.clock.suspend(20 * 60)  # wakes at 9:05: the 45 min before it no longer count
    h.run_until(at(9, 54))
    assert h.events == []
    h.run_until(at(9, 57))
    assert len(h.events) == 1


def test_the_clock_jumping_forward_a_day_gives_at_most_one_reminder():
    h = Harness(fixed("09:00", "10:30", "15:00", days=tuple(range(7))))
    h.run_until(at(8, 59))
    h.clock.set_wall(timedelta(hours=26, minutes=2))  # Tuesday 11:01
    h.run_until(at(12, day=1))
    assert h.events == []
    h.clock.set_wall(timedelta(hours=3))  # 15:01 on a timer tick
    h.run_until(at(15, 10, day=1))
    assert [e.due for e in h.events] == [at(15, day=1)]


def test_the_clock_set_back_does_not_repeat_a_reminder():
    h = Harness(fixed("10:30"))
    h.run_until(at(10, 31))
    h.clock.set_wall(timedelta(minutes=-20))
    h.run_until(at(11))
    assert [e.due for e in h.events] == [at(10, 30)]


# -- quiet, pause, fullscreen ----------------------------------------------------------


def test_nothing_fires_in_the_quiet_period_and_nothing_is_kept_for_its_end():
    quiet = QuietPeriod(time(12), time(13, 30))
    h = Harness(
        Reminders(schedules=(ActiveUse(50), FixedTime(time(13, 28))), quiet=quiet),
    )
    h.run_until(at(15))
    due = [e.due for e in h.events]
    assert not any(time(12) <= d.time() < time(13, 30) for d in due)
    assert all(e.reason == "active-use" for e in h.events)
    # The count stood still from 12:00 (40 min used) to 13:30: 13:40, then 14:30.
    sample = timedelta(seconds=IDLE_SAMPLE)
    assert at(13, 40) - sample <= due[-2] <= at(13, 40) + sample
    assert at(14, 30) - sample <= due[-1] <= at(14, 30) + sample


def test_a_quiet_period_past_midnight():
    quiet = QuietPeriod(time(22), time(7))
    assert quiet.contains(time(23, 59))
    assert quiet.contains(time(6, 59))
    assert not quiet.contains(time(7))
    assert not quiet.contains(time(21, 59))


def test_pause_for_an_hour_then_the_count_starts_afresh():
    h = Harness(every(50))
    h.run_until(at(8, 45))
    h.scheduler.pause_until(at(9, 45))
    assert h.scheduler.next_break() is None
    h.run_until(at(10, 30))
    assert h.events == []
    h.run_until(at(10, 36))
    assert len(h.events) == 1


def test_a_reminder_waits_while_a_fullscreen_window_is_in_front():
    h = Harness(fixed("10:30"))
    h.fullscreen = True
    h.run_until(at(11, 15))
    assert h.events == []
    h.fullscreen = False
    h.run_until(at(11, 20))
    assert [e.due for e in h.events] == [at(10, 30)]


def test_switched_off_reminders_need_no_timer_at_all():
    h = Harness(every(50, enabled=False))
    assert h.scheduler.next_wake() is None
    h.run_until(at(20))
    assert h.events == []


# -- listeners -------------------------------------------------------------------------


def test_a_failing_listener_does_not_stop_the_others(caplog: pytest.LogCaptureFixture):
    h = Harness(fixed("10:30"))

    def broken(event: BreakDue) -> None:
        raise RuntimeError("listener bug")

    seen: list[int] = []
    h.scheduler.subscribe(broken)
    h.scheduler.subscribe(lambda e: seen.append(e.number))
    with caplog.at_level(logging.ERROR):
        h.run_until(at(11))
    assert seen == [1]
    assert "a listener failed on an event" in caplog.text


def test_an_unsubscribed_listener_hears_nothing():
    h = Harness(fixed("10:30", "11:30"))
    seen: list[int] = []
    unsubscribe = h.scheduler.subscribe(lambda e: seen.append(e.number))
    h.run_until(at(11))
    unsubscribe()
    unsubscribe()  # twice is harmless
    h.run_until(at(12))
    assert seen == [1]
    assert len(h.events) == 2


def test_a_short_routine_finished_counts_though_under_the_minimum():
    h = Harness(every(50))
    h.run_until(at(8, 45))
    h.scheduler.session_started()
    h.run_until(at(8, 47))
    h.scheduler.session_ended(120, finished=True)
    h.run_until(at(9, 20))
    assert h.events == []
