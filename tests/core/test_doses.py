"""The shipped exercise library and presets carry the articles' doses and cautions.

These read the real files through the real loader, so a slip in a TOML file (a hold of
15 s instead of 20, a lying exercise without the pregnancy caution) fails here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.model import Exercise, Part, Phase, Routine, RoutineItem
from backcare_desktop.core.timeline import Step, compile_routine

ARTICLE_TITLES = {
    "Sore Back Exercise with Pilates",
    "Pilates for Back Pain",
    "Free your self from back pain",
    "Back Stretch",
    "Managing Back Pain Through Exercise",
}
EXERCISE_IDS = {
    "cat-stretch",
    "band-row",
    "legs-up-the-wall",
    "childs-pose",
    "lunge-stretch",
    "knee-to-chest",
    "bottom-to-heel",
    "knee-roll",
    "back-extension",
    "pelvic-tilt",
    "shoulder-squeeze",
    "squat-reach",
    "diagonal-trunk",
    "counter-stretch",
    "downward-dog",
    "hip-hinge",
}
ROUTINE_IDS = {
    "stiff-lower-back",
    "upper-back-and-neck",
    "lower-back-release",
    "full-back-care",
    "desk-break",
    "pregnancy-friendly",
    "bending-forward-pain",
    "standing-tall-pain",
    "core-and-mobility",
    "strength-basics",
    "knee-friendly",
    "morning-loosener",
}
LYING = {"lying-on-back", "lying-on-front"}


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_presets()


def holds(exercise: Exercise) -> list[Phase]:
    return [ph for part in exercise.parts for ph in part.phases if ph.is_hold]


def only_part(exercise: Exercise) -> Part:
    assert len(exercise.parts) == 1, exercise.id
    return exercise.parts[0]


def compile_one(lib: Library, exercise_id: str) -> list[Step]:
    routine = Routine(
        id="t", title="t", description="t", minutes=1, items=(RoutineItem(exercise_id),)
    )
    return [
        s for s in compile_routine(routine, lib.exercises).steps if s.exercise_id == exercise_id
    ]


# --- the library loads whole -------------------------------------------------------------


def test_every_shipped_file_loads_without_problems(lib: Library) -> None:
    assert [str(p) for p in lib.problems] == []
    assert set(lib.exercises) == EXERCISE_IDS
    assert set(lib.routines) == ROUTINE_IDS


def test_every_exercise_credits_articles_by_exact_title(lib: Library) -> None:
    for ex in lib.exercises.values():
        assert ex.sources, ex.id
        assert set(ex.sources) <= ARTICLE_TITLES, (ex.id, ex.sources)


# --- doses from the articles -------------------------------------------------------------


def test_cat_stretch_6_to_8_reps_exhale_on_flexion_inhale_on_extension(lib: Library) -> None:
    part = only_part(lib.exercises["cat-stretch"])
    assert part.reps_range == (6, 8)
    assert 6 <= part.reps <= 8
    breath_by_pose = {ph.pose: ph.breath for ph in part.phases}
    assert breath_by_pose == {"cat-round": "exhale", "cat-arch": "inhale"}


def test_knee_to_chest_holds_20_s_three_times_each_leg(lib: Library) -> None:
    ex = lib.exercises["knee-to-chest"]
    part = only_part(ex)
    assert part.sides == "alternating"
    assert part.reps == 6  # alternating counts both legs: 3 each
    assert part.reps_range is None  # the article gives an exact dose
    assert [(ph.pose, ph.seconds) for ph in holds(ex)] == [("knee-hug", 20.0)]
    held = [s for s in compile_one(lib, "knee-to-chest") if s.kind == "hold"]
    assert Counter(s.side for s in held) == {"right": 3, "left": 3}
    assert {s.seconds for s in held} == {20.0}


def test_childs_pose_30_s_to_2_min_and_not_with_knee_problems(lib: Library) -> None:
    ex = lib.exercises["childs-pose"]
    [hold] = holds(ex)
    assert hold.pose == "child-pose"
    assert hold.seconds == 30
    assert hold.seconds_range == (30, 120)
    assert "knee-problems" in ex.avoid_if


def test_lunge_holds_30_to_60_s_each_side_then_faster_alternating_lunges(lib: Library) -> None:
    ex = lib.exercises["lunge-stretch"]
    assert len(ex.parts) == 2
    hold_part, lunge_part = ex.parts
    assert hold_part.sides == "each"
    [hold] = [ph for ph in hold_part.phases if ph.is_hold]
    assert hold.pose == "lunge"
    assert hold.seconds_range == (30, 60)
    assert hold.seconds is not None and 30 <= hold.seconds <= 60
    assert lunge_part.sides == "alternating"
    assert lunge_part.reps % 2 == 0
    # Faster than the held part's breaths, and back to standing between reps.
    slowest_breath = min(ph.duration for ph in hold_part.phases if not ph.is_hold)
    assert all(ph.duration < slowest_breath for ph in lunge_part.phases)
    assert all(ph.duration <= 3 for ph in lunge_part.phases)
    assert [ph.pose for ph in lunge_part.phases] == ["lunge", "standing"]

    steps = compile_one(lib, "lunge-stretch")
    held = [s for s in steps if s.kind == "hold"]
    assert [s.side for s in held] == ["right", "left"]


@pytest.mark.parametrize("exercise_id", ["bottom-to-heel", "knee-roll"])
def test_held_for_one_deep_breath(lib: Library, exercise_id: str) -> None:
    [hold] = holds(lib.exercises[exercise_id])
    assert hold.breaths == 1
    assert hold.seconds is None


def test_back_extension_held_5_to_10_s(lib: Library) -> None:
    ex = lib.exercises["back-extension"]
    [hold] = holds(ex)
    assert hold.pose == "prone-press"
    assert hold.seconds_range == (5, 10)
    assert hold.seconds is not None and 5 <= hold.seconds <= 10


def test_shoulder_squeeze_10_s_each_position_alternated_2_to_4_times(lib: Library) -> None:
    ex = lib.exercises["shoulder-squeeze"]
    part = only_part(ex)
    assert part.reps_range == (2, 4)
    assert 2 <= part.reps <= 4
    assert [(ph.pose, ph.seconds) for ph in holds(ex)] == [
        ("squeeze-front", 10.0),
        ("squeeze-back", 10.0),
    ]


def test_routine_overrides_stay_inside_the_articles_ranges(lib: Library) -> None:
    for routine in lib.routines.values():
        for item in routine.items:
            ex = lib.exercises[item.exercise_id]
            for part in ex.parts:
                if item.reps is not None and part.reps_range:
                    lo, hi = part.reps_range
                    assert lo <= item.reps <= hi, (routine.id, ex.id)
            for ph in holds(ex):
                if item.hold_seconds is not None and ph.seconds_range:
                    lo, hi = ph.seconds_range
                    assert lo <= item.hold_seconds <= hi, (routine.id, ex.id)


# --- cautions ----------------------------------------------------------------------------


def test_lying_exercises_are_flagged_for_pregnancy(lib: Library) -> None:
    lying = {ex.id for ex in lib.exercises.values() if ex.position in LYING}
    assert lying >= {
        "knee-to-chest",
        "knee-roll",
        "pelvic-tilt",
        "back-extension",
        "legs-up-the-wall",
    }
    for exercise_id in lying:
        assert "pregnancy" in lib.exercises[exercise_id].avoid_if, exercise_id


def test_every_exercise_has_a_concrete_caution(lib: Library) -> None:
    for ex in lib.exercises.values():
        assert ex.cautions, ex.id


# --- routines ----------------------------------------------------------------------------


def test_routine_minutes_match_the_compiled_timeline(lib: Library) -> None:
    for routine in lib.routines.values():
        actual = compile_routine(routine, lib.exercises).duration / 60
        assert abs(actual - routine.minutes) <= max(1.0, 0.15 * actual), routine.id
        if routine.id not in ("desk-break", "morning-loosener"):
            assert 6 <= actual <= 15, (routine.id, actual)


def test_desk_break_is_standing_only_with_no_mat_and_under_5_minutes(lib: Library) -> None:
    routine = lib.routines["desk-break"]
    timeline = compile_routine(routine, lib.exercises)
    exercises = [lib.exercises[item.exercise_id] for item in routine.items]
    assert {ex.position for ex in exercises} == {"standing"}
    assert all("mat" not in ex.equipment for ex in exercises)
    assert timeline.duration <= 5 * 60


def test_pregnancy_routine_is_standing_and_all_fours_only(lib: Library) -> None:
    exercises = [lib.exercises[i.exercise_id] for i in lib.routines["pregnancy-friendly"].items]
    assert {ex.position for ex in exercises} <= {"standing", "all-fours"}
    assert not [ex.id for ex in exercises if "pregnancy" in ex.avoid_if]


def test_pain_on_bending_forward_gets_extension_not_flexion_heavy_stretches(lib: Library) -> None:
    ids = {i.exercise_id for i in lib.routines["bending-forward-pain"].items}
    assert {"back-extension", "lunge-stretch"} <= ids
    assert not ids & {"knee-to-chest", "childs-pose", "bottom-to-heel", "squat-reach"}


def test_pain_on_standing_tall_gets_flexion_not_extension(lib: Library) -> None:
    ids = {i.exercise_id for i in lib.routines["standing-tall-pain"].items}
    assert {"knee-to-chest", "childs-pose", "bottom-to-heel", "pelvic-tilt", "squat-reach"} <= ids
    assert "back-extension" not in ids


def test_strength_basics_has_the_strength_moves(lib: Library) -> None:
    ids = [i.exercise_id for i in lib.routines["strength-basics"].items]
    assert set(ids) >= {"band-row", "squat-reach", "hip-hinge", "diagonal-trunk", "lunge-stretch"}


# --- the words fit -----------------------------------------------------------------------


def test_cues_are_short_and_short_cues_shorter(lib: Library) -> None:
    # Whether a cue fits its slot is checked against the measured table (test_cue_fit.py).
    for ex in lib.exercises.values():
        assert len(ex.setup.split()) <= 14, ex.id
        for part in ex.parts:
            for ph in part.phases:
                for form in (ph, ph.safer, ph.harder):
                    if form is not None:
                        assert len(form.cue.split()) <= 10, (ex.id, form.cue)
                        assert 1 <= len(form.short.split()) <= 3, (ex.id, form.short)
                        assert len(form.short) <= len(form.cue), (ex.id, form.short)
