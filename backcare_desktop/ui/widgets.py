"""Small widget helpers shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a page that fits a side panel by scrolling."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def button(text: str, tip: str, slot: Callable[[], object], shortcut: str = "") -> QPushButton:
    """A push button whose tooltip names its shortcut, as every control in BackCare does."""
    widget = QPushButton(text)
    widget.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    if shortcut:
        widget.setShortcut(shortcut)
    widget.clicked.connect(slot)
    return widget


def page_header(title: str, *buttons: QPushButton) -> QHBoxLayout:
    """A page's title on the left and its buttons on the right."""
    label = QLabel(title)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.addWidget(label, 1)
    for widget in buttons:
        row.addWidget(widget)
    return row
