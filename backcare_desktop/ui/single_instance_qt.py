"""The instance socket through QtNetwork, for systems without Unix sockets (Windows' named
pipes): the same protocol as single_instance's, which uses this only there."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from backcare_desktop.ui.single_instance import (
    ANSWER_MS,
    CONNECT_MS,
    MAX_REQUEST,
    decode_request,
    encode_request,
)

log = logging.getLogger(__name__)


def hand_over_qt(name: str, routine: str | None) -> bool:
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


class QtInstanceServer(QObject):
    """Listens for later launches; `requested` carries the routine id (or None)."""

    requested = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

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
