"""Screenshots of every page in every theme and window size, for the README.

    DISPLAY=:N python scripts/screenshots.py assets/screenshots

Runs the real window (a silent speaker, a fake clock so the player stands at a chosen
moment) over a made-up history of six weeks, and saves `PAGE-THEME-WxH.png` for home,
the check-in, the player (get-ready and mid-exercise), the summary, progress, settings
and My back. Then quantise them (`convert X.png -colors 256 X.png`) to keep them small.
"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.library import load_presets
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.silent import SilentSpeaker
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.settings import Settings, SettingsModel, SettingsStore
from backcare_desktop.ui.main_window import MainWindow
from backcare_desktop.ui.settings_dialog import SettingsDialog
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.ticker import ManualTicker

SIZES = ((420, 760), (1280, 720), (1366, 768), (1920, 1080))
THEMES = ("light", "dark", "high-contrast")


def seed_history(path: Path) -> None:
    """Six weeks of sessions, most with a check-in, pain easing over time."""
    now = datetime.now(UTC)
    moment = [now - timedelta(days=42)]
    store = HistoryStore(path, now=lambda: moment[0])
    rng = random.Random(7)
    for day in range(42):
        if rng.random() < 0.45:
            continue
        moment[0] = now - timedelta(days=42 - day, hours=rng.randint(0, 3))
        pain = max(1, 6 - day // 9 + rng.randint(-1, 1))
        session = store.start_session("desk-break", "Desk break (standing)", 4, pain_before=pain)
        for n in range(4):
            store.record_exercise(session, n, f"ex-{n}", "completed", 70.0)
        store.finish_session(session, "completed")
        store.set_after_checkin(session, max(0, pain - rng.randint(1, 2)), "about-right")
    store.close()


def settle(app: QApplication) -> None:
    for _ in range(4):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    widget.grab().save(str(out / f"{name}.png"))


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="backcare-shots-"))
    seed_history(root / "history.sqlite3")
    store = SettingsStore(root / "settings.json")
    store.save(Settings(health_note_acknowledged=True, voice_enabled=False, profile_asked=True))
    settings = SettingsModel(store)
    theme = Theme(settings, None, app)
    clock = FakeClock()
    ticker = ManualTicker()
    history = HistoryStore(root / "history.sqlite3")
    library = load_presets()
    window = MainWindow(
        library=library,
        settings=settings,
        make_clock=lambda: clock,
        ticker=ticker,
        history=history,
        theme=theme,
    )
    bridge = SpeakerBridge(SilentSpeaker(), parent=window)
    window.show()
    runs = [(t, 100, size) for t in THEMES for size in SIZES]
    # Large text, where it is hardest to fit: the side panel and a laptop screen.
    runs += [("light", 150, (420, 760)), ("dark", 150, (1366, 768))]
    for theme_name, text_size, (width, height) in runs:
        settings.update(theme=theme_name, text_size=text_size)
        big = "" if text_size == 100 else f"-text{text_size}"
        tag = f"{theme_name}{big}-{width}x{height}"
        window.resize(width, height)
        window.show_home()
        settle(app)
        save(window, out, f"home-{tag}")
        window.choose_routine("desk-break")
        settle(app)
        save(window, out, f"checkin-{tag}")
        window.before.answered.emit(3, False)
        clock.advance(1.5)
        ticker.tick()
        settle(app)
        save(window, out, f"player-ready-{tag}")
        assert window.controller is not None
        first = window.controller.engine.timeline.spans[0]
        moving = next(
            s
            for s in window.controller.engine.timeline.steps[first.first_step :]
            if s.kind != "get-ready" and s.pose_to
        )
        engine = window.controller.engine
        clock.advance(moving.start + moving.seconds * 0.6 - engine.position())
        ticker.tick()
        settle(app)
        save(window, out, f"player-{tag}")
        window.controller.stop()
        settle(app)
        save(window, out, f"summary-{tag}")
        window.show_progress()
        settle(app)
        save(window, out, f"progress-{tag}")
        window.show_home()
        if width != SIZES[0][0]:
            continue  # a dialog keeps its own size: once per theme is enough
        dialog = SettingsDialog(settings.current, bridge, window)
        dialog.show()
        settle(app)
        save(dialog, out, f"settings-{tag}")
        dialog.close()
        dialog.deleteLater()
        profile = window.open_profile()
        settle(app)
        save(profile, out, f"my-back-{tag}")
        profile.reject()
    window.close()
    history.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "assets/screenshots")))
