"""The progress view: the week against the goal, streaks, the calendar, pain, past sessions.

It answers three questions at a glance: did I do my 3-4 sessions, is my back feeling
better, and what did I do. Figures come from storage.stats (the same as `backcare
stats`); charts are drawn with QPainter. Only what is shown is queried: the list loads a
page at a time as it scrolls, so ten years of history open as fast as one week.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.records import SessionRecord
from backcare_desktop.storage.stats import DayCount, PainPoint, Stats, describe_pain, load_stats
from backcare_desktop.ui.palette import LIGHT

ACCENT = QColor(LIGHT.accent)  # sessions, "after"
WARM = QColor(LIGHT.warm)  # "before": pain coming in
HINT = LIGHT.hint
EMPTY_CELL = QColor(128, 128, 128, 48)

ModelIndex = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


MAX_TITLE_SHOWN = 120


def _label(text: str = "", pixels: int = 15, bold: bool = False, colour: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never interpret what a file supplied
    # Sizes as the label's own style sheet: the window's `QWidget { font-size }` rule
    # would override a QFont.
    weight = " font-weight: 600;" if bold else ""
    label.setStyleSheet(
        f"font-size: {pixels}px;{weight}" + (f" color: {colour};" if colour else "")
    )
    label.setWordWrap(True)
    return label


class _Card(QFrame):
    """A titled box: the view is a handful of these."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressCard")
        self.setStyleSheet(
            f"#progressCard {{ background: {LIGHT.surface}; border: 1px solid {LIGHT.border}; "
            "border-radius: 8px; }"
        )
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 14)
        self.body.addWidget(_label(title, 14, colour=HINT))


def _axis_font(widget: QWidget) -> QFont:
    # Axis labels a step smaller than the text around them, so the data leads.
    font = QFont(widget.font())
    font.setPixelSize(12)
    return font


