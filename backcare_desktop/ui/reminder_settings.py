"""The Settings dialog's "Break reminders" box: the schedule, snoozes, quiet time, login.

It edits a copy of the Reminders it is given (`reminders()` returns the result, like the
dialog's `settings()`); "Start BackCare when I log in" is applied when the dialog is
accepted, because it is a file of the desktop's, not a setting of ours.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from backcare_desktop.core.reminders import (
    DAY_NAMES,
    DEFAULT_ROUTINE,
    ActiveUse,
    FixedTime,
    QuietPeriod,
    Reminders,
    Schedule,
)
from backcare_desktop.platform.autostart import Autostart, autostart_for
from backcare_desktop.platform.desktop_files import launcher_command

log = logging.getLogger(__name__)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _time(value: QTime) -> time:
    return time(value.hour(), value.minute())


class ReminderSettings(QGroupBox):
    def __init__(
        self,
        reminders: Reminders,
        routines: Sequence[tuple[str, str]] = (),
        autostart: Autostart | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Break reminders", parent)
        self.setObjectName("reminderSettings")
        self._original = reminders
        self._autostart = autostart or autostart_for()
        self._fixed: list[FixedTime] = [s for s in reminders.schedules if isinstance(s, FixedTime)]
        active = next((s for s in reminders.schedules if isinstance(s, ActiveUse)), None)

        self.enabled = QCheckBox("Remind me to take a stretch break")
        self.enabled.setChecked(reminders.enabled)
        self.routine = QComboBox()
        known = dict(routines) or {DEFAULT_ROUTINE: DEFAULT_ROUTINE}
        for routine_id, title in known.items():
            self.routine.addItem(title, routine_id)
        wanted = active.routine if active else DEFAULT_ROUTINE
        self.routine.setCurrentIndex(max(0, self.routine.findData(wanted)))

        self.every = QCheckBox("After")
        self.every.setChecked(active is not None)
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setSuffix(" min of use at the computer")
        self.minutes.setValue(active.minutes if active else 50)

        self.times = QListWidget()
        self.times.setObjectName("reminderTimes")
        self.times.setMaximumHeight(84)
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self._remove_selected)
        self.new_time = QTimeEdit(QTime(10, 30))
        self.new_time.setDisplayFormat("HH:mm")
        self.day_buttons: list[QToolButton] = []
        days = QHBoxLayout()
        days.setSpacing(2)
        for index, name in enumerate(DAY_NAMES):
            button = QToolButton()
            button.setText(name.capitalize())
            button.setCheckable(True)
            button.setChecked(index < 5)
            button.setAccessibleName(f"Remind on {name}")
            days.addWidget(button)
            self.day_buttons.append(button)
        self.add = QPushButton("Add time")
        self.add.clicked.connect(self.add_time)

        self.snoozes = QSpinBox()
        self.snoozes.setRange(0, 10)
        self.snoozes.setValue(reminders.max_snoozes)
        self.snoozes.setPrefix("at most ")
        self.snoozes.setSuffix(f" in a row, {reminders.snooze_minutes} min each")
        self.quiet = QCheckBox("No reminders from")
        self.quiet.setChecked(reminders.quiet is not None)
        self.quiet_start = QTimeEdit(_qtime(reminders.quiet.start if reminders.quiet else time(19)))
        self.quiet_end = QTimeEdit(_qtime(reminders.quiet.end if reminders.quiet else time(8)))
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.chime = QCheckBox("Soft chime with reminders (and between exercises when muted)")
        self.chime.setChecked(reminders.chime)
        self.login = QCheckBox("Start BackCare when I log in")
        self.login.setChecked(self._autostart.is_enabled())

        form = QFormLayout(self)
        form.addRow(self.enabled)
        form.addRow(_row(self.every, self.minutes))
        form.addRow("Routine", self.routine)
        form.addRow("At", _row(self.times, self.remove))
        form.addRow("", _row(self.new_time, *self._day_widgets(days), self.add))
        form.addRow("Snooze", self.snoozes)
        form.addRow(_row(self.quiet, self.quiet_start, self.quiet_end))
        form.addRow(self.chime)
        form.addRow(self.login)
        self._fill_times()

    @staticmethod
    def _day_widgets(days: QHBoxLayout) -> list[QWidget]:
        box = QWidget()
        box.setLayout(days)
        days.setContentsMargins(0, 0, 0, 0)
        return [box]

    @classmethod
    def for_dialog(cls, reminders: Reminders, dialog: QDialog) -> ReminderSettings:
        """The box for the Settings dialog: routines from its window, login applied on OK."""
        library = getattr(dialog.parent(), "library", None)
        found = getattr(library, "routines", {})
        routines = [(r.id, r.title) for r in sorted(found.values(), key=lambda r: r.title)]
        box = cls(reminders, routines, parent=dialog)
        dialog.accepted.connect(box.apply_login)
        return box

    def _fill_times(self) -> None:
        self.times.clear()
        for schedule in self._fixed:
            item = QListWidgetItem(schedule.describe().removeprefix("at "))
            self.times.addItem(item)
        self.remove.setEnabled(bool(self._fixed))

    def add_time(self) -> None:
        days = tuple(i for i, b in enumerate(self.day_buttons) if b.isChecked())
        if not days:
            self.day_buttons[0].setFocus()
            return
        routine = str(self.routine.currentData() or DEFAULT_ROUTINE)
        new = FixedTime(_time(self.new_time.time()), days, routine)
        if new not in self._fixed:
            self._fixed.append(new)
            self._fixed.sort(key=lambda s: (s.at, s.days))
        self._fill_times()

    def _remove_selected(self) -> None:
        row = self.times.currentRow()
        if 0 <= row < len(self._fixed):
            del self._fixed[row]
        self._fill_times()

    def reminders(self) -> Reminders:
        schedules: list[Schedule] = []
        routine = str(self.routine.currentData() or DEFAULT_ROUTINE)
        if self.every.isChecked():
            schedules.append(ActiveUse(self.minutes.value(), routine))
        schedules.extend(self._fixed)
        quiet = None
        if self.quiet.isChecked():
            quiet = QuietPeriod(_time(self.quiet_start.time()), _time(self.quiet_end.time()))
        return replace(
            self._original,
            enabled=self.enabled.isChecked(),
            schedules=tuple(schedules),
            max_snoozes=self.snoozes.value(),
            quiet=quiet,
            chime=self.chime.isChecked(),
        )

    def apply_login(self) -> None:
        try:
            if self.login.isChecked() and not self._autostart.is_enabled():
                self._autostart.enable(launcher_command())
            elif not self.login.isChecked() and self._autostart.is_enabled():
                self._autostart.disable()
        except OSError as e:
            log.warning("could not change starting at login: %s", e)


def _row(*widgets: QWidget) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return box
