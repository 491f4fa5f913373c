"""Timing: how late each step and cue is against the timeline, over a whole routine.

One routine of 82 s at real speed per run; engine events are time-stamped in the app's
process, the cue log and a stand-in `aplay` give the speech side.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench.harness import APP, BENCH_ROUTINE_ID, Harness
from bench.system import BenchError

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


def timing(h: Harness) -> None:
    config = h.config
    speech_env = dict(h.env)
    fakebin = h.workdir / "fakebin"
    fakebin.mkdir(exist_ok=True)
    aplay = fakebin / "aplay"
    aplay.write_text(FAKE_APLAY)
    aplay.chmod(0o755)
    speech_env["PATH"] = f"{fakebin}{os.pathsep}{h.env.get('PATH', '')}"
    runs: list[dict[str, Any]] = []
    for n in range(config.runs):
        root = h.data_dir(f"timing-{n}")
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
        child = h.spawn(APP, *args, env=speech_env)
        try:
            child.wait_for("painted", 60)
            data = child.wait_for("data", (config.timing_stop_after or 82.0) + 60)
        finally:
            child.close(quit_line=None)
        result = analyse_timing(data, cue_log, aplay_log)
        result["speech_worker_rss_mb"] = (data.get("pyttsx3") or {}).get("worker_rss_mb")
        runs.append(result)
        add_timing(h, result)
    h.details["timing_runs"] = runs


def add_timing(h: Harness, r: dict[str, Any]) -> None:
    f = h.figures
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
