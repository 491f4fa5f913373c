"""Just enough libdbus (ctypes) to send `Notify` and hear its `ActionInvoked`.

Why not QtDBus alone: PySide6 cannot send a D-Bus uint32 (a Python int goes out as int32,
and QDBusArgument's `<<` picks uint16), and `Notify` takes its replaces-id as a uint32.
And why not `gdbus call`: several servers (dunst) send `ActionInvoked` only to the
connection that called `Notify`, so the caller must be a connection that stays open.

The connection is private to this object; `fd` is watched by the caller's event loop
(a QSocketNotifier), which calls `dispatch()` when it is readable: no polling.
"""

from __future__ import annotations

import ctypes
import logging
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

BUS_SESSION = 0
DISPATCH_DATA_REMAINS = 0
HANDLER_NOT_YET_HANDLED = 1
T_INVALID, T_STRING, T_UINT32, T_INT32 = 0, ord("s"), ord("u"), ord("i")
T_ARRAY, T_VARIANT, T_DICT_ENTRY = ord("a"), ord("v"), ord("e")
ITER_SIZE = 128  # DBusMessageIter is 72 bytes on 64-bit; room to spare

_FILTER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


class _Error(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("message", ctypes.c_char_p),
        ("dummy", ctypes.c_uint),
        ("padding", ctypes.c_void_p),
    ]


def _load() -> ctypes.CDLL | None:
    # The usual soname first: find_library imports subprocess and runs `ldconfig -p`.
    try:
        return ctypes.CDLL("libdbus-1.so.3")
    except OSError:
        pass
    from ctypes.util import find_library

    name = find_library("dbus-1")
    if name:
        try:
            return ctypes.CDLL(name)
        except OSError:
            pass
    return None


