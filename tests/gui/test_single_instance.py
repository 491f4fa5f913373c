"""One running BackCare: a second launch hands over to the first (real processes)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcare_desktop.ui.single_instance import (
    MAX_REQUEST,
    InstanceServer,
    decode_request,
    encode_request,
    hand_over,
    server_name,
    user_name,
)
from backcare_desktop.ui.single_instance import socket_path as path_of_name
from tests.support import modules_loaded_by

WAIT = 30.0  # generous: the machine may be busy; nothing here asserts a duration


def wait_for(condition, what: str, process: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if process is not None and process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the app exited ({process.returncode}): {output[-2000:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def app_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text('{"health_note_acknowledged": true}', encoding="utf-8")
    # Short on purpose: a Unix socket path must fit in 108 bytes, tmp_path may not.
    runtime = Path(tempfile.mkdtemp(prefix="bc-", dir="/tmp"))
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS")}
    env |= {"QT_QPA_PLATFORM": "offscreen", "BACKCARE_DATA_DIR": str(data)}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    yield env
    shutil.rmtree(runtime, ignore_errors=True)


def start_app(env: dict[str, str], cue_log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "backcare_desktop", "--no-voice", "--cue-log", str(cue_log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def socket_path(env: dict[str, str]) -> Path:
    return Path(server_name(Path(env["BACKCARE_DATA_DIR"]), env))


def second_launch(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backcare_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


def first_cue(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8").splitlines()[0])


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    if process.stdout is not None:
        process.stdout.close()


@pytest.mark.slow
def test_a_second_launch_hands_its_routine_to_the_first_and_exits(tmp_path, app_env):
    cues = tmp_path / "cues.jsonl"
    first = start_app(app_env, cues)
    try:
        wait_for(socket_path(app_env).exists, "the first instance to listen", first)
        result = second_launch(app_env, "--routine", "desk-break")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        wait_for(lambda: cues.exists() and cues.stat().st_size > 0, "the routine to start")
        assert first_cue(cues)["step"] == 0
        assert first.poll() is None  # the first one is still running
    finally:
        stop(first)


@pytest.mark.slow
def test_a_socket_left_by_a_crash_is_taken_over(tmp_path, app_env):
    crashed = start_app(app_env, tmp_path / "unused.jsonl")
    wait_for(socket_path(app_env).exists, "the first instance to listen")
    crashed.send_signal(signal.SIGKILL)
    crashed.wait()
    stop(crashed)
    assert socket_path(app_env).exists()  # left behind
    cues = tmp_path / "cues.jsonl"
    again = start_app(app_env, cues)
    try:
        wait_for(lambda: hand_over_probe(app_env), "the new instance to take the socket over")
        result = second_launch(app_env, "--routine", "desk-break")
        assert result.returncode == 0, result.stderr
        wait_for(lambda: cues.exists() and cues.stat().st_size > 0, "the routine to start")
    finally:
        stop(again)


def hand_over_probe(env: dict[str, str]) -> bool:
    """Whether something accepts connections on the socket (a stale one refuses)."""
    probe = socket.socket(socket.AF_UNIX)
    try:
        probe.connect(str(socket_path(env)))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def test_with_nobody_listening_there_is_no_hand_over(qapp, tmp_path):
    assert hand_over(str(tmp_path / "nobody.sock"), None) is False


def test_the_stale_socket_is_removed_and_listened_on_again(qapp, tmp_path):
    path = tmp_path / "stale.sock"
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))  # bound, never listening: what a crash leaves
    stale.close()
    assert hand_over(str(path), None) is False
    server = InstanceServer(str(path))
    try:
        assert server.listen() is True
        assert server.listening
        assert hand_over(str(path), None) is True  # the new socket answers
    finally:
        server.close()


def test_requests_are_validated():
    assert decode_request(encode_request("desk-break")) == "desk-break"
    assert decode_request(encode_request(None)) is None
    nested = b"[" * 2000  # under the length limit, deeper than json can recurse
    for bad in (
        b"[1]\n",
        b"not json\n",
        b'{"routine": "../../x"}\n',
        b"\xff\n",
        b"{" * 5000,
        nested,
    ):
        with pytest.raises(ValueError):
            decode_request(bad)


def test_the_name_differs_per_data_folder(tmp_path):
    env = {"XDG_RUNTIME_DIR": "/tmp"}
    one = server_name(tmp_path / "a", env)
    assert one != server_name(tmp_path / "b", env)
    assert one == server_name(tmp_path / "a", env)
    assert Path(one).parent == Path("/tmp")


def test_a_runtime_folder_too_deep_for_a_socket_path_falls_back_to_a_name(tmp_path):
    deep = tmp_path / ("x" * 80)
    deep.mkdir()
    name = server_name(tmp_path / "a", {"XDG_RUNTIME_DIR": str(deep)})
    assert "/" not in name
    assert name.startswith("io.github.backcare.BackCare-")


# -- the Unix-socket server and the QtNetwork fallback ------------------------------------


def exchange(qapp, path: Path, data: bytes) -> bytes:
    """Send `data` to the server at `path` and let the event loop run until it answers."""
    client = socket.socket(socket.AF_UNIX)
    client.connect(str(path))
    client.sendall(data)
    client.setblocking(False)
    deadline = time.monotonic() + WAIT
    try:
        while time.monotonic() < deadline:
            qapp.processEvents()
            try:
                answer = client.recv(64)
            except BlockingIOError:
                time.sleep(0.01)
                continue
            return answer
        raise AssertionError("the server never answered")
    finally:
        client.close()


KEPT: list[object] = []


def close_now(server) -> None:
    """Close, and keep the object: a QLocalServer freed with accepted sockets still about
    crashes PySide in a later event pass (in the app the server lives as long as the app)."""
    server.close()
    KEPT.append(server)


def servers():
    from backcare_desktop.ui.single_instance_qt import QtInstanceServer

    return [InstanceServer, QtInstanceServer]


@contextlib.contextmanager
def listening(server_class, path: Path) -> Iterator[list[object]]:
    """`server_class` listening on `path`; what it passed on, closed on the way out."""
    server = server_class(str(path))
    asked: list[object] = []
    server.requested.connect(asked.append)
    try:
        assert server.listen() is True
        yield asked
    finally:
        close_now(server)


@pytest.mark.parametrize("server_class", servers(), ids=["unix-socket", "qtnetwork"])
def test_both_servers_answer_a_request_and_pass_its_routine_on(qapp, tmp_path, server_class):
    path = tmp_path / "s.sock"
    with listening(server_class, path) as asked:
        assert exchange(qapp, path, encode_request("desk-break")) == b"ok\n"
        assert exchange(qapp, path, encode_request(None)) == b"ok\n"
    assert asked == ["desk-break", None]


@pytest.mark.parametrize("server_class", servers(), ids=["unix-socket", "qtnetwork"])
def test_both_servers_refuse_a_malformed_request_and_pass_nothing_on(qapp, tmp_path, server_class):
    path = tmp_path / "s.sock"
    with listening(server_class, path) as asked:
        assert exchange(qapp, path, b'{"routine": "../../x"}\n') == b"error\n"
        assert exchange(qapp, path, b"{" * 5000) == b"error\n"  # no line end, too long
    assert asked == []


ANSWERING_SERVER = """
import socket, sys
listener = socket.socket(socket.AF_UNIX)
listener.bind(sys.argv[1])
listener.listen(1)
print("ready", flush=True)
conn, _ = listener.accept()
with conn:
    heard = conn.recv(int(sys.argv[2]))
    conn.sendall(sys.argv[3].encode())
