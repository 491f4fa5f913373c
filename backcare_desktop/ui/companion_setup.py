"""Building the companion at start-up: one instance, platform backends, the window's side.

`claim_instance` runs first (a second launch hands over and the caller exits);
`start_companion` picks the idle, fullscreen and notification backends for this desktop and
connects the main window's session signals to the scheduler.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.ui.single_instance import hand_over, instance_server, server_name

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from backcare_desktop.platform.notify import DesktopNotifier
    from backcare_desktop.storage.settings import SettingsChange, SettingsModel
    from backcare_desktop.ui.companion import Companion
    from backcare_desktop.ui.single_instance import InstanceServer
    from backcare_desktop.ui.single_instance_qt import QtInstanceServer

log = logging.getLogger(__name__)


class WindowHost:
    """The main window as the companion sees it (CompanionHost)."""

    def __init__(self, window: Any) -> None:
        self.window = window

    def show_and_raise(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    def start_routine(self, routine_id: str) -> None:
        self.window.start_routine(routine_id)

    def routines(self) -> Sequence[tuple[str, str]]:
        library = self.window.library  # the summaries: listing reads no routine file
        found = [library.summary(routine_id) for routine_id in library.routines]
        return [(s.id, s.title) for s in sorted(found, key=lambda s: (s.user, s.title))]

    def routine_summary(self, routine_id: str) -> str:
        try:
            timeline = self.window.library.timeline(routine_id)
        except BackCareError:
            return self.translator._("Routine: {id}").format(id=routine_id)
        minutes = max(1, round(timeline.duration / 60))
        return self.translator.ngettext(
            "{title}, about {n} min.", "{title}, about {n} min.", minutes
        ).format(title=timeline.routine.title, n=minutes)

    @property
    def translator(self) -> Translator:
        library = getattr(self.window, "library", None)
        return getattr(library, "translator", ENGLISH_TRANSLATOR)

    def in_session(self) -> bool:
        controller = self.window.controller
        return controller is not None and controller.engine.status in ("running", "paused")


def claim_instance(root: Path, routine: str | None) -> InstanceServer | QtInstanceServer | None:
    """The server for later launches, or None when a running BackCare took the request."""
    name = server_name(root)
    if hand_over(name, routine):
        log.info("BackCare is already running: handed it the request")
        return None
    server = instance_server(name)
    server.listen()
    return server


def start_companion(
    app: QApplication, window: Any, settings: SettingsModel, root: Path
) -> Companion:
    # Imported here: the app starts the companion after the window's first paint, and
    # these (X11 through ctypes, the tray) are not needed before it (issue 18).
    from datetime import datetime

    from PySide6.QtWidgets import QSystemTrayIcon

    from backcare_desktop.core.clock import MonotonicClock
    from backcare_desktop.core.scheduler import Scheduler
    from backcare_desktop.platform.app_id import icon_png
    from backcare_desktop.platform.chime import Chime
    from backcare_desktop.platform.fullscreen import choose_fullscreen_check
    from backcare_desktop.platform.icons import app_icon
    from backcare_desktop.platform.idle import choose_idle_source
    from backcare_desktop.platform.notice import session_bus_possible
    from backcare_desktop.ui.companion import Companion
    from backcare_desktop.ui.schedule_watch import ScheduleFileWatch

    idle, idle_name = choose_idle_source()
    fullscreen, fullscreen_name = choose_fullscreen_check()
    scheduler = Scheduler(
        settings.current.reminders, MonotonicClock(), datetime.now, idle, fullscreen
    )
    notifier: DesktopNotifier | None = None
    notify_name = "no D-Bus session bus"
    # QtDBus and libdbus (ctypes) only where a session bus can be: 0.7 MB otherwise kept
    # for nothing (issue 18).
    if session_bus_possible():
        from PySide6.QtDBus import QDBusConnection

        from backcare_desktop.platform.notify import DesktopNotifier

        has_actions, notify_name = DesktopNotifier.available(QDBusConnection.sessionBus())
        if has_actions:
            notifier = DesktopNotifier(str(icon_png(64)), window)
    tray = QSystemTrayIcon.isSystemTrayAvailable()
    log.info(
        "reminders: idle %s; fullscreen %s; notifications %s; tray %s",
        idle_name,
        fullscreen_name,
        notify_name,
        "yes" if tray else "no",
    )
    companion = Companion(
        WindowHost(window),
        window,
        scheduler,
        app_icon(),
        notifier=notifier,
        tray_available=tray,
        chime=Chime(root).play,
        tr=WindowHost(window).translator,
    )
    window.session_started.connect(lambda _controller: companion.session_started())
    window.session_finished.connect(
        lambda report: companion.session_ended(report.active_seconds, report.outcome == "completed")
    )

    def on_change(change: SettingsChange) -> None:
        if change.changed("reminders"):
            companion.set_reminders(change.after.reminders)

    settings.subscribe(on_change)
    ScheduleFileWatch(settings, companion)
    return companion


def on_request(companion: Companion, routine: str | None) -> None:
    """What a later launch asked for: its routine, or just the window."""
    if routine:
        companion.start_routine(routine)
    else:
        companion.host.show_and_raise()
