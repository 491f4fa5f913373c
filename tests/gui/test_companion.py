"""The companion in pytest-qt: the reminder window, the answers, the tray menu, quitting."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QSystemTrayIcon, QWidget

from backcare_desktop.core.reminders import ActiveUse, FixedTime, Reminders
from backcare_desktop.core.scheduler import MAX_WAKE, Scheduler
from backcare_desktop.platform.icons import app_icon
from backcare_desktop.platform.notify import Notice
from backcare_desktop.ui.companion import Companion
from backcare_desktop.ui.tray import PAUSE_HOUR, PAUSE_TOMORROW, Tray, next_break_text

MONDAY_9 = datetime(2026, 11, 30, 9, 0)
# The offscreen platform cannot raise a stay-on-top window and says so.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


class Clock:
    rate = 1.0

    def __init__(self) -> None:
        self.mono = 100.0
        self.wall = MONDAY_9

    def now(self) -> float:
        return self.mono

    def local_now(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        self.mono += seconds
        self.wall += timedelta(seconds=seconds)


class Host:
    def __init__(self) -> None:
        self.raised = 0
        self.started: list[str] = []
        self.session = False

    def show_and_raise(self) -> None:
        self.raised += 1

    def start_routine(self, routine_id: str) -> None:
        self.started.append(routine_id)

    def routines(self):
        return [("desk-break", "Desk break (standing)"), ("stiff-lower-back", "Stiff lower back")]

    def routine_summary(self, routine_id: str) -> str:
        return f"{routine_id}, about 5 min."

    def in_session(self) -> bool:
        return self.session


@pytest.fixture
def parts(qtbot):
    clock = Clock()
    reminders = Reminders(schedules=(FixedTime(time(9, 30)),), max_snoozes=1)
    scheduler = Scheduler(reminders, clock, clock.local_now)
    window = QWidget()
    qtbot.addWidget(window)
    host = Host()
    companion = Companion(
        host, window, scheduler, QIcon(), notifier=None, tray_available=False, now=clock.local_now
    )
    qtbot.addWidget(companion.reminder_window)
    yield clock, scheduler, window, host, companion
    QApplication.setQuitOnLastWindowClosed(True)


def buttons(companion: Companion) -> dict[str, QPushButton]:
    found = companion.reminder_window.findChildren(QPushButton)
    return {b.objectName().removeprefix("reminder-"): b for b in found if not b.isHidden()}


def run(clock: Clock, companion: Companion, minutes: float) -> None:
    """What the event loop does: wait as long as the single-shot timer asks, then wake."""
    end = clock.wall + timedelta(minutes=minutes)
    while clock.wall < end:
        step = companion.timer.interval() / 1000 if companion.timer.isActive() else 60
        clock.advance(min(step, (end - clock.wall).total_seconds()))
        companion.wake()


def fire(clock: Clock, companion: Companion) -> None:
    run(clock, companion, 30)


def test_one_single_shot_timer_waits_for_the_reminder(parts):
    _, _, _, _, companion = parts
    assert companion.timer.isSingleShot()
    assert companion.timer.isActive()
    assert companion.timer.interval() <= MAX_WAKE * 1000


def test_without_a_tray_the_reminder_is_a_window_that_takes_no_focus(parts, qtbot):
    clock, _, _, _, companion = parts
    fire(clock, companion)
    window = companion.reminder_window
    qtbot.waitUntil(window.isVisible)
    assert window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert window.title.text() == "Time for a back break"
    assert "Your 09:30 stretch break." in window.body.text()
    assert set(buttons(companion)) == {"start", "snooze", "skip"}
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons(companion).values())
    assert companion.tray is None
    assert QApplication.quitOnLastWindowClosed() is True  # closing quits, as before


def test_start_opens_the_routine_in_the_window(parts, qtbot):
    clock, scheduler, _, host, companion = parts
    fire(clock, companion)
    qtbot.mouseClick(buttons(companion)["start"], Qt.MouseButton.LeftButton)
    assert host.started == ["desk-break"]
    assert host.raised == 1
    assert not companion.reminder_window.isVisible()
    assert scheduler.current is None


def test_snooze_comes_back_once_and_then_only_start_or_skip(parts, qtbot):
    clock, _, _, host, companion = parts
    fire(clock, companion)
    qtbot.mouseClick(buttons(companion)["snooze"], Qt.MouseButton.LeftButton)
    assert not companion.reminder_window.isVisible()
    run(clock, companion, 10)
    assert companion.reminder_window.isVisible()
    assert set(buttons(companion)) == {"start", "skip"}  # max_snoozes=1
    assert "The break you snoozed." in companion.reminder_window.body.text()
    qtbot.mouseClick(buttons(companion)["skip"], Qt.MouseButton.LeftButton)
    assert host.started == []


def test_pause_from_the_tray_menu_says_so_and_resumes(parts):
    _clock, scheduler, _, _, companion = parts
    companion.pause(PAUSE_HOUR)
    assert scheduler.paused_until == MONDAY_9 + timedelta(hours=1)
    assert companion.status_text() == "Reminders paused until 10:00"
    companion.pause(PAUSE_TOMORROW)
    assert companion.status_text() == "Reminders paused until tomorrow"
    companion.pause("resume")
    assert companion.status_text() == "Next break: in 30 min"


def test_a_session_holds_reminders_back(parts):
    clock, scheduler, _, host, companion = parts
    host.session = True
    companion.session_started()
    fire(clock, companion)
    assert not companion.reminder_window.isVisible()
    assert scheduler.current is None


def test_ctrl_q_quits(parts, qtbot, monkeypatch):
    _, _, window, _, _ = parts
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    field = QLineEdit(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert quits == [True]


def test_the_tray_menu_offers_each_routine_pause_open_and_quit(qtbot):
    paused = [False]
    tray = Tray(
        app_icon(),
        lambda: [("desk-break", "Desk break (standing)"), ("x", "Other")],
        lambda: "Next break: in 12 min",
        lambda: paused[0],
    )
    texts = [a.text() for a in tray.menu.actions()]
    assert texts[0] == "Next break: in 12 min"
    assert not tray.menu.actions()[0].isEnabled()
    assert "Open BackCare" in texts
    assert "Quit BackCare" in texts
    start = next(a.menu() for a in tray.menu.actions() if a.text() == "Start a routine")
    with qtbot.waitSignal(tray.routine_requested) as chosen:
        start.actions()[0].trigger()
    assert chosen.args == ["desk-break"]
    pause = next(a.menu() for a in tray.menu.actions() if a.text() == "Pause reminders")
    with qtbot.waitSignal(tray.pause_requested) as how:
        pause.actions()[1].trigger()
    assert how.args == [PAUSE_TOMORROW]
    paused[0] = True
    tray.rebuild()
    assert "Resume reminders" in [a.text() for a in tray.menu.actions()]


def test_with_a_tray_closing_the_window_keeps_reminders(qtbot):
    if not QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("no system tray on this display (tests/gui/test_tray_xvfb.py has one)")
    clock = Clock()
    scheduler = Scheduler(Reminders(schedules=(ActiveUse(50),)), clock, clock.local_now)
    window = QWidget()
    qtbot.addWidget(window)
    companion = Companion(Host(), window, scheduler, app_icon(), notifier=None, tray_available=True)
    try:
        assert companion.tray is not None
        assert QApplication.quitOnLastWindowClosed() is False
        window.show()
        window.close()
        assert companion.timer.isActive()
    finally:
        companion.tray.hide()
        QApplication.setQuitOnLastWindowClosed(True)


class WatchingCompanion(Companion):
    """Counts the window's events that reach the companion's event filter."""

    seen = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.seen += 1
        return super().eventFilter(watched, event)


def watched_window(
    qtbot, icon: QIcon, *, tray_available: bool
) -> tuple[QWidget, WatchingCompanion]:
    """A window and a companion (with a tray or without) that counts what it filters."""
    clock = Clock()
    scheduler = Scheduler(Reminders(schedules=(ActiveUse(50),)), clock, clock.local_now)
    window = QWidget()
    qtbot.addWidget(window)
    companion = WatchingCompanion(
        Host(), window, scheduler, icon, notifier=None, tray_available=tray_available
    )
    return window, companion


def test_without_a_tray_the_window_events_do_not_pass_through_the_companion(qtbot):
    # The filter is there only to say "still in the tray" on the first close: without a
    # tray, each repaint of a moving figure (an event on the window) would still pass
    # through Python for nothing.
    window, companion = watched_window(qtbot, QIcon(), tray_available=False)
    window.show()
    window.update()
    QApplication.sendEvent(window, QEvent(QEvent.Type.User))
    window.close()
    assert companion.seen == 0


def test_with_a_tray_the_first_close_is_told_once_and_the_filter_goes(qtbot, monkeypatch):
    if not QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("no system tray on this display (tests/gui/test_tray_xvfb.py has one)")
    window, companion = watched_window(qtbot, app_icon(), tray_available=True)
    told: list[str] = []
    assert companion.tray is not None
    monkeypatch.setattr(companion.tray, "message", lambda title, body: told.append(title))
    try:
        window.show()
        window.close()
        seen = companion.seen
        window.show()
        window.close()
        assert told == ["BackCare is still here"]
        assert seen > 0
        assert companion.seen == seen
    finally:
        companion.tray.hide()
        QApplication.setQuitOnLastWindowClosed(True)


def test_next_break_text():
    now = MONDAY_9
    assert next_break_text(now, now + timedelta(minutes=12), None) == "Next break: in 12 min"
    assert next_break_text(now, now + timedelta(hours=3), None) == "Next break: at 12:00"
    assert next_break_text(now, None, None) == "No reminders scheduled"


class FakeNotifier(QObject):
    action_invoked = Signal(str)

    def __init__(self, works: bool) -> None:
        super().__init__()
        self.works = works
        self.shown: list[Notice] = []
        self.closed = 0

    def show(self, notice: Notice) -> bool:
        self.shown.append(notice)
        return self.works

    def close(self) -> None:
        self.closed += 1


def with_notifier(qtbot, works: bool):
    clock = Clock()
    scheduler = Scheduler(Reminders(schedules=(FixedTime(time(9, 30)),)), clock, clock.local_now)
    window = QWidget()
    qtbot.addWidget(window)
    notifier = FakeNotifier(works)
    host = Host()
    companion = Companion(host, window, scheduler, QIcon(), notifier=notifier, tray_available=False)
    qtbot.addWidget(companion.reminder_window)
    return clock, scheduler, host, notifier, companion


def test_with_notifications_the_bubble_is_used_and_its_buttons_answer(qtbot):
    clock, scheduler, host, notifier, companion = with_notifier(qtbot, works=True)
    fire(clock, companion)
    assert [n.title for n in notifier.shown] == ["Time for a back break"]
    assert [key for key, _ in notifier.shown[0].actions] == ["start", "snooze", "skip"]
    assert not companion.reminder_window.isVisible()
    notifier.action_invoked.emit("snooze")
    assert scheduler.current is None
    run(clock, companion, 10)
    assert len(notifier.shown) == 2
    notifier.action_invoked.emit("start")
    assert host.started == ["desk-break"]
    assert notifier.closed == 2  # each answer takes the bubble away


def test_a_bubble_that_cannot_be_shown_falls_back_to_the_window(qtbot):
    clock, _, _, notifier, companion = with_notifier(qtbot, works=False)
    fire(clock, companion)
    assert len(notifier.shown) == 1
    assert companion.reminder_window.isVisible()
