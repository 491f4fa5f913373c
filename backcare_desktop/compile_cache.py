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
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib._bootstrap_external import MAGIC_NUMBER
from pathlib import Path
from typing import Any

from backcare_desktop import code_file

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
    return code_file.read_entries(path, _HEADER, _LARGEST, _well_formed)


def _well_formed(name: object, value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 3):
        return False
    source, flags, code = value
    return (
        isinstance(source, (str, bytes))
        and isinstance(flags, int)
        and isinstance(code, types.CodeType)
        and code.co_filename == name
    )


def write_entries(path: Path, entries: Entries) -> bool:
    """Keep `entries` at `path` (whole or not at all); False when it could not be written."""
    return code_file.write_value(path, _HEADER, entries)
