"""Fixtures for speech tests: a stand-in sound card, real speakers that clean up after
themselves, and a listener that lets a test wait for a speaker's events."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from backcare_desktop.speech.base import SpeechEvent
from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker

# How long a test waits for something that normally takes well under a second. Only a
# bound for failing, never a measurement.
WAIT = 15.0


def _espeak_missing() -> str | None:
    if not sys.platform.startswith("linux"):
        return "the real-speech tests drive espeak-ng, which is what pyttsx3 uses on Linux"
    for name in ("libespeak-ng.so.1", "libespeak.so.1"):
        with contextlib.suppress(OSError):
            ctypes.CDLL(name)
            return None
    return "libespeak-ng is not installed (Debian/Ubuntu: sudo apt install libespeak-ng1)"


ESPEAK_MISSING = _espeak_missing()
needs_espeak = pytest.mark.skipif(ESPEAK_MISSING is not None, reason=ESPEAK_MISSING or "")

# A stand-in for a sound card: "plays" a WAV by sleeping for its length, and notes when it
# started, so tests hear nothing yet speech takes as long as it would.
FAKE_APLAY = """\
import os, sys, time, wave
log = os.environ["FAKE_APLAY_LOG"]
for path in (a for a in sys.argv[1:] if not a.startswith("-")):
    with wave.open(path) as w:
        seconds = w.getnframes() / w.getframerate()
    with open(log, "a") as f:
        f.write(f"{os.getpid()} {time.monotonic():.6f} {seconds:.3f}\\n")
    time.sleep(seconds)
"""


class FakeSoundCard:
    def __init__(self, root: Path) -> None:
        self.bin = root / "bin"
        self.bin.mkdir(parents=True)
        self.log = root / "aplay.log"
        script = root / "fake_aplay.py"
        script.write_text(FAKE_APLAY)
        aplay = self.bin / "aplay"
        aplay.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{script}" "$@"\n')
        aplay.chmod(0o755)

    def env(self) -> dict[str, str]:
        return {
            "PATH": f"{self.bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "FAKE_APLAY_LOG": str(self.log),
        }

    def plays(self) -> list[tuple[int, float, float]]:
        """(pid, monotonic start, seconds) of every WAV played so far."""
        if not self.log.exists():
            return []
        rows = []
        for line in self.log.read_text().splitlines():
            pid, start, seconds = line.split()
            rows.append((int(pid), float(start), float(seconds)))
        return rows


@pytest.fixture
def sound_card(tmp_path: Path) -> FakeSoundCard:
    return FakeSoundCard(tmp_path / "sound")


class EventLog:
    """Collects a speaker's events (from any thread) and waits for them."""

    def __init__(self) -> None:
        self.events: list[tuple[float, SpeechEvent]] = []
        self._cond = threading.Condition()

    def __call__(self, event: SpeechEvent) -> None:
        with self._cond:
            self.events.append((time.monotonic(), event))
            self._cond.notify_all()

    def of(self, kind: type) -> list:
        with self._cond:
            return [e for _, e in self.events if isinstance(e, kind)]

    def wait_for(
        self,
        predicate: Callable[[SpeechEvent], bool],
        timeout: float = WAIT,
    ) -> SpeechEvent:
        deadline = time.monotonic() + timeout
        with self._cond:
            seen = 0
            while True:
                for _, event in self.events[seen:]:
                    if predicate(event):
                        return event
                seen = len(self.events)
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such event within {timeout} s; saw {self.events}")
                self._cond.wait(left)

    def time_of(self, event: SpeechEvent) -> float:
        with self._cond:
            return next(t for t, e in self.events if e == event)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes (its parent has not reaped it yet).
    with contextlib.suppress(OSError):
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    return True


def wait_dead(pid: int, timeout: float = WAIT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def make_speaker() -> Iterator[Callable[..., Pyttsx3Speaker]]:
    """Real Pyttsx3Speakers, shut down (worker killed, threads joined) after the test."""
    made: list[Pyttsx3Speaker] = []
    pids: list[int] = []

    def make(*args: object, **kwargs: object) -> Pyttsx3Speaker:
        speaker = Pyttsx3Speaker(*args, **kwargs)  # type: ignore[arg-type]
        made.append(speaker)
        return speaker

    def note_pid(speaker: Pyttsx3Speaker) -> None:
        pid = speaker.worker_pid
        if pid is not None:
            pids.append(pid)

    yield make
    for speaker in made:
        note_pid(speaker)
        speaker.shutdown()
        assert not speaker._thread.is_alive(), "the supervisor thread outlived shutdown()"
    for pid in pids:
        assert wait_dead(pid, 5.0), f"speech worker {pid} outlived shutdown()"
