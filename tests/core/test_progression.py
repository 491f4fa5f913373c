"""Progression offers: more after "too easy" twice, less after "too hard", inside the ranges."""

from __future__ import annotations

from dataclasses import replace

import pytest

from backcare_desktop.core import wording
from backcare_desktop.core.cues import CueDurations
from backcare_desktop.core.progression import (
    apply_overrides,
    current_dose,
    streak_direction,
    suggest,
)
from backcare_desktop.core.timeline import compile_routine
from backcare_desktop.core.wording import offer_headline, offer_text
from tests.storage.fakes import tiny_exercise, tiny_library


class Instant(CueDurations):
    """Every cue takes no time, so step lengths are the doses alone."""

    def of(self, text: str) -> float:
        return 0.0


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (["too-easy", "too-easy"], "harder"),
        (["too-easy", None, "too-easy"], "harder"),  # a skipped check-in does not break it
        (["too-hard", "too-hard", "about-right"], "easier"),
        (["too-easy", "about-right"], None),
        (["too-easy"], None),
        (["about-right", "about-right"], None),
        ([], None),
    ],
)
def test_streak_direction(ratings, expected):
    assert streak_direction(ratings, 2) == expected


def test_too_easy_twice_offers_one_more_rep_and_a_longer_hold():
    routine, exercises = tiny_library()
    offer = suggest(routine, exercises, ["too-easy", "too-easy"])
    assert offer is not None
    assert offer.direction == "harder"
    assert [(c.exercise_id, c.field, c.before, c.after) for c in offer.changes] == [
        ("cat", "reps", 6, 7),
        ("child", "hold_seconds", 30.0, 50.0),
    ]
    assert offer.overrides == {"cat": {"reps": 7}, "child": {"hold_seconds": 50.0}}
    assert "too easy twice in a row" in offer_text(offer)
    assert "Cat: 7 reps (was 6)" in offer_text(offer)
    assert "Child: hold 50 s (was 30 s)" in offer_text(offer)
    # The offer is a routine the timeline compiles, longer than before.
    before = compile_routine(routine, exercises, Instant()).duration
    assert compile_routine(offer.routine, exercises, Instant()).duration == before + 2 + 20
    assert offer.routine.items[2] == routine.items[2]  # no range, no change


def test_offers_stop_at_the_top_of_the_range_and_at_the_bottom():
    routine, exercises = tiny_library()
    top = apply_overrides(routine, exercises, {"cat": {"reps": 8}, "child": {"hold_seconds": 120}})
    assert suggest(top, exercises, ["too-easy"] * 2) is None
    bottom = suggest(routine, exercises, ["too-hard"] * 2)
    assert bottom is None  # already at the bottom of both ranges


def test_too_hard_offers_less_from_the_current_dose():
    routine, exercises = tiny_library()
    dose = {"cat": {"reps": 8}, "child": {"hold_seconds": 100.0}}
    current = apply_overrides(routine, exercises, dose)
    offer = suggest(current, exercises, ["too-hard", "too-hard"], overrides=dose)
    assert offer is not None
    assert offer.direction == "easier"
    assert offer.overrides == {"cat": {"reps": 7}, "child": {"hold_seconds": 80.0}}
    assert offer_headline(offer) == "Shall we ease off a little?"


def test_alternating_sides_step_by_two_and_stay_even():
    exercise = tiny_exercise("lunge", reps=4, reps_range=(4, 9), sides="alternating")
    routine, _ = tiny_library()
    routine = replace(routine, items=(replace(routine.items[0], exercise_id="lunge"),))
    exercises = {"lunge": exercise}
    offer = suggest(routine, exercises, ["too-easy"] * 2)
    assert offer is not None and offer.overrides == {"lunge": {"reps": 6}}
    top = apply_overrides(routine, exercises, {"lunge": {"reps": 8}})
    assert suggest(top, exercises, ["too-easy"] * 2) is None  # 10 is out, 9 is odd


