"""Readers for the fields the safety rules and progression need (library.py uses them).

A phase's `spine` and `tags`, its `[...safer]` and `[...harder]` forms, and a routine's
`for` (the conditions it is written for), which the routine's exercises must suit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from backcare_desktop.core.i18n import Words
from backcare_desktop.core.model import CONDITIONS, DIRECTIONS, PHASE_TAGS, Exercise, Routine
from backcare_desktop.core.safety import SKIP_WORDS, exercise_conflicts
from backcare_desktop.core.schema import Table


def read_tags(t: Table) -> tuple[str, ...] | None:
    if not t.has("tags"):
        return ()
    return t.text_list("tags", allow_empty=True, choices=PHASE_TAGS)


def read_form(t: Table, key: str) -> dict[str, Any] | bool | None:
    """A phase's `safer` or `harder` table: None if absent, False if it has a problem.

    A problem is also recorded in the file's list, which rejects the whole exercise.
    """
    sub = t.table(key)
    if sub is None:
        return False if t.has(key) else None
    values = {
        "pose": sub.text("pose"),
        "cue": sub.text("cue"),
        "short": sub.text("short"),
        "spine": sub.choice("spine", DIRECTIONS, None),
        "tags": read_tags(sub),
        "label": sub.text("label", "") if key == "harder" else "",
    }
    sub.finish()
    if None in (values["pose"], values["cue"], values["short"], values["tags"]):
        return False
    return values


def read_audience(t: Table) -> tuple[str, ...] | None:
    """The routine's `for`: one condition, or a list of them."""
    if not t.has("for"):
        return ()
    if isinstance(t.peek("for"), list):
        return t.text_list("for", allow_empty=False, choices=CONDITIONS)
    value = t.choice("for", CONDITIONS)
    return None if value is None else (value,)


def check_audience(t: Table, routine: Routine, exercises: Mapping[str, Exercise]) -> None:
    """A problem for each exercise that a condition in the routine's `for` rules out."""
    for index, item in enumerate(routine.items):
        for condition in routine.audience:
            for conflict in exercise_conflicts(exercises[item.exercise_id], condition):
                t.problem(
                    f"exercises[{index}].id",
                    Words(
                        "'{id}' does not suit a routine for {condition}: {reason}; "
                        "choose another exercise",
                        id=item.exercise_id,
                        condition=Words(SKIP_WORDS[condition]),
                        reason=conflict.reason,
                    ),
                )
