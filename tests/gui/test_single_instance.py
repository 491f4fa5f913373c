"""One running BackCare: a second launch hands over to the first (real processes)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backcare_desktop.ui.single_instance import (
    InstanceServer,
    decode_request,
    encode_request,
    hand_over,
    server_name,
)

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
        assert server.server.isListening()
    finally:
        server.close()


def test_requests_are_validated():
    assert decode_request(encode_request("desk-break")) == "desk-break"
    assert decode_request(encode_request(None)) is None
    for bad in (b"[1]\n", b"not json\n", b'{"routine": "../../x"}\n', b"\xff\n", b"{" * 5000):
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


def test_without_socket_options_the_stale_file_is_removed_first(qapp, tmp_path):
    # With UserAccessOption Qt renames its new socket over the old file itself; without
    # options listen() fails on the leftover, and the server removes it and tries again.
    from PySide6.QtNetwork import QLocalServer

    path = tmp_path / "stale.sock"
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(path))
    stale.close()
    server = InstanceServer(str(path))
    server.server.setSocketOptions(QLocalServer.SocketOption.NoOptions)
    try:
        assert server.listen() is True
    finally:
        server.close()
