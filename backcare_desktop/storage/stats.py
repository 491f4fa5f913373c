"""The figures of the progress view and `backcare stats`, aggregated in SQL.

Every query reads only what is shown (this week, the calendar's weeks, the pain chart's
weeks), the row of totals or the table of day runs (streaks), both kept by triggers, so
fifty years of daily sessions cost about what one month does.

A session *counts* (for the week, the streaks and the calendar) when at least one
exercise in it was completed: stopping half-way still is a session done, skipping
everything is not.
"""

from __future__ import annotations

from datetime import date, timedelta
from math import isfinite

from backcare_desktop.core import wording
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.local_format import decimal
from backcare_desktop.storage import day_runs, totals
from backcare_desktop.storage.history import HistoryStore

CALENDAR_WEEKS = 12
PAIN_WEEKS = 12
# "Is my back feeling better?" compares the mean pain of the last 4 weeks with the 4
# before: long enough to smooth a bad day, short enough to show a change this month.
PAIN_WINDOW_DAYS = 28


# Tuples with named fields, written out (and Stats a class with slots): typing.NamedTuple
# builds each class through collections.namedtuple, compiling its source at import, and
# each string annotation through typing: 4.1 M instructions for the four, ~3.5 % of the
# click that first opens Progress. The records stay read-only tuples, compared and
# unpacked as before.
class DayCount(tuple[date, int, float]):
    __slots__ = ()

    def __new__(cls, day: date, sessions: int, minutes: float) -> DayCount:
        return tuple.__new__(cls, (day, sessions, minutes))

    @property
    def day(self) -> date:
        return self[0]

    @property
    def sessions(self) -> int:
        return self[1]

    @property
    def minutes(self) -> float:
        return self[2]


class PainPoint(tuple[date, "int | None", "int | None"]):
    __slots__ = ()

    def __new__(cls, day: date, before: int | None, after: int | None) -> PainPoint:
        return tuple.__new__(cls, (day, before, after))

    @property
    def day(self) -> date:
        return self[0]

    @property
    def before(self) -> int | None:
        return self[1]

    @property
    def after(self) -> int | None:
        return self[2]


class PainSummary(tuple[float | None, float | None, float | None, float | None]):
    """Means over the last PAIN_WINDOW_DAYS, and the window before it (None: no answers)."""

    __slots__ = ()

    def __new__(
        cls,
        before_recent: float | None,
        before_previous: float | None,
        after_recent: float | None,
        relief_recent: float | None,  # mean of (before - after) where both were given
    ) -> PainSummary:
        return tuple.__new__(cls, (before_recent, before_previous, after_recent, relief_recent))

    @property
    def before_recent(self) -> float | None:
        return self[0]

    @property
    def before_previous(self) -> float | None:
        return self[1]

    @property
    def after_recent(self) -> float | None:
        return self[2]

    @property
    def relief_recent(self) -> float | None:
        return self[3]

    @property
    def trend(self) -> float | None:
        """Change of the mean pain before sessions; negative is better."""
        if self.before_recent is None or self.before_previous is None:
            return None
        return self.before_recent - self.before_previous