print(heard.hex(), flush=True)
"""


@contextlib.contextmanager
def answering_server(path: Path, answer: str) -> Iterator[list[bytes]]:
    """A plain socket server that records one request and answers it, in a process of its
    own: QLocalSocket's waitFor* calls keep the interpreter lock, so a server thread in this
    process could not run while the Qt client waits for it."""
    process = subprocess.Popen(
        [sys.executable, "-c", ANSWERING_SERVER, str(path), str(MAX_REQUEST), answer],
        stdout=subprocess.PIPE,
        text=True,
    )
    heard: list[bytes] = []
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n"
        yield heard
        out, _ = process.communicate(timeout=WAIT)
        heard.append(bytes.fromhex(out.strip()))
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def clients():
    from backcare_desktop.ui.single_instance_qt import hand_over_qt

    return [hand_over, hand_over_qt]


@pytest.mark.parametrize("client", clients(), ids=["unix-socket", "qtnetwork"])
def test_both_clients_send_one_request_line(qapp, tmp_path, client):
    path = tmp_path / "s.sock"
    with answering_server(path, "ok\n") as heard:
        assert client(str(path), "desk-break") is True
    assert heard == [encode_request("desk-break")]


def test_the_socket_is_the_users_alone_and_leaves_nothing_beside_it(qapp, tmp_path):
    path = tmp_path / "s.sock"
    server = InstanceServer(str(path))
    try:
        assert server.listen() is True
        mode = path.stat().st_mode
        assert stat.S_ISSOCK(mode)
        assert stat.S_IMODE(mode) == 0o600
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sock"]  # no private folder
    finally:
        server.close()


def test_closing_removes_its_own_socket_and_never_a_newer_ones(qapp, tmp_path):
    path = tmp_path / "s.sock"
    older, newer = InstanceServer(str(path)), InstanceServer(str(path))
    assert older.listen() is True
    assert newer.listen() is True  # took the name over
    older.close()
    assert path.exists()  # still the newer one's
    assert exchange(qapp, path, encode_request(None)) == b"ok\n"
    newer.close()
    assert not path.exists()


def test_a_bare_name_lives_where_qlocalserver_puts_it(qapp, tmp_path, monkeypatch):
    from PySide6.QtNetwork import QLocalServer

    monkeypatch.setenv("TMPDIR", str(tmp_path))
    qt = QLocalServer()
    try:
        assert qt.listen("bc-bare-name")
        assert path_of_name("bc-bare-name") == qt.fullServerName()
    finally:
        qt.close()


@pytest.mark.parametrize(
    "env",
    [{"LOGNAME": "ann"}, {"USER": "bo"}, {"LNAME": "cy"}, {"USERNAME": "di"}, {}],
    ids=["LOGNAME", "USER", "LNAME", "USERNAME", "none"],
)
def test_the_user_is_named_as_getpass_names_it(monkeypatch, env):
    import getpass

    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in env.items():
        monkeypatch.setenv(variable, value)
    assert user_name(dict(os.environ)) == getpass.getuser()


def test_the_running_app_listens_without_qtnetwork(tmp_path):
    # QtNetwork maps 2.7 MB of libraries: the app's own instance server does without.
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "import backcare_desktop.ui.app\n"
        "from backcare_desktop.ui.companion_setup import claim_instance\n"
        "app = QApplication([])\n"
        f"server = claim_instance(Path({str(tmp_path)!r}), None)\n"
        "assert server is not None and server.listening\n"
        "server.close()\n"
        "print(sorted(m for m in sys.modules if 'QtNetwork' in m))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "XDG_RUNTIME_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=WAIT
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_instance_check_loads_no_socket_module():
    # socket's import makes its IntEnum classes and imports selectors, select and array:
    # 0.5 MB of a running BackCare for one Unix socket (issue 18).
    modules = modules_loaded_by("import backcare_desktop.ui.single_instance")
    assert "backcare_desktop.ui.single_instance" in modules
    assert modules & {"socket", "selectors", "select", "array"} == set()
