"""Start-up: process start to the first painted window, the app beside its floors.

Each round launches the app, the empty window, the styled list and the app with a
person's many routine files once each, in an order that turns by one every round, so no
side always follows another and every ratio compares launches made moments apart.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.harness import APP, FLOOR, REPO, Harness, app_args

FLOORS = ("empty", "list", "strokes")


def prepare(h: Harness) -> None:
    """One launch of each window, not measured: fills the bytecode cache and the disk
    cache, so no figure pays for what only the very first start after an install does.
    (--quick checks the harness only: the app's launch is enough there.)"""
    compile_app(h)
    for kind in () if h.config.quick else FLOORS:
        h.launch_to_paint(FLOOR, kind)
    h.launch_to_paint(APP, *app_args(h.data_dir("prepare")))


def compile_app(h: Harness) -> None:
    """Every module of the app compiled into the run's bytecode cache, as pip does on
    install: a launch compiles only what it imports, and the first opening of a page no
    launch showed (Progress: 40-60 ms more in the first of the history runs) would pay
    for compiling its modules."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "backcare_desktop")],
        env=h.env,
        check=True,
        capture_output=True,
    )


def launch_rounds(keys: list[str], rounds: int) -> list[list[str]]:
    """Each round holds every key once; the order turns by one a round, so over
    len(keys) rounds each key goes first once and follows each other key alike."""
    return [keys[n % len(keys) :] + keys[: n % len(keys)] for n in range(rounds)]


def startup(h: Harness) -> None:
    f = h.figures
    root = h.data_dir("startup")
    crowded = h.data_dir("startup-routines", h.config.routine_files)
    launches: dict[str, tuple[Path, list[str]]] = {
        "startup_app_ms": (APP, app_args(root)),
        "startup_empty_ms": (FLOOR, ["empty"]),
        "startup_list_ms": (FLOOR, ["list"]),
        "startup_routines_ms": (APP, app_args(crowded)),
    }
    # One launch on each data dir first, not counted among the rest: it creates the files
    # that every start but a person's very first finds there (the settings, the history,
    # the routine summary cache). The crowded one is reported on its own: that first start
    # reads every routine file in full.
    h.launch_to_paint(APP, *app_args(root))
    f["startup_routines_first_ms"].add(h.launch_to_paint(APP, *app_args(crowded)).wall_ms)
    for order in launch_rounds(list(launches), h.config.startup_runs):
        for key in order:
            script, args = launches[key]
            paint = h.launch_to_paint(script, *args)
            f[key].add(paint.wall_ms)
            f[key.replace("_ms", "_cpu_ms")].add(paint.cpu_ms)
    f.ratio("startup_vs_empty", "startup_app_ms", "startup_empty_ms")
    f.ratio("startup_vs_list", "startup_app_ms", "startup_list_ms")
    f.ratio("startup_routines_ratio", "startup_routines_ms", "startup_app_ms")
    f.ratio("startup_cpu_vs_empty", "startup_app_cpu_ms", "startup_empty_cpu_ms")
    f.ratio("startup_cpu_vs_list", "startup_app_cpu_ms", "startup_list_cpu_ms")
    f.ratio("startup_cpu_routines_ratio", "startup_routines_cpu_ms", "startup_app_cpu_ms")
