"""Hostile command lines: each gives exit 2 and a sentence naming the value, never a
traceback and never a window that cannot work."""

from __future__ import annotations

import pytest

from backcare_desktop.cli import main, no_display_problem
from backcare_desktop.cli_parser import MAX_SPEED, MIN_SPEED

from .test_cli import run_cli


@pytest.mark.parametrize("speed", ["nan", "inf", "-inf", "1e-300", "0", "-2", "1e9", "fast"])
def test_a_speed_outside_the_range_is_refused(speed: str, capsys):
    with pytest.raises(SystemExit) as info:
        main([f"--speed={speed}", "list"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"argument --speed: '{speed}'" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("speed", [str(MIN_SPEED), "1", "4", str(MAX_SPEED)])
def test_speeds_in_the_range_are_taken(speed: str, data_dir):
    assert run_cli("--speed", speed, "list")[0] == 0


def test_a_data_dir_that_is_a_file_is_refused(tmp_path):
    file = tmp_path / "file"
    file.write_text("x")
    for args in (["list"], ["history"], ["validate", str(file)]):
        code, _, err = run_cli("--data-dir", str(file / "sub"), *args)
        assert code == 2
        assert f"{file} is a file, not a folder" in err


def test_no_display_is_said_plainly(data_dir, monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    code, _, err = run_cli("--routine", "nope")
    assert code == 2
    assert "no display found" in err
    assert no_display_problem({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert no_display_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_an_unwritable_cue_log_is_refused_before_any_window(
    tmp_path, data_dir, monkeypatch, capsys
):
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        # Nothing in this test may create one: the refusal comes first.
        monkeypatch.setattr(QApplication, "__init__", lambda *a: pytest.fail("Qt started"))
    target = tmp_path / "no-such-folder" / "cues.log"
    code, _, _ = run_cli("--no-voice", "--cue-log", str(target))
    assert code == 2
    assert f"cannot write the cue log {target}" in capsys.readouterr().err
