"""One running BackCare per person (and data folder): a second launch hands over and exits.

The first instance listens on a local socket; a second one connects, sends one JSON line
(`{"routine": ID or null}`), waits briefly for "ok" and exits 0. A socket left by a crash
answers nobody: the new instance listens in its place.

Where the system has Unix sockets this is Python's own socket watched by a QSocketNotifier:
QtNetwork's QLocalServer did the same but mapped 2.7 MB of libraries (QtNetwork and the
Kerberos libraries it links) into every running BackCare (issue 18). Elsewhere (Windows'
named pipes) single_instance_qt keeps QLocalServer, with the same protocol.
"""

from __future__ import annotations

# `_socket`, the C module under `socket`: connecting and listening need nothing of
# socket.py, whose enum classes, selectors and array cost ~11 M instructions before the
# window's first paint (issue 18). It is imported for the first later launch's `accept`.
import _socket
import contextlib
import json
import logging
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Signal

from backcare_desktop.core.reminders import ReminderError, check_routine_id
from backcare_desktop.platform.app_id import APP_ID

if TYPE_CHECKING:
    import socket

    from backcare_desktop.ui.single_instance_qt import QtInstanceServer

log = logging.getLogger(__name__)

CONNECT_MS = 300
ANSWER_MS = 500
MAX_REQUEST = 4096
MAX_SOCKET_PATH = 100
UNIX_SOCKETS = hasattr(_socket, "AF_UNIX")


