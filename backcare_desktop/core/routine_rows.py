"""A routine folder's record in the summary cache: a row per file, read as hostile input
and written anew only when something in the folder changed.

A record is {"user": whether the folder holds a person's own routines, "ids": the digest
of every exercise id (a bad file's "did you mean" hint names them), "uses": the groups of
exercises the files name, each exercise with the digest of its file's text, "files":
{file name: row}, and "adapted": {file name: cards worked out for a person's
conditions}}. A good file's row is [modification time (ns), size, its group of
exercises, then its summary without `user`]; a bad file's, [time, size, group,
problems].
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.summaries import RoutineSummary, problems_from_rows, problems_to_rows

if TYPE_CHECKING:
    from backcare_desktop.core.routine_index import ExerciseDigests

_RECORD_KEYS = frozenset({"user", "ids", "uses", "files"})
_GOOD_ROW = 9  # time, size, uses, then the summary: id, title, description, seconds, ...
_BAD_ROW = 4  # time, size, uses, problems


class FolderRows:
    """One folder's record as the cache holds it, read as hostile input: a row is used
    only when it is exactly what `NewRows` writes, and current."""

    def __init__(self, record: object, user: bool, digests: ExerciseDigests) -> None:
        self.record: dict[str, Any] = {}
        self.files: dict[str, Any] = {}
        self.groups: list[dict[str, Any]] = []
        self.current_groups: list[bool] = []  # each group of exercises: still the same
        self.ids_current = False
        self.user = user
        if not isinstance(record, dict) or set(record) - {"adapted"} != _RECORD_KEYS:
            return
        files, groups = record["files"], record["uses"]
        if record["user"] is not user or not isinstance(files, dict):
            return
        if not isinstance(groups, list):
            return
        self.record, self.files, self.groups = record, files, groups
        self.current_groups = [
            isinstance(group, dict)
            and all(digests.of(exercise_id) == value for exercise_id, value in group.items())
            for group in groups
        ]
        self.ids_current = record["ids"] == digests.ids()

    def current(
        self, name: str, mtime_ns: int, size: int, folder: Path
    ) -> RoutineSummary | list[LoadError] | None:
        """What the file's row says of it, when well formed and still current."""
        row = self.files.get(name)
        if type(row) is not list or len(row) < _BAD_ROW or row[0] != mtime_ns or row[1] != size:
            return None
        group = row[2]
        if type(group) is not int or not 0 <= group < len(self.groups):
            return None
        if not self.current_groups[group]:
            return None
        if len(row) == _GOOD_ROW:
            return RoutineSummary.from_row(row, 3, self.user)
        if len(row) == _BAD_ROW and self.ids_current:
            return problems_from_rows(row[3], folder / name)
        return None


class NewRows:
    """A folder's record for the next run: the rows still current, and those of the
    files read now; the old record itself when nothing changed."""

    def __init__(self, old: FolderRows, digests: ExerciseDigests) -> None:
        self.old, self.digests = old, digests
        # name: (row, group) of a file read now; None for one whose old row is current.
        self.files: dict[str, tuple[list[Any], dict[str, Any]] | None] = {}
        self.changed = not old.record

    def reused(self, name: str, keep: bool) -> None:
        if keep:
            self.files[name] = None
        else:
            self.changed = True

    def is_changed(self) -> bool:
        """Whether the record differs from the old one: a file read, gone or not kept."""
        return self.changed or len(self.files) != len(self.old.files)

    def read(
        self,
        name: str,
        stamp: tuple[int, int],
        uses: tuple[str, ...],
        found: RoutineSummary | list[LoadError],
        path: Path,
    ) -> None:
        self.changed = True
        if isinstance(found, RoutineSummary):
            payload: list[Any] = found.to_row()
        elif found and all(_plain(p) and p.path == path for p in found):
            payload = [problems_to_rows(found)]
        else:
            return  # made of translatable words: read again at each start
        group = {exercise_id: self.digests.of(exercise_id) for exercise_id in uses}
        self.files[name] = ([*stamp, 0, *payload], group)

    def record(self, user: bool) -> dict[str, Any]:
        if not self.is_changed():
            return self.old.record
        groups: list[dict[str, Any]] = []
        numbers: dict[tuple[tuple[str, Any], ...], int] = {}
        files: dict[str, list[Any]] = {}
        for name, new in self.files.items():
            if new is None:
                row = self.old.files[name]
                group = self.old.groups[row[2]]
            else:
                row, group = new
            number = numbers.setdefault(tuple(group.items()), len(groups))
            if number == len(groups):
                groups.append(group)
            files[name] = row if row[2] == number else [*row[:2], number, *row[3:]]
        record: dict[str, Any] = {
            "user": user,
            "ids": self.digests.ids(),
            "uses": groups,
            "files": files,
        }
        adapted = self.old.record.get("adapted")
        if isinstance(adapted, dict):
            # The cards of a file read again were worked out from what it was.
            reused = self.files
            record["adapted"] = {
                name: cards
                for name, cards in adapted.items()
                if name in reused and reused[name] is None
            }
        return record


def _plain(problem: LoadError) -> bool:
    """A problem whose words are plain text: one made of translatable parts would come
    back from the cache as English text only, so its file is read each time instead."""
    return type(problem.field) is str and type(problem.problem) is str
