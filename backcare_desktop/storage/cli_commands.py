"""`backcare history [--json | --csv]` and `backcare stats [--json]`: the bodies of the commands.

cli.py parses the arguments, opens the store and calls these. The figures are those of
the progress view (both read storage.stats). Sessions are listed oldest first, so
`| tail` shows the latest, and streamed, so ten years of history never sit in memory.
"""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any, Literal, TextIO

from backcare_desktop.core import wording
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.records import SessionRecord
from backcare_desktop.storage.settings import Settings
from backcare_desktop.storage.stats import (
    Stats,
    describe_pain,
    describe_streak,
    load_stats,
)

HistoryFormat = Literal["text", "json", "csv"]

CSV_COLUMNS = (
    "id",
    "routine_id",
    "routine",
    "started_local",
    "started_utc",
    "local_day",
    "minutes",
    "status",
    "exercises_done",
    "exercises_total",
    "pain_before",
    "pain_after",
    "rating",
)


def session_dict(store: HistoryStore, record: SessionRecord) -> dict[str, Any]:
    """A session as plain values: local time with its offset, and UTC beside it."""
    return {
        "id": record.id,
        "routine_id": record.routine_id,
        "routine": record.routine_title,
        "started_local": store.local(record.started).isoformat(timespec="seconds"),
        "started_utc": record.started.isoformat(timespec="seconds").replace("+00:00", "Z"),
        "local_day": record.local_day.isoformat(),
        "minutes": round(record.active_seconds / 60.0, 1),
        "status": record.status,
        "exercises_done": record.exercises_done,
        "exercises_total": record.exercises_total,
        "pain_before": record.pain_before,
        "pain_after": record.pain_after,
        "rating": record.rating,
    }


def _json_array(items: Iterator[dict[str, Any]], out: TextIO) -> None:
    out.write("[")
    for n, item in enumerate(items):
        out.write(",\n  " if n else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
    out.write("\n]\n")


def cmd_history(store: HistoryStore, fmt: HistoryFormat, out: TextIO) -> int:
    """Print every session; returns the exit status."""
    # Closed here, not by the garbage collector after the store is gone (a reader that
    # leaves early, `| head`, would otherwise get "Exception ignored" on stderr).
    with contextlib.closing(store.iter_sessions()) as records:
        return _print_history(store, records, fmt, out)


def _print_history(
    store: HistoryStore, records: Iterable[SessionRecord], fmt: HistoryFormat, out: TextIO
) -> int:
    if fmt == "json":
        _json_array((session_dict(store, r) for r in records), out)
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(session_dict(store, record))
    else:
        empty = True
        for record in records:
            if empty:
                out.write(f"{'When':<17} {'Routine':<28} {'Min':>4}  {'Result':<18} Pain\n")
                empty = False
            when = store.local(record.started).strftime("%Y-%m-%d %H:%M")
            status = wording.status_text(
                record.status, record.exercises_done, record.exercises_total
            )
            out.write(
                f"{when:<17} {record.routine_title[:28]:<28} "
                f"{wording.whole_minutes(record.active_seconds):>4}  {status:<18} "
                f"{wording.pain_text(record.pain_before, record.pain_after)}".rstrip()
                + "\n"
            )
        if empty:
            out.write("No sessions yet. Your sessions will be listed here.\n")
    return 0


def stats_dict(stats: Stats) -> dict[str, Any]:
    pain = stats.pain_summary
    return {
        "today": stats.today.isoformat(),
        "week": {
            "start": stats.week_start.isoformat(),
            "sessions": stats.sessions_this_week,
            "goal": stats.weekly_goal,
            "goal_met": stats.goal_met,
        },
        "streak": {"current": stats.current_streak, "longest": stats.longest_streak},
        "total": {"sessions": stats.total_sessions, "minutes": round(stats.total_minutes, 1)},
        "calendar": [
            {"day": d.day.isoformat(), "sessions": d.sessions, "minutes": round(d.minutes, 1)}
            for d in stats.calendar
        ],
        "pain": {
            "before_last_4_weeks": _round(pain.before_recent),
            "before_previous_4_weeks": _round(pain.before_previous),
            "after_last_4_weeks": _round(pain.after_recent),
            "relief_last_4_weeks": _round(pain.relief_recent),
            "check_ins": [
                {"day": p.day.isoformat(), "before": p.before, "after": p.after} for p in stats.pain
            ],
        },
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _calendar_lines(stats: Stats) -> list[str]:
    """The calendar as text: one row per week, Monday first; '#' = a session, '.' = none."""
    lines = ["            Mo Tu We Th Fr Sa Su"]
    first = stats.calendar[0].day if stats.calendar else stats.today
    by_day = {d.day: d.sessions for d in stats.calendar}
    monday = first - timedelta(days=first.weekday())
    while monday <= stats.today:
        cells = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            count = by_day.get(day)
            cells.append("  " if count is None else (" #" if count else " ."))
        lines.append(f"{monday:%d %b %Y} " + " ".join(cells).rstrip())
        monday += timedelta(days=7)
    return lines


def cmd_stats(store: HistoryStore, settings: Settings, as_json: bool, out: TextIO) -> int:
    stats = load_stats(store, settings.weekly_goal)
    if as_json:
        json.dump(stats_dict(stats), out, indent=2)
        out.write("\n")
        return 0
    out.write(f"{wording.week_text(stats.sessions_this_week, stats.weekly_goal)}\n")
    out.write(f"Streak: {describe_streak(stats)}\n")
    out.write(
        f"Total: {wording.count(stats.total_sessions, 'session')}, "
        f"{wording.total_time(stats.total_minutes)}\n"
    )
    out.write(describe_pain(stats.pain_summary) + "\n\n")
    out.write("\n".join(_calendar_lines(stats)) + "\n")
    return 0
