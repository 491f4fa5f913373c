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

PAUSE_HOUR = "hour"
PAUSE_TOMORROW = "tomorrow"
RESUME = "resume"


def next_break_text(now: datetime, when: datetime | None, paused_until: datetime | None) -> str:
    if paused_until is not None:
        if paused_until.date() > now.date():
            return "Reminders paused until tomorrow"
        return f"Reminders paused until {paused_until:%H:%M}"
    if when is None:
        return "No reminders scheduled"
    minutes = max(0, round((when - now).total_seconds() / 60))
    if minutes < 1:
        return "Next break: now"
    if minutes < 90:
        return f"Next break: in {minutes} min"
    return f"Next break: at {when:%H:%M}"


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
    ) -> None:
        super().__init__(parent)
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
        self.icon.setToolTip(f"BackCare: {status}")
        line = menu.addAction(status)
        line.setEnabled(False)
        menu.addSeparator()
        start = menu.addMenu("Start a routine")
        start.setObjectName("trayStartMenu")
        for routine_id, title in self._routines():
            action = start.addAction(title)
            action.setData(routine_id)
            action.triggered.connect(lambda _=False, r=routine_id: self.routine_requested.emit(r))
        if self._paused():
            self._add(menu, "Resume reminders", lambda: self.pause_requested.emit(RESUME))
        else:
            pause = menu.addMenu("Pause reminders")
            self._add(pause, "For 1 hour", lambda: self.pause_requested.emit(PAUSE_HOUR))
            self._add(pause, "Until tomorrow", lambda: self.pause_requested.emit(PAUSE_TOMORROW))
        menu.addSeparator()
        self._add(menu, "Open BackCare", self.open_requested.emit)
        self._add(menu, "Quit BackCare", self.quit_requested.emit)

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
