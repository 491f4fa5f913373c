"""The rows of the benchmark: each figure's runs, its target, and the printed table."""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.harness import Config

# Percent of a core is read in clock ticks (10 ms); over an 8 s window one tick is
# 0.125 %, so "0.0 %" can only mean that no tick at all was spent.
ZERO_CPU = ("<", 0.05)


@dataclass
class Figure:
    key: str
    label: str
    unit: str
    values: list[float] = field(default_factory=list)
    target: tuple[str, float] | None = None  # ("<=", 1.5): the median must satisfy it
    source: str = ""  # which issue set the target
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
            "target": (
                {"op": self.target[0], "value": self.target[1], "issue": self.source}
                if self.target
                else None
            ),
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
        source: str = "18",
    ) -> Figure:
        figure = Figure(key, label, unit, target=target, source=source if target else "")
        self.items[key] = figure
        return figure

    def __getitem__(self, key: str) -> Figure:
        return self.items[key]

    def skip(self, keys: Iterable[str], reason: str) -> None:
        for key in keys:
            if not self.items[key].values:
                self.items[key].skipped = reason

    def ratio(self, key: str, numerator: str, denominator: str) -> None:
        """`key` gets one ratio per run, of runs that were measured side by side."""
        pairs = zip(self[numerator].values, self[denominator].values, strict=False)
        self[key].values = [a / b for a, b in pairs if b]


def define_figures(figures: Figures, config: Config) -> None:
    d = figures.define
    days = config.history_days
    years = f"{days / 365.25:.0f} years" if days > 730 else f"{days} days"
    files = config.routine_files
    # start-up (issue 18): process start to the end of the first paint pass
    d("startup_app_ms", "Start-up: app, process start to first painted home window", "ms")
    d("startup_empty_ms", "Floor: empty QWidget, start to first paint", "ms")
    d("startup_list_ms", "Floor: styled label + 12-row list, start to first paint", "ms")
    d("startup_vs_empty", "Start-up: app / empty window", "x", ("<=", 1.5))
    d("startup_vs_list", "Start-up: app / styled list", "x", ("<=", 1.3))
    d("startup_routines_ms", f"Start-up with {files} user routine files", "ms")
    d("startup_routines_ratio", f"Start-up: {files} routine files / none", "x", ("<", 1.2))
    d(
        "startup_routines_first_ms",
        f"Start-up with {files} routine files, first start (no summary cache)",
        "ms",
    )
    # The same launches' own CPU time to first paint: what they cost, whatever the load.
    d("startup_app_cpu_ms", "Start-up CPU (user + sys) to first paint: app", "ms")
    d("startup_empty_cpu_ms", "Start-up CPU to first paint: empty QWidget", "ms")
    d("startup_list_cpu_ms", "Start-up CPU to first paint: styled list", "ms")
    d("startup_routines_cpu_ms", f"Start-up CPU to first paint: {files} routine files", "ms")
    d("startup_cpu_vs_empty", "Start-up CPU: app / empty window", "x")
    d("startup_cpu_vs_list", "Start-up CPU: app / styled list", "x")
    d("startup_cpu_routines_ratio", f"Start-up CPU: {files} routine files / none", "x")
    # memory and CPU (issue 18)
    d("memory_app_mb", "Peak RSS: app, home + 20 s of a session", "MB")
    d("memory_empty_mb", "Floor: peak RSS, empty window", "MB")
    d("memory_list_mb", "Floor: peak RSS, styled list", "MB")
    d("memory_ratio", "Peak RSS: app / empty window", "x", ("<=", 1.35))
    d("memory_children_mb", "Peak RSS: the app's child processes at home, --no-voice", "MB")
    d("cpu_running_pct", "CPU: session running (figure moving)", "% core")
    d("cpu_strokes_pct", "Floor: 10 antialiased 14 px strokes at 30 fps", "% core")
    d("cpu_running_ratio", "CPU running: app / 10-stroke floor", "x", ("<=", 1.6))
    # The same windows from schedstat's nanoseconds: no 10 ms ticks (the row above
    # moves ~2 % a tick), reported beside it; the row above stays the target's.
    d("cpu_running_ns_pct", "CPU: session running, schedstat ns", "% core")
    d("cpu_strokes_ns_pct", "Floor: 10 strokes, schedstat ns", "% core")
    d("cpu_running_ns_ratio", "CPU running (schedstat ns): app / 10-stroke floor", "x")
    d("cpu_paused_pct", "CPU: session paused", "% core", ZERO_CPU)
    d("cpu_idle_pct", "CPU: home window idle", "% core", ZERO_CPU)
    d("cpu_reminder_wait_pct", "CPU: waiting for a reminder (two armed)", "% core", ZERO_CPU)
    d("wakes_reminder_wait", "Main thread wake-ups per minute, waiting for a reminder", "/min")
    d("cpu_empty_idle_pct", "Floor: CPU, empty window idle", "% core")
    d("wakes_empty_idle", "Floor: main thread wake-ups per minute, empty window idle", "/min")
    # timing and cue latency (issue 7)
    d("timing_median_ms", "Step start vs plan: median lateness", "ms", ("<=", 20.0), "7")
    d("timing_worst_ms", "Step start vs plan: worst lateness", "ms", ("<=", 20.0), "7")
    d("timing_screen_median_ms", "Step on screen (figure repaint) vs plan: median", "ms")
    d("timing_screen_worst_ms", "Step on screen (figure repaint) vs plan: worst", "ms")
    d("timing_cue_log_worst_ms", "--cue-log t vs plan: worst", "ms")
    d("cue_backend_median_ms", "Cue to backend (recording): median", "ms", ("<", 30.0), "7")
    d("cue_backend_worst_ms", "Cue to backend (recording): worst", "ms", ("<", 30.0), "7")
    d("cue_worker_median_ms", "Cue to pyttsx3 worker 'started': median", "ms")
    d("cue_worker_worst_ms", "Cue to pyttsx3 worker 'started': worst", "ms")
    d("cue_process_median_ms", "Cue to speech process (aplay) start: median", "ms")
    d("cue_process_worst_ms", "Cue to speech process (aplay) start: worst", "ms")
    d("speech_worker_rss_mb", "Peak RSS: pyttsx3 speech worker process", "MB")
    # history at scale (issue 18)
    d("history_view_ms", f"Progress, {years} of daily history: click to paint", "ms", ("<", 60.0))
    d(
        "startup_app_history_ms",
        f"Start-up with {years} of history, a fresh copy (the full check runs)",
        "ms",
    )
    d("history_view_alone_ms", "ProgressView alone: build to first paint", "ms")
    d("history_build_ms", "ProgressView alone: build (stats + first page)", "ms")
    d("history_stats_ms", f"Stats on {years} (load_stats, warm)", "ms")
    d("history_store_open_ms", "History file open, first after a copy (check + migrate)", "ms")
    d("history_store_reopen_ms", "History file open, as BackCare last closed it", "ms")


# -- the table --------------------------------------------------------------------------

HEADER = ["figure", "unit", "median", "min", "max", "runs", "target", "result"]


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
        target = f"{f.target[0]} {_fmt(f.target[1])} (#{f.source})" if f.target else ""
        result = {True: "met", False: "missed", None: ""}[f.passed]
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
