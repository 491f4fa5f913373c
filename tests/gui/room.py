"""How much room a button gives its label, for tests that no text is cut."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QPushButton, QStyle, QStyleOptionButton


def text_room(button: QAbstractButton) -> int:
    """The width a push button's label has: the button less the style sheet's padding and
    border (the label is cut at both ends past it); other buttons' whole width."""
    if not isinstance(button, QPushButton):
        return button.width()
    option = QStyleOptionButton()
    button.initStyleOption(option)
    contents = button.style().subElementRect(
        QStyle.SubElement.SE_PushButtonContents, option, button
    )
    return contents.width()
