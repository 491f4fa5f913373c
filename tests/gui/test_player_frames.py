"""The player between two frames: what did not change is not set again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar


def record_calls(monkeypatch, cls, name: str) -> list[str]:
    """Replace `cls.name` by a setter that records the object names it is called on."""
    real = getattr(cls, name)
    on: list[str] = []

    def setter(widget, value) -> None:
        on.append(widget.objectName())
        real(widget, value)

    monkeypatch.setattr(cls, name, setter)
    return on


def start_moving(harness) -> None:
    window = harness.window
    window.start_routine("desk-break")
    engine = window.controller.engine
    moving = next(s for s in engine.timeline.steps if s.kind == "move" and s.seconds >= 3)
    harness.advance_to(moving.start + 0.5)


def test_a_frame_whose_words_did_not_change_sets_no_label(harness, monkeypatch):
    start_moving(harness)
    texts = record_calls(monkeypatch, QLabel, "setText")
    harness.advance(5 / 30)  # five frames of one rep: the figure moves, the words stay
    assert texts == []


def test_the_bars_are_set_only_on_frames_that_move_them_a_whole_percent(harness, monkeypatch):
    start_moving(harness)
    values = record_calls(monkeypatch, QProgressBar, "setValue")
    player = harness.window.player
    frames, moved = 60, 0
    for _ in range(frames):
        before = (player.exercise_bar.value(), player.session_bar.value())
        harness.advance(1 / 30)
        moved += (player.exercise_bar.value(), player.session_bar.value()) != before
    assert 0 < moved < frames
    assert values.count("exerciseBar") == moved


def test_a_new_second_of_the_countdown_sets_the_counter_and_nothing_else(harness, monkeypatch):
    harness.window.start_routine("desk-break")
    engine = harness.window.controller.engine
    assert engine.state().step.kind == "get-ready"  # counts down its seconds
    harness.advance(0.5)
    texts = record_calls(monkeypatch, QLabel, "setText")
    harness.advance(1.0)  # the count goes down by one; the cue and the rest stay
    assert texts == ["counter"]
