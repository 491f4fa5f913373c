"""BackCare's benchmark: what a person feels, side by side with the floor.

    python benchmarks/run.py                 # the full run (about 7 minutes on 2 cores)
    python benchmarks/run.py --quick         # a tiny configuration (~20 s), for the smoke test
    python benchmarks/run.py --runs 5 --out results.json

Figures (each the median of several runs, with min and max), against the targets of
issue 7:

- start-up: process start to the first painted home window, and the same for a bare
  PySide6 window (an empty QWidget), both under Xvfb (offscreen when there is no Xvfb);
- memory: peak RSS (VmHWM) of the app during a session at --speed 1, and of the bare window;
- CPU: percent of one core (utime + stime from /proc/PID/stat) while a session runs, while
  it is paused and while the home window sits idle;
- timing: how late each step starts against the timeline over a whole routine (82 s)
  at real speed, from engine events time-stamped in the driver and from --cue-log;
- cue latency: from a cue's planned moment to the speech backend (the in-process
  RecordingSpeaker), to the real pyttsx3 worker, and to the player process it starts;
- history at scale: the progress view on ten years of daily sessions, to its first paint.

Each measurement runs the real app in its own process (benchmarks/drivers/app_driver.py
calls backcare_desktop.cli.main and only adds hooks around the event loop). This script
imports no Qt itself, so it measures from outside and stays out of the way.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DRIVERS = HERE / "drivers"
BARE = DRIVERS / "bare_window.py"
APP = DRIVERS / "app_driver.py"
PROGRESS = DRIVERS / "progress_driver.py"
SCREEN = "1366x768x24"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PAGE_KB = 1024

# A routine of real exercises that lasts 82 s: reps that move, a get-ready, holds with
# a spoken countdown, sides, and the closing step. Put in the data dir as a person's own
# routine, so the benchmark does not depend on the presets' lengths.
BENCH_ROUTINE_ID = "bench-minute"
BENCH_ROUTINE = """\
format = 1
id = "bench-minute"
title = "Benchmark minute"
description = "About a minute of real steps: reps, a hold with a countdown, sides."
minutes = 1

[[exercises]]
id = "cat-stretch"
reps = 3

