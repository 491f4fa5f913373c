"""Progression: after a routine felt too easy (or too hard) a few times, offer a new dose.

The articles' plan adds repetitions once an exercise has become easy. We only ever
*offer*: the person sees the change before the session and may keep the dose they know.
Changes stay inside the ranges the articles give (Part.reps_range, Phase.seconds_range);
an exercise without a range keeps its dose.

Doses are kept as "overrides": {exercise_id: {"reps": n, "hold_seconds": s}}, the same
fields a routine item has, so the adjusted routine is the routine with its items
replaced, and the history can store which dose a session was run at.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from backcare_desktop.core.model import Exercise, Part, Phase, Routine, RoutineItem

Direction = Literal["harder", "easier"]
Overrides = Mapping[str, Mapping[str, float]]

# Two ratings in a row: one "too easy" may be a good day; two is a pattern.
DEFAULT_THRESHOLD = 2
_TRIGGER: dict[str, Direction] = {"too-easy": "harder", "too-hard": "easier"}


@dataclass(frozen=True)
class Change:
    exercise_id: str
    exercise_name: str
    field: Literal["reps", "hold_seconds", "stage"]
    before: float
    after: float
    stage_name: str = ""  # for a stage change: what the new stage does, e.g. "arms overhead"
    reps: int | None = None  # for a stage change: the reps the new stage starts at


@dataclass(frozen=True)
class Offer:
    """A suggested new dose: shown before the session; accepting runs `routine`.

    Data only: core.wording says it (headline, reason, one line per change).
    """

    direction: Direction
    routine: Routine
    changes: tuple[Change, ...]
    overrides: Mapping[str, Mapping[str, float]]  # the whole new dose, to store with sessions
    ratings_in_a_row: int  # how many equal ratings called for it


def as_overrides(stored: Mapping[str, Any]) -> dict[str, dict[str, float]]:
    """A dose read back from a file, keeping only well-formed entries, as floats.

    8 and 8.0 are the same dose; so a stored dose compares equal however it was written.
    """
    dose: dict[str, dict[str, float]] = {}
    for exercise_id, fields in stored.items():
        if not isinstance(fields, Mapping):
            continue
        kept = {
            name: float(value)
            for name, value in fields.items()
            if name in ("reps", "hold_seconds", "stage")
            and isinstance(value, int | float)
            and not isinstance(value, bool)
            and math.isfinite(value)
        }
        if kept:
            dose[str(exercise_id)] = kept
    return dose


def _ranged_part(exercise: Exercise) -> Part | None:
    return next((p for p in exercise.parts if p.reps_range), None)


def _ranged_hold(exercise: Exercise) -> Phase | None:
    return next(
        (
            ph
            for p in exercise.parts
            for ph in p.phases
            if ph.is_hold and ph.seconds is not None and ph.seconds_range
        ),
        None,
    )


def _harder_name(exercise: Exercise) -> str | None:
    """What the exercise's next stage is called, or None when it has no stage."""
    forms = [ph.harder for p in exercise.parts for ph in p.phases if ph.harder is not None]
    return (forms[0].label or "the next stage") if forms else None


def _reps_step(part: Part) -> int:
    # Alternating sides need an even count, or one side would get a rep fewer.
    return 2 if part.sides == "alternating" else 1


def _hold_step(low: float, high: float) -> float:
    # About a quarter of the range: 5-10 s moves by 1 s, 30-60 s by 10 s, 30-120 s by
    # 20 s; steps of 5 s once the range is wide, because nobody counts 23 seconds.
    quarter = (high - low) / 4
    step = round(quarter / 5) * 5 if high - low >= 20 else round(quarter)
    return float(max(1, step))


def current_dose(exercise: Exercise, item: RoutineItem) -> tuple[int | None, float | None]:
    """The reps and hold seconds progression can change (None where there is no range)."""
    part, hold = _ranged_part(exercise), _ranged_hold(exercise)
    reps = (item.reps if item.reps is not None else part.reps) if part else None
    seconds = (
        (item.hold_seconds if item.hold_seconds is not None else hold.seconds) if hold else None
    )
    return reps, seconds


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def apply_overrides(
    routine: Routine, exercises: Mapping[str, Exercise], overrides: Overrides
) -> Routine:
    """The routine at a stored dose, clamped to today's ranges.

    A dose stored last month may fall outside a range the exercise file changed since,
    or name an exercise the routine no longer has: clamp, or ignore.
    """
    items = []
    for item in routine.items:
        dose = overrides.get(item.exercise_id)
        exercise = exercises.get(item.exercise_id)
        if dose and exercise:
            part, hold = _ranged_part(exercise), _ranged_hold(exercise)
            if "reps" in dose and part and part.reps_range:
                item = replace(item, reps=int(_clamp(dose["reps"], part.reps_range)))
            if "hold_seconds" in dose and hold and hold.seconds_range:
                item = replace(item, hold_seconds=_clamp(dose["hold_seconds"], hold.seconds_range))
            if "stage" in dose and _harder_name(exercise) is not None:
                item = replace(item, stage=int(_clamp(dose["stage"], (0, 1))))
        items.append(item)
    return replace(routine, items=tuple(items))