class SessionBus:
    """A private session-bus connection; `ok` False (and `problem`) when there is none."""

    def __init__(self, on_signal: Callable[[str, int, str], None]) -> None:
        self.problem = ""
        self._conn: int | None = None
        self._on_signal = on_signal
        lib = _load()
        if lib is None:
            self.problem = "libdbus-1 not found"
            return
        self._lib = lib
        for name, restype in (
            ("dbus_bus_get_private", ctypes.c_void_p),
            ("dbus_message_new_method_call", ctypes.c_void_p),
            ("dbus_connection_send_with_reply_and_block", ctypes.c_void_p),
        ):
            getattr(lib, name).restype = restype
        lib.dbus_bus_get_private.argtypes = [ctypes.c_int, ctypes.POINTER(_Error)]
        lib.dbus_message_new_method_call.argtypes = [ctypes.c_char_p] * 4
        lib.dbus_connection_send_with_reply_and_block.argtypes = [
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.POINTER(_Error),
        ]
        lib.dbus_connection_read_write.restype = ctypes.c_int
        for name in (
            "dbus_message_unref",
            "dbus_connection_read_write",
            "dbus_connection_dispatch",
            "dbus_connection_flush",
            "dbus_connection_close",
            "dbus_connection_unref",
        ):
            getattr(lib, name).argtypes = [ctypes.c_void_p] + (
                [ctypes.c_int] if name == "dbus_connection_read_write" else []
            )
        lib.dbus_message_is_signal.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p]
        lib.dbus_message_iter_init_append.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.dbus_message_iter_append_basic.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_void_p,
        ]
        lib.dbus_message_iter_open_container.argtypes = [
            ctypes.c_void_p,
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_void_p,
        ]
        lib.dbus_message_iter_close_container.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        lib.dbus_connection_send.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p]
        lib.dbus_connection_get_unix_fd.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.dbus_connection_set_exit_on_disconnect.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.dbus_bus_add_match.argtypes = [
            ctypes.c_void_p,
            ctypes.c_char_p,
            ctypes.POINTER(_Error),
        ]
        lib.dbus_connection_add_filter.argtypes = [
            ctypes.c_void_p,
            _FILTER,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        lib.dbus_error_init.argtypes = [ctypes.POINTER(_Error)]
        lib.dbus_error_free.argtypes = [ctypes.POINTER(_Error)]
        error = self._error()
        conn = lib.dbus_bus_get_private(BUS_SESSION, ctypes.byref(error))
        if not conn:
            self.problem = self._take(error) or "no D-Bus session bus"
            return
        lib.dbus_connection_set_exit_on_disconnect(conn, 0)  # libdbus would exit() the app
        self._conn = conn
        self._filter = _FILTER(self._filter_message)  # kept: libdbus holds only the pointer
        lib.dbus_connection_add_filter(conn, self._filter, None, None)

    @property
    def ok(self) -> bool:
        return self._conn is not None

    def _error(self) -> _Error:
        error = _Error()
        self._lib.dbus_error_init(ctypes.byref(error))
        return error

    def _take(self, error: _Error) -> str:
        text = (error.message or b"").decode(errors="replace") if error.name else ""
        self._lib.dbus_error_free(ctypes.byref(error))
        return text

    def fd(self) -> int | None:
        fd = ctypes.c_int(-1)
        if self._conn is None or not self._lib.dbus_connection_get_unix_fd(
            self._conn, ctypes.byref(fd)
        ):
            return None
        return fd.value

    def add_match(self, rule: str) -> None:
        if self._conn is None:
            return
        error = self._error()
        self._lib.dbus_bus_add_match(self._conn, rule.encode(), ctypes.byref(error))
        problem = self._take(error)
        if problem:
            log.warning("D-Bus match %s refused: %s", rule, problem)

    def dispatch(self) -> bool:
        """Read what arrived and hand each message to the filter (non-blocking).

        False once the bus has gone: the caller stops watching the socket, which would
        otherwise stay readable (hung up) and wake the event loop for ever.
        """
        if self._conn is None:
            return False
        connected = bool(self._lib.dbus_connection_read_write(self._conn, 0))
        while self._lib.dbus_connection_dispatch(self._conn) == DISPATCH_DATA_REMAINS:
            pass
        if not connected:
            log.warning("the D-Bus session bus went away: no more notifications")
            self.close()
        return connected

    def _filter_message(self, _conn: int, message: int, _data: int) -> int:
        try:
            for member in ("ActionInvoked", "NotificationClosed"):
                iface = b"org.freedesktop.Notifications"
                if self._lib.dbus_message_is_signal(message, iface, member.encode()):
                    number, text = ctypes.c_uint32(), ctypes.c_char_p()
                    error = self._error()
                    second = T_STRING if member == "ActionInvoked" else T_UINT32
                    reason = ctypes.c_uint32()
                    target = ctypes.byref(text) if second == T_STRING else ctypes.byref(reason)
                    if self._lib.dbus_message_get_args(
                        ctypes.c_void_p(message),
                        ctypes.byref(error),
                        ctypes.c_int(T_UINT32),
                        ctypes.byref(number),
                        ctypes.c_int(second),
                        target,
                        ctypes.c_int(T_INVALID),
                    ):
                        value = (text.value or b"").decode(errors="replace")
                        self._on_signal(member, number.value, value)
                    self._take(error)
        except Exception:  # never let an exception cross back into C
            log.exception("a D-Bus signal could not be read")
        return HANDLER_NOT_YET_HANDLED

    # -- building a message ------------------------------------------------------------

    def _append(self, it: ctypes.Array[ctypes.c_char], kind: int, value: str | int) -> None:
        append = self._lib.dbus_message_iter_append_basic
        if kind == T_STRING:
            text = ctypes.c_char_p(str(value).encode())
            append(it, kind, ctypes.byref(text))
        elif kind == T_UINT32:
            unsigned = ctypes.c_uint32(int(value))
            append(it, kind, ctypes.byref(unsigned))
        else:
            signed = ctypes.c_int32(int(value))
            append(it, kind, ctypes.byref(signed))

    def _open(
        self, it: ctypes.Array[ctypes.c_char], kind: int, sig: str | None
    ) -> ctypes.Array[ctypes.c_char]:
        sub = ctypes.create_string_buffer(ITER_SIZE)
        self._lib.dbus_message_iter_open_container(it, kind, sig.encode() if sig else None, sub)
        return sub

    def notify(
        self,
        app: str,
        replaces: int,
        icon: str,
        summary: str,
        body: str,
        actions: Sequence[str],
        hints: dict[str, str],
        timeout_ms: int,
        call_timeout_ms: int,
    ) -> int | None:
        """The server's id for the notification, or None (the reason is logged)."""
        if self._conn is None:
            return None
        lib = self._lib
        message = lib.dbus_message_new_method_call(
            b"org.freedesktop.Notifications",
            b"/org/freedesktop/Notifications",
            b"org.freedesktop.Notifications",
            b"Notify",
        )
        it = ctypes.create_string_buffer(ITER_SIZE)
        lib.dbus_message_iter_init_append(message, it)
        self._append(it, T_STRING, app)
        self._append(it, T_UINT32, replaces)
        for text in (icon, summary, body):
            self._append(it, T_STRING, text)
        strings = self._open(it, T_ARRAY, "s")
        for action in actions:
            self._append(strings, T_STRING, action)
        lib.dbus_message_iter_close_container(it, strings)
        table = self._open(it, T_ARRAY, "{sv}")
        for key, value in hints.items():
            entry = self._open(table, T_DICT_ENTRY, None)
            self._append(entry, T_STRING, key)
            variant = self._open(entry, T_VARIANT, "s")
            self._append(variant, T_STRING, value)
            lib.dbus_message_iter_close_container(entry, variant)
            lib.dbus_message_iter_close_container(table, entry)
        lib.dbus_message_iter_close_container(it, table)
        self._append(it, T_INT32, timeout_ms)
        error = self._error()
        reply = lib.dbus_connection_send_with_reply_and_block(
            self._conn, message, call_timeout_ms, ctypes.byref(error)
        )
        lib.dbus_message_unref(message)
        if not reply:
            log.warning("the notification was not shown: %s", self._take(error))
            return None
        number = ctypes.c_uint32()
        got = lib.dbus_message_get_args(
            ctypes.c_void_p(reply),
            ctypes.byref(error),
            ctypes.c_int(T_UINT32),
            ctypes.byref(number),
            ctypes.c_int(T_INVALID),
        )
        lib.dbus_message_unref(reply)
        problem = self._take(error)
        self.dispatch()  # signals that came in while we waited for the reply
        if not got:
            log.warning("unexpected reply to Notify: %s", problem)
            return None
        return int(number.value)

    def close_notification(self, number: int) -> None:
        if self._conn is None:
            return
        lib = self._lib
        message = lib.dbus_message_new_method_call(
            b"org.freedesktop.Notifications",
            b"/org/freedesktop/Notifications",
            b"org.freedesktop.Notifications",
            b"CloseNotification",
        )
        it = ctypes.create_string_buffer(ITER_SIZE)
        lib.dbus_message_iter_init_append(message, it)
        self._append(it, T_UINT32, number)
        lib.dbus_connection_send(self._conn, message, None)
        lib.dbus_connection_flush(self._conn)
        lib.dbus_message_unref(message)

    def close(self) -> None:
        if self._conn is not None:
            self._lib.dbus_connection_close(self._conn)
            self._lib.dbus_connection_unref(self._conn)
            self._conn = None
