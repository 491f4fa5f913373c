"""The figures of the progress view and `backcare stats`, aggregated in SQL.

Every query reads only what is shown (this week, the calendar's weeks, the pain chart's
weeks) or a covering index (streaks, totals), so ten years of daily sessions cost about
what one month does.

A session *counts* (for the week, the streaks and the calendar) when at least one
exercise in it was completed: stopping half-way still is a session done, skipping
everything is not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from backcare_desktop.core import wording
from backcare_desktop.storage.history import HistoryStore

CALENDAR_WEEKS = 12
PAIN_WEEKS = 12
# "Is my back feeling better?" compares the mean pain of the last 4 weeks with the 4
# before: long enough to smooth a bad day, short enough to show a change this month.
PAIN_WINDOW_DAYS = 28


@dataclass(frozen=True)
class DayCount:
    day: date
    sessions: int
    minutes: float


@dataclass(frozen=True)
class PainPoint:
    day: date
    before: int | None
    after: int | None


@dataclass(frozen=True)
class PainSummary:
    """Means over the last PAIN_WINDOW_DAYS, and the window before it (None: no answers)."""

    before_recent: float | None
    before_previous: float | None
    after_recent: float | None
    relief_recent: float | None  # mean of (before - after) where both were given

    @property
    def trend(self) -> float | None:
        """Change of the mean pain before sessions; negative is better."""
        if self.before_recent is None or self.before_previous is None:
            return None
        return self.before_recent - self.before_previous


@dataclass(frozen=True)
class Stats:
    today: date
    week_start: date
    sessions_this_week: int
    weekly_goal: int
    current_streak: int
    longest_streak: int
    total_sessions: int
    total_minutes: float
    calendar: tuple[DayCount, ...]  # every day from the calendar's first Monday to today
    pain: tuple[PainPoint, ...]  # sessions with a check-in, oldest first
    pain_summary: PainSummary

    @property
    def goal_met(self) -> bool:
        return self.sessions_this_week >= self.weekly_goal


def week_start(day: date) -> date:
    """The Monday of `day`'s week (ISO weeks, as the calendar rows are drawn)."""
    return day - timedelta(days=day.weekday())


def _streaks(store: HistoryStore, today: date) -> tuple[int, int]:
    # Gaps and islands: among distinct days, day - row_number is constant along a run of
    # consecutive days, so grouping by it gives each run and its length, in SQL, off the
    # covering index.
    rows = store.read(
        """
        WITH days AS (
            SELECT DISTINCT local_day FROM sessions WHERE exercises_done > 0
        ), runs AS (
            SELECT MAX(local_day) AS last_day, COUNT(*) AS length
              FROM (SELECT local_day,
                           julianday(local_day) - ROW_NUMBER() OVER (ORDER BY local_day) AS run
                      FROM days)
             GROUP BY run
        )
        SELECT (SELECT COALESCE(MAX(length), 0) FROM runs) AS longest,
               (SELECT last_day FROM runs ORDER BY last_day DESC LIMIT 1) AS last_day,
               (SELECT length FROM runs ORDER BY last_day DESC LIMIT 1) AS last_length
        """
    )
    longest, last_day, last_length = rows[0]
    if last_day is None:
        return 0, 0
    # A run that ended yesterday is still alive: today is not over yet.
    alive = date.fromisoformat(last_day) >= today - timedelta(days=1)
    return (last_length if alive else 0), longest


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
    rows = store.read(
        """
        SELECT local_day, pain_before, pain_after FROM sessions
         WHERE local_day >= ? AND (pain_before IS NOT NULL OR pain_after IS NOT NULL)
         ORDER BY started_utc, id
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
    totals = store.read(
        "SELECT COUNT(*) FILTER (WHERE exercises_done > 0), "
        "COALESCE(SUM(active_seconds), 0) FROM sessions"
    )[0]
    current, longest = _streaks(store, today)
    return Stats(
        today=today,
        week_start=monday,
        sessions_this_week=week_count,
        weekly_goal=weekly_goal,
        current_streak=current,
        longest_streak=longest,
        total_sessions=totals[0],
        total_minutes=totals[1] / 60.0,
        calendar=_calendar(store, monday - timedelta(weeks=calendar_weeks - 1), today),
        pain=_pain(store, monday - timedelta(weeks=pain_weeks - 1)),
        pain_summary=_pain_summary(store, today),
    )


# -- words shared by the progress view and `backcare stats` -----------------------------


def describe_streak(stats: Stats) -> str:
    return (
        f"{wording.count(stats.current_streak, 'day')} in a row "
        f"(longest {wording.count(stats.longest_streak, 'day')})"
    )


def describe_pain(summary: PainSummary) -> str:
    """One sentence answering 'is my back feeling better?' from the check-ins."""
    if summary.before_recent is None and summary.after_recent is None:
        return "No pain check-ins in the last 4 weeks."
    parts = []
    if summary.before_recent is not None:
        text = f"Before sessions: {summary.before_recent:.1f}/10 over the last 4 weeks"
        trend = summary.trend
        if trend is not None and abs(trend) >= 0.5:
            word = "down" if trend < 0 else "up"
            text += f", {word} from {summary.before_previous:.1f}"
        elif trend is not None:
            text += ", about the same as the 4 weeks before"
        parts.append(text + ".")
    if summary.relief_recent is not None:
        if summary.relief_recent >= 0.5:
            parts.append(f"A session eases it by {summary.relief_recent:.1f} on average.")
        elif summary.relief_recent <= -0.5:
            parts.append(
                f"Sessions leave it {-summary.relief_recent:.1f} worse on average: "
                "try the gentler routines, and see a professional if it keeps on."
            )
        else:
            parts.append("About the same after sessions as before.")
    return " ".join(parts)
