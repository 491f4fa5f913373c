"""The engine's rules, each pinned by a behaviour a person would notice if it broke."""

from __future__ import annotations

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.engine import (
    CAPTION_SECONDS,
    CUE_STALE_AFTER,
    CueDue,
    Event,
    SessionEngine,
)
from backcare_desktop.core.timeline import Timeline
from tests.storage.fakes import tiny_exercise
from tests.support import timeline_of


def held(seconds: float = 20.0):
    return tiny_exercise("held", reps=1, hold=seconds)


class Session:
    def __init__(self, timeline: Timeline, **engine_options) -> None:
        self.clock = FakeClock()
        self.engine = SessionEngine(timeline, self.clock, **engine_options)
        self.events: list[Event] = []
        self.engine.subscribe(self.events.append)

    def to(self, position: float) -> None:
        """One poll at `position` (as after a blocked GUI), from wherever it is now."""
        self.clock.advance(position - self.engine.position())
        self.engine.poll()

    def cues(self) -> list[str]:
        return [e.cue.text for e in self.events if isinstance(e, CueDue)]


def hold_step(timeline: Timeline):
    return next(s for s in timeline.steps if s.kind == "hold")


def test_of_cues_that_came_due_together_only_the_newest_is_said():
    tl = timeline_of(held(10.0))
    hold = hold_step(tl)
    s = Session(tl)
    s.engine.start()
    s.to(hold.start + 6.9)  # just before "3" (at 7 s)
    before = len(s.cues())
    s.to(hold.start + 8.1)  # "3" and "2" are both due now
    assert s.cues()[before:] == ["2"]


def test_a_cue_more_than_a_second_late_is_dropped():
    tl = timeline_of(held(20.0))
    hold = hold_step(tl)
    s = Session(tl)
    s.engine.start()
    s.to(hold.start + 5.0)
    s.to(hold.start + 10.0 + CUE_STALE_AFTER + 0.5)  # "Halfway" (at 10 s) is long past
    assert "Halfway" not in s.cues()
    s.to(hold.start + 17.2)  # "3" on time is still said
    assert s.cues()[-1] == "3"


def test_the_state_captions_the_cue_just_said_for_a_moment():
    tl = timeline_of(held(20.0))
    hold = hold_step(tl)
    s = Session(tl)
    s.engine.start()
    s.to(hold.start + 10.2)
    assert s.engine.state().extra_cue == "Halfway"
    s.to(hold.start + 10.0 + CAPTION_SECONDS + 0.1)
    assert s.engine.state().extra_cue == ""


def test_a_dropped_cue_is_not_captioned():
    tl = timeline_of(held(20.0))
    hold = hold_step(tl)
    s = Session(tl)
    s.engine.start()
    s.to(hold.start + 5.0)
    s.to(hold.start + 11.1)  # Halfway 1.1 s late: dropped, so never shown either
    assert s.engine.state().extra_cue == ""


def test_timed_steps_count_down_in_whole_seconds_and_reps_do_not():
    tl = timeline_of(tiny_exercise("moving", reps=3), held(20.0))
    s = Session(tl)
    s.engine.start()
    ready = tl.steps[0]
    s.to(ready.start + 0.4)
    assert s.engine.state().countdown == round(ready.seconds)  # 5.6 s left reads "6"
    move = next(st for st in tl.steps if st.kind == "move")
    s.to(move.start + 0.5)
    assert s.engine.state().countdown is None
    hold = hold_step(tl)
    s.to(hold.end - 0.01)
    assert s.engine.state().countdown == 1  # never 0 before the end


def test_back_at_the_first_exercise_restarts_it_instead_of_wrapping_to_the_last():
    tl = timeline_of(tiny_exercise("one"), tiny_exercise("two"), tiny_exercise("three"))
    s = Session(tl)
    s.engine.start()
    s.to(1.0)
    s.engine.previous_exercise()
    assert s.engine.position() == pytest.approx(tl.spans[0].start)
    assert s.engine.state().exercise is tl.spans[0]


def test_time_spent_across_an_exercise_end_is_split_between_the_two():
    tl = timeline_of(tiny_exercise("one"), tiny_exercise("two"))
    first = tl.spans[0]
    s = Session(tl)
    s.engine.start()
    s.to(first.end - 1.0)
    s.to(first.end + 3.0)  # one poll across the boundary
    records = {r.exercise_id: r.active_seconds for r in s.engine.report().exercises}
    assert records["one"] == pytest.approx(first.seconds)
    s.engine.stop()
    # The 3 s in the second exercise count for the session (it was stopped, not finished).
    assert s.engine.report().active_seconds == pytest.approx(first.seconds + 3.0)


def test_stopping_counts_the_time_since_the_last_frame():
    tl = timeline_of(held(30.0))
    s = Session(tl)
    s.engine.start()
    s.to(5.0)
    s.clock.advance(2.0)  # no frame was drawn in these 2 s
    s.engine.stop()
    assert s.engine.report().active_seconds == pytest.approx(7.0)


def test_a_follower_that_raises_on_every_event_leaves_the_session_running_on_time():
    tl = timeline_of(tiny_exercise("one"), held(20.0), tiny_exercise("three", reps=3))
    reported: list[Exception] = []

    def broken(event: Event) -> None:
        raise OSError("No space left on device")

    s = Session(tl, on_listener_error=lambda who, e: reported.append(e))
    s.engine.subscribe(broken)
    heard_after: list[Event] = []
    s.engine.subscribe(heard_after.append)
    s.engine.start()
    assert s.engine.status == "running"
    t = 0.0
    while s.engine.status == "running":
        t += 1 / 30
        s.to(t)
    assert s.engine.status == "finished"
    assert t == pytest.approx(tl.duration, abs=0.05)  # on time, not stuck at step 0
    assert len(reported) == 1  # told once, not once per event
    assert len(heard_after) == len(s.events)  # the others heard everything
    expected = [c.text for st in tl.steps for c in st.cues]
    assert s.cues() == expected
