"""Whether a fullscreen window is in front (a film, a presentation, a game), where it can be told.

X11: the window manager's _NET_ACTIVE_WINDOW and _NET_WM_STATE (EWMH). Windows: the shell's
notification state. Elsewhere (Wayland, macOS) there is no way to ask: never busy.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

from backcare_desktop.platform.x11 import X11Display

# SHQueryUserNotificationState: QUNS_BUSY, QUNS_RUNNING_D3D_FULL_SCREEN, QUNS_PRESENTATION_MODE
_WINDOWS_BUSY = {2, 3, 4}


def _windows_busy() -> bool:
    if sys.platform != "win32":
        return False
    state = ctypes.c_int()
    if ctypes.windll.shell32.SHQueryUserNotificationState(ctypes.byref(state)) != 0:
        return False
    return state.value in _WINDOWS_BUSY


def choose_fullscreen_check(
    platform: str | None = None, environ: Mapping[str, str] | None = None
) -> tuple[Callable[[], bool], str]:
    platform = platform or sys.platform
    env = os.environ if environ is None else environ
    if platform == "win32":
        return _windows_busy, "Windows notification state"
    if env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        display = X11Display(env)
        if display.ok:
            return display.active_window_is_fullscreen, "X11 window manager (EWMH)"
    return (lambda: False), "none"
