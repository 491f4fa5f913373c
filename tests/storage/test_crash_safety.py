"""Kill a real process mid-session: the finished exercises survive, the session is interrupted."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.storage.fakes import WallClock, opened

REPO = Path(__file__).resolve().parents[2]
READY = "two exercises done"

# The child runs the real engine and recorder on a fake clock to the middle of the third
# exercise, says so, and waits to be killed there.
CHILD = textwrap.dedent(
    f"""
    import sys, time
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from backcare_desktop.core.clock import FakeClock
    from backcare_desktop.core.engine import SessionEngine
    from backcare_desktop.core.timeline import compile_routine
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.storage.recorder import SessionRecorder
    from tests.storage.fakes import tiny_library

    store = HistoryStore(Path(sys.argv[1]), tz=ZoneInfo("Europe/Berlin"))
    routine, exercises = tiny_library()
    timeline = compile_routine(routine, exercises)
    clock = FakeClock(0.0)
    engine = SessionEngine(timeline, clock)
    engine.subscribe(SessionRecorder(store, timeline, pain_before=5))
    engine.start()
    while clock.now() < timeline.spans[2].start + 1.0:
        clock.advance(0.5)
        engine.poll()
    print({READY!r}, flush=True)
    while True:
        time.sleep(1)
    """
)


def wait_for_line(proc: subprocess.Popen[str], seconds: float) -> str:
    assert proc.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        if not selector.select(timeout=seconds):
            raise AssertionError(f"the child said nothing in {seconds} s")
    return proc.stdout.readline().strip()


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_mid_session_keeps_finished_exercises(tmp_path):
    path = tmp_path / "history.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            line = wait_for_line(proc, 60)
        finally:
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
        assert line == READY, err
        assert proc.returncode == -signal.SIGKILL
    assert path.with_name(path.name + "-wal").exists()  # died with its WAL open

    clock = WallClock(datetime.now(UTC))
    with opened(path, clock, ZoneInfo("Europe/Berlin")) as store:
        assert len(store.interrupted) == 1
        record = store.session(store.interrupted[0])
        assert record is not None
        assert record.status == "interrupted"
        assert (record.exercises_done, record.exercises_total) == (2, 3)
        assert record.pain_before == 5
        assert [(e.exercise_id, e.outcome) for e in store.exercises(record.id)] == [
            ("cat", "completed"),
            ("child", "completed"),
        ]
        assert record.ended is not None and record.ended >= record.started
