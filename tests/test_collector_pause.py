"""The garbage collector's pause while the window starts (backcare_desktop.collector_pause)."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from backcare_desktop.collector_pause import CollectorPause, collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    # Whatever a test does to the collector, the next one (and pytest) finds it on again.
    gc.enable()
    yield
    gc.enable()


def collections_during(work: object) -> int:
    """How many collector passes ran while `work()` made 20,000 objects in cycles."""
    passes: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            passes.append(info["generation"])

    gc.callbacks.append(count)
    try:
        assert callable(work)
        work()
    finally:
        gc.callbacks.remove(count)
    return len(passes)


def make_cycles() -> None:
    for _ in range(20_000):
        box: list[object] = []
        box.append(box)


def test_inside_the_block_the_collector_does_not_run():
    with collector_paused() as pause:
        assert pause.holding is True
        assert gc.isenabled() is False
        assert collections_during(make_cycles) == 0
    assert gc.isenabled() is True
    assert collections_during(make_cycles) > 0


def test_finish_lets_it_go_before_the_block_ends_and_once():
    with collector_paused() as pause:
        pause.finish()
        assert (pause.holding, gc.isenabled()) == (False, True)
        gc.disable()  # someone else's choice, made after the pause let go
        pause.finish()
        assert gc.isenabled() is False
    assert gc.isenabled() is False


def test_the_collector_is_back_when_the_block_fails():
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("a start that fails")
    assert gc.isenabled() is True


def test_a_collector_already_off_is_left_off():
    gc.disable()
    with collector_paused() as pause:
        assert pause.holding is False
    assert gc.isenabled() is False


def test_a_pause_inside_another_holds_nothing():
    with collector_paused() as outer:
        with collector_paused() as inner:
            assert inner.holding is False
        assert gc.isenabled() is False  # the inner block's end did not let it go
        assert outer.holding is True
    assert gc.isenabled() is True


def test_start_twice_then_finish_once_is_on_again():
    pause = CollectorPause()
    pause.start()
    pause.start()
    pause.finish()
    assert gc.isenabled() is True


def test_a_command_runs_with_the_collector_on(tmp_path, monkeypatch: pytest.MonkeyPatch):
    # Only the window's start waits: `backcare history` over fifty years, or a thousand
    # files to validate, must not pile up their garbage.
    import io

    from backcare_desktop import cli

    seen: list[bool] = []

    def run_command(*args: object) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "run_command", run_command)
    words = ["--data-dir", str(tmp_path / "data"), "history"]
    assert cli.main(words, io.StringIO(), io.StringIO()) == 0
    assert seen == [True]


def test_loading_the_qt_side_on_its_own_runs_no_collector_pass():
    # What imports the window's package without cli.main (the benchmark's app driver does,
    # before its own Qt imports) gets the import the window's start has; the collector is
    # on again afterwards. (Its first pass then may come before load_qt_side returns, so
    # the passes counted are those made while a module was being imported.)
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from backcare_desktop.cli import load_qt_side\n"
        "passes = []\n"
        "def importing():\n"
        "    frame = sys._getframe()\n"
        "    while frame is not None:\n"
        "        if frame.f_code.co_filename == '<frozen importlib._bootstrap>':\n"
        "            return True\n"
        "        frame = frame.f_back\n"
        "    return False\n"
        "def count(phase, info):\n"
        "    if phase == 'start' and importing():\n"
        "        passes.append(1)\n"
        "gc.callbacks.append(count)\n"
        "load_qt_side()\n"
        "print('REPORT', len(passes), gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.split() == ["REPORT", "0", "True"]
