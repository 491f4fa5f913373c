"""`--cue-log FILE`: one JSON line per cue as it is spoken or captioned.

    {"t": 12.0, "text": "1 of 8. Breathe out and round your back", "step": 3}

`t` is the session position (timeline seconds since the session started, pauses not
counted) when the cue went out, so a run can be checked against `backcare show --json`.
Each line is flushed as it is written: a crash loses nothing already said. A write that
fails (a full disk, a pulled drive) is logged once and the log stops: the session goes
on, since a log must never be what stops a person's stretch.
"""

from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path
from types import TracebackType
from typing import TextIO

from backcare_desktop.core.engine import CueDue, Event
from backcare_desktop.core.events import Unsubscribe
from backcare_desktop.core.planning import FollowedEngine, SessionPlan

log = logging.getLogger(__name__)


class CueLog:
    """A session follower: `attach()` it to each engine, as the narrator is."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        # Why the log stopped (None while it works): said once, then nothing is written.
        self.failure: str | None = None
        self._unsubscribe: Unsubscribe | None = None

    def attach(self, engine: FollowedEngine, plan: SessionPlan | None = None) -> None:
        self.detach()

        def on_event(event: Event) -> None:
            if isinstance(event, CueDue):
                self.write(engine.position(), event.cue.text, event.step.index)

        self._unsubscribe = engine.subscribe(on_event)

    def detach(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    @classmethod
    def open(cls, path: str | Path) -> CueLog:
        """Start a fresh log at `path` (truncating an old one)."""
        return cls(Path(path).open("w", encoding="utf-8"))

    def write(self, t: float, text: str, step: int) -> None:
        if self.failure is not None:
            return
        line = json.dumps({"t": round(t, 3), "text": text, "step": step}, ensure_ascii=False)
        try:
            self._stream.write(line + "\n")
            self._stream.flush()
        except (OSError, ValueError) as e:
            name = getattr(self._stream, "name", "the cue log")
            self.failure = f"cannot write to {name} ({getattr(e, 'strerror', None) or e})"
            log.warning("%s; the cue log stops here, the session goes on", self.failure)

    def close(self) -> None:
        # Closing flushes; on a full disk that fails too, and has been said already.
        with contextlib.suppress(OSError, ValueError):
            self._stream.close()

    def __enter__(self) -> CueLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
