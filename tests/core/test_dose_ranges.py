"""The doses a routine may set: the exercise file's ranges, held on every change."""

from __future__ import annotations

from backcare_desktop.core.dose_ranges import MAX_EDITOR_SETS, DoseRange, dose_ranges
from backcare_desktop.core.library import load_presets
from backcare_desktop.core.model import RoutineItem

PRESETS = load_presets()


def test_a_dose_past_either_end_is_held_at_that_end():
    reps = DoseRange(6, 12, 8)
    assert (reps.hold(99), reps.hold(0), reps.hold(9)) == (12, 6, 9)


def test_alternating_reps_stay_even_inside_the_range():
    knee_roll = dose_ranges(PRESETS.exercises["knee-roll"])
    assert knee_roll.reps == DoseRange(6, 10, 6, step=2)
    assert [knee_roll.reps.hold(n) for n in (5, 7, 11, 99)] == [6, 8, 10, 10]


def test_ranges_come_from_the_exercise_file_and_a_dose_without_one_is_fixed():
    childs = dose_ranges(PRESETS.exercises["childs-pose"])
    assert childs.reps is None
    assert (childs.hold_seconds.low, childs.hold_seconds.high) == (30, 120)
    held = childs.held(RoutineItem("childs-pose", reps=40, hold_seconds=500.0, sets=9))
    assert held == RoutineItem("childs-pose", reps=None, hold_seconds=120.0, sets=MAX_EDITOR_SETS)


def test_every_preset_dose_is_inside_the_editors_ranges():
    for routine in PRESETS.routines.values():
        for item in routine.items:
            ranges = dose_ranges(PRESETS.exercises[item.exercise_id])
            assert ranges.held(item) == item, (routine.id, item)
