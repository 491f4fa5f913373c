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
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QWidget,
)

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.reminders import (
    DEFAULT_ROUTINE,
    ActiveUse,
    FixedTime,
    QuietPeriod,
    Reminders,
    Schedule,
)
from backcare_desktop.core.schedule_words import day_names, fixed_time_text, full_day_names
from backcare_desktop.platform.autostart import Autostart, autostart_for
from backcare_desktop.platform.desktop_files import launcher_command
from backcare_desktop.ui.widgets import ButtonRows

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
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(tr._("Break reminders"), parent)
        self._tr = tr
        self.setObjectName("reminderSettings")
        self._original = reminders
        self._autostart = autostart or autostart_for()
        self._fixed: list[FixedTime] = [s for s in reminders.schedules if isinstance(s, FixedTime)]
        active = next((s for s in reminders.schedules if isinstance(s, ActiveUse)), None)

        self.enabled = QCheckBox(tr._("Remind me to take a stretch break"))
        self.enabled.setChecked(reminders.enabled)
        self.routine = QComboBox()
        known = dict(routines) or {DEFAULT_ROUTINE: DEFAULT_ROUTINE}
        self._titles = known
        for routine_id, title in known.items():
            self.routine.addItem(title, routine_id)
        wanted = active.routine if active else DEFAULT_ROUTINE
        self.routine.setCurrentIndex(max(0, self.routine.findData(wanted)))

        self.every = QCheckBox(tr._("After"))
        self.every.setChecked(active is not None)
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 240)
        self.minutes.setSuffix(tr._(" min of use at the computer"))
        self.minutes.setValue(active.minutes if active else 50)

        self.times = QListWidget()
        self.times.setObjectName("reminderTimes")
        self.times.setMaximumHeight(84)
        self.remove = QPushButton(tr._("Remove"))
        self.remove.clicked.connect(self._remove_selected)
        self.new_time = QTimeEdit(QTime(10, 30))
        self.new_time.setDisplayFormat("HH:mm")
        self.new_time.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.day_buttons: list[QToolButton] = []
        days = QHBoxLayout()
        days.setSpacing(2)
        full_names = full_day_names(tr)
        for index, name in enumerate(day_names(tr, button=True)):
            button = QToolButton()
            button.setText(name)
            button.setCheckable(True)
            button.setChecked(index < 5)
            button.setAccessibleName(tr._("Remind on {day}").format(day=full_names[index]))
            days.addWidget(button)
            self.day_buttons.append(button)
        self.add = QPushButton(tr._("Add time"))
        self.add.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.add.clicked.connect(self.add_time)

        self.snoozes = QSpinBox()
        self.snoozes.setRange(0, 10)
        self.snoozes.setValue(reminders.max_snoozes)
        self.snoozes.setPrefix(tr._("at most "))
        self.snoozes.setSuffix(
            tr._(" in a row, {minutes} min each").format(minutes=reminders.snooze_minutes)
        )
        self.quiet = QCheckBox(tr._("No reminders from"))
        self.quiet.setChecked(reminders.quiet is not None)
        self.quiet_start = QTimeEdit(_qtime(reminders.quiet.start if reminders.quiet else time(19)))
        self.quiet_end = QTimeEdit(_qtime(reminders.quiet.end if reminders.quiet else time(8)))
        for edit in (self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        self.chime = QCheckBox(tr._("Soft chime with reminders"))
        # A check box never wraps: the second half is a label that can, in a side panel.
        self.chime_note = QLabel(tr._("Also between exercises when the voice is muted."))
        self.chime_note.setWordWrap(True)
        self.chime_note.setIndent(self.chime.iconSize().width() + 8)
        self.chime.setChecked(reminders.chime)
        self.login = QCheckBox(tr._("Start BackCare when I log in"))
        self.login.setChecked(self._autostart.is_enabled())

        self._describe()
        form = QFormLayout(self)
        # A field that does not fit beside its label goes under it (a side panel, German).
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.enabled)
        form.addRow(_row(self.every, self.minutes))
        form.addRow(tr._("Routine"), self.routine)
        form.addRow(tr._("At"), _row(self.times, self.remove))
        form.addRow("", ButtonRows([self.new_time, *self._day_widgets(days), self.add]))
        form.addRow(tr._("Snooze"), self.snoozes)
        form.addRow(_row(self.quiet, self.quiet_start, self.quiet_end))
        form.addRow(self.chime)
        form.addRow(self.chime_note)
        form.addRow(self.login)
        self._fill_times()

    def _describe(self) -> None:
        """Names and descriptions for screen readers (the accessible-tree test checks)."""
        tr = self._tr
        described: tuple[tuple[QWidget, str, str], ...] = (
            (self.enabled, "", tr._("Break reminders on or off")),
            (self.every, "", tr._("Remind after a stretch of use at the computer")),
            (self.minutes, tr._("Minutes of use before a reminder"), tr._("5 to 240 minutes")),
            (self.routine, tr._("Routine to remind of"), tr._("The routine a reminder offers")),
            (self.times, tr._("Reminder times"), tr._("The fixed times of day to be reminded")),
            (self.remove, "", tr._("Remove the selected time")),
            (self.new_time, tr._("New reminder time"), tr._("Hours and minutes")),
            (self.add, "", tr._("Add the time on the ticked days")),
            (
                self.snoozes,
                tr._("Snoozes in a row"),
                tr._("How many times a reminder may be put off"),
            ),
            (self.quiet, "", tr._("A time of day without reminders")),
            (self.quiet_start, tr._("Quiet from"), tr._("No reminders from this time")),
            (self.quiet_end, tr._("Quiet until"), tr._("Reminders again from this time")),
            (
                self.chime,
                "",
                tr._("A soft sound with reminders and, when muted, between exercises"),
            ),
            (self.login, "", tr._("Start BackCare when you log in")),
        )
        for widget, name, description in described:
            if name:
                widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        for button in self.day_buttons:
            button.setAccessibleDescription(self._tr._("Tick to be reminded on this day"))

    @staticmethod
    def _day_widgets(days: QHBoxLayout) -> list[QWidget]:
        box = QWidget()
        box.setLayout(days)
        days.setContentsMargins(0, 0, 0, 0)
        return [box]

    @classmethod
    def for_dialog(
        cls, reminders: Reminders, dialog: QDialog, tr: Translator = ENGLISH_TRANSLATOR
    ) -> ReminderSettings:
        """The box for the Settings dialog: routines from its window, login applied on OK."""
        library = getattr(dialog.parent(), "library", None)
        # The summaries: opening the Settings reads no routine file in full.
        summaries = [library.summary(rid) for rid in library.routines] if library else []
        routines = [(s.id, s.title) for s in sorted(summaries, key=lambda s: s.title)]
        box = cls(reminders, routines, parent=dialog, tr=tr)
        dialog.accepted.connect(box.apply_login)
        return box

    def _fill_times(self) -> None:
        self.times.clear()
        for schedule in self._fixed:
            title = self._titles.get(schedule.routine, schedule.routine)
            item = QListWidgetItem(fixed_time_text(schedule, self._tr, title))
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
