"""The main window: home, player and summary, and the flow between them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.engine import SessionEngine, SessionReport
from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.library import Library
from backcare_desktop.core.model import Routine
from backcare_desktop.core.progression import apply_overrides, suggest
from backcare_desktop.core.timeline import Timeline, compile_routine
from backcare_desktop.storage.history import HistoryError, HistoryStore
from backcare_desktop.storage.recorder import SessionRecorder
from backcare_desktop.storage.settings import Settings, SettingsStore
from backcare_desktop.ui.checkin import AfterCheckIn, BeforeCheckIn
from backcare_desktop.ui.health import health_note_box
from backcare_desktop.ui.home import HomePage, RoutineCard
from backcare_desktop.ui.player import PlayerPage
from backcare_desktop.ui.progress_page import ProgressPage
from backcare_desktop.ui.session import SessionController
from backcare_desktop.ui.summary import SummaryPage
from backcare_desktop.ui.ticker import Ticker

log = logging.getLogger(__name__)


class SessionFollower(Protocol):
    """Something that follows a session's events: the voice, the history, the cue log."""

    def attach(self, engine: SessionEngine) -> None: ...

    def detach(self) -> None: ...


class MainWindow(QMainWindow):
    session_started = Signal(object)  # the SessionController
    session_finished = Signal(object)  # the SessionReport

    def __init__(
        self,
        *,
        library: Library,
        settings_store: SettingsStore,
        make_clock: Callable[[], Clock],
        ticker: Ticker,
        followers: Sequence[SessionFollower] = (),
        history: HistoryStore | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("BackCare")
        self.setObjectName("mainWindow")
        self.library = library
        self.settings_store = settings_store
        self.settings: Settings = settings_store.load()
        self._make_clock = make_clock
        self._ticker = ticker
        self._followers = list(followers)
        self.history = history
        self.controller: SessionController | None = None
        self.recorder: SessionRecorder | None = None
        self._routine_title = ""
        self._pending: Routine | None = None  # chosen, waiting for the check-in's answer
        self._pending_overrides: dict[str, object] = {}

        self.pages = QStackedWidget()
        self.home = HomePage()
        self.player = PlayerPage()
        self.summary = SummaryPage()
        self.before = BeforeCheckIn()
        self.after = AfterCheckIn()
        self.summary.extra.addWidget(self.after)
        # Built on first use: at start-up only the home page matters (and the progress
        # page reads the whole history's figures when it is made).
        self._progress: ProgressPage | None = None
        for page in (self.home, self.player, self.summary, self.before):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.home.start_requested.connect(self.choose_routine)
        self.summary.home_requested.connect(self.show_home)
        self.player.fullscreen_toggled.connect(self.toggle_fullscreen)
        self.before.answered.connect(self._on_before_answered)
        self.after.answered.connect(self._on_after_answered)
        self.home.progress_requested.connect(self.show_progress)
        self.player.set_controls_enabled(False)
        self.refresh_routines()
        self.show_home()

    # -- pages -----------------------------------------------------------------------

    def refresh_routines(self) -> None:
        cards = [
            RoutineCard.of(self.library.timeline(routine_id))
            for routine_id in self.library.routines
        ]
        self.home.set_routines(cards, self.library.problems)

    def show_home(self) -> None:
        self._end_session()
        self.player.set_controls_enabled(False)
        self.pages.setCurrentWidget(self.home)
        self.home.focus_list()

    def show_health_note_if_needed(self) -> None:
        if self.settings.health_note_acknowledged:
            return
        box = health_note_box(self)

        def acknowledged() -> None:
            self.update_settings(health_note_acknowledged=True)
            # Give the keyboard back to the window (not every desktop does it for us).
            self.activateWindow()
            self.home.focus_list()

        box.accepted.connect(acknowledged)
        box.open()
        self._health_box = box

    def update_settings(self, **changes: object) -> None:
        self.save_settings(replace(self.settings, **changes))  # type: ignore[arg-type]

    def save_settings(self, settings: Settings) -> None:
        self.settings = settings
        try:
            self.settings_store.save(self.settings)
        except OSError as e:
            self.show_problem(
                "Your settings could not be saved", f"{e}. They apply until you close BackCare."
            )

    @property
    def progress(self) -> ProgressPage:
        if self._progress is None:
            self._progress = ProgressPage(self.history, self.settings.weekly_goal)
            self._progress.back_requested.connect(self.show_home)
            self.pages.addWidget(self._progress)
        return self._progress

    def show_progress(self) -> None:
        page = self.progress
        page.refresh()
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def set_weekly_goal(self, goal: int) -> None:
        if self._progress is not None:  # a page made later reads the new goal itself
            self._progress.set_weekly_goal(goal)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- sessions --------------------------------------------------------------------

    def timeline_for(self, routine_id: str) -> Timeline:
        return self.library.timeline(routine_id)

    def choose_routine(self, routine_id: str) -> None:
        """From home: ask how the back feels (and offer a new dose), then start."""
        try:
            routine = self.library.routine(routine_id)
        except BackCareError as e:
            self.show_problem("That routine cannot start", str(e))
            return
        if self.history is None or not self.settings.check_in_enabled:
            self.start_routine(routine_id)
            return
        overrides = self.history.last_overrides(routine.id)
        current = apply_overrides(routine, self.library.exercises, overrides)
        offer = suggest(
            current,
            self.library.exercises,
            self.history.ratings_at_dose(routine.id, overrides),
            overrides=overrides,
        )
        self._pending = current
        self._pending_overrides = overrides
        self.pages.setCurrentWidget(self.before)
        self.before.ask(routine.title, offer)

    def _on_before_answered(self, pain: int | None, accepted: bool) -> None:
        routine, overrides = self._pending, self._pending_overrides
        self._pending = None
        if routine is None:
            return
        offer = self.before.offer
        if accepted and offer is not None:
            routine, overrides = offer.routine, offer.overrides
        self.start_timeline(
            compile_routine(routine, self.library.exercises), pain_before=pain, overrides=overrides
        )

    def start_routine(self, routine_id: str) -> None:
        """Straight into the player at the routine's last dose (`--routine`, tests)."""
        try:
            routine = self.library.routine(routine_id)
            overrides = self.history.last_overrides(routine.id) if self.history else {}
            routine = apply_overrides(routine, self.library.exercises, overrides)
            timeline = compile_routine(routine, self.library.exercises)
        except BackCareError as e:
            self.show_problem("That routine cannot start", str(e))
            return
        self.start_timeline(timeline, overrides=overrides)

    def start_timeline(
        self,
        timeline: Timeline,
        *,
        pain_before: int | None = None,
        overrides: dict[str, object] | None = None,
    ) -> None:
        self._end_session()
        engine = SessionEngine(timeline, self._make_clock())
        if self.history is not None:
            # Subscribed before anything else: the session row exists before it starts.
            self.recorder = SessionRecorder(
                self.history,
                timeline,
                pain_before=pain_before,
                overrides=overrides,
                on_error=self._history_failed,
            )
            engine.subscribe(self.recorder)
        controller = SessionController(engine, self._ticker, self)
        for follower in self._followers:
            follower.attach(engine)
        controller.finished.connect(self._on_finished)
        self.controller = controller
        self._routine_title = timeline.routine.title
        self.player.attach(controller)
        self.player.set_controls_enabled(True)
        self.pages.setCurrentWidget(self.player)
        self.player.setFocus()
        self.session_started.emit(controller)
        controller.start()

    def _on_finished(self, report: SessionReport) -> None:
        self.player.set_controls_enabled(False)
        self.summary.show_report(self._routine_title, report)
        self.pages.setCurrentWidget(self.summary)
        asking = (
            self.recorder is not None
            and self.recorder.session_id is not None
            and self.settings.check_in_enabled
        )
        self.after.setVisible(asking)
        if asking:
            self.after.ask(self._routine_title)
        self.session_finished.emit(report)

    def _on_after_answered(self, pain: int | None, rating: str | None) -> None:
        recorder = self.recorder
        if self.history is None or recorder is None or recorder.session_id is None:
            return
        try:
            self.history.set_after_checkin(recorder.session_id, pain, rating)
        except (sqlite3.Error, HistoryError, OSError) as e:
            self._history_failed(e)
        self.summary.home.setFocus()

    def _history_failed(self, error: Exception) -> None:
        self.show_problem(
            "Your history could not be saved",
            f"{error}\n\nThe session goes on; this one may be missing from your progress.",
        )

    def _end_session(self) -> None:
        controller, self.controller = self.controller, None
        if controller is None:
            return
        if controller.engine.status in ("running", "paused"):
            controller.stop()
        self.player.detach()
        for follower in self._followers:
            follower.detach()
        controller.shutdown()
        controller.deleteLater()

    # -- errors ----------------------------------------------------------------------

    def show_problem(self, title: str, text: str) -> None:
        log.warning("%s: %s", title, text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # problems quote file names and contents
        box.setObjectName("problemBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end_session()
        super().closeEvent(event)
