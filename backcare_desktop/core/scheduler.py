"""When a stretch break is due (Qt-free): schedules in, "break due" events out.

The host calls `tick()` whenever `next_wake()` says (one single-shot timer), and tells the
scheduler about sessions and the person's answers. Nothing here sleeps or polls: time comes
from a monotonic clock and a local wall clock passed in, idle time from an `IdleSource`.

Rules a person can rely on:
- Active use counts only while they are at the machine (where the platform tells idle time);
  idle (or asleep) for `natural_break_minutes` and the count starts again.
- A session that finishes, or lasts `session_counts_minutes`, counts as the break.
- After a suspend or a clock change at most one reminder is given, and only one that fell
  due a few minutes ago: never a backlog.
- Nothing fires during the quiet period, a pause or a session; a reminder that falls due
  while a fullscreen window is in front waits until it is gone.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.events import Listeners, Unsubscribe
from backcare_desktop.core.reminders import ActiveUse, FixedTime, Reminders, Schedule

# Longest sleep between ticks: a suspend, or a clock change, is noticed within this.
MAX_WAKE = 60.0
# How often idle time is read, only while an active-use schedule exists.
IDLE_SAMPLE = 15.0
# A fixed time missed by more than this (machine asleep, app not running) is dropped.
LATE_GRACE = timedelta(minutes=5)
# A fixed time this soon after a counted break is not worth a reminder.
RECENT_BREAK = timedelta(minutes=30)
# While a fullscreen window is in front, look again this often.
DND_RETRY = 60.0
# Timers are never exact: this much lateness is not a gap in the person's time.
SLACK = 30.0
MIN_WAKE = 0.25

Reason = Literal["active-use", "fixed-time", "snoozed"]


class IdleSource(Protocol):
    def idle_seconds(self) -> float | None:
        """Seconds since the last keyboard or pointer input; None when it cannot tell."""
        ...


class NoIdle:
    """For platforms that do not say: all time the machine is awake counts as use."""

    def idle_seconds(self) -> float | None:
        return None


@dataclass(frozen=True)
class BreakDue:
    number: int  # counts up from 1: a newer reminder replaces an older one on screen
    schedule: Schedule
    routine: str
    reason: Reason
    due: datetime
    snoozes: int  # how often this one has been snoozed already
    can_snooze: bool


Listener = Callable[[BreakDue], None]


class Scheduler:
    def __init__(
        self,
        reminders: Reminders,
        clock: Clock,
        local_now: Callable[[], datetime],
        idle: IdleSource | None = None,
        fullscreen: Callable[[], bool] | None = None,
    ) -> None:
        self._clock = clock
        self._local_now = local_now
        self._idle = idle or NoIdle()
        self._fullscreen = fullscreen or (lambda: False)
        self._listeners: Listeners[BreakDue] = Listeners()
        self._numbers = itertools.count(1)
        self._last_mono = clock.now()
        self._last_wall = local_now()
        self._started = self._last_wall
        self._requested = 0.0
        self._fired: set[tuple[datetime, int]] = set()
        self._snoozed: BreakDue | None = None
        self._held: BreakDue | None = None
        self.current: BreakDue | None = None  # shown, not answered yet
        self.paused_until: datetime | None = None
        self.in_session = False
        self._last_break: datetime | None = None
        self.reminders = reminders
        self._active = [0.0] * len(reminders.schedules)

    # -- listeners -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Unsubscribe:
        """Call `listener` with each reminder; returns the function that unsubscribes."""
        return self._listeners.subscribe(listener)

    def _emit(self, event: BreakDue) -> None:
        self.current = event
        if event.reason == "fixed-time":  # the break it offers serves active use too
            self._active = [0.0] * len(self.reminders.schedules)
        self._listeners.emit(event)  # one broken listener does not silence the others

    # -- what the person and the host say --------------------------------------------

    def set_reminders(self, reminders: Reminders) -> None:
        self.reminders = reminders
        self._active = [0.0] * len(reminders.schedules)
        self._snoozed = self._held = None

    def session_started(self) -> None:
        self.in_session = True
        self.current = self._snoozed = self._held = None

    def session_ended(self, seconds: float, finished: bool) -> None:
        self.in_session = False
        if finished or seconds >= self.reminders.session_counts_minutes * 60:
            self._took_break()
            self._last_break = self._local_now()

    def snooze(self) -> bool:
        """Ask again in `snooze_minutes`; False (and nothing changes) past the limit."""
        event = self.current
        if event is None or not event.can_snooze:
            return False
        snoozes = event.snoozes + 1
        self._snoozed = replace(
            event,
            reason="snoozed",
            due=self._local_now() + timedelta(minutes=self.reminders.snooze_minutes),
            snoozes=snoozes,
            can_snooze=snoozes < self.reminders.max_snoozes,
        )
        self.current = None
        return True

    def skip(self) -> None:
        self.current = None

    def start(self) -> None:
        """The person chose Start: the session that follows tells the rest."""
        self.current = None

    def pause_until(self, until: datetime | None) -> None:
        """No reminders and no counting until then (None: resume now)."""
        self.paused_until = until
        self._snoozed = self._held = self.current = None
        self._active = [0.0] * len(self.reminders.schedules)

    # -- time ------------------------------------------------------------------------

    def tick(self) -> BreakDue | None:
        """Bring the count up to now and give the reminder that is due, if any."""
        mono, wall = self._clock.now(), self._local_now()
        mono_gap = mono - self._last_mono
        wall_gap = (wall - self._last_wall).total_seconds()
        self._last_mono, self._last_wall = mono, wall
        # The machine slept (the wall clock ran on while the monotonic one stood still),
        # or the timer came far later than asked: time the person was not at the machine.
        away = max(wall_gap - mono_gap, mono_gap - (self._requested + SLACK), 0.0)
        elapsed = min(mono_gap, self._requested + SLACK)
        if self.paused_until is not None and wall >= self.paused_until:
            self.pause_until(None)
        reminders = self.reminders
        counting = (
            reminders.enabled
            and self.paused_until is None
            and not self.in_session
            and not self._quiet(wall)
        )
        idle = self._idle.idle_seconds() if self._has_active_use() else None
        natural = reminders.natural_break_minutes * 60
        if away >= natural or (idle is not None and idle >= natural):
            self._took_break()
        elif counting:
            used = max(0.0, elapsed - (idle or 0.0))
            self._active = [a + used for a in self._active]
        # Due fixed times are used up even when they cannot be shown (quiet, pause,
        # session): they are dropped, never shown late when the quiet period ends.
        event = self._due(wall) if reminders.enabled else None
        if not counting:
            event = None
        if counting and self._held is not None and event is None:
            event, self._held = self._held, None
        if event is not None and self._fullscreen():
            self._held, event = event, None
        if event is not None:
            self._emit(event)
        return event

    def next_wake(self) -> float | None:
        """Seconds until `tick` is next needed; None when nothing is scheduled at all."""
        reminders = self.reminders
        if not reminders.enabled or not reminders.schedules:
            self._requested = 0.0
            return None
        wall = self._local_now()
        waits = [MAX_WAKE]
        if self._held is not None:
            waits.append(DND_RETRY)
        if self._snoozed is not None:
            waits.append((self._snoozed.due - wall).total_seconds())
        if self.paused_until is not None:
            waits.append((self.paused_until - wall).total_seconds())
        slot = self._next_slot(wall)
        if slot is not None:
            waits.append((slot[0] - wall).total_seconds())
        for index, schedule in enumerate(reminders.schedules):
            if isinstance(schedule, ActiveUse):
                waits.append(schedule.minutes * 60 - self._active[index])
                if not isinstance(self._idle, NoIdle):
                    waits.append(IDLE_SAMPLE)
        self._requested = max(MIN_WAKE, min(waits))
        return self._requested

    def next_break(self) -> tuple[datetime, Schedule] | None:
        """When the next reminder is expected (if use goes on), for the tray's text."""
        if not self.reminders.enabled or self.paused_until is not None:
            return None
        wall = self._local_now()
        options: list[tuple[datetime, Schedule]] = []
        if self._snoozed is not None:
            options.append((self._snoozed.due, self._snoozed.schedule))
        slot = self._next_slot(wall)
        if slot is not None:
            options.append((slot[0], self.reminders.schedules[slot[1]]))
        for index, schedule in enumerate(self.reminders.schedules):
            if isinstance(schedule, ActiveUse):
                left = max(0.0, schedule.minutes * 60 - self._active[index])
                options.append((wall + timedelta(seconds=left), schedule))
        return min(options, key=lambda option: option[0]) if options else None

    def active_seconds(self, index: int) -> float:
        return self._active[index]

    # -- inside ----------------------------------------------------------------------

    def _has_active_use(self) -> bool:
        return any(isinstance(s, ActiveUse) for s in self.reminders.schedules)

    def _quiet(self, wall: datetime) -> bool:
        quiet = self.reminders.quiet
        return quiet is not None and quiet.contains(wall.time())

    def _took_break(self) -> None:
        self._active = [0.0] * len(self.reminders.schedules)
        self._snoozed = self._held = None

    def _due(self, wall: datetime) -> BreakDue | None:
        """The one reminder due now; others due at the same moment are dropped."""
        event: BreakDue | None = None
        if self._snoozed is not None and wall >= self._snoozed.due:
            event, self._snoozed = replace(self._snoozed, number=next(self._numbers)), None
        for index, schedule in enumerate(self.reminders.schedules):
            if isinstance(schedule, FixedTime):
                slot = self._missed_slot(schedule, index, wall)
                if slot is not None:
                    self._fired.add((slot, index))
                    recent = self._last_break is not None and slot - self._last_break < RECENT_BREAK
                    if event is None and not recent:
                        event = self._event(schedule, "fixed-time", slot)
            elif self._active[index] >= schedule.minutes * 60:
                self._active[index] = 0.0
                if event is None:
                    event = self._event(schedule, "active-use", wall)
        self._fired = {key for key in self._fired if wall - key[0] < timedelta(days=2)}
        return event

    def _event(self, schedule: Schedule, reason: Reason, due: datetime) -> BreakDue:
        return BreakDue(
            number=next(self._numbers),
            schedule=schedule,
            routine=schedule.routine,
            reason=reason,
            due=due,
            snoozes=0,
            can_snooze=self.reminders.max_snoozes > 0,
        )

    def _missed_slot(self, schedule: FixedTime, index: int, wall: datetime) -> datetime | None:
        """The latest time of `schedule` at or before `wall`, if recent and not yet given."""
        for day in (wall.date(), wall.date() - timedelta(days=1)):
            slot = datetime.combine(day, schedule.at, tzinfo=wall.tzinfo)
            if slot > wall or day.weekday() not in schedule.days:
                continue
            if wall - slot > LATE_GRACE or slot < self._started or (slot, index) in self._fired:
                return None
            return slot
        return None

    def _next_slot(self, wall: datetime) -> tuple[datetime, int] | None:
        best: tuple[datetime, int] | None = None
        for index, schedule in enumerate(self.reminders.schedules):
            if not isinstance(schedule, FixedTime):
                continue
            slot = next_occurrence(schedule, wall, exclude=self._fired, index=index)
            if slot is not None and (best is None or slot < best[0]):
                best = (slot, index)
        return best


def next_occurrence(
    schedule: FixedTime,
    after: datetime,
    exclude: set[tuple[datetime, int]] | None = None,
    index: int = 0,
) -> datetime | None:
    """The first time of `schedule` at or after `after` (within a week), not in `exclude`."""
    start: date = after.date()
    for offset in range(8):
        day = start + timedelta(days=offset)
        if day.weekday() not in schedule.days:
            continue
        slot = datetime.combine(day, schedule.at, tzinfo=after.tzinfo)
        if slot >= after and (exclude is None or (slot, index) not in exclude):
            return slot
    return None
