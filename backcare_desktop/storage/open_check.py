"""Whether the history file is still exactly what BackCare left when it last closed it.

Opening used to run `PRAGMA quick_check` every time: it reads every page (37 ms at 50
years of daily sessions, growing with the file) to find damage at the start rather than
in the middle of a session. A file no one has touched since BackCare checked it and
closed it cleanly needs no second reading, so a clean close leaves a stamp beside it
(device, inode, size, modification and change times: the kernel moves the change time on
every write and on every `touch`, so no ordinary tool can put it back). The next open
trusts the file only if the stamp matches, no WAL or journal is waiting, and the last
full check is under a week old; it deletes the stamp first either way, so a crash while
the file is open leaves none. Anything else (another program's write, a copied-in file,
a crash, a damaged or foreign stamp) means a full check, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.reading import load_json
from backcare_desktop.storage.records import from_utc_text, to_utc_text

# Pages can also go bad with no write at all (the disk): check in full now and then.
RECHECK_AFTER = timedelta(days=7)
_SKEW = timedelta(minutes=5)
_FIELDS = ("dev", "ino", "size", "mtime_ns", "ctime_ns")
# What SQLite leaves beside the file while it is open or after a crash.
_PENDING = ("-wal", "-journal")


def stamp_path(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _identity(path: Path) -> dict[str, int]:
    info = path.stat()
    return {
        "dev": info.st_dev,
        "ino": info.st_ino,
        "size": info.st_size,
        "mtime_ns": info.st_mtime_ns,
        "ctime_ns": info.st_ctime_ns,
    }


def _pending(path: Path) -> bool:
    return any(path.with_name(path.name + suffix).exists() for suffix in _PENDING)


def claim(path: Path, now: datetime) -> datetime | None:
    """When the file was last checked in full, if it is unchanged since; None: check it.

    Removes the stamp: it speaks only for the one open that follows a clean close.
    """
    stamp = stamp_path(path)
    try:
        data = load_json(stamp, limit=4096, depth=2)
    except (BackCareError, OSError):
        data = None
    with contextlib.suppress(OSError):
        stamp.unlink()
    if not isinstance(data, dict) or _pending(path):
        return None
    try:
        same = all(type(data[k]) is int for k in _FIELDS) and _identity(path) == {
            k: data[k] for k in _FIELDS
        }
        checked = from_utc_text(data["checked"]) if same else None
        # A check "in the future" means the clock went back: no telling how old it is.
        recent = checked is not None and now - RECHECK_AFTER < checked <= now + _SKEW
    except (OSError, KeyError, TypeError, ValueError):  # TypeError: a naive clock, too
        return None
    return checked if recent else None


def leave(path: Path, checked: datetime) -> None:
    """After the last connection closed: stamp the file as it is now (best effort)."""
    if _pending(path):
        return  # another process still has it open: the last one out stamps it
    with contextlib.suppress(OSError, ValueError):  # ValueError: a naive clock
        data = {**_identity(path), "checked": to_utc_text(checked)}
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".history-", suffix=".part")
        try:
            with os.fdopen(fd, "w") as f:
                json.dump(data, f)
            Path(temp).replace(stamp_path(path))
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
