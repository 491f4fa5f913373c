"""`backcare schedule ...`: the reminders, edited on the command line and kept in settings."""

from __future__ import annotations

import io
import json
from datetime import datetime, time

from backcare_desktop.cli import main
from backcare_desktop.companion_cli import list_schedule
from backcare_desktop.core.reminders import ActiveUse, FixedTime, Reminders
from backcare_desktop.storage.settings import SettingsStore
from tests.support import modules_loaded_by, qt_modules


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def stored(data_dir) -> Reminders:
    return SettingsStore(data_dir / "settings.json").load().reminders


def test_a_new_person_has_the_50_minute_reminder(data_dir):
    code, out, _ = run_cli("schedule")
    assert code == 0
    assert "Reminders are on." in out
    assert "1  after 50 min of active use: desk-break" in out


def test_add_fixed_times_and_every_then_remove(data_dir):
    assert run_cli("schedule", "add", "10:30", "--days", "mon-fri")[0] == 0
    assert run_cli("schedule", "add", "15:00", "--routine", "stiff-lower-back")[0] == 0
    assert run_cli("schedule", "every", "90", "--routine", "upper-back-and-neck")[0] == 0
    assert stored(data_dir).schedules == (
        ActiveUse(50),
        FixedTime(time(10, 30), (0, 1, 2, 3, 4)),
        FixedTime(time(15), tuple(range(7)), "stiff-lower-back"),
        ActiveUse(90, "upper-back-and-neck"),
    )
    code, out, _ = run_cli("schedule", "remove", "1")
    assert code == 0
    assert "Removed: after 50 min" in out
    assert stored(data_dir).schedules[0] == FixedTime(time(10, 30), (0, 1, 2, 3, 4))


def test_off_keeps_the_schedule_and_on_brings_it_back(data_dir):
    run_cli("schedule", "off")
    assert stored(data_dir).enabled is False
    assert stored(data_dir).schedules == (ActiveUse(50),)
    _, out, _ = run_cli("schedule", "--json")
    assert json.loads(out)["enabled"] is False
    run_cli("schedule", "on")
    assert stored(data_dir).enabled is True


def test_json_lists_the_next_time_of_each_fixed_reminder():
    reminders = Reminders(schedules=(FixedTime(time(10, 30), (0, 1, 2, 3, 4)),))
    out = io.StringIO()
    list_schedule(reminders, True, out, datetime(2026, 12, 4, 11, 0))  # a Friday, 11:00
    row = json.loads(out.getvalue())["schedules"][0]
    assert row["next"] == "2026-12-07T10:30"  # Monday
    assert row["days"] == ["mon", "tue", "wed", "thu", "fri"]


def test_mistakes_are_explained_and_nothing_is_saved(data_dir):
    cases = [
        (("add", "25:00"), "HH:MM"),
        (("add", "10:00", "--days", "someday"), "mon-fri"),
        (("add", "10:00", "--routine", "no-such-routine"), "backcare list"),
        (("add", "10:00", "--routine", "../x"), "not a routine id"),
        (("every", "2"), "outside 5-1440"),
        (("every", "lots"), "not a whole number"),
        (("remove", "7"), "there is no reminder 7"),
    ]
    for argv, hint in cases:
        code, _, err = run_cli("schedule", *argv)
        assert code == 1, argv
        assert hint in err, argv
        assert "Traceback" not in err
    assert not (data_dir / "settings.json").exists()


def test_the_same_reminder_twice_is_refused(data_dir):
    run_cli("schedule", "add", "10:30")
    code, _, err = run_cli("schedule", "add", "10:30")
    assert code == 1
    assert "already there" in err


def test_schedule_loads_no_qt(data_dir):
    modules = modules_loaded_by(
        "import io, backcare_desktop.cli as c; c.main(['schedule'], out=io.StringIO())"
    )
    assert "backcare_desktop.companion_cli" in modules
    assert qt_modules(modules) == set()
