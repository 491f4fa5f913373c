"""The compiler's timing rules, each checked by what the person is given."""

from __future__ import annotations

from dataclasses import replace

from backcare_desktop.core.timeline import (
    COUNTDOWN_MIN_HOLD,
    HALFWAY_MIN_HOLD,
    Timeline,
)
from tests.storage.fakes import tiny_exercise
from tests.support import timeline_of


def get_readies(tl: Timeline) -> list[float]:
    return [s.seconds for s in tl.steps if s.kind == "get-ready"]


def test_a_change_of_position_gets_a_longer_get_ready_than_staying_put():
    standing_a = tiny_exercise("a")
    standing_b = tiny_exercise("b")
    seated = replace(tiny_exercise("c"), position="seated")
    first, same, changed = get_readies(timeline_of(standing_a, standing_b, seated))
    assert same < changed
    assert same < first  # the very first exercise also starts from somewhere else


def test_sides_are_switched_once_however_many_sets():
    each = replace(tiny_exercise("lunge", reps=2, sides="each"))
    part = replace(each.parts[0], sets=3)
    tl = timeline_of(replace(each, parts=(part,)))
    switches = [s for s in tl.steps if s.kind == "switch-sides"]
    assert len(switches) == 1
    assert switches[0].side == "left"
    assert {s.side for s in tl.steps if s.kind == "move"} == {"right", "left"}


def test_the_get_ready_is_long_enough_to_say_a_long_setup():
    words = " ".join(["word"] * 40)
    wordy = replace(tiny_exercise("wordy"), setup=words + ".")
    (ready,) = get_readies(timeline_of(wordy))
    # 40 words take well over 12 s at any comfortable speaking rate (200 wpm is fast).
    assert ready >= 40 * 60 / 200


def test_a_hold_exactly_as_long_as_the_minimum_gets_its_countdown_and_halfway():
    for seconds, wanted in ((COUNTDOWN_MIN_HOLD, "3"), (HALFWAY_MIN_HOLD, "Halfway")):
        tl = timeline_of(tiny_exercise("held", reps=1, hold=seconds))
        hold = next(s for s in tl.steps if s.kind == "hold")
        assert wanted in [c.text for c in hold.cues], seconds
    short = timeline_of(tiny_exercise("brief", reps=1, hold=COUNTDOWN_MIN_HOLD - 1))
    hold = next(s for s in short.steps if s.kind == "hold")
    assert [c.text for c in hold.cues] == [hold.cue]
