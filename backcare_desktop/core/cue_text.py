"""The words the compiler adds to an exercise's own cues: counts, sides, skip warnings.

They are heard, not read: a person looking at the floor must know which side, which rep
of how many, and whether to skip the exercise, from the voice alone.
"""

from __future__ import annotations

from dataclasses import replace

from backcare_desktop.core.model import Exercise, Part, Phase, Side

CLOSING_LINE = "That's the routine done. Well done for looking after your back."
SIDE_FIELDS = ("{side}", "{Side}")

# How the get-ready says who should skip an exercise, per `avoid_if` tag.
SKIP_CLAUSES = {
    "knee-problems": "you have knee problems",
    "pregnancy": "you are pregnant",
    "wrist-problems": "your wrists hurt",
    "shoulder-problems": "your shoulders hurt",
}


def skip_sentence(exercise: Exercise) -> str:
    """'Skip this one if you have knee problems or you are pregnant.' (or '')."""
    clauses = [SKIP_CLAUSES[tag] for tag in exercise.avoid_if if tag in SKIP_CLAUSES]
    return f"Skip this one if {' or '.join(clauses)}." if clauses else ""


def ready_cue(exercise: Exercise) -> str:
    """What the get-ready says: the name, how to start, and who should skip it."""
    return " ".join(filter(None, (f"{exercise.name}.", exercise.setup, skip_sentence(exercise))))


def part_intro_cue(part: Part) -> str:
    return f"Now {part.name}"


def switch_sides_cue(side: Side | None) -> str:
    return f"Switch to the {side} side" if side else "Switch sides"


def has_side_field(text: str) -> bool:
    return any(f in text for f in SIDE_FIELDS)


def names_side(part: Part) -> bool:
    """True when the part's cues say the side themselves ('your {side} knee')."""
    return any(has_side_field(ph.cue) for ph in part.phases)


def with_side(phase: Phase, side: Side | None) -> Phase:
    """The phase with {side} / {Side} in its cues filled in."""
    if side is None or not (has_side_field(phase.cue) or has_side_field(phase.short)):
        return phase

    def fill(text: str) -> str:
        return text.replace("{side}", side).replace("{Side}", side.capitalize())

    return replace(phase, cue=fill(phase.cue), short=fill(phase.short))


def count_text(part: Part, side: Side | None, set_no: int, rep: int, side_in_cue: bool) -> str:
    """What is said before a rep's first cue: the count, and the side unless the cue says it.

    Alternating reps are counted per side ("2 of 3" on each leg), so "2 of 6" never sounds
    like six on one leg.
    """
    words = []
    alternating = part.sides == "alternating"
    if side and not side_in_cue:
        if alternating:
            words.append(side.capitalize())
        elif set_no == 1 and rep == 1:
            words.append(f"{side.capitalize()} side")
    number, total = ((rep + 1) // 2, part.reps // 2) if alternating else (rep, part.reps)
    if total > 1:
        words.append(f"{number} of {total}")
    return ", ".join(words)
