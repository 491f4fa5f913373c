"""The step chime follows a real session on a fake clock: turns only, voice off only."""

from __future__ import annotations

from backcare_desktop.core.engine import SessionEngine, StepStarted
from backcare_desktop.speech.step_chime import TURNS, StepChime


def run_session(presets, fake_clock, chime: StepChime) -> list[str]:
    timeline = presets.timeline("desk-break")
    engine = SessionEngine(timeline, fake_clock)
    kinds: list[str] = []
    engine.subscribe(lambda e: kinds.append(e.step.kind) if isinstance(e, StepStarted) else None)
    chime.attach(engine)
    engine.start()
    while engine.status == "running":
        fake_clock.advance(0.25)
        engine.poll()
    chime.detach()
    return kinds


def test_it_chimes_at_the_turns_when_the_voice_is_off(presets, fake_clock):
    played: list[int] = []
    chime = StepChime(lambda: played.append(1), lambda: True, lambda: True)
    kinds = run_session(presets, fake_clock, chime)
    expected = sum(
        1 for i, k in enumerate(kinds) if k in TURNS or (i > 0 and kinds[i - 1] in TURNS)
    )
    assert 0 < len(played) == expected < len(kinds)


def test_silent_when_the_voice_speaks_or_the_chime_is_off(presets, fake_clock):
    played: list[int] = []
    run_session(
        presets, fake_clock, StepChime(lambda: played.append(1), lambda: False, lambda: True)
    )
    run_session(
        presets, fake_clock, StepChime(lambda: played.append(1), lambda: True, lambda: False)
    )
    assert played == []
