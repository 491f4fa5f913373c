"""The tray icon's menu: the next break, start a routine, pause reminders, open, quit.

Made only where `QSystemTrayIcon.isSystemTrayAvailable()`; the menu is rebuilt each time
it opens, so what it says about the next break is never stale and nothing ticks to keep it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.schedule_words import time_text

PAUSE_HOUR = "hour"
PAUSE_TOMORROW = "tomorrow"
RESUME = "resume"


def next_break_text(
    now: datetime,
    when: datetime | None,
    paused_until: datetime | None,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> str:
    if paused_until is not None:
        if paused_until.date() > now.date():
            return tr._("Reminders paused until tomorrow")
        return tr._("Reminders paused until {time}").format(time=time_text(paused_until.time(), tr))
    if when is None:
        return tr._("No reminders scheduled")
    minutes = max(0, round((when - now).total_seconds() / 60))
    if minutes < 1:
        return tr._("Next break: now")
    if minutes < 90:
        return tr.ngettext("Next break: in {n} min", "Next break: in {n} min", minutes).format(
            n=minutes
        )
    return tr._("Next break: at {time}").format(time=time_text(when.time(), tr))


def tomorrow_morning(now: datetime) -> datetime:
    return datetime.combine(now.date() + timedelta(days=1), datetime.min.time())


class Tray(QObject):
    open_requested = Signal()
    quit_requested = Signal()
    routine_requested = Signal(str)
    pause_requested = Signal(str)  # PAUSE_HOUR, PAUSE_TOMORROW or RESUME

    def __init__(
        self,
        icon: QIcon,
        routines: Callable[[], Sequence[tuple[str, str]]],
        status: Callable[[], str],
        paused: Callable[[], bool],
        parent: QObject | None = None,
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._routines = routines
        self._status = status
        self._paused = paused
        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self.menu.aboutToShow.connect(self.rebuild)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("BackCare")
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.rebuild()

    def show(self) -> None:
        self.icon.show()

    def hide(self) -> None:
        self.icon.hide()

    def rebuild(self) -> None:
        menu = self.menu
        menu.clear()
        status = self._status()
        self.icon.setToolTip(self._tr._("BackCare: {status}").format(status=status))
        line = menu.addAction(status)
        line.setEnabled(False)
        menu.addSeparator()
        tr = self._tr
        start = menu.addMenu(tr._("Start a routine"))
        start.setObjectName("trayStartMenu")
        for routine_id, title in self._routines():
            action = start.addAction(title)
            action.setData(routine_id)
            action.triggered.connect(lambda _=False, r=routine_id: self.routine_requested.emit(r))
        if self._paused():
            self._add(menu, tr._("Resume reminders"), lambda: self.pause_requested.emit(RESUME))
        else:
            pause = menu.addMenu(tr._("Pause reminders"))
            self._add(pause, tr._("For 1 hour"), lambda: self.pause_requested.emit(PAUSE_HOUR))
            self._add(
                pause, tr._("Until tomorrow"), lambda: self.pause_requested.emit(PAUSE_TOMORROW)
            )
        menu.addSeparator()
        self._add(menu, tr._("Open BackCare"), self.open_requested.emit)
        self._add(menu, tr._("Quit BackCare"), self.quit_requested.emit)

    @staticmethod
    def _add(menu: QMenu, text: str, slot: Callable[[], None]) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _=False: slot())
        return action

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.open_requested.emit()

    def message(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10_000)
