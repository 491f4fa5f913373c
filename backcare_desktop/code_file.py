"""A cache file of compiled Python code: one marshalled value behind a header and a
checksum, written whole or not at all, and read only from a regular file of this user's
that nobody else can write (it holds code that will run). Used by compile_cache
(shiboken's support sources) and dataclass_code (the methods @dataclass writes).
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any


def read_value(path: Path, header: bytes, largest: int) -> object | None:
    """The value a `write_value(path, header, ...)` kept, or None for anything else: no
    file, another header, a wrong checksum, bytes marshal cannot read, someone else's file,
    one others can write, a pipe or a device, or more than `largest` bytes."""
    raw = _read_own_regular_file(path, largest)
    if raw is None or not raw.startswith(header):
        return None
    # Views of the one buffer read, not slices: a slice of bytes is a copy, and a copy of a
    # few hundred KB is a fresh mapping, about 70 page faults each (issue 18).
    body = memoryview(raw)[len(header) :]
    if len(body) < 4 or zlib.crc32(body[4:]) != int.from_bytes(body[:4], "little"):
        return None
    try:
        value: object = marshal.loads(body[4:])
    except (EOFError, ValueError, TypeError):
        return None
    return value


def read_entries(
    path: Path, header: bytes, largest: int, well_formed: Callable[[object, object], bool]
) -> dict[Any, Any]:
    """The dict a `write_value(path, header, ...)` kept when each of its (key, value) pairs
    is `well_formed`; an empty dict for anything else."""
    loaded = read_value(path, header, largest)
    if not isinstance(loaded, dict):
        return {}
    if not all(well_formed(key, value) for key, value in loaded.items()):
        return {}
    return loaded


def write_value(path: Path, header: bytes, value: dict[str, Any]) -> bool:
    """Keep `value` at `path` (whole or not at all); False when it could not be written."""
    body = marshal.dumps(value)
    data = header + zlib.crc32(body).to_bytes(4, "little") + body
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("xb") as stream:
            stream.write(data)
        partial.replace(path)
    except OSError:
        with suppress(OSError):
            partial.unlink(missing_ok=True)
        return False
    return True


def _read_own_regular_file(path: Path, largest: int) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or writable_by_others(info):
            return None
        # Unbuffered, into a buffer of the file's size (not one of `largest`, then shrunk);
        # cut short, a larger file (or one that grew meanwhile) fails its checksum.
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as stream:
            data = stream.read(min(info.st_size, largest) + 1)
        return data if isinstance(data, bytes) else None
    except OSError:
        return None
    finally:
        os.close(fd)


def writable_by_others(info: os.stat_result) -> bool:
    getuid: Callable[[], int] | None = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the profile folder's own permissions guard it
        return False
    return info.st_uid != getuid() or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
