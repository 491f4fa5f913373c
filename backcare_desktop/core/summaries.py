"""What the home list shows of a routine, and routines parsed only when one is asked for.

A summary is enough to list a routine (title, length, exercise count, what it needs);
it never starts one. Whatever starts, edits or exports a routine asks the library for the
`Routine` itself, and that reads and checks its file in full (`OnDemand`), so a
summary can make the list faster but never makes a session less safe.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from backcare_desktop.core.errors import (
    DoseError,
    FormatError,
    LoadError,
    SchemaError,
    UnknownReferenceError,
)
from backcare_desktop.core.model import CONDITIONS, Routine
from backcare_desktop.core.schema import id_problem

if TYPE_CHECKING:
    # Imported where used: listing routines from their summaries (the window's start)
    # compiles nothing and adapts nothing.
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.timeline import Timeline


@dataclass(frozen=True)
class RoutineSummary:
    id: str
    title: str
    description: str
    seconds: float
    exercises: int
    needs: tuple[str, ...]
    user: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "seconds": self.seconds,
            "exercises": self.exercises,
            "needs": list(self.needs),
            "user": self.user,
        }

    @classmethod
    def from_json(cls, data: object) -> RoutineSummary | None:
        """The summary `data` holds, or None when any part of it is not what it should be."""
        if not isinstance(data, dict) or set(data) != _SUMMARY_KEYS:
            return None
        routine_id, title, description = data["id"], data["title"], data["description"]
        seconds, exercises, needs, user = (
            data["seconds"],
            data["exercises"],
            data["needs"],
            data["user"],
        )
        if not all(isinstance(v, str) for v in (routine_id, title, description)):
            return None
        if id_problem(routine_id) is not None or not isinstance(user, bool):
            return None
        if not _is_number(seconds) or not math.isfinite(seconds) or seconds < 0:
            return None
        if not _is_whole(exercises) or exercises < 0:
            return None
        if not isinstance(needs, list) or not all(isinstance(n, str) for n in needs):
            return None
        return cls(routine_id, title, description, float(seconds), exercises, tuple(needs), user)


_SUMMARY_KEYS = frozenset(RoutineSummary.__dataclass_fields__)


def summary_of(timeline: Timeline) -> RoutineSummary:
    routine = timeline.routine
    return RoutineSummary(
        routine.id,
        routine.title,
        routine.description,
        timeline.duration,
        len(timeline.spans),
        timeline.needs(),
        routine.user,
    )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# The kinds of problem a routine file can have, by the name a cache entry stores.
_PROBLEM_KINDS: dict[str, type[LoadError]] = {
    kind.__name__: kind
    for kind in (LoadError, FormatError, SchemaError, UnknownReferenceError, DoseError)
}


def problems_to_json(problems: Iterable[LoadError]) -> list[dict[str, str]]:
    return [
        {"kind": type(p).__name__, "path": str(p.path), "field": p.field, "problem": p.problem}
        for p in problems
    ]


def problems_from_json(data: object) -> list[LoadError] | None:
    """The problems `data` lists, or None when it is not a well-formed non-empty list."""
    if not isinstance(data, list) or not data:
        return None
    found: list[LoadError] = []
    for item in data:
        if not isinstance(item, dict) or set(item) != {"kind", "path", "field", "problem"}:
            return None
        kind = _PROBLEM_KINDS.get(item["kind"]) if isinstance(item["kind"], str) else None
        texts = (item["path"], item["field"], item["problem"])
        if kind is None or not all(isinstance(t, str) for t in texts) or not item["path"]:
            return None
        found.append(kind(item["path"], item["field"], item["problem"]))
    return found


_CHANGE_KINDS = ("gentler", "replaced", "left-out")


@functools.cache
def _change_keys() -> frozenset[str]:
    from backcare_desktop.core.adaptation import RoutineChange

    return frozenset(RoutineChange.__dataclass_fields__)


def changes_to_json(changes: Iterable[RoutineChange]) -> list[dict[str, str]]:
    return [{key: getattr(c, key) for key in sorted(_change_keys())} for c in changes]


def changes_from_json(data: object) -> tuple[RoutineChange, ...] | None:
    """The changes `data` lists, or None when any is not exactly what is written."""
    from backcare_desktop.core.adaptation import RoutineChange

    if not isinstance(data, list):
        return None
    found: list[RoutineChange] = []
    for item in data:
        if not isinstance(item, dict) or set(item) != _change_keys():
            return None
        if not all(isinstance(v, str) for v in item.values()):
            return None
        if item["kind"] not in _CHANGE_KINDS or item["condition"] not in CONDITIONS:
            return None
        found.append(RoutineChange(**item))
    return tuple(found)


class Identified(Protocol):
    @property
    def id(self) -> str: ...


Item = TypeVar("Item", bound=Identified)


class OnDemand(Mapping[str, Item]):
    """Items (routines, exercises) by id, each made (its file read and checked in full)
    the first time it is asked for.

    The ids are known up front, from the summaries; `make(id)` raises a LoadError naming
    the file when the item can no longer be made (its file changed or broke since).
    """

    def __init__(self, ids: Iterable[str], make: Callable[[str], Item]) -> None:
        self._ids = list(dict.fromkeys(ids))
        self._known = frozenset(self._ids)
        self._make = make
        self._made: dict[str, Item] = {}

    def __getitem__(self, item_id: str) -> Item:
        found = self._made.get(item_id)
        if found is None:
            if item_id not in self._known:
                raise KeyError(item_id)
            found = self._made[item_id] = self._make(item_id)
        return found

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._known

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def made(self, item: Item) -> None:
        """`item` was already read and checked (while listing): keep it."""
        if item.id in self._known:
            self._made.setdefault(item.id, item)

    def parsed_count(self) -> int:
        """How many items have been made so far (what the tests of laziness count)."""
        return len(self._made)


class OnDemandRoutines(OnDemand[Routine]):
    """The routines of a library loaded from files."""


def translated_routines(
    routines: Mapping[str, Routine], translate: Callable[[Routine], Routine]
) -> OnDemandRoutines:
    """`routines` in another language, each translated when it is first asked for."""
    return OnDemandRoutines(routines, lambda routine_id: translate(routines[routine_id]))
