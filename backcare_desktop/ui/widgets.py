"""Small widget helpers shared by the pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QAbstractButton

# A fitting area's height changes in steps of this many pixels, so a caption one line
# longer than the last does not resize the figure beside it on every step.
FIT_STEP_PX = 32


def held_viewport(area: QScrollArea) -> QWidget:
    """Give `area` a viewport made in Python, set up as QScrollArea sets up its own (a
    plain widget that fills its background and inherits its parent's role), and return
    it. Asking Python for an area's own `viewport()` hands PySide a widget it did not
    make, and the first such widget makes it build every widget class with its enums
    (~25 ms and ~0.8 MB, once per run)."""
    viewport = QWidget(area)
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setAutoFillBackground(True)
    area.setViewport(viewport)
    return viewport


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

    def __init__(self) -> None:
        super().__init__()
        self._viewport = held_viewport(self)

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None:
            return hint
        width = max(self._viewport.width(), 200)
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


def set_shortcut(widget: QAbstractButton, keys: str) -> None:
    """`widget.setShortcut(keys)`, through its Qt property: Qt reads the text into the same
    QKeySequence, and PySide6 does not build its Python QKeySequence type (71 StandardKey
    members, ~6 M instructions) before the first paint for it (issue 18)."""
    widget.setProperty("shortcut", keys)


def button(text: str, tip: str, slot: Callable[[], object], shortcut: str = "") -> QPushButton:
    """A push button whose tooltip names its shortcut, as every control in BackCare does."""
    widget = QPushButton(text)
    widget.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
    # The key in brackets, as in the tooltip: no English word in a translated description.
    widget.setAccessibleDescription(f"{tip} ({shortcut})" if shortcut else tip)
    if shortcut:
        set_shortcut(widget, shortcut)
    widget.clicked.connect(slot)
    return widget


class PageHeader(QWidget):
    """A page's title on the left and its buttons on the right; when that is wider than
    the window (a side panel, large text) the buttons go on a line of their own."""

    def __init__(self, title: str, *buttons: QPushButton, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self._buttons = buttons
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._stacked: bool | None = None
        self._arrange(stacked=False)

    @property
    def stacked(self) -> bool:
        return bool(self._stacked)

    def _arrange(self, *, stacked: bool) -> None:
        if stacked == self._stacked:
            return
        self._stacked = stacked
        for widget in (self.title, *self._buttons):
            self._grid.removeWidget(widget)
        row = 1 if stacked else 0
        self._grid.addWidget(self.title, 0, 0, 1, 1 + len(self._buttons) if stacked else 1)
        for n, widget in enumerate(self._buttons, start=1):
            self._grid.addWidget(widget, row, n)
        self._grid.setColumnStretch(0, 1)

    def _buttons_width(self) -> int:
        spacing = self._grid.horizontalSpacing()
        return sum(b.sizeHint().width() + spacing for b in self._buttons)

    def minimumSizeHint(self) -> QSize:
        # The stacked arrangement's: the window may always narrow down to it.
        hint = super().minimumSizeHint()
        width = max(self.title.minimumSizeHint().width(), self._buttons_width())
        return QSize(width, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        one_row = self.title.sizeHint().width() + self._buttons_width()
        self._arrange(stacked=event.size().width() < one_row)
        super().resizeEvent(event)


class WrappingButton(QPushButton):
    """A push button whose label breaks into lines when the button is narrow (the desk
    break's big button in a side panel with large text), instead of holding the window
    wide."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._full = text
        # Preferred, not a button's usual Minimum: it may be narrower than its one line.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        longest = max(self.fontMetrics().horizontalAdvance(w) for w in self._full.split())
        return QSize(longest + 2 * WRAP_PADDING_PX, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = event.size().width() - 2 * WRAP_PADDING_PX
        lines: list[str] = []
        for word in self._full.split():
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and self.fontMetrics().horizontalAdvance(joined) <= room:
                lines[-1] = joined
            else:
                lines.append(word)
        text = "\n".join(lines)
        if text != self.text():
            self.setText(text)
        super().resizeEvent(event)


WRAP_PADDING_PX = 20  # the stylesheet's padding of a big button, and its border


class ButtonRows(QWidget):
    """Buttons on one line when they fit, else on as many lines as they need: a row of
    actions must not hold a side panel (or a longer language) wider than the window."""

    def __init__(self, buttons: Sequence[QWidget]) -> None:
        super().__init__()
        self._buttons = list(buttons)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        # The one-line arrangement must not become the widget's minimum: narrower, it wraps.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._per_row = 0
        self._arrange(len(self._buttons))

    def _arrange(self, per_row: int) -> None:
        per_row = max(1, min(per_row, len(self._buttons)))
        if per_row == self._per_row:
            return
        self._grid.setColumnStretch(self._per_row, 0)
        self._per_row = per_row
        for widget in self._buttons:
            self._grid.removeWidget(widget)
        for n, widget in enumerate(self._buttons):
            self._grid.addWidget(widget, n // per_row, n % per_row)
        self._grid.setColumnStretch(per_row, 1)  # the buttons keep their own width

    def _fitting(self, width: int) -> int:
        """The most buttons a row can hold in `width`. A grid column is as wide as its
        widest button in any row, so the rows below count too: a first row that fits
        alone could still leave a longer label under it cut at both ends."""
        spacing = max(0, self._grid.horizontalSpacing())
        hints = [widget.sizeHint().width() for widget in self._buttons]
        for per_row in range(len(hints), 1, -1):
            columns = (max(hints[column::per_row]) for column in range(per_row))
            if sum(columns) + spacing * (per_row - 1) <= width:
                return per_row
        return 1

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        widest = max((b.sizeHint().width() for b in self._buttons), default=0)
        return QSize(widest, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(self._fitting(event.size().width()))
        super().resizeEvent(event)
