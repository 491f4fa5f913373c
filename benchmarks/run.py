"""BackCare's benchmark: what a person feels, side by side with the floor.

    python benchmarks/run.py                 # the full run (about 9 minutes on 2 cores)
    python benchmarks/run.py --quick         # a tiny configuration (~25 s), for the smoke test
    python benchmarks/run.py --runs 5 --out results.json

Every figure is the median of several runs, with min, max and the number of runs, and
the table says whether each target (of issues 18 and 7) is met. The floors run in the
same run, interleaved with the app, and carry the same probe (drivers/probe.py):

- start-up: process start to the first painted home window, against an empty QWidget
  and a styled label + 12-row list; and the app with 1000 routine files of a person's own;
- memory: peak RSS (VmHWM) of the app after its home window and 20 s of a session at
  --speed 1, against the empty window (and the styled list);
- CPU: percent of one core (utime + stime from /proc/PID/stat) while a session runs
  (against 10 antialiased 14 px strokes repainted at 30 fps on their own box), while it
  is paused and while the home window sits idle;
- timing: how late each step starts against the timeline over a whole routine (82 s)
  at real speed, from engine events time-stamped in the driver and from --cue-log;
- cue latency: from a cue's planned moment to the speech backend (the in-process
  RecordingSpeaker), to the real pyttsx3 worker, and to the player process it starts;
- history at scale: the Progress page on fifty years of daily sessions, to its first paint.

Each measurement runs the real app in its own process (benchmarks/drivers/app_driver.py
calls backcare_desktop.cli.main and only adds the probe around the event loop). This
script imports no Qt itself, so it measures from outside and stays out of the way. The
measuring lives in benchmarks/bench/: one module per thing measured, one harness.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.figures import Figures, markdown_table, text_table
from bench.harness import HERE, Config, Harness
from bench.history import history
from bench.sessions import sessions
from bench.startup import prepare, startup
from bench.system import BenchError, Display, machine
from bench.timing import timing

SECTIONS: dict[str, Callable[[Harness], None]] = {
    "startup": startup,
    "sessions": sessions,
    "timing": timing,
    "history": history,
}
# The figures a section fills, by key prefix: skipped with its error when it fails.
SECTION_FIGURES = {
    "startup": (
        *("startup_app_ms", "startup_app_cpu", "startup_cpu", "startup_vs"),
        *("startup_empty", "startup_list", "startup_rou"),
    ),
    "sessions": ("memory_", "cpu_", "wakes_"),
    "timing": ("timing_", "cue_", "speech_"),
    "history": ("history_", "startup_app_history"),
}


def _load(source: object) -> str:
    """The 1-minute load average, from a list or a machine() record."""
    if isinstance(source, dict):
        source = source.get("load_average")
    return f"{source[0]:.2f}" if isinstance(source, list) and source else "?"


def targets_summary(figures: Figures) -> str:
    targeted = [f for f in figures.items.values() if f.target is not None]
    met = sum(f.passed is True for f in targeted)
    missed = [f.key for f in targeted if f.passed is False]
    unmeasured = sum(f.passed is None for f in targeted)
    text = f"targets: {met} met, {len(missed)} missed"
    if missed:
        text += f" ({', '.join(missed)})"
    return text + (f", {unmeasured} not measured" if unmeasured else "")


def _count(text: str) -> int:
    """A positive whole number of runs, or a message that says what to give."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} runs: give 1 or more")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    add = parser.add_argument
    add(
        "--runs",
        type=_count,
        default=0,
        metavar="N",
        help="runs of each session-long figure and of the history view (default 3; 1 with --quick)",
    )
    add(
        "--startup-runs",
        type=_count,
        default=0,
        metavar="N",
        help="rounds of start-up launches, one of each window a round (default 9)",
    )
    add(
        "--quick",
        action="store_true",
        help="a tiny configuration (~25 s): checks the harness, not the app",
    )
    add(
        "--out",
        type=Path,
        default=HERE / "results" / "latest.json",
        metavar="FILE",
        help="where to write the JSON (default benchmarks/results/latest.json)",
    )
    add(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections to run (of {', '.join(SECTIONS)})",
    )
    add(
        "--platform",
        choices=("auto", "xvfb", "offscreen"),
        default="auto",
        help="Qt platform for the windows (auto: Xvfb when installed)",
    )
    add(
        "--display",
        type=int,
        metavar="N",
        help="the X display number for the benchmark's own Xvfb (default: a free one)",
    )
    add("--no-pyttsx3", action="store_true", help="skip the real speech backend's latency")
    add("--markdown", action="store_true", help="print the table as Markdown (for the README)")
    add("--keep", action="store_true", help="keep the working directory")
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
    try:
        display = Display(config.platform, config.display, workdir)
    except BenchError as e:
        print(f"run.py: {e}", file=sys.stderr)
        return 2
    try:
        say(
            f"BackCare benchmark ({'quick' if config.quick else 'full'}), windows on "
            f"{display.note}; work dir {workdir}"
        )
        bench = Harness(config, workdir, display, say)
        load_before = machine().get("load_average")
        bench.section("prepare", prepare)
        for name, run in SECTIONS.items():
            if name in only:
                bench.section(name, run)
    finally:
        display.close()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.monotonic() - started
    figures = bench.figures
    for name, message in bench.errors.items():
        keys = SECTION_FIGURES.get(name, ())
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
    load = f"load average {_load(load_before)} before, {_load(meta['machine'])} after"
    print(f"\n{display.note}; {elapsed:.0f} s; {load}; JSON in {args.out}")
    print(targets_summary(figures))
    for name, message in bench.errors.items():
        print(f"error in {name}: {message}", file=sys.stderr)
    return 1 if bench.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
