"""The compiler: step counts, durations, cues, sides, poses."""

from __future__ import annotations

import pytest

from backcare_desktop.core.cues import CueDurations
from backcare_desktop.core.model import Routine, RoutineItem
from backcare_desktop.core.timeline import (
    CLOSING_LINE,
    DONE_SECONDS,
    GET_READY_NEW_POSITION_SECONDS,
    compile_routine,
)


def routine_of(*items: RoutineItem) -> Routine:
    return Routine(id="t", title="T", description="d", minutes=1, items=items)


def compile_one(presets, exercise_id: str, **overrides):
    return presets.compile(routine_of(RoutineItem(exercise_id, **overrides)))


def test_cat_stretch_steps_and_duration(presets):
    tl = compile_one(presets, "cat-stretch", reps=8)
    kinds = [s.kind for s in tl.steps]
    assert kinds == ["get-ready"] + ["move"] * 16 + ["done"]
    assert [s.breath for s in tl.steps[1:3]] == ["exhale", "inhale"]
    assert [s.pose_to for s in tl.steps[1:3]] == ["cat-round", "cat-arch"]
    phase_seconds = sum(ph.duration for ph in presets.exercises["cat-stretch"].parts[0].phases)
    assert tl.steps[0].seconds >= GET_READY_NEW_POSITION_SECONDS
    assert tl.duration == pytest.approx(tl.steps[0].seconds + 8 * phase_seconds + DONE_SECONDS)
    assert tl.steps[-1].cue == CLOSING_LINE


def test_steps_are_contiguous_and_poses_chain(presets):
    for routine in presets.routines.values():
        tl = compile_routine(routine, presets.exercises)
        for before, after in zip(tl.steps, tl.steps[1:], strict=False):
            assert after.start == pytest.approx(before.end), routine.id
            if after.exercise_index == before.exercise_index and after.kind != "get-ready":
                assert after.pose_from == before.pose_to, (routine.id, after.index)
        assert [s.index for s in tl.steps] == list(range(len(tl.steps)))
        assert tl.spans[-1].end == pytest.approx(tl.steps[-1].start)


def test_routine_minutes_match_the_timeline(presets):
    for routine in presets.routines.values():
        actual = compile_routine(routine, presets.exercises).duration / 60
        assert abs(actual - routine.minutes) <= max(1.0, 0.15 * actual), routine.id


def test_rep_counts_are_spoken(presets):
    tl = compile_one(presets, "cat-stretch", reps=8)
    firsts = [s for s in tl.steps if s.breath == "exhale"]
    assert [s.rep for s in firsts] == list(range(1, 9))
    assert all(s.reps == 8 for s in firsts)
    assert firsts[2].cue.startswith("3 of 8.")


def test_a_cue_that_does_not_fit_uses_the_short_form():
    table = CueDurations({"Breathe out and round your whole back up": 3.0, "Out": 0.5})
    assert table.choose(3.0, "Breathe out and round your whole back up", "Out") == "Out"
    assert table.choose(4.0, "Breathe out and round your whole back up", "Out") == (
        "Breathe out and round your whole back up"
    )
    assert table.choose(0.5, "Out") is None


def test_holds_count_down_and_say_halfway(presets):
    tl = compile_one(presets, "knee-to-chest")
    hold = next(s for s in tl.steps if s.kind == "hold" and s.breath == "hold")
    assert hold.seconds == 20
    texts = [(c.at, c.text) for c in hold.cues[1:]]
    assert texts == [(10, "Halfway"), (17, "3"), (18, "2"), (19, "1")]


def test_breath_paced_hold_is_one_breath_in_and_out(presets):
    tl = compile_one(presets, "bottom-to-heel")
    holds = [s for s in tl.steps if s.kind == "hold" and s.rep == 1]
    assert [s.breath for s in holds] == ["inhale", "exhale"]
    assert holds[0].pose_from == holds[0].pose_to == "bottom-to-heel"


def test_alternating_sides_switch_every_rep(presets):
    tl = compile_one(presets, "knee-to-chest")
    firsts = [s for s in tl.steps if s.kind == "move" and s.breath == "exhale"]
    assert [s.side for s in firsts] == ["right", "left"] * 3
    # Counted per leg, and the leg named in the cue: never "2 of 6" on one leg.
    assert [s.cue.split(".")[0] for s in firsts] == ["1 of 3", "1 of 3", "2 of 3"] * 1 + [
        "2 of 3",
        "3 of 3",
        "3 of 3",
    ]
    assert "left knee" in firsts[1].cue
    assert "right knee" in firsts[2].cue


def test_each_side_in_turn_has_a_switch_step(presets):
    tl = compile_one(presets, "lunge-stretch")
    switches = [s for s in tl.steps if s.kind == "switch-sides"]
    assert len(switches) == 1
    before = tl.steps[switches[0].index - 1]
    assert (before.side, switches[0].side) == ("right", "left")
    assert switches[0].pose_to == presets.exercises["lunge-stretch"].start_pose


def test_overrides_change_reps_and_holds(presets):
    base = compile_one(presets, "childs-pose")
    longer = compile_one(presets, "childs-pose", hold_seconds=90)
    hold = next(s for s in longer.steps if s.breath == "hold")
    assert hold.seconds == 90
    assert longer.duration > base.duration


def test_desk_break_is_standing_only_and_short(presets):
    tl = presets.timeline("desk-break")
    assert tl.duration <= 5 * 60
    assert all(s.exercise.position == "standing" for s in tl.spans)
    assert "mat" not in tl.needs()
    assert "standing only" in tl.needs()


def test_pregnancy_friendly_avoids_lying_postures(presets):
    tl = presets.timeline("pregnancy-friendly")
    for span in tl.spans:
        assert span.exercise.position in ("standing", "all-fours"), span.exercise.id
        assert "pregnancy" not in span.exercise.avoid_if


def test_step_at_finds_the_step_under_way(presets):
    tl = compile_one(presets, "cat-stretch")
    second = tl.steps[1]
    assert tl.step_at(second.start) is second
    assert tl.step_at(second.start + second.seconds / 2) is second
    assert tl.step_at(tl.duration + 5) is tl.steps[-1]


def test_to_dict_is_json_ready(presets):
    import json

    data = json.loads(json.dumps(compile_one(presets, "knee-roll").to_dict()))
    assert data["steps"][0]["kind"] == "get-ready"
    assert data["steps"][1]["cues"][0]["at"] == 0
