"""The progress page: the history's ProgressView with a way back, or why there is none."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFrame,
    QLabel,
    QScrollArea,
    QScrollBar,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.advice import LOW_IMPACT_ADVICE, LOW_IMPACT_TITLE
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.ui.progress import NARROW_WIDTH, ProgressView, WrappedLabel
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.widgets import PageHeader, button, held_viewport


def _fresh_scroll_bars(scroll: QAbstractScrollArea) -> None:
    """Give `scroll` new scroll bars, matched against the style sheet where they are.

    A scroll area asks the style about its bars while it is being made, and the style
    sheet keeps what it answered then: made inside the page, the bars keep the look of
    that moment, not the one they get on any later pass (a theme change) or when the
    area is made elsewhere and moved in, as it was before. Bars made now and handed over
    get their look in place, as a new style pass gives it. (Unpolishing and polishing the
    old bars does the same, but asking Python for a widget's QStyle makes PySide build
    the QStyle type and its 17 enums: ~12 ms.)
    """
    scroll.setVerticalScrollBar(QScrollBar(Qt.Orientation.Vertical))
    scroll.setHorizontalScrollBar(QScrollBar(Qt.Orientation.Horizontal))


class ProgressPage(QWidget):
    back_requested = Signal()

    def __init__(
        self,
        history: HistoryStore | None,
        weekly_goal: int,
        parent: QWidget | None = None,
        *,
        theme: Theme | None = None,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            # The size it will be shown at (a stack's page fills it): the first layout on
            # show is then done at the real widths, not at a hidden widget's default size
            # and again when the stack places it (each label's text laid out per width).
            self.resize(parent.size())
        self.setObjectName("progressPage")
        # Esc is handled by keyPressEvent (it must not reach the window while hidden).
        back = button(
            tr._("Back to routines"), tr._("Back to the routines (Esc)"), self.back_requested.emit
        )
        self.setAccessibleName(tr._("Your progress"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        self.header = PageHeader(tr._("Your progress"), back, parent=self)
        layout.addWidget(self.header)
        self.view: ProgressView | None = None
        if history is not None:
            # In a narrow side panel the charts scroll instead of widening the window. The
            # view is made inside the scroll area (see ProgressView: no subtree moved).
            scroll = QScrollArea(self)
            viewport = held_viewport(scroll)  # not `scroll.viewport()`: see held_viewport
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            _fresh_scroll_bars(scroll)
            self.view = ProgressView(
                history, weekly_goal=weekly_goal, parent=viewport, tr=tr, theme=theme
            )
            scroll.setWidget(self.view)
            layout.addWidget(scroll, 1)
        else:
            missing = QLabel(
                tr._(
                    "Your history could not be opened, so there is no progress to "
                    "show. Sessions still run; see the message shown at start-up."
                )
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
            layout.addStretch(1)
        # Planning the week is where the articles' low-impact advice belongs.
        # Word-wrapped: large text in a side panel must not hold the window wide.
        title = WrappedLabel(tr._(LOW_IMPACT_TITLE))
        title.setObjectName("lowImpactTitle")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.advice = WrappedLabel()
        self.advice.setObjectName("lowImpactAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setText(tr._(LOW_IMPACT_ADVICE))
        layout.addWidget(title)
        layout.addWidget(self.advice)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()

    def set_weekly_goal(self, goal: int) -> None:
        if self.view is not None:
            self.view.set_weekly_goal(goal)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Decided on the page's width: the view itself sits in a scroll area.
        if self.view is not None:
            self.view.set_narrow(event.size().width() < NARROW_WIDTH)
        super().resizeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
