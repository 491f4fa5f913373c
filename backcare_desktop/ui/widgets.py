"""Small widget helpers shared by the pages."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QWidget

# A fitting area's height changes in steps of this many pixels, so a caption one line
# longer than the last does not resize the figure beside it on every step.
FIT_STEP_PX = 32


def scrolling(content: QWidget) -> QScrollArea:
    """`content` in a frameless scroll area: a page that fits a side panel by scrolling."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


class FittingScrollArea(QScrollArea):
    """A scroll area that asks for the height its content needs at its current width.

    A plain QScrollArea asks for a small fixed box, so in a column it is squeezed to a
    few lines with scroll bars even when there is room. This one takes what it needs
    and scrolls only when the window really is too small.
    """

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None:
            return hint
        width = max(self.viewport().width(), 200)
        needed = (
            content.heightForWidth(width)
            if content.hasHeightForWidth()
            else content.sizeHint().height()
        )
        stepped = -(-(needed + 2 * self.frameWidth()) // FIT_STEP_PX) * FIT_STEP_PX
        return QSize(hint.width(), stepped)


def fitting(content: QWidget) -> FittingScrollArea:
    """`content` in a frameless scroll area that is as tall as `content` when it can be."""
    scroll = FittingScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def button(text: str, tip: str, slot: Callable[[], object], shortcut: str = "") -> QPushButton:
    """A push button whose tooltip names its shortcut, as every control in BackCare does."""
    widget = QPushButton(text)
    widget.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    widget.setAccessibleDescription(f"{tip}. Shortcut {shortcut}" if shortcut else tip)
    if shortcut:
        widget.setShortcut(shortcut)
    widget.clicked.connect(slot)
    return widget


def page_header(title: str, *buttons: QPushButton) -> QHBoxLayout:
    """A page's title on the left and its buttons on the right."""
    label = QLabel(title)
    label.setObjectName("pageTitle")
    row = QHBoxLayout()
    row.addWidget(label, 1)
    for widget in buttons:
        row.addWidget(widget)
    return row
