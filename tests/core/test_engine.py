"""The session engine, driven through whole routines by a fake clock in milliseconds."""

from __future__ import annotations

import pytest

from backcare_desktop.core.clock import FakeClock, ScaledClock
from backcare_desktop.core.engine import (
    CueDue,
    CutSpeech,
    Event,
    ExerciseFinished,
    SessionEngine,
    SessionFinished,
    StepStarted,
)


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def __call__(self, event: Event) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def make_engine(presets, fake_clock):
    def make(routine_id: str = "stiff-lower-back"):
        tl = presets.compile(presets.routine(routine_id))
        engine = SessionEngine(tl, fake_clock)
        rec = Recorder()
        engine.subscribe(rec)
        return engine, rec

    return make


def run(engine: SessionEngine, clock: FakeClock, seconds: float, tick: float = 0.1) -> None:
    for _ in range(round(seconds / tick)):
        clock.advance(tick)
        engine.poll()


@pytest.mark.parametrize("routine_id", ["stiff-lower-back", "desk-break", "lower-back-release"])
def test_whole_routine_runs_to_completion(make_engine, fake_clock, routine_id):
    engine, rec = make_engine(routine_id)
    tl = engine.timeline
    engine.start()
    run(engine, fake_clock, tl.duration + 1, tick=1 / 30)
    assert engine.status == "finished"
    assert [e.step.index for e in rec.of(StepStarted)] == list(range(len(tl.steps)))
    finished = rec.of(ExerciseFinished)
    assert [e.record.index for e in finished] == list(range(len(tl.spans)))
    assert all(e.record.outcome == "completed" for e in finished)
    for e, span in zip(finished, tl.spans, strict=True):
        assert e.record.active_seconds == pytest.approx(span.seconds, abs=0.05)
    (done,) = rec.of(SessionFinished)
    assert done.report.outcome == "completed"
    assert done.report.completed == len(tl.spans)
    assert done.report.active_seconds == pytest.approx(tl.duration - tl.steps[-1].seconds, abs=0.1)
    # Every cue of every step is said once, at its moment, in order.
    said = [(e.step.index, e.cue.text) for e in rec.of(CueDue)]
    planned = [(s.index, c.text) for s in tl.steps for c in s.cues]
    assert said == planned
    for e in rec.of(CueDue):
        assert e.position == pytest.approx(e.step.start + e.cue.at)


def test_position_comes_from_the_clock_not_the_ticks(make_engine, fake_clock):
    engine, _ = make_engine()
    engine.start()
    fake_clock.advance(37.25)  # one late tick instead of hundreds
    state = engine.poll()
    assert state.position == pytest.approx(37.25)
    assert state.step is engine.timeline.step_at(37.25)
    assert state.seconds_left == pytest.approx(state.step.end - 37.25)


def test_pause_freezes_everything(make_engine, fake_clock):
    engine, rec = make_engine()
    engine.start()
    run(engine, fake_clock, 12)
    engine.pause()
    frozen = engine.poll()
    count = len(rec.events)
    fake_clock.advance(600)
    later = engine.poll()
    assert later.status == "paused"
    assert later.position == frozen.position == pytest.approx(12)
    assert later.step_fraction == frozen.step_fraction
    assert len(rec.events) == count
    engine.resume()
    fake_clock.advance(1)
    assert engine.poll().position == pytest.approx(13)
    assert CutSpeech("pause") in rec.events


def test_skip_marks_the_exercise_skipped_and_starts_the_next(make_engine, fake_clock):
    engine, rec = make_engine()
    tl = engine.timeline
    engine.start()
    run(engine, fake_clock, 20)
    engine.next_exercise()
    state = engine.poll()
    assert state.step.index == tl.spans[1].first_step
    assert state.step.kind == "get-ready"
    assert rec.of(ExerciseFinished)[0].record.outcome == "skipped"
    assert rec.of(ExerciseFinished)[0].record.active_seconds == pytest.approx(20, abs=0.05)
    assert CutSpeech("skip") in rec.events
    assert rec.of(StepStarted)[-1].step.index == tl.spans[1].first_step


def test_back_restarts_then_goes_to_the_previous(make_engine, fake_clock):
    engine, rec = make_engine()
    tl = engine.timeline
    engine.start()
    run(engine, fake_clock, tl.spans[1].start + 10)
    engine.previous_exercise()  # 10 s into exercise 2: restart it
    assert engine.poll().position == pytest.approx(tl.spans[1].start)
    engine.previous_exercise()  # at its start: go to exercise 1
    assert engine.poll().position == pytest.approx(tl.spans[0].start)
    assert rec.of(CutSpeech).count(CutSpeech("back")) == 2
    # Done again, exercise 1 is recorded again when it finishes.
    run(engine, fake_clock, tl.spans[0].seconds + 0.2)
    assert [e.record.index for e in rec.of(ExerciseFinished)] == [0, 0]


