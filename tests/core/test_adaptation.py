"""A back profile makes every routine safe for the person, and says each change."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from backcare_desktop.core.adaptation import adapt_routine
from backcare_desktop.core.library import Library
from backcare_desktop.core.model import CONDITIONS, Routine, RoutineItem
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.core.profile import BackProfile
from backcare_desktop.core.safety import phase_conflicts
from tests.storage.fakes import tiny_exercise

COMBOS = [(c,) for c in CONDITIONS] + list(itertools.combinations(CONDITIONS, 2))


@pytest.mark.parametrize("conditions", COMBOS, ids=["+".join(c) for c in COMBOS])
def test_every_preset_adapted_is_safe_long_enough_and_says_why(presets, conditions):
    planner = SessionPlanner(presets)
    for routine_id in presets.routines:
        plan = planner.plan_now(routine_id, conditions)
        original = presets.timeline(routine_id)
        for span in plan.timeline.spans:
            exercise = span.exercise  # as compiled: the safer forms already in place
            for condition in conditions:
                assert condition not in exercise.avoid_if, (routine_id, exercise.id, condition)
                for part in exercise.parts:
                    for phase in part.phases:
                        assert not phase_conflicts(exercise, phase, condition), (
                            routine_id,
                            exercise.id,
                            phase.cue,
                            condition,
                        )
        assert plan.timeline.duration >= 0.7 * original.duration, (routine_id, conditions)
        # Every exercise that is not what the file says is a stated change, and is said.
        written = [item.exercise_id for item in presets.routine(routine_id).items]
        stated = {c.exercise_id for c in plan.changes}
        for exercise_id in set(written) - {s.exercise.id for s in plan.timeline.spans}:
            assert exercise_id in stated, (routine_id, exercise_id)
        for change in plan.changes:
            assert change.reason and change.condition in conditions
        ready = {s.exercise_index: s for s in plan.timeline.steps if s.kind == "get-ready"}
        for span in plan.timeline.spans:
            step = ready[span.index]
            if step.adapted_from:
                assert step.cue.startswith("Instead of "), step.cue
                assert step.adapted_from in stated


def test_an_empty_profile_changes_nothing(presets):
    for routine_id in presets.routines:
        adapted = adapt_routine(presets.routine(routine_id), presets.exercises, ())
        assert adapted.routine is presets.routine(routine_id)
        assert adapted.changes == ()


def test_knees_replace_childs_pose_and_say_so_first(presets):
    plan = SessionPlanner(presets).plan_now("stiff-lower-back", ("knee-problems",))
    change = next(c for c in plan.changes if c.exercise_id == "childs-pose")
    assert change.kind == "replaced"
    assert change.replacement_id not in ("childs-pose", "")
    step = next(
        s for s in plan.timeline.steps if s.kind == "get-ready" and s.adapted_from == "childs-pose"
    )
    assert step.cue.startswith("Instead of child's pose, because of your knees:")
    assert step.exercise_id == change.replacement_id


def test_a_stand_in_takes_about_the_time_of_what_it_replaces(presets):
    plan = SessionPlanner(presets).plan_now("stiff-lower-back", ("knee-problems",))
    original = {s.exercise.id: s.seconds for s in presets.timeline("stiff-lower-back").spans}
    for span in plan.timeline.spans:
        step = next(s for s in plan.timeline.steps if s.index == span.first_step)
        if step.adapted_from:
            assert span.seconds >= 0.5 * original[step.adapted_from], span.exercise.id


def test_the_closest_stand_in_keeps_a_desk_break_on_its_feet(presets):
    plan = SessionPlanner(presets).plan_now("desk-break", ("pain-bending-forward",))
    positions = {s.exercise.position for s in plan.timeline.spans}
    assert positions == {"standing"}
    assert set(plan.timeline.needs()) <= set(presets.timeline("desk-break").needs())


def test_nothing_close_is_left_out_and_said():
    lonely = tiny_exercise("lonely")
    lonely = replace(lonely, position="kneeling", targets=("shoulders",), purpose="relax")
    # Safe, but unlike it and needing a band the routine does not use: no stand-in.
    banded = replace(tiny_exercise("banded"), targets=("legs",), equipment=("band",))
    exercises = {"lonely": lonely, "banded": banded}
    routine = Routine("r", "R", "d", 1, (RoutineItem("lonely"),))
    adapted = adapt_routine(routine, exercises, ("knee-problems",))
    assert adapted.routine.items == ()
    (change,) = adapted.changes
    assert (change.kind, change.exercise_id, change.condition) == (
        "left-out",
        "lonely",
        "knee-problems",
    )
    assert change.reason


def test_a_different_safe_stretch_is_better_than_losing_the_time():
    lonely = tiny_exercise("lonely")
    lonely = replace(lonely, position="kneeling", targets=("shoulders",), purpose="relax")
    plain = replace(tiny_exercise("plain"), targets=("legs",))
    adapted = adapt_routine(
        Routine("r", "R", "d", 1, (RoutineItem("lonely"),)),
        {"lonely": lonely, "plain": plain},
        ("knee-problems",),
    )
    assert [i.exercise_id for i in adapted.routine.items] == ["plain"]
    assert adapted.changes[0].kind == "replaced"


def test_an_offer_never_brings_back_what_the_profile_keeps_out(tmp_path):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from backcare_desktop.core.model import Phase
    from tests.storage.fakes import WallClock, opened, record_session

    squat = tiny_exercise("squat", reps=6, reps_range=(6, 6))
    deep = replace(squat.parts[0].phases[0], cue="Deeper", short="Deeper", tags=("deep-knee-bend",))
    phase: Phase = replace(squat.parts[0].phases[0], harder=deep)
    squat = replace(squat, parts=(replace(squat.parts[0], phases=(phase,)),), targets=("legs",))
    routine = Routine("r", "R", "d", 1, (RoutineItem("squat"),))
    library = Library(exercises={"squat": squat}, routines={"r": routine})
    clock = WallClock(datetime(2025, 3, 10, 7, tzinfo=UTC))
    with opened(tmp_path / "h.sqlite3", clock, ZoneInfo("UTC")) as store:
        for _ in range(2):
            clock.advance(hours=1)
            record_session(store, routine="r", title="R", rating="too-easy")
        planner = SessionPlanner(library, store)
        assert planner.propose("r").offer is not None  # the deeper stage is offered...
        kept = planner.propose("r", conditions=("knee-problems",))
        assert kept.offer is None  # ...but never to someone with knee problems


def test_a_profile_from_names_keeps_only_what_it_knows():
    profile = BackProfile.of(["pregnancy", "knee-problems", "nonsense", "pain-leaning-back"])
    assert profile.body == ("knee-problems", "pregnancy")
    assert profile.pain == "leaning-back"
    assert profile.conditions == ("knee-problems", "pregnancy", "pain-leaning-back")
    assert not BackProfile()


def test_an_exercise_made_gentler_says_so_in_its_get_ready(presets):
    plan = SessionPlanner(presets).plan_now("stiff-lower-back", ("knee-problems",))
    gentler = [c for c in plan.changes if c.kind == "gentler"]
    assert gentler
    for change in gentler:
        step = next(
            s
            for s in plan.timeline.steps
            if s.kind == "get-ready" and s.exercise_id == change.exercise_id
        )
        assert step.cue.startswith("Made gentler because of your knees."), step.cue
        assert change.detail  # what the safer form changes, for the screen and the CLI
