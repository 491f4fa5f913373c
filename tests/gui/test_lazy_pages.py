"""Pages built on first use: before the first paint the window makes only the home page
(issue 18), and a page made later behaves as one made at the start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.recording import RecordingSpeaker
from tests.support import modules_loaded_by

# What the home page does not need before its first paint.
LATER_MODULES = {
    "backcare_desktop.ui.player",
    "backcare_desktop.ui.illustration",
    "backcare_desktop.ui.checkin",
    "backcare_desktop.ui.summary",
    "backcare_desktop.ui.session",
    "backcare_desktop.ui.progress_page",
    "backcare_desktop.ui.progress",
    "backcare_desktop.ui.progress_list",
    "backcare_desktop.ui.editor",
    "backcare_desktop.ui.profile_dialog",
    "backcare_desktop.ui.health",
    "backcare_desktop.ui.settings_dialog",
}


def page_kinds(window) -> list[str]:
    return [type(window.pages.widget(i)).__name__ for i in range(window.pages.count())]


def test_the_app_module_imports_no_page_but_home():
    modules = modules_loaded_by("import backcare_desktop.ui.app")
    assert "backcare_desktop.ui.home" in modules
    assert modules & LATER_MODULES == set()


def test_only_the_home_page_is_built_at_start(harness):
    assert page_kinds(harness.window) == ["HomePage"]


def test_the_player_is_built_when_a_session_starts(qtbot, harness):
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    assert page_kinds(window) == ["HomePage", "PlayerPage"]
    assert window.pages.currentWidget() is window.player
    first_step = window.controller.engine.timeline.steps[0]
    assert window.player.caption.text() == first_step.cue


def test_a_session_s_start_lets_go_of_the_home_cards_layouts(qtbot, harness):
    window = harness.window
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.home.delegate.kept_count() > 0, timeout=3000)
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    assert window.home.delegate.kept_count() == 0


def test_the_check_in_and_summary_are_built_when_first_asked(qtbot, history_harness):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)
    assert page_kinds(window) == ["HomePage", "BeforeCheckIn"]
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_S)
    assert "SummaryPage" not in page_kinds(window)
    with qtbot.waitSignal(window.session_finished, timeout=1000):
        window.controller.stop()
    assert page_kinds(window)[-1] == "SummaryPage"
    assert window.pages.currentWidget() is window.summary
    assert window.after.isVisible()


def test_the_progress_page_is_built_when_first_shown(qtbot, history_harness):
    window = history_harness.window
    window.show_progress()
    assert page_kinds(window) == ["HomePage", "ProgressPage"]


def test_the_window_keeps_its_size_limits_when_the_pages_are_built(harness):
    window = harness.window
    at_home = window.minimumSizeHint()
    pages = [window.player, window.summary, window.before, window.progress]
    assert len(page_kinds(window)) == 1 + len(pages)
    QApplication.processEvents()  # the layout requests the pages posted
    assert window.minimumSizeHint() == at_home


def test_mute_and_voice_note_given_before_the_player_exists_are_shown(qtbot, harness):
    window = harness.window
    narrator = Narrator(RecordingSpeaker(), muted=True)
    window.use_mute(narrator)
    window.show_voice_note("Voice off: no engine.")
    assert "PlayerPage" not in page_kinds(window)
    window.start_routine("desk-break")
    assert window.player.buttons["mute"].text() == "Unmute"
    assert window.player.voice_note.text() == "Voice off: no engine."
    assert not window.player.voice_note.isHidden()
    narrator.set_muted(False)
    assert window.player.buttons["mute"].text() == "Mute"


def test_the_companion_loads_babel_only_to_say_a_time():
    # Babel's locale data is 4 MB of the app's peak memory (issue 18).
    modules = modules_loaded_by("import backcare_desktop.ui.companion, backcare_desktop.ui.tray")
    assert "backcare_desktop.ui.tray" in modules
    assert {m for m in modules if m.split(".")[0] == "babel"} == set()
