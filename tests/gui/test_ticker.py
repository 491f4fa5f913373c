"""The one timer: its rate is the controller's to set, and a stopped ticker is silent."""

from __future__ import annotations

from backcare_desktop.ui.ticker import FRAME_INTERVAL_MS, STILL_INTERVAL_MS, Ticker


def test_the_ticker_runs_at_the_rate_it_is_started_with(qtbot):
    ticker = Ticker()
    ticker.start(STILL_INTERVAL_MS)
    assert ticker.is_active()
    assert ticker.interval_ms == STILL_INTERVAL_MS
    ticker.start()
    assert ticker.interval_ms == FRAME_INTERVAL_MS
    ticker.stop()
    assert not ticker.is_active()


class CountingTimer:
    """Stands in for the ticker's QTimer: counts every question and order it gets."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __getattr__(self, name: str):
        def call(*args: object) -> object:
            self.calls.append(name)
            return 0 if name == "interval" else False

        return call


def test_a_ticker_started_again_at_its_rate_leaves_its_timer_alone(qtbot):
    ticker = Ticker()
    ticker.start(FRAME_INTERVAL_MS)
    real, counting = ticker._timer, CountingTimer()
    ticker._timer = counting  # the controller starts it every frame
    try:
        ticker.start(FRAME_INTERVAL_MS)
        assert counting.calls == []
        ticker.start(STILL_INTERVAL_MS)
        assert counting.calls != []
    finally:
        ticker._timer = real
        ticker.stop()


def test_a_stopped_ticker_starts_again_at_the_same_rate(qtbot):
    ticker = Ticker()
    ticker.start(FRAME_INTERVAL_MS)
    ticker.stop()
    ticker.start(FRAME_INTERVAL_MS)
    assert ticker.is_active()
    ticker.stop()
