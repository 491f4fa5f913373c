"""What a routine may change of an exercise's dose, and within which bounds.

The bounds are the exercise file's own `reps_range` and `seconds_range` (the articles'
doses): an exercise without a range keeps its dose. The editor holds every value inside
these, so a routine never asks for more than an exercise allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from backcare_desktop.core.model import Exercise, RoutineItem, Sides

# Twice the most sets any preset asks (2): enough to build up, not a marathon.
MAX_EDITOR_SETS = 3


@dataclass(frozen=True)
class DoseRange:
    low: float
    high: float
    default: float
    step: int = 1  # 2 for alternating reps: both sides get as many

    def hold(self, value: float) -> float:
        """`value` held inside the range (and on its step)."""
        held = min(self.high, max(self.low, value))
        if self.step > 1:
            # Up to the next step: an odd count of alternating reps gets one more.
            held = self.low + math.ceil((held - self.low) / self.step) * self.step
            held = min(held, self.high - (self.high - self.low) % self.step)
        return held


@dataclass(frozen=True)
class DoseRanges:
    reps: DoseRange | None
    hold_seconds: DoseRange | None
    sets: DoseRange
    sides: Sides

    def held(self, item: RoutineItem) -> RoutineItem:
        """`item` with every dose inside its range; a dose with no range is dropped."""
        return replace(
            item,
            reps=_held_int(self.reps, item.reps),
            hold_seconds=(
                None
                if self.hold_seconds is None or item.hold_seconds is None
                else self.hold_seconds.hold(item.hold_seconds)
            ),
            sets=_held_int(self.sets, item.sets),
        )


def _held_int(bounds: DoseRange | None, value: int | None) -> int | None:
    if bounds is None or value is None:
        return None
    return int(bounds.hold(value))


def dose_ranges(exercise: Exercise) -> DoseRanges:
    """The doses a routine may set for `exercise` (see core/doses.apply_item)."""
    ranged = next((p for p in exercise.parts if p.reps_range), None)
    reps = None
    if ranged is not None and ranged.reps_range is not None:
        low, high = ranged.reps_range
        step = 2 if exercise.parts[-1].sides == "alternating" else 1
        if step == 2:
            low += low % 2
        reps = DoseRange(low, high, ranged.reps, step)
    hold_phase = next(
        (ph for p in exercise.parts for ph in p.phases if ph.seconds_range and ph.seconds),
        None,
    )
    hold = None
    if hold_phase is not None and hold_phase.seconds_range and hold_phase.seconds:
        low_s, high_s = hold_phase.seconds_range
        hold = DoseRange(low_s, high_s, hold_phase.seconds)
    base_sets = max(p.sets for p in exercise.parts)
    sets = DoseRange(1, max(MAX_EDITOR_SETS, base_sets), base_sets)
    return DoseRanges(reps, hold, sets, exercise.parts[-1].sides)
