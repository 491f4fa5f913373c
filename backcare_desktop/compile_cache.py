"""shiboken's own Python sources compiled once, not at every start of the window.

shiboken6 carries its support package (`shibokensupport`: the signature parser, the
feature switch) as source text inside its library. An abi3 wheel serves every Python
version, so it cannot carry bytecode, and every process that imports shiboken6 compiles
the same 14 files again: ~130 KB of source, about 44 ms and 130-150 M instructions on the
reference machine, a tenth of BackCare's start-up (issue 18).

While `reusing_compiled` is active, `builtins.compile` answers shiboken's calls from a
cache file when the source, the file name and the compiler flags are exactly those of an
earlier start, and compiles (then saves) otherwise. Every other call goes straight to the
real `compile`. A cache that cannot be read, or is not what this module writes, is
ignored as if absent; one that cannot be written is simply not kept. Nothing here imports
Qt.
"""

from __future__ import annotations
import __future__

import builtins
import marshal
import os
import stat
import sys
import types
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib._bootstrap_external import MAGIC_NUMBER
from pathlib import Path
from typing import Any

# Bumped when the layout below changes; the interpreter's own bytecode magic follows it.
_HEADER = b"BackCare shiboken code 1\n" + MAGIC_NUMBER
_LARGEST = 8 * 1024 * 1024  # the real file is ~0.3 MB; anything far bigger is not ours
_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag

Source = str | bytes
# file name -> (source, compiler flags, code)
Entries = dict[str, tuple[Source, int, types.CodeType]]


def is_shibokens(filename: object) -> bool:
    """The names shiboken's embedded importer gives the files it compiles."""
    return isinstance(filename, str) and (
        filename == "signature_bootstrap.py" or filename.startswith("shibokensupport/")
    )


@dataclass
class CompileCounts:
    """What happened to shiboken's compiles during one `reusing_compiled` block."""

    reused: list[str] = field(default_factory=list)
    compiled: list[str] = field(default_factory=list)
    saved: bool = False


def cache_file(cache_dir: Path) -> Path:
    """One file per interpreter build (two Pythons sharing a cache do not overwrite each
    other's)."""
    return cache_dir / f"shiboken-code-{sys.implementation.cache_tag}.bin"


@contextmanager
def reusing_compiled(path: Path) -> Iterator[CompileCounts]:
    """Inside the block, shiboken's compiles come from `path` where they can; the real
    `compile` is back in place when the block ends, however it ends."""
    counts = CompileCounts()
    known = read_entries(path)
    fresh: Entries = {}
    real_compile = builtins.compile

    def compile_or_reuse(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or mode != "exec" or not is_shibokens(filename):
            return real_compile(source, filename, mode, *args, **kwargs)
        if not isinstance(source, (str, bytes)):
            return real_compile(source, filename, mode)
        # compile() takes the __future__ flags of the code that calls it; called from here
        # it would take this module's, so the caller's are passed on explicitly.
        flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
        entry = known.get(filename)
        if entry is not None and entry[1] == flags and entry[0] == source:
            counts.reused.append(filename)
            fresh[filename] = entry
            return entry[2]
        code = real_compile(source, filename, mode, flags, True)
        counts.compiled.append(filename)
        fresh[filename] = (source, flags, code)
        return code

    builtins.compile = compile_or_reuse
    try:
        yield counts
    finally:
        if builtins.compile is compile_or_reuse:
            builtins.compile = real_compile
    if counts.compiled and not sys.dont_write_bytecode:
        counts.saved = write_entries(path, fresh)


def read_entries(path: Path) -> Entries:
    """The entries of a cache file this module wrote, or none at all."""
    raw = _read_own_regular_file(path)
    if raw is None or not raw.startswith(_HEADER):
        return {}
    body = raw[len(_HEADER) :]
    if len(body) < 4 or zlib.crc32(body[4:]) != int.from_bytes(body[:4], "little"):
        return {}
    try:
        loaded = marshal.loads(body[4:])
    except (EOFError, ValueError, TypeError):
        return {}
    return _checked_entries(loaded)


def _checked_entries(loaded: object) -> Entries:
    if not isinstance(loaded, dict):
        return {}
    entries: Entries = {}
    for name, value in loaded.items():
        if not (isinstance(value, tuple) and len(value) == 3):
            return {}
        source, flags, code = value
        well_formed = (
            isinstance(source, (str, bytes))
            and isinstance(flags, int)
            and isinstance(code, types.CodeType)
            and code.co_filename == name
        )
        if not well_formed:
            return {}
        entries[name] = (source, flags, code)
    return entries


def _read_own_regular_file(path: Path) -> bytes | None:
    # The cache holds code that will run, so it is read only from a regular file of this
    # user's that nobody else can write, and never waits on a pipe or a device.
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or _writable_by_others(info):
            return None
        with os.fdopen(fd, "rb", closefd=False) as stream:
            # Cut short, a larger file fails its checksum.
            return stream.read(_LARGEST + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _writable_by_others(info: os.stat_result) -> bool:
    getuid: Callable[[], int] | None = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the profile folder's own permissions guard it
        return False
    return info.st_uid != getuid() or bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def write_entries(path: Path, entries: Entries) -> bool:
    """Keep `entries` at `path` (whole or not at all); False when it could not be written."""
    body = marshal.dumps(entries)
    data = _HEADER + zlib.crc32(body).to_bytes(4, "little") + body
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
