"""How a break schedule is said: "at 10:30 on Mon–Fri", "um 10:30 Mo.–Fr.".

Weekday names and times come from Babel's CLDR data for the chosen language; English
keeps the words the command line always printed ("at 10:30 on mon-fri: desk-break").
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import time

from babel.dates import format_time, get_day_names

from backcare_desktop.core.i18n import ENGLISH, ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.local_format import babel_locale
from backcare_desktop.core.reminders import ALL_DAYS, ActiveUse, Schedule, format_days

WEEKDAYS = (0, 1, 2, 3, 4)
WEEKEND = (5, 6)


def day_names(tr: Translator, *, button: bool = False) -> tuple[str, ...]:
    """Monday first: 'Mon'...; 'Mo.' (German, in a sentence) or 'Mo' (on a button)."""
    names = get_day_names("abbreviated", "stand-alone" if button else "format", babel_locale(tr))
    return tuple(names[day] for day in range(7))


def full_day_names(tr: Translator) -> tuple[str, ...]:
    names = get_day_names("wide", "format", babel_locale(tr))
    return tuple(names[day] for day in range(7))


def days_text(days: Iterable[int], tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'every day', 'Mo.–Fr.', 'sáb–dom', 'lun., mer., ven.'."""
    chosen = tuple(sorted(set(days)))
    if tr.language == ENGLISH:
        return format_days(chosen)
    if chosen == ALL_DAYS:
        return tr._("every day")
    names = day_names(tr)
    if chosen in (WEEKDAYS, WEEKEND):
        return f"{names[chosen[0]]}–{names[chosen[-1]]}"
    return ", ".join(names[day] for day in chosen)


def time_text(moment: time, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """'10:30' as the language writes a time of day."""
    if tr.language == ENGLISH:
        return f"{moment:%H:%M}"
    return format_time(moment, "short", locale=babel_locale(tr))


def schedule_text(schedule: Schedule, tr: Translator = ENGLISH_TRANSLATOR) -> str:
    """The whole schedule: 'at 10:30 on mon-fri: desk-break'."""
    if isinstance(schedule, ActiveUse):
        return tr.ngettext(
            "after {n} min of active use: {routine}",
            "after {n} min of active use: {routine}",
            schedule.minutes,
        ).format(n=schedule.minutes, routine=schedule.routine)
    return tr._("at {time} on {days}: {routine}").format(
        time=time_text(schedule.at, tr), days=days_text(schedule.days, tr), routine=schedule.routine
    )


def fixed_time_text(
    schedule: Schedule, tr: Translator = ENGLISH_TRANSLATOR, title: str | None = None
) -> str:
    """A fixed time in the Settings' list, where the row's label already says 'At'; the
    routine named by `title` when given (its id otherwise)."""
    if isinstance(schedule, ActiveUse):
        return schedule_text(schedule, tr)
    return tr._("{time} on {days}: {routine}").format(
        time=time_text(schedule.at, tr),
        days=days_text(schedule.days, tr),
        routine=title or schedule.routine,
    )
