"""The one source of time. Tests pass a FakeClock and step it; nothing sleeps."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    # Clock seconds per real second: the UI turns "due in 2 s" into a real delay with it.
    rate: float

    def now(self) -> float:
        """Seconds on a monotonic scale (only differences mean anything)."""
        ...


class MonotonicClock:
    rate = 1.0

    def now(self) -> float:
        return time.monotonic()


class ScaledClock:
    """Runs `speed` times faster than `base`, for demos and `--speed`."""

    def __init__(self, base: Clock, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self._base = base
        self._speed = speed
        self.rate = base.rate * speed
        self._origin = base.now()

    def now(self) -> float:
        return self._origin + (self._base.now() - self._origin) * self._speed


class FakeClock:
    rate = 1.0

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time only moves forward")
        self._now += seconds
