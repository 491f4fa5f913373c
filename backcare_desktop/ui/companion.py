"""The break companion: the scheduler's timer, the reminder, the tray, and closing vs quitting.

It talks to the main window only through `CompanionHost` (raise it, start a routine by id,
list the routines, say whether a session runs), so the window knows nothing about it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator
from backcare_desktop.core.reminders import ActiveUse, Reminders
from backcare_desktop.core.scheduler import BreakDue, Scheduler
from backcare_desktop.platform.notice import Notice
from backcare_desktop.ui.tray import PAUSE_HOUR, PAUSE_TOMORROW, Tray, next_break_text
from backcare_desktop.ui.tray import tomorrow_morning as _tomorrow

if TYPE_CHECKING:
    from backcare_desktop.platform.notify import DesktopNotifier
    from backcare_desktop.ui.reminder_window import ReminderWindow

log = logging.getLogger(__name__)

TRAY_HINT = N_(
    "BackCare keeps running here and reminds you when a break is due. "
    "Quit it from this icon's menu, or with Ctrl+Q."
)


class CompanionHost(Protocol):
    def show_and_raise(self) -> None: ...

    def start_routine(self, routine_id: str) -> None: ...

    def routines(self) -> Sequence[tuple[str, str]]:
        """(id, title) of each routine, for the tray's menu."""
        ...

    def routine_summary(self, routine_id: str) -> str: ...

    def in_session(self) -> bool: ...


def notice_for(
    event: BreakDue, summary: str, snooze_minutes: int, tr: Translator = ENGLISH_TRANSLATOR
) -> Notice:
    if event.reason == "active-use":
        minutes = event.schedule.minutes if isinstance(event.schedule, ActiveUse) else 0
        why = tr.ngettext(
            "You have been at the computer for {n} minute.",
            "You have been at the computer for {n} minutes.",
            minutes,
        ).format(n=minutes)
    elif event.reason == "fixed-time":
        # Babel's time formats (4 MB) only when a time is said, not with every start.
        from backcare_desktop.core.schedule_words import time_text

        why = tr._("Your {time} stretch break.").format(time=time_text(event.due.time(), tr))
    else:
        why = tr._("The break you snoozed.")
    actions = [("start", tr._("Start"))]
    if event.can_snooze:
        snooze = tr.ngettext("Snooze {n} min", "Snooze {n} min", snooze_minutes)
        actions.append(("snooze", snooze.format(n=snooze_minutes)))
    actions.append(("skip", tr._("Skip")))
    return Notice(tr._("Time for a back break"), f"{why}\n{summary}", tuple(actions))


