"""How long since the person last touched keyboard or pointer, where the platform says.

Backends: GNOME's Mutter IdleMonitor over D-Bus (X11 and Wayland), the X11 MIT-SCREEN-SAVER
extension, Windows' GetLastInputInfo and macOS' CoreGraphics. Elsewhere (other Wayland
desktops) `NoIdle`: the scheduler then counts all waking time as use.
"""

from __future__ import annotations

import ctypes
import logging
import os
import sys
from collections.abc import Mapping

from backcare_desktop.core.scheduler import IdleSource, NoIdle
from backcare_desktop.platform.x11 import X11Display

log = logging.getLogger(__name__)

DBUS_TIMEOUT_MS = 500  # a hung bus must not hold the window up


class X11Idle:
    name = "X11 MIT-SCREEN-SAVER"

    def __init__(self, display: X11Display) -> None:
        self._display = display

    def idle_seconds(self) -> float | None:
        ms = self._display.idle_ms()
        return None if ms is None else ms / 1000


class MutterIdle:
    name = "GNOME Mutter IdleMonitor"

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        self._iface = QDBusInterface(
            "org.gnome.Mutter.IdleMonitor",
            "/org/gnome/Mutter/IdleMonitor/Core",
            "org.gnome.Mutter.IdleMonitor",
            QDBusConnection.sessionBus(),
        )
        self._iface.setTimeout(DBUS_TIMEOUT_MS)

    def idle_seconds(self) -> float | None:
        if not self._iface.isValid():
            return None
        reply = self._iface.call("GetIdletime")
        values = reply.arguments()
        if reply.errorName() or not values or not isinstance(values[0], int):
            return None
        return float(values[0]) / 1000


class WindowsIdle:
    name = "Windows GetLastInputInfo"

    def idle_seconds(self) -> float | None:
        if sys.platform != "win32":
            return None

        class LastInputInfo(ctypes.Structure):
            _fields_ = [("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint)]

        info = LastInputInfo()
        info.cbSize = ctypes.sizeof(info)
        if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        now = ctypes.windll.kernel32.GetTickCount()
        return ((now - info.dwTime) & 0xFFFFFFFF) / 1000  # both wrap after 49.7 days


class MacIdle:
    name = "macOS CoreGraphics"

    def __init__(self) -> None:
        self._cg: ctypes.CDLL | None = None
        try:
            cg = ctypes.CDLL("/System/Library/Frameworks/CoreGraphics.framework/CoreGraphics")
        except OSError:
            return
        cg.CGEventSourceSecondsSinceLastEventType.restype = ctypes.c_double
        cg.CGEventSourceSecondsSinceLastEventType.argtypes = [ctypes.c_int, ctypes.c_uint32]
        self._cg = cg

    def idle_seconds(self) -> float | None:
        if self._cg is None:
            return None
        # Combined session state, any input event type.
        return float(self._cg.CGEventSourceSecondsSinceLastEventType(0, 0xFFFFFFFF))


def choose_idle_source(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> tuple[IdleSource, str]:
    """The first backend that answers here, and its name (for the log and the notes)."""
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    candidates: list[IdleSource] = []
    if platform == "win32":
        candidates.append(WindowsIdle())
    elif platform == "darwin":
        candidates.append(MacIdle())
    else:
        desktop = env.get("XDG_CURRENT_DESKTOP", "").upper()
        if "GNOME" in desktop and env.get("DBUS_SESSION_BUS_ADDRESS"):
            candidates.append(MutterIdle())
        # Under Wayland the X server only sees X clients' input: its idle time would lie.
        if env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
            candidates.append(X11Idle(X11Display(env)))
    for source in candidates:
        if source.idle_seconds() is not None:
            name = str(getattr(source, "name", type(source).__name__))
            return source, name
    return NoIdle(), "none (all waking time counts as use)"
