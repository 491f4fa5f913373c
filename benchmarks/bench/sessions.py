"""Memory and CPU: the app at home, in a session, paused and waiting for a reminder,
beside its floors.

Runs alternate: the floors then the app, then the app then the floors, so a change in
the machine's load falls on both sides alike.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from bench.harness import APP, BENCH_ROUTINE_ID, FLOOR, Harness, app_args
from bench.system import (
    BenchError,
    children_peak_rss_mb,
    cpu_percent_over,
    cpu_percents_over,
    peak_rss_mb,
    sleep_until,
    wake_ups,
)


def sessions(h: Harness) -> None:
    for n in range(h.config.runs):
        if n % 2:
            app_session(h, n)
            app_waiting(h, n)
            floors(h)
        else:
            floors(h)
            app_waiting(h, n)
            app_session(h, n)
    f = h.figures
    f.ratio("memory_ratio", "memory_app_mb", "memory_empty_mb")
    f.ratio("cpu_running_ratio", "cpu_running_pct", "cpu_strokes_pct")
    f.ratio("cpu_running_ns_ratio", "cpu_running_ns_pct", "cpu_strokes_ns_pct")


def floors(h: Harness) -> None:
    config, f = h.config, h.figures
    with h.painted(FLOOR, "empty") as (child, _):
        time.sleep(config.settle)
        before = wake_ups(child.pid)
        f["cpu_empty_idle_pct"].add(cpu_percent_over(child.pid, config.idle_window))
        f["wakes_empty_idle"].add(_main_wakes_per_minute(child.pid, before, config.idle_window))
        f["memory_empty_mb"].add(peak_rss_mb(child.pid))
    with h.painted(FLOOR, "list") as (child, _):
        time.sleep(config.settle)
        f["memory_list_mb"].add(peak_rss_mb(child.pid))
    with h.painted(FLOOR, "strokes") as (child, _):
        time.sleep(config.settle)
        ticks, ns = cpu_percents_over(child.pid, config.run_window)
        f["cpu_strokes_pct"].add(ticks)
        f["cpu_strokes_ns_pct"].add(ns)


def app_session(h: Harness, n: int) -> None:
    config, f = h.config, h.figures
    root = h.data_dir(f"session-{n}")
    # A returning person's folder, as for start-up: one launch first fills the routine
    # summary cache. (On a very first start every routine is compiled to be summarised,
    # and those timelines stay: +0.6 MB measured, the start-up rows report that start.)
    h.launch_to_paint(APP, *app_args(root))
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
        ticks, ns = cpu_percents_over(child.pid, config.run_window)
        f["cpu_running_pct"].add(ticks)
        f["cpu_running_ns_pct"].add(ns)
        sleep_until(started + config.session_seconds)
        f["memory_app_mb"].add(peak_rss_mb(child.pid))
        ack = child.command("pause")
        if ack.get("status") != "paused":
            raise BenchError(f"the session did not pause: {ack}")
        time.sleep(config.settle)
        f["cpu_paused_pct"].add(cpu_percent_over(child.pid, config.paused_window))


def app_waiting(h: Harness, n: int) -> None:
    """Home, idle, with two reminders armed: every 50 min of active use (the idle time is
    sampled every 15 s where the desktop tells it) and a fixed time two hours ahead."""
    config, f = h.config, h.figures
    later = (datetime.now() + timedelta(hours=2)).strftime("%H:%M")
    reminders = {"reminders": {"schedules": [{"every": 50}, {"at": later}]}}
    root = h.data_dir(f"waiting-{n}", settings=reminders)
    with h.painted(APP, *app_args(root)) as (child, _):
        time.sleep(config.settle)
        before = wake_ups(child.pid)
        f["cpu_reminder_wait_pct"].add(cpu_percent_over(child.pid, config.reminder_window))
        after = wake_ups(child.pid)
        f["wakes_reminder_wait"].add(
            _main_wakes_per_minute(child.pid, before, config.reminder_window, after)
        )
        # Which threads woke, for the notes: the main thread's timers, Qt's own threads.
        woke: dict[str, Any] = {t: after[t] - before[t] for t in before.keys() & after.keys()}
        h.details.setdefault("reminder_wait_wake_ups", []).append(
            {"seconds": config.reminder_window, "threads": woke}
        )


def _main_wakes_per_minute(
    pid: int, before: dict[str, int], seconds: float, after: dict[str, int] | None = None
) -> float:
    after = wake_ups(pid) if after is None else after
    (main,) = [key for key in before if key.endswith(f"/{pid}")]
    return 60.0 * (after[main] - before[main]) / seconds
