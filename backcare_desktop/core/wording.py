"""How BackCare says numbers, times, counts and results: one place for the CLI and window.

Qt-free. Every screen and command that shows a duration, a count or a session's result
formats it here, so the window, `backcare list`, `stats` and Progress never disagree
("10 min" in one place and "9.7" in another).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator

if TYPE_CHECKING:
    # For the annotations only: core.adaptation words its notes with this module, and
    # the home list's words do not need the dose rules (issue 18).
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.progression import Change, Offer

# Each function takes the translator of the language to speak; the constants are English
# (marked for extraction) and translated where they are used.

POSITION_WORDS = {
    "standing": N_("Standing"),
    "seated": N_("Sitting"),
    "all-fours": N_("On hands and knees"),
    "lying-on-back": N_("Lying on your back"),
    "lying-on-front": N_("Lying on your front"),
    "kneeling": N_("Kneeling"),
}

EQUIPMENT_WORDS = {
    "mat": N_("a mat"),
    "band": N_("an exercise band"),
    "wall": N_("a clear wall"),
    "counter": N_("a counter or desk"),
    "cushion": N_("a small cushion"),
    "chair": N_("a chair"),
}

AVOID_WORDS = {
    "knee-problems": N_("knee problems"),
    "pregnancy": N_("pregnancy"),
    "wrist-problems": N_("wrist problems"),
    "shoulder-problems": N_("shoulder problems"),
}

# "because of your knees": the reason a routine was changed for a person.
BECAUSE_WORDS = {
    "knee-problems": N_("your knees"),
    "wrist-problems": N_("your wrists"),
    "shoulder-problems": N_("your shoulders"),
    "pregnancy": N_("your pregnancy"),
    "pain-bending-forward": N_("the pain you get bending forward"),
    "pain-leaning-back": N_("the pain you get leaning back"),
}

STATUS_WORDS = {
    "completed": N_("Completed"),
    "stopped": N_("Stopped"),
    "interrupted": N_("Interrupted"),
    "running": N_("In progress"),
}

RATING_WORDS = {
    "too-easy": N_("too easy"),
    "about-right": N_("about right"),
    "too-hard": N_("too hard"),
}

BREATH_WORDS = {
    "inhale": N_("Breathe in"),
    "exhale": N_("Breathe out"),
    "hold": N_("Hold, breathe easily"),
}


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


def minutes(seconds: float, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """A length people read at a glance: '10 min' ('1 min' at the least)."""
    return tr._("{minutes} min").format(minutes=max(1, whole_minutes(seconds)))


def total_time(total_minutes: float, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'45 min', '3 h 05 min'."""
    whole = round(total_minutes)
    if whole < 60:
        return tr._("{minutes} min").format(minutes=whole)
    return tr._("{hours} h {minutes:02d} min").format(hours=whole // 60, minutes=whole % 60)


def exercises_text(n: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr.ngettext("{n} exercise", "{n} exercises", n).format(n=n)


def sessions_text(n: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr.ngettext("{n} session", "{n} sessions", n).format(n=n)


def days_text(n: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr.ngettext("{n} day", "{n} days", n).format(n=n)


def _word(words: dict[str, str], key: str, tr: Translator) -> str:
    found = words.get(key)
    return tr._(found) if found is not None else key


STANDING_ONLY = "standing only"  # Timeline.needs() says so beside the equipment


def needs_text(needs: Iterable[str], tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The equipment a routine or exercise needs ("nothing but some space" when none)."""
    listed = [_word(EQUIPMENT_WORDS, n, tr) for n in needs if n != STANDING_ONLY]
    return tr._(", ").join(listed) or tr._("nothing but some space")


def equipment_text(equipment: Iterable[str], tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return needs_text(equipment, tr)


def needs_line(needs: Iterable[str], tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'All standing, nothing to fetch', 'Needs a mat': a routine's needs in one phrase,
    where "standing only" is said as a position, not listed as a thing to fetch."""
    needs = tuple(needs)
    things = [n for n in needs if n != STANDING_ONLY]
    if STANDING_ONLY in needs:
        if things:
            return tr._("All standing, needs {things}").format(things=needs_text(things, tr))
        return tr._("All standing, nothing to fetch")
    if things:
        return tr._("Needs {things}").format(things=needs_text(things, tr))
    return tr._("Nothing to fetch")


def position_text(position: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return _word(POSITION_WORDS, position, tr)


def avoid_text(conditions: Iterable[str], tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr._(", ").join(_word(AVOID_WORDS, c, tr) for c in conditions)


def because_of(condition: str, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    found = BECAUSE_WORDS.get(condition, AVOID_WORDS.get(condition))
    return tr._(found) if found is not None else condition


def pain_text(before: int | None, after: int | None, arrow: str = "→") -> str:
    """'4 → 2', '– → 3', or '' when neither was given."""
    if before is None and after is None:
        return ""
    dash = "–"
    return f"{dash if before is None else before} {arrow} {dash if after is None else after}"


def status_text(status: str, done: int, total: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'Completed', 'Stopped (2 of 6)'."""
    word = tr._(STATUS_WORDS[status]) if status in STATUS_WORDS else status.capitalize()
    if status == "completed" or not total:
        return word
    return tr._("{status} ({done} of {total})").format(status=word, done=done, total=total)


def rating_text(rating: str | None, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    found = RATING_WORDS.get(rating or "")
    return tr._(found) if found else ""


def week_figure(done: int, goal: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The week's big figure: '2 of 3', or '5 sessions' past the goal."""
    if done > goal:
        return sessions_text(done, tr)
    return tr._("{number} of {total}").format(number=done, total=goal)


def week_note(done: int, goal: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    if done > goal:
        return tr._("Goal of {goal} reached. Well done.").format(goal=goal)
    if done == goal:
        return tr._("Goal reached. Well done.")
    return tr.ngettext(
        "{n} more to reach your goal of {goal}",
        "{n} more to reach your goal of {goal}",
        goal - done,
    ).format(n=goal - done, goal=goal)


def week_text(done: int, goal: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The week in one line (the command line): the figure and the note of Progress."""
    return tr._("This week: {figure}. {note}").format(
        figure=week_figure(done, goal, tr), note=week_note(done, goal, tr)
    )


def side_text(side: str | None, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    if side == "right":
        return tr._("Right side")
    if side == "left":
        return tr._("Left side")
    return ""


def breath_text(breath: str | None, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    found = BREATH_WORDS.get(breath or "")
    return tr._(found) if found else ""


def counter_text(
    countdown: int | None, rep: int, reps: int, tr: Translator = ENGLISH_TRANSLATOR
) -> str:
    """The big number: the seconds left of a timed step, else the rep."""
    if countdown is not None:
        return str(countdown)
    if reps:
        return tr._("rep {number} of {total}").format(number=rep, total=reps)
    return ""


def reps_text(n: int, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    return tr.ngettext("{n} rep", "{n} reps", n).format(n=n)


def change_text(change: Change, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'Cat stretch: 8 reps (was 6)', 'Lunge stretch: hold 40 s (was 30 s)'."""
    name = change.exercise_name
    if change.field == "stage":
        return tr._("{exercise}: {stage}, {reps}").format(
            exercise=name, stage=change.stage_name, reps=reps_text(change.reps or 0, tr)
        )
    if change.field == "reps":
        return tr._("{exercise}: {reps} (was {before})").format(
            exercise=name, reps=reps_text(int(change.after), tr), before=number(change.before)
        )
    return tr._("{exercise}: hold {after} s (was {before} s)").format(
        exercise=name, after=number(change.after), before=number(change.before)
    )


def offer_headline(offer: Offer, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    if offer.direction == "harder":
        return tr._("Ready for a little more?")
    return tr._("Shall we ease off a little?")


def offer_reason(offer: Offer, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    n = offer.ratings_in_a_row
    title = offer.routine.title
    if offer.direction == "harder":
        text = tr.ngettext(
            "You rated “{title}” too easy {n} times in a row.",
            "You rated “{title}” too easy {n} times in a row.",
            n,
        )
        if n == 2:
            text = tr._("You rated “{title}” too easy twice in a row.")
    else:
        text = tr.ngettext(
            "You rated “{title}” too hard {n} times in a row.",
            "You rated “{title}” too hard {n} times in a row.",
            n,
        )
        if n == 2:
            text = tr._("You rated “{title}” too hard twice in a row.")
    return text.format(title=title, n=n)


def offer_text(offer: Offer, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The reason and the changes in one paragraph (logs, the command line)."""
    changes = tr._("; ").join(change_text(c, tr) for c in offer.changes)
    if offer.direction == "harder":
        more = tr._("A little more this time: {changes}.")
    else:
        more = tr._("A little less this time: {changes}.")
    return f"{offer_reason(offer, tr)} {more.format(changes=changes)}"


def routine_change_text(change: RoutineChange, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """One line of what a person's profile changed, and why."""
    # The safety rules' reasons are marked for translation (a composed one stays English).
    fields = {
        "exercise": change.exercise_name,
        "replacement": change.replacement_name,
        "condition": because_of(change.condition, tr),
        "reason": tr._(change.reason),
    }
    if change.kind == "replaced":
        text = tr._("{exercise} → {replacement}, because of {condition}: {reason}")
    elif change.kind == "gentler":
        text = tr._("{exercise}, made gentler because of {condition}: {reason}")
    else:
        text = tr._("{exercise} left out, because of {condition}: {reason}")
    return text.format(**fields)
