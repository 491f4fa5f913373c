"""SessionController: a SessionEngine driven by the one Ticker, its events as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from backcare_desktop.core.engine import EngineState, Event, SessionEngine, SessionFinished
from backcare_desktop.ui.ticker import Ticker


class SessionController(QObject):
    """Forwards the person's intents to the engine and the engine's news to the view.

    `frame` carries the EngineState to draw (each tick, and once after every intent);
    `finished` carries the SessionReport.
    """

    frame = Signal(object)
    finished = Signal(object)

    def __init__(
        self, engine: SessionEngine, ticker: Ticker, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self._ticker = ticker
        self._unsubscribe = engine.subscribe(self._on_event)
        ticker.ticked.connect(self.refresh)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, SessionFinished):
            self._ticker.stop()
            self.finished.emit(event.report)

    def refresh(self) -> EngineState:
        state = self.engine.poll()
        due = self.engine.next_due()
        if due is not None:
            self._ticker.wake_in((due - state.position) / self.engine.clock.rate)
        self.frame.emit(state)
        return state

    def _after_intent(self) -> None:
        if self.engine.status == "running":
            self._ticker.start()
        else:
            self._ticker.stop()
        self.refresh()

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
