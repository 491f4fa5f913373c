"""Desktop notifications with buttons (freedesktop.org `Notify`), where the desktop has them.

The capabilities are asked through QtDBus; `Notify` itself and its `ActionInvoked` answer go
through a private libdbus connection (platform/libdbus.py says why), watched by a
QSocketNotifier, so nothing polls.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, Signal
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

from backcare_desktop.platform.app_id import APP_ID, APP_NAME
from backcare_desktop.platform.libdbus import SessionBus
from backcare_desktop.platform.notice import Notice

__all__ = ["DesktopNotifier", "Notice", "action_list"]

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT_MS = 800  # a notification server that hangs must not hold the window up


def action_list(notice: Notice) -> list[str]:
    """Key/label pairs; the first button is also the "default" (a click on the bubble)."""
    actions: list[str] = []
    for index, (key, label) in enumerate(notice.actions):
        if index == 0:
            actions += ["default", label]
        actions += [key, label]
    return actions


class DesktopNotifier(QObject):
    """One reminder bubble at a time; `action_invoked` says which button was pressed."""

    action_invoked = Signal(str)

    def __init__(self, icon: str = APP_ID, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self._id = 0
        self._first_key = ""
        self.bus = SessionBus(self._on_signal)
        self.bus.add_match(f"type='signal',interface='{SERVICE}',path='{PATH}'")
        fd = self.bus.fd()
        self._watch: QSocketNotifier | None = None
        if fd is not None:
            self._watch = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._watch.activated.connect(self._readable)

    def _readable(self) -> None:
        if not self.bus.dispatch() and self._watch is not None:
            self._watch.setEnabled(False)

    @staticmethod
    def available(bus: QDBusConnection) -> tuple[bool, str]:
        """Whether bubbles with buttons can be shown here, and if not, why."""
        if not bus.isConnected():
            return False, "no D-Bus session bus"
        message = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "GetCapabilities")
        reply = bus.call(message, QDBus.CallMode.Block, TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            return False, f"no notification server ({reply.errorName() or 'no reply'})"
        capabilities = reply.arguments()[0] if reply.arguments() else []
        if "actions" not in capabilities:
            return False, "the notification server shows no buttons"
        return True, "freedesktop notifications"

    def show(self, notice: Notice) -> bool:
        """False when it could not be shown (the caller falls back to its own window)."""
        self._first_key = notice.actions[0][0] if notice.actions else ""
        number = self.bus.notify(
            APP_NAME,
            self._id,
            self._icon,
            notice.title,
            notice.body,
            action_list(notice),
            {"desktop-entry": APP_ID},
            0,  # stays until answered, where the server allows
            TIMEOUT_MS,
        )
        if number is None:
            return False
        self._id = number
        return True

    @property
    def notification_id(self) -> int:
        return self._id

    def close(self) -> None:
        if self._id:
            self.bus.close_notification(self._id)

    def _on_signal(self, member: str, number: int, key: str) -> None:
        if member != "ActionInvoked" or number != self._id or not self._id:
            return  # another program's bubble, or a close
        self.action_invoked.emit(self._first_key if key == "default" else key)

    def shutdown(self) -> None:
        if self._watch is not None:
            self._watch.setEnabled(False)
        self.bus.close()
