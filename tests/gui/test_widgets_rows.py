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


def test_a_longer_label_in_a_lower_row_is_never_cut(qtbot):
    # Short first labels and long later ones (German: Neu, Bearbeiten, ..., Exportieren):
    # the first row alone would fit four, but each column takes its widest button.
    labels = ["A", "Longer label", "B", "C", "Much longer label", "Longest label of all"]
    buttons = [QPushButton(text) for text in labels]
    rows = ButtonRows(buttons)
    qtbot.addWidget(rows)
    first_four = sum(b.sizeHint().width() for b in buttons[:4])
    rows.resize(first_four + 3 * rows.layout().horizontalSpacing() + 2, 200)
    rows.show()
    qtbot.waitExposed(rows)
    # The grid places the buttons again after the rows change: wait for that, not a time.
    qtbot.waitUntil(lambda: len({b.y() for b in buttons}) > 1, timeout=2000)
    qtbot.waitUntil(lambda: all(b.width() >= b.sizeHint().width() for b in buttons), timeout=2000)
    assert all(b.x() + b.width() <= rows.width() for b in buttons)
