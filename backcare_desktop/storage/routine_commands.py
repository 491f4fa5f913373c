"""`backcare import FILE... [--replace]` and `backcare export ID FILE`: the bodies.

cli.py parses the arguments and calls these; the files are handled by routine_files. The
library stays in English: a file is written and read as its own words, only the messages
are in the person's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.library import load_presets
from backcare_desktop.storage import paths
from backcare_desktop.storage.routine_files import (
    RoutineFileError,
    export_routine,
    import_routines,
)


def _say_problems(e: RoutineFileError, err: TextIO, tr: Translator) -> None:
    for line in e.said_by(tr).splitlines():
        print(f"backcare: {line}", file=err)


def cmd_import(
    files: Sequence[Path],
    root: Path,
    replace_existing: bool,
    out: TextIO,
    err: TextIO,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> int:
    library = load_presets(root)
    folder = paths.user_routines_dir(root)
    try:
        done = import_routines(files, library, folder, replace_existing=replace_existing)
    except RoutineFileError as e:
        _say_problems(e, err, tr)
        print("backcare: " + tr._("nothing was imported"), file=err)
        return 1
    for imported in done:
        said = (
            tr._("replaced '{id}' ({title}) as {path}")
            if imported.replaced
            else tr._("imported '{id}' ({title}) as {path}")
        )
        routine = imported.routine
        out.write(said.format(id=routine.id, title=routine.title, path=imported.path) + "\n")
    return 0


def cmd_export(
    routine_id: str,
    target: Path,
    root: Path,
    out: TextIO,
    err: TextIO,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> int:
    library = load_presets(root)
    routine = library.routine(routine_id)  # UnknownRoutineError names the close ones
    try:
        written = export_routine(routine, library, target)
    except RoutineFileError as e:
        _say_problems(e, err, tr)
        return 1
    said = tr._("exported '{id}' ({title}) to {path}")
    out.write(said.format(id=routine.id, title=routine.title, path=written) + "\n")
    return 0
