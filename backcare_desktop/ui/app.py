"""Start the window: build the collaborators, pass them in, run the event loop."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from backcare_desktop.core.clock import MonotonicClock, ScaledClock
from backcare_desktop.core.errors import BackCareError, error_text
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator, Words, choose_language
from backcare_desktop.core.library import load_presets
from backcare_desktop.platform.app_id import APP_ID
from backcare_desktop.platform.icons import app_icon
from backcare_desktop.storage import paths
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.storage.settings import SettingsModel, SettingsStore
from backcare_desktop.storage.summary_cache import SummaryFile
from backcare_desktop.ui.companion_setup import claim_instance
from backcare_desktop.ui.first_paint import after_first_paint
from backcare_desktop.ui.main_window import MainWindow
from backcare_desktop.ui.qt_language import install_qt_translations
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.ticker import Ticker

if TYPE_CHECKING:
    # The voice (speech package, narrator, chime, voice controls) and the break companion
    # are imported when first needed, after the first paint at the earliest (issue 18).
    from backcare_desktop.collector_pause import CollectorPause
    from backcare_desktop.core.planning import SessionFollower
    from backcare_desktop.dataclass_code import DataclassCode
    from backcare_desktop.speech.base import Speaker
    from backcare_desktop.speech.cue_log import CueLog
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.ui.companion import Companion
    from backcare_desktop.ui.voice_controls import VoiceControls
    from backcare_desktop.window_options import WindowOptions

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
            from PySide6.QtWidgets import QMessageBox

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


# A window that is shown but not painted by then (a desktop that holds it back) lets the
# garbage collector go anyway: the rest of the run is not spent without it.
COLLECTOR_PAUSE_MOST_MS = 5000


def run_app(
    args: WindowOptions,
    root: Path,
    methods: DataclassCode | None = None,
    collector: CollectorPause | None = None,
) -> int:
    """The window, until it is closed. `methods`, the class-methods cache the start runs
    under (cli.main), is finished once the window has painted; so is `collector`, the
    garbage collector's pause (cli.open_window), or at once when the window stays hidden."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    # Before any window: a log that cannot be written is a mistyped path, said at once.
    try:
        cue_log = _open_cue_log(args.cue_log) if args.cue_log else None
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

    settings_store = SettingsStore(paths.settings_path(root))
    settings = SettingsModel(settings_store)
    settings_problem = settings_store.problem  # what the model's load found
    opened: list[tuple[HistoryStore | None, str | None]] = []

    def history() -> HistoryStore | None:
        """The history, opened the first time it is read: a person without a back profile
        sees nothing of it on the home window, so it waits for the first paint (its
        module, sqlite and the file's checks: ~20 ms) unless a session or a card needs it."""
        if not opened:
            opened.append(open_history(root))
        return opened[0][0]

    # Read before the window is shown when the start itself needs it: the cards of a person
    # with a back profile, `--routine`, and a window kept hidden (it may never be painted).
    if settings.current.profile.conditions or args.routine or args.background:
        history()
    language = choose_language(args.language, settings.current.language, os.environ)
    summaries = SummaryFile.for_data(root, language)
    library = load_presets(root, language, summaries)
    install_qt_translations(app, language)  # parented to the app, so it stays alive
    theme = Theme(settings, app.styleHints(), app)
    speed = args.speed
    voices: list[Voice] = []
    muted = args.no_voice or not settings.current.voice_enabled  # at start; M changes it

    def voice() -> Voice:
        """The voice: the speaker (its worker process starts once the window has painted,
        with the voice on, or with the first cue; the window never waits), the narrator,
        the step chime, the cue log, and their controls. Made after the first paint when
        the voice is on, else when first needed (a session, Settings)."""
        if not voices:
            voices.append(_make_voice(muted, root, settings, language, window, cue_log))
        return voices[0]

    window = MainWindow(
        library=library,
        library_model=LibraryModel(library, root, lambda r: load_presets(r, language, summaries)),
        settings=settings,
        make_clock=lambda: ScaledClock(MonotonicClock(), speed),
        ticker=Ticker(),
        more_followers=lambda: voice().followers,
        open_history=history,
        theme=theme,
    )
    window.home.settings_requested.connect(lambda: voice().controls.open_settings(window))
    window.resize(1100, 720)
    started: list[Companion] = []

    def companion() -> Companion:
        """The break companion (reminders, tray), started after the first paint, or as soon
        as something needs it: `--background`, a later launch's request, `--routine`."""
        if not started:
            from backcare_desktop.ui.companion_setup import start_companion

            started.append(start_companion(app, window, settings, root))
        return started[0]

    told: list[bool] = []

    def tell_problems() -> None:
        """What the start found wrong with the history and the settings files, in that
        order, once the history is open."""
        if told or not opened:
            return
        told.append(True)
        tr = library.translator
        history_problem = opened[0][1]
        if history_problem:
            window.show_problem(tr._("About your history"), tr._(history_problem))
        if settings_problem:
            window.show_problem(tr._("About your settings"), settings_problem)

    def after_paint() -> None:
        """What the person does not need to see the window open."""
        if collector is not None:
            collector.finish()  # what follows the paint runs with the collector as always
        history()  # the window's planner takes it when it first plans
        tell_problems()
        if not muted:
            # The speech worker, only with the voice on (unmuting starts it).
            voice().speaker.start()
        companion()
        if methods is not None:
            # The next start reuses what this one compiled; the classes made later (a
            # session's, Progress's) are compiled as Python does, at no cost to the start.
            methods.finish()

    def on_request(routine: str) -> None:
        from backcare_desktop.ui.companion_setup import on_request

        on_request(companion(), routine)

    instance.requested.connect(on_request)
    if not (args.background and companion().tray is not None):
        window.show()
        after_first_paint(window, after_paint)
        if collector is not None:
            QTimer.singleShot(COLLECTOR_PAUSE_MOST_MS, collector.finish)
    elif collector is not None:
        collector.finish()  # hidden behind its tray icon: no paint to wait for
    # Shortcuts (Ctrl+D, Space, ...) need an active window; not every desktop makes a new
    # window active on its own.
    window.raise_()
    window.activateWindow()
    window.show_health_note_if_needed()
    tell_problems()  # if the history is open by now; else after the first paint
    if args.routine:
        routine_id = args.routine

        def start() -> None:
            companion()  # it follows the session from its start
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
        if voices:
            voices[0].controls.shutdown()
        if cue_log is not None:
            cue_log.close()
        store = opened[0][0] if opened else None
        if store is not None:
            store.close()


