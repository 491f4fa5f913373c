"""The window's start: no cyclic garbage collection until the window is built.

Nearly everything made while the window starts (modules, classes, widgets, the library)
lives as long as the app, so the collector's passes over it find nothing to free: 39
young and 4 older passes, 10-18 ms of a start's CPU on this machine (issue 18). It is
back on before the event loop runs (from there to the first paint it ran 0-1 young pass,
0.1 ms), so a window that is never painted cannot keep it off. Nothing here imports Qt.
"""

from __future__ import annotations

import gc
from collections.abc import Callable


def collection_paused() -> Callable[[], None]:
    """Pause the cyclic collector; the function returned puts it back as it was (the
    first call does, later ones do nothing)."""
    was_enabled = gc.isenabled()
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if not resumed:
            resumed = True
            if was_enabled:
                gc.enable()

    return resume
