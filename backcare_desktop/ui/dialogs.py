"""Open a window-modal dialog and give the keyboard back when it closes.

Without a window manager (a bare X server, some kiosk set-ups) nobody re-activates the
main window after a dialog closes: its shortcuts (Space, Esc, Ctrl+P ...) stop working
while ordinary keys still reach the focused list. Every dialog BackCare opens goes
through `open_returning_focus`, which puts the activation and the focus back itself.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def _alive(widget: QWidget | None) -> bool:
    return widget is not None and shiboken6.isValid(widget) and widget.isVisible()


def open_returning_focus(dialog: QDialog, window: QWidget) -> None:
    """`dialog.open()`; when it finishes, `window` is active and focus is where it was."""
    had_focus = QApplication.focusWidget()
    back_to = had_focus if had_focus is not None and had_focus.window() is window else None

    def give_back() -> None:
        if not _alive(window):
            return
        window.activateWindow()
        # The page may have changed while the dialog was up (Stop leads to the
        # summary): then the new page's focus stands.
        if back_to is not None and _alive(back_to) and back_to.isEnabled():
            back_to.setFocus()

    dialog.finished.connect(give_back)
    dialog.open()
