"""Adapting any routine to a person's conditions, saying each change and why.

Qt-free and pure: routine + exercise library + conditions in, the adapted routine and its
changes out. Three kinds of change, from gentlest to largest:

- an exercise keeps its place but runs its safer form where a phase is ruled out (the
  compiler applies `core.safety.adapt` for the routine's audience);
- an exercise the conditions rule out is replaced by the closest safe one in the library
  (what it works on and what it is for, the position of its neighbours, equipment the
  routine already needs, a similar length);
- when nothing safe is close, it is left out.

Nothing is changed silently: every change is a `RoutineChange`, and a replacement's
get-ready says what it stands in for, and why, before anything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Literal

from backcare_desktop.core import wording
from backcare_desktop.core.doses import apply_item
from backcare_desktop.core.model import Condition, Exercise, Routine, RoutineItem
from backcare_desktop.core.safety import Conflict, adapt, conflicts

ChangeKind = Literal["gentler", "replaced", "left-out"]


@dataclass(frozen=True)
class RoutineChange:
    kind: ChangeKind
    exercise_id: str  # the exercise of the routine as written
    exercise_name: str
    condition: Condition
    reason: str  # the safety rule's words: "it puts your weight on your knees"
    replacement_id: str = ""
    replacement_name: str = ""
    detail: str = ""  # for "gentler": what the safer form changes


@dataclass(frozen=True)
class AdaptedRoutine:
    routine: Routine
    changes: tuple[RoutineChange, ...]

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def adapt_routine(
    routine: Routine, exercises: Mapping[str, Exercise], conditions: Iterable[Condition]
) -> AdaptedRoutine:
    # A routine written for a condition (its `for`) is already safe for it.
    wanted = tuple(c for c in dict.fromkeys(conditions) if c not in routine.audience)
    if not wanted:
        return AdaptedRoutine(routine, ())
    audience = tuple(dict.fromkeys((*routine.audience, *wanted)))
    in_routine = Counter(item.exercise_id for item in routine.items)
    needs = {e for item in routine.items for e in _equipment(exercises, item.exercise_id)}
    items: list[RoutineItem] = []
    changes: list[RoutineChange] = []
    for index, item in enumerate(routine.items):
        exercise = exercises.get(item.exercise_id)
        if exercise is None:
            items.append(item)  # the compiler names the missing exercise
            continue
        found = conflicts(exercise, wanted)
        if not found:
            _, gentler = adapt(exercise, wanted)
            if gentler:
                first = _conflict_for(exercise, wanted)
                changes.append(
                    RoutineChange(
                        "gentler",
                        exercise.id,
                        exercise.name,
                        first.condition if first else wanted[0],
                        gentler[0].reason,
                        detail="; ".join(a.change for a in gentler),
                    )
                )
                note = f"Made gentler because of {wording.because_of(changes[-1].condition)}."
                item = replace(item, note=note)
            items.append(item)
            continue
        neighbours = _neighbour_positions(routine.items, index, exercises)
        # A stand-in is safe for the person and for whom the routine was written.
        substitute = _closest(exercise, exercises, audience, in_routine, needs, neighbours)
        conflict = found[0]
        if substitute is None:
            changes.append(
                RoutineChange(
                    "left-out", exercise.id, exercise.name, conflict.condition, conflict.reason
                )
            )
            continue
        in_routine[substitute.id] += 1
        changes.append(
            RoutineChange(
                "replaced",
                exercise.id,
                exercise.name,
                conflict.condition,
                conflict.reason,
                substitute.id,
                substitute.name,
            )
        )
        because = wording.because_of(conflict.condition)
        stand_in = RoutineItem(
            substitute.id,
            adapted_from=exercise.id,
            note=f"Instead of {exercise.name.lower()}, because of {because}:",
        )
        items.append(_nearest_dose(substitute, _length(apply_item(exercise, item)), stand_in))
    adapted = replace(routine, items=tuple(items), audience=audience)
    return AdaptedRoutine(adapted, tuple(changes))


def _conflict_for(exercise: Exercise, conditions: tuple[Condition, ...]) -> Conflict | None:
    """The first condition that needed a safer form (conflicts() is empty by then)."""
    plain = replace(exercise, avoid_if=())
    for condition in conditions:
        _, changed = adapt(plain, (condition,))
        if changed:
            return Conflict(condition, exercise.id, changed[0].reason)
    return None


def _equipment(exercises: Mapping[str, Exercise], exercise_id: str) -> tuple[str, ...]:
    exercise = exercises.get(exercise_id)
    return exercise.equipment if exercise else ()


def _neighbour_positions(
    items: tuple[RoutineItem, ...], index: int, exercises: Mapping[str, Exercise]
) -> set[str]:
    near = [items[i] for i in (index - 1, index + 1) if 0 <= i < len(items)]
    return {exercises[i.exercise_id].position for i in near if i.exercise_id in exercises}


def _length(exercise: Exercise) -> float:
    """Seconds of movement (get-ready and cues aside): enough to compare two doses."""
    return sum(
        part.reps
        * part.sets
        * (2 if part.sides == "each" else 1)
        * sum(ph.duration for ph in part.phases)
        for part in exercise.parts
    )


def _nearest_dose(substitute: Exercise, seconds: float, base: RoutineItem) -> RoutineItem:
    """`base` with the reps and hold, inside the substitute's own ranges, that come
    closest to `seconds`: a stand-in takes about the time of what it replaces."""
    part = next((p for p in substitute.parts if p.reps_range), None)
    hold = next(
        (
            ph
            for p in substitute.parts
            for ph in p.phases
            if ph.is_hold and ph.seconds is not None and ph.seconds_range
        ),
        None,
    )
    step = 2 if part is not None and part.sides == "alternating" else 1
    reps_options: list[int | None] = (
        list(range(part.reps_range[0], part.reps_range[1] + 1, step))
        if part is not None and part.reps_range
        else [None]
    )
    holds: list[float | None] = [None]
    if hold is not None and hold.seconds_range:
        low, high = hold.seconds_range
        holds = [low + (high - low) * n / 8 for n in range(9)]
    best = base
    best_gap = abs(_length(apply_item(substitute, base)) - seconds)
    for reps in reps_options:
        for hold_seconds in holds:
            item = replace(base, reps=reps, hold_seconds=hold_seconds)
            gap = abs(_length(apply_item(substitute, item)) - seconds)
            if gap < best_gap - 1e-9:
                best, best_gap = item, gap
    return best


def _closest(
    original: Exercise,
    exercises: Mapping[str, Exercise],
    conditions: tuple[Condition, ...],
    taken: Counter[str],
    needs: set[str],
    neighbours: set[str],
) -> Exercise | None:
    """The safe exercise most like `original`: one that works on the same body area or
    has the same purpose; failing that, any safe one the routine has the equipment for
    (losing the time is worse than a different stretch); None when there is neither."""
    similar: list[tuple[float, tuple[int, ...], Exercise]] = []
    usable: list[tuple[float, tuple[int, ...], Exercise]] = []
    for candidate in exercises.values():
        if candidate.id == original.id or conflicts(candidate, conditions):
            continue
        shared = len(set(candidate.targets) & set(original.targets))
        same_purpose = candidate.purpose is not None and candidate.purpose == original.purpose
        fits = set(candidate.equipment) <= needs
        score = (
            3.0 * shared
            + 2.0 * same_purpose
            # A desk break stays a desk break: no mat or wall it did not already need...
            + 4.0 * fits
            # ...and no getting down to the floor between two standing stretches.
            + 2.0 * (candidate.position in neighbours or candidate.position == original.position)
            # Doing a stretch twice is better than losing the time, but a new one is better,
            # and a third time is worse again.
            - 4.0 * taken[candidate.id]
            - abs(_length(candidate) - _length(original)) / 60.0
        )
        # Negative id order: max() then prefers the id that sorts first on a tie.
        entry = (score, _reverse(candidate.id), candidate)
        if shared or same_purpose:
            similar.append(entry)
        elif fits:
            usable.append(entry)
    pool = similar or usable
    return max(pool, key=lambda e: (e[0], e[1]))[2] if pool else None


def _reverse(text: str) -> tuple[int, ...]:
    return tuple(-ord(ch) for ch in text)
