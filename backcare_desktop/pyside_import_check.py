"""A cheaper answer to the question PySide6 asks of every module imported after it.

shiboken replaces `__import__` and, the first time each module comes back from an import,
asks whether its source mentions "PySide6" (`shibokensupport.feature._mod_uses_pyside`, the
bookkeeping for `from __feature__ import ...`, which BackCare never uses). It answers with
`inspect.getsource`, which resolves the file through several `os.stat` calls and leaves the
whole text in `linecache`: at BackCare's start-up ~140 modules, 0.15-0.35 ms each (about 5 %
of the start-up's CPU) and some MB of heap for the text. Reading the file's bytes gives the
same answer for a plain `.py` file; anything else (no file, bytecode only, an extension, a
zip) still goes to shiboken's own check.

Nothing here imports Qt: `install` acts only once shiboken is loaded and leaves PySide6
versions without that function alone.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from types import ModuleType

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"
_NEEDLE = b"PySide6"


def quick_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """`original`'s answer, from the file's bytes where the module is a plain source file."""

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with io.FileIO(path) as source:  # unbuffered: one read of the whole file
                return _NEEDLE in source.readall()
        except OSError:
            return original(module)

    uses_pyside.__wrapped__ = original  # type: ignore[attr-defined]  # shiboken's, for a look
    return uses_pyside


def install() -> bool:
    """Put the quick check in shiboken's place, once; False when there is nothing to replace
    (shiboken not loaded yet, or a PySide6 without that check)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "__module__", None) != __name__:  # not ours already
        setattr(feature, _CHECK, quick_check(original))
        _drop_read_sources()
    return True


def _drop_read_sources() -> None:
    # shiboken's own check has already run for the modules imported while it loaded (enum,
    # types, PySide6 itself: ~100 KB of text, ~0.25 MB as Python strings), and linecache
    # would keep their text for the whole run. It is only a cache: a traceback reads again.
    linecache = sys.modules.get("linecache")
    if linecache is not None:
        linecache.clearcache()
