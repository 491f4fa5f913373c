"""The reminders kept in settings.json with the rest of the settings."""

from __future__ import annotations

import json
import logging
from datetime import time

import pytest

from backcare_desktop.core.reminders import ActiveUse, FixedTime, QuietPeriod, Reminders
from backcare_desktop.storage.settings import Settings, SettingsStore


def test_reminders_are_saved_and_read_back(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    reminders = Reminders(
        schedules=(FixedTime(time(10, 30), (0, 1, 2, 3, 4)), ActiveUse(40)),
        quiet=QuietPeriod(time(22), time(7)),
    )
    store.save(Settings(reminders=reminders, weekly_goal=4))
    loaded = store.load()
    assert loaded.reminders == reminders
    assert loaded.weekly_goal == 4
    on_disk = json.loads(store.path.read_text(encoding="utf-8"))
    assert on_disk["reminders"]["schedules"][0] == {
        "at": "10:30",
        "days": ["mon", "tue", "wed", "thu", "fri"],
        "routine": "desk-break",
    }


def test_a_file_from_before_reminders_gets_the_default(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"weekly_goal": 4}', encoding="utf-8")
    assert SettingsStore(path).load().reminders == Reminders()


def test_a_damaged_reminder_is_named_in_the_log_and_the_rest_load(
    tmp_path, caplog: pytest.LogCaptureFixture
):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"reminders": {"schedules": [{"at": "nine"}, {"every": 30}]}}),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING):
        loaded = SettingsStore(path).load()
    assert loaded.reminders.schedules == (ActiveUse(30),)
    assert str(path) in caplog.text
    assert "'nine' is not a time" in caplog.text
