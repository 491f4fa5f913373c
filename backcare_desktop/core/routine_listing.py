"""The routines of a library made from files: listed by their summaries (from the cache
when current, `routine_index`), each read and checked in full the first time anything asks
for it (a start, the editor, an export), in the language the window shows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.core.content_text import translate_exercise, translate_routine
from backcare_desktop.core.cues import CueDurations
from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.exercise_index import EXERCISES_KEY, ExerciseListing
from backcare_desktop.core.i18n import Translator, Words
from backcare_desktop.core.model import Exercise, Routine
from backcare_desktop.core.routine_index import (
    Checked,
    KeptSummaries,
    SummaryStore,
    index_routines,
)
from backcare_desktop.core.summaries import (
    OnDemand,
    OnDemandRoutines,
    RoutineSummary,
    summary_of,
)

if TYPE_CHECKING:
    from backcare_desktop.core.timeline import Timeline


def list_routines(
    folders: Iterable[tuple[Path, bool]],
    check: Callable[[Path, bool], Checked],
    listed: ExerciseListing,
    problems: list[LoadError],
    timelines: dict[str, Timeline],
    environment: str,
    cache: SummaryStore | None,
    shown_in: tuple[Translator, CueDurations] | None,
    known: Mapping[str, object] | None = None,
) -> tuple[OnDemandRoutines, dict[str, RoutineSummary], KeptSummaries | None]:
    """The routines in `folders`, each read in full (by `check`) when first asked for, and
    their summaries, in `shown_in`'s language when given. A routine's timeline, once
    compiled in English, is kept in `timelines`."""
    exercises = listed.exercises
    shown_exercises: list[Mapping[str, Exercise]] = []

    def summarise(timeline: Timeline) -> RoutineSummary:
        if shown_in is None:
            return summary_of(timeline)
        from backcare_desktop.core.timeline import compile_routine

        tr, durations = shown_in
        if not shown_exercises:
            shown_exercises.append(
                OnDemand(
                    exercises, lambda exercise_id: translate_exercise(exercises[exercise_id], tr)
                )
            )
        routine = translate_routine(timeline.routine, tr)
        return summary_of(compile_routine(routine, shown_exercises[0], durations, tr))

    index = index_routines(
        folders,
        check,
        summarise,
        listed.digests,
        problems,
        cache=cache,
        environment=environment,
        known=known,
        carried={EXERCISES_KEY: dict(listed.entries)},
    )

    def make(routine_id: str) -> Routine:
        path, user = index.source(routine_id)
        checked = check(path, user)
        found = checked.timeline
        if found is None:
            raise (checked.problems or [LoadError(path, "", Words("could not be read"))])[0]
        if found.routine.id != routine_id:
            raise LoadError(
                path,
                "id",
                Words(
                    "is now '{new}' (it was '{old}' when BackCare listed the routines): "
                    "close and reopen BackCare to see the list as it is now",
                    new=found.routine.id,
                    old=routine_id,
                ),
            )
        timelines[routine_id] = found
        return found.routine

    routines = OnDemandRoutines(index.summaries, make)
    for timeline in index.checked:
        # Read while summarising: kept, unless another file has the same id.
        routine_id = timeline.routine.id
        if routine_id in index.sources and index.source(routine_id)[0] == Path(
            timeline.routine.source
        ):
            routines.made(timeline.routine)
            timelines.setdefault(timeline.routine.id, timeline)
    return routines, index.summaries, index.kept
