"""The progress view: the figures a person reads, on a first week and on ten years."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.ui.progress import ProgressView, SessionsModel
from tests.storage.fakes import WallClock, fill_daily, opened, record_session

LONDON = ZoneInfo("Europe/London")


def show(qtbot, store: HistoryStore, goal: int = 3) -> ProgressView:
    # Hosted in a plain window without a layout: offscreen Qt warns when a shown
    # top-level window's minimum size changes, and warnings fail the tests.
    host = QWidget()
    qtbot.addWidget(host)
    view = ProgressView(store, weekly_goal=goal, parent=host)
    host.resize(1000, 760)
    view.resize(host.size())
    host.show()
    qtbot.waitExposed(host)
    view.host = host  # type: ignore[attr-defined]  # keep the window alive with the view
    return view


def texts(view: ProgressView) -> dict[str, str]:
    return {
        "week": view.week_figure.text(),
        "week_note": view.week_note.text(),
        "streak": view.streak_figure.text(),
        "longest": view.streak_note.text(),
        "total": view.total_figure.text(),
        "sessions": view.total_note.text(),
    }


def cells(model: SessionsModel, row: int) -> list[str]:
    return [model.data(model.index(row, c)) for c in range(model.columnCount())]


@pytest.fixture
def week(tmp_path: Path):
    """Monday to Sunday of a first week: 3 sessions, one stopped, check-ins given."""
    clock = WallClock(datetime(2025, 3, 3, tzinfo=UTC))
    with opened(tmp_path / "history.sqlite3", clock, LONDON) as store:
        for day, hour, pain, rating, done in [
            (3, 7, (6, 4), "about-right", 4),
            (5, 18, (5, 3), "too-easy", 4),
            (6, 21, (4, None), None, 2),
        ]:
            clock.set_local(datetime(2025, 3, day, hour, 30, tzinfo=LONDON))
            record_session(
                store, exercises=4, done=done, seconds_each=120, pain=pain, rating=rating
            )
        clock.set_local(datetime(2025, 3, 7, 12, tzinfo=LONDON))
        yield store, clock


def test_a_first_week_at_a_glance(qtbot, week):
    store, _ = week
    view = show(qtbot, store)
    assert texts(view) == {
        "week": "3 of 3",
        "week_note": "Goal reached. Well done.",
        "streak": "2 days",
        "longest": "Longest: 2 days",
        "total": "20 min",
        "sessions": "3 sessions",
    }
    assert (view.goal_dots.done, view.goal_dots.goal) == (3, 3)
    assert view.pain_note.text() == (
        "Before sessions: 5.0/10 over the last 4 weeks. A session eases it by 2.0 on average."
    )
    assert [(p.before, p.after) for p in view.pain_chart.points] == [(6, 4), (5, 3), (4, None)]
    assert view.model.rowCount() == 3
    assert cells(view.model, 0) == [
        "Thu 06 Mar 2025, 21:30",
        "Stiff lower back",
        "4",
        "Stopped (2 of 4)",
        "4 → –",
        "",
    ]
    assert cells(view.model, 2)[3:] == ["Completed", "6 → 4", "about right"]
    assert view.calendar.accessibleName() == "3 days with a session in the last 12 weeks"
    assert not view.grab().isNull()


def test_refresh_and_goal_follow_new_sessions(qtbot, week):
    store, _ = week
    view = show(qtbot, store)
    record_session(store, title="Desk break")
    view.set_weekly_goal(4)
    assert texts(view)["week"] == "4 of 4"
    record_session(store, title="Desk break")
    view.refresh()
    assert texts(view)["week"] == "5 sessions"
    assert texts(view)["week_note"] == "Goal of 4 reached. Well done."
    assert cells(view.model, 0)[1] == "Desk break"


def test_an_empty_history_reads_well(qtbot, tmp_path):
    clock = WallClock(datetime(2025, 3, 7, 12, tzinfo=UTC))
    with opened(tmp_path / "h.sqlite3", clock, LONDON) as store:
        view = show(qtbot, store)
        assert texts(view)["week"] == "0 of 3"
        assert texts(view)["week_note"] == "3 more to reach your goal of 3"
        assert texts(view)["streak"] == "0 days"
        assert view.model.rowCount() == 0
        assert not view.grab().isNull()


def test_ten_years_of_daily_sessions_open_with_the_right_figures(qtbot, tmp_path):
    path = tmp_path / "history.sqlite3"
    fill_daily(path, date(2015, 3, 10), 3650, LONDON)
    clock = WallClock(datetime(2025, 3, 6, 20, tzinfo=UTC))  # Thursday, 3650th day
    with opened(path, clock, LONDON) as store:
        view = show(qtbot, store)
        assert texts(view) == {
            "week": "4 sessions",
            "week_note": "Goal of 3 reached. Well done.",
            "streak": "3650 days",
            "longest": "Longest: 3650 days",
            "total": "486 h 40 min",
            "sessions": "3650 sessions",
        }
        model = view.model
        assert model.rowCount() == SessionsModel.FIRST_PAGE  # what fills the list, not 10 years
        assert cells(model, 0)[0] == "Thu 06 Mar 2025, 07:30"
        assert model.canFetchMore()
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: model.rowCount() > SessionsModel.FIRST_PAGE)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 3650
        assert cells(model, 3649)[0] == "Tue 10 Mar 2015, 07:30"
        assert len(view.calendar.days) == 12 * 7 - 3  # to Thursday of this week
        assert not view.grab().isNull()
        view.table.setFocus()
        qtbot.keyClick(view.table, Qt.Key.Key_End)


@pytest.mark.parametrize("has_history", [True, False])
def test_the_progress_page_suggests_low_impact_exercise(qtbot, tmp_path, has_history):
    from backcare_desktop.ui.progress_page import ProgressPage

    clock = WallClock(datetime(2025, 3, 7, 12, tzinfo=UTC))
    with opened(tmp_path / "h.sqlite3", clock, LONDON) as store:
        page = ProgressPage(store if has_history else None, weekly_goal=3)
        qtbot.addWidget(page)
        advice = page.findChild(QWidget, "lowImpactAdvice")
        text = advice.text()
        for words in ("brisk walk", "swim", "bike", "20 minutes", "3 or 4 times a week"):
            assert words in text
        assert advice.textFormat() == Qt.TextFormat.PlainText


@pytest.fixture
def stats_reads(monkeypatch) -> list[int]:
    """A spy on the view's reading of the figures."""
    from backcare_desktop.ui import progress as progress_module

    reads: list[int] = []
    real = progress_module.load_stats

    def counted(*args, **kwargs):
        reads.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(progress_module, "load_stats", counted)
    return reads