class Stats:
    """Everything the progress view shows above the list, and `backcare stats` prints."""

    __slots__ = (
        "calendar",
        "current_streak",
        "longest_streak",
        "pain",
        "pain_summary",
        "sessions_this_week",
        "today",
        "total_minutes",
        "total_sessions",
        "week_start",
        "weekly_goal",
    )

    def __init__(
        self,
        *,
        today: date,
        week_start: date,
        sessions_this_week: int,
        weekly_goal: int,
        current_streak: int,
        longest_streak: int,
        total_sessions: int,
        total_minutes: float,
        calendar: tuple[DayCount, ...],  # every day from the calendar's first Monday to today
        pain: tuple[PainPoint, ...],  # sessions with a check-in, oldest first
        pain_summary: PainSummary,
    ) -> None:
        self.today = today
        self.week_start = week_start
        self.sessions_this_week = sessions_this_week
        self.weekly_goal = weekly_goal
        self.current_streak = current_streak
        self.longest_streak = longest_streak
        self.total_sessions = total_sessions
        self.total_minutes = total_minutes
        self.calendar = calendar
        self.pain = pain
        self.pain_summary = pain_summary

    @property
    def goal_met(self) -> bool:
        return self.sessions_this_week >= self.weekly_goal


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks, as the calendar rows are drawn)."""
    return day - timedelta(days=day.weekday())


def _streaks(store: HistoryStore, today: date) -> tuple[int, int]:
    # The runs of consecutive days are kept in a table (storage/day_runs.py): the
    # current streak is the run that ends last, the longest the longest run.
    rows = store.read(
        """
        SELECT (SELECT first_day FROM day_runs ORDER BY last_day DESC LIMIT 1),
               (SELECT MAX(last_day) FROM day_runs),
               (SELECT MAX(julianday(last_day) - julianday(first_day)) + 1 FROM day_runs)
        """
    )
    first, last, longest = rows[0]
    if last is None:
        return 0, 0
    try:
        current = (date.fromisoformat(last) - date.fromisoformat(first)).days + 1
        longest = int(longest)
    except (TypeError, ValueError):
        # Rows someone else wrote since this process checked the table: count afresh.
        return _streaks_recounted(store, today)
    # A run that ended yesterday is still alive: today is not over yet.
    alive = date.fromisoformat(last) >= today - timedelta(days=1)
    return (current if alive else 0), longest


def _totals(store: HistoryStore) -> tuple[int, float]:
    # Kept in one row by triggers (storage/totals.py), not summed over every session.
    rows = store.read("SELECT sessions, active_seconds FROM session_totals")
    if len(rows) == 1:
        count, seconds = rows[0]
        if type(count) is int and count >= 0 and type(seconds) is float and isfinite(seconds):
            return count, seconds
    # A row someone else wrote since this process checked the table: count afresh.
    count, seconds = store.read(totals.RECOUNT)[0]
    return int(count), float(seconds)


def _streaks_recounted(store: HistoryStore, today: date) -> tuple[int, int]:
    runs = [
        (date.fromisoformat(first), date.fromisoformat(last))
        for first, last in store.read(day_runs.RECOUNT)
    ]
    if not runs:
        return 0, 0
    first, last = max(runs, key=lambda run: run[1])
    alive = last >= today - timedelta(days=1)
    longest = max((b - a).days + 1 for a, b in runs)
    return ((last - first).days + 1 if alive else 0), longest


def _calendar(store: HistoryStore, first: date, today: date) -> tuple[DayCount, ...]:
    rows = store.read(
        """
        SELECT local_day, COUNT(*), SUM(active_seconds) FROM sessions
         WHERE local_day BETWEEN ? AND ? AND exercises_done > 0
         GROUP BY local_day
        """,
        (first.isoformat(), today.isoformat()),
    )
    found = {row[0]: (row[1], row[2] / 60.0) for row in rows}
    days = (first + timedelta(days=n) for n in range((today - first).days + 1))
    return tuple(DayCount(day, *found.get(day.isoformat(), (0, 0.0))) for day in days)


def _pain(store: HistoryStore, first: date) -> tuple[PainPoint, ...]:
    # The unary + keeps SQLite off the started_utc index for the ORDER BY: walking it
    # read every session of the history (8 ms at 50 years) to keep the chart's weeks;
    # the day index finds those weeks' few rows, and sorting them is free.
    rows = store.read(
        """
        SELECT local_day, pain_before, pain_after FROM sessions
         WHERE local_day >= ? AND (pain_before IS NOT NULL OR pain_after IS NOT NULL)
         ORDER BY +started_utc, +id
        """,
        (first.isoformat(),),
    )
    return tuple(PainPoint(date.fromisoformat(r[0]), r[1], r[2]) for r in rows)


def _mean(values: list[int]) -> float | None:
    # sum/len, not statistics.fmean: that module costs ~10 ms of start-up to import.
    return sum(values) / len(values) if values else None


def _pain_summary(store: HistoryStore, today: date) -> PainSummary:
    recent_start = today - timedelta(days=PAIN_WINDOW_DAYS - 1)
    previous_start = recent_start - timedelta(days=PAIN_WINDOW_DAYS)
    rows = store.read(
        """
        SELECT local_day >= ? AS recent, pain_before, pain_after FROM sessions
         WHERE local_day BETWEEN ? AND ?
           AND (pain_before IS NOT NULL OR pain_after IS NOT NULL)
        """,
        (recent_start.isoformat(), previous_start.isoformat(), today.isoformat()),
    )
    recent = [r for r in rows if r[0]]
    previous = [r for r in rows if not r[0]]
    return PainSummary(
        before_recent=_mean([r[1] for r in recent if r[1] is not None]),
        before_previous=_mean([r[1] for r in previous if r[1] is not None]),
        after_recent=_mean([r[2] for r in recent if r[2] is not None]),
        relief_recent=_mean([r[1] - r[2] for r in recent if r[1] is not None and r[2] is not None]),
    )


def load_stats(
    store: HistoryStore,
    weekly_goal: int,
    *,
    calendar_weeks: int = CALENDAR_WEEKS,
    pain_weeks: int = PAIN_WEEKS,
) -> Stats:
    """Everything the progress view shows above the list, for the store's today."""
    today = store.today()
    monday = week_start(today)
    week_count = store.read(
        "SELECT COUNT(*) FROM sessions WHERE local_day BETWEEN ? AND ? AND exercises_done > 0",
        # To Sunday, not today: a session stored on a later local day (recorded further
        # east) still belongs to this week.
        (monday.isoformat(), (monday + timedelta(days=6)).isoformat()),
    )[0][0]
    total_sessions, total_seconds = _totals(store)
    current, longest = _streaks(store, today)
    return Stats(
        today=today,
        week_start=monday,
        sessions_this_week=week_count,
        weekly_goal=weekly_goal,
        current_streak=current,
        longest_streak=longest,
        total_sessions=total_sessions,
        total_minutes=total_seconds / 60.0,
        calendar=_calendar(store, monday - timedelta(weeks=calendar_weeks - 1), today),
        pain=_pain(store, monday - timedelta(weeks=pain_weeks - 1)),
        pain_summary=_pain_summary(store, today),
    )


