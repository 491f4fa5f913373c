"""History at scale: decades of daily sessions, the Progress page opened on them."""

from __future__ import annotations

import shutil
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

from bench.harness import APP, PROGRESS, Harness, app_args


def history(h: Harness) -> None:
    config = h.config
    source = h.workdir / "history-source" / "history.sqlite3"
    started = time.perf_counter()
    sessions = make_history(source, config.history_days)
    h.details["history"] = {
        "days": config.history_days,
        "sessions": sessions,
        "generated_in_s": round(time.perf_counter() - started, 2),
    }
    f = h.figures
    for n in range(config.runs):
        # In the app: a person with decades of history starts BackCare and presses
        # Progress. (The data dir is a fresh copy each time: opening writes to it.)
        root = h.data_dir(f"history-app-{n}")
        shutil.copyfile(source, root / source.name)
        with h.painted(APP, *app_args(root)) as (child, paint):
            f["startup_app_history_ms"].add(paint.wall_ms)
            time.sleep(config.settle)
            child.send("progress")
            shown = child.wait_for("progress_painted", 30)
            f["history_view_ms"].add((shown["t"] - shown["asked"]) * 1000)
        # The view on its own, with its parts timed (stats, first page, file open).
        copy = h.workdir / f"history-{n}" / "history.sqlite3"
        copy.parent.mkdir()
        shutil.copyfile(source, copy)
        child = h.spawn(PROGRESS, str(copy))
        try:
            result = child.wait_for("progress", 60)
        finally:
            child.close(quit_line=None)
        f["history_view_alone_ms"].add(result["view_first_paint_ms"])
        f["history_build_ms"].add(result["view_build_ms"])
        f["history_stats_ms"].add(result["stats_ms"])
        f["history_store_open_ms"].add(result["store_open_ms"])
        f["history_store_reopen_ms"].add(result["store_reopen_ms"])
    if config.quick:
        for key in f.items:
            if key.startswith("history_") or key == "startup_app_history_ms":
                f[key].note = f"{config.history_days} days only (--quick)"


def make_history(path: Path, days: int) -> int:
    """`days` of daily sessions ending yesterday, through the history helper's own API."""
    import random
    from zoneinfo import ZoneInfo

    from backcare_desktop.storage.history import HistoryStore

    path.parent.mkdir(parents=True, exist_ok=True)
    zone = ZoneInfo("Europe/London")
    moment = [datetime.now(UTC)]
    rng = random.Random(7)
    store = HistoryStore(path, now=lambda: moment[0], tz=zone)
    try:
        # A generator's shortcut: the store syncs every commit to disk, right for a
        # person's sessions and 20 s for 25,000 commits of fixture. read() runs any SQL.
        store.read("PRAGMA synchronous = OFF")
        first = date.today() - timedelta(days=days)
        count = 0
        for n in range(days):
            day = first + timedelta(days=n)
            hour = rng.choice((7, 8, 12, 18, 21))
            moment[0] = datetime.combine(day, clock_time(hour, 30), zone).astimezone(UTC)
            exercises = rng.randint(4, 7)
            done = exercises if rng.random() > 0.1 else rng.randint(0, exercises - 1)
            pain = rng.randint(2, 7) if rng.random() > 0.3 else None
            session = store.start_session(
                "stiff-lower-back",
                "Stiff lower back",
                exercises,
                planned_seconds=540.0,
                pain_before=pain,
            )
            for k in range(done):
                moment[0] += timedelta(seconds=90)
                store.record_exercise(session, k, f"exercise-{k}", "completed", 90.0)
            store.finish_session(
                session, "completed" if done == exercises else "stopped", active_seconds=90.0 * done
            )
            if pain is not None:
                store.set_after_checkin(
                    session,
                    max(0, pain - rng.randint(0, 3)),
                    rng.choice(("too-easy", "about-right", "too-hard")),
                )
            count += 1
        return count
    finally:
        store.close()
