"""Reduced motion: key poses, no continuous frames; the count still changes each second."""

from __future__ import annotations

from backcare_desktop.figure.motion import frame_for_step


def test_reduced_motion_runs_no_frame_timer_and_shows_key_poses(qtbot, harness):
    window = harness.window
    window.settings.update(reduced_motion=True)
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    assert not harness.ticker.is_active()  # no 30 frames a second
    assert 0 < harness.ticker.wake_requested <= 1.0  # only when the count next changes
    engine = window.controller.engine
    moving = next(s for s in engine.timeline.steps if s.pose_from != s.pose_to and s.pose_to)
    harness.clock.advance(moving.start + moving.seconds / 2 - engine.position())
    state = window.controller.refresh()
    assert state.step is moving
    figure = window.player.figure
    assert figure.scene == frame_for_step(figure.poses, moving, 1.0).scene()
    assert figure.scene != frame_for_step(figure.poses, moving, 0.5).scene()


def test_turning_motion_back_on_restarts_the_frames(qtbot, harness):
    window = harness.window
    window.settings.update(reduced_motion=True)
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    assert not harness.ticker.is_active()
    window.settings.update(reduced_motion=False)
    assert harness.ticker.is_active()
