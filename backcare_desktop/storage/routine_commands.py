"""`backcare import FILE... [--replace]` and `backcare export ID FILE`: the bodies.

cli.py parses the arguments and calls these; the files are handled by routine_files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from backcare_desktop.core.library import load_presets
from backcare_desktop.storage import paths
from backcare_desktop.storage.routine_files import (
    RoutineFileError,
    export_routine,
    import_routines,
)


def cmd_import(
    files: Sequence[Path], root: Path, replace_existing: bool, out: TextIO, err: TextIO
) -> int:
    library = load_presets(root)
    folder = paths.user_routines_dir(root)
    try:
        done = import_routines(files, library, folder, replace_existing=replace_existing)
    except RoutineFileError as e:
        for line in e.problems:
            print(f"backcare: {line}", file=err)
        print("backcare: nothing was imported", file=err)
        return 1
    for imported in done:
        verb = "replaced" if imported.replaced else "imported"
        out.write(f"{verb} '{imported.routine.id}' ({imported.routine.title}) as {imported.path}\n")
    return 0


def cmd_export(routine_id: str, target: Path, root: Path, out: TextIO, err: TextIO) -> int:
    library = load_presets(root)
    routine = library.routine(routine_id)  # UnknownRoutineError names the close ones
    try:
        written = export_routine(routine, library, target)
    except RoutineFileError as e:
        for line in e.problems:
            print(f"backcare: {line}", file=err)
        return 1
    out.write(f"exported '{routine.id}' ({routine.title}) to {written}\n")
    return 0
