"""How the window says things: times, positions, equipment, counters."""

from __future__ import annotations

import math

from backcare_desktop.core.engine import EngineState
from backcare_desktop.core.timeline import Step

POSITION_WORDS = {
    "standing": "Standing",
    "seated": "Sitting",
    "all-fours": "On hands and knees",
    "lying-on-back": "Lying on your back",
    "lying-on-front": "Lying on your front",
    "kneeling": "Kneeling",
}

EQUIPMENT_WORDS = {
    "mat": "a mat",
    "band": "an exercise band",
    "wall": "a clear wall",
    "counter": "a counter or desk",
    "cushion": "a small cushion",
    "chair": "a chair",
}

AVOID_WORDS = {
    "knee-problems": "knee problems",
    "pregnancy": "pregnancy",
    "wrist-problems": "wrist problems",
    "shoulder-problems": "shoulder problems",
}


def clock(seconds: float) -> str:
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes(seconds: float) -> str:
    return f"{max(1, round(seconds / 60))} min"


def needs_text(needs: tuple[str, ...]) -> str:
    return ", ".join(EQUIPMENT_WORDS.get(n, n) for n in needs) or "nothing but some space"


def counter_text(state: EngineState) -> str:
    """The big number: a countdown for holds and get-ready, the rep for reps."""
    step = state.step
    if step.kind in ("get-ready", "switch-sides", "rest") or (
        step.kind == "hold" and step.breath == "hold"
    ):
        return str(max(0, math.ceil(state.seconds_left - 1e-6)))
    if step.reps:
        return f"rep {step.rep} of {step.reps}"
    return ""


def side_text(step: Step) -> str:
    return f"{step.side.capitalize()} side" if step.side else ""


def breath_text(step: Step) -> str:
    return {"inhale": "Breathe in", "exhale": "Breathe out", "hold": "Hold, breathe easily"}.get(
        step.breath or "", ""
    )


def latest_extra_cue(state: EngineState, within: float = 1.5) -> str:
    """A countdown number or "Halfway" that was just said, to caption it too."""
    into = state.position - state.step.start
    for cue in reversed(state.step.cues[1:]):
        if cue.at <= into < cue.at + within:
            return cue.text
    return ""
