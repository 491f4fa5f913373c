"""The exercise files' TOML tables, kept in the routine summaries' cache between runs, so
an unchanged file is not parsed as TOML at every start (tomllib is pure Python: parsing the
shipped exercises was most of loading the library).

Only the table a file holds is kept, never an exercise: every start reads each file and
checks its table by the same rules as always (`parse_exercise`), so a kept table makes no
exercise its file could not, and a session always runs exercises checked this run. A table
is used only for a file whose text has the same digest as the text it was parsed from (the
file is read at every start; reading is cheap, parsing is not); the cache's environment
(the app's version and code) covers the parser. The cache is hostile input like any file:
an entry that is not exactly what this module writes is ignored, and its file is parsed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from backcare_desktop.core.digest import text_digest
from backcare_desktop.core.reading import MAX_DEPTH, check_depth, parse_toml, read_text

_KEYS = frozenset({"text_digest", "exercise_table"})


class ExerciseTables:
    """Each exercise file's table: from `known` (the cache's entries) when the file's text
    is the one it was parsed from, else parsed; each goes to `kept`, for the cache."""

    def __init__(self, known: Mapping[str, object]) -> None:
        self._known = known
        self.kept: dict[str, object] = {}
        self.files_parsed = 0  # how many were parsed as TOML (what the tests count)

    def table(self, path: Path) -> dict[str, Any]:
        """The file's table (FormatError, as from reading it, when it cannot be read)."""
        key = str(path)
        text = read_text(path)
        digest = text_digest(text)
        entry = self._known.get(key)
        if _current(entry, digest):
            assert isinstance(entry, dict)
            data: dict[str, Any] = entry["exercise_table"]
            check_depth(path, data, MAX_DEPTH)  # as parsing the file does
            self.kept[key] = entry
            return data
        self.files_parsed += 1
        data = parse_toml(path, text)
        if _keeps(data):
            self.kept[key] = {"text_digest": digest, "exercise_table": data}
        return data


def _current(entry: object, digest: str) -> bool:
    return (
        isinstance(entry, dict)
        and set(entry) == _KEYS
        and entry["text_digest"] == digest
        and isinstance(entry["exercise_table"], dict)
    )


def _keeps(data: dict[str, Any]) -> bool:
    """Whether JSON gives `data` back exactly (TOML's dates and NaN it does not)."""
    try:
        return bool(json.loads(json.dumps(data)) == data)
    except (TypeError, ValueError, RecursionError):
        return False
