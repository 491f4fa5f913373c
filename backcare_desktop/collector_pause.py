"""Python's cyclic garbage collector held off while the window starts (issue 18).

Up to its first paint the window's start makes some 28,000 tracked objects that all stay
alive (the Qt bindings' types and enums, BackCare's modules and classes, the home page),
and next to no garbage in cycles. The collector still ran 58 times on the way, and found
152 objects: about 25 M instructions, a tenth of what BackCare adds to a bare PySide6
window. Each pass walks every tracked object of its generations, so it is slower than
its instruction count says (it waits on memory). Held off, the start makes the same
objects; the few cycles it leaves are found by the collector's first pass afterwards.

Nothing here imports Qt.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class CollectorPause:
    """The collector off from `start` to `finish`. A collector that was already off (someone
    else's choice) is left alone, and stays off after `finish`."""

    def __init__(self) -> None:
        self._holding = False

    @property
    def holding(self) -> bool:
        """Whether this pause turned the collector off and has not yet let it go."""
        return self._holding

    def start(self) -> None:
        if not self._holding and gc.isenabled():
            gc.disable()
            self._holding = True

    def finish(self) -> None:
        """The collector back on, once; later calls do nothing."""
        if self._holding:
            self._holding = False
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[CollectorPause]:
    """The collector held off inside the block, or until the pause is finished sooner; back
    on at the block's end however it ends. Nested inside another pause it holds nothing."""
    pause = CollectorPause()
    pause.start()
    try:
        yield pause
    finally:
        pause.finish()
