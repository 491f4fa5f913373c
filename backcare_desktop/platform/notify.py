"""Desktop notifications with buttons (freedesktop.org `Notify`), where the desktop has them.

Capabilities and the `ActionInvoked` signal go through QtDBus. The `Notify` call itself goes
through `gdbus` (GLib's D-Bus tool, on every GLib-based desktop): PySide6 cannot send a
D-Bus `uint32` (a Python int becomes int32 or uint16), and `Notify` takes its id as one.
"""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass

from PySide6.QtCore import SLOT, QObject, QProcess, Signal, Slot
from PySide6.QtDBus import QDBus, QDBusConnection, QDBusMessage

from backcare_desktop.platform.app_id import APP_ID, APP_NAME

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
TIMEOUT_MS = 800  # a notification server that hangs must not hold the window up
_ID = re.compile(r"\(uint32 (\d+),\)")


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    actions: tuple[tuple[str, str], ...]  # (key, label); the first is the default action


def _gvariant_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def notify_argv(notice: Notice, replaces: int, icon: str) -> list[str]:
    """The `gdbus call` for this notice (GVariant text; every string quoted)."""
    actions: list[str] = []
    for index, (key, label) in enumerate(notice.actions):
        # "default" is what a click on the bubble itself sends.
        actions += ["default" if index == 0 else key, label]
        if index == 0:
            actions += [key, label]
    hints = f"{{'desktop-entry': <{_gvariant_string(APP_ID)}>, 'urgency': <byte 1>}}"
    return [
        "gdbus",
        "call",
        "--session",
        "--timeout",
        "2",
        "--dest",
        SERVICE,
        "--object-path",
        PATH,
        "--method",
        f"{SERVICE}.Notify",
        _gvariant_string(APP_NAME),
        f"uint32 {replaces}",
        _gvariant_string(icon),
        _gvariant_string(notice.title),
        _gvariant_string(notice.body),
        "[" + ", ".join(_gvariant_string(a) for a in actions) + "]",
        hints,
        "int32 0",  # 0: stays until answered (where the server allows)
    ]


class DesktopNotifier(QObject):
    """One reminder bubble at a time; `action_invoked` says which button was pressed."""

    action_invoked = Signal(str)

    def __init__(
        self, bus: QDBusConnection, icon: str = APP_ID, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._bus = bus
        self._icon = icon
        self._id = 0
        self._first_key = ""
        self._process: QProcess | None = None
        # Any sender: the server's unique name is not known in advance; ids are checked.
        slot = SLOT("_on_action(uint,QString)")
        bus.connect("", PATH, SERVICE, "ActionInvoked", self, slot)  # type: ignore[call-overload]

    @staticmethod
    def available(bus: QDBusConnection) -> tuple[bool, str]:
        """Whether bubbles with buttons can be shown here, and if not, why."""
        if not bus.isConnected():
            return False, "no D-Bus session bus"
        if shutil.which("gdbus") is None:
            return False, "gdbus not found (Debian: libglib2.0-bin)"
        message = QDBusMessage.createMethodCall(SERVICE, PATH, SERVICE, "GetCapabilities")
        reply = bus.call(message, QDBus.CallMode.Block, TIMEOUT_MS)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage:
            return False, f"no notification server ({reply.errorName() or 'no reply'})"
        capabilities = reply.arguments()[0] if reply.arguments() else []
        if "actions" not in capabilities:
            return False, "the notification server shows no buttons"
        return True, "freedesktop notifications"

    def show(self, notice: Notice) -> None:
        self._first_key = notice.actions[0][0] if notice.actions else ""
        process = QProcess(self)
        argv = notify_argv(notice, self._id, self._icon)
        process.finished.connect(lambda *_: self._shown(process))
        process.start(argv[0], argv[1:])
        self._process = process

    def _shown(self, process: QProcess) -> None:
        output = bytes(process.readAllStandardOutput().data()).decode(errors="replace")
        match = _ID.search(output)
        if match:
            self._id = int(match.group(1))
        else:
            error = bytes(process.readAllStandardError().data()).decode(errors="replace")
            log.warning("the notification was not shown: %s", error.strip() or output.strip())
        process.deleteLater()

    @property
    def notification_id(self) -> int:
        return self._id

    def close(self) -> None:
        if self._id and shutil.which("gdbus"):
            QProcess.startDetached(
                "gdbus",
                [
                    "call",
                    "--session",
                    "--dest",
                    SERVICE,
                    "--object-path",
                    PATH,
                    "--method",
                    f"{SERVICE}.CloseNotification",
                    f"uint32 {self._id}",
                ],
            )

    @Slot("uint", "QString")
    def _on_action(self, notification_id: int, key: str) -> None:
        if notification_id != self._id or not self._id:
            return  # another program's bubble
        self.action_invoked.emit(self._first_key if key == "default" else key)
