"""What every measurement shares: the configuration, driver processes, the display, /proc.

The parent imports no Qt: it measures each window from outside, in its own process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.figures import Figures, define_figures
from bench.system import BenchError, Display

HERE = Path(__file__).resolve().parent.parent
REPO = HERE.parent
DRIVERS = HERE / "drivers"
FLOOR = DRIVERS / "floor.py"
APP = DRIVERS / "app_driver.py"
PROGRESS = DRIVERS / "progress_driver.py"

# A routine of real exercises that lasts 82 s: reps that move, a get-ready, holds with
# a spoken countdown, sides, and the closing step. Put in the data dir as a person's own
# routine, so the benchmark does not depend on the presets' lengths.
BENCH_ROUTINE_ID = "bench-minute"
BENCH_ROUTINE = """\
format = 1
id = "{id}"
title = "{title}"
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


@dataclass(frozen=True)
class Config:
    quick: bool
    runs: int  # runs of each session-long measurement and of the history view
    startup_runs: int  # rounds of interleaved launches (app, floors, app with routines)
    settle: float  # seconds after an intent before a CPU window starts
    idle_window: float  # seconds of the home window sitting idle
    reminder_window: float  # seconds of waiting for a reminder that is armed
    run_skip: float  # seconds into the session before the "running" window (get-ready)
    run_window: float  # seconds of the figure moving, and of the strokes floor
    session_seconds: float  # the session the memory figure covers
    paused_window: float
    timing_stop_after: float  # 0: the whole routine
    history_days: int
    routine_files: int  # a person's own routine files for the start-up figure
    platform: str  # "auto", "xvfb" or "offscreen"
    display: int | None  # the X display number for Xvfb (None: Xvfb picks a free one)
    pyttsx3: bool

    @classmethod
    def build(cls, args: argparse.Namespace) -> Config:
        column = 0 if args.quick else 1
        chosen = {name: values[column] for name, values in PRESETS.items()}
        return cls(
            quick=args.quick,
            runs=args.runs or (1, 3)[column],
            startup_runs=args.startup_runs or (1, 9)[column],
            history_days=int(chosen.pop("history_days")),
            routine_files=int(chosen.pop("routine_files")),
            platform=args.platform,
            display=args.display,
            pyttsx3=not args.no_pyttsx3,
            **chosen,
        )


# Each setting as (--quick, full). --quick is just long enough to see one step boundary
# (the first get-ready is 10 s); it checks the harness, not the app.
PRESETS: dict[str, tuple[float, float]] = {
    "settle": (0.2, 1.5),
    "idle_window": (0.5, 8.0),
    "reminder_window": (0.5, 16.0),  # holds one 15 s idle-time sample at least
    "run_skip": (0.3, 11.0),
    "run_window": (1.0, 8.0),
    "session_seconds": (1.5, 20.0),
    "paused_window": (0.5, 8.0),
    "timing_stop_after": (10.6, 0.0),
    "history_days": (90, 50 * 365 + 12),  # fifty years of days, leap days included
    "routine_files": (100, 1000),
}


# -- processes --------------------------------------------------------------------------


@dataclass(frozen=True)
class PaintTimes:
    wall_ms: float  # from just before the process started to the end of its first paint
    cpu_ms: float  # the process's own CPU time (user + system) by then


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
        args = self.proc.args
        return " ".join(Path(a).name for a in args[1:3]) if isinstance(args, list) else "driver"

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


# -- the harness every section runs in --------------------------------------------------

HIDDEN_ENV = (
    "QT_QPA_PLATFORM",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "BACKCARE_DATA_DIR",
    "PYTHONPATH",
    "PYTHONDONTWRITEBYTECODE",
)


class Harness:
    """The run's configuration, figures, work directory and driver launches."""

    def __init__(
        self, config: Config, workdir: Path, display: Display, say: Callable[[str], None]
    ) -> None:
        self.config = config
        self.workdir = workdir
        self.display = display
        self.say = say
        self.figures = Figures()
        define_figures(self.figures, config)
        self.errors: dict[str, str] = {}
        self.details: dict[str, Any] = {}
        self._count = 0
        runtime = workdir / "xdg-runtime"
        runtime.mkdir(mode=0o700)
        base = {k: v for k, v in os.environ.items() if k not in HIDDEN_ENV}
        base["PYTHONPATH"] = str(REPO)
        base["XDG_RUNTIME_DIR"] = str(runtime)
        # The routine summary cache lives with the run: filled by the warm-up launches, as a
        # returning person's is, and gone with the work directory.
        base["XDG_CACHE_HOME"] = str(workdir / "xdg-cache")
        # An installed app starts from compiled bytecode (pip writes it); a checkout run
        # with PYTHONDONTWRITEBYTECODE would compile every module on every start. The
        # warm-up launches fill this cache, outside the source tree.
        base["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
        self.env = display.env(base)

    def data_dir(
        self, name: str, routine_files: int = 0, settings: dict[str, Any] | None = None
    ) -> Path:
        """A fresh data folder with the benchmark routine, and `routine_files` more;
        `settings` are added to a returning person's."""
        root = self.workdir / name
        routines = root / "routines"
        routines.mkdir(parents=True)
        # A returning person's settings: the health note read, the back profile question
        # answered, so no dialog opens over the home window.
        chosen = {"health_note_acknowledged": True, "profile_asked": True, **(settings or {})}
        (root / "settings.json").write_text(json.dumps(chosen) + "\n")
        routine = BENCH_ROUTINE.format(id=BENCH_ROUTINE_ID, title="Benchmark minute")
        (routines / f"{BENCH_ROUTINE_ID}.toml").write_text(routine)
        for n in range(routine_files):
            text = BENCH_ROUTINE.format(id=f"own-{n:04d}", title=f"My routine {n}")
            (routines / f"own-{n:04d}.toml").write_text(text)
        return root

    def spawn(self, script: Path, *args: str, env: dict[str, str] | None = None) -> Child:
        self._count += 1
        log = self.workdir / f"{self._count:03d}-{script.stem}.stderr"
        return Child([str(script), *args], env or self.env, log)

    @contextlib.contextmanager
    def painted(self, script: Path, *args: str) -> Iterator[tuple[Child, PaintTimes]]:
        """A driver whose window has painted, and how long that took; closed on the way
        out."""
        child = self.spawn(script, *args)
        try:
            painted = child.wait_for("painted", 60)
            yield child, PaintTimes((painted["t"] - child.spawned) * 1000, painted["cpu"] * 1000)
        finally:
            child.close()

    def launch_to_paint(self, script: Path, *args: str) -> PaintTimes:
        with self.painted(script, *args) as (_, paint):
            return paint

    def section(self, name: str, run: Callable[[Harness], None]) -> None:
        started = time.monotonic()
        self.say(f"{name} ...")
        try:
            run(self)
        except BenchError as e:
            self.errors[name] = str(e)
            self.say(f"  {name} failed: {e}")
        except Exception as e:  # a driver that died mid-read, a surprise in its data
            self.errors[name] = f"{type(e).__name__}: {e}"
            self.say(f"  {name} failed: {self.errors[name]}")
        self.say(f"  {name}: {time.monotonic() - started:.1f} s")


def app_args(root: Path, *more: str) -> list[str]:
    """The app driver's arguments for a controlled window on `root`, voice off, and `more`
    for the app itself."""
    return ["--control", "--", "--data-dir", str(root), "--no-voice", *more]
