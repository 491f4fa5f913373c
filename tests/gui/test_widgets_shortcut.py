"""A shortcut set through the button's Qt property is the one setShortcut would give."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton

from backcare_desktop.ui.home import HomePage
from backcare_desktop.ui.widgets import button, set_shortcut


def test_set_shortcut_gives_the_buttons_shortcut(qtbot) -> None:
    for keys in ("Ctrl+D", "Space", "Esc", "Ctrl+Shift+P", "F1"):
        widget = QPushButton("x")
        qtbot.addWidget(widget)
        set_shortcut(widget, keys)
        assert widget.shortcut() == QKeySequence(keys)


def test_a_button_with_a_shortcut_has_it(qtbot) -> None:
    widget = button("New", "Make a routine", lambda: None, "Ctrl+N")
    qtbot.addWidget(widget)
    assert widget.shortcut() == QKeySequence("Ctrl+N")
    assert widget.toolTip() == "Make a routine (Ctrl+N)"


def test_the_desk_break_button_has_ctrl_d(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    assert page.quick.shortcut() == QKeySequence("Ctrl+D")