[[exercises]]
id = "knee-to-chest"
reps = 2
hold_seconds = 6
sets = 1
"""
# Stands in for `aplay` (no sound card needed): notes when it started (wall clock, ns),
# then takes as long as the WAV lasts (22050 Hz mono 16-bit, as pyttsx3's espeak writes)
# so cues are paced as they would be on a machine with sound.
FAKE_APLAY = """\
#!/bin/sh
now=$(date +%s.%N)
file=""
for arg in "$@"; do case "$arg" in -*) ;; *) file="$arg" ;; esac; done
echo "$now $file" >> "$BENCH_APLAY_LOG"
[ -n "$file" ] && [ -f "$file" ] || exit 0
size=$(stat -c %s "$file")
ms=$(( (size - 44) * 1000 / 44100 ))
[ "$ms" -gt 0 ] || exit 0
sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
"""


# -- configuration ----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    quick: bool
    runs: int  # runs of each session-long measurement and of the history view
    startup_runs: int  # pairs of (bare, app) launches
    settle: float  # seconds after an intent before a CPU window starts
    idle_window: float  # seconds of the home window sitting idle
    run_skip: float  # seconds into the session before the "running" window (get-ready)
    run_window: float
    session_seconds: float  # the session the memory figure covers
    paused_window: float
    timing_stop_after: float  # 0: the whole routine
    history_days: int
    platform: str  # "auto", "xvfb" or "offscreen"
    pyttsx3: bool

    @classmethod
    def build(cls, args: argparse.Namespace) -> Config:
        if args.quick:
            # Just long enough to see one step boundary (the first get-ready is 10 s).
            return cls(
                quick=True,
                runs=args.runs or 1,
                startup_runs=args.startup_runs or 2,
                settle=0.2,
                idle_window=0.5,
                run_skip=0.3,
                run_window=1.0,
                session_seconds=1.5,
                paused_window=0.5,
                timing_stop_after=10.6,
                history_days=90,
                platform=args.platform,
                pyttsx3=not args.no_pyttsx3,
            )
        return cls(
            quick=False,
            runs=args.runs or 3,
            startup_runs=args.startup_runs or 9,
            settle=2.0,
            idle_window=10.0,
            run_skip=11.0,
            run_window=8.0,
            session_seconds=20.0,
            paused_window=10.0,
            timing_stop_after=0.0,
            history_days=3653,
            platform=args.platform,
            pyttsx3=not args.no_pyttsx3,
        )


# -- figures ----------------------------------------------------------------------------


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    values: list[float] = field(default_factory=list)
    target: tuple[str, float] | None = None  # ("<=", 1.5): the median must satisfy it
    note: str = ""
    skipped: str | None = None

    def add(self, value: float | None) -> None:
        if value is not None:
            self.values.append(float(value))

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None

    @property
    def passed(self) -> bool | None:
        median = self.median
        if self.target is None or median is None:
            return None
        op, limit = self.target
        return median <= limit if op == "<=" else median < limit

    def to_json(self) -> dict[str, Any]:
        values = self.values
        return {
            "label": self.label,
            "unit": self.unit,
            "median": _round(self.median),
            "min": _round(min(values)) if values else None,
            "max": _round(max(values)) if values else None,
            "runs": [_round(v) for v in values],
            "target": {"op": self.target[0], "value": self.target[1]} if self.target else None,
            "pass": self.passed,
            "note": self.note or None,
            "skipped": self.skipped,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


class Figures:
    def __init__(self) -> None:
        self.items: dict[str, Figure] = {}

    def define(
        self,
        key: str,
        label: str,
        unit: str,
        target: tuple[str, float] | None = None,
        note: str = "",
    ) -> Figure:
        figure = Figure(key, label, unit, target=target, note=note)
        self.items[key] = figure
        return figure

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def skip(self, keys: Iterable[str], reason: str) -> None:
        for key in keys:
            if not self.items[key].values:
                self.items[key].skipped = reason


def define_figures(figures: Figures) -> None:
    d = figures.define
    d("startup_app_ms", "Start-up: app, process start to first paint", "ms")
    d("startup_bare_ms", "Start-up: bare PySide6 window", "ms")
    d("startup_ratio", "Start-up: app / bare", "x", ("<=", 1.5))
    d("startup_text_ms", "Start-up: bare window + one styled label", "ms")
    d("memory_app_mb", "Peak RSS: app, home + session at --speed 1", "MB")
    d("memory_bare_mb", "Peak RSS: bare window", "MB")
    d("memory_ratio", "Peak RSS: app / bare", "x", ("<=", 1.5))
    d("cpu_running_pct", "CPU: session running (figure moving)", "% core", ("<", 5.0))
    d("cpu_paused_pct", "CPU: session paused", "% core", ("<", 0.5))
    d("cpu_idle_pct", "CPU: home window idle", "% core", ("<", 0.5))
    d("cpu_bare_idle_pct", "CPU: bare window idle (floor)", "% core")
    d("timing_median_ms", "Step start vs plan: median lateness", "ms", ("<=", 20.0))
    d("timing_worst_ms", "Step start vs plan: worst lateness", "ms", ("<=", 20.0))
    d("timing_screen_median_ms", "Step on screen (figure repaint) vs plan: median", "ms")
    d("timing_screen_worst_ms", "Step on screen (figure repaint) vs plan: worst", "ms")
    d("timing_cue_log_worst_ms", "--cue-log t vs plan: worst", "ms")
    d("cue_backend_median_ms", "Cue latency to backend (recording): median", "ms", ("<", 30.0))
    d("cue_backend_worst_ms", "Cue latency to backend (recording): worst", "ms", ("<", 30.0))
    d("cue_worker_median_ms", "Cue latency to pyttsx3 worker 'started': median", "ms")
    d("cue_worker_worst_ms", "Cue latency to pyttsx3 worker 'started': worst", "ms")
    d("cue_process_median_ms", "Cue latency to speech process (aplay) start: median", "ms")
    d("cue_process_worst_ms", "Cue latency to speech process (aplay) start: worst", "ms")
    d("speech_worker_rss_mb", "Peak RSS: pyttsx3 speech worker process", "MB")
    d("history_view_ms", "Progress, 10 years of history: click to first paint", "ms", ("<", 150.0))
    d("startup_app_history_ms", "Start-up with 10 years of history", "ms")
    d("history_view_alone_ms", "ProgressView alone: build to first paint", "ms")
    d("history_build_ms", "ProgressView alone: build (stats + first page)", "ms")
    d("history_stats_ms", "Stats on 10 years (load_stats, warm)", "ms")
    d("history_store_open_ms", "History file open (check + migrate)", "ms")


# -- processes --------------------------------------------------------------------------


class BenchError(RuntimeError):
    pass


class Child:
    """A driver process: BENCH lines from its stdout arrive on a queue."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._stderr = log.open("w")
        self.spawned = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, *argv],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            text=True,
            cwd=REPO,
        )
        self.events: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith("BENCH "):
                with contextlib.suppress(ValueError):
                    self.events.put(json.loads(line[6:]))
        self.events.put(None)

    def wait_for(self, events: str | Sequence[str], timeout: float) -> dict[str, Any]:
        """The next BENCH message whose event is one of `events` (others are dropped)."""
        wanted = (events,) if isinstance(events, str) else tuple(events)
        names = "/".join(wanted)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BenchError(
                    f"no '{names}' from {self.describe()} within {timeout:.0f} s"
                    f"{self.stderr_tail()}"
                )
            try:
                message = self.events.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                self.proc.wait(5)
                raise BenchError(
                    f"{self.describe()} exited ({self.proc.returncode}) before "
                    f"'{names}'{self.stderr_tail()}"
                )
            if message.get("event") in wanted:
                return message

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass

    def command(self, line: str, timeout: float = 10.0) -> dict[str, Any]:
        self.send(line)
        return self.wait_for("ack", timeout)

    def describe(self) -> str:
        return Path(self.proc.args[1]).name if isinstance(self.proc.args, list) else "driver"

    def stderr_tail(self, lines: int = 15) -> str:
        self._stderr.flush()
        try:
            text = self.log.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            return ""
        return ("\n  stderr: " + "\n  ".join(text)) if text else ""

    def close(self, quit_line: str | None = "quit", timeout: float = 10.0) -> None:
        if self.proc.poll() is None and quit_line:
            self.send(quit_line)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        if self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self._reader.join(5)
        self._stderr.close()


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process (all its threads), from /proc/PID/stat."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # fields 14 and 15 of stat


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / PAGE_KB
    raise BenchError(f"no VmHWM for {pid}")


