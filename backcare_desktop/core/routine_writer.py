"""A routine as a format-1 file, and the check of a routine being edited.

The check is the loader's own (`parse_routine` on the table that would be written): the
editor shows exactly the problems the app would find in the file. `minutes` is computed
from the compiled timeline, never typed, so it always agrees with the routine.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backcare_desktop.core.errors import DuplicateIdError, LoadError, UnknownReferenceError
from backcare_desktop.core.exercise_file import FORMAT_VERSION
from backcare_desktop.core.i18n import Words
from backcare_desktop.core.library import Library, parse_routine
from backcare_desktop.core.model import Routine
from backcare_desktop.core.timeline import Timeline

# The loader's lowest `minutes`: a routine shorter than half a minute still says 0.5.
MIN_MINUTES = 0.5


def routine_file_name(routine_id: str) -> str:
    """The file a routine is saved as (the id is checked by the loader first)."""
    return f"{routine_id}.toml"


def computed_minutes(timeline: Timeline) -> float:
    return max(MIN_MINUTES, round(timeline.duration / 60, 1))


def routine_table(routine: Routine, minutes: float) -> dict[str, Any]:
    """The routine as the loader reads it: only the doses it overrides are written."""
    table: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "id": routine.id,
        "title": routine.title,
        "description": routine.description,
        "minutes": minutes,
    }
    if len(routine.audience) == 1:
        table["for"] = routine.audience[0]
    elif routine.audience:
        table["for"] = list(routine.audience)
    items = []
    for item in routine.items:
        entry: dict[str, Any] = {"id": item.exercise_id}
        for key in ("reps", "hold_seconds", "sets", "stage"):
            value = getattr(item, key)
            if value is not None:
                entry[key] = value
        items.append(entry)
    table["exercises"] = items
    return table


def toml_text(table: dict[str, Any]) -> str:
    import tomli_w  # only when a file is written: never at start-up

    return tomli_w.dumps(table)


@dataclass
class Candidate:
    """A routine as it would be saved: its table and the loader's verdict on it."""

    table: dict[str, Any]
    routine: Routine | None  # as the loader would read it back; None when it has problems
    timeline: Timeline | None  # None when an exercise is unknown
    problems: list[LoadError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.problems


def check_candidate(
    routine: Routine, library: Library, folder: Path, *, replacing: str | None = None
) -> Candidate:
    """What the loader says of `routine` saved in `folder` (its file there).

    `replacing` is the id of the person's routine being edited: saving over it is no
    clash. Every other routine's id (a preset's above all) is refused.
    """
    problems: list[LoadError] = []
    timeline: Timeline | None = None
    # An unknown exercise: the loader below says which, in its own words.
    with contextlib.suppress(UnknownReferenceError):
        timeline = library.compile(routine)
    minutes = computed_minutes(timeline) if timeline is not None else MIN_MINUTES
    table = routine_table(routine, minutes)
    path = folder / routine_file_name(routine.id or "new-routine")
    loaded = parse_routine(
        path, library.exercises, problems, user=True, durations=library.durations, data=table
    )
    known = library.routines.get(loaded.id) if loaded is not None else None
    if loaded is not None and known is not None and loaded.id != replacing:
        # Even the same file: saving a new routine must not silently replace another.
        if known.user:
            clash = Words(
                "'{id}' is already the id of your routine '{title}': give this one another id",
                id=loaded.id,
                title=known.title,
            )
        else:
            clash = Words(
                "'{id}' is already the id of the preset '{title}': give this one another id",
                id=loaded.id,
                title=known.title,
            )
        problems.append(DuplicateIdError(path, "id", clash))
    return Candidate(table, loaded, timeline, problems)