def _adjust(
    exercise: Exercise, item: RoutineItem, direction: Direction
) -> tuple[RoutineItem, list[Change]]:
    sign = 1 if direction == "harder" else -1
    reps, seconds = current_dose(exercise, item)
    part, hold = _ranged_part(exercise), _ranged_hold(exercise)
    changes: list[Change] = []
    stage_change = _stage_step(exercise, item, direction)
    if stage_change is not None:
        return stage_change
    if reps is not None and part and part.reps_range:
        new_reps = int(_clamp(reps + sign * _reps_step(part), part.reps_range))
        if part.sides == "alternating" and new_reps % 2:
            new_reps -= sign  # stay even, and inside the range
        if new_reps != reps:
            item = replace(item, reps=new_reps)
            changes.append(Change(exercise.id, exercise.name, "reps", reps, new_reps))
    # One change per exercise, reps first (the articles add repetitions first): more
    # reps and a longer hold at once would be two steps, not one.
    if not changes and seconds is not None and hold and hold.seconds_range:
        low, high = hold.seconds_range
        new_seconds = _clamp(seconds + sign * _hold_step(low, high), (low, high))
        if new_seconds != seconds:
            item = replace(item, hold_seconds=new_seconds)
            changes.append(Change(exercise.id, exercise.name, "hold_seconds", seconds, new_seconds))
    return item, changes


def _stage_step(
    exercise: Exercise, item: RoutineItem, direction: Direction
) -> tuple[RoutineItem, list[Change]] | None:
    """At the top of the reps range, the next stage at the bottom of it (and back down).

    The article's squat goes from arms forward to arms overhead: once the reps run out,
    the harder form is the next step, started again at the fewest reps.
    """
    name, part = _harder_name(exercise), _ranged_part(exercise)
    reps, _ = current_dose(exercise, item)
    if name is None or part is None or part.reps_range is None or reps is None:
        return None
    low, high = part.reps_range
    stage = item.stage or 0
    if direction == "harder" and stage == 0 and reps >= high:
        new_item = replace(item, stage=1, reps=low)
        return new_item, [Change(exercise.id, exercise.name, "stage", 0, 1, name, low)]
    if direction == "easier" and stage == 1 and reps <= low:
        new_item = replace(item, stage=0, reps=high)
        change = Change(exercise.id, exercise.name, "stage", 1, 0, "the first stage", high)
        return new_item, [change]
    return None


def streak_direction(ratings: Sequence[str | None], threshold: int) -> Direction | None:
    """'harder' or 'easier' when the newest `threshold` ratings all say the same thing.

    `ratings` is newest first and holds only sessions run at the current dose; a
    session without a rating (check-in skipped) neither counts nor breaks the run.
    """
    given = [r for r in ratings if r is not None][:threshold]
    if len(given) < threshold or len(set(given)) != 1:
        return None
    return _TRIGGER.get(given[0])


def suggest(
    routine: Routine,
    exercises: Mapping[str, Exercise],
    ratings: Sequence[str | None],
    *,
    overrides: Overrides | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Offer | None:
    """An offer for the next session of `routine` (already at `overrides`), or None.

    None when the ratings do not call for a change, or when every exercise is already
    at the end of its range.
    """
    direction = streak_direction(ratings, threshold)
    if direction is None:
        return None
    items: list[RoutineItem] = []
    changes: list[Change] = []
    for item in routine.items:
        exercise = exercises.get(item.exercise_id)
        if exercise is None:
            items.append(item)
            continue
        new_item, item_changes = _adjust(exercise, item, direction)
        items.append(new_item)
        changes.extend(
            c
            for c in item_changes
            if all(c.exercise_id != d.exercise_id or c.field != d.field for d in changes)
        )
    if not changes:
        return None
    new_overrides: dict[str, dict[str, float]] = {
        key: dict(value) for key, value in (overrides or {}).items()
    }
    for change in changes:
        dose = new_overrides.setdefault(change.exercise_id, {})
        dose[change.field] = change.after
        if change.reps is not None:
            dose["reps"] = change.reps
    return Offer(
        direction=direction,
        routine=replace(routine, items=tuple(items)),
        changes=tuple(changes),
        overrides=new_overrides,
        ratings_in_a_row=threshold,
    )
