"""SessionController: a SessionEngine driven by the one Ticker, its events as Qt signals."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal

from backcare_desktop.core.engine import (
    CueDue,
    EngineState,
    Event,
    SessionEngine,
    SessionFinished,
)
from backcare_desktop.figure.motion import still_from
from backcare_desktop.ui.ticker import FRAME_INTERVAL_MS, STILL_INTERVAL_MS, Ticker


class SessionController(QObject):
    """Forwards the person's intents to the engine and the engine's news to the view.

    `frame` carries the EngineState to draw (each tick, and once after every intent);
    `finished` carries the SessionReport; `cue` each cue's text as it is due.

    Continuous (the default), it ticks about 30 times a second while the figure moves,
    and 10 times a second while only its breath does (holds, rests, get-ready), waking
    on time for the next step, cue and second of the countdown. Not continuous (reduced
    motion), it wakes only when something shown changes: a step, a cue, or the
    countdown's next second.
    """

    frame = Signal(object)
    finished = Signal(object)
    cue = Signal(str)

    def __init__(
        self, engine: SessionEngine, ticker: Ticker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._ticker = ticker
        self._continuous = True
        self._unsubscribe = engine.subscribe(self._on_event)
        ticker.ticked.connect(self.refresh)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionFinished):
            self._ticker.stop()
            self.finished.emit(event.report)
        elif isinstance(event, CueDue):
            self.cue.emit(event.cue.text)

    def set_continuous(self, continuous: bool) -> None:
        if continuous == self._continuous:
            return
        self._continuous = continuous
        if self.engine.status == "running":
            self._after_intent()

    def refresh(self) -> EngineState:
        state = self.engine.poll()
        due = self.engine.next_due()
        wait = None if due is None else due - state.position
        running = state.status == "running"
        still = running and state.step_fraction >= still_from(state.step)
        if running and self._continuous:
            # Steps never start moving part-way: a still moment lasts until the step
            # ends, and the wake-up for the next step brings the full rate back on time.
            self._ticker.start(self._still_interval_ms() if still else FRAME_INTERVAL_MS)
        if running and (still or not self._continuous):
            # The countdown shows whole seconds: the next change is at the next second.
            next_second = state.seconds_left - math.floor(state.seconds_left) or 1.0
            wait = next_second if wait is None else min(wait, next_second)
        if wait is not None:
            self._ticker.wake_in(wait / self.engine.clock.rate)
        self.frame.emit(state)
        return state

    def _still_interval_ms(self) -> int:
        # A faster session breathes faster on screen: keep the breath's frames as fine.
        return max(FRAME_INTERVAL_MS, round(STILL_INTERVAL_MS / self.engine.clock.rate))

    def _after_intent(self) -> None:
        if self.engine.status != "running" or not self._continuous:
            self._ticker.stop()
        self.refresh()  # starts the ticker, at the rate the moment needs

    def start(self) -> None:
        self.engine.start()
        self._after_intent()

    def toggle_pause(self) -> None:
        self.engine.toggle_pause()
        self._after_intent()

    def next_exercise(self) -> None:
        self.engine.next_exercise()
        self._after_intent()

    def previous_exercise(self) -> None:
        self.engine.previous_exercise()
        self._after_intent()

    def restart_exercise(self) -> None:
        self.engine.restart_exercise()
        self._after_intent()

    def stop(self) -> None:
        self.engine.stop()
        self._ticker.stop()

    def shutdown(self) -> None:
        self._ticker.stop()
        self._ticker.ticked.disconnect(self.refresh)
        self._unsubscribe()
