"""A schedule changed on the command line reaches the running app (inotify, no polling)."""

from __future__ import annotations

from dataclasses import replace
from datetime import time

from backcare_desktop.core.reminders import ActiveUse, FixedTime, Reminders
from backcare_desktop.storage.settings import Settings, SettingsModel, SettingsStore
from backcare_desktop.ui.schedule_watch import ScheduleFileWatch


def test_each_change_in_the_file_reaches_the_model(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    SettingsStore(path).save(Settings(weekly_goal=4))
    model = SettingsModel(SettingsStore(path))
    watch = ScheduleFileWatch(model)
    heard: list[Reminders] = []
    model.subscribe(lambda change: heard.append(change.after.reminders))
    other = SettingsStore(path)  # what `backcare schedule add` does
    first = Reminders(schedules=(FixedTime(time(10, 30)),))
    other.save(replace(other.load(), reminders=first))
    qtbot.waitUntil(lambda: model.current.reminders == first, timeout=5000)
    second = Reminders(schedules=(ActiveUse(30),), enabled=False)
    other.save(replace(other.load(), reminders=second))  # renamed over: a new file
    qtbot.waitUntil(lambda: model.current.reminders == second, timeout=5000)
    assert heard == [first, second]
    assert model.current.weekly_goal == 4
    assert watch.watcher.files() == [str(path)]


def test_before_the_first_save_the_folder_is_watched(qtbot, tmp_path):
    path = tmp_path / "settings.json"
    model = SettingsModel(SettingsStore(path))
    watch = ScheduleFileWatch(model)
    assert watch.watcher.directories() == [str(tmp_path)]
    wanted = Reminders(schedules=(ActiveUse(20),))
    SettingsStore(path).save(Settings(reminders=wanted))
    qtbot.waitUntil(lambda: model.current.reminders == wanted, timeout=5000)
    assert watch.watcher.files() == [str(path)]