def cpu_percent_over(pid: int, seconds: float) -> float:
    before_cpu, before = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    after_cpu, after = cpu_seconds(pid), time.monotonic()
    return 100.0 * (after_cpu - before_cpu) / (after - before)


# -- the display ------------------------------------------------------------------------


class Display:
    """An Xvfb server for the whole run (so its start-up is not in any figure)."""

    def __init__(self, wanted: str, workdir: Path) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.name: str | None = None
        self.platform = "offscreen"
        self.note = ""
        xvfb = shutil.which("Xvfb")
        if wanted == "offscreen":
            self.note = "offscreen (asked for)"
            return
        if xvfb is None:
            if wanted == "xvfb":
                raise BenchError("--platform xvfb, but Xvfb is not installed")
            self.note = "offscreen: Xvfb is not installed (Debian package xvfb)"
            return
        read_fd, write_fd = os.pipe()
        log = (workdir / "xvfb.log").open("w")
        self.proc = subprocess.Popen(
            [
                xvfb,
                "-displayfd",
                str(write_fd),
                "-screen",
                "0",
                SCREEN,
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            pass_fds=(write_fd,),
            stdout=log,
            stderr=log,
        )
        os.close(write_fd)
        number = b""
        deadline = time.monotonic() + 15
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            chunk = os.read(read_fd, 16)
            if not chunk:
                break
            number += chunk
        os.close(read_fd)
        log.close()
        if not number.strip():
            self.close()
            raise BenchError("Xvfb did not start (see xvfb.log)")
        self.name = f":{number.decode().strip()}"
        self.platform = "xcb"
        self.note = f"Xvfb {self.name} ({SCREEN})"

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env["QT_QPA_PLATFORM"] = self.platform
        if self.name:
            env["DISPLAY"] = self.name
        return env

    def close(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


# -- the benchmark ----------------------------------------------------------------------


class Bench:
    def __init__(
        self, config: Config, workdir: Path, display: Display, say: Callable[[str], None]
    ) -> None:
        self.config = config
        self.workdir = workdir
        self.display = display
        self.say = say
        self.figures = Figures()
        define_figures(self.figures)
        self.errors: dict[str, str] = {}
        self.details: dict[str, Any] = {}
        self._count = 0
        runtime = workdir / "xdg-runtime"
        runtime.mkdir(mode=0o700)
        base = {
            k: v
            for k, v in os.environ.items()
            if k
            not in (
                "QT_QPA_PLATFORM",
                "DISPLAY",
                "WAYLAND_DISPLAY",
                "BACKCARE_DATA_DIR",
                "PYTHONPATH",
                "PYTHONDONTWRITEBYTECODE",
            )
        }
        base["PYTHONPATH"] = str(REPO)
        base["XDG_RUNTIME_DIR"] = str(runtime)
        # An installed app starts from compiled bytecode (pip writes it); a checkout run
        # with PYTHONDONTWRITEBYTECODE would compile every module on every start. The
        # warm-up launches fill this cache, outside the source tree.
        base["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        self.env = display.env(base)

    # helpers

    def data_dir(self, name: str) -> Path:
        root = self.workdir / name
        (root / "routines").mkdir(parents=True)
        (root / "settings.json").write_text('{"health_note_acknowledged": true}\n')
        (root / "routines" / f"{BENCH_ROUTINE_ID}.toml").write_text(BENCH_ROUTINE)
        return root

    def spawn(self, script: Path, *args: str, env: dict[str, str] | None = None) -> Child:
        self._count += 1
        log = self.workdir / f"{self._count:03d}-{script.stem}.stderr"
        return Child([str(script), *args], env or self.env, log)

    def section(self, name: str, run: Callable[[], None]) -> None:
        started = time.monotonic()
        self.say(f"{name} ...")
        try:
            run()
        except BenchError as e:
            self.errors[name] = str(e)
            self.say(f"  {name} failed: {e}")
        except Exception as e:  # a driver that died mid-read, a surprise in its data
            self.errors[name] = f"{type(e).__name__}: {e}"
            self.say(f"  {name} failed: {self.errors[name]}")
        self.say(f"  {name}: {time.monotonic() - started:.1f} s")

    def prepare(self) -> None:
        """One launch of each window, not measured: fills the bytecode cache and the disk
        cache, so no figure pays for what only the very first start after an install does."""
        root = self.data_dir("prepare")
        self.launch_to_paint(BARE)
        self.launch_to_paint(APP, "--quit-after-paint", "--", "--data-dir", str(root), "--no-voice")

    # start-up

    def startup(self) -> None:
        config = self.config
        root = self.data_dir("startup")
        app_args = ["--control", "--", "--data-dir", str(root), "--no-voice"]
        bare = self.figures["startup_bare_ms"]
        app = self.figures["startup_app_ms"]
        ratio = self.figures["startup_ratio"]
        # One launch of the app first, not counted: it creates the data dir's files, as
        # every start but the very first finds them.
        self.launch_to_paint(APP, *app_args)
        for n in range(config.startup_runs):
            # Alternate the order so neither side always runs right after the other.
            if n % 2:
                a = self.launch_to_paint(APP, *app_args)
                b = self.launch_to_paint(BARE)
            else:
                b = self.launch_to_paint(BARE)
                a = self.launch_to_paint(APP, *app_args)
            app.add(a)
            bare.add(b)
            ratio.add(a / b)
            self.figures["startup_text_ms"].add(self.launch_to_paint(BARE, "--text"))

    def launch_to_paint(self, script: Path, *args: str) -> float:
        child = self.spawn(script, *args)
        try:
            painted = child.wait_for("painted", 60)
            return (painted["t"] - child.spawned) * 1000
        finally:
            child.close()

    # memory and CPU

    def sessions(self) -> None:
        config = self.config
        for n in range(config.runs):
            self.bare_idle()
            self.app_session(n)
        self.figures["memory_ratio"].values = [
            a / b
            for a, b in zip(
                self.figures["memory_app_mb"].values,
                self.figures["memory_bare_mb"].values,
                strict=False,
            )
        ]

    def bare_idle(self) -> None:
        config = self.config
        child = self.spawn(BARE)
        try:
            child.wait_for("painted", 60)
            time.sleep(config.settle)
            self.figures["cpu_bare_idle_pct"].add(cpu_percent_over(child.pid, config.idle_window))
            self.figures["memory_bare_mb"].add(peak_rss_mb(child.pid))
        finally:
            child.close()

    def app_session(self, n: int) -> None:
        config = self.config
        root = self.data_dir(f"session-{n}")
        child = self.spawn(
            APP, "--control", "--", "--data-dir", str(root), "--no-voice", "--speed", "1"
        )
        try:
            child.wait_for("painted", 60)
            time.sleep(config.settle)
            self.figures["cpu_idle_pct"].add(cpu_percent_over(child.pid, config.idle_window))
            ack = child.command(f"start {BENCH_ROUTINE_ID}")
            if ack.get("status") != "running":
                raise BenchError(f"the session did not start: {ack}{child.stderr_tail()}")
            started = time.monotonic()
            _sleep_until(started + config.run_skip)
            self.figures["cpu_running_pct"].add(cpu_percent_over(child.pid, config.run_window))
            _sleep_until(started + config.session_seconds)
            self.figures["memory_app_mb"].add(peak_rss_mb(child.pid))
            ack = child.command("pause")
            if ack.get("status") != "paused":
                raise BenchError(f"the session did not pause: {ack}")
            time.sleep(config.settle)
            self.figures["cpu_paused_pct"].add(cpu_percent_over(child.pid, config.paused_window))
        finally:
            child.close()

    # timing and cue latency

    def timing(self) -> None:
        config = self.config
        speech_env = dict(self.env)
        fakebin = self.workdir / "fakebin"
        fakebin.mkdir(exist_ok=True)
        aplay = fakebin / "aplay"
        aplay.write_text(FAKE_APLAY)
        aplay.chmod(0o755)
        speech_env["PATH"] = f"{fakebin}{os.pathsep}{self.env.get('PATH', '')}"
        runs: list[dict[str, Any]] = []
        for n in range(config.runs):
            root = self.data_dir(f"timing-{n}")
            aplay_log = root / "aplay.log"
            aplay_log.touch()
            speech_env["BENCH_APLAY_LOG"] = str(aplay_log)
            cue_log = root / "cues.jsonl"
            args = [
                "--instrument",
                "--recording",
                "--start",
                BENCH_ROUTINE_ID,
                "--quit-when-finished",
            ]
            if config.pyttsx3:
                args.append("--pyttsx3")
            if config.timing_stop_after:
                args += ["--stop-after", str(config.timing_stop_after), "--linger", "0.3"]
            args += [
                "--",
                "--data-dir",
                str(root),
                "--no-voice",
                "--speed",
                "1",
                "--cue-log",
                str(cue_log),
            ]
            child = self.spawn(APP, *args, env=speech_env)
            try:
                child.wait_for("painted", 60)
                data = child.wait_for("data", (config.timing_stop_after or 82.0) + 60)
            finally:
                child.close(quit_line=None)
            result = analyse_timing(data, cue_log, aplay_log)
            result["speech_worker_rss_mb"] = (data.get("pyttsx3") or {}).get("worker_rss_mb")
            runs.append(result)
            self.add_timing(result)
        self.details["timing_runs"] = runs

    def add_timing(self, r: dict[str, Any]) -> None:
        f = self.figures
        for key in (
            "timing_median_ms",
            "timing_worst_ms",
            "timing_screen_median_ms",
            "timing_screen_worst_ms",
            "timing_cue_log_worst_ms",
            "cue_backend_median_ms",
            "cue_backend_worst_ms",
            "cue_worker_median_ms",
            "cue_worker_worst_ms",
            "cue_process_median_ms",
            "cue_process_worst_ms",
            "speech_worker_rss_mb",
        ):
            f[key].add(r.get(key))
        if not r.get("cue_log_lines"):
            f.skip(("timing_cue_log_worst_ms",), "the app wrote no --cue-log lines")
        if r.get("pyttsx3_skipped"):
            f.skip(
                (
                    "cue_worker_median_ms",
                    "cue_worker_worst_ms",
                    "cue_process_median_ms",
                    "cue_process_worst_ms",
                    "speech_worker_rss_mb",
                ),
                r["pyttsx3_skipped"],
            )

    # history at scale

    def history(self) -> None:
        config = self.config
        source = self.workdir / "history-source" / "history.sqlite3"
        started = time.perf_counter()
        sessions = make_history(source, config.history_days)
        self.details["history"] = {
            "days": config.history_days,
            "sessions": sessions,
            "generated_in_s": round(time.perf_counter() - started, 2),
        }
        f = self.figures
        for n in range(config.runs):
            # In the app: a person with ten years of history starts BackCare and presses
            # Progress. (The data dir is a fresh copy each time: opening writes to it.)
            root = self.data_dir(f"history-app-{n}")
            shutil.copyfile(source, root / source.name)
            child = self.spawn(APP, "--control", "--", "--data-dir", str(root), "--no-voice")
            try:
                painted = child.wait_for("painted", 60)
                f["startup_app_history_ms"].add((painted["t"] - child.spawned) * 1000)
                time.sleep(config.settle)
                child.send("progress")
                shown = child.wait_for("progress_painted", 30)
                f["history_view_ms"].add((shown["t"] - shown["asked"]) * 1000)
            finally:
                child.close()
            # The view on its own, with its parts timed (stats, first page, file open).
            copy = self.workdir / f"history-{n}" / "history.sqlite3"
            copy.parent.mkdir()
            shutil.copyfile(source, copy)
            child = self.spawn(PROGRESS, str(copy))
            try:
                result = child.wait_for("progress", 60)
            finally:
                child.close(quit_line=None)
            f["history_view_alone_ms"].add(result["view_first_paint_ms"])
            f["history_build_ms"].add(result["view_build_ms"])
            f["history_stats_ms"].add(result["stats_ms"])
            f["history_store_open_ms"].add(result["store_open_ms"])
        if config.history_days < 3650:
            for key in f.items:
                if key.startswith("history_") or key == "startup_app_history_ms":
                    f[key].note = f"{config.history_days} days only (--quick)"


def _sleep_until(moment: float) -> None:
    left = moment - time.monotonic()
    if left > 0:
        time.sleep(left)


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def _worst(values: Sequence[float]) -> float | None:
    return max(values, key=abs) if values else None


def analyse_timing(data: dict[str, Any], cue_log: Path, aplay_log: Path) -> dict[str, Any]:
    """Per-run figures from the driver's events, the cue log and the player's start log."""
    sessions = data.get("sessions") or []
    if not sessions or sessions[0].get("t0") is None:
        raise BenchError("the timing run recorded no session")
    s = sessions[0]
    t0 = s["t0"]
    # Step 0 starts the clock; every later step is late by (when it started - plan).
    steps = [st for st in s["steps"] if st["index"] > 0]
    late = [_ms(st["t"] - t0 - st["planned"]) for st in steps]
    planned = {st["index"]: st["planned"] for st in s["steps"]}
    screen = [_ms(t - t0 - planned[i]) for i, t in s["figure_paints"] if i in planned and i > 0]
    result: dict[str, Any] = {
        "routine": s["routine"],
        "duration_s": s["duration"],
        "outcome": s["outcome"],
        "steps": len(steps),
        "step_late_ms": [round(x, 3) for x in late],
        "timing_median_ms": _median(late),
        "timing_worst_ms": _worst(late),
        "timing_screen_median_ms": _median(screen),
        "timing_screen_worst_ms": _worst(screen),
    }
    # --cue-log: t is the session position when the cue went out.
    cues = s["cues"]
    logged = []
    if cue_log.exists():
        for line in cue_log.read_text().splitlines():
            if line.strip():
                logged.append(json.loads(line))
    plan_of = _matcher(cues)
    log_late = []
    for entry in logged:
        cue = plan_of(entry["step"], entry["text"])
        if cue is not None:
            log_late.append(_ms(entry["t"] - cue["planned"]))
    result["timing_cue_log_worst_ms"] = _worst(log_late)
    result["cue_log_lines"] = len(logged)
    # The in-process backend: when say() was called, against the cue's planned moment.
    plan_of = _matcher(cues)
    backend = []
    dispatch = []
    for said in data.get("said") or []:
        cue = plan_of(said["step"], said["text"])
        if cue is not None:
            backend.append(_ms(said["t"] - t0 - cue["planned"]))
            dispatch.append(_ms(said["t"] - cue["t"]))
    result.update(
        cue_backend_median_ms=_median(backend),
        cue_backend_worst_ms=_worst(backend),
        cue_backend_ms=[round(x, 3) for x in backend],
        cue_dispatch_median_ms=_median(dispatch),
        cues_due=len(cues),
        cues_said=len(backend),
    )
    result.update(_speech_latency(data, cues, t0, aplay_log))
    return result


def _matcher(cues: list[dict[str, Any]]) -> Callable[[int, str], dict[str, Any] | None]:
    """Finds each cue once, by step and text, in order."""
    used: set[int] = set()

    def find(step: int, text: str) -> dict[str, Any] | None:
        for n, cue in enumerate(cues):
            if n not in used and cue["step"] == step and cue["text"] == text:
                used.add(n)
                return cue
        return None

    return find


def _speech_latency(
    data: dict[str, Any], cues: list[dict[str, Any]], t0: float, aplay_log: Path
) -> dict[str, Any]:
    speech = data.get("pyttsx3")
    if speech is None:
        return {"pyttsx3_skipped": "not run (--no-pyttsx3)"}
    if not speech.get("available", False):
        return {"pyttsx3_skipped": f"no voice: {speech.get('reason')}"}
    plan_of = _matcher(cues)
    started = []
    for entry in sorted(speech["started"], key=lambda e: e["t"]):
        cue = plan_of(entry["step"], entry["text"])
        if cue is not None:
            started.append((entry["t"], t0 + cue["planned"], entry["text"]))
    offset = data["clock_offset"]
    plays = []
    if aplay_log.exists():
        for line in aplay_log.read_text().splitlines():
            parts = line.split()
            if parts:
                plays.append(float(parts[0]) - offset)
    plays.sort()
    worker = [_ms(t - plan) for t, plan, _ in started]
    process = []
    rows = []
    # The worker speaks one cue at a time, so a player start belongs to the latest cue
    # due before it. (By planned time: the worker's "started" report can reach the app a
    # little after the player it then starts.)
    started.sort(key=lambda item: item[1])
    for play in plays:
        owner = [(t, plan, text) for t, plan, text in started if plan <= play]
        if owner:
            t, plan, text = owner[-1]
            process.append(_ms(play - plan))
            rows.append(
                {
                    "text": text,
                    "planned_s": round(plan - t0, 3),
                    "worker_started_ms": round(_ms(t - plan), 3),
                    "player_started_ms": round(_ms(play - plan), 3),
                }
            )
    return {
        "cue_worker_median_ms": _median(worker),
        "cue_worker_worst_ms": _worst(worker),
        "cue_process_median_ms": _median(process),
        "cue_process_worst_ms": _worst(process),
        "speech_started": len(started),
        "speech_played": len(plays),
        "cue_process_ms": [round(x, 3) for x in process],
        "speech_rows": rows,
    }


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


# -- reporting --------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table_rows(figures: Figures) -> list[list[str]]:
    rows = []
    for f in figures.items.values():
        target = f"{f.target[0]} {_fmt(f.target[1])}" if f.target else ""
        result = {True: "pass", False: "MISS", None: ""}[f.passed]
        if f.skipped and not f.values:
            result = "skipped"
        values = f.values
        rows.append(
            [
                f.label,
                f.unit,
                _fmt(f.median),
                _fmt(min(values) if values else None),
                _fmt(max(values) if values else None),
                str(len(values)),
                target,
                result,
            ]
        )
    return rows


HEADER = ["figure", "unit", "median", "min", "max", "runs", "target", "result"]


def text_table(figures: Figures) -> str:
    rows = [HEADER, *table_rows(figures)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(HEADER))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            c.ljust(w) if i in (0, 1, 6, 7) else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown_table(figures: Figures) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for row in table_rows(figures):
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "system": platform.platform(),
        "cpus": os.cpu_count(),
    }
    with contextlib.suppress(OSError):
        info["load_average"] = [round(x, 2) for x in os.getloadavg()]
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from importlib.metadata import version

        info["pyside6"] = version("PySide6-Essentials")
    except Exception:
        info["pyside6"] = None
    return info


SECTIONS = ("startup", "sessions", "timing", "history")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=0,
        metavar="N",
        help="runs of each session-long figure and of the history view (default 3; 1 with --quick)",
    )
    parser.add_argument(
        "--startup-runs",
        type=int,
        default=0,
        metavar="N",
        help="launches of the app and of the bare window (default 9)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny configuration (~20 s): checks the harness, not the app",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=HERE / "results" / "latest.json",
        metavar="FILE",
        help="where to write the JSON (default benchmarks/results/latest.json)",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (of {', '.join(SECTIONS)})",
    )
    parser.add_argument(
        "--platform",
        choices=("auto", "xvfb", "offscreen"),
        default="auto",
        help="Qt platform for the windows (auto: Xvfb when installed)",
    )
    parser.add_argument(
        "--no-pyttsx3", action="store_true", help="skip the real speech backend's latency"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the table as Markdown (for the README)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    config = Config.build(args)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        print(f"run.py: unknown section(s) {', '.join(unknown)}", file=sys.stderr)
        return 2
    if not Path("/proc/self/stat").exists():
        print("run.py: needs Linux /proc to read CPU and memory", file=sys.stderr)
        return 2

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    workdir = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    started = time.monotonic()
    display = Display(config.platform, workdir)
    try:
        say(
            f"BackCare benchmark ({'quick' if config.quick else 'full'}), windows on "
            f"{display.note}; work dir {workdir}"
        )
        bench = Bench(config, workdir, display, say)
        load_before = machine().get("load_average")
        runners = {
            "startup": bench.startup,
            "sessions": bench.sessions,
            "timing": bench.timing,
            "history": bench.history,
        }
        bench.section("prepare", bench.prepare)
        for name in SECTIONS:
            if name in only:
                bench.section(name, runners[name])
    finally:
        display.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    figures = bench.figures
    for name, message in bench.errors.items():
        keys = {
            "startup": ("startup_app_ms", "startup_bare", "startup_ratio", "startup_text"),
            "sessions": ("memory_", "cpu_"),
            "timing": ("timing_", "cue_", "speech_"),
            "history": ("history_", "startup_app_history"),
        }.get(name, ())
        figures.skip(
            [k for k in figures.items if k.startswith(keys)],
            f"{name} failed: {message.splitlines()[0]}",
        )
    meta = {
        "command": " ".join(["python", "benchmarks/run.py", *(argv or sys.argv[1:])]),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "quick": config.quick,
        "platform": display.note,
        "elapsed_s": round(elapsed, 1),
        "machine": machine(),
        "load_average_before": load_before,
        "config": config.__dict__,
        "sections": only,
    }
    misses = [f.key for f in figures.items.values() if f.passed is False]
    report = {
        "meta": meta,
        "figures": {key: f.to_json() for key, f in figures.items.items()},
        "misses": misses,
        "errors": bench.errors,
        "details": bench.details,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(markdown_table(figures) if args.markdown else text_table(figures))
    print(
        f"\n{display.note}; {elapsed:.0f} s; JSON in {args.out}"
        + (f"; misses: {', '.join(misses)}" if misses else "; every target met")
    )
    for name, message in bench.errors.items():
        print(f"error in {name}: {message}", file=sys.stderr)
    return 1 if bench.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
