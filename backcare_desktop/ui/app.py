"""Start the window: build the collaborators, pass them in, run the event loop."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from backcare_desktop.core.clock import MonotonicClock, ScaledClock
from backcare_desktop.core.errors import BackCareError, error_text
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator, Words, choose_language
from backcare_desktop.core.library import load_presets
from backcare_desktop.core.planning import SessionFollower
from backcare_desktop.platform.app_id import APP_ID
from backcare_desktop.platform.chime import Chime
from backcare_desktop.platform.icons import app_icon
from backcare_desktop.speech.cue_log import CueLog
from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker
from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.step_chime import StepChime
from backcare_desktop.storage import paths
from backcare_desktop.storage.history import HistoryError, HistoryStore
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.storage.settings import SettingsModel, SettingsStore
from backcare_desktop.storage.summary_cache import SummaryFile
from backcare_desktop.ui.companion_setup import claim_instance, on_request, start_companion
from backcare_desktop.ui.main_window import MainWindow
from backcare_desktop.ui.qt_language import install_qt_translations
from backcare_desktop.ui.settings_dialog import voice_settings
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.ticker import Ticker
from backcare_desktop.ui.voice_controls import VoiceControls

log = logging.getLogger("backcare")


def install_error_hook(window_title: str, log_file: Path) -> None:
    """Any unexpected error is logged to a file and shown in words, never as a crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, tb))
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            # Only a regular file (or none yet): a FIFO put there would block the hook.
            if not log_file.exists() or log_file.is_file():
                with log_file.open("a", encoding="utf-8") as f:
                    f.write(text + "\n")
        except OSError:
            pass
        sys.stderr.write(text)
        if QApplication.instance() is not None:
            tr = _window_translator()
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                window_title,
                tr._(
                    "Something went wrong: {error}\n\nBackCare carries on. The "
                    "details are in {file}."
                ).format(error=error_text(error, tr), file=log_file),
            )
            box.setTextFormat(Qt.TextFormat.PlainText)  # the error may quote a user's file
            box.exec()

    sys.excepthook = hook


def _window_translator() -> Translator:
    """The language of the open window (the hook is installed before the library loads)."""
    for widget in QApplication.topLevelWidgets():
        library = getattr(widget, "library", None)
        found = getattr(library, "translator", None)
        if isinstance(found, Translator):
            return found
    return ENGLISH_TRANSLATOR


def run_app(args: argparse.Namespace, root: Path) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Before any window: a log that cannot be written is a mistyped path, said at once.
    try:
        cue_log = CueLog.open(args.cue_log) if args.cue_log else None
    except OSError as e:
        print(
            f"backcare: cannot write the cue log {args.cue_log} ({e.strerror or e}): "
            "give --cue-log a file in a folder you can write to",
            file=sys.stderr,
        )
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("BackCare")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName(APP_ID)
    instance = claim_instance(root, args.routine)
    if instance is None:
        return 0  # the running BackCare raised its window or started the routine
    install_error_hook("BackCare", root / "errors.log")

    history, history_problem = open_history(root)
    settings_store = SettingsStore(paths.settings_path(root))
    settings = SettingsModel(settings_store)
    settings_problem = settings_store.problem  # what the model's load found
    language = choose_language(args.language, settings.current.language, os.environ)
    summaries = SummaryFile.for_data(root, language)
    library = load_presets(root, language, summaries)
    install_qt_translations(app, language)  # parented to the app, so it stays alive
    theme = Theme(settings, app.styleHints(), app)
    # The speaker starts its worker process in the background: the window never waits.
    # With no voice chosen, the worker picks one that speaks the cues' language.
    speaker = Pyttsx3Speaker(voice_settings(settings.current, language))
    narrator = Narrator(speaker, muted=args.no_voice or not settings.current.voice_enabled)
    followers: list[SessionFollower] = [narrator]
    followers.append(
        StepChime(
            Chime(root).play,
            lambda: narrator.muted or not speaker.available,
            lambda: settings.current.reminders.chime,
        )
    )
    if cue_log is not None:
        followers.append(cue_log)
    speed = args.speed
    window = MainWindow(
        library=library,
        library_model=LibraryModel(library, root, lambda r: load_presets(r, language, summaries)),
        settings=settings,
        make_clock=lambda: ScaledClock(MonotonicClock(), speed),
        ticker=Ticker(),
        followers=followers,
        history=history,
        theme=theme,
    )
    voice = VoiceControls(
        narrator,
        SpeakerBridge(speaker, parent=window),
        settings,
        window.player.show_voice_note,
        parent=window,
        tr=library.translator,
    )
    window.player.use_mute(narrator)
    window.home.settings_requested.connect(lambda: voice.open_settings(window))
    window.resize(1100, 720)
    companion = start_companion(app, window, settings, root)
    instance.requested.connect(lambda routine: on_request(companion, routine))
    if not (args.background and companion.tray is not None):
        window.show()
    # Shortcuts (Ctrl+D, Space, ...) need an active window; not every desktop makes a new
    # window active on its own.
    window.raise_()
    window.activateWindow()
    window.show_health_note_if_needed()
    if history_problem:
        window.show_problem(
            library.translator._("About your history"), library.translator._(history_problem)
        )
    if settings_problem:
        window.show_problem(library.translator._("About your settings"), settings_problem)
    if args.routine:
        routine_id = args.routine

        def start() -> None:
            try:
                library.routine(routine_id)
            except BackCareError as e:
                window.show_problem(library.translator._("That routine cannot start"), str(e))
                return
            window.start_when_ready(routine_id)

        QTimer.singleShot(0, start)
    try:
        return app.exec()
    finally:
        window.close()  # ends a session in progress: it is recorded as stopped
        voice.shutdown()
        if cue_log is not None:
            cue_log.close()
        if history is not None:
            history.close()


def open_history(root: Path) -> tuple[HistoryStore | None, str | None]:
    """The history store, and anything the person should be told about it.

    A damaged file has been moved aside (the note says where); a file from a newer
    BackCare, or one that cannot be opened at all, leaves the app running without history.
    """
    try:
        store = HistoryStore(paths.history_path(root))
    except HistoryError as e:
        return None, Words("{error}\n\nBackCare runs without keeping history this time.", error=e)
    return store, store.recovery_note()
