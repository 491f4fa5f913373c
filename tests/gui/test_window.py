"""The window as a person uses it: keyboard first, with a fake clock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox


def press(qtbot, harness, key) -> None:
    qtbot.keyClick(harness.window.focusWidget() or harness.window, key)


def start(qtbot, harness, routine_id: str = "desk-break") -> None:
    with qtbot.waitSignal(harness.window.session_started, timeout=1000):
        harness.window.start_routine(routine_id)


def test_home_lists_routines_with_desk_break_first(harness, presets):
    home = harness.window.home
    assert home.list.count() == len(presets.routines)
    first = home.list.item(0).text()
    assert first.startswith("Desk break")
    assert first.endswith("5 min · 4 exercises · All standing, needs a counter or desk")
    assert home.quick.isVisible()
    assert not home.problems.isVisible()


def test_enter_starts_the_selected_routine(qtbot, harness):
    home = harness.window.home
    assert harness.window.focusWidget() is home.list
    with qtbot.waitSignal(harness.window.session_started, timeout=1000) as blocker:
        qtbot.keyClick(home.list, Qt.Key.Key_Return)
    controller = blocker.args[0]
    assert controller.engine.timeline.routine.id == "desk-break"
    assert harness.window.pages.currentWidget() is harness.window.player
    assert controller.engine.status == "running"


def test_down_then_enter_picks_another(qtbot, harness):
    home = harness.window.home
    qtbot.keyClick(home.list, Qt.Key.Key_Down)
    expected = home.list.currentItem().data(Qt.ItemDataRole.UserRole)
    with qtbot.waitSignal(harness.window.session_started, timeout=1000) as blocker:
        qtbot.keyClick(home.list, Qt.Key.Key_Enter)
    assert blocker.args[0].engine.timeline.routine.id == expected != "desk-break"


def test_the_view_follows_the_timeline(qtbot, harness):
    start(qtbot, harness, "stiff-lower-back")
    player = harness.window.player
    timeline = harness.window.controller.engine.timeline

    # Get ready: the exercise, where to start, what is needed, a countdown. The routine
    # stretches the hips and legs first, at a counter.
    assert player.exercise_name.text().startswith("Counter stretch")
    assert "standing" in player.ready.text()
    assert "a counter or desk" in player.ready.text()
    assert player.ready.isVisible()
    assert player.counter.text() == str(round(timeline.steps[0].seconds))

    # Into the third rep of the first counted exercise.
    rep3 = next(s for s in timeline.steps if s.rep == 3 and s.breath == "exhale")
    harness.advance_to(rep3.start + 0.5)
    assert player.counter.text() == f"rep 3 of {rep3.reps}"
    assert player.caption.text() == rep3.cue
    assert player.breath.text() == "Breathe out"
    assert not player.ready.isVisible()
    assert 0 < player.exercise_bar.value() < player.session_bar.maximum()
    assert player.next_up.text() == f"Next: {timeline.spans[rep3.exercise_index + 1].exercise.name}"

    # A long hold counts down and says halfway.
    hold = next(
        s for s in timeline.steps if s.kind == "hold" and s.seconds >= 20 and s.start > rep3.start
    )
    harness.advance_to(hold.start + hold.seconds / 2 + 0.2)
    assert player.counter.text() == str(round(hold.seconds / 2))
    assert player.extra.text() == "Halfway"

    # Knee to chest: the side is shown.
    left = next(
        s
        for s in timeline.steps
        if s.exercise_id == "knee-to-chest" and s.side == "left" and s.kind == "hold"
    )
    harness.advance_to(left.start + 1)
    assert player.side.text() == "Left side"
    bar = player.session_bar
    assert bar.value() == pytest.approx((left.start + 1) / timeline.duration * bar.maximum(), abs=1)


def test_whole_routine_ends_on_the_summary(qtbot, harness):
    start(qtbot, harness, "desk-break")
    timeline = harness.window.controller.engine.timeline
    with qtbot.waitSignal(harness.window.session_finished, timeout=1000) as blocker:
        harness.advance(timeline.duration + 0.5, frame=0.25)
    report = blocker.args[0]
    assert report.outcome == "completed"
    assert report.completed == len(timeline.spans)
    summary = harness.window.summary
    assert harness.window.pages.currentWidget() is summary
    assert summary.title.text() == "Well done: Desk break (standing)"
    assert f"{len(timeline.spans)} exercises completed" in summary.figures.text().replace(
        "\xa0", " "
    )
    assert not harness.ticker.is_active()
    qtbot.keyClick(summary.home, Qt.Key.Key_Return)
    assert harness.window.pages.currentWidget() is harness.window.home


def test_space_pauses_and_the_view_freezes(qtbot, harness):
    start(qtbot, harness)
    player = harness.window.player
    harness.advance(3.2)
    press(qtbot, harness, Qt.Key.Key_Space)
    engine = harness.window.controller.engine
    assert engine.status == "paused"
    assert not harness.ticker.is_active()
    assert player.paused.isVisible()
    frozen = (player.counter.text(), player.session_bar.value(), player.figure.grab().toImage())
    harness.clock.advance(30)
    harness.ticker.tick()  # even a stray tick changes nothing
    harness.window.controller.refresh()
    assert (
        player.counter.text(),
        player.session_bar.value(),
        player.figure.grab().toImage(),
    ) == frozen
    press(qtbot, harness, Qt.Key.Key_Space)
    assert engine.status == "running"
    assert harness.ticker.is_active()
    assert not player.paused.isVisible()


def test_right_left_and_r(qtbot, harness):
    start(qtbot, harness, "stiff-lower-back")
    engine = harness.window.controller.engine
    spans = engine.timeline.spans
    harness.advance(5)
    press(qtbot, harness, Qt.Key.Key_Right)
    assert engine.position() == pytest.approx(spans[1].start)
    assert harness.window.player.exercise_name.text().startswith(spans[1].exercise.name)
    harness.advance(5)
    press(qtbot, harness, Qt.Key.Key_R)
    assert engine.position() == pytest.approx(spans[1].start)
    press(qtbot, harness, Qt.Key.Key_Left)
    assert engine.position() == pytest.approx(spans[0].start)


def test_m_mutes_and_f_goes_full_screen(qtbot, harness):
    from backcare_desktop.speech.narrator import Narrator
    from backcare_desktop.speech.recording import RecordingSpeaker

    narrator = Narrator(RecordingSpeaker())
    heard: list[bool] = []
    narrator.subscribe_muted(heard.append)
    player = harness.window.player
    player.use_mute(narrator)
    start(qtbot, harness)
    press(qtbot, harness, Qt.Key.Key_M)
    # The narrator owns the state; the button shows what the narrator says.
    assert (narrator.muted, heard) == (True, [True])
    assert player.buttons["mute"].text() == "Unmute"
    press(qtbot, harness, Qt.Key.Key_M)
    assert (narrator.muted, heard) == (False, [True, False])
    assert player.buttons["mute"].text() == "Mute"
    press(qtbot, harness, Qt.Key.Key_F)
    qtbot.waitUntil(harness.window.isFullScreen, timeout=2000)
    press(qtbot, harness, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not harness.window.isFullScreen(), timeout=2000)


def find_confirm(window) -> QMessageBox:
    boxes = [
        w
        for w in window.findChildren(QMessageBox)
        if w.objectName() == "confirmStop" and w.isVisible()
    ]
    assert len(boxes) == 1
    return boxes[0]


def test_esc_asks_before_stopping(qtbot, harness):
    start(qtbot, harness)
    engine = harness.window.controller.engine
    harness.advance(4)
    press(qtbot, harness, Qt.Key.Key_Escape)
    box = find_confirm(harness.window)
    assert engine.status == "paused"  # time does not run on while the person decides
    keep = next(b for b in box.buttons() if b.text() == "Keep going")
    keep.click()
    assert engine.status == "running"

    press(qtbot, harness, Qt.Key.Key_Escape)
    box = find_confirm(harness.window)
    stop = next(b for b in box.buttons() if b.text() == "Stop")
    with qtbot.waitSignal(harness.window.session_finished, timeout=1000) as blocker:
        stop.click()
    assert blocker.args[0].outcome == "stopped"
    assert harness.window.summary.title.text().startswith("Stopped")


def test_buttons_name_their_shortcuts(harness):
    tips = {k: b.toolTip() for k, b in harness.window.player.buttons.items()}
    assert tips["pause"].endswith("(Space)")
    assert tips["next"].endswith("(Right)")
    assert tips["back"].endswith("(Left)")
    assert tips["restart"].endswith("(R)")
    assert tips["mute"].endswith("(M)")
    assert tips["fullscreen"].endswith("(F)")
    assert tips["stop"].endswith("(Esc)")


def test_shortcuts_do_nothing_on_the_home_page(qtbot, harness):
    qtbot.keyClick(harness.window.home.list, Qt.Key.Key_Space)
    assert harness.window.controller is None


def test_side_panel_size_stacks_the_figure_above(qtbot, harness):
    start(qtbot, harness)
    harness.window.resize(420, 760)
    qtbot.waitUntil(lambda: harness.window.player.width() <= 420, timeout=2000)
    player = harness.window.player
    assert player.property("compact") is True

    def figure_above_text() -> bool:
        figure_bottom = player.figure.mapTo(player, QPoint(0, player.figure.height())).y()
        return figure_bottom <= player.counter.mapTo(player, QPoint(0, 0)).y()

    qtbot.waitUntil(figure_above_text, timeout=2000)
    assert all(
        b.isVisible() and b.x() + b.width() <= player.width() for b in player.buttons.values()
    )
    harness.window.resize(1366, 768)
    qtbot.waitUntil(lambda: player.property("compact") is False, timeout=2000)


def test_unknown_routine_is_explained_not_raised(qtbot, harness):
    harness.window.start_routine("no-such-routine")
    boxes = [w for w in harness.window.findChildren(QMessageBox) if w.objectName() == "problemBox"]
    assert boxes and "No routine called 'no-such-routine'" in boxes[-1].text()
    assert harness.window.controller is None


def test_first_run_shows_the_health_note_once(qtbot, tmp_path, presets, fake_clock):
    from backcare_desktop.storage.settings import SettingsModel, SettingsStore
    from backcare_desktop.ui.main_window import MainWindow
    from backcare_desktop.ui.ticker import ManualTicker

    store = SettingsStore(tmp_path / "s.json")
    window = MainWindow(
        library=presets,
        settings=SettingsModel(store),
        make_clock=lambda: fake_clock,
        ticker=ManualTicker(),
    )
    qtbot.addWidget(window)
    window.show()
    window.show_health_note_if_needed()
    box = next(w for w in window.findChildren(QMessageBox) if w.objectName() == "healthNote")
    assert "not a diagnosis" in box.text()
    box.buttons()[0].click()
    assert store.load().health_note_acknowledged is True


def test_ctrl_d_starts_the_desk_break(qtbot, harness):
    with qtbot.waitSignal(harness.window.session_started, timeout=2000) as blocker:
        qtbot.keyClick(harness.window.home.list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].engine.timeline.routine.id == "desk-break"


def test_a_missing_pose_is_explained_and_the_session_goes_on(
    qtbot, presets, settings_store, fake_clock
):
    from dataclasses import replace

    from backcare_desktop.core.library import Library
    from tests.gui.conftest import make_harness

    broken = replace(presets.exercises["squat-reach"], start_pose="no-such-pose")
    library = Library(
        exercises={**presets.exercises, "squat-reach": broken}, routines=dict(presets.routines)
    )
    harness = make_harness(qtbot, library, settings_store, fake_clock)
    timeline = library.timeline("desk-break")
    squat = next(s for s in timeline.spans if s.exercise.id == "squat-reach")
    harness.window.start_routine("desk-break")
    harness.advance_to(squat.start + 1)
    note = harness.window.player.figure_note
    assert note.isVisible()
    assert "no-such-pose" in note.text()
    assert harness.window.player.exercise_name.text().startswith(broken.name)
    harness.advance(5)
    assert harness.window.controller.engine.status == "running"


def test_the_view_wakes_exactly_when_the_next_step_is_due(qtbot, harness):
    start(qtbot, harness)
    steps = harness.window.controller.engine.timeline.steps
    moving = steps[1]
    assert moving.pose_from != moving.pose_to
    harness.advance(moving.start + 1.0)
    # Between frames: the ticker is asked to wake when step 2 starts, not a frame later.
    expected = steps[2].start - (moving.start + 1.0)
    assert harness.ticker.wake_requested == pytest.approx(expected, abs=1e-6)


def test_the_frame_rate_drops_while_the_figure_is_still_and_returns_when_it_moves(qtbot, harness):
    from backcare_desktop.ui.ticker import FRAME_INTERVAL_MS, STILL_INTERVAL_MS

    start(qtbot, harness)
    steps = harness.window.controller.engine.timeline.steps
    get_ready, moving, hold = steps[0], steps[1], steps[2]
    assert get_ready.pose_from == get_ready.pose_to == moving.pose_from
    assert hold.kind == "hold" and hold.pose_from == hold.pose_to
    assert harness.ticker.interval_ms == STILL_INTERVAL_MS  # get ready: only the breath
    harness.advance_to(moving.start + 0.1)
    assert harness.ticker.interval_ms == FRAME_INTERVAL_MS
    harness.advance_to(hold.start + 0.1)
    assert harness.ticker.interval_ms == STILL_INTERVAL_MS
    harness.advance_to(steps[3].start + 0.1)
    assert harness.ticker.interval_ms == FRAME_INTERVAL_MS
    assert harness.ticker.is_active()


def test_while_still_the_countdown_still_changes_on_the_second(qtbot, harness):
    start(qtbot, harness)
    harness.advance(1.3)
    assert harness.window.player.counter.text() == "9"
    # Slower frames, but a wake-up for the moment the count shows 8.
    assert harness.ticker.wake_requested == pytest.approx(0.7, abs=1e-6)


def test_a_follower_that_fails_on_every_cue_is_said_once_and_the_session_runs_on(
    qtbot, presets, settings_store, fake_clock
):
    from backcare_desktop.speech.narrator import Narrator
    from backcare_desktop.speech.recording import RecordingSpeaker
    from tests.gui.conftest import make_harness

    class BrokenSpeaker(RecordingSpeaker):
        def say(self, text: str, cue_id: int) -> None:
            raise RuntimeError("the speech worker's pipe is closed")

    harness = make_harness(
        qtbot, presets, settings_store, fake_clock, followers=[Narrator(BrokenSpeaker())]
    )
    window = harness.window
    window.start_routine("desk-break")
    engine = window.controller.engine
    assert engine.status == "running"
    with qtbot.waitSignal(window.session_finished, timeout=5000) as blocker:
        harness.advance(engine.timeline.duration + 1, frame=0.25)
    assert blocker.args[0].outcome == "completed"
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "problemBox"]
    assert len(boxes) == 1
    assert "pipe is closed" in boxes[0].text()


def test_the_keyboard_is_back_after_the_stop_question(qtbot, harness):
    # Without a window manager nobody re-activates the window after a dialog: the
    # shortcuts must still work, so the app does it.
    start(qtbot, harness)
    window = harness.window
    press(qtbot, harness, Qt.Key.Key_Escape)
    box = find_confirm(window)
    next(b for b in box.buttons() if b.text() == "Keep going").click()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.player
    engine = window.controller.engine
    press(qtbot, harness, Qt.Key.Key_Space)
    assert engine.status == "paused"


def test_the_keyboard_is_back_after_the_health_note(qtbot, harness):
    window = harness.window
    window.settings.update(health_note_acknowledged=False)
    window.show_health_note_if_needed()
    box = window.findChild(QMessageBox, "healthNote")
    box.buttons()[0].click()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    assert QApplication.focusWidget() is window.home.list
