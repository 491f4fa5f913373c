"""A routine item's dose applied to its exercise, and the order its reps come in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from backcare_desktop.core.model import Exercise, Part, RoutineItem, Side


def apply_item(exercise: Exercise, item: RoutineItem) -> Exercise:
    """The exercise with the routine's dose overrides (and progression stage) applied.

    `reps` changes the parts that declare the article's range (or every repeated part when
    none does); `hold_seconds` likewise changes the timed holds; `stage = 1` uses every
    phase's `harder` form.
    """
    if item.stage:
        exercise = replace(
            exercise,
            parts=tuple(
                replace(part, phases=tuple(ph.harder or ph for ph in part.phases))
                for part in exercise.parts
            ),
        )
    if item.reps is None and item.hold_seconds is None and item.sets is None:
        return exercise
    ranged_parts = any(p.reps_range for p in exercise.parts)
    ranged_holds = any(ph.seconds_range for p in exercise.parts for ph in p.phases)
    parts = []
    for part in exercise.parts:
        if item.reps is not None and (part.reps_range if ranged_parts else part.reps > 1):
            part = replace(part, reps=item.reps)
        if item.sets is not None:
            part = replace(part, sets=item.sets)
        if item.hold_seconds is not None:
            phases = tuple(
                replace(ph, seconds=item.hold_seconds)
                if ph.is_hold
                and ph.seconds is not None
                and (ph.seconds_range if ranged_holds else True)
                else ph
                for ph in part.phases
            )
            part = replace(part, phases=phases)
        parts.append(part)
    return replace(exercise, parts=tuple(parts))


def rep_sequence(part: Part) -> Iterator[tuple[Side | None, int, int, bool]]:
    """(side, set, rep, switch_before) for every rep of the part, in order."""
    each_side: tuple[Side, ...] = ("right", "left")
    if part.sides == "each":
        for n, side in enumerate(each_side):
            for set_no in range(1, part.sets + 1):
                for rep in range(1, part.reps + 1):
                    yield side, set_no, rep, n == 1 and set_no == 1 and rep == 1
    else:
        for set_no in range(1, part.sets + 1):
            for rep in range(1, part.reps + 1):
                turn: Side | None = None
                if part.sides == "alternating":
                    turn = each_side[0] if rep % 2 else each_side[1]
                yield turn, set_no, rep, False
