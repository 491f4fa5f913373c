"""A strict reader for one TOML table: every problem names the file and the field.

Problems are collected rather than raised one at a time, so `backcare validate` can list
everything wrong with a file in one go.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from backcare_desktop.core.errors import DoseError, LoadError, SchemaError
from backcare_desktop.core.i18n import Words
from backcare_desktop.core.wording import number

T = TypeVar("T")
_MISSING: Any = object()

# One pattern for every id (routines, exercises, poses): ids become file names and
# folder names (illustrations), so nothing else may ever get through.
ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_CHARS = 64
# Limits checked before the work that depends on them, each far above any shipped file:
# the longest shipped text is 125 characters, the longest list 10 entries.
MAX_TEXT_CHARS = 400
MAX_LINE_CHARS = 80  # titles, names: one line on screen
MAX_LIST_ITEMS = 12
MAX_TABLES = 40


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None when it can."""
    if len(value) > MAX_ID_CHARS:
        return Words(
            "is {n} characters long; an id has at most {limit}", n=len(value), limit=MAX_ID_CHARS
        )
    if not ID_PATTERN.fullmatch(value):
        return Words(
            "'{value}' must be lower-case letters, digits and single hyphens (like 'cat-stretch')",
            value=value,
        )
    return None


def _control_char(value: str, *, one_line: bool) -> str | None:
    for ch in value:
        if (ch < " " and not (ch in "\n\t" and not one_line)) or ch == "\x7f":
            return f"U+{ord(ch):04X}"
    return None


