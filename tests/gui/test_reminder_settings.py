"""The Settings dialog's reminder box: edits a copy of the schedule; login applied on OK."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QWidget

from backcare_desktop.core.reminders import ActiveUse, FixedTime, QuietPeriod, Reminders
from backcare_desktop.platform.desktop_files import launcher_command
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.silent import SilentSpeaker
from backcare_desktop.storage.settings import Settings
from backcare_desktop.ui.reminder_settings import ReminderSettings
from backcare_desktop.ui.settings_dialog import SettingsDialog

ROUTINES = [("desk-break", "Desk break (standing)"), ("stiff-lower-back", "Stiff lower back")]


class FakeAutostart:
    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self.commands: list[list[str]] = []

    def is_enabled(self) -> bool:
        return self.enabled

    def enable(self, command) -> None:
        self.enabled = True
        self.commands.append(list(command))

    def disable(self) -> None:
        self.enabled = False


def make(qtbot, reminders: Reminders, autostart: FakeAutostart | None = None) -> ReminderSettings:
    box = ReminderSettings(reminders, ROUTINES, autostart or FakeAutostart())
    qtbot.addWidget(box)
    return box


def test_it_shows_the_schedule_and_gives_it_back_unchanged(qtbot):
    reminders = Reminders(
        schedules=(ActiveUse(40, "stiff-lower-back"), FixedTime(time(10, 30), (0, 1, 2, 3, 4))),
        max_snoozes=1,
        quiet=QuietPeriod(time(22), time(7)),
        chime=True,
    )
    box = make(qtbot, reminders)
    assert box.every.isChecked()
    assert box.minutes.value() == 40
    assert box.routine.currentData() == "stiff-lower-back"
    # The list names the routine by its title, as the routine box above it does.
    assert box.times.item(0).text() == "10:30 on mon-fri: Desk break (standing)"
    assert box.reminders() == reminders


def test_a_time_for_a_routine_no_longer_there_is_named_by_its_id(qtbot):
    box = make(qtbot, Reminders(schedules=(FixedTime(time(9), (5, 6), "gone-routine"),)))
    assert box.times.item(0).text() == "09:00 on sat-sun: gone-routine"


def test_adding_and_removing_fixed_times(qtbot):
    box = make(qtbot, Reminders())
    box.new_time.setTime(QTime(15, 0))
    for index, button in enumerate(box.day_buttons):
        button.setChecked(index in (0, 2))
    box.add_time()
    box.add_time()  # the same again is not added twice
    assert box.reminders().schedules == (ActiveUse(50), FixedTime(time(15), (0, 2)))
    box.times.setCurrentRow(0)
    box.remove.click()
    assert box.reminders().schedules == (ActiveUse(50),)


def test_no_day_chosen_adds_nothing(qtbot):
    box = make(qtbot, Reminders())
    for button in box.day_buttons:
        button.setChecked(False)
    box.add_time()
    assert box.times.count() == 0


def test_switching_things_off(qtbot):
    box = make(qtbot, Reminders(quiet=QuietPeriod(time(22), time(7))))
    box.enabled.setChecked(False)
    box.every.setChecked(False)
    box.quiet.setChecked(False)
    result = box.reminders()
    assert result.enabled is False
    assert result.schedules == ()
    assert result.quiet is None


def test_start_at_login_is_written_only_when_asked(qtbot):
    autostart = FakeAutostart()
    box = make(qtbot, Reminders(), autostart)
    assert box.login.isChecked() is False
    box.apply_login()
    assert autostart.commands == []
    box.login.setChecked(True)
    box.apply_login()
    assert autostart.enabled is True
    assert autostart.commands == [launcher_command()]
    box.login.setChecked(False)
    box.apply_login()
    assert autostart.enabled is False


def test_the_settings_dialog_returns_the_edited_reminders(qtbot):
    bridge = SpeakerBridge(SilentSpeaker("none"))
    try:
        dialog = SettingsDialog(Settings(), bridge)
        qtbot.addWidget(dialog)
        dialog.reminders_box.minutes.setValue(30)
        assert dialog.settings().reminders.schedules == (ActiveUse(30),)
    finally:
        bridge.close()


def test_the_settings_dialog_offers_the_window_library_routines_by_title(qtbot, presets):
    class Window(QWidget):
        library = presets

    window = Window()
    qtbot.addWidget(window)
    bridge = SpeakerBridge(SilentSpeaker("none"))
    try:
        dialog = SettingsDialog(Settings(), bridge, window)
        box = dialog.reminders_box
        offered = [
            (box.routine.itemData(i), box.routine.itemText(i)) for i in range(box.routine.count())
        ]
        titles = sorted((presets.summary(r).title, r) for r in presets.routines)
        assert offered == [(rid, title) for title, rid in titles]
    finally:
        bridge.close()
