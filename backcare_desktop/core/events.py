"""Listeners that can leave, and whose errors never reach the one who speaks.

The engine, the settings and the speakers all tell others what happened. A listener that
raises (a full disk under the cue log, a broken speaker) must not stop the session or the
other listeners: its error is logged, reported once per listener to whoever wants to show
it, and the event goes on to the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")

Unsubscribe = Callable[[], None]
ErrorHandler = Callable[[Callable[..., object], Exception], None]


class Listeners(Generic[E]):
    """An ordered set of callbacks for events of type E."""

    def __init__(self, on_error: ErrorHandler | None = None) -> None:
        self._listeners: list[Callable[[E], object]] = []
        self._failed: set[int] = set()  # ids of listeners whose first error was reported
        self.on_error = on_error

    def subscribe(self, listener: Callable[[E], object]) -> Unsubscribe:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            # Removing twice, or after clear(), is harmless: the caller cannot know.
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def __len__(self) -> int:
        return len(self._listeners)

    def clear(self) -> None:
        self._listeners.clear()

    def emit(self, event: E) -> None:
        # A copy: a listener may unsubscribe (itself or another) while being told.
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception as error:
                self._report(listener, error)

    def _report(self, listener: Callable[[E], object], error: Exception) -> None:
        log.error("a listener failed on an event: %r", listener, exc_info=error)
        key = id(listener)
        if key in self._failed or self.on_error is None:
            return
        self._failed.add(key)
        try:
            self.on_error(listener, error)
        except Exception:
            log.exception("the error handler failed too")
