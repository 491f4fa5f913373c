"""What a person asked to be reminded of: schedules, snoozes, a quiet period (Qt-free data).

Stored in settings.json as plain JSON (`to_json` / `from_json`). Reading is forgiving: a bad
entry is left out with a message naming it, the rest of the reminders still apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator, Words

if TYPE_CHECKING:
    # Imported where a time is read: the usual reminders (after active use) have none, and
    # the window's start then loads no datetime (issue 18).
    from datetime import time

DEFAULT_ROUTINE = "desk-break"
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ALL_DAYS: tuple[int, ...] = tuple(range(7))
MAX_MINUTES = 24 * 60
_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_ROUTINE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ReminderError(ValueError):
    """A schedule value a person typed (or a file holds) that cannot be used; says why."""


@dataclass(frozen=True)
class ActiveUse:
    """Remind after this many minutes of active use (idle time pauses the count)."""

    minutes: int = 50
    routine: str = DEFAULT_ROUTINE

    def describe(self, tr: Translator = ENGLISH_TRANSLATOR) -> str:
        from backcare_desktop.core.schedule_words import schedule_text

        return schedule_text(self, tr)


@dataclass(frozen=True)
class FixedTime:
    """Remind at this local time on these weekdays (0 = Monday)."""

    at: time
    days: tuple[int, ...] = ALL_DAYS
    routine: str = DEFAULT_ROUTINE

    def describe(self, tr: Translator = ENGLISH_TRANSLATOR) -> str:
        """'at 10:30 on mon-fri: desk-break'; 'um 10:30 Mo.–Fr.: desk-break' in German."""
        from backcare_desktop.core.schedule_words import schedule_text

        return schedule_text(self, tr)


Schedule = ActiveUse | FixedTime


@dataclass(frozen=True)
class QuietPeriod:
    """No reminders from `start` to `end` (local time; may run past midnight)."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start <= self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class Reminders:
    enabled: bool = True
    schedules: tuple[Schedule, ...] = (ActiveUse(),)
    snooze_minutes: int = 10
    max_snoozes: int = 2
    # Idle this long (or asleep) and the active-use count starts again: that was a break.
    natural_break_minutes: int = 5
    # A session of at least this long (or a finished one) counts as the break.
    session_counts_minutes: int = 4
    quiet: QuietPeriod | None = None
    chime: bool = False
    problems: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "schedules": [_schedule_to_json(s) for s in self.schedules],
            "snooze_minutes": self.snooze_minutes,
            "max_snoozes": self.max_snoozes,
            "natural_break_minutes": self.natural_break_minutes,
            "session_counts_minutes": self.session_counts_minutes,
            "quiet": None
            if self.quiet is None
            else {"start": f"{self.quiet.start:%H:%M}", "end": f"{self.quiet.end:%H:%M}"},
            "chime": self.chime,
        }

    @classmethod
    def from_json(cls, data: object) -> Reminders:
        """Reminders from settings.json; anything unusable is named in `problems`."""
        if data is None:
            return cls()
        if not isinstance(data, dict):
            return cls(problems=("reminders: expected an object; using the defaults",))
        problems: list[str] = []
        defaults = cls()
        values: dict[str, Any] = {}
        for name in ("enabled", "chime"):
            if name in data:
                if isinstance(data[name], bool):
                    values[name] = data[name]
                else:
                    problems.append(f"reminders.{name}: {data[name]!r} is not true or false")
        bounds = {
            "snooze_minutes": (1, 120),
            "max_snoozes": (0, 10),
            "natural_break_minutes": (1, 120),
            "session_counts_minutes": (1, 120),
        }
        for name, (low, high) in bounds.items():
            if name in data:
                try:
                    values[name] = whole_number(data[name], f"reminders.{name}", low, high)
                except ReminderError as e:
                    problems.append(str(e))
        if "schedules" in data:
            raw = data["schedules"]
            if isinstance(raw, list):
                schedules = []
                for index, item in enumerate(raw):
                    try:
                        schedules.append(_schedule_from_json(item))
                    except ReminderError as e:
                        problems.append(f"reminders.schedules[{index}]: {e}; left out")
                values["schedules"] = tuple(schedules)
            else:
                problems.append("reminders.schedules: expected a list")
        if data.get("quiet") is not None:
            try:
                quiet = data["quiet"]
                if not isinstance(quiet, dict):
                    raise ReminderError("expected start and end times")
                values["quiet"] = QuietPeriod(
                    parse_time(quiet.get("start")), parse_time(quiet.get("end"))
                )
            except ReminderError as e:
                problems.append(f"reminders.quiet: {e}; no quiet period")
        return replace(defaults, **values, problems=tuple(problems))


