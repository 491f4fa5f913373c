"""No cyclic garbage collection while the window starts (issue 18)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from backcare_desktop import start_up
from backcare_desktop.cli import main


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was_enabled = gc.isenabled()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_paused_until_resumed_once():
    gc.enable()
    resume = start_up.collection_paused()
    assert not gc.isenabled()
    resume()
    assert gc.isenabled()
    gc.disable()  # someone else's choice after the start
    resume()
    assert not gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    start_up.collection_paused()()
    assert not gc.isenabled()


def test_the_collector_is_back_however_the_window_start_ends(data_dir, monkeypatch, capsys):
    # No display: the window branch returns at once, before any window.
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    gc.enable()
    assert main(["--data-dir", str(data_dir)]) == 2
    assert gc.isenabled()
