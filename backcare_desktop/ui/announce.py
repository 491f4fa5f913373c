"""Say a line through the screen reader, for cues the voice does not speak.

Qt 6.8 added `QAccessibleAnnouncementEvent` (a polite announcement that needs no focus
change); before it, the fallback is the "live region" way: rename the widget showing the
text and report the change, which screen readers read out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

Announce = Callable[[QWidget, str], object]


def announce(widget: QWidget, text: str) -> bool:
    """Have the screen reader (if any) say `text`, as news from `widget`. True when an
    event was sent (a screen reader is listening)."""
    if not text or not QAccessible.isActive():
        return False  # nobody listening: building the event would cost for nothing
    event_class = getattr(QtGui, "QAccessibleAnnouncementEvent", None)
    if event_class is not None:
        QAccessible.updateAccessibility(event_class(widget, text))
        return True
    widget.setAccessibleName(text)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
    return True
