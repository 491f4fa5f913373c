"""Reminder settings: parsing what a person types, and reading settings.json forgivingly."""

from __future__ import annotations

from datetime import time

import pytest

from backcare_desktop.core.reminders import (
    ActiveUse,
    FixedTime,
    QuietPeriod,
    ReminderError,
    Reminders,
    format_days,
    parse_days,
    parse_time,
)


def test_days_in_ranges_lists_and_words():
    assert parse_days("mon-fri") == (0, 1, 2, 3, 4)
    assert parse_days("Mon,Wed,fri") == (0, 2, 4)
    assert parse_days("fri-mon") == (0, 4, 5, 6)
    assert parse_days("weekends") == (5, 6)
    assert parse_days("monday") == (0,)


@pytest.mark.parametrize("text", ["", "funday", "mon-xyz", "mo", ","])
def test_days_that_are_not_days_are_refused_with_an_example(text: str):
    with pytest.raises(ReminderError, match="mon-fri"):
        parse_days(text)


def test_times_on_a_24_hour_clock():
    assert parse_time("10:30") == time(10, 30)
    assert parse_time("9:05") == time(9, 5)
    for bad in ("24:00", "10:60", "10.30", "ten", None, 1030):
        with pytest.raises(ReminderError, match="HH:MM"):
            parse_time(bad)


def test_format_days_reads_back_the_usual_sets():
    assert format_days((0, 1, 2, 3, 4)) == "mon-fri"
    assert format_days(range(7)) == "every day"
    assert format_days((0, 2)) == "mon,wed"


def test_reminders_survive_a_round_trip_through_json():
    reminders = Reminders(
        schedules=(ActiveUse(40, "stiff-lower-back"), FixedTime(time(15), (0, 4))),
        max_snoozes=1,
        quiet=QuietPeriod(time(22), time(7)),
        chime=True,
    )
    assert Reminders.from_json(reminders.to_json()) == reminders


def test_bad_entries_are_named_and_left_out_while_the_rest_apply():
    loaded = Reminders.from_json(
        {
            "enabled": "yes",
            "schedules": [{"every": 30}, {"at": "25:00"}, {"every": 0}, "x", {"at": "9:00"}],
            "max_snoozes": 99,
            "quiet": {"start": "22:00"},
        }
    )
    assert loaded.schedules == (ActiveUse(30), FixedTime(time(9)))
    assert loaded.enabled is True
    assert loaded.max_snoozes == 2
    assert loaded.quiet is None
    text = "\n".join(loaded.problems)
    assert "reminders.enabled: 'yes'" in text
    assert "schedules[1]" in text
    assert "schedules[2]" in text
    assert "schedules[3]" in text
    assert "max_snoozes: 99 is outside 0-10" in text
    assert "reminders.quiet" in text


def test_a_routine_id_that_could_be_a_path_is_refused():
    loaded = Reminders.from_json({"schedules": [{"every": 30, "routine": "../../etc"}]})
    assert loaded.schedules == ()
    assert "not a routine id" in loaded.problems[0]


def test_not_an_object_gives_the_defaults_and_says_so():
    assert Reminders.from_json([1]).schedules == (ActiveUse(),)
    assert Reminders.from_json([1]).problems
    assert Reminders.from_json(None) == Reminders()