def test_the_figures_are_read_once_per_opening_and_again_only_after_a_change(
    qtbot, week, stats_reads
):
    store, clock = week
    view = show(qtbot, store)
    view.refresh()  # what the window does on showing a page it has just made
    assert len(stats_reads) == 1
    record_session(store, title="Desk break")
    view.refresh()
    assert len(stats_reads) == 2
    assert texts(view)["week"] == "4 sessions"
    view.set_weekly_goal(4)
    assert len(stats_reads) == 3
    clock.advance(days=1)  # a new day: the streak and the week move without a session
    view.refresh()
    assert len(stats_reads) == 4
    view.refresh()
    assert len(stats_reads) == 4


def test_a_session_another_process_wrote_is_seen_on_the_next_refresh(qtbot, week, stats_reads):
    store, clock = week
    view = show(qtbot, store)
    with opened(store.path, clock, LONDON) as other:
        record_session(other, title="From the command line")
    view.refresh()
    assert len(stats_reads) == 2
    assert cells(view.model, 0)[1] == "From the command line"


def test_a_list_taller_than_the_first_page_asks_for_more_itself(qtbot, tmp_path):
    path = tmp_path / "history.sqlite3"
    fill_daily(path, date(2015, 3, 10), 400, LONDON)
    clock = WallClock(datetime(2016, 4, 13, 20, tzinfo=UTC))
    with opened(path, clock, LONDON) as store:
        view = show(qtbot, store)
        view.host.resize(1000, 3000)  # type: ignore[attr-defined]
        view.resize(view.host.size())  # type: ignore[attr-defined]
        model = view.model
        qtbot.waitUntil(lambda: model.rowCount() > SessionsModel.FIRST_PAGE)