def user_name(environ: dict[str, str]) -> str:
    """Who runs BackCare, as getpass.getuser() says it (without its import of termios)."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        if environ.get(variable):
            return environ[variable]
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_name
    except (ImportError, KeyError, OSError):
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def server_name(data_dir: Path, environ: dict[str, str] | None = None) -> str:
    """Per user and per data folder, so tests with their own data never meet the real app."""
    env = dict(os.environ) if environ is None else environ
    user = user_name(env)
    folder = str(data_dir.expanduser().resolve())
    # Two 32-bit checksums, not a cryptographic hash: a name only tells folders apart, and
    # hashlib would load OpenSSL (3.6 MB, ~5 ms) before the window opens (issue 18).
    key = f"{user}\0{folder}".encode()
    digest = f"{zlib.crc32(key):08x}{zlib.adler32(key):08x}"
    name = f"{APP_ID}-{digest}"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    path = str(Path(runtime) / f"{name}.sock")
    # Private to the user, unlike /tmp; but a Unix socket path must fit in 108 bytes.
    if runtime and Path(runtime).is_dir() and len(path.encode()) <= MAX_SOCKET_PATH:
        return path
    return name


def socket_path(name: str, environ: dict[str, str] | None = None) -> str:
    """The file a name listens at: a path as it is, a bare name in the temporary folder
    (where QLocalServer put it, so an older BackCare and this one find each other)."""
    if "/" in name:
        return name
    env = os.environ if environ is None else environ
    return str(Path(os.path.normpath(env.get("TMPDIR") or "/tmp")) / name)


def encode_request(routine: str | None) -> bytes:
    return (json.dumps({"routine": routine}) + "\n").encode()


def decode_request(data: bytes) -> str | None:
    """The routine id asked for (None: just show the window); ValueError if malformed."""
    if len(data) > MAX_REQUEST:
        raise ValueError("request too long")
    try:
        message = json.loads(data.decode("utf-8"))
    except RecursionError:  # thousands of nested brackets: not a ValueError on its own
        raise ValueError("request nested too deeply") from None
    if not isinstance(message, dict):
        raise ValueError("request is not an object")
    routine = message.get("routine")
    if routine is None:
        return None
    try:
        return check_routine_id(routine)
    except ReminderError as e:
        raise ValueError(str(e)) from None


def hand_over(name: str, routine: str | None) -> bool:
    """Give the request to a running instance; False when none answers."""
    if not UNIX_SOCKETS:
        from backcare_desktop.ui.single_instance_qt import hand_over_qt

        return hand_over_qt(name, routine)
    client = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        client.settimeout(CONNECT_MS / 1000)
        try:
            client.connect(socket_path(name))
        except OSError:  # nothing there, or a file left by a crash: nobody listens
            return False
        client.settimeout(ANSWER_MS / 1000)
        try:
            client.sendall(encode_request(routine))
            answered = client.recv(16).startswith(b"ok")
        except OSError:
            answered = False
        if not answered:
            log.warning("the running BackCare took the request but did not answer")
        return True
    finally:
        client.close()


def hand_over_to_running(data_dir: Path, routine: str | None) -> bool:
    """Before anything heavy is imported: True when a running BackCare took the request."""
    return hand_over(server_name(data_dir), routine)


def instance_server(name: str) -> InstanceServer | QtInstanceServer:
    """The server for later launches: on a Unix socket where there are some."""
    if UNIX_SOCKETS:
        return InstanceServer(name)
    from backcare_desktop.ui.single_instance_qt import QtInstanceServer

    return QtInstanceServer(name)


class _Connection:
    """One later launch: its socket, what it has sent so far, and the notifier on it."""

    def __init__(self, conn: socket.socket, notifier: QSocketNotifier) -> None:
        self.socket = conn
        self.notifier = notifier
        self.data = b""


class InstanceServer(QObject):
    """Listens for later launches; `requested` carries the routine id (or None)."""

    requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.path = socket_path(name)
        self._listener: _socket.socket | None = None
        self._watch: QSocketNotifier | None = None
        self._inode: int | None = None
        self._connections: dict[int, _Connection] = {}
        # Notifiers of closed connections, let go of when the next launch connects:
        # deleting one inside its own signal crashes (deleteLater too, when the server
        # goes first).
        self._retired: list[QSocketNotifier] = []
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)  # the socket file goes with the app

    @property
    def listening(self) -> bool:
        return self._listener is not None

    def listen(self) -> bool:
        try:
            listener, self._inode = _listen_private(self.path)
        except OSError as e:
            log.warning("cannot listen on %s: %s", self.path, e.strerror or e)
            return False
        listener.setblocking(False)
        self._listener = listener
        self._watch = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._watch.activated.connect(self._accept)
        return True

    def _accept(self) -> None:
        self._retired.clear()
        if self._listener is None:
            return
        listener = _with_accept(self._listener)
        self._listener = listener
        while self._listener is not None:
            try:
                conn, _ = listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:  # out of file descriptors, say: the next launch tries again
                log.warning("could not take a later launch's connection: %s", e)
                return
            conn.setblocking(False)
            fd = conn.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read)
            self._connections[fd] = _Connection(conn, notifier)
            # The signal's own arguments (descriptor, type) go to `_`; `fd` stays bound.
            notifier.activated.connect(lambda *_, fd=fd: self._read(fd))

    def _read(self, fd: int) -> None:
        connection = self._connections.get(fd)
        if connection is None:
            return
        try:
            chunk = connection.socket.recv(MAX_REQUEST + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            chunk = b""
        if not chunk:  # the other launch went away before a whole request
            self._drop(fd)
            return
        connection.data += chunk
        line, newline, _ = connection.data.partition(b"\n")
        if not newline and len(connection.data) < MAX_REQUEST:
            return  # the rest of the line is on its way
        data = (line + newline)[: MAX_REQUEST + 1]
        try:
            routine = decode_request(data)
        except ValueError as e:  # includes bad JSON and bad UTF-8
            log.warning("ignored a malformed request from another launch: %s", e)
            self._answer(fd, b"error\n")
            return
        self._answer(fd, b"ok\n")
        self.requested.emit(routine)

    def _answer(self, fd: int, answer: bytes) -> None:
        connection = self._connections[fd]
        try:
            connection.socket.send(answer)  # a few bytes into an empty buffer: never blocks
        except OSError as e:
            log.info("the other launch left before its answer: %s", e)
        self._drop(fd)

    def _drop(self, fd: int) -> None:
        connection = self._connections.pop(fd, None)
        if connection is not None:
            # Off before the file descriptor goes, or Qt would watch a closed (or reused) one.
            connection.notifier.setEnabled(False)
            self._retired.append(connection.notifier)
            connection.socket.close()

    def close(self) -> None:
        for fd in list(self._connections):
            self._drop(fd)
        if self._watch is not None:
            self._watch.setEnabled(False)
            self._watch.deleteLater()
            self._watch = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
            # Only our own socket: a newer BackCare may have listened in its place.
            with contextlib.suppress(OSError):
                if Path(self.path).stat().st_ino == self._inode:
                    Path(self.path).unlink()


def _with_accept(listener: _socket.socket) -> socket.socket:
    """The listener as a `socket.socket`, for its `accept`: the same descriptor (the one the
    notifier watches) and the same timeout (none: it never blocks)."""
    import socket

    if isinstance(listener, socket.socket):
        return listener
    timeout = listener.gettimeout()
    full = socket.socket(listener.family, listener.type, listener.proto, listener.detach())
    full.settimeout(timeout)
    return full


def _listen_private(path: str) -> tuple[_socket.socket, int]:
    """A listening socket at `path` that only this user can connect to, put in place of
    whatever file a crash left there in one step, and its inode (taken before the rename,
    which keeps it: a launch renaming its own over ours a moment later is not taken for
    ours when we close).

    Bound in a new private folder beside `path` (so no other user can connect between the
    bind and the chmod), then renamed over `path`: what QLocalServer's UserAccessOption
    does."""
    folder = Path(path).parent
    for _ in range(8):
        private = folder / f".backcare-{os.urandom(4).hex()}"
        try:
            private.mkdir(mode=0o700)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(f"no free private folder in {folder}")
    bound = private / "s"
    listener = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        listener.bind(str(bound))
        bound.chmod(0o600)
        listener.listen(8)
        inode = bound.stat().st_ino
        if Path(path).is_symlink() or Path(path).exists():
            # Nobody answered hand_over, so whatever holds the name is left from a crash.
            log.info("removing a stale BackCare socket %s", path)
        bound.replace(path)
    except OSError:
        listener.close()
        bound.unlink(missing_ok=True)
        raise
    finally:
        with contextlib.suppress(OSError):
            private.rmdir()
    return listener, inode
