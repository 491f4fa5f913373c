"""The history file itself, before and while SQLite opens it: it must be a regular file
we may write, private to the person (pain ratings are health data), and, if it says it is
a BackCare history, have BackCare's tables. Each refusal is a HistoryError in words."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.reading import describe_kind
from backcare_desktop.storage.migrations import LATEST_VERSION

# The history holds pain ratings (health data): only the person may read it.
PRIVATE_MODE = 0o600
COMPANIONS = ("-wal", "-shm", "-journal")
# What each table must have for the file to be a BackCare history at all.
REQUIRED_COLUMNS = {
    "sessions": frozenset(
        [
            "id",
            "routine_id",
            "routine_title",
            "started_utc",
            "ended_utc",
            "local_day",
            "status",
            "exercises_total",
            "exercises_done",
            "planned_seconds",
            "active_seconds",
            "pain_before",
            "pain_after",
            "rating",
            "overrides",
            "utc_offset_minutes",
        ]
    ),
    "session_exercises": frozenset(
        ["session_id", "position", "exercise_id", "outcome", "active_seconds", "finished_utc"]
    ),
}


class HistoryError(BackCareError):
    """The history file cannot be used; the message says what to do."""


def prepare(path: Path) -> None:
    """Make the folder and a private file, or say why the file cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        make_private(path)
    except OSError as error:
        raise HistoryError(
            f"Cannot create the history at {path} ({error.strerror or error}): check "
            "that its folder can be written, or start BackCare with --data-dir"
        ) from error
    kind = describe_kind(path.stat().st_mode) if path.exists() else None
    if kind is not None:
        # SQLite would open a FIFO and wait for a writer forever.
        raise HistoryError(
            f"Cannot open the history at {path}: it is {kind}, not a file. "
            "Move it away, or start BackCare with --data-dir."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise HistoryError(
            f"The history at {path} is read-only, so BackCare cannot record sessions. "
            f"Make it writable (chmod u+w '{path}'), or start BackCare with --data-dir."
        )


def make_private(path: Path) -> None:
    """Create the file 0600, and tighten it (and SQLite's companions, which SQLite
    creates with the file's own mode) if an older BackCare made it readable by all."""
    if not path.exists():
        # O_EXCL: a dangling symbolic link in its place is not followed to create a
        # file wherever it points.
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_MODE))
    for name in ("", *COMPANIONS):
        target = path.with_name(path.name + name)
        with contextlib.suppress(FileNotFoundError):
            info = target.stat()  # a link the person made: the file it leads to
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                target.chmod(PRIVATE_MODE)


def check_schema(db: sqlite3.Connection, version: int, path: Path) -> None:
    """Refuse a file that says it is at `version` but lacks BackCare's tables."""
    for table, wanted in REQUIRED_COLUMNS.items():
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        if not have:
            missing = f"no '{table}' table"
        elif version >= LATEST_VERSION and not wanted <= have:
            missing = f"'{table}' lacks {', '.join(sorted(wanted - have))}"
        else:
            continue
        raise HistoryError(
            f"{path} is not a BackCare history (it says format {version}, but has "
            f"{missing}). BackCare did not change it. Move it away, or start BackCare "
            "with --data-dir, to keep a history."
        )
