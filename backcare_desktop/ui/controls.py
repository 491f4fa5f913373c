"""The player's buttons: each with a window shortcut, laid out in as many rows as fit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

COMPACT_PER_ROW = (2, 4)  # the fewest and the most buttons a side-panel row holds


@dataclass(frozen=True)
class Control:
    key: str
    label: str
    shortcut: str
    tip: str
    slot: Callable[[], object]


class ControlGrid(QGridLayout):
    """`buttons` and `actions` by key; `place()` lays them out for a width."""

    def __init__(self, owner: QWidget, controls: Sequence[Control]) -> None:
        super().__init__()
        self.setHorizontalSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        self.actions: dict[str, QAction] = {}
        for c in controls:
            button = QPushButton(c.label)
            button.setObjectName(f"{c.key}Button")
            keys = QKeySequence(c.shortcut).toString()
            button.setToolTip(f"{c.tip} ({keys})")
            button.setAccessibleDescription(f"{c.tip} ({keys})")  # no English "Shortcut"
            # Buttons never take the keyboard focus: Space must pause, not "click".
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(c.slot)
            action = QAction(c.tip, owner)
            action.setShortcut(QKeySequence(c.shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(c.slot)
            owner.addAction(action)
            self.buttons[c.key], self.actions[c.key] = button, action
        self._per_row = 0

    def place(self, *, compact: bool, width: int = 0) -> None:
        """One row on a wide window; in the side panel as many as fit whole (large text
        needs more rows), so no label is cut off."""
        per_row = len(self.buttons)
        if compact:
            # A button's size hint is its label plus the style sheet's padding and border:
            # narrower than that, Qt cuts the label at both ends.
            widest = max(b.sizeHint().width() for b in self.buttons.values())
            spacing = self.horizontalSpacing()
            fewest, most = COMPACT_PER_ROW
            per_row = max(fewest, min(most, (width - 28 + spacing) // (widest + spacing)))
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for button in self.buttons.values():
            self.removeWidget(button)
        for n, button in enumerate(self.buttons.values()):
            self.addWidget(button, n // per_row, n % per_row)

    @property
    def per_row(self) -> int:
        return self._per_row
