"""The main window: home, player and summary, and the flow between them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from backcare_desktop.core import wording
from backcare_desktop.core.clock import Clock
from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.library import Library
from backcare_desktop.core.profile import BackProfile
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.storage.settings import SettingsChange, SettingsModel
from backcare_desktop.ui.dialogs import open_returning_focus
from backcare_desktop.ui.home import HomePage, RoutineCard
from backcare_desktop.ui.routine_actions import RoutineActions
from backcare_desktop.ui.theme import Theme
from backcare_desktop.ui.ticker import Ticker

if TYPE_CHECKING:
    # The pages other than home, and what only a session needs, are imported when first
    # used: before the first paint only the home page is built (issue 18).
    from PySide6.QtWidgets import QMessageBox

    from backcare_desktop.core.engine import SessionReport
    from backcare_desktop.core.planning import (
        Proposal,
        SessionFollower,
        SessionPlan,
        SessionPlanner,
    )
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.storage.recorder import HistoryFollower
    from backcare_desktop.storage.records import Rating
    from backcare_desktop.ui.checkin import AfterCheckIn, BeforeCheckIn
    from backcare_desktop.ui.player import MuteSwitch, PlayerPage
    from backcare_desktop.ui.profile_dialog import ProfileDialog
    from backcare_desktop.ui.progress_page import ProgressPage
    from backcare_desktop.ui.session import SessionController
    from backcare_desktop.ui.summary import SummaryPage

log = logging.getLogger(__name__)

# The player's own minimum width (it switches to its compact layout down to there) and the
# height its compact layout needs at the default text size.
PAGES_MINIMUM_WIDTH = 380
PAGES_MINIMUM_HEIGHT = 314


class MainWindow(QMainWindow):
    """The pages and the flow between them. Sessions are planned by the SessionPlanner;
    settings are read from, and changed through, the SettingsModel.

    The history is `history`, or what `open_history` gives the first time anything reads
    it (a session, Progress, the cards of a person with a back profile): the app opens it
    after the first paint when nothing before needs it (issue 18)."""

    session_started = Signal(object)  # the SessionController
    session_finished = Signal(object)  # the SessionReport

    def __init__(
        self,
        *,
        library: Library,
        settings: SettingsModel,
        make_clock: Callable[[], Clock],
        ticker: Ticker,
        followers: Sequence[SessionFollower] = (),
        more_followers: Callable[[], Sequence[SessionFollower]] | None = None,
        history: HistoryStore | None = None,
        open_history: Callable[[], HistoryStore | None] | None = None,
        planner: SessionPlanner | None = None,
        library_model: LibraryModel | None = None,
        theme: Theme | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("BackCare")
        self.setObjectName("mainWindow")
        # The one owner of the library: it reloads after a routine is saved or imported.
        self.library_model = library_model or LibraryModel(library)
        self.library = self.library_model.library
        self.settings = settings
        self._own_planner = planner is None
        self._history = history
        self._open_history = open_history
        # Made when first asked for (the planning rules' module with it): the cards of a
        # person without a back profile are the routines' own summaries.
        self._planner = planner
        self._make_clock = make_clock
        self._ticker = ticker
        # The history's recorder, made (with the engine's events it imports) when the first
        # session starts, after `followers` and `more_followers` (made then, if not before:
        # the app's voice, so that the speech package is not imported before the first
        # paint); the three follow each session in that order.
        self.recorder: HistoryFollower | None = None
        self._followers: list[SessionFollower] = list(followers)
        self._more_followers = more_followers
        self._followers_complete = False
        self.controller: SessionController | None = None
        self._routine_title = ""
        self._changes: tuple[str, ...] = ()  # what the profile changed in this session
        self._proposal: Proposal | None = None  # chosen, waiting for the check-in's answer
        self._health_box: QMessageBox | None = None  # the first-run note, until acknowledged
        self._profile_dialog: ProfileDialog | None = None  # "My back", while it is open
        self._waiting_routine: str | None = None  # `--routine`, until both are answered
        self.theme = theme

        self.pages = QStackedWidget()
        # Keeps the window's limits what the widest page needs, built or not yet.
        self.pages.setMinimumSize(PAGES_MINIMUM_WIDTH, PAGES_MINIMUM_HEIGHT)
        # The widgets speak the library's language (the one its cues were compiled in).
        tr = self._tr = library.translator
        self.home = HomePage(tr=tr)
        self.pages.addWidget(self.home)
        # Built on first use (the properties below): at start-up only the home page
        # matters, and the progress page reads the whole history's figures when it is made.
        self._player: PlayerPage | None = None
        self._summary_and_after: tuple[SummaryPage, AfterCheckIn] | None = None
        self._before: BeforeCheckIn | None = None
        self._progress: ProgressPage | None = None
        # What the player shows once it exists: the mute switch and the voice's note.
        self._mute: MuteSwitch | None = None
        self._voice_note = ""
        self.setCentralWidget(self.pages)
        self.home.start_requested.connect(self.choose_routine)
        self.home.progress_requested.connect(self.show_progress)
        self.home.profile_requested.connect(self.open_profile)
        self.routine_actions = RoutineActions(
            self.library_model, self.home, self.pages, ticker, self.show_problem, make_clock().now
        )
        self._unsubscribe = [
            self.library_model.subscribe(self._on_library_changed),
            settings.subscribe(self._on_settings_changed),
            settings.save_failed.subscribe(self._settings_not_saved),
        ]
        self.refresh_routines()
        self.show_home()

    # -- the history, opened on first use ---------------------------------------------

    @property
    def history(self) -> HistoryStore | None:
        if self._open_history is not None:
            self._open_history_now(self._open_history)
        return self._history

    @property
    def planner(self) -> SessionPlanner:
        """The planner, with the history open: a plan reads the dose last done."""
        if self._open_history is not None:
            self._open_history_now(self._open_history)
        if self._planner is None:
            from backcare_desktop.core.planning import SessionPlanner

            self._planner = SessionPlanner(self.library, self._history)
        return self._planner

    def _open_history_now(self, opener: Callable[[], HistoryStore | None]) -> None:
        self._open_history = None
        self._history = opener()
        if self._own_planner:
            self._planner = None  # made again, with the history

    # -- pages built on first use ------------------------------------------------------

    @property
    def player(self) -> PlayerPage:
        if self._player is None:
            from backcare_desktop.ui.player import PlayerPage

            player = PlayerPage(tr=self._tr)
            player.use_settings(self.settings)
            if self.theme is not None:
                player.use_theme(self.theme)
            if self._mute is not None:
                player.use_mute(self._mute)
            player.show_voice_note(self._voice_note)
            player.fullscreen_toggled.connect(self.toggle_fullscreen)
            player.set_controls_enabled(False)
            self.pages.addWidget(player)
            self._player = player
        return self._player

    def _summary_pages(self) -> tuple[SummaryPage, AfterCheckIn]:
        """The summary page and the check-in on it: built together, on first use."""
        if self._summary_and_after is None:
            from backcare_desktop.ui.checkin import AfterCheckIn
            from backcare_desktop.ui.summary import SummaryPage

            summary = SummaryPage(tr=self._tr)
            after = AfterCheckIn(tr=self._tr)
            summary.extra.addWidget(after)
            summary.home_requested.connect(self.show_home)
            after.answered.connect(self._on_after_answered)
            after.leave.connect(self.show_home)
            self.pages.addWidget(summary)
            self._summary_and_after = summary, after
        return self._summary_and_after

    @property
    def summary(self) -> SummaryPage:
        return self._summary_pages()[0]

    @property
    def after(self) -> AfterCheckIn:
        """The check-in after a session, on the summary page."""
        return self._summary_pages()[1]

    @property
    def before(self) -> BeforeCheckIn:
        if self._before is None:
            from backcare_desktop.ui.checkin import BeforeCheckIn

            before = BeforeCheckIn(tr=self._tr)
            before.answered.connect(self._on_before_answered)
            before.cancelled.connect(self._on_before_cancelled)
            self.pages.addWidget(before)
            self._before = before
        return self._before

    @property
    def progress(self) -> ProgressPage:
        if self._progress is None:
            from backcare_desktop.ui.progress_page import ProgressPage

            self._progress = ProgressPage(
                self.history,
                self.settings.current.weekly_goal,
                self.pages,  # made in its place: no style sheet pass over a finished page
                theme=self.theme,
                tr=self._tr,
            )
            self._progress.back_requested.connect(self.show_home)
            self.pages.addWidget(self._progress)
        return self._progress

    def use_mute(self, switch: MuteSwitch) -> None:
        """The owner of the mute state (the narrator), for the player to show and change."""
        self._mute = switch
        if self._player is not None:
            self._player.use_mute(switch)

    def show_voice_note(self, text: str) -> None:
        """Why the voice is off ("" when it works): said under the player."""
        self._voice_note = text
        if self._player is not None:
            self._player.show_voice_note(text)

    # -- pages -----------------------------------------------------------------------

    def refresh_routines(self) -> None:
        conditions = self.settings.current.profile.conditions
        cards = []
        for routine_id in self.library.routines:
            # The card shows the routine as this person will get it, and what changed:
            # without conditions, as the planner's card has it, the routine's own summary
            # (neither the planner nor the history is needed for the home window then).
            summary, changes = (
                self.planner.card(routine_id, conditions)
                if conditions
                else self.library.own_card(routine_id)
            )
            lines = tuple(wording.routine_change_text(c, self._tr) for c in changes)
            cards.append(RoutineCard.of_summary(summary, lines))
        if self.library.kept is not None:
            self.library.kept.save()
        self.home.set_routines(cards, self.library.problems)

    def _on_library_changed(self, library: Library) -> None:
        self.library = library
        if self._own_planner:
            self._planner = None  # made again, for the new library
        self.refresh_routines()

    def ask_profile_if_needed(self) -> None:
        if not self.settings.current.profile_asked:
            self.open_profile()

    def open_profile(self) -> ProfileDialog:
        from backcare_desktop.ui.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.settings.current.profile, self, tr=self._tr)

        def chosen(profile: BackProfile) -> None:
            pain = profile.pain
            self.settings.update(profile_body=profile.body, profile_pain=pain, profile_asked=True)

        dialog.chosen.connect(chosen)
        dialog.rejected.connect(lambda: self.settings.update(profile_asked=True))
        dialog.finished.connect(self._profile_closed)
        dialog.finished.connect(dialog.deleteLater)
        self._profile_dialog = dialog
        open_returning_focus(dialog, self)
        return dialog

    def _profile_closed(self) -> None:
        self._profile_dialog = None
        if self.pages.currentWidget() is self.home:
            self.home.focus_list()
        self._start_waiting_routine()

    def show_home(self) -> None:
        self._end_session()
        if self._player is not None:
            self._player.set_controls_enabled(False)
        self.pages.setCurrentWidget(self.home)
        self.home.focus_list()

    def show_health_note_if_needed(self) -> None:
        if self.settings.current.health_note_acknowledged:
            self.ask_profile_if_needed()
            return
        from backcare_desktop.ui.health import health_note_box

        box = health_note_box(self, self._tr)

        def acknowledged() -> None:
            self._health_box = None
            self.settings.update(health_note_acknowledged=True)
            self.ask_profile_if_needed()
            self._start_waiting_routine()
            if self.pages.currentWidget() is self.home:
                self.home.focus_list()

        box.accepted.connect(acknowledged)
        self._health_box = box
        open_returning_focus(box, self)

    @property
    def health_note_open(self) -> bool:
        return self._health_box is not None

    @property
    def first_run_questions_open(self) -> bool:
        """The health note or "My back" is waiting for an answer."""
        return self._health_box is not None or self._profile_dialog is not None

    def start_when_ready(self, routine_id: str) -> None:
        """`--routine`: through the check-in like a pick from the list, and only once the
        first-run questions (the health note, then "My back", which adapts the routine)
        are answered; nothing counts behind them."""
        self._waiting_routine = routine_id
        self._start_waiting_routine()

    def _start_waiting_routine(self) -> None:
        if self._waiting_routine is None or self.first_run_questions_open:
            return
        routine_id, self._waiting_routine = self._waiting_routine, None
        self.choose_routine(routine_id)

    def _settings_not_saved(self, error: OSError) -> None:
        self.show_problem(
            self._tr._("Your settings could not be saved"),
            self._tr._("{error}. They apply until you close BackCare.").format(error=error),
        )

    def _on_settings_changed(self, change: SettingsChange) -> None:
        if change.changed("profile_body") or change.changed("profile_pain"):
            self.refresh_routines()
        if change.changed("weekly_goal") and self._progress is not None:
            # A page made later reads the goal itself.
            self._progress.set_weekly_goal(change.after.weekly_goal)

    def show_progress(self) -> None:
        page = self.progress
        page.refresh()
        self.pages.setCurrentWidget(page)
        page.setFocus()

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    # -- sessions --------------------------------------------------------------------

    def choose_routine(self, routine_id: str) -> None:
        """From home: ask how the back feels (and offer a new dose) when the plan says so."""
        try:
            current = self.settings.current
            proposal = self.planner.propose(
                routine_id,
                check_in=current.check_in_enabled,
                conditions=current.profile.conditions,
            )
        except BackCareError as e:
            self.show_problem(self._tr._("That routine cannot start"), str(e))
            return
        if not proposal.ask_first:
            self.start_plan(self.planner.plan(proposal))
            return
        self._proposal = proposal
        self.pages.setCurrentWidget(self.before)
        self.before.ask(proposal.routine.title, proposal.offer)

    def _on_before_cancelled(self) -> None:
        self._proposal = None
        self.show_home()

    def _on_before_answered(self, pain: int | None, accepted: bool) -> None:
        proposal, self._proposal = self._proposal, None
        if proposal is not None:
            self.start_plan(self.planner.plan(proposal, accept_offer=accepted, pain_before=pain))

    def start_routine(self, routine_id: str) -> None:
        """Straight into the player at the routine's last dose (`--routine`, tests)."""
        try:
            plan = self.planner.plan_now(routine_id, self.settings.current.profile.conditions)
        except BackCareError as e:
            self.show_problem(self._tr._("That routine cannot start"), str(e))
            return
        self.start_plan(plan)

    def start_plan(self, plan: SessionPlan) -> None:
        from backcare_desktop.core.engine import SessionEngine
        from backcare_desktop.ui.session import SessionController

        self._end_session()
        # The home list is out of sight for the session: its cards' text layouts go
        # before the player is made, which the peak of a session's memory then holds
        # less of (issue 18); coming back lays out the cards in sight again.
        self.home.delegate.forget_layouts()
        engine = SessionEngine(
            plan.timeline, self._make_clock(), on_listener_error=self._follower_failed
        )
        controller = SessionController(engine, self._ticker, self)
        for follower in self._session_followers():
            follower.attach(engine, plan)
        controller.finished.connect(self._on_finished)
        self.controller = controller
        self._routine_title = plan.routine.title
        self._changes = tuple(wording.routine_change_text(c, self._tr) for c in plan.changes)
        self.player.attach(controller)
        self.player.set_controls_enabled(True)
        self.pages.setCurrentWidget(self.player)
        self.player.setFocus()
        self.session_started.emit(controller)
        controller.start()

    def _session_followers(self) -> list[SessionFollower]:
        if not self._followers_complete:
            more = self._more_followers() if self._more_followers is not None else ()
            if self.history is not None:
                from backcare_desktop.storage.recorder import HistoryFollower

                self.recorder = HistoryFollower(self.history, on_error=self._history_failed)
            self._followers.extend(more)
            if self.recorder is not None:
                self._followers.append(self.recorder)
            self._followers_complete = True
        return self._followers

    def _follower_failed(self, listener: object, error: Exception) -> None:
        # Once per follower and session (the engine says each one's first error only).
        self.show_problem(
            self._tr._("Part of BackCare stopped following the session"),
            self._tr._("{error}\n\nThe session goes on; the details are in the log.").format(
                error=error
            ),
        )

    def _on_finished(self, report: SessionReport) -> None:
        self.player.set_controls_enabled(False)
        self.summary.show_report(self._routine_title, report, self._changes)
        self.pages.setCurrentWidget(self.summary)
        asking = (
            self.recorder is not None
            and self.recorder.session_id is not None
            and self.settings.current.check_in_enabled
        )
        self.after.setVisible(asking)
        if asking:
            self.after.ask(self._routine_title)
        self.session_finished.emit(report)

    def _on_after_answered(self, pain: int | None, rating: str | None) -> None:
        import sqlite3

        from backcare_desktop.storage.history import HistoryError

        recorder = self.recorder
        if self.history is None or recorder is None or recorder.session_id is None:
            return
        try:
            self.history.set_after_checkin(recorder.session_id, pain, _rating(rating))
        except (sqlite3.Error, HistoryError, OSError) as e:
            self._history_failed(e)
        self.summary.home.setFocus()

    def _history_failed(self, error: Exception) -> None:
        self.show_problem(
            self._tr._("Your history could not be saved"),
            self._tr._(
                "{error}\n\nThe session goes on; this one may be missing from your progress."
            ).format(error=error),
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
        from PySide6.QtWidgets import QMessageBox

        log.warning("%s: %s", title, text)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # problems quote file names and contents
        box.setObjectName("problemBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        open_returning_focus(box, self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._end_session()
        super().closeEvent(event)


def _rating(answer: str | None) -> Rating | None:
    from backcare_desktop.storage.records import RATINGS

    return cast("Rating", answer) if answer in RATINGS else None
