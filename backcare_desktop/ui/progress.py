"""The progress view: the week against the goal, streaks, the calendar, pain, past sessions.

It answers three questions at a glance: did I do my 3-4 sessions, is my back feeling
better, and what did I do. Figures come from storage.stats (the same as `backcare
stats`); charts are drawn with QPainter. Only what is shown is queried: the list loads a
page at a time as it scrolls, so ten years of history open as fast as one week.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
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
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.stats import Stats, describe_pain, load_stats
from backcare_desktop.ui.charts import CalendarChart, GoalDots, PainChart, pain_range
from backcare_desktop.ui.palette import LIGHT, Palette
from backcare_desktop.ui.progress_list import COLUMNS, SessionsModel
from backcare_desktop.ui.rich_text import escape
from backcare_desktop.ui.style import text_role
from backcare_desktop.ui.theme import Theme

# Below this width the cards stack in one column and the list shows fewer columns.
NARROW_WIDTH = 720
NARROW_HIDDEN_COLUMNS = (2, 4, 5)  # minutes, pain, felt: in each row's tooltip instead
NARROW_COLUMN_SHARE = 0.36  # of the list's width, for "When" and for "Result"

W = TypeVar("W", bound=QWidget)


class WrappedLabel(QLabel):
    """A word-wrapped label that keeps its height for each width it has been asked about.

    While the page is laid out for the first time its layouts ask each label its height
    for the same few widths again and again (173 questions for 53 widths in the view
    on 50 years), and QLabel lays the text out anew for every one (twice for rich text).
    The answer depends on the text, the font and the style: a new text or any change
    event (font, style, palette, language...) forgets them all.
    """

    KEPT = 32  # widths; more (a window being resized) and they are forgotten

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}
        self.setWordWrap(True)

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def setTextFormat(self, text_format: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(text_format)

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()
        super().changeEvent(event)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if len(self._heights) >= self.KEPT:
                self._heights.clear()
            height = self._heights[width] = super().heightForWidth(width)
        return height


def _label(text: str = "", role: str = "note", parent: QWidget | None = None) -> QLabel:
    label = WrappedLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # never interpret what a file supplied
    # Sized by the window's style sheet (theme and text size), not a QFont it overrides.
    text_role(label, role)
    return label


class _Card(QFrame):
    """A titled box: the view is a handful of these."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressCard")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 14)
        self.title = self.add(_label(title, "cardTitle", self))

    def add(self, widget: W) -> W:
        """`widget` (made with this card as its parent) at the bottom of the card."""
        self.body.addWidget(widget)
        return widget


# The widest text each column shows (the routine column stretches).
COLUMN_SAMPLES = (
    "Wed 30 Sep 2026, 23:59",
    "",
    "Minutes",
    "Interrupted (10 of 10)",
    "Pain before → after",
    "about right",
)


# In the side panel: a shorter date, and the usual result (longer ones are elided).
NARROW_COLUMN_SAMPLES = ("30 Sep, 23:59", "", "", "Stopped (2 of 6)", "", "")


