"""Measure how long every shipped cue takes to say, and write assets/cue_durations.json.

    python -m backcare_desktop.tools.cue_table           # measure and write the table
    python -m backcare_desktop.tools.cue_table --check   # exit 1 if the table is stale

Each text is spoken by espeak-ng at 165 words a minute (the app's rate) in its default
voice, into a WAV; its length less the trailing silence (samples under 1 % of full scale)
is what a person hears before the next cue can start.
"""

from __future__ import annotations

import argparse
import json
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from backcare_desktop import resources
from backcare_desktop.core.cues import TABLE_FORMAT, CueDurations, load_cue_durations
from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.model import CONDITIONS, Condition, Exercise, Routine, RoutineItem
from backcare_desktop.core.timeline import compile_routine

RATE_WPM = 165
SILENCE_FRACTION = 0.01
ESPEAK_TIMEOUT_SECONDS = 30.0
MADE_WITH = (
    f"espeak-ng -s {RATE_WPM} (default voice), trailing silence under "
    f"{SILENCE_FRACTION:.0%} of full scale trimmed"
)


@dataclass(frozen=True)
class _Recorder(CueDurations):
    """Estimates, and notes every text the compiler considers saying."""

    asked: set[str] = field(default_factory=set)

    def fits(self, text: str, slot: float) -> bool:
        self.asked.add(text)
        return super().fits(text, slot)

    def choose(self, slot: float, *candidates: str) -> str | None:
        self.asked.update(candidates)
        return super().choose(slot, *candidates)

    def slot_for(self, text: str) -> float:
        self.asked.add(text)
        return super().slot_for(text)


def _doses(exercise: Exercise) -> Iterator[RoutineItem]:
    """Every dose a routine or a progression step can give the exercise."""
    alternating = any(p.sides == "alternating" for p in exercise.parts)
    reps = {p.reps for p in exercise.parts}
    for part in exercise.parts:
        if part.reps_range:
            reps.update(range(part.reps_range[0], part.reps_range[1] + 1))
    stages = (0, 1) if any(ph.harder for p in exercise.parts for ph in p.phases) else (0,)
    for count in sorted(reps):
        if alternating and count % 2:
            continue
        for sets in (1, 2):
            for stage in stages:
                yield RoutineItem(exercise.id, reps=count, sets=sets, stage=stage)


def needed_texts(library: Library) -> set[str]:
    """Every cue text the shipped exercises and routines can make the compiler consider."""
    recorder = _Recorder()
    for routine in library.routines.values():
        compile_routine(routine, library.exercises, recorder)
    audiences = [(), *((c,) for c in CONDITIONS)]
    for exercise in library.exercises.values():
        for item in _doses(exercise):
            for audience in audiences:
                routine = Routine(
                    id="t",
                    title="t",
                    description="t",
                    minutes=1,
                    items=(item,),
                    audience=cast(tuple[Condition, ...], audience),
                )
                compile_routine(routine, library.exercises, recorder)
    return recorder.asked


def _wav_speech_seconds(data: bytes) -> float:
    """Length of a 16-bit PCM WAV up to its last sample above the silence threshold."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("espeak-ng did not write a WAV")
    rate, channels, pos = 0, 1, 12
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)[0]
        body = data[pos + 8 : pos + 8 + size]
        if chunk == b"fmt ":
            channels, rate = struct.unpack_from("<HI", body, 2)
        elif chunk == b"data":
            samples = memoryview(body[: len(body) // 2 * 2]).cast("h")
            threshold = SILENCE_FRACTION * 32768
            last = max((i for i in range(len(samples)) if abs(samples[i]) > threshold), default=-1)
            return (last // channels + 1) / rate if rate else 0.0
        pos += 8 + size + (size & 1)
    raise ValueError("the WAV has no data")


def measure(text: str, espeak: str = "espeak-ng") -> float:
    """Seconds espeak-ng takes to say `text`, trailing silence trimmed."""
    done = subprocess.run(
        [espeak, "-s", str(RATE_WPM), "--stdout"],
        input=text.encode("utf-8"),
        capture_output=True,
        timeout=ESPEAK_TIMEOUT_SECONDS,
        check=True,
    )
    return round(_wav_speech_seconds(done.stdout), 3)


def measure_all(texts: Iterable[str], workers: int = 2) -> dict[str, float]:
    ordered = sorted(texts)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(zip(ordered, pool.map(measure, ordered), strict=True))


def write_table(path: Path, seconds: dict[str, float]) -> None:
    table = {
        "format": TABLE_FORMAT,
        "made_with": MADE_WITH,
        "seconds": dict(sorted(seconds.items())),
    }
    path.write_text(json.dumps(table, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")


def stale(library: Library, table: CueDurations) -> tuple[set[str], set[str]]:
    """(texts the table lacks, texts it holds that nothing can say any more)."""
    needed = needed_texts(library)
    return needed - set(table.seconds), set(table.seconds) - needed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backcare_desktop.tools.cue_table")
    parser.add_argument("--check", action="store_true", help="only say whether it is stale")
    parser.add_argument("--out", type=Path, default=None, help="where to write the table")
    args = parser.parse_args(argv)
    path: Path = args.out or resources.cue_durations_path()
    library = load_presets()
    problems: list[LoadError] = []
    table = load_cue_durations(path, problems)
    if args.check:
        missing, extra = stale(library, table)
        for text in sorted(missing):
            print(f"{path}: no length for the cue {text!r}", file=sys.stderr)
        for text in sorted(extra):
            print(f"{path}: no shipped file says {text!r} any more", file=sys.stderr)
        if missing or extra or problems:
            print("run: python -m backcare_desktop.tools.cue_table", file=sys.stderr)
            return 1
        print(f"{path}: {len(table.seconds)} cues, up to date")
        return 0
    if shutil.which("espeak-ng") is None:
        print("espeak-ng is not installed (Debian: apt install espeak-ng)", file=sys.stderr)
        return 1
    texts = needed_texts(library)
    write_table(path, measure_all(texts))
    print(f"{path}: {len(texts)} cues measured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
