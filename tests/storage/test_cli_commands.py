"""`backcare history` (text, CSV, JSON) and `backcare stats` (text, JSON)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.storage.cli_commands import CSV_COLUMNS, cmd_history, cmd_stats, stats_dict
from backcare_desktop.storage.settings import Settings
from backcare_desktop.storage.stats import load_stats
from tests.storage.fakes import WallClock, opened, record_session

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def store(tmp_path: Path):
    clock = WallClock(datetime(2025, 3, 10, 6, 30, tzinfo=UTC))
    with opened(tmp_path / "history.sqlite3", clock, BERLIN) as store:
        record_session(
            store, title="Stiff lower back", pain=(6, 3), rating="too-easy", seconds_each=100
        )
        clock.advance(days=1, hours=12)
        record_session(
            store,
            routine="desk-break",
            title='Desk break, "standing"',
            exercises=4,
            done=1,
            seconds_each=90,
        )
        clock.advance(hours=1)
        store.start_session("stiff-lower-back", "Stiff lower back", 3)  # dies: interrupted
        clock.advance(hours=1)
        yield store


def run_history(store, fmt: str) -> str:
    out = io.StringIO()
    assert cmd_history(store, fmt, out) == 0  # type: ignore[arg-type]
    return out.getvalue()


def test_csv_has_a_header_and_one_row_per_session_oldest_first(store):
    rows = list(csv.DictReader(io.StringIO(run_history(store, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["routine"] for r in rows] == [
        "Stiff lower back",
        'Desk break, "standing"',
        "Stiff lower back",
    ]
    first = rows[0]
    assert first["started_local"] == "2025-03-10T07:30:00+01:00"  # shown in local time
    assert first["started_utc"] == "2025-03-10T06:30:00Z"
    assert (first["minutes"], first["status"]) == ("5.0", "completed")
    assert (first["pain_before"], first["pain_after"], first["rating"]) == ("6", "3", "too-easy")
    assert (rows[1]["status"], rows[1]["exercises_done"], rows[1]["pain_before"]) == (
        "stopped",
        "1",
        "",
    )
    assert rows[2]["status"] == "running"


def test_json_is_a_list_of_sessions_with_nulls_for_skipped_check_ins(store):
    sessions = json.loads(run_history(store, "json"))
    assert [s["status"] for s in sessions] == ["completed", "stopped", "running"]
    assert sessions[1]["pain_before"] is None
    assert sessions[1]["minutes"] == 1.5
    assert sessions[0]["local_day"] == "2025-03-10"


def test_text_lists_sessions_in_local_time(store):
    lines = run_history(store, "text").splitlines()
    assert lines[0].split() == ["When", "Routine", "Min", "Result", "Pain"]
    assert lines[1].startswith("2025-03-10 07:30  Stiff lower back")
    assert lines[1].endswith("Completed          6 → 3")
    assert "Stopped (1 of 4)" in lines[2]
    assert "In progress (0 of 3)" in lines[3]


def test_empty_history_says_so_and_exports_stay_valid(tmp_path):
    clock = WallClock(datetime(2025, 3, 10, tzinfo=UTC))
    with opened(tmp_path / "h.sqlite3", clock, BERLIN) as store:
        assert "No sessions yet" in run_history(store, "text")
        assert json.loads(run_history(store, "json")) == []
        assert run_history(store, "csv").splitlines() == [",".join(CSV_COLUMNS)]


def test_stats_json_has_the_figures_of_the_view(store):
    out = io.StringIO()
    assert cmd_stats(store, Settings(weekly_goal=4), True, out) == 0
    figures = json.loads(out.getvalue())
    assert figures == json.loads(json.dumps(stats_dict(load_stats(store, 4))))
    assert figures["week"] == {"start": "2025-03-10", "sessions": 2, "goal": 4, "goal_met": False}
    assert figures["streak"] == {"current": 2, "longest": 2}
    assert figures["total"] == {"sessions": 2, "minutes": 6.5}
    assert figures["pain"]["check_ins"] == [{"day": "2025-03-10", "before": 6, "after": 3}]
    assert figures["calendar"][-1] == {"day": "2025-03-11", "sessions": 1, "minutes": 1.5}


def test_stats_text(store):
    out = io.StringIO()
    assert cmd_stats(store, Settings(weekly_goal=3), False, out) == 0
    text = out.getvalue()
    assert text.startswith("This week: 2 of 3. 1 more to reach your goal of 3\n")
    assert "Streak: 2 days in a row (longest 2 days)" in text
    assert "Total: 2 sessions, 6 min" in text
    assert "Before sessions: 6.0/10" in text
    assert text.rstrip().endswith("10 Mar 2025  #  #")  # this week's calendar row
