"""The benchmark script runs on its tiny configuration and writes the JSON it promises.

Only the shape is checked: timings are the benchmark's business, never a test's.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

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
    "startup_routines_first_ms",
    "startup_app_cpu_ms",
    "startup_cpu_vs_empty",
    "memory_app_mb",
    "memory_children_mb",
    "memory_empty_mb",
    "memory_list_mb",
    "memory_ratio",
    "cpu_running_pct",
    "cpu_strokes_pct",
    "cpu_running_ratio",
    "cpu_running_ns_pct",
    "cpu_strokes_ns_pct",
    "cpu_running_ns_ratio",
    "cpu_paused_pct",
    "cpu_idle_pct",
    "cpu_reminder_wait_pct",
    "wakes_reminder_wait",
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
    # Offscreen: the shape of the report needs no X server, and a test must not take a
    # display number another process may be using.
    argv = ["--quick", "--no-pyttsx3", "--platform", "offscreen", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *argv],
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
        "startup_routines_first_ms",
        "startup_app_cpu_ms",
        "memory_app_mb",
        "memory_empty_mb",
        "cpu_strokes_pct",
        "cpu_strokes_ns_pct",
        "cpu_running_ns_pct",
        "cpu_idle_pct",
        "cpu_reminder_wait_pct",
        "wakes_reminder_wait",
        "timing_worst_ms",
        "cue_backend_worst_ms",
        "history_view_ms",
    ):
        assert figures[key]["runs"], key
    # Every ratio is taken run by run, of launches made side by side.
    assert len(figures["startup_vs_list"]["runs"]) == len(figures["startup_app_ms"]["runs"])
    assert len(figures["memory_ratio"]["runs"]) == len(figures["memory_app_mb"]["runs"])
    ns_runs = figures["cpu_running_ns_ratio"]["runs"]
    assert len(ns_runs) == len(figures["cpu_running_ratio"]["runs"])
    # A figure with a target and runs says whether it met it.
    for key in (
        "startup_vs_empty",
        "memory_ratio",
        "cpu_running_ratio",
        "cpu_idle_pct",
        "cpu_reminder_wait_pct",
    ):
        assert isinstance(figures[key]["pass"], bool), key
    # The reminder wait says which threads woke while it waited.
    assert report["details"]["reminder_wait_wake_ups"][0]["threads"]
    assert "figure" in result.stdout  # the table's header


@pytest.fixture
def bench(monkeypatch: pytest.MonkeyPatch):
    """The benchmark's own package, imported as run.py imports it."""
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    return importlib.import_module("bench.figures"), importlib.import_module("bench.startup")


def test_start_up_launches_take_turns_going_first(bench):
    _, startup = bench
    rounds = startup.launch_rounds(["app", "empty", "list", "many"], 8)
    assert all(sorted(order) == ["app", "empty", "list", "many"] for order in rounds)
    assert [order[0] for order in rounds] == ["app", "empty", "list", "many"] * 2


def test_a_ratio_pairs_the_runs_made_side_by_side(bench):
    figures_module, _ = bench
    figures = figures_module.Figures()
    figures.define("app", "App", "ms")
    figures.define("floor", "Floor", "ms")
    figures.define("ratio", "App / floor", "x", ("<=", 1.5))
    figures["app"].values = [300.0, 200.0, 450.0]
    figures["floor"].values = [150.0, 100.0, 300.0]
    figures.ratio("ratio", "app", "floor")
    assert figures["ratio"].values == [2.0, 2.0, 1.5]
    assert figures["ratio"].passed is False


