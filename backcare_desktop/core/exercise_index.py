"""The exercise files listed from the summaries' cache, each parsed when first asked for.

At every start each exercise file's text is read (not parsed) and its digest compared
with the one the cache lists for that file: the same digest gives the exercise's id
without parsing. Any other file (new, changed, absent from the cache, or one whose entry
is not exactly what this module writes) is parsed then and there, so its problems are said
at start-up as before. A file with problems is never kept: it is parsed, and says what it
says in the person's language, at every start.

An id from the cache only decides which exercises the home list knows of. The exercise
itself (what a session runs, what the safety rules check) is always parsed from its file,
the first time anything asks for it (`OnDemand`), and never taken from the cache.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.core.digest import text_digest
from backcare_desktop.core.errors import DuplicateIdError, FormatError, LoadError
from backcare_desktop.core.i18n import Words
from backcare_desktop.core.reading import read_text, toml_files
from backcare_desktop.core.schema import id_problem
from backcare_desktop.core.summaries import OnDemand

if TYPE_CHECKING:
    from backcare_desktop.core.model import Exercise

# The cache's entry for the exercise files (a routine's entry is keyed by its .toml path).
EXERCISES_KEY = "exercises"
_ENTRY_KEYS = frozenset({"digest", "id"})


class ExerciseListing:
    """What the routines are listed against."""

    # A plain class: a dataclass compiles its methods when made, at every start.
    __slots__ = ("digests", "entries", "exercises", "sources")

    def __init__(
        self,
        exercises: OnDemand[Exercise],
        sources: dict[str, Path],
        digests: dict[str, str],
        entries: dict[str, object],
    ) -> None:
        self.exercises = exercises
        self.sources = sources  # id: the file it is parsed from
        # id: the digest of its file's text when listed: what a routine's summary rests on.
        self.digests = digests
        self.entries = entries  # what the cache keeps: file: {"digest", "id"}


def list_exercises(
    folders: Iterable[Path],
    problems: list[LoadError],
    pose_ids: Collection[str] | None,
    known: object,
) -> ExerciseListing:
    """Every exercise file in `folders`, in order; `known` is the cache's entry (anything:
    it is checked here). A file's problems go to `problems` in file order, as when every
    file is parsed; `pose_ids`, when given, are the poses an exercise may name."""
    listed = known if isinstance(known, dict) else {}
    sources: dict[str, Path] = {}
    digests: dict[str, str] = {}
    entries: dict[str, object] = {}
    parsed: list[Exercise] = []
    for folder in folders:
        for path in toml_files(folder, problems):
            try:
                text = read_text(path)
            except FormatError as e:
                problems.append(e)
                continue
            digest = text_digest(text)
            exercise_id = _listed_id(listed.get(str(path)), digest)
            if exercise_id is None:
                exercise = parse_text(path, text, problems, pose_ids)
                if exercise is None:
                    continue
                exercise_id = exercise.id
                if exercise_id not in sources:
                    parsed.append(exercise)
            entries[str(path)] = {"digest": digest, "id": exercise_id}
            if exercise_id in sources:
                problems.append(
                    DuplicateIdError(
                        path,
                        "id",
                        Words(
                            "exercise '{id}' is already defined by another file; "
                            "this one is ignored",
                            id=exercise_id,
                        ),
                    )
                )
                continue
            sources[exercise_id] = path
            digests[exercise_id] = digest

    def make(exercise_id: str) -> Exercise:
        path = sources[exercise_id]
        found: list[LoadError] = []
        text = read_text(path)  # a FormatError names the file and what is wrong
        exercise = parse_text(path, text, found, pose_ids)
        if exercise is None:
            raise (found or [LoadError(path, "", Words("could not be read"))])[0]
        if exercise.id != exercise_id:
            raise LoadError(
                path,
                "id",
                Words(
                    "is now '{new}' (it was '{old}' when BackCare listed the exercises): "
                    "close and reopen BackCare to see the list as it is now",
                    new=exercise.id,
                    old=exercise_id,
                ),
            )
        return exercise

    exercises: OnDemand[Exercise] = OnDemand(sources, make)
    for exercise in parsed:
        exercises.made(exercise)
    return ExerciseListing(exercises, sources, digests, entries)


def parse_text(
    path: Path, text: str, problems: list[LoadError], pose_ids: Collection[str] | None
) -> Exercise | None:
    """The exercise in `text` (read from `path`), or None with the reasons in `problems`:
    the same reasons, in the same words, as parsing the file."""
    # Imported here: a start whose exercise files are all unchanged parses none of them.
    from backcare_desktop.core.exercise_file import parse_exercise
    from backcare_desktop.core.reading import parse_toml

    try:
        data = parse_toml(path, text)
    except FormatError as e:
        problems.append(e)
        return None
    return parse_exercise(path, problems, pose_ids, data=data)


def _listed_id(entry: object, digest: str) -> str | None:
    """The id `entry` gives the file whose text has `digest`, when it is exactly what
    `list_exercises` writes and its digest is that text's."""
    if not isinstance(entry, dict) or set(entry) != _ENTRY_KEYS:
        return None
    exercise_id = entry["id"]
    if not isinstance(entry["digest"], str) or entry["digest"] != digest:
        return None
    if not isinstance(exercise_id, str) or id_problem(exercise_id) is not None:
        return None
    return exercise_id
