"""Easing, interpolation, breathing and the step -> picture rule (all pure functions)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backcare_desktop.figure.motion import (
    HOLD_ENTRY_SECONDS,
    frame_for_pose,
    frame_for_step,
    other_side,
    still_from,
)
from backcare_desktop.figure.pose import breath_cycle, ease, interpolate
from backcare_desktop.figure.skeleton import Angles

# A fine sweep of the step (plain numbers, so the test needs nothing beyond pytest).
SWEEP = [i / 200 for i in range(201)]


def test_ease_starts_and_ends_at_rest():
    assert ease(0.0) == 0.0
    assert ease(1.0) == 1.0
    assert ease(0.5) == pytest.approx(0.5)
    # Slow at both ends: a small step in time moves the pose less than linearly.
    assert ease(0.05) < 0.05 and ease(0.95) > 0.95


def test_ease_clamps_outside_the_step():
    assert ease(-1.0) == 0.0 and ease(2.0) == 1.0


def test_ease_never_goes_backwards():
    values = [ease(t) for t in SWEEP]
    assert values == sorted(values)


A = Angles(pelvis=90, lumbar=10, near_knee=90, far_shoulder=100)
B = Angles(pelvis=60, lumbar=40, near_knee=80, far_shoulder=120, near_leg_scale=0.6)


def test_interpolation_endpoints_are_the_key_poses():
    assert interpolate(A, B, 0.0) == A
    assert interpolate(A, B, 1.0) == B


def test_interpolation_halfway():
    mid = interpolate(A, B, 0.5)
    assert mid.pelvis == 75 and mid.lumbar == 25 and mid.near_knee == 85
    assert mid.near_leg_scale == pytest.approx(0.8)


def test_every_angle_stays_between_the_key_poses():
    for t in SWEEP:
        mid = interpolate(A, B, t)
        for a, b, m in zip(A, B, mid, strict=True):
            assert min(a, b) - 1e-9 <= m <= max(a, b) + 1e-9


def test_breath_cycle_in_then_out():
    assert breath_cycle(0.0) == 0.0
    assert breath_cycle(3.0) == pytest.approx(1.0)
    assert breath_cycle(7.0) == pytest.approx(0.0)
    assert 0.0 < breath_cycle(1.5) < 1.0


def test_breath_is_always_between_empty_and_full():
    assert all(0.0 <= breath_cycle(s / 10) <= 1.0 for s in range(6000))


@dataclass(frozen=True)
class FakeStep:
    pose_from: str
    pose_to: str
    breath: str | None = "exhale"
    kind: str = "move"
    seconds: float = 4.0
    side: str | None = None
    equipment: tuple[str, ...] = ("mat",)
    exercise_id: str = "cat-stretch"


def test_a_move_goes_from_the_start_pose_to_the_end_pose_over_the_whole_step(poses):
    step = FakeStep("all-fours", "cat-round")
    start, end = poses.poses["all-fours"].angles, poses.poses["cat-round"].angles
    assert frame_for_step(poses, step, 0.0).angles == start
    assert frame_for_step(poses, step, 1.0).angles == end
    middle = frame_for_step(poses, step, 0.5).angles
    assert middle == interpolate(start, end, ease(0.5))
    # Still moving until the very end of the breath.
    assert frame_for_step(poses, step, 0.9).angles != end


def test_the_chest_fills_on_the_in_breath_and_empties_on_the_out_breath(poses):
    breathe_in = FakeStep("cat-round", "cat-arch", breath="inhale")
    breathe_out = FakeStep("cat-arch", "cat-round", breath="exhale")
    assert frame_for_step(poses, breathe_in, 0).breath == 0.0
    assert frame_for_step(poses, breathe_in, 1).breath == 1.0
    assert frame_for_step(poses, breathe_out, 0).breath == 1.0
    assert frame_for_step(poses, breathe_out, 1).breath == 0.0


def test_a_hold_keeps_the_pose_and_breathes(poses):
    step = FakeStep("child-pose", "child-pose", breath="hold", kind="hold", seconds=30)
    frames = [frame_for_step(poses, step, f / 10) for f in range(11)]
    assert {f.angles for f in frames} == {poses.poses["child-pose"].angles}
    assert len({round(f.breath, 3) for f in frames}) > 3


def test_moving_into_a_long_hold_takes_about_one_breath(poses):
    step = FakeStep("standing", "lunge", breath="hold", kind="hold", seconds=30)
    settled = HOLD_ENTRY_SECONDS / step.seconds
    assert frame_for_step(poses, step, 0).angles == poses.poses["standing"].angles
    assert frame_for_step(poses, step, settled).angles == poses.poses["lunge"].angles
    assert frame_for_step(poses, step, settled / 2).angles != poses.poses["lunge"].angles


def test_the_left_side_is_mirrored(poses):
    assert frame_for_step(poses, FakeStep("standing", "lunge", side="left"), 1).facing == -1
    assert frame_for_step(poses, FakeStep("standing", "lunge", side="right"), 1).facing == 1
    assert frame_for_step(poses, FakeStep("standing", "lunge"), 1).facing == 1


def test_switch_sides_turns_round_from_the_old_side_to_the_new(poses):
    step = FakeStep("lunge", "standing", breath=None, kind="switch-sides", side="left")
    assert frame_for_step(poses, step, 0).facing == pytest.approx(1)
    assert frame_for_step(poses, step, 1).facing == pytest.approx(-1)
    assert frame_for_step(poses, step, 1).angles == poses.poses["standing"].angles


def test_switch_sides_lying_on_the_back_swaps_the_legs_without_turning(poses):
    step = FakeStep("knee-roll", "knee-roll", breath=None, kind="switch-sides", side="left")
    rolled = poses.poses["knee-roll"].angles
    frames = [frame_for_step(poses, step, f) for f in (0.0, 0.65, 1.0)]
    assert [f.facing for f in frames] == [1.0, 1.0, 1.0]
    assert frames[0].angles == rolled  # still on the right side
    assert frames[2].angles == other_side(rolled)  # the left side: legs swapped
    assert frames[1].angles not in (rolled, other_side(rolled))  # trading places


def test_an_unknown_pose_draws_standing_and_says_so(poses):
    frame = frame_for_step(poses, FakeStep("all-fours", "no-such-pose"), 1)
    assert frame.missing == ("no-such-pose",)
    assert frame.angles == poses.poses["standing"].angles
    still = frame_for_pose(poses, "nope")
    assert still.missing == ("nope",) and still.angles == poses.poses["standing"].angles


def test_fractions_outside_the_step_are_clamped(poses):
    step = FakeStep("all-fours", "cat-round")
    assert frame_for_step(poses, step, -0.5).angles == poses.poses["all-fours"].angles
    assert frame_for_step(poses, step, 1.5).angles == poses.poses["cat-round"].angles


@dataclass(frozen=True)
class HeldStep:
    pose_from: str
    pose_to: str
    kind: str = "hold"
    seconds: float = 20.0
    breath: str | None = "hold"
    side: str | None = None
    equipment: tuple[str, ...] = ("mat",)


def _pose_at(poses, step, fraction):
    """What frame_for_step draws at `fraction`, but for the breath."""
    frame = frame_for_step(poses, step, fraction)
    return frame.angles, frame.props_t, frame.facing, frame.props_from, frame.props_to


def _steps_to_check(presets):
    shipped = {
        (s.kind, s.breath, s.side, s.pose_from, s.pose_to, s.seconds): s
        for t in presets.timelines.values()
        for s in t.steps
    }
    # The shipped holds keep one pose; a hold into a new pose has an entry movement.
    return [
        *shipped.values(),
        HeldStep("standing", "lunge"),
        HeldStep("all-fours", "cat-arch", seconds=3.0),
    ]


def test_from_still_from_on_only_the_breath_changes(poses, presets):
    for step in _steps_to_check(presets):
        start = still_from(step)
        held = _pose_at(poses, step, 1.0)
        for k in range(11):
            fraction = start + (1.0 - start) * k / 10
            assert _pose_at(poses, step, fraction) == held, (step, fraction)


def test_before_still_from_the_figure_still_moves(poses, presets):
    moving = [s for s in _steps_to_check(presets) if still_from(s) > 0.0]
    assert {s.kind for s in moving} >= {"move", "hold", "switch-sides"}
    for step in moving:
        just_before = still_from(step) - 0.02
        assert _pose_at(poses, step, just_before) != _pose_at(poses, step, 1.0), step