def _open_cue_log(path: Path) -> CueLog:
    from backcare_desktop.speech.cue_log import CueLog

    return CueLog.open(path)


class Voice:
    """The voice's parts: the speaker, what follows each session (narrator, chime, cue log)
    and their controls. (A plain class: a dataclass costs a compile of its methods at
    import, before the first paint.)"""

    def __init__(
        self, speaker: Speaker, followers: list[SessionFollower], controls: VoiceControls
    ) -> None:
        self.speaker = speaker
        self.followers = followers
        self.controls = controls


def _make_voice(
    muted: bool,
    root: Path,
    settings: SettingsModel,
    language: str,
    window: MainWindow,
    cue_log: CueLog | None,
) -> Voice:
    from backcare_desktop.platform.chime import Chime
    from backcare_desktop.speech.narrator import Narrator
    from backcare_desktop.speech.on_demand import SpeakerOnDemand
    from backcare_desktop.speech.qt_bridge import SpeakerBridge
    from backcare_desktop.speech.step_chime import StepChime
    from backcare_desktop.ui.voice_controls import VoiceControls, voice_settings

    def pyttsx3_speaker() -> Speaker:
        from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker

        # With no voice chosen, the worker picks one that speaks the cues' language.
        return Pyttsx3Speaker(voice_settings(settings.current, language), autostart=False)

    # Muted, a session never needs the backend: it is made when the voice is first wanted.
    speaker = SpeakerOnDemand(pyttsx3_speaker)
    narrator = Narrator(speaker, muted=muted)
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
    voice = VoiceControls(
        narrator,
        SpeakerBridge(speaker, parent=window),
        settings,
        window.show_voice_note,
        parent=window,
        tr=window.library.translator,
    )
    window.use_mute(narrator)
    return Voice(speaker, followers, voice)


def open_history(root: Path) -> tuple[HistoryStore | None, str | None]:
    """The history store, and anything the person should be told about it.

    A damaged file has been moved aside (the note says where); a file from a newer
    BackCare, or one that cannot be opened at all, leaves the app running without history.
    """
    from backcare_desktop.storage.history import HistoryError, HistoryStore

    try:
        store = HistoryStore(paths.history_path(root))
    except HistoryError as e:
        return None, Words("{error}\n\nBackCare runs without keeping history this time.", error=e)
    return store, store.recovery_note()