def test_the_table_says_met_or_missed_against_each_target(bench):
    figures_module, _ = bench
    figures = figures_module.Figures()
    figures.define("fast", "Fast enough", "ms", ("<", 60.0)).values = [50.0, 70.0, 40.0]
    figures.define("slow", "At the limit", "ms", ("<", 60.0)).values = [60.0, 59.0, 80.0]
    figures.define("plain", "No target", "ms").values = [1.0]
    rows = {row[0]: row for row in figures_module.table_rows(figures)}
    assert rows["Fast enough"][-2:] == ["< 60.0 (#18)", "met"]
    assert rows["At the limit"][-2:] == ["< 60.0 (#18)", "missed"]
    assert rows["No target"][-2:] == ["", ""]
    assert rows["Fast enough"][2:6] == ["50.0", "40.0", "70.0", "3"]


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads Linux's /proc")
def test_child_processes_memory_counts_children_only(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    system = importlib.import_module("bench.system")
    # A parent that starts one child and waits to be told to go; the child itself says
    # when it is running (on the stdout it shares with its parent), so its memory is there.
    code = (
        "import subprocess, sys; child = subprocess.Popen([sys.executable, '-c', "
        "'import sys; print(\\'ready\\', flush=True); sys.stdin.read()'], "
        "stdin=subprocess.PIPE); sys.stdin.read(); child.communicate(b'')"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    lone = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None and parent.stdout.readline() == "ready\n"
        with_child = system.children_peak_rss_mb(parent.pid)
        alone = system.children_peak_rss_mb(lone.pid)
    finally:
        parent.communicate("")
        lone.communicate("\n")
    assert with_child > 1.0  # a Python interpreter is several MB
    assert alone == 0.0


def test_prepare_compiles_every_module_as_an_install_does(bench, tmp_path: Path):
    # A page no warm-up launch opens (Progress) must not compile its modules in a
    # measured run: an installed app has all its bytecode from pip.
    _, startup = bench
    cache = tmp_path / "pycache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    launched: list[tuple[object, ...]] = []
    harness = SimpleNamespace(
        config=SimpleNamespace(quick=True),
        env={**env, "PYTHONPYCACHEPREFIX": str(cache)},
        data_dir=lambda name: tmp_path / name,
        launch_to_paint=lambda *args: launched.append(args),
    )
    startup.prepare(harness)
    assert len(launched) == 1  # and the app's warm-up launch still runs
    compiled = {p.name.split(".")[0] for p in cache.rglob("backcare_desktop/ui/*.pyc")}
    assert {"progress_page", "progress", "progress_list", "charts"} <= compiled


# A window with a list, watched to its first paint by the start-up probe; prints whether
# PySide6 built the QStyle type on the way (nothing in the window asks Python for one).
# With "app", a filter on the whole application watches too, as the probe once did.
PROBED_WINDOW = """
import sys
sys.path.insert(0, sys.argv[1])
from PySide6 import QtWidgets
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QListWidget, QVBoxLayout, QWidget
from probe import report_first_paint

class Everything(QObject):
    def eventFilter(self, watched, event):
        return False

app = QApplication([])
window = QWidget()
QVBoxLayout(window).addWidget(QListWidget(window))
window.show()
everything = Everything()
if sys.argv[2] == "app":
    app.installEventFilter(everything)
probe = report_first_paint(window, app.quit)
app.exec()
print("QStyle" in vars(QtWidgets))
"""


@pytest.mark.skipif(importlib.util.find_spec("PySide6") is None, reason="PySide6 is not installed")
def test_the_probe_leaves_the_types_for_the_window_to_build():
    # PySide6 types built by a probe (QStyle and its enums, ~12 ms) are paid by no window
    # without it: in the empty floor, +4.9 MB; in the app, a later click on Progress would
    # find them made.
    def style_built(watch: str) -> bool:
        result = subprocess.run(
            [sys.executable, "-c", PROBED_WINDOW, str(REPO / "benchmarks" / "drivers"), watch],
            capture_output=True,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            timeout=60,
            check=True,
        )
        return result.stdout.split()[-1] == "True"

    assert style_built("app")  # what a filter on the whole application costs
    assert not style_built("window")


def test_the_history_run_launches_the_app_under_control(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))
    figures = importlib.import_module("bench.figures")
    history = importlib.import_module("bench.history")
    launched: list[tuple[str, ...]] = []

    class Child:
        def send(self, line: str) -> None:
            pass

        def wait_for(self, event: str, timeout: float) -> dict[str, float]:
            return {"t": 1.0, "asked": 0.9, **dict.fromkeys(VIEW_FIGURES, 1.0)}

        def close(self, quit_line: str | None = None) -> None:
            pass

    @contextlib.contextmanager
    def painted(script: Path, *args: str):
        launched.append(args)
        yield Child(), SimpleNamespace(wall_ms=1.0)

    harness_module = importlib.import_module("bench.harness")
    options = SimpleNamespace(quick=True, runs=1, startup_runs=1, platform="offscreen")
    options.display, options.no_pyttsx3 = None, True
    config = dataclasses.replace(harness_module.Config.build(options), history_days=3, settle=0.0)
    table = figures.Figures()
    figures.define_figures(table, config)
    harness = SimpleNamespace(
        config=config,
        workdir=tmp_path,
        details={},
        figures=table,
        data_dir=lambda name: (tmp_path / name).mkdir() or tmp_path / name,
        painted=painted,
        spawn=lambda *args: Child(),
    )
    history.history(harness)
    (args,) = launched
    assert args[: args.index("--")] == ("--control",)


VIEW_FIGURES = (
    "view_first_paint_ms",
    "view_build_ms",
    "stats_ms",
    "store_open_ms",
    "store_reopen_ms",
)
