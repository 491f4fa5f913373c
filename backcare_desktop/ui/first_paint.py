"""Work that waits for the window's first paint: what the person does not need to see the
window open (the speech worker, say) must not delay it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # A zero timer runs once the event that paints (and flushes) the window is over.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        self.deleteLater()
        self._then()


def after_first_paint(widget: QWidget, then: Callable[[], object]) -> None:
    """Call `then` once, on the GUI thread, after `widget`'s first paint pass. Never, if the
    widget is never painted (a window kept hidden behind its tray icon)."""
    _FirstPaint(widget, then)
