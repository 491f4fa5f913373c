"""The narrator against the real engine and timeline, a fake clock and a recording speaker."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.engine import CueDue, Event, SessionEngine, StepStarted
from backcare_desktop.core.timeline import Timeline
from backcare_desktop.speech.base import SpeechFinished
from backcare_desktop.speech.cue_log import CueLog
from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.speech.silent import SilentSpeaker

TICK = 0.05  # the fake ticker's period; a cue may come at most one tick after its time


@dataclass
class Session:
    timeline: Timeline
    clock: FakeClock
    engine: SessionEngine
    speaker: RecordingSpeaker
    narrator: Narrator
    finished: list[SpeechFinished] = field(default_factory=list)

    def run(self, seconds: float) -> None:
        """Tick the fake clock as the window's ticker would."""
        steps = round(seconds / TICK)
        for _ in range(steps):
            self.clock.advance(TICK)
            self.engine.poll()

    def run_to_end(self) -> None:
        while self.engine.status == "running":
            self.clock.advance(TICK)
            self.engine.poll()


@pytest.fixture
def session(presets):
    def make(
        routine_id: str = "stiff-lower-back",
        *,
        auto_finish: bool = True,
        muted: bool = False,
        cue_log: CueLog | None = None,
        speaker: object = None,
    ) -> Session:
        timeline = presets.compile(presets.routine(routine_id))
        clock = FakeClock()
        engine = SessionEngine(timeline, clock)
        # The speaker's clock reads the session position, so "when" is timeline seconds.
        rec = speaker or RecordingSpeaker(engine.position, auto_finish=auto_finish)
        narrator = Narrator(rec, muted=muted)
        narrator.attach(engine)
        if cue_log is not None:
            cue_log.attach(engine)  # a follower of its own, beside the narrator
        s = Session(timeline, clock, engine, rec, narrator)
        rec.subscribe(lambda e: s.finished.append(e) if isinstance(e, SpeechFinished) else None)
        return s

    return make


def expected_cues(timeline: Timeline) -> list[tuple[float, str, int]]:
    return [
        (step.start + cue.at, cue.text, step.index) for step in timeline.steps for cue in step.cues
    ]


def test_a_whole_routine_is_spoken_cue_by_cue_on_time(session, tmp_path: Path):
    log_path = tmp_path / "cues.jsonl"
    with CueLog.open(log_path) as log:
        s = session(cue_log=log)
        s.engine.start()
        s.run_to_end()
    expected = expected_cues(s.timeline)
    assert len(expected) > 50
    assert s.speaker.texts == [text for _, text, _ in expected]
    for said, (t, text, _) in zip(s.speaker.said, expected, strict=True):
        assert t - 1e-6 <= said.t <= t + TICK + 1e-6, (text, said.t, t)
    last = s.speaker.said[-1]
    assert s.narrator.cue_of(last.cue_id) == (len(s.timeline.steps) - 1, last.text)
    # What was said is what the cue log says, line for line.
    lines = [json.loads(line) for line in log_path.read_text().splitlines()]
    assert [(d["text"], d["step"]) for d in lines] == [(text, step) for _, text, step in expected]
    for d, (t, _, _) in zip(lines, expected, strict=True):
        assert set(d) == {"t", "text", "step"}
        assert t - 1e-3 <= d["t"] <= t + TICK + 1e-3
    # The kind closing line is the last thing said, and the end does not cut it off.
    assert s.speaker.texts[-1] == s.timeline.steps[-1].cue
    assert s.speaker.cuts == []


def test_every_kind_of_cue_is_spoken(session):
    s = session("full-back-care")
    s.engine.start()
    s.run_to_end()
    texts = s.speaker.texts
    steps = s.timeline.steps
    assert texts[0] == steps[0].cue  # exercise name and key instruction on get-ready
    kinds = {step.kind for step in steps}
    assert {"get-ready", "move", "hold", "done"} <= kinds
    said = set(texts)
    for step in steps:
        for cue in step.cues:
            assert cue.text in said
    assert any(text.startswith("1 of ") for text in texts)  # rep counts
    if "switch-sides" in kinds:
        assert any("switch" in text.lower() for text in texts)


def test_cues_of_steps_that_are_over_are_dropped(session):
    s = session()
    s.engine.start()
    s.run(1.0)
    # The window was blocked for 20 s: the steps in between are over, and silent.
    s.clock.advance(20.0)
    s.engine.poll()
    current = s.engine.state().step
    later = s.speaker.said[1:]
    assert all(s.narrator.cue_of(x.cue_id)[0] == current.index for x in later)
    assert len(later) <= 1


