"""The benchmark script runs on its tiny configuration and writes the JSON it promises.

Only the shape is checked: timings are the benchmark's business, never a test's.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "benchmarks" / "run.py"

FIGURES = {
    "startup_app_ms",
    "startup_empty_ms",
    "startup_list_ms",
    "startup_vs_empty",
    "startup_vs_list",
    "startup_routines_ms",
    "startup_routines_ratio",
    "memory_app_mb",
    "memory_empty_mb",
    "memory_list_mb",
    "memory_ratio",
    "cpu_running_pct",
    "cpu_strokes_pct",
    "cpu_running_ratio",
    "cpu_paused_pct",
    "cpu_idle_pct",
    "timing_median_ms",
    "timing_worst_ms",
    "cue_backend_median_ms",
    "cue_backend_worst_ms",
    "cue_process_median_ms",
    "cue_process_worst_ms",
    "history_view_ms",
}
FIGURE_FIELDS = {"label", "unit", "median", "min", "max", "runs", "target", "pass"}


def _missing() -> str | None:
    if not SCRIPT.is_file():
        return "benchmarks/run.py is not here (an installed package has no benchmarks)"
    if not Path("/proc/self/stat").exists():
        return "the benchmark reads CPU and memory from Linux's /proc"
    if importlib.util.find_spec("PySide6") is None:
        return "PySide6 is not installed"
    return None


@pytest.mark.slow
@pytest.mark.skipif(_missing() is not None, reason=_missing() or "")
def test_quick_run_writes_valid_json(tmp_path: Path):
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    result = subprocess.run(
        # Offscreen: the shape of the report needs no X server, and a test must not take
        # a display number another process may be using.
        [sys.executable, str(SCRIPT), "--quick", "--no-pyttsx3", "--platform", "offscreen"]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text())
    assert {"meta", "figures", "misses", "errors"} <= report.keys()
    assert report["meta"]["quick"] is True
    assert report["errors"] == {}
    figures = report["figures"]
    assert figures.keys() >= FIGURES
    for key, figure in figures.items():
        assert figure.keys() >= FIGURE_FIELDS, key
        assert isinstance(figure["runs"], list), key
    # Every section produced numbers (what they are is not the test's business).
    for key in (
        "startup_app_ms",
        "startup_empty_ms",
        "startup_list_ms",
        "startup_routines_ms",
        "memory_app_mb",
        "memory_empty_mb",
        "cpu_strokes_pct",
        "cpu_idle_pct",
        "timing_worst_ms",
        "cue_backend_worst_ms",
        "history_view_ms",
    ):
        assert figures[key]["runs"], key
    # Every ratio is taken run by run, of launches made side by side.
    assert len(figures["startup_vs_list"]["runs"]) == len(figures["startup_app_ms"]["runs"])
    assert len(figures["memory_ratio"]["runs"]) == len(figures["memory_app_mb"]["runs"])
    # A figure with a target and runs says whether it met it.
    for key in ("startup_vs_empty", "memory_ratio", "cpu_running_ratio", "cpu_idle_pct"):
        assert isinstance(figures[key]["pass"], bool), key
    assert "figure" in result.stdout  # the table's header