def _schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    if isinstance(schedule, ActiveUse):
        return {"every": schedule.minutes, "routine": schedule.routine}
    return {
        "at": f"{schedule.at:%H:%M}",
        "days": [DAY_NAMES[d] for d in schedule.days],
        "routine": schedule.routine,
    }


def _schedule_from_json(item: object) -> Schedule:
    if not isinstance(item, dict):
        raise ReminderError("expected an object with 'every' or 'at'")
    routine = check_routine_id(item.get("routine", DEFAULT_ROUTINE))
    if "every" in item:
        return ActiveUse(whole_number(item["every"], "every", 1, MAX_MINUTES), routine)
    if "at" in item:
        days = item.get("days", list(DAY_NAMES))
        if not isinstance(days, list) or not all(isinstance(d, str) for d in days):
            raise ReminderError("'days' must be a list of day names such as \"mon\"")
        return FixedTime(parse_time(item["at"]), parse_days(",".join(days)), routine)
    raise ReminderError("expected 'every' (minutes) or 'at' (HH:MM)")


def whole_number(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ReminderError(
            Words("{name}: {value} is not a whole number", name=name, value=repr(value))
        )
    try:
        number = int(value)
    except ValueError:
        raise ReminderError(
            Words("{name}: {value} is not a whole number", name=name, value=repr(value))
        ) from None
    if not low <= number <= high:
        raise ReminderError(
            Words("{name}: {n} is outside {low}-{high}", name=name, n=number, low=low, high=high)
        )
    return number


def parse_time(text: object) -> time:
    """'10:30' or '9:05' (24-hour clock)."""
    if not isinstance(text, str) or not (match := _TIME.match(text.strip())):
        raise ReminderError(
            Words("{text} is not a time; write it as HH:MM, e.g. 10:30 or 15:00", text=repr(text))
        )
    from datetime import time

    return time(int(match.group(1)), int(match.group(2)))


def parse_days(text: str) -> tuple[int, ...]:
    """'mon-fri', 'mon,wed,fri', 'sat-sun', 'all', 'weekdays', 'weekends'."""
    words = {"all": "mon-sun", "daily": "mon-sun", "weekdays": "mon-fri", "weekends": "sat-sun"}
    text = words.get(text.strip().lower(), text.strip().lower())
    days: set[int] = set()
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("-")
        try:
            start = DAY_NAMES.index(first[:3]) if len(first) >= 3 else -1
            end = DAY_NAMES.index(last[:3]) if last else start
        except ValueError:
            start = end = -1
        if start < 0 or end < 0:
            raise ReminderError(
                Words(
                    "{text} is not a day or a range of days; use e.g. mon-fri or mon,wed,fri",
                    text=repr(part),
                )
            )
        day = start
        days.add(day)
        while day != end:  # a range may wrap past Sunday: fri-mon
            day = (day + 1) % 7
            days.add(day)
    if not days:
        raise ReminderError(Words("no days given; use e.g. mon-fri"))
    return tuple(sorted(days))


def format_days(days: Iterable[int]) -> str:
    chosen = tuple(sorted(set(days)))
    if chosen == ALL_DAYS:
        return "every day"
    if chosen == (0, 1, 2, 3, 4):
        return "mon-fri"
    if chosen == (5, 6):
        return "sat-sun"
    return ",".join(DAY_NAMES[d] for d in chosen)


def check_routine_id(value: object) -> str:
    if not isinstance(value, str) or not _ROUTINE_ID.match(value):
        raise ReminderError(
            Words("{value} is not a routine id (see `backcare list`)", value=repr(value))
        )
    return value
