"""The charts' month labels: the current month is always named."""

from __future__ import annotations

from datetime import date, timedelta

from backcare_desktop.ui.charts import month_columns, month_starts


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_the_calendar_names_the_current_month_before_its_first_monday():
    # Seen: 1 Dec 2026 is a Tuesday; "Dec" was missing because no Monday was in December.
    labels = month_columns(days(date(2026, 9, 7), date(2026, 12, 1)))
    assert [(column, f"{month:%b}") for column, month in labels] == [
        (0, "Sep"),
        (3, "Oct"),
        (7, "Nov"),  # 1 Nov is a Sunday: the week of 26 Oct
        (12, "Dec"),
    ]


def test_a_month_starting_in_the_second_week_leaves_out_the_first_name():
    labels = month_columns(days(date(2026, 9, 21), date(2026, 11, 3)))
    assert [f"{month:%b}" for _, month in labels] == ["Oct", "Nov"]


def test_the_pain_axis_marks_each_first_of_the_month_up_to_today():
    assert month_starts(date(2026, 10, 20), date(2026, 12, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
    ]
    assert month_starts(date(2026, 11, 3), date(2026, 11, 30)) == []