# -- words shared by the progress view and `backcare stats` -----------------------------


def describe_streak(stats: Stats, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr._("{current} in a row (longest {longest})").format(
        current=wording.days_text(stats.current_streak, tr),
        longest=wording.days_text(stats.longest_streak, tr),
    )


def describe_pain(summary: PainSummary, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """One sentence answering 'is my back feeling better?' from the check-ins."""
    if summary.before_recent is None and summary.after_recent is None:
        return tr._("No pain check-ins in the last 4 weeks.")

    def figure(value: float) -> str:
        return decimal(value, tr)

    parts = []
    if summary.before_recent is not None:
        text = tr._("Before sessions: {pain}/10 over the last 4 weeks").format(
            pain=figure(summary.before_recent)
        )
        trend = summary.trend
        if trend is not None and abs(trend) >= 0.5 and summary.before_previous is not None:
            was = figure(summary.before_previous)
            if trend < 0:
                text += tr._(", down from {pain}").format(pain=was)
            else:
                text += tr._(", up from {pain}").format(pain=was)
        elif trend is not None:
            text += tr._(", about the same as the 4 weeks before")
        parts.append(text + ".")
    if summary.relief_recent is not None:
        if summary.relief_recent >= 0.5:
            parts.append(
                tr._("A session eases it by {pain} on average.").format(
                    pain=figure(summary.relief_recent)
                )
            )
        elif summary.relief_recent <= -0.5:
            parts.append(
                tr._(
                    "Sessions leave it {pain} worse on average: try the gentler routines, "
                    "and see a professional if it keeps on."
                ).format(pain=figure(-summary.relief_recent))
            )
        else:
            parts.append(tr._("About the same after sessions as before."))
    return " ".join(parts)
