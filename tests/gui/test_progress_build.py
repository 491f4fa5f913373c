"""What keeps the first opening of Progress cheap (issue 18), on the window's real page:
each widget is made in its final place, the list's texts are made once per row."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from backcare_desktop import resources
from backcare_desktop.core.i18n import load_translator
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.records import SessionRecord
from backcare_desktop.storage.settings import SettingsModel
from backcare_desktop.ui.palette import DARK, Palette
from backcare_desktop.ui.progress import ProgressView
from backcare_desktop.ui.progress_list import SessionsModel
from backcare_desktop.ui.theme import Theme
from tests.gui.test_progress import show
from tests.storage.fakes import WallClock, fill_daily, opened
from tests.support import modules_loaded_by

LONDON = ZoneInfo("Europe/London")


class MovedSubtrees(QObject):
    """The widgets that get a new parent while they already hold child widgets: each move
    sends the style sheet's StyleChange through the whole subtree again."""

    def __init__(self) -> None:
        super().__init__()
        self.moved: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ParentChange
            and isinstance(watched, QWidget)
            and watched.findChildren(QWidget)
        ):
            self.moved.append(type(watched).__name__)
        return False


def test_the_progress_page_is_made_in_place(history_harness):
    window = history_harness.window
    spy = MovedSubtrees()
    app = QApplication.instance()
    app.installEventFilter(spy)
    try:
        page = window.progress
    finally:
        app.removeEventFilter(spy)
    assert page.parentWidget() is window.pages
    assert page.view is not None and len(page.view.findChildren(QWidget)) > 30
    assert spy.moved == []


def bar_image(scroll: QScrollArea) -> QImage:
    return scroll.verticalScrollBar().grab().toImage()


def test_the_page_scroll_bar_looks_as_after_a_new_style_pass(qtbot, history_harness):
    window = history_harness.window
    window.resize(1366, 600)  # short enough for the page to scroll
    window.show_progress()
    scroll = window.progress.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=2000)
    shown = bar_image(scroll)
    style = bar.style()
    style.unpolish(bar)
    style.polish(bar)
    assert bar_image(scroll) == shown


@pytest.fixture
def year(tmp_path: Path):
    """A year of daily sessions: more than the list's first page."""
    path = tmp_path / "history.sqlite3"
    fill_daily(path, date(2024, 3, 6), 365, LONDON)
    with opened(path, WallClock(datetime(2025, 3, 5, 20, tzinfo=UTC)), LONDON) as store:
        yield store


def test_the_list_counts_its_sessions_from_the_figures_not_with_a_query_of_its_own(
    qtbot, year, monkeypatch
):
    counted: list[bool] = []
    real = HistoryStore.session_count

    def session_count(store: HistoryStore, *, done_only: bool = False) -> int:
        counted.append(done_only)
        return real(store, done_only=done_only)

    monkeypatch.setattr(HistoryStore, "session_count", session_count)
    view = show(qtbot, year)
    assert view.stats is not None and view.stats.total_sessions == 365
    assert counted == []
    model = view.model
    assert model.rowCount() == SessionsModel.FIRST_PAGE
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 365


def test_a_row_is_worded_once_and_only_rows_in_sight_are(qtbot, year, monkeypatch):
    worded: list[int] = []
    real = SessionsModel._cells

    def cells(model: SessionsModel, record: SessionRecord) -> tuple[str, ...]:
        worded.append(record.id)
        return real(model, record)

    monkeypatch.setattr(SessionsModel, "_cells", cells)
    view = show(qtbot, year)
    table = view.table
    for _ in range(3):  # each paint asks every cell for ~10 roles again
        assert not view.grab().isNull()
    tip = view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Routine: Stiff lower back" in tip
    in_sight = table.rowAt(table.viewport().height() - 1) + 1
    assert 0 < in_sight < SessionsModel.FIRST_PAGE
    assert len(worded) == len(set(worded)) == in_sight
    # Short dates for the side panel: each row is worded again, once.
    view.set_narrow(True)
    assert not view.grab().isNull()
    assert len(worded) - in_sight == len(set(worded[in_sight:])) > 0
    assert view.model.data(view.model.index(0, 0)) == "05 Mar, 07:30"


def test_the_page_shows_its_theme_once(history_harness, settings_store, monkeypatch):
    shown: list[Palette] = []
    real = ProgressView.show_theme

    def show_theme(view: ProgressView, palette: Palette, scale: float) -> None:
        shown.append(palette)
        real(view, palette, scale)

    monkeypatch.setattr(ProgressView, "show_theme", show_theme)
    window = history_harness.window
    settings = SettingsModel(settings_store)
    settings.update(theme="dark")  # not the light palette a view starts from
    theme = Theme(settings, None, None)
    try:
        window.theme = theme  # what the app passes the window
        window.progress  # noqa: B018  (built on first use)
        assert shown == [theme.palette] == [DARK]
    finally:
        theme.close()


