"""The player's button grid puts on a row only as many buttons as show their whole label."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget

from backcare_desktop.ui.controls import Control, ControlGrid
from tests.gui.room import text_room

LABELS = ("Zurück", "Pause", "Weiter", "Von vorn", "Ton an", "Vollbild", "Beenden")


def test_a_row_holds_only_buttons_with_room_for_their_label_and_padding(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    owner.setStyleSheet("QPushButton { padding: 7px 24px; border: 1px solid #777; }")
    controls = [
        Control(f"b{n}", label, f"Ctrl+{n}", label, lambda: None) for n, label in enumerate(LABELS)
    ]
    grid = ControlGrid(owner, controls)
    owner.setLayout(grid)
    owner.show()
    QApplication.processEvents()
    buttons = list(grid.buttons.values())
    widest_text = max(b.fontMetrics().horizontalAdvance(b.text()) for b in buttons)
    # Room for four labels, but not for four labels with their padding and border.
    width = 28 + 4 * widest_text + 3 * grid.horizontalSpacing() + 8
    grid.place(compact=True, width=width)
    owner.resize(width, 400)
    QApplication.processEvents()
    # Each button's size hint is its label, the padding and the border: the most of those
    # that fit, which is fewer than the labels alone would suggest.
    spacing = grid.horizontalSpacing()
    widest = max(b.sizeHint().width() for b in buttons)
    assert grid.per_row == (width - 28 + spacing) // (widest + spacing) == 2
    for button in buttons:
        assert text_room(button) >= button.fontMetrics().horizontalAdvance(button.text())
