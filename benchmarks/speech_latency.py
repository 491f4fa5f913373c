"""Speech latency figures on this machine (not a test: prints medians and maxima).

Run: python benchmarks/speech_latency.py [N]
Uses the real pyttsx3 worker and espeak-ng; a stand-in `aplay` (a shell script that
logs its start and sleeps) marks when the speech process starts.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from backcare_desktop.speech.base import (
    SpeakerStatus,
    SpeechFinished,
    SpeechStarted,
    VoiceSettings,
)
from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker


class Log:
    def __init__(self) -> None:
        self.events: list[tuple[float, object]] = []
        self.cond = threading.Condition()

    def __call__(self, e: object) -> None:
        with self.cond:
            self.events.append((time.monotonic(), e))
            self.cond.notify_all()

    def wait(self, pred, after: int = 0, timeout: float = 10.0) -> float:
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                for t, e in self.events[after:]:
                    if pred(e):
                        return t
                self.cond.wait(max(0.0, end - time.monotonic()))
                if time.monotonic() > end:
                    raise TimeoutError


def plays(log: Path) -> list[tuple[int, float]]:
    if not log.exists():
        return []
    return [(int(a), float(b)) for a, b, _ in (ln.split() for ln in log.read_text().splitlines())]


def dead(pid: int) -> bool:
    try:
        st = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return st == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1])
    return 0


def ms(xs: list[float]) -> str:
    median, worst = statistics.median(xs) * 1000, max(xs) * 1000
    return f"median {median:.1f} ms, max {worst:.1f} ms (n={len(xs)})"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    root = Path(tempfile.mkdtemp())
    (root / "bin").mkdir()
    aplay = root / "bin" / "aplay"
    # sh, not Python: the log line is written ~1 ms after exec, so the figure is the
    # time until the player starts, not until an interpreter has booted.
    aplay.write_text('#!/bin/sh\necho "$$ $(date +%s.%N) 5" >> "$FAKE_APLAY_LOG"\nexec sleep 5\n')
    aplay.chmod(0o755)
    alog = root / "aplay.log"
    env = {"PATH": f"{root / 'bin'}:{os.environ['PATH']}", "FAKE_APLAY_LOG": str(alog)}

    ready, call_cost, to_started, to_player, cut_cost, cut_event, cut_silent, cut_ready = (
        [],
        [],
        [],
        [],
        [],
        [],
        [],
        [],
    )
    rss, shutdown = [], []
    for _ in range(n):
        log = Log()
        t0 = time.monotonic()
        sp = Pyttsx3Speaker(VoiceSettings(rate=165, volume=1.0), env=env)  # as the app does
        sp.subscribe(log)
        ready.append(log.wait(lambda e: isinstance(e, SpeakerStatus) and e.ready) - t0)
        rss.append(rss_kb(sp.worker_pid))
        # A cue to an idle, ready worker.
        before = len(plays(alog))
        k = len(log.events)
        t = time.monotonic()
        wall = time.time()
        sp.say("Breathe out and round your back up to the ceiling, slowly", 1)
        call_cost.append(time.monotonic() - t)
        to_started.append(log.wait(lambda e: e == SpeechStarted(1), k) - t)
        while len(plays(alog)) == before:
            time.sleep(0.001)
        pid, start = plays(alog)[-1]
        to_player.append(start - wall)  # the shell logs wall-clock time
        # Cut it mid-playback.
        time.sleep(0.2)
        old_worker = sp.worker_pid
        k = len(log.events)
        t = time.monotonic()
        sp.cut()
        cut_cost.append(time.monotonic() - t)
        cut_event.append(
            log.wait(lambda e: isinstance(e, SpeechFinished) and not e.completed, k) - t
        )
        while not dead(pid):
            time.sleep(0.0005)
        cut_silent.append(time.monotonic() - t)
        # Ready again: the next cue starts as soon as the new worker is up.
        k = len(log.events)
        sp.say("Switch sides", 2)
        cut_ready.append(log.wait(lambda e: e == SpeechStarted(2), k) - t)
        assert sp.worker_pid != old_worker
        t = time.monotonic()
        sp.shutdown()
        shutdown.append(time.monotonic() - t)
    print(f"ready (constructor -> engine ready):        {ms(ready)}")
    print(f"say() call on the caller's thread:          {ms(call_cost)}")
    print(f"say() -> SpeechStarted event (backend):     {ms(to_started)}")
    print(f"say() -> player process start (speech):     {ms(to_player)}")
    print(f"cut() call on the caller's thread:          {ms(cut_cost)}")
    print(f"cut() -> SpeechFinished(completed=False):   {ms(cut_event)}")
    print(f"cut() -> player process gone (silence):     {ms(cut_silent)}")
    print(f"cut() -> next cue started by a new worker:  {ms(cut_ready)}")
    print(f"shutdown() while a cue sounds (joins all):  {ms(shutdown)}")
    print(f"worker RSS: median {statistics.median(rss) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
