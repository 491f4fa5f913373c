"""A soft two-note chime, generated (no sound file shipped) and played with what is there.

QtMultimedia's QSoundEffect is not in PySide6-Essentials, so the chime is a WAV file played
by the system's own player: aplay or paplay (Linux), afplay (macOS), winsound (Windows).
Playing never blocks and never raises: no player means no chime.
"""

from __future__ import annotations

import logging
import math
import shutil
import struct
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import subprocess

log = logging.getLogger(__name__)

RATE = 22_050
NOTES = ((659.25, 0.0), (880.0, 0.18))  # E5 then A5, the second a little later
LENGTH = 1.2  # seconds
VOLUME = 0.25  # soft: a reminder, not an alarm


def chime_samples() -> list[int]:
    """16-bit samples: two sine notes, each with a quick rise and a long, gentle fade."""
    samples = []
    for n in range(int(RATE * LENGTH)):
        t = n / RATE
        value = 0.0
        for frequency, start in NOTES:
            local = t - start
            if local < 0:
                continue
            envelope = min(1.0, local / 0.01) * math.exp(-local * 4.0)
            value += envelope * math.sin(2 * math.pi * frequency * local)
        samples.append(round(value * VOLUME / len(NOTES) * 32767))  # never past VOLUME
    return samples


def write_chime(path: Path) -> Path:
    import wave  # here: most starts never chime

    path.parent.mkdir(parents=True, exist_ok=True)
    samples = chime_samples()
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def player_argv(path: Path, platform: str | None = None) -> list[str] | None:
    platform = platform or sys.platform
    if platform == "darwin":
        return ["afplay", str(path)] if shutil.which("afplay") else None
    for player in ("paplay", "aplay"):
        if shutil.which(player):
            return [player, "-q", str(path)] if player == "aplay" else [player, str(path)]
    return None


class Chime:
    def __init__(self, cache_dir: Path) -> None:
        self._path = cache_dir / "chime.wav"
        self._playing: list[subprocess.Popen[bytes]] = []

    def play(self) -> bool:
        """Start the chime; False when there is nothing to play it with."""
        try:
            if not self._path.is_file():
                write_chime(self._path)
            if sys.platform == "win32":
                import winsound

                winsound.PlaySound(str(self._path), winsound.SND_FILENAME | winsound.SND_ASYNC)
                return True
            argv = player_argv(self._path)
            if argv is None:
                return False
            import subprocess  # here: 0.45 MB that a start with no chime never needs

            self._playing = [p for p in self._playing if p.poll() is None]
            self._playing.append(
                subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        except OSError as e:
            log.info("no chime: %s", e)
            return False
        return True
