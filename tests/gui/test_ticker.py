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