def test_opening_progress_loads_only_its_own_modules():
    # Each module imported after PySide6 is also read by its __feature__ check: Progress
    # brings its own few and nothing more (no decimal, no Babel for English).
    # The history is open by then (the app opens it right after the first paint).
    home = modules_loaded_by("import backcare_desktop.ui.app, backcare_desktop.storage.history")
    both = modules_loaded_by(
        "import backcare_desktop.ui.app, backcare_desktop.storage.history, "
        "backcare_desktop.ui.progress_page"
    )
    assert sorted(both - home) == [
        "backcare_desktop.core.advice",
        "backcare_desktop.core.local_format",
        "backcare_desktop.storage.stats",
        "backcare_desktop.ui.charts",
        "backcare_desktop.ui.progress",
        "backcare_desktop.ui.progress_list",
        "backcare_desktop.ui.progress_page",
    ]


def test_the_list_s_column_titles_are_in_the_chosen_language(qtbot, year):
    model = SessionsModel(year, tr=load_translator(resources.locale_dir(), "de"))
    titles = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert titles[0] == "Wann"
    assert titles[5] == "Gefühlt"


def test_opening_progress_in_a_wide_window_asks_python_for_no_viewport(
    history_harness, monkeypatch
):
    # The first generic widget that C++ hands to Python makes PySide build every widget
    # class and its enums: ~25 ms of the click when Progress asked for its viewports.
    asked: list[str] = []
    viewport = QAbstractScrollArea.viewport

    def spy_viewport(area: QAbstractScrollArea) -> QWidget:
        asked.append("viewport")
        return viewport(area)

    monkeypatch.setattr(QAbstractScrollArea, "viewport", spy_viewport)
    window = history_harness.window
    window.resize(1100, 720)
    window.show_progress()
    assert window.progress.view is not None and not window.progress.view.narrow
    assert asked == []


def test_the_columns_are_sized_when_shown_not_while_made(qtbot, year, monkeypatch):
    # Each section resize makes the header measure its titles again; before the view is
    # shown its fonts are not yet the style sheet's, so sizing then was thrown away.
    sized: list[bool] = []
    real = ProgressView._size_columns

    def size_columns(view: ProgressView) -> None:
        sized.append(view.isVisible())
        real(view)

    monkeypatch.setattr(ProgressView, "_size_columns", size_columns)
    view = show(qtbot, year)
    assert sized == [True]  # once, by showEvent
    titles = view.table.horizontalHeader().fontMetrics()
    assert view.table.columnWidth(2) == 28 + titles.horizontalAdvance("Minutes")
    view.set_narrow(True)  # while shown: at once
    assert sized == [True, True]


def test_the_list_s_header_is_shown_with_the_view_not_while_it_is_made(qtbot, year, monkeypatch):
    # A header on show measures its titles at each model change, and while the view is
    # made its fonts are not yet the style sheet's: those measures were thrown away. It
    # is shown once its sections have their widths (each resize made it measure again).
    header_shown_while_sized: list[bool] = []
    real = ProgressView._size_columns

    def size_columns(view: ProgressView) -> None:
        header_shown_while_sized.append(view.table.horizontalHeader().isVisible())
        real(view)

    monkeypatch.setattr(ProgressView, "_size_columns", size_columns)
    host = QWidget()
    qtbot.addWidget(host)
    view = ProgressView(year, parent=host)
    header = view.table.horizontalHeader()
    assert header.isHidden()
    host.resize(1000, 760)
    view.resize(host.size())
    host.show()
    qtbot.waitExposed(host)
    assert header.isVisible()
    assert header_shown_while_sized == [False]
    # The rows start below it, as with a header shown from the start.
    assert header.height() == header.sizeHint().height() > 0
    assert view.table.viewportMargins().top() == header.height()
    host.hide()
    host.show()
    assert header.isVisible()


def test_the_progress_page_is_made_at_the_size_it_is_shown_at(history_harness):
    # Made at a hidden widget's default size, its first layout on show was done at that
    # size and again once the stack placed it: each label's text laid out for both.
    window = history_harness.window
    page = window.progress
    assert not page.isVisible()
    assert page.size() == window.pages.size()
    window.show_progress()
    assert page.geometry() == window.pages.rect()
