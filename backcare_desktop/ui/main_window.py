"""The main window: home, player and summary, and the flow between them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QWidget

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.engine import SessionEngine, SessionReport
from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.library import Library
from backcare_desktop.core.timeline import Timeline, compile_routine
from backcare_desktop.storage.settings import Settings, SettingsStore
from backcare_desktop.ui.health import health_note_box
from backcare_desktop.ui.home import HomePage, RoutineCard
from backcare_desktop.ui.player import PlayerPage
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

    def __init__(self, *, library: Library, settings_store: SettingsStore,
                 make_clock: Callable[[], Clock], ticker: Ticker,
                 followers: Sequence[SessionFollower] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("BackCare")
        self.setObjectName("mainWindow")
        self.library = library
        self.settings_store = settings_store
        self.settings: Settings = settings_store.load()
        self._make_clock = make_clock
        self._ticker = ticker
        self._followers = list(followers)
        self.controller: SessionController | None = None
        self._routine_title = ""

        self.pages = QStackedWidget()
        self.home = HomePage()
        self.player = PlayerPage()
        self.summary = SummaryPage()
        for page in (self.home, self.player, self.summary):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.home.start_requested.connect(self.start_routine)
        self.summary.home_requested.connect(self.show_home)
        self.player.fullscreen_toggled.connect(self.toggle_fullscreen)
        self.player.set_controls_enabled(False)
        self.refresh_routines()
        self.show_home()

    # -- pages -----------------------------------------------------------------------

    def refresh_routines(self) -> None:
        cards = []
        for routine in self.library.routines.values():
            try:
                cards.append(RoutineCard.of(compile_routine(routine, self.library.exercises)))
            except BackCareError as e:  # loader checks this; belt and braces for user files
                self.library.problems.append(e)  # type: ignore[arg-type]
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

        box.accepted.connect(acknowledged)
        box.open()
        self._health_box = box

    def update_settings(self, **changes: object) -> None:
        from dataclasses import replace

        self.settings = replace(self.settings, **changes)  # type: ignore[arg-type]
        try:
            self.settings_store.save(self.settings)
        except OSError as e:
            self.show_problem("Your settings could not be saved",
                              f"{e}. They apply until you close BackCare.")

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- sessions --------------------------------------------------------------------

    def timeline_for(self, routine_id: str) -> Timeline:
        return compile_routine(self.library.routine(routine_id), self.library.exercises)

    def start_routine(self, routine_id: str) -> None:
        try:
            timeline = self.timeline_for(routine_id)
        except BackCareError as e:
            self.show_problem("That routine cannot start", str(e))
            return
        self.start_timeline(timeline)

    def start_timeline(self, timeline: Timeline) -> None:
        self._end_session()
        engine = SessionEngine(timeline, self._make_clock())
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
        self.session_finished.emit(report)

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
        box.setObjectName("problemBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end_session()
        super().closeEvent(event)
