"""--cue-log: one flushed JSON line per cue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backcare_desktop.speech.cue_log import CueLog


def test_each_line_is_on_disk_as_soon_as_it_is_written(tmp_path: Path):
    path = tmp_path / "cues.jsonl"
    log = CueLog.open(path)
    try:
        log.write(0.0, "Cat stretch. Come onto hands and knees.", 0)
        # Read back while the log is still open: a crash now would lose nothing.
        assert json.loads(path.read_text()) == {
            "t": 0.0,
            "text": "Cat stretch. Come onto hands and knees.",
            "step": 0,
        }
        log.write(10.0004, "1 of 8. Breathe out — and round up", 1)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert json.loads(lines[1]) == {
            "t": 10.0,
            "text": "1 of 8. Breathe out — and round up",
            "step": 1,
        }
    finally:
        log.close()


def test_opening_starts_a_fresh_log(tmp_path: Path):
    path = tmp_path / "cues.jsonl"
    path.write_text("old run\n")
    with CueLog.open(path) as log:
        log.write(1.5, "Inhale", 2)
    assert path.read_text().splitlines() == ['{"t": 1.5, "text": "Inhale", "step": 2}']


def test_a_full_disk_is_logged_once_and_the_session_goes_on(caplog):
    if not Path("/dev/full").exists():
        pytest.skip("/dev/full is Linux's always-full device")
    log = CueLog.open("/dev/full")
    with caplog.at_level("WARNING"):
        for step in range(5):
            log.write(float(step), "Breathe in", step)  # never raises
        log.close()
    assert log.failure is not None
    assert "/dev/full" in log.failure
    assert "No space left on device" in log.failure
    assert len([r for r in caplog.records if "cue log stops" in r.getMessage()]) == 1
