"""The words the compiler adds to an exercise's own cues: counts, sides, skip warnings.

They are heard, not read: a person looking at the floor must know which side, which rep
of how many, and whether to skip the exercise, from the voice alone. Each is a whole
sentence in the catalogue (never English glued to a translated word), so a language can
put the words in its own order.
"""

from __future__ import annotations

from dataclasses import replace

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator
from backcare_desktop.core.model import Exercise, Part, Phase, Side

CLOSING_LINE = N_("That's the routine done. Well done for looking after your back.")
SIDE_FIELDS = ("{side}", "{Side}")

# How the get-ready says who should skip an exercise, per `avoid_if` tag.
SKIP_CLAUSES = {
    "knee-problems": N_("you have knee problems"),
    "pregnancy": N_("you are pregnant"),
    "wrist-problems": N_("your wrists hurt"),
    "shoulder-problems": N_("your shoulders hurt"),
}


def side_word(side: Side, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """What {side} in a cue becomes: 'right', 'rechts', 'derecho', 'droit'."""
    return (
        tr.pgettext("side in a cue", "right")
        if side == "right"
        else tr.pgettext("side in a cue", "left")
    )


def closing_line(tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr._(CLOSING_LINE)


def skip_sentence(exercise: Exercise, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'Skip this one if you have knee problems or you are pregnant.' (or '')."""
    clauses = [tr._(SKIP_CLAUSES[tag]) for tag in exercise.avoid_if if tag in SKIP_CLAUSES]
    if not clauses:
        return ""
    return tr._("Skip this one if {conditions}.").format(conditions=tr._(" or ").join(clauses))


def ready_cue(exercise: Exercise, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """What the get-ready says: the name, how to start, and who should skip it."""
    return " ".join(
        filter(None, (f"{exercise.name}.", exercise.setup, skip_sentence(exercise, tr)))
    )


def part_intro_cue(part: Part, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr._("Now {part}").format(part=part.name)


def switch_sides_cue(side: Side | None, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    if side == "left":
        return tr._("Switch to the left side")
    if side == "right":
        return tr._("Switch to the right side")
    return tr._("Switch sides")


def has_side_field(text: str) -> bool:
    return any(f in text for f in SIDE_FIELDS)


def names_side(part: Part) -> bool:
    """True when the part's cues say the side themselves ('your {side} knee')."""
    return any(has_side_field(ph.cue) for ph in part.phases)


def with_side(phase: Phase, side: Side | None, tr: Translator = ENGLISH_TRANSLATOR) -> Phase:
    """The phase with {side} / {Side} in its cues filled in."""
    if side is None or not (has_side_field(phase.cue) or has_side_field(phase.short)):
        return phase
    word = side_word(side, tr)

    def fill(text: str) -> str:
        return text.replace("{side}", word).replace("{Side}", word[:1].upper() + word[1:])

    return replace(phase, cue=fill(phase.cue), short=fill(phase.short))


def _side_label(side: Side, alternating: bool, tr: Translator) -> str:
    if alternating:
        if side == "right":
            return tr.pgettext("alternating reps", "Right")
        return tr.pgettext("alternating reps", "Left")
    return tr._("Right side") if side == "right" else tr._("Left side")


def count_text(
    part: Part,
    side: Side | None,
    set_no: int,
    rep: int,
    side_in_cue: bool,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> str:
    """What is said before a rep's first cue: the count, and the side unless the cue says it.

    Alternating reps are counted per side ("2 of 3" on each leg), so "2 of 6" never sounds
    like six on one leg.
    """
    words = []
    alternating = part.sides == "alternating"
    if side and not side_in_cue and (alternating or (set_no == 1 and rep == 1)):
        words.append(_side_label(side, alternating, tr))
    number, total = ((rep + 1) // 2, part.reps // 2) if alternating else (rep, part.reps)
    if total > 1:
        words.append(tr._("{number} of {total}").format(number=number, total=total))
    return tr._(", ").join(words)