def test_stored_doses_are_clamped_to_todays_ranges_and_unknown_ones_ignored():
    routine, exercises = tiny_library()
    adjusted = apply_overrides(
        routine,
        exercises,
        {"cat": {"reps": 20}, "child": {"hold_seconds": 5}, "plain": {"reps": 9}, "gone": {}},
    )
    assert current_dose(exercises["cat"], adjusted.items[0]) == (8, None)
    assert current_dose(exercises["child"], adjusted.items[1]) == (None, 30.0)
    assert adjusted.items[2] == routine.items[2]


def test_the_threshold_is_a_parameter():
    routine, exercises = tiny_library()
    assert suggest(routine, exercises, ["too-easy"] * 2, threshold=3) is None
    offer = suggest(routine, exercises, ["too-easy"] * 3, threshold=3)
    assert offer is not None and "3 times in a row" in offer_text(offer)


def test_presets_stay_inside_their_ranges(presets):
    for routine in presets.routines.values():
        for ratings in (["too-easy"] * 2, ["too-hard"] * 2):
            offer = suggest(routine, presets.exercises, ratings)
            if offer is None:
                continue
            compile_routine(offer.routine, presets.exercises)
            for change in offer.changes:
                exercise = presets.exercises[change.exercise_id]
                ranges = [p.reps_range for p in exercise.parts if p.reps_range] + [
                    ph.seconds_range for p in exercise.parts for ph in p.phases if ph.seconds_range
                ]
                assert any(low <= change.after <= high for low, high in ranges)


# --- stages: the squat goes from arms forward to arms overhead ---------------------------


def squat_routine(presets, **dose):
    from backcare_desktop.core.model import Routine, RoutineItem

    item = RoutineItem("squat-reach", **dose)
    return Routine(id="sq", title="Squats", description="d", minutes=1, items=(item,))


def test_at_the_top_of_the_reps_the_squat_moves_to_arms_overhead(presets):
    routine = squat_routine(presets, reps=12)
    offer = suggest(routine, presets.exercises, ["too-easy", "too-easy"])
    assert offer is not None
    [change] = offer.changes
    assert (change.field, change.before, change.after, change.reps) == ("stage", 0, 1, 6)
    assert wording.change_text(change) == (
        "Squat with forward reach: arms overhead as you squat, 6 reps"
    )
    assert offer.overrides == {"squat-reach": {"stage": 1, "reps": 6}}
    steps = presets.compile(offer.routine).steps
    assert "squat-overhead" in {s.pose_to for s in steps}
    assert "squat-reach" not in {s.pose_to for s in steps}


def test_below_the_top_the_squat_just_gets_a_rep_more(presets):
    offer = suggest(squat_routine(presets, reps=8), presets.exercises, ["too-easy"] * 2)
    assert offer is not None
    assert [(c.field, c.after) for c in offer.changes] == [("reps", 9)]


def test_a_stored_stage_is_applied_and_can_ease_back(presets):
    base = squat_routine(presets)
    staged = apply_overrides(base, presets.exercises, {"squat-reach": {"stage": 1, "reps": 6}})
    assert staged.items[0].stage == 1
    offer = suggest(staged, presets.exercises, ["too-hard", "too-hard"])
    assert offer is not None
    [change] = offer.changes
    assert (change.field, change.after, change.reps) == ("stage", 0, 12)


def test_every_safer_and_harder_form_has_a_pose_file(presets):
    from backcare_desktop import resources

    poses = {
        form.pose
        for ex in presets.exercises.values()
        for part in ex.parts
        for ph in part.phases
        for form in (ph.safer, ph.harder)
        if form is not None
    }
    assert "squat-overhead" in poses
    assert [p for p in sorted(poses) if not (resources.poses_dir() / f"{p}.toml").is_file()] == []


def test_the_squat_breathes_out_on_the_way_up(presets):
    # Breathe out on the effort, like every other effort in the library.
    [down, up] = presets.exercises["squat-reach"].parts[0].phases
    assert (down.breath, down.pose) == ("inhale", "squat-reach")
    assert (up.breath, up.pose) == ("exhale", "standing")
    assert down.harder is not None and down.harder.breath == "inhale"