def test_restart_exercise(make_engine, fake_clock):
    engine, _ = make_engine()
    tl = engine.timeline
    engine.start()
    run(engine, fake_clock, tl.spans[2].start + 5)
    engine.restart_exercise()
    assert engine.poll().position == pytest.approx(tl.spans[2].start)


def test_stop_reports_what_was_done(make_engine, fake_clock):
    engine, rec = make_engine()
    tl = engine.timeline
    engine.start()
    run(engine, fake_clock, tl.spans[1].start + 3)
    engine.stop()
    (done,) = rec.of(SessionFinished)
    assert done.report.outcome == "stopped"
    assert [r.exercise_id for r in done.report.exercises] == [tl.spans[0].exercise.id]
    assert engine.status == "stopped"
    fake_clock.advance(10)
    engine.poll()
    assert len(rec.of(SessionFinished)) == 1


def test_skip_through_everything_finishes(make_engine, fake_clock):
    engine, rec = make_engine("desk-break")
    engine.start()
    for _ in engine.timeline.spans:
        engine.next_exercise()
    assert engine.poll().step.kind == "done"  # the closing line still plays
    assert rec.of(SessionFinished) == []
    fake_clock.advance(engine.timeline.steps[-1].seconds)
    engine.poll()
    (done,) = rec.of(SessionFinished)
    assert done.report.skipped == len(engine.timeline.spans)
    assert engine.status == "finished"


def test_stale_cues_are_dropped(make_engine, fake_clock):
    engine, rec = make_engine()
    tl = engine.timeline
    # A step past the first few whose only cue is its first, and long enough to be late in.
    late = next(s for s in tl.steps[3:] if len(s.cues) == 1 and s.seconds > 3)
    engine.start()
    fake_clock.advance(late.start + 2.5)  # the GUI was blocked: steps and cues went by
    engine.poll()
    assert engine.state().step is late
    assert [c.step.index for c in rec.of(CueDue)] == [0]  # late's cue is 2.5 s old: dropped


def test_a_cue_just_late_after_a_block_is_still_said(make_engine, fake_clock):
    engine, rec = make_engine()
    tl = engine.timeline
    late = next(s for s in tl.steps[3:] if len(s.cues) == 1 and s.seconds > 3)
    engine.start()
    fake_clock.advance(late.start + 0.5)
    engine.poll()
    assert [c.step.index for c in rec.of(CueDue)] == [0, late.index]


def test_a_countdown_cue_is_said_on_time(make_engine, fake_clock, presets):
    engine, rec = make_engine("stiff-lower-back")
    tl = engine.timeline
    hold = next(s for s in tl.steps if s.kind == "hold" and s.seconds >= 20)
    engine.start()
    run(engine, fake_clock, hold.end - 0.5, tick=0.05)
    texts = [e.cue.text for e in rec.of(CueDue) if e.step.index == hold.index]
    assert texts == [hold.cue, "Halfway", "3", "2", "1"]


def test_state_reports_rep_side_progress_and_next(make_engine, fake_clock):
    engine, _ = make_engine("stiff-lower-back")
    tl = engine.timeline
    knee = next(s for s in tl.spans if s.exercise.id == "knee-to-chest")
    left_rep = next(s for s in tl.steps[knee.first_step : knee.stop_step] if s.side == "left")
    engine.start()
    fake_clock.advance(left_rep.start + 1)
    state = engine.poll()
    # Alternating legs are counted per leg: the first left turn is 1 of 3, as it is said.
    assert (state.step.side, state.step.rep, state.step.reps) == ("left", 1, 3)
    assert state.exercise is knee
    assert 0 < state.exercise_fraction < 1
    assert state.session_fraction == pytest.approx(state.position / tl.duration)
    following = tl.spans[knee.index + 1].exercise.name if knee.index + 1 < len(tl.spans) else None
    assert state.next_exercise_name == following


def test_scaled_clock_runs_faster(fake_clock):
    scaled = ScaledClock(fake_clock, 10)
    start = scaled.now()
    fake_clock.advance(2)
    assert scaled.now() - start == pytest.approx(20)
    assert scaled.rate == 10
    with pytest.raises(ValueError, match="positive"):
        ScaledClock(fake_clock, 0)


def test_next_due_is_the_next_cue_or_step(make_engine, fake_clock):
    engine, _ = make_engine("stiff-lower-back")
    tl = engine.timeline
    assert engine.next_due() is None  # not started
    engine.start()
    assert engine.next_due() == pytest.approx(tl.steps[1].start)
    hold = next(s for s in tl.steps if s.kind == "hold" and s.seconds >= 20)
    fake_clock.advance(hold.start + 1)
    engine.poll()
    assert engine.next_due() == pytest.approx(hold.start + hold.seconds / 2)  # "Halfway"
    engine.pause()
    assert engine.next_due() is None