def test_a_cue_for_a_step_that_is_not_current_is_never_spoken():
    # The engine already drops stale cues; the narrator does not rely on it.
    @dataclass
    class FakeEngine:
        listeners: list = field(default_factory=list)

        def subscribe(self, listener):
            self.listeners.append(listener)
            return lambda: self.listeners.remove(listener)

        def position(self) -> float:
            return 12.0

        def emit(self, event: Event) -> None:
            for listener in self.listeners:
                listener(event)

    engine = FakeEngine()
    speaker = RecordingSpeaker()
    narrator = Narrator(speaker)
    narrator.attach(engine)
    timeline_steps = _two_steps()
    engine.emit(StepStarted(timeline_steps[1]))
    engine.emit(CueDue(timeline_steps[0], timeline_steps[0].cues[0], 1.0))
    assert speaker.said == []
    engine.emit(CueDue(timeline_steps[1], timeline_steps[1].cues[0], 12.0))
    assert speaker.texts == [timeline_steps[1].cues[0].text]


def _two_steps():
    from backcare_desktop.core.timeline import Cue, Step

    def step(index: int, start: float, text: str) -> Step:
        return Step(
            index=index,
            start=start,
            seconds=10.0,
            kind="hold",
            exercise_index=0,
            exercise_id="x",
            exercise_name="X",
            side=None,
            set=1,
            sets=1,
            rep=0,
            reps=0,
            breath="hold",
            cue=text,
            cues=(Cue(0.0, text),),
            pose_from="standing",
            pose_to="standing",
        )

    return step(0, 0.0, "old"), step(1, 10.0, "new")


def test_a_cue_that_overruns_its_step_makes_the_next_ones_wait_and_stale_ones_go(session):
    # Speech takes as long as the test says: cues stay current until finish().
    s = session(auto_finish=False)
    s.engine.start()
    first = s.speaker.current
    assert first is not None and first.text == s.timeline.steps[0].cue
    s.run(s.timeline.steps[2].start + 0.5)  # two steps start while the first cue sounds
    # Step 1's cue waited behind it, and was dropped when step 2 began.
    step1, step2 = s.timeline.steps[1], s.timeline.steps[2]
    dropped = [s.narrator.cue_of(i) for i in s.speaker.dropped]
    assert dropped == [(1, step1.cue)]
    s.speaker.finish()
    assert s.speaker.current is not None
    assert s.speaker.current.text == step2.cue
    # Never spoken late: everything that started belongs to a step that was current.
    assert [x.text for x in s.speaker.spoken] == [s.timeline.steps[0].cue, step2.cue]


def test_skip_cuts_the_current_cue_and_speaks_the_next_exercise(session):
    s = session(auto_finish=False)
    s.engine.start()
    s.run(2.0)
    assert s.speaker.current is not None
    first = s.speaker.current.cue_id
    s.engine.next_exercise()
    assert len(s.speaker.cuts) == 1
    assert SpeechFinished(first, completed=False) in s.finished
    second_span = s.timeline.spans[1]
    get_ready = s.timeline.steps[second_span.first_step]
    assert s.speaker.current is not None
    assert s.speaker.current.text == get_ready.cue


@pytest.mark.parametrize("intent", ["previous_exercise", "restart_exercise", "pause", "stop"])
def test_back_restart_pause_and_stop_cut_speech(session, intent: str):
    s = session(auto_finish=False)
    s.engine.start()
    s.run(30.0)
    getattr(s.engine, intent)()
    assert len(s.speaker.cuts) == 1


def test_muted_says_nothing_yet_logs_every_cue(session, tmp_path: Path):
    log_path = tmp_path / "cues.jsonl"
    with CueLog.open(log_path) as log:
        s = session(muted=True, cue_log=log)
        s.engine.start()
        s.run(30.0)
        assert s.speaker.said == []
        logged = len(log_path.read_text().splitlines())
        assert logged == sum(1 for t, _, _ in expected_cues(s.timeline) if t <= 30.0)
        s.narrator.set_muted(False)
        s.run(10.0)
    assert s.speaker.said, "unmuting speaks the next cue"


def test_muting_cuts_what_is_being_said(session):
    s = session(auto_finish=False)
    s.engine.start()
    assert s.speaker.current is not None
    s.narrator.set_muted(True)
    assert s.narrator.muted
    assert len(s.speaker.cuts) == 1
    assert s.speaker.current is None


def test_a_muted_narrator_leaves_the_speaker_unstarted_until_unmuted(session):
    s = session(muted=True)
    s.engine.start()
    s.run(10.0)
    assert s.speaker.starts == 0  # no worker for a voice that is off
    s.narrator.set_muted(False)
    assert s.speaker.starts == 1  # ready before the next cue is due


def test_without_a_voice_cues_are_still_logged(session, tmp_path: Path):
    log_path = tmp_path / "cues.jsonl"
    with CueLog.open(log_path) as log:
        s = session(cue_log=log, speaker=SilentSpeaker())
        s.engine.start()
        s.run(40.0)
    assert len(log_path.read_text().splitlines()) >= 3


def test_a_narrator_follows_only_the_engine_it_was_last_attached_to(session, presets):
    s = session()
    old = s.engine
    timeline = presets.compile(presets.routine("desk-break"))
    new = SessionEngine(timeline, s.clock)
    s.narrator.attach(new)
    old.start()
    assert s.speaker.said == []
    new.start()
    assert s.speaker.texts == [timeline.steps[0].cue]
    s.narrator.detach()
    assert len(s.speaker.cuts) == 1
