"""The one timer that drives the view. Tests replace it with ManualTicker."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

FRAME_INTERVAL_MS = 33  # about 30 frames a second: smooth enough for a slow breath
# While only the breath moves (holds, rests, get-ready): it moves the chest about 2 px a
# second, so 10 frames a second still show each half pixel of it, at a third of the cost.
STILL_INTERVAL_MS = 100


class Ticker(QObject):
    """Ticks only while something moves: a paused or idle window runs no timer at all."""

    ticked = Signal()

    def __init__(self, interval_ms: int = FRAME_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        # Coarse timers may fire 5 % early or late; the position comes from the clock
        # anyway, but precise ticks keep the figure's motion even.
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.ticked)
        # A one-shot wake-up for the moment a step or cue is due, between frames.
        self._wake = QTimer(self)
        self._wake.setSingleShot(True)
        self._wake.setTimerType(Qt.TimerType.PreciseTimer)
        self._wake.timeout.connect(self.ticked)
        # The rate it ticks at, or None when stopped: start() is called every frame, and
        # asking Qt twice a frame for what this knows costs more than the check.
        self._ticking_at: int | None = None

    def start(self, interval_ms: int = FRAME_INTERVAL_MS) -> None:
        """Tick every `interval_ms` from now on (already ticking at another rate: the
        next tick comes `interval_ms` from now)."""
        if self._ticking_at == interval_ms:
            return
        if self._timer.interval() != interval_ms:
            self._timer.setInterval(interval_ms)  # restarts an active timer
        if not self._timer.isActive():
            self._timer.start()
        self._ticking_at = interval_ms

    def stop(self) -> None:
        self._timer.stop()
        self._wake.stop()
        self._ticking_at = None

    def wake_in(self, seconds: float) -> None:
        """Tick once more after `seconds` (replacing an earlier wake-up)."""
        self._wake.start(max(0, round(seconds * 1000)))

    def is_active(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()


class ManualTicker(Ticker):
    """A ticker that ticks only when told to (tests, benchmarks of the paint path)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent=parent)
        self._active = False
        self._interval_ms = FRAME_INTERVAL_MS
        self.wake_requested: float | None = None

    def start(self, interval_ms: int = FRAME_INTERVAL_MS) -> None:
        self._active = True
        self._interval_ms = interval_ms

    def stop(self) -> None:
        self._active = False
        self.wake_requested = None

    def is_active(self) -> bool:
        return self._active

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    def wake_in(self, seconds: float) -> None:
        self.wake_requested = seconds

    def tick(self) -> None:
        if self._active:
            self.ticked.emit()
