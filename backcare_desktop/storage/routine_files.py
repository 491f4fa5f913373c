"""A person's routine files: saved, deleted (and put back), imported and exported.

Every write is atomic (a temporary file in the same folder, then a rename), lands only in
the user routines folder under a name built from the validated id, never replaces a
preset, and is read back through the loader before it counts as done.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from backcare_desktop.core.errors import BackCareError, DuplicateIdError, LoadError
from backcare_desktop.core.i18n import Translator, Words
from backcare_desktop.core.library import Library, parse_routine
from backcare_desktop.core.model import Routine
from backcare_desktop.core.reading import decode_text, parse_toml, read_bytes
from backcare_desktop.core.routine_writer import (
    check_candidate,
    computed_minutes,
    routine_file_name,
    routine_table,
    toml_text,
)


class RoutineFileError(BackCareError):
    """A routine could not be saved, imported or exported: the reasons, in words."""

    def __init__(self, problems: Sequence[LoadError | str], yours: Sequence[str] = ()) -> None:
        self.reasons = tuple(problems)
        self.problems = [str(p) for p in problems]
        # The ids of the person's own routines that stopped an import, when nothing
        # else did: the window asks whether to replace them.
        self.yours = tuple(yours)
        super().__init__("\n".join(self.problems))

    def said_by(self, tr: Translator) -> str:
        return "\n".join(
            p.said_by(tr) if isinstance(p, LoadError) else tr._(p) for p in self.reasons
        )


def write_atomic(path: Path, data: bytes) -> None:
    """`path` holds `data` in full, or is as it was (the rename is the one change)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".backcare-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _same_routine(a: Routine, b: Routine) -> bool:
    return replace(a, source="", user=False) == replace(b, source="", user=False)


def _read_back(path: Path, library: Library, expected: Routine) -> None:
    problems: list[LoadError] = []
    loaded = parse_routine(path, library.exercises, problems, durations=library.durations)
    if loaded is None or not _same_routine(loaded, expected):
        raise RoutineFileError(
            problems or [Words("{path}: did not read back as the routine written", path=path)]
        )


def save_routine(
    routine: Routine, library: Library, folder: Path, *, replacing: str | None = None
) -> Path:
    """Write `routine` into `folder` (the user routines folder); returns the file.

    `replacing` is the id of the person's own routine being edited: its file is replaced
    (and removed when the id changed). Raises RoutineFileError with the loader's reasons.
    """
    candidate = check_candidate(routine, library, folder, replacing=replacing)
    if not candidate.ok or candidate.routine is None:
        raise RoutineFileError(candidate.problems or [Words("the routine has problems")])
    path = folder / routine_file_name(candidate.routine.id)
    old = library.routines.get(replacing) if replacing else None
    previous = path.read_bytes() if path.is_file() else None
    write_atomic(path, toml_text(candidate.table).encode("utf-8"))
    try:
        _read_back(path, library, candidate.routine)
    except RoutineFileError:
        _put_back(path, previous)
        raise
    if old is not None and old.user and old.source and Path(old.source) != path:
        Path(old.source).unlink(missing_ok=True)
    return path


def _put_back(path: Path, previous: bytes | None) -> None:
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        write_atomic(path, previous)


@dataclass(frozen=True)
class DeletedRoutine:
    """What `delete_routine` removed, to put back on undo."""

    routine_id: str
    title: str
    path: Path
    data: bytes


def delete_routine(routine: Routine, folder: Path) -> DeletedRoutine:
    """Remove the person's routine file (presets are never deleted)."""
    path = Path(routine.source)
    if not routine.user or path.parent.resolve() != folder.resolve():
        raise RoutineFileError(
            [Words("'{id}' is a preset: only your own routines go", id=routine.id)]
        )
    data = read_bytes(path)
    path.unlink()
    return DeletedRoutine(routine.id, routine.title, path, data)


def restore_routine(deleted: DeletedRoutine) -> None:
    if deleted.path.exists():
        raise RoutineFileError(
            [Words("{path}: a file is there again; nothing restored", path=deleted.path)]
        )
    write_atomic(deleted.path, deleted.data)


@dataclass(frozen=True)
class Imported:
    routine: Routine
    path: Path  # where it now lives
    replaced: bool


def import_routines(
    files: Sequence[Path], library: Library, folder: Path, *, replace_existing: bool = False
) -> list[Imported]:
    """Copy routine files into `folder`, all or none.

    Each is read through the one reading path and checked by the loader; an id that is a
    preset's is always refused, one of the person's own unless `replace_existing`.
    """
    problems: list[LoadError | str] = []
    ready: list[tuple[Routine, bytes, Path]] = []
    seen: dict[str, Path] = {}
    yours: list[str] = []
    for file in files:
        try:
            data = read_bytes(file)
            table = parse_toml(file, decode_text(file, data))
        except LoadError as e:
            problems.append(e)
            continue
        found: list[LoadError] = []
        routine = parse_routine(
            file, library.exercises, found, user=True, durations=library.durations, data=table
        )
        problems.extend(found)
        if routine is None:
            continue
        clash = _import_clash(file, routine, library, seen, replace_existing)
        if clash:
            problems.append(DuplicateIdError(file, "id", clash))
            known = library.routines.get(routine.id)
            if known is not None and known.user and routine.id not in seen:
                yours.append(routine.id)
            continue
        seen[routine.id] = file
        ready.append((routine, data, folder / routine_file_name(routine.id)))
    if problems:
        raise RoutineFileError(problems, yours if len(yours) == len(problems) else ())
    return _copy_all(ready, library)


def _import_clash(
    file: Path, routine: Routine, library: Library, seen: dict[str, Path], replacing: bool
) -> str | None:
    if routine.id in seen:
        return Words(
            "'{id}' is also the id of {file}: import one of them",
            id=routine.id,
            file=seen[routine.id],
        )
    known = library.routines.get(routine.id)
    if known is None:
        return None
    if not known.user:
        return Words("'{id}' is the id of a preset: give the routine another id", id=routine.id)
    if not replacing:
        return Words(
            "you already have a routine '{id}' ({file}): use --replace to replace it",
            id=routine.id,
            file=known.source,
        )
    return None


def _copy_all(ready: list[tuple[Routine, bytes, Path]], library: Library) -> list[Imported]:
    done: list[tuple[Path, bytes | None]] = []
    results: list[Imported] = []
    try:
        for routine, data, path in ready:
            previous = path.read_bytes() if path.is_file() else None
            write_atomic(path, data)
            done.append((path, previous))
            _read_back(path, library, routine)
            results.append(Imported(routine, path, previous is not None))
    except (OSError, RoutineFileError):
        for path, previous in reversed(done):
            _put_back(path, previous)
        raise
    return results


def export_routine(routine: Routine, library: Library, target: Path) -> Path:
    """Write `routine` to `target` as a format-1 file (one file to send)."""
    if target.is_dir():
        target = target / routine_file_name(routine.id)
    if target.exists() and not target.is_file():
        raise RoutineFileError(
            [Words("{path}: is not a regular file; give a file name", path=target)]
        )
    if not target.parent.is_dir():
        # A mistyped folder is said, not created.
        raise RoutineFileError(
            [Words("{path}: no such folder; give a file in one that exists", path=target.parent)]
        )
    timeline = library.timeline(routine.id)
    table = routine_table(routine, computed_minutes(timeline))
    write_atomic(target, toml_text(table).encode("utf-8"))
    return target
