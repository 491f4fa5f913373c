"""ButtonRows: one line when the buttons fit, more lines when not, never wider than one."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from backcare_desktop.ui.widgets import ButtonRows


def test_buttons_wrap_instead_of_holding_the_window_wide(qtbot):
    buttons = [QPushButton(f"Action number {n}") for n in range(6)]
    rows = ButtonRows(buttons)
    qtbot.addWidget(rows)
    widest = max(b.sizeHint().width() for b in buttons)
    assert rows.minimumSizeHint().width() == widest
    rows.resize(widest * 7, 60)
    rows.show()
    qtbot.waitExposed(rows)
    assert len({b.y() for b in buttons}) == 1  # all on one line
    rows.resize(widest * 2 + 20, 200)
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) == 3, timeout=2000)
    assert all(b.x() + b.width() <= rows.width() for b in buttons)