class ProgressView(QWidget):
    """The progress page. Call `refresh()` when it is shown and after a session ends."""

    def __init__(
        self,
        store: HistoryStore,
        weekly_goal: int = 3,
        parent: QWidget | None = None,
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
        theme: Theme | None = None,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._store = store
        self._goal = weekly_goal
        self.stats: Stats | None = None
        # What the figures on show were read for: the window asks for a refresh on every
        # opening, and the page also reads them when it is made (twice on first open).
        self._shown_for: tuple[object, ...] | None = None

        # Built top down: each widget is made inside its final parent. A subtree added to
        # a parent later is sent a StyleChange (the application's style sheet) all the way
        # down, and the labels and the table's header lay their text out again each time.
        self.grid = grid = QGridLayout(self)
        grid.setSpacing(12)
        week = _Card(tr._("This week"), self)
        self.week_figure = week.add(_label(role="figure", parent=week))
        self.goal_dots = week.add(GoalDots(week))
        self.week_note = week.add(_label(parent=week))
        streak = _Card(tr._("Days in a row"), self)
        self.streak_figure = streak.add(_label(role="figure", parent=streak))
        self.streak_note = streak.add(_label(parent=streak))
        total = _Card(tr._("Time looking after your back"), self)
        self.total_figure = total.add(_label(role="figure", parent=total))
        self.total_note = total.add(_label(parent=total))
        calendar = _Card(tr._("Last 12 weeks"), self)
        self.calendar = calendar.add(CalendarChart(calendar))
        calendar.body.addStretch(1)
        pain = self._pain_card = _Card("", self)
        # Our own markup (the legend's colours), never a file's text.
        pain.title.setTextFormat(Qt.TextFormat.RichText)
        self.pain_chart = PainChart(pain)
        pain.body.addWidget(self.pain_chart, 1)
        self.pain_note = pain.add(_label(parent=pain))
        self.calendar.use_translator(tr)
        self.pain_chart.use_translator(tr)
        sessions = _Card(tr._("Past sessions"), self)
        self.model = SessionsModel(store, self, tr=tr)
        self.table = sessions.add(QTableView(sessions))
        # Hidden until the view is shown: a header on show measures its titles at each
        # model change, and until the style sheet's polish those are the wrong fonts.
        self.table.horizontalHeader().hide()
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr._("Past sessions"))
        self.table.setAccessibleDescription(
            tr._("Newest first: when, routine, minutes, result, pain")
        )
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
        for card in (week, streak, total):
            card.body.addStretch(1)  # figures line up at the top of each card
        self._cards = (week, streak, total, calendar, pain, sessions)
        self.narrow: bool | None = None
        self.set_narrow(False)
        if theme is None:
            self.show_theme(LIGHT, 1.0)
        else:
            self.use_theme(theme)  # once: the legend is rich text, laid out per setText
        self.refresh()

    def set_narrow(self, narrow: bool) -> None:
        """One column of cards (a side panel), or the wide grid."""
        if narrow == self.narrow:
            return
        self.narrow = narrow
        week, streak, total, calendar, pain, sessions = self._cards
        wide = (
            (week, 0, 0, 1, 1),
            (streak, 0, 1, 1, 1),
            (total, 0, 2, 1, 1),
            (calendar, 1, 0, 1, 1),
            (pain, 1, 1, 1, 2),
            (sessions, 2, 0, 1, 3),
        )
        places = [(card, n, 0, 1, 1) for n, card in enumerate(self._cards)] if narrow else wide
        for card in self._cards:
            self.grid.removeWidget(card)
        for card, row, column, rows, columns in places:
            self.grid.addWidget(card, row, column, rows, columns)
        for row in range(6):
            self.grid.setRowStretch(row, 0)
        self.grid.setRowStretch(5 if narrow else 2, 1)
        for column in range(3):
            self.grid.setColumnStretch(column, 1 if column == 0 or not narrow else 0)
        for column in NARROW_HIDDEN_COLUMNS:
            self.table.setColumnHidden(column, narrow)
        self.model.set_short(narrow)
        if self.isVisible():  # else showEvent sizes them, in the fonts they are shown in
            self._size_columns()
        # The list needs room for a few rows even when the cards stack.
        sessions.setMinimumHeight(260 if narrow else 0)

    def use_theme(self, theme: Theme) -> None:
        theme.changed.connect(lambda palette: self.show_theme(palette, theme.scale))
        self.show_theme(theme.palette, theme.scale)

    def show_theme(self, palette: Palette, scale: float) -> None:
        for chart in (self.goal_dots, self.calendar, self.pain_chart):
            chart.show_theme(palette, scale)
        # TRANSLATORS: {before} and {after} are coloured legend items, "● before" and
        # "● after".
        legend = self._tr._("How your back felt (0-10), {before} and {after} sessions")
        before_word, after_word = escape(self._tr._("before")), escape(self._tr._("after"))
        before = f"<span style='color:{palette.warm}'>● {before_word}</span>"
        after = f"<span style='color:{palette.accent}'>● {after_word}</span>"
        self._pain_card.title.setText(escape(legend).format(before=before, after=after))

    def showEvent(self, event: QShowEvent) -> None:
        # Sized here, not in __init__: only now has the style sheet set the final fonts.
        # Then the header is shown (hidden while made: see __init__), so that it measures
        # its titles once the sections have their widths, not again after each.
        self._size_columns()
        self.table.horizontalHeader().show()
        super().showEvent(event)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        cells, titles = self.table.fontMetrics(), header.fontMetrics()
        samples = NARROW_COLUMN_SAMPLES if self.narrow else COLUMN_SAMPLES
        # In the side panel no column may take more than its share: long text is elided
        # rather than pushing the list sideways (large text at 420 px). Asked only there:
        # the first `viewport()` asked from Python makes PySide build every widget class.
        room = self.table.viewport().width() if self.narrow else 0
        for column, sample in enumerate(samples):
            if column == 1 or self.table.isColumnHidden(column):
                continue
            width = 28 + max(
                cells.horizontalAdvance(sample),
                titles.horizontalAdvance(self._tr._(COLUMNS[column])),
            )
            if self.narrow:
                width = min(width, round(NARROW_COLUMN_SHARE * room))
            header.resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.narrow:
            self._size_columns()

    def set_weekly_goal(self, goal: int) -> None:
        self._goal = goal
        self.refresh()

    def refresh(self) -> None:
        """Re-read the figures and the first page of the list, unless the history, the
        day and the goal are what they were at the last reading."""
        reading = (self._store.version(), self._store.today(), self._goal)
        if reading == self._shown_for:
            return
        stats = load_stats(self._store, self._goal)
        self.stats = stats
        done, goal = stats.sessions_this_week, stats.weekly_goal
        tr = self._tr
        self.week_figure.setText(wording.week_figure(done, goal, tr))
        self.week_note.setText(wording.week_note(done, goal, tr))
        self.goal_dots.set_counts(done, goal)
        self.goal_dots.setAccessibleName(
            tr._("{done} of {goal} sessions this week").format(done=done, goal=goal)
        )
        self.streak_figure.setText(wording.days_text(stats.current_streak, tr))
        self.streak_note.setText(
            tr._("Longest: {days}").format(days=wording.days_text(stats.longest_streak, tr))
        )
        self.total_figure.setText(wording.total_time(stats.total_minutes, tr))
        self.total_note.setText(wording.sessions_text(stats.total_sessions, tr))
        self.calendar.set_days(stats.calendar, stats.today)
        first_pain = stats.calendar[0].day if stats.calendar else stats.today
        self.pain_chart.set_points(
            stats.pain, pain_range(stats.pain, first_pain, stats.today), stats.today
        )
        self.pain_note.setText(describe_pain(stats.pain_summary, tr))
        days = sum(d.sessions > 0 for d in stats.calendar)
        self.calendar.setAccessibleName(
            tr.ngettext(
                "{days} day with a session in the last {weeks} weeks",
                "{days} days with a session in the last {weeks} weeks",
                days,
            ).format(days=days, weeks=len(stats.calendar) // 7 + 1)
        )
        self.pain_chart.setAccessibleName(self.pain_note.text())
        self.model.reload(stats.total_sessions)  # the same count: not read again
        self._shown_for = reading
