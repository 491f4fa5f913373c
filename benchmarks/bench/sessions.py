"""Memory and CPU: the app at home, in a session and paused, beside its floors.

Runs alternate: the floors then the app, then the app then the floors, so a change in
the machine's load falls on both sides alike.
"""

from __future__ import annotations

import time

from bench.harness import APP, BENCH_ROUTINE_ID, FLOOR, Harness, app_args
from bench.system import (
    BenchError,
    children_peak_rss_mb,
    cpu_percent_over,
    peak_rss_mb,
    sleep_until,
)


def sessions(h: Harness) -> None:
    for n in range(h.config.runs):
        if n % 2:
            app_session(h, n)
            floors(h)
        else:
            floors(h)
            app_session(h, n)
    f = h.figures
    f.ratio("memory_ratio", "memory_app_mb", "memory_empty_mb")
    f.ratio("cpu_running_ratio", "cpu_running_pct", "cpu_strokes_pct")


def floors(h: Harness) -> None:
    config, f = h.config, h.figures
    with h.painted(FLOOR, "empty") as (child, _):
        time.sleep(config.settle)
        f["cpu_empty_idle_pct"].add(cpu_percent_over(child.pid, config.idle_window))
        f["memory_empty_mb"].add(peak_rss_mb(child.pid))
    with h.painted(FLOOR, "list") as (child, _):
        time.sleep(config.settle)
        f["memory_list_mb"].add(peak_rss_mb(child.pid))
    with h.painted(FLOOR, "strokes") as (child, _):
        time.sleep(config.settle)
        f["cpu_strokes_pct"].add(cpu_percent_over(child.pid, config.run_window))


def app_session(h: Harness, n: int) -> None:
    config, f = h.config, h.figures
    root = h.data_dir(f"session-{n}")
    with h.painted(APP, *app_args(root, "--speed", "1")) as (child, _):
        time.sleep(config.settle)
        f["cpu_idle_pct"].add(cpu_percent_over(child.pid, config.idle_window))
        # With --no-voice no speech should run at all: any child process is extra.
        f["memory_children_mb"].add(children_peak_rss_mb(child.pid))
        ack = child.command(f"start {BENCH_ROUTINE_ID}")
        if ack.get("status") != "running":
            raise BenchError(f"the session did not start: {ack}{child.stderr_tail()}")
        started = time.monotonic()
        sleep_until(started + config.run_skip)
        f["cpu_running_pct"].add(cpu_percent_over(child.pid, config.run_window))
        sleep_until(started + config.session_seconds)
        f["memory_app_mb"].add(peak_rss_mb(child.pid))
        ack = child.command("pause")
        if ack.get("status") != "paused":
            raise BenchError(f"the session did not pause: {ack}")
        time.sleep(config.settle)
        f["cpu_paused_pct"].add(cpu_percent_over(child.pid, config.paused_window))
