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
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeGuard, TypeVar

from backcare_desktop.core.errors import (
    DoseError,
    FormatError,
    LoadError,
    SchemaError,
    UnknownReferenceError,
)
from backcare_desktop.core.model import CONDITIONS, Routine
from backcare_desktop.core.schema import ID_PATTERN, MAX_ID_CHARS

if TYPE_CHECKING:
    # Imported where used: listing routines from their summaries (the window's start)
    # compiles nothing and adapts nothing.
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.timeline import Timeline


class RoutineSummary(NamedTuple):
    # A named tuple: a thousand are made at a start with many routines, and a frozen
    # dataclass costs three times as much to make (each field set through object).
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

    def to_row(self) -> list[Any]:
        """Everything but `user`, in field order: the cache's row for a file of a folder
        (which says `user` once for all its files)."""
        return [self.id, self.title, self.description, self.seconds, self.exercises, [*self.needs]]

    @classmethod
    def from_json(cls, data: object) -> RoutineSummary | None:
        """The summary `data` holds, or None when any part of it is not what it should be."""
        if not isinstance(data, dict) or set(data) != _SUMMARY_KEYS:
            return None
        return cls.checked(
            data["id"],
            data["title"],
            data["description"],
            data["seconds"],
            data["exercises"],
            data["needs"],
            data["user"],
        )

    @classmethod
    def from_row(cls, row: list[Any], start: int, user: bool) -> RoutineSummary | None:
        """The summary `to_row` wrote into `row` from `start` on (to its end), or None."""
        if len(row) != start + _ROW_LENGTH:
            return None
        routine_id, title, description, seconds, exercises, needs = row[start:]
        return cls.checked(routine_id, title, description, seconds, exercises, needs, user)

    @classmethod
    def checked(
        cls,
        routine_id: object,
        title: object,
        description: object,
        seconds: object,
        exercises: object,
        needs: object,
        user: object,
    ) -> RoutineSummary | None:
        """The summary of these values read back from a cache, or None when any is not
        what it should be."""
        # Written out test by test: this runs for every routine of every start.
        if type(routine_id) is not str or type(title) is not str or type(description) is not str:
            return None
        if len(routine_id) > MAX_ID_CHARS or not ID_PATTERN.fullmatch(routine_id):
            return None
        if type(user) is not bool or not _is_number(seconds):
            return None
        if not math.isfinite(seconds) or seconds < 0:
            return None
        if type(exercises) is not int or exercises < 0 or type(needs) is not list:
            return None
        for need in needs:
            if type(need) is not str:
                return None
        return cls(routine_id, title, description, float(seconds), exercises, tuple(needs), user)


_SUMMARY_KEYS = frozenset(RoutineSummary._fields)
_ROW_LENGTH = len(_SUMMARY_KEYS) - 1  # `user` is the folder's


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


def _is_number(value: object) -> TypeGuard[int | float]:
    return type(value) is float or type(value) is int


# The kinds of problem a routine file can have, by the name a cache entry stores.
_PROBLEM_KINDS: dict[str, type[LoadError]] = {
    kind.__name__: kind
    for kind in (LoadError, FormatError, SchemaError, UnknownReferenceError, DoseError)
}


def problems_to_rows(problems: Iterable[LoadError]) -> list[list[str]]:
    """Problems of one file (its path is the row's): kind, field and words, each."""
    return [[type(p).__name__, p.field, p.problem] for p in problems]


def problems_from_rows(data: object, path: Path) -> list[LoadError] | None:
    """The problems of the file `path` that `data` lists, or None when it is not a
    well-formed non-empty list."""
    if type(data) is not list or not data:
        return None
    found: list[LoadError] = []
    for item in data:
        if type(item) is not list or len(item) != 3:
            return None
        kind_name, field, problem = item
        kind = _PROBLEM_KINDS.get(kind_name) if type(kind_name) is str else None
        if kind is None or type(field) is not str or type(problem) is not str:
            return None
        found.append(kind(path, field, problem))
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
