"""The progress page: the history's ProgressView with a way back, or why there is none."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.advice import LOW_IMPACT_ADVICE, LOW_IMPACT_TITLE
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.ui.progress import ProgressView
from backcare_desktop.ui.widgets import button, page_header, scrolling


class ProgressPage(QWidget):
    back_requested = Signal()

    def __init__(
        self, history: HistoryStore | None, weekly_goal: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressPage")
        # Esc is handled by keyPressEvent (it must not reach the window while hidden).
        back = button("Back to routines", "Back to the routines (Esc)", self.back_requested.emit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addLayout(page_header("Your progress", back))
        self.view: ProgressView | None = None
        if history is not None:
            self.view = ProgressView(history, weekly_goal=weekly_goal)
            # In a narrow side panel the charts scroll instead of widening the window.
            layout.addWidget(scrolling(self.view), 1)
        else:
            missing = QLabel(
                "Your history could not be opened, so there is no progress to "
                "show. Sessions still run; see the message shown at start-up."
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
            layout.addStretch(1)
        # Planning the week is where the articles' low-impact advice belongs.
        title = QLabel(LOW_IMPACT_TITLE)
        title.setObjectName("lowImpactTitle")
        bold = title.font()
        bold.setBold(True)
        title.setFont(bold)
        self.advice = QLabel()
        self.advice.setObjectName("lowImpactAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setText(LOW_IMPACT_ADVICE)
        self.advice.setWordWrap(True)
        layout.addWidget(title)
        layout.addWidget(self.advice)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def refresh(self) -> None:
        if self.view is not None:
            self.view.refresh()

    def set_weekly_goal(self, goal: int) -> None:
        if self.view is not None:
            self.view.set_weekly_goal(goal)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back_requested.emit()
            return
        super().keyPressEvent(event)