class GoalDots(QWidget):
    """One dot per session of the weekly goal, filled as sessions are done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done, self.goal = 0, 3
        self.setMinimumHeight(26)

    def set_counts(self, done: int, goal: int) -> None:
        self.done, self.goal = done, goal
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(26 * max(self.done, self.goal), 26)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = 9.0
        for n in range(max(self.done, self.goal)):
            centre = QPointF(radius + 2 + n * (2 * radius + 6), self.height() / 2)
            painter.setPen(QPen(ACCENT, 2))
            painter.setBrush(ACCENT if n < self.done else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, radius, radius)
        painter.end()


class CalendarChart(QWidget):
    """Recent weeks as columns, Monday at the top, one cell per day: filled = a session."""

    CELL, GAP, LEFT, TOP = 16.0, 4.0, 28.0, 18.0

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[DayCount, ...] = ()
        self.today = date.today()
        self.setMinimumHeight(int(self.TOP + 7 * (self.CELL + self.GAP)))

    def set_days(self, days: tuple[DayCount, ...], today: date) -> None:
        self.days, self.today = days, today
        weeks = (len(days) + 6) // 7 or 1
        self.setMinimumWidth(int(self.LEFT + weeks * (self.CELL + self.GAP)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.days:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        painter.setFont(_axis_font(self))
        painter.setPen(text)
        step = self.CELL + self.GAP
        for row, name in ((0, "Mo"), (2, "We"), (4, "Fr"), (6, "Su")):
            painter.drawText(
                QRectF(0, self.TOP + row * step, self.LEFT - 4, self.CELL),
                Qt.AlignmentFlag.AlignVCenter,
                name,
            )
        first = self.days[0].day
        last_month = None
        for day in self.days:
            column, row = (day.day - first).days // 7, day.day.weekday()
            x, y = self.LEFT + column * step, self.TOP + row * step
            if row == 0 and day.day.month != last_month:
                last_month = day.day.month
                painter.setPen(text)
                painter.drawText(
                    QRectF(x, 0, 4 * step, self.TOP - 2),
                    Qt.AlignmentFlag.AlignBottom,
                    f"{day.day:%b}",
                )
            colour = QColor(ACCENT) if day.sessions else EMPTY_CELL
            if day.sessions == 1:
                colour.setAlphaF(0.7)
            painter.setPen(QPen(text, 1.5) if day.day == self.today else Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y, self.CELL, self.CELL), 3, 3)
        painter.end()


class PainChart(QWidget):
    """Pain 0-10 (up is worse) before (warm) and after (teal) each session, over time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: tuple[PainPoint, ...] = ()
        self.first, self.last = date.today(), date.today()
        self.setMinimumSize(260, 150)

    def set_points(self, points: tuple[PainPoint, ...], first: date, last: date) -> None:
        self.points, self.first, self.last = points, first, last
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(self.foregroundRole())
        painter.setFont(_axis_font(self))
        area = QRectF(self.rect()).adjusted(26, 8, -8, -20)
        span = max((self.last - self.first).days, 1)

        def at(day: date, pain: float) -> QPointF:
            return QPointF(
                area.left() + area.width() * (day - self.first).days / span,
                area.bottom() - area.height() * pain / 10,
            )

        grid = QColor(text)
        grid.setAlphaF(0.25)
        for level in (0, 5, 10):
            y = at(self.first, level).y()
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, 20, 16), Qt.AlignmentFlag.AlignRight, str(level))
        painter.drawText(
            QRectF(area.left(), area.bottom() + 4, 120, 16),
            Qt.AlignmentFlag.AlignLeft,
            f"{self.first:%d %b}",
        )
        painter.drawText(
            QRectF(area.right() - 120, area.bottom() + 4, 120, 16),
            Qt.AlignmentFlag.AlignRight,
            "today",
        )
        if not self.points:
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                "Check in before and after a session\nto see your back over time.",
            )
            painter.end()
            return
        befores = [(p.day, p.before) for p in self.points if p.before is not None]
        afters = [(p.day, p.after) for p in self.points if p.after is not None]
        # A few check-ins: join the dots. Many: the dots stay faint and a line through the
        # weekly means carries the trend, since a daily zig-zag hides it.
        smooth = len(self.points) > 14
        for colour, points in ((WARM, befores), (ACCENT, afters)):
            line_points = _weekly_means(points) if smooth else points
            path = QPainterPath()
            for n, (day, pain) in enumerate(line_points):
                if n:
                    path.lineTo(at(day, pain))
                else:
                    path.moveTo(at(day, pain))
            painter.setPen(QPen(colour, 2.5 if smooth else 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            dot = QColor(colour)
            dot.setAlphaF(0.35 if smooth else 1.0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(dot)
            for day, pain in points:
                painter.drawEllipse(at(day, pain), 3.0 if smooth else 3.5, 3.0 if smooth else 3.5)
        painter.end()


def _weekly_means(points: list[tuple[date, int]]) -> list[tuple[date, float]]:
    """The mean of each ISO week's points, placed at the middle of that week's points."""
    weeks: dict[tuple[int, int], list[tuple[date, int]]] = {}
    for day, pain in points:
        weeks.setdefault(day.isocalendar()[:2], []).append((day, pain))
    means = []
    for members in weeks.values():
        middle = members[0][0] + (members[-1][0] - members[0][0]) / 2
        means.append((middle, sum(p for _, p in members) / len(members)))
    return means


def pain_range(points: tuple[PainPoint, ...], first: date, today: date) -> date:
    """Where the pain chart starts: at the first check-in shown (a little before), so a
    new user's first week fills the chart, but never less than two weeks back."""
    if points:
        first = max(first, points[0].day - timedelta(days=2))
    return min(first, today - timedelta(days=14))


_COLUMNS = ("When", "Routine", "Minutes", "Result", "Pain before → after", "Felt")


# The widest text each column shows (the routine column stretches).
COLUMN_SAMPLES = (
    "Wed 30 Sep 2026, 23:59",
    "",
    "Minutes",
    "Interrupted (10 of 10)",
    "Pain before → after",
    "about right",
)


class SessionsModel(QAbstractTableModel):
    """Past sessions, newest first, fetched a page at a time as the list scrolls."""

    PAGE = 100

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[SessionRecord] = []
        self._total = 0

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._store.session_count()
        self._rows = self._store.sessions(self.PAGE)
        self.endResetModel()

    def record(self, row: int) -> SessionRecord:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def canFetchMore(self, parent: ModelIndex = _NO_INDEX) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = _NO_INDEX) -> None:
        more = self._store.sessions(self.PAGE, offset=len(self._rows))
        if more:
            self.beginInsertRows(_NO_INDEX, len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 4):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return f"{self._store.local(record.started):%a %d %b %Y, %H:%M}"
        if column == 1:
            # The history file is outside our control: a title of megabytes would make
            # every size hint of the table measure all of it.
            title = record.routine_title
            return title if len(title) <= MAX_TITLE_SHOWN else title[:MAX_TITLE_SHOWN] + "…"
        if column == 2:
            return str(wording.whole_minutes(record.active_seconds))
        if column == 3:
            return wording.status_text(record.status, record.exercises_done, record.exercises_total)
        if column == 4:
            return wording.pain_text(record.pain_before, record.pain_after)
        return wording.rating_text(record.rating)


class ProgressView(QWidget):
    """The progress page. Call `refresh()` when it is shown and after a session ends."""

    def __init__(
        self, store: HistoryStore, weekly_goal: int = 3, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._goal = weekly_goal
        self.stats: Stats | None = None

        self.week_figure = _label(pixels=34, bold=True)
        self.week_note = _label()
        self.goal_dots = GoalDots()
        self.streak_figure = _label(pixels=34, bold=True)
        self.streak_note = _label()
        self.total_figure = _label(pixels=34, bold=True)
        self.total_note = _label()
        self.calendar = CalendarChart()
        self.pain_chart = PainChart()
        self.pain_note = _label()
        self.model = SessionsModel(store, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        # Fixed sizes from sample text, not ResizeToContents: that asks the model for
        # every row's text again and again before the first paint (~170 ms on 10 years).
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        grid = QGridLayout(self)
        grid.setSpacing(12)
        week = _Card("This week")
        for widget in (self.week_figure, self.goal_dots, self.week_note):
            week.body.addWidget(widget)
        streak = _Card("Days in a row")
        for widget in (self.streak_figure, self.streak_note):
            streak.body.addWidget(widget)
        total = _Card("Time looking after your back")
        for widget in (self.total_figure, self.total_note):
            total.body.addWidget(widget)
        calendar = _Card("Last 12 weeks")
        calendar.body.addWidget(self.calendar)
        calendar.body.addStretch(1)
        pain = _Card(
            f"How your back felt (0-10), <span style='color:{WARM.name()}'>● before</span> "
            f"and <span style='color:{ACCENT.name()}'>● after</span> sessions"
        )
        pain.body.addWidget(self.pain_chart, 1)
        pain.body.addWidget(self.pain_note)
        sessions = _Card("Past sessions")
        sessions.body.addWidget(self.table)
        for card in (week, streak, total):
            card.body.addStretch(1)  # figures line up at the top of each card
        for column, card in enumerate((week, streak, total)):
            grid.addWidget(card, 0, column)
        grid.addWidget(calendar, 1, 0)
        grid.addWidget(pain, 1, 1, 1, 2)
        grid.addWidget(sessions, 2, 0, 1, 3)
        grid.setRowStretch(2, 1)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # Sized here, not in __init__: only now has the style sheet set the final fonts.
        header = self.table.horizontalHeader()
        cells, titles = self.table.fontMetrics(), header.fontMetrics()
        for column, sample in enumerate(COLUMN_SAMPLES):
            if column != 1:
                header.resizeSection(
                    column,
                    28
                    + max(
                        cells.horizontalAdvance(sample), titles.horizontalAdvance(_COLUMNS[column])
                    ),
                )
        super().showEvent(event)

    def set_weekly_goal(self, goal: int) -> None:
        self._goal = goal
        self.refresh()

    def refresh(self) -> None:
        """Re-read the figures and the first page of the list (a few ms on 10 years)."""
        stats = load_stats(self._store, self._goal)
        self.stats = stats
        done, goal = stats.sessions_this_week, stats.weekly_goal
        self.week_figure.setText(wording.week_figure(done, goal))
        self.week_note.setText(wording.week_note(done, goal))
        self.goal_dots.set_counts(done, goal)
        self.streak_figure.setText(wording.count(stats.current_streak, "day"))
        self.streak_note.setText(f"Longest: {wording.count(stats.longest_streak, 'day')}")
        self.total_figure.setText(wording.total_time(stats.total_minutes))
        self.total_note.setText(wording.count(stats.total_sessions, "session"))
        self.calendar.set_days(stats.calendar, stats.today)
        first_pain = stats.calendar[0].day if stats.calendar else stats.today
        self.pain_chart.set_points(
            stats.pain, pain_range(stats.pain, first_pain, stats.today), stats.today
        )
        self.pain_note.setText(describe_pain(stats.pain_summary))
        self.calendar.setAccessibleName(
            f"{sum(d.sessions > 0 for d in stats.calendar)} days with a session "
            f"in the last {len(stats.calendar) // 7 + 1} weeks"
        )
        self.pain_chart.setAccessibleName(self.pain_note.text())
        self.model.reload()
