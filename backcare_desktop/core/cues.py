"""How long a cue takes to say, and which cue fits the time it has.

The shipped table (`assets/cue_durations.json`, made by `python -m
backcare_desktop.tools.cue_table`) holds the measured length of every cue the shipped files
can produce: espeak-ng at 165 words a minute, its trailing silence trimmed. A text that
is not in it (a person's own exercise) gets an estimate fitted to that table.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backcare_desktop.core.errors import FormatError, LoadError
from backcare_desktop.core.i18n import Words

TABLE_FORMAT = 1
# A cue should end with some air before the next one: at most this share of its slot.
FILL = 0.8
# A least-squares fit over the 1292 measured cues (words, letters, numbers and pauses at
# punctuation) leaves 95 % of them within 0.25 s above the estimate: that margin is in the
# overhead, so an estimate errs towards a shorter cue or a longer step.
ESTIMATE_OVERHEAD_SECONDS = 0.4
ESTIMATE_SECONDS = {"word": 0.07, "letter": 0.045, "number": 0.32, "pause": 0.32}
_PATTERNS = {
    "word": re.compile(r"[A-Za-z]+"),
    "letter": re.compile(r"[A-Za-z]"),
    "number": re.compile(r"[0-9]+"),
    "pause": re.compile(r"[,.;:?!]"),
}
MAX_TABLE_BYTES = 2_000_000


def estimate_seconds(text: str) -> float:
    """About how long espeak-ng takes to say `text` at 165 words a minute."""
    return ESTIMATE_OVERHEAD_SECONDS + sum(
        seconds * len(_PATTERNS[kind].findall(text)) for kind, seconds in ESTIMATE_SECONDS.items()
    )


@dataclass(frozen=True)
class CueDurations:
    """Spoken seconds per cue text; an estimate for a text the table lacks."""

    seconds: Mapping[str, float] = field(default_factory=dict)

    def of(self, text: str) -> float:
        found = self.seconds.get(text)
        return found if found is not None else estimate_seconds(text)

    def fits(self, text: str, slot: float) -> bool:
        return self.of(text) <= FILL * slot

    def choose(self, slot: float, *candidates: str) -> str | None:
        """The first candidate that fits `slot` with air to spare, or None."""
        return next((text for text in candidates if self.fits(text, slot)), None)

    def slot_for(self, text: str) -> float:
        """The shortest slot that `text` fits, to a tenth of a second."""
        # Rounded up (the small allowance only keeps 4.0 from becoming 4.1).
        return math.ceil(self.of(text) / FILL * 10 - 1e-9) / 10


def load_cue_durations(path: Path, problems: list[LoadError]) -> CueDurations:
    """The table in `path`; estimates (and a problem naming the file) if it is unusable."""
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise ValueError(f"is larger than {MAX_TABLE_BYTES} bytes")
        data = json.loads(path.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != TABLE_FORMAT:
            raise ValueError(f"is not a format {TABLE_FORMAT} cue table")
        table = data.get("seconds")
        if not isinstance(table, dict) or not all(
            isinstance(k, str) and isinstance(v, int | float) and 0 < v < 120
            for k, v in table.items()
        ):
            raise ValueError("needs `seconds`: cue text to seconds (0-120)")
    except FileNotFoundError:
        problems.append(
            FormatError(
                path, "", Words("is missing: cue lengths are estimated (reinstall BackCare)")
            )
        )
        return CueDurations()
    except (OSError, UnicodeDecodeError, ValueError) as e:
        problems.append(
            FormatError(
                path, "", Words("cannot be used ({error}); cue lengths are estimated", error=e)
            )
        )
        return CueDurations()
    return CueDurations({k: float(v) for k, v in table.items()})
