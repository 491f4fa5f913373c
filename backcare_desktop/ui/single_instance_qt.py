"""One running BackCare per person (and data folder): a second launch hands over and exits.

The first instance listens on a local socket; a second one connects, sends one JSON line
(`{"routine": ID or null}`), waits briefly for "ok" and exits 0. A socket left by a crash
answers nobody: it is removed and the new instance listens in its place.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backcare_desktop.core.reminders import ReminderError, check_routine_id
from backcare_desktop.platform.app_id import APP_ID

log = logging.getLogger(__name__)

CONNECT_MS = 300
ANSWER_MS = 500
MAX_REQUEST = 4096
MAX_SOCKET_PATH = 100


def server_name(data_dir: Path, environ: dict[str, str] | None = None) -> str:
    """Per user and per data folder, so tests with their own data never meet the real app."""
    env = dict(os.environ) if environ is None else environ
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
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


def encode_request(routine: str | None) -> bytes:
    return (json.dumps({"routine": routine}) + "\n").encode()


def decode_request(data: bytes) -> str | None:
    """The routine id asked for (None: just show the window); ValueError if malformed."""
    if len(data) > MAX_REQUEST:
        raise ValueError("request too long")
    message = json.loads(data.decode("utf-8"))
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
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(encode_request(routine))
    socket.flush()
    socket.waitForBytesWritten(ANSWER_MS)
    answered = socket.waitForReadyRead(ANSWER_MS) and bytes(socket.readAll().data()).startswith(
        b"ok"
    )
    if not answered:
        log.warning("the running BackCare took the request but did not answer")
    socket.disconnectFromServer()
    return True


def hand_over_to_running(data_dir: Path, routine: str | None) -> bool:
    """Before anything heavy is imported: True when a running BackCare took the request."""
    return hand_over(server_name(data_dir), routine)


class InstanceServer(QObject):
    """Listens for later launches; `requested` carries the routine id (or None)."""

    requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        if self.server.listen(self.name):
            return True
        # Nobody answered hand_over, so whatever holds the name is left from a crash.
        log.info("removing a stale BackCare socket %s", self.name)
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            return True
        log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                return
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine() and socket.bytesAvailable() < MAX_REQUEST:
            return
        data = bytes(socket.readLine(MAX_REQUEST + 1).data())
        try:
            routine = decode_request(data)
        except ValueError as e:  # includes bad JSON and bad UTF-8
            log.warning("ignored a malformed request from another launch: %s", e)
            socket.write(b"error\n")
            socket.flush()
            return
        socket.write(b"ok\n")
        socket.flush()
        self.requested.emit(routine)

    def close(self) -> None:
        self.server.close()
