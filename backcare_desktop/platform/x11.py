"""Just enough Xlib (through ctypes) for idle time and the fullscreen window: no new dependency.

The display connection is opened once and kept; every call answers None/False when the
X server, the library or the extension is missing rather than raising.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Mapping

log = logging.getLogger(__name__)

_ANY_PROPERTY_TYPE = 0
_XA_ATOM = 4
_XA_WINDOW = 33


class ScreenSaverInfo(ctypes.Structure):
    _fields_ = [
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),  # milliseconds since the last input
        ("event_mask", ctypes.c_ulong),
    ]


def _load(name: str) -> ctypes.CDLL | None:
    """The library by its usual sonames (libX11.so.6, libXss.so.1), else wherever
    `find_library` finds it. In that order because find_library imports subprocess and
    runs `ldconfig -p` (0.45 MB and a process, twice per library, issue 18)."""
    for candidate in (f"lib{name}.so.1", f"lib{name}.so.6"):
        try:
            return ctypes.CDLL(candidate)
        except OSError:
            continue
    from ctypes.util import find_library

    path = find_library(name)
    if path:
        try:
            return ctypes.CDLL(path)
        except OSError:
            pass
    return None


class X11Display:
    """An open connection to $DISPLAY, or `ok` False with the reason in `problem`."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.problem = ""
        self._display: int | None = None
        self._xss: ctypes.CDLL | None = None
        if not environ.get("DISPLAY"):
            self.problem = "no $DISPLAY"
            return
        xlib = _load("X11")
        if xlib is None:
            self.problem = "libX11 not found"
            return
        self._xlib = xlib
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = [ctypes.c_char_p]
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        xlib.XInternAtom.restype = ctypes.c_ulong
        xlib.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        xlib.XGetWindowProperty.argtypes = [
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.c_ulong,
            ctypes.c_long,
            ctypes.c_long,
            ctypes.c_int,
            ctypes.c_ulong,
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_void_p),
        ]
        xlib.XFree.argtypes = [ctypes.c_void_p]
        display = xlib.XOpenDisplay(environ["DISPLAY"].encode())
        if not display:
            self.problem = f"cannot open display {environ['DISPLAY']}"
            return
        self._display = display
        self._root = xlib.XDefaultRootWindow(display)

    @property
    def ok(self) -> bool:
        return self._display is not None

    def idle_ms(self) -> int | None:
        """MIT-SCREEN-SAVER's idle time, or None without the extension."""
        if self._display is None:
            return None
        if self._xss is None:
            xss = _load("Xss")
            if xss is None:
                self.problem = "libXss not found (Debian: libxss1)"
                return None
            xss.XScreenSaverQueryExtension.argtypes = [
                ctypes.c_void_p,
                ctypes.POINTER(ctypes.c_int),
                ctypes.POINTER(ctypes.c_int),
            ]
            xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(ScreenSaverInfo)
            xss.XScreenSaverQueryInfo.argtypes = [
                ctypes.c_void_p,
                ctypes.c_ulong,
                ctypes.POINTER(ScreenSaverInfo),
            ]
            event, error = ctypes.c_int(), ctypes.c_int()
            if not xss.XScreenSaverQueryExtension(
                self._display, ctypes.byref(event), ctypes.byref(error)
            ):
                self.problem = "the X server has no MIT-SCREEN-SAVER extension"
                return None
            self._xss = xss
            self._info = xss.XScreenSaverAllocInfo()
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return int(self._info.contents.idle)

    def _property(self, window: int, name: str, kind: int) -> list[int]:
        assert self._display is not None
        atom = self._xlib.XInternAtom(self._display, name.encode(), 1)
        if not atom:
            return []
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        count, after = ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        status = self._xlib.XGetWindowProperty(
            self._display,
            window,
            atom,
            0,
            64,
            0,
            kind,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(count),
            ctypes.byref(after),
            ctypes.byref(data),
        )
        if status != 0 or not data.value:
            return []
        try:
            if actual_format.value != 32:
                return []
            # Format 32 properties come back as C longs, whatever the word size.
            values = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))
            return [int(values[i]) for i in range(count.value)]
        finally:
            self._xlib.XFree(data)

    def active_window_is_fullscreen(self) -> bool:
        """What the window manager says (EWMH); False when there is none to ask."""
        if self._display is None:
            return False
        active = self._property(self._root, "_NET_ACTIVE_WINDOW", _XA_WINDOW)
        if not active or not active[0]:
            return False
        fullscreen = self._xlib.XInternAtom(self._display, b"_NET_WM_STATE_FULLSCREEN", 1)
        return bool(fullscreen) and fullscreen in self._property(
            active[0], "_NET_WM_STATE", _XA_ATOM
        )
