"""Plain records of the history and the UTC text times they are stored as (no SQL here)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal, get_args

from backcare_desktop.core.progression import as_overrides

SessionStatus = Literal["running", "completed", "stopped", "interrupted"]
Outcome = Literal["completed", "skipped"]
Rating = Literal["too-easy", "about-right", "too-hard"]
RATINGS: tuple[str, ...] = get_args(Rating)
STATUSES: tuple[str, ...] = get_args(SessionStatus)


def utc_now() -> datetime:
    return datetime.now(UTC)


def to_utc_text(moment: datetime) -> str:
    """ISO 8601 in UTC to the second: sorts in time order as plain text."""
    if moment.tzinfo is None:
        raise ValueError("history times must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


@dataclass(frozen=True)
class SessionRecord:
    """One row of the history, as the list, the CLI and progression read it."""

    id: int
    routine_id: str
    routine_title: str
    started: datetime  # aware, UTC
    ended: datetime | None
    local_day: date  # the day it started on, where the person was
    status: SessionStatus
    exercises_total: int
    exercises_done: int
    planned_seconds: float
    active_seconds: float
    pain_before: int | None
    pain_after: int | None
    rating: Rating | None
    overrides: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> SessionRecord:
        ended = row["ended_utc"]
        return cls(
            id=row["id"],
            routine_id=row["routine_id"],
            routine_title=row["routine_title"],
            started=from_utc_text(row["started_utc"]),
            ended=from_utc_text(ended) if ended else None,
            local_day=date.fromisoformat(row["local_day"]),
            status=row["status"],
            exercises_total=row["exercises_total"],
            exercises_done=row["exercises_done"],
            planned_seconds=row["planned_seconds"],
            active_seconds=row["active_seconds"],
            pain_before=row["pain_before"],
            pain_after=row["pain_after"],
            rating=row["rating"],
            overrides=parse_overrides(row["overrides"]),
        )


@dataclass(frozen=True)
class ExerciseRecord:
    position: int
    exercise_id: str
    outcome: Outcome
    active_seconds: float
    finished: datetime


def parse_overrides(text: object) -> dict[str, dict[str, float]]:
    """A session's dose as stored: {exercise: {field: number}}. Text that is not JSON, or
    JSON of another shape, reads as {} ("as written"), never as an error."""
    try:
        data = json.loads(text) if isinstance(text, str) and text else {}
    except (ValueError, RecursionError):
        return {}
    return as_overrides(data) if isinstance(data, dict) else {}
