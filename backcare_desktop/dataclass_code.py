"""The methods `@dataclass` and `namedtuple` write, compiled once and not at every start of
the window.

`dataclasses` writes each class's `__init__`, `__repr__`, `__eq__` (and for a frozen class
`__setattr__`, `__delattr__` and `__hash__`) as source text and compiles it with `exec`
every time the class statement runs. BackCare defines 19 dataclasses before its window is
first painted; their 107 compiles were ~64 M instructions of the start-up, more than a
tenth of what the app adds to an empty PySide6 window (issue 18). `namedtuple` (and
`typing.NamedTuple`) likewise `eval`s a `__new__` for each class: 22 before the paint, 5
of them BackCare's, the rest the standard library's (inspect, dis ... loaded by PySide6).

While `install` is in force, the `exec` that `dataclasses` calls (and the `eval` of
`collections`) takes from a cache file the code compiled from exactly the same text at an
earlier start (the code object of a text depends only on that text and the interpreter:
both are the key), and otherwise compiles it, to be saved. Running the code (which makes
the function from the class's own fields, defaults and globals) is left to the real `exec`,
so the class is the one `@dataclass` makes. A cache that cannot be read, or is not what
this module writes, is ignored as if absent; one that cannot be written is simply not kept.
Nothing here imports Qt.
"""

from __future__ import annotations

import builtins
import collections
import dataclasses
import marshal
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from importlib._bootstrap_external import MAGIC_NUMBER
from pathlib import Path
from typing import Any

from backcare_desktop import code_file

# Bumped when the layout below changes; the interpreter's bytecode magic and optimisation
# level (asserts kept or not) follow it.
_HEADER = b"BackCare dataclass code 1\n" + MAGIC_NUMBER + bytes([sys.flags.optimize & 0xFF])
_LARGEST = 4 * 1024 * 1024  # BackCare's own classes are ~0.2 MB; anything far bigger is not ours
_MOST_ENTRIES = 2000  # past this, only the texts of the current run are kept
_FILENAME = "<string>"  # what exec() gives a text it compiles itself
_EVAL_KEY = "\x00eval\x00"  # never the start of a text dataclasses writes

# source text -> marshalled code object (unmarshalled only when its class is made)
Entries = dict[str, bytes]


def cache_file(cache_dir: Path) -> Path:
    """One file per interpreter build (two Pythons sharing a cache do not overwrite each
    other's)."""
    return cache_dir / f"dataclass-code-{sys.implementation.cache_tag}.bin"


class DataclassCode:
    """The `exec` that `dataclasses` calls while installed, and what it reused and compiled."""

    def __init__(self, path: Path, known: Entries) -> None:
        self.path = path
        self.known = known
        self.used: Entries = {}
        self.reused = 0
        self.compiled = 0
        self._saved_compiled = 0

    def exec(self, source: Any, globals: Any = None, locals: Any = None, /) -> None:
        if not isinstance(source, str):
            builtins.exec(source, globals, locals)
            return
        builtins.exec(self._code(source, "exec"), globals, locals)

    def eval(self, source: Any, globals: Any = None, locals: Any = None, /) -> Any:
        if not isinstance(source, str):
            return builtins.eval(source, globals, locals)
        return builtins.eval(self._code(source, "eval"), globals, locals)

    def _code(self, source: str, mode: str) -> types.CodeType:
        # An expression is kept under its own key: the same text compiles differently.
        key = source if mode == "exec" else _EVAL_KEY + source
        kept = self.known.get(key, b"")
        code = _code_of(kept) if kept else None
        if code is None:
            # dont_inherit: compiled from here, exec() would take this module's __future__
            # flags; dataclasses and collections have none, so their texts get none.
            code = compile(source, _FILENAME, mode, dont_inherit=True)
            kept = marshal.dumps(code)
            self.compiled += 1
        else:
            self.reused += 1
        self.used[key] = kept
        return code

    def save(self) -> bool:
        """Keep what was compiled since the last save (with what was already kept); False
        when nothing was new, bytecode is not written (PYTHONDONTWRITEBYTECODE), or the
        file could not be written."""
        if self.compiled == self._saved_compiled or sys.dont_write_bytecode:
            return False
        entries = {**self.known, **self.used}
        if len(entries) > _MOST_ENTRIES:
            entries = dict(self.used)
        if not write_entries(self.path, entries):
            return False
        self.known = entries
        self._saved_compiled = self.compiled
        return True

    def finish(self) -> None:
        """Save what was new, put the builtins back, and let go of the texts and code kept
        (~0.3 MB that a running window has no more use for)."""
        self.save()
        uninstall(self)
        self.known = {}
        self.used = {}


@contextmanager
def reusing_methods(path: Path) -> Iterator[DataclassCode | None]:
    """Inside the block, new dataclasses and named tuples get their methods from `path`
    where they can; at its end what was new is saved and the builtins are back."""
    code = install(path)
    try:
        yield code
    finally:
        if code is not None:
            code.finish()


def install(path: Path) -> DataclassCode | None:
    """From now on, the methods of every new dataclass and named tuple come from `path` where
    they can. None when something else already replaced the `exec` of `dataclasses` or the
    `eval` of `collections`."""
    if "exec" in vars(dataclasses) or "eval" in vars(collections):
        return None
    code = DataclassCode(path, read_entries(path))
    dataclasses.exec = code.exec  # type: ignore[attr-defined]
    collections.eval = code.eval  # type: ignore[attr-defined]
    return code


def installed() -> DataclassCode | None:
    """The cache `install` put in place, if it still is."""
    owner = _owner(dataclasses, "exec")
    return owner if isinstance(owner, DataclassCode) else None


def uninstall(code: DataclassCode) -> None:
    """The builtins again for `dataclasses` and `collections` (where `code` is still the one
    in place)."""
    if _owner(dataclasses, "exec") is code:
        del dataclasses.exec  # type: ignore[attr-defined]
    if _owner(collections, "eval") is code:
        del collections.eval  # type: ignore[attr-defined]


def _owner(module: types.ModuleType, name: str) -> object:
    """The object whose method stands in for the builtin `name` in `module`, if any."""
    return getattr(vars(module).get(name), "__self__", None)


def read_entries(path: Path) -> Entries:
    """The entries of a cache file this module wrote, or none at all."""
    return code_file.read_entries(path, _HEADER, _LARGEST, _well_formed)


def _well_formed(source: object, kept: object) -> bool:
    return isinstance(source, str) and isinstance(kept, bytes)


def _code_of(kept: bytes) -> types.CodeType | None:
    try:
        code = marshal.loads(kept)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, types.CodeType) or code.co_filename != _FILENAME:
        return None
    return code


def write_entries(path: Path, entries: Entries) -> bool:
    """Keep `entries` at `path` (whole or not at all); False when it could not be written."""
    return code_file.write_value(path, _HEADER, entries)
