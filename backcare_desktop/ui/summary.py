"""Summary: what was done, when the routine ends or is stopped."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.engine import SessionReport
from backcare_desktop.ui.widgets import scrolling


class SummaryPage(QWidget):
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summary")
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.figures = QLabel()
        self.figures.setObjectName("summaryFigures")
        self.details = QLabel()
        self.details.setObjectName("summaryDetails")
        self.details.setWordWrap(True)
        self.extra = QVBoxLayout()  # the after-session check-in goes here
        self.home = QPushButton("Back to routines")
        self.home.setObjectName("homeButton")
        self.home.setToolTip("Back to the routines (Enter)")
        self.home.clicked.connect(self.home_requested)
        self.title.setWordWrap(True)
        self.figures.setWordWrap(True)
        # The title and the exercise names come from a person's files: never interpreted.
        for label in (self.title, self.figures, self.details):
            label.setTextFormat(Qt.TextFormat.PlainText)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.title)
        column.addWidget(self.figures)
        column.addWidget(self.details)
        column.addLayout(self.extra)
        column.addStretch(1)
        # On a small screen or in the side panel the check-in scrolls; the button stays.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(scrolling(body), 1)
        layout.addWidget(self.home, 0, Qt.AlignmentFlag.AlignRight)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A plain button ignores Enter outside dialogs; here Enter means "done".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.home_requested.emit()
            return
        super().keyPressEvent(event)

    def show_report(self, title: str, report: SessionReport, changes: Sequence[str] = ()) -> None:
        done = report.outcome == "completed"
        self.title.setText(f"Well done: {title}" if done else f"Stopped: {title}")
        self.figures.setText(
            f"{wording.clock(report.active_seconds)} spent stretching   ·   "
            f"{report.completed} exercise{'s' * (report.completed != 1)} completed   ·   "
            f"{report.skipped} skipped"
        )
        lines = [
            f"{'✓' if r.outcome == 'completed' else '–'}  {r.name}"
            f"{'' if r.outcome == 'completed' else ' (skipped)'}"
            for r in report.exercises
        ]
        if changes:
            lines += ["", "Changed for your back:", *(f"•  {c}" for c in changes), ""]
        if not done:
            lines.append("The exercises you finished are kept in your history.")
        else:
            lines.append(
                "The plan in the articles: 3 to 4 sessions a week, adding reps as "
                "an exercise gets easier."
            )
        self.details.setText("\n".join(lines))
        self.home.setFocus()
