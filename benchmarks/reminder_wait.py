"""CPU while BackCare waits for a break reminder: python benchmarks/reminder_wait.py [SECONDS].

Starts the real app (offscreen, no D-Bus, so no notification server is involved) with
two schedules, the default "after 50 min of active use" (idle time sampled every 15 s where
the platform tells it) and a fixed time two hours ahead, lets it settle, then reads
utime + stime from /proc/PID/stat and the CPU nanoseconds of every thread from schedstat
over SECONDS (default 60), and the main thread's voluntary context switches (how often it
woke). Linux only. Figures are reported, never asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.system import cpu_ns_between, cpu_seconds, thread_cpu_ns


def wakes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches"):
            return int(line.split()[1])
    return 0


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    with tempfile.TemporaryDirectory() as workdir:
        root = Path(workdir) / "data"
        root.mkdir()
        later = (datetime.now() + timedelta(hours=2)).strftime("%H:%M")
        settings = {
            # A returning person's: no health note or back-profile question open over the
            # window (a dialog's caret would wake the app every half second).
            "health_note_acknowledged": True,
            "profile_asked": True,
            "reminders": {"schedules": [{"every": 50}, {"at": later}]},
        }
        (root / "settings.json").write_text(json.dumps(settings))
        env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["XDG_RUNTIME_DIR"] = workdir
        log = Path(workdir) / "app.log"
        child = subprocess.Popen(
            [sys.executable, "-m", "backcare_desktop", "--data-dir", str(root), "--no-voice"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        try:
            time.sleep(8)  # start-up and the first paints are not waiting
            before, woke = cpu_seconds(child.pid), wakes(child.pid)
            before_ns = thread_cpu_ns(child.pid)
            time.sleep(seconds)
            used = cpu_seconds(child.pid) - before
            used_ns = cpu_ns_between(before_ns, thread_cpu_ns(child.pid))
            woke = wakes(child.pid) - woke
            if child.poll() is not None:
                raise SystemExit(f"the app exited ({child.returncode}):\n{log.read_text()}")
        finally:
            child.terminate()
            child.wait(timeout=30)
    print(f"waiting for a reminder, {seconds:.0f} s on {env['QT_QPA_PLATFORM']}:")
    print(f"  CPU time   {used:.2f} s in clock ticks ({100 * used / seconds:.2f} % of one core)")
    print(
        f"  schedstat  {used_ns / 1e6:.1f} ms ({100 * used_ns / 1e9 / seconds:.3f} % of one core)"
    )
    print(f"  wake-ups   {woke} voluntary context switches")


if __name__ == "__main__":
    main()
