"""Whether a D-Bus session bus can be there: QtDBus and libdbus are loaded only then."""

from __future__ import annotations

import socket
from pathlib import Path

from backcare_desktop.platform.notice import session_bus_possible


def test_an_address_in_the_environment_means_a_bus_may_be_there(tmp_path: Path):
    env = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nowhere", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert session_bus_possible(env, "linux") is True


def test_the_runtime_folders_bus_socket_is_found_without_an_address(tmp_path: Path):
    bus = socket.socket(socket.AF_UNIX)
    bus.bind(str(tmp_path / "bus"))
    try:
        assert session_bus_possible({"XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is True
    finally:
        bus.close()


def test_no_address_and_no_bus_socket_means_no_bus(tmp_path: Path):
    assert session_bus_possible({"XDG_RUNTIME_DIR": str(tmp_path)}, "linux") is False
    assert session_bus_possible({"DBUS_SESSION_BUS_ADDRESS": ""}, "linux") is False
    assert session_bus_possible({}, "freebsd14") is False


def test_elsewhere_qtdbus_is_asked_as_before():
    assert session_bus_possible({}, "win32") is True
    assert session_bus_possible({}, "darwin") is True