class Companion(QObject):
    def __init__(
        self,
        host: CompanionHost,
        window: QWidget,
        scheduler: Scheduler,
        icon: QIcon,
        *,
        notifier: DesktopNotifier | None,
        tray_available: bool,
        chime: Callable[[], object] | None = None,
        now: Callable[[], datetime] = datetime.now,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(window)
        self._tr = tr
        self.host = host
        self.window = window
        self.scheduler = scheduler
        self.notifier = notifier
        self._chime = chime
        self._now = now
        self._told_about_tray = False
        self._quitting = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # a second early or late is fine
        self.timer.timeout.connect(self.wake)
        self._icon = icon
        self._reminder_window: ReminderWindow | None = None  # made for the first reminder
        if notifier is not None:
            notifier.action_invoked.connect(self.answer)
        self.tray: Tray | None = None
        if tray_available:
            self.tray = Tray(icon, host.routines, self.status_text, self._is_paused, self, tr=tr)
            self.tray.open_requested.connect(host.show_and_raise)
            self.tray.quit_requested.connect(self.quit)
            self.tray.routine_requested.connect(self.start_routine)
            self.tray.pause_requested.connect(self.pause)
            self.tray.show()
            # With a tray, closing the window hides it; reminders go on until Quit.
            QApplication.setQuitOnLastWindowClosed(False)
            # Only to say once, on the first close, that BackCare stays in the tray.
            # Every event the window gets passes through this filter in Python (each
            # repaint of a moving figure posts one): without a tray, or once said, the
            # filter is not there at all (issue 18).
            window.installEventFilter(self)
        self.quit_action = QAction(tr._("Quit BackCare"), window)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.quit)
        window.addAction(self.quit_action)
        scheduler.subscribe(self._on_break)
        self.arm()

    @property
    def reminder_window(self) -> ReminderWindow:
        """BackCare's own reminder, for desktops without notification buttons: built
        when first shown, as most days it is never needed (issue 18)."""
        if self._reminder_window is None:
            from backcare_desktop.ui.reminder_window import ReminderWindow

            self._reminder_window = ReminderWindow(self._icon, tr=self._tr)
            self._reminder_window.action_invoked.connect(self.answer)
        return self._reminder_window

    # -- time ------------------------------------------------------------------------

    def arm(self) -> None:
        """One single-shot timer at the next moment the scheduler needs; none if never."""
        wait = self.scheduler.next_wake()
        if wait is None:
            self.timer.stop()
            return
        self.timer.start(max(1, round(wait * 1000)))

    def wake(self) -> None:
        if self.scheduler.in_session and not self.host.in_session():
            self.scheduler.session_ended(0, finished=False)  # a session that ended unseen
        self.scheduler.tick()
        self.arm()

    def set_reminders(self, reminders: Reminders) -> None:
        if reminders != self.scheduler.reminders:
            self.scheduler.set_reminders(reminders)
            self.arm()

    def session_started(self) -> None:
        self.scheduler.session_started()
        self._withdraw()
        self.arm()

    def session_ended(self, active_seconds: float, completed: bool) -> None:
        self.scheduler.session_ended(active_seconds, completed)
        self.arm()

    # -- the reminder ----------------------------------------------------------------

    def _on_break(self, event: BreakDue) -> None:
        notice = notice_for(
            event,
            self.host.routine_summary(event.routine),
            self.scheduler.reminders.snooze_minutes,
            self._tr,
        )
        log.info("break due (%s): %s", event.reason, event.routine)
        if self._chime is not None and self.scheduler.reminders.chime:
            self._chime()
        if self.notifier is not None and self.notifier.show(notice):
            return
        if self.tray is not None:
            self.tray.message(notice.title, notice.body)
        self.reminder_window.present(notice)

    def answer(self, key: str) -> None:
        event = self.scheduler.current
        log.info("reminder answered: %s", key)
        self._withdraw()
        if event is None:
            return
        if key == "start":
            self.scheduler.start()
            self.start_routine(event.routine)
        elif key == "snooze":
            self.scheduler.snooze()
        else:
            self.scheduler.skip()
        self.arm()

    def _withdraw(self) -> None:
        if self._reminder_window is not None:
            self._reminder_window.hide()
        if self.notifier is not None:
            self.notifier.close()

    def start_routine(self, routine_id: str) -> None:
        self.host.show_and_raise()
        self.host.start_routine(routine_id)

    # -- tray ------------------------------------------------------------------------

    def _is_paused(self) -> bool:
        return self.scheduler.paused_until is not None

    def status_text(self) -> str:
        upcoming = self.scheduler.next_break()
        return next_break_text(
            self._now(), upcoming[0] if upcoming else None, self.scheduler.paused_until, self._tr
        )

    def pause(self, how: str) -> None:
        now = self._now()
        until = {PAUSE_HOUR: now + timedelta(hours=1), PAUSE_TOMORROW: _tomorrow(now)}.get(how)
        self.scheduler.pause_until(until)
        self._withdraw()
        self.arm()

    def quit(self) -> None:
        self._quitting = True
        if self.tray is not None:
            self.tray.hide()
        if self._reminder_window is not None:
            self._reminder_window.close()
        self.window.close()
        QApplication.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        closing = watched is self.window and event.type() == QEvent.Type.Close
        if closing and self.tray is not None and not self._quitting and not self._told_about_tray:
            self._told_about_tray = True
            self.tray.message(self._tr._("BackCare is still here"), self._tr._(TRAY_HINT))
            self.window.removeEventFilter(self)
        return False
