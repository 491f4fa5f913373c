"""A MainWindow wired to a fake clock and a manual ticker: tests step time by hand."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.storage.settings import Settings, SettingsStore


@dataclass
class Harness:
    window: object
    clock: FakeClock
    ticker: object

    def advance(self, seconds: float, frame: float = 1 / 30) -> None:
        """Let `seconds` pass, ticking like the real ticker would."""
        steps = max(1, round(seconds / frame))
        for _ in range(steps):
            self.clock.advance(seconds / steps)
            self.ticker.tick()

    def advance_to(self, position: float) -> None:
        engine = self.window.controller.engine
        self.advance(position - engine.position())


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(health_note_acknowledged=True))
    return store


@pytest.fixture
def history(tmp_path: Path):
    from backcare_desktop.storage.history import HistoryStore

    store = HistoryStore(tmp_path / "history.sqlite3")
    yield store
    store.close()


@pytest.fixture
def harness(qtbot, presets, settings_store, fake_clock) -> Harness:
    return make_harness(qtbot, presets, settings_store, fake_clock)


@pytest.fixture
def history_harness(qtbot, presets, settings_store, fake_clock, history):
    harness = make_harness(qtbot, presets, settings_store, fake_clock, history=history)
    yield harness
    harness.window.close()  # ends the session while the store is still open


def make_harness(qtbot, presets, settings_store, fake_clock, **collaborators) -> Harness:
    from PySide6.QtWidgets import QApplication

    from backcare_desktop.storage.settings import SettingsModel
    from backcare_desktop.ui.main_window import MainWindow
    from backcare_desktop.ui.style import STYLE
    from backcare_desktop.ui.ticker import ManualTicker

    ticker = ManualTicker()
    window = MainWindow(
        library=presets,
        settings=SettingsModel(settings_store),
        make_clock=lambda: fake_clock,
        ticker=ticker,
        **collaborators,
    )
    window.setStyleSheet(STYLE)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    # Shortcuts reach the active window only.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return Harness(window, fake_clock, ticker)
