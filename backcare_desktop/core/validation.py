"""`backcare validate`: every problem in the given files, and what the app will do with
each file that has none (where it shows up, or why it would be skipped)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from backcare_desktop.core.errors import DuplicateIdError, FormatError, LoadError
from backcare_desktop.core.exercise_file import parse_exercise
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator, Words
from backcare_desktop.core.library import (
    Library,
    parse_routine,
)
from backcare_desktop.core.model import Exercise
from backcare_desktop.core.reading import load_toml, toml_files


@dataclass
class Verdict:
    """One file: its problems, or (none) what BackCare will do with it."""

    path: Path
    problems: list[LoadError] = field(default_factory=list)
    outcome: str = ""

    def lines(self, tr: Translator = ENGLISH_TRANSLATOR) -> list[str]:
        if self.problems:
            return [p.said_by(tr) for p in self.problems]
        return [tr._("{path}: OK: {outcome}").format(path=self.path, outcome=tr._(self.outcome))]


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[LoadError]]:
    """The files to check: a folder stands for its `*.toml` files (and, for a data folder,
    those in its `exercises/` and `routines/`)."""
    files: list[Path] = []
    problems: list[LoadError] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = toml_files(path, problems)
        for sub in ("exercises", "routines"):
            if (path / sub).is_dir():
                found += toml_files(path / sub, problems)
        if not found:
            problems.append(FormatError(path, "", Words("is a folder with no .toml files in it")))
        files.extend(found)
    return files, problems


def _is_exercise(path: Path) -> bool:
    try:
        return "parts" in load_toml(path)
    except FormatError:
        return False  # parse_routine reports the same reason


def _same_file(a: Path | str, b: Path | str) -> bool:
    if not a or not b:
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _exercises_beside(path: Path, pose_ids: Collection[str] | None) -> dict[str, Exercise]:
    """A routine in DATA/routines may use the exercises in DATA/exercises, as the app does."""
    folder = path.resolve().parent
    found: dict[str, Exercise] = {}
    if folder.name != "routines":
        return found
    for file in toml_files(folder.parent / "exercises", []):
        exercise = parse_exercise(file, [], pose_ids)
        if exercise is not None:
            found.setdefault(exercise.id, exercise)
    return found


def validate_paths(
    paths: Sequence[Path],
    reference: Library,
    *,
    routines_dir: Path | None = None,
    exercises_dir: Path | None = None,
    pose_ids: Collection[str] | None = None,
) -> list[Verdict]:
    """A verdict per file. `reference` is what the app loads (presets and the person's
    files); `routines_dir`/`exercises_dir` are where the app looks for a person's own."""
    files, folder_problems = expand(paths)
    verdicts = [Verdict(p.path, [p]) for p in folder_problems]
    kinds = {path: _is_exercise(path) for path in files}
    exercises = dict(reference.exercises)
    for path in (p for p in files if kinds[p]):
        verdict = Verdict(path)
        exercise = parse_exercise(path, verdict.problems, pose_ids)
        if exercise is not None:
            exercises.setdefault(exercise.id, exercise)
            clash = _exercise_clash(path, exercise.id, reference)
            if clash:
                verdict.problems.append(DuplicateIdError(path, "id", clash))
            loaded = _same_file(reference.exercise_sources.get(exercise.id, ""), path)
            verdict.outcome = _outcome(
                Words("exercise '{id}' ({name})", id=exercise.id, name=exercise.name),
                _where(path, exercises_dir, "exercise", loaded),
            )
        verdicts.append(verdict)
    for path in (p for p in files if not kinds[p]):
        verdict = Verdict(path)
        usable = {**_exercises_beside(path, pose_ids), **exercises}
        routine = parse_routine(path, usable, verdict.problems, durations=reference.durations)
        if routine is not None:
            clash = _routine_clash(path, routine.id, reference)
            if clash:
                verdict.problems.append(DuplicateIdError(path, "id", clash))
            known = reference.routines.get(routine.id)
            loaded = known is not None and _same_file(known.source, path)
            verdict.outcome = _outcome(
                Words("routine '{id}' ({name})", id=routine.id, name=routine.title),
                _where(path, routines_dir, "routine", loaded),
            )
        verdicts.append(verdict)
    return verdicts


def _exercise_clash(path: Path, exercise_id: str, reference: Library) -> str | None:
    source = reference.exercise_sources.get(exercise_id)
    if source is None or _same_file(source, path):
        return None
    return Words(
        "'{id}' is already the id of the exercise in {file}, which BackCare "
        "loads first, so it would ignore this file: give this one another id",
        id=exercise_id,
        file=source,
    )


def _routine_clash(path: Path, routine_id: str, reference: Library) -> str | None:
    known = reference.routines.get(routine_id)
    if known is None or _same_file(known.source, path):
        return None
    if known.user:
        return Words(
            "'{id}' is already the id of your routine in {file}, so "
            "`backcare list` and the window would skip this file: give this one another id",
            id=routine_id,
            file=known.source,
        )
    return Words(
        "'{id}' is already the id of the preset in {file}, so "
        "`backcare list` and the window would skip this file: give this one another id",
        id=routine_id,
        file=known.source,
    )


def _outcome(what: Words, where: Words | None) -> Words:
    if where is None:
        return what
    return Words("{what}; {where}", what=what, where=where)


def _where(path: Path, folder: Path | None, kind: str, loaded: bool) -> Words | None:
    if folder is None:
        return None
    if loaded or _same_file(path.parent, folder):
        return (
            Words("BackCare shows this routine") if kind == "routine" else Words("BackCare uses it")
        )
    if kind == "routine":
        return Words(
            "BackCare reads only the routines in {folder}: copy the file there to use it",
            folder=folder,
        )
    return Words(
        "BackCare reads only the exercises in {folder}: copy the file there to use it",
        folder=folder,
    )


def validate_files(
    paths: Iterable[Path],
    exercises: dict[str, Exercise],
    pose_ids: Collection[str] | None = None,
) -> list[LoadError]:
    """Every problem in the given files against `exercises` (no clash or place checks)."""
    reference = Library(exercises=dict(exercises))
    return [
        problem
        for verdict in validate_paths(list(paths), reference, pose_ids=pose_ids)
        for problem in verdict.problems
    ]
