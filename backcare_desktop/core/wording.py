"""How BackCare says numbers, times, counts and results: one place for the CLI and window.

Qt-free. Every screen and command that shows a duration, a count or a session's result
formats it here, so the window, `backcare list`, `stats` and Progress never disagree
("10 min" in one place and "9.7" in another).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backcare_desktop.core.progression import Change, Offer

if TYPE_CHECKING:  # core.adaptation words its notes with this module
    from backcare_desktop.core.adaptation import RoutineChange

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

# "because of your knees": the reason a routine was changed for a person.
BECAUSE_WORDS = {
    "knee-problems": "your knees",
    "wrist-problems": "your wrists",
    "shoulder-problems": "your shoulders",
    "pregnancy": "your pregnancy",
    "pain-bending-forward": "the pain you get bending forward",
    "pain-leaning-back": "the pain you get leaning back",
}

STATUS_WORDS = {
    "completed": "Completed",
    "stopped": "Stopped",
    "interrupted": "Interrupted",
    "running": "In progress",
}

RATING_WORDS = {"too-easy": "too easy", "about-right": "about right", "too-hard": "too hard"}

BREATH_WORDS = {"inhale": "Breathe in", "exhale": "Breathe out", "hold": "Hold, breathe easily"}


def number(value: float) -> str:
    """8, 7.5, 0.25: no trailing zeros."""
    return f"{value:g}"


def count(n: int, word: str, plural: str | None = None) -> str:
    """'1 day', '2 days', '1 exercise'."""
    return f"{n} {word}" if n == 1 else f"{n} {plural or word + 's'}"


def clock(seconds: float) -> str:
    """m:ss, rounded up: a countdown reads 0:01 until the very end, never 0:00 early."""
    whole = max(0, math.ceil(seconds - 1e-6))
    return f"{whole // 60}:{whole % 60:02d}"


def whole_minutes(seconds: float) -> int:
    return round(seconds / 60)


def minutes(seconds: float) -> str:
    """A length people read at a glance: '10 min' ('1 min' at the least)."""
    return f"{max(1, whole_minutes(seconds))} min"


def total_time(total_minutes: float) -> str:
    """'45 min', '3 h 05 min'."""
    whole = round(total_minutes)
    if whole < 60:
        return f"{whole} min"
    return f"{whole // 60} h {whole % 60:02d} min"


def needs_text(needs: Iterable[str]) -> str:
    """What a routine or exercise needs, as equipment ("nothing but some space" when none)."""
    return ", ".join(EQUIPMENT_WORDS.get(n, n) for n in needs) or "nothing but some space"


def position_text(position: str) -> str:
    return POSITION_WORDS.get(position, position)


def avoid_text(conditions: Iterable[str]) -> str:
    return ", ".join(AVOID_WORDS.get(c, c) for c in conditions)


def because_of(condition: str) -> str:
    return BECAUSE_WORDS.get(condition, AVOID_WORDS.get(condition, condition))


def pain_text(before: int | None, after: int | None, arrow: str = "→") -> str:
    """'4 → 2', '– → 3', or '' when neither was given."""
    if before is None and after is None:
        return ""
    dash = "–"
    return f"{dash if before is None else before} {arrow} {dash if after is None else after}"


def status_text(status: str, done: int, total: int) -> str:
    """'Completed', 'Stopped (2 of 6)'."""
    word = STATUS_WORDS.get(status, status.capitalize())
    if status == "completed" or not total:
        return word
    return f"{word} ({done} of {total})"


def rating_text(rating: str | None) -> str:
    return RATING_WORDS.get(rating or "", "")


def week_figure(done: int, goal: int) -> str:
    """The week's big figure: '2 of 3', or '5 sessions' past the goal."""
    return count(done, "session") if done > goal else f"{done} of {goal}"


def week_note(done: int, goal: int) -> str:
    if done > goal:
        return f"Goal of {goal} reached. Well done."
    if done == goal:
        return "Goal reached. Well done."
    return f"{goal - done} more to reach your goal of {goal}"


def week_text(done: int, goal: int) -> str:
    """The week in one line (the command line): the figure and the note of Progress."""
    return f"This week: {week_figure(done, goal)}. {week_note(done, goal)}"


def side_text(side: str | None) -> str:
    return f"{side.capitalize()} side" if side else ""


def breath_text(breath: str | None) -> str:
    return BREATH_WORDS.get(breath or "", "")


def counter_text(countdown: int | None, rep: int, reps: int) -> str:
    """The big number: the seconds left of a timed step, else the rep."""
    if countdown is not None:
        return str(countdown)
    if reps:
        return f"rep {rep} of {reps}"
    return ""


def change_text(change: Change) -> str:
    """'Cat stretch: 8 reps (was 6)', 'Lunge stretch: hold 40 s (was 30 s)'."""
    if change.field == "stage":
        return f"{change.exercise_name}: {change.stage_name}, {count(change.reps or 0, 'rep')}"
    if change.field == "reps":
        return (
            f"{change.exercise_name}: {count(int(change.after), 'rep')} "
            f"(was {number(change.before)})"
        )
    return f"{change.exercise_name}: hold {number(change.after)} s (was {number(change.before)} s)"


def offer_headline(offer: Offer) -> str:
    return (
        "Ready for a little more?"
        if offer.direction == "harder"
        else ("Shall we ease off a little?")
    )


def offer_reason(offer: Offer) -> str:
    felt = "too easy" if offer.direction == "harder" else "too hard"
    n = offer.ratings_in_a_row
    times = "twice" if n == 2 else f"{n} times"
    return f"You rated “{offer.routine.title}” {felt} {times} in a row."


def offer_text(offer: Offer) -> str:
    """The reason and the changes in one paragraph (logs, the command line)."""
    more = "A little more" if offer.direction == "harder" else "A little less"
    changes = "; ".join(change_text(c) for c in offer.changes)
    return f"{offer_reason(offer)} {more} this time: {changes}."


def routine_change_text(change: RoutineChange) -> str:
    """One line of what a person's profile changed, and why."""
    why = f"because of {because_of(change.condition)}: {change.reason}"
    if change.kind == "replaced":
        return f"{change.exercise_name} → {change.replacement_name}, {why}"
    if change.kind == "gentler":
        return f"{change.exercise_name}, made gentler {why}"
    return f"{change.exercise_name} left out, {why}"


def changes_summary(changes: Iterable[RoutineChange]) -> str:
    """'Adapted for you: 2 replaced, 1 made gentler' ('' when nothing changed)."""
    kinds = [c.kind for c in changes]
    parts = [
        f"{kinds.count(kind)} {words}"
        for kind, words in (
            ("replaced", "replaced"),
            ("gentler", "made gentler"),
            ("left-out", "left out"),
        )
        if kind in kinds
    ]
    return f"Adapted for you: {', '.join(parts)}" if parts else ""