class Table:
    def __init__(
        self, data: dict[str, Any], path: Path, prefix: str, problems: list[LoadError]
    ) -> None:
        self._data = data
        self._path = path
        self._prefix = prefix
        self._problems = problems
        self._read: set[str] = set()

    def has(self, key: str) -> bool:
        return key in self._data

    def peek(self, key: str) -> Any:
        """The raw value (None if absent), to choose how to read it."""
        return self._data.get(key)

    def name(self, key: str) -> str:
        return f"{self._prefix}{key}"

    def problem(self, key: str, text: str, kind: type[LoadError] = SchemaError) -> None:
        self._problems.append(kind(self._path, self.name(key), text))

    def _get(self, key: str, default: Any) -> Any:
        self._read.add(key)
        if key in self._data:
            return self._data[key]
        if default is _MISSING:
            self.problem(key, Words("is missing"))
        return default

    def _typed(self, key: str, value: Any, kinds: tuple[type, ...], label: Words) -> bool:
        # bool is an int to Python, never to a person writing `reps = true`.
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            self.problem(
                key, Words("must be {kind}, not {value}", kind=label, value=_describe(value))
            )
            return False
        return True

    def text(self, key: str, default: Any = _MISSING, *, limit: int = MAX_TEXT_CHARS) -> str | None:
        """Text of at most `limit` characters; a `limit` of MAX_LINE_CHARS or less means
        one line (no line breaks)."""
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return default if isinstance(default, str) else None
        if value is _MISSING or not self._typed(key, value, (str,), Words("text")):
            return None
        text = str(value).strip()
        problem = _text_problem(str(value), limit)
        if problem:
            self.problem(key, problem)
            return None
        return text

    def ident(self, key: str, default: Any = _MISSING) -> str | None:
        """An id (see ID_PATTERN)."""
        value = self.text(key, default, limit=MAX_ID_CHARS)
        if value is None or value is default:
            return value
        problem = id_problem(value)
        if problem:
            self.problem(key, problem)
            return None
        return value

    def number(
        self, key: str, low: float, high: float, default: Any = _MISSING, *, whole: bool = False
    ) -> Any:
        value = self._get(key, default)
        if value is default and default is not _MISSING:
            return value
        kinds: tuple[type, ...] = (int,) if whole else (int, float)
        label = Words("a whole number") if whole else Words("a number")
        if value is _MISSING or not self._typed(key, value, kinds, label):
            return None
        if not low <= value <= high:
            self.problem(
                key,
                Words(
                    "{value} is impossible: it must be from {low} to {high}",
                    value=value,
                    low=number(low),
                    high=number(high),
                ),
                DoseError,
            )
            return None
        return value

    def choice(self, key: str, choices: Sequence[str], default: Any = _MISSING) -> str | None:
        value = self.text(key, default)
        if value is None or value is default:
            return value
        if value not in choices:
            self.problem(
                key,
                Words(
                    "'{value}' is not one of: {choices}", value=value, choices=", ".join(choices)
                ),
            )
            return None
        return value

    def text_list(
        self,
        key: str,
        *,
        allow_empty: bool,
        choices: Sequence[str] | None = None,
        limit: int = MAX_LIST_ITEMS,
    ) -> tuple[str, ...] | None:
        value = self._get(key, _MISSING)
        if value is _MISSING or not self._typed(key, value, (list,), Words("a list")):
            return None
        if not value and not allow_empty:
            self.problem(key, Words("must list at least one item"))
            return None
        if len(value) > limit:
            self.problem(
                key,
                Words("lists {n} items; at most {limit} are allowed", n=len(value), limit=limit),
            )
            return None
        ok = True
        for i, item in enumerate(value):
            problem = (
                Words("must be non-empty text, not {value}", value=_describe(item))
                if not isinstance(item, str) or not item.strip()
                else _text_problem(item, MAX_TEXT_CHARS)
            )
            if problem:
                self.problem(f"{key}[{i}]", problem)
                ok = False
            elif choices is not None and item not in choices:
                self.problem(
                    f"{key}[{i}]",
                    Words(
                        "'{value}' is not one of: {choices}", value=item, choices=", ".join(choices)
                    ),
                )
                ok = False
        # Only once every item is text: a list inside the list cannot be hashed.
        if ok and len(set(value)) != len(value):
            self.problem(key, Words("lists an item twice"))
            ok = False
        return tuple(item.strip() for item in value) if ok else None

    def range(self, key: str, low: float, high: float, *, whole: bool = False) -> Any:
        """An optional [min, max] pair."""
        value = self._get(key, None)
        if value is None:
            return None
        if not (isinstance(value, list) and len(value) == 2):
            self.problem(
                key, Words("must be a pair [min, max], not {value}", value=_describe(value))
            )
            return None
        kinds: tuple[type, ...] = (int,) if whole else (int, float)
        if not all(isinstance(v, kinds) and not isinstance(v, bool) for v in value):
            self.problem(
                key,
                Words("must hold two whole numbers") if whole else Words("must hold two numbers"),
            )
            return None
        lo, hi = value
        if not low <= lo <= hi <= high:
            self.problem(
                key,
                Words(
                    "[{lo}, {hi}] is impossible: need {low} <= min <= max <= {high}",
                    lo=lo,
                    hi=hi,
                    low=number(low),
                    high=number(high),
                ),
                DoseError,
            )
            return None
        return (lo, hi)

    def tables(self, key: str, *, required: bool = True, limit: int = MAX_TABLES) -> list[Table]:
        value = self._get(key, _MISSING if required else [])
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.problem(key, _not_tables(key, value))
            return []
        # Before looking at the entries: 100,000 of them must be refused at once.
        if len(value) > limit:
            self.problem(
                key,
                Words("has {n} entries; at most {limit} are allowed", n=len(value), limit=limit),
            )
            return []
        if not all(isinstance(v, dict) for v in value):
            self.problem(key, _not_tables(key, value))
            return []
        if required and not value:
            self.problem(key, Words("must have at least one entry"))
        return [
            Table(v, self._path, f"{self.name(key)}[{i}].", self._problems)
            for i, v in enumerate(value)
        ]

    def table(self, key: str) -> Table | None:
        """An optional sub-table ([parent.key]); None when absent or not a table."""
        value = self._get(key, None)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(
                key,
                Words("must be a table ([...{key}]), not {value}", key=key, value=_describe(value)),
            )
            return None
        return Table(value, self._path, f"{self.name(key)}.", self._problems)

    def finish(self) -> None:
        for key in sorted(set(self._data) - self._read):
            self.problem(key, Words("is not a known field (check the spelling)"))


def _not_tables(key: str, value: Any) -> Words:
    return Words(
        "must be a list of tables ([[{key}]]), not {value}", key=key, value=_describe(value)
    )


def _text_problem(value: str, limit: int) -> str | None:
    if not value.strip():
        return Words("must not be empty")
    if len(value) > limit:
        return Words(
            "is {n} characters long; at most {limit} are allowed", n=len(value), limit=limit
        )
    odd = _control_char(value, one_line=limit <= MAX_LINE_CHARS)
    if odd:
        return Words("holds the control character {char}: remove it", char=odd)
    return None


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return Words("true/false ({value})", value=str(value).lower())
    if isinstance(value, str):
        shown = value[:40] if len(value) <= 40 else value[:40] + "..."
        return Words("text ('{value}')", value=shown)
    if isinstance(value, dict):
        return Words("a table")
    if isinstance(value, list):
        return Words("a list")
    return f"{type(value).__name__} ({value})"
