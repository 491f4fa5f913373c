"""Screen readers: every control on every page has a name, and cues are announced."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QApplication, QWidget

R = QAccessible.Role
# What a person operates or reads as one thing: each must say what it is.
CONTROLS = {
    R.PushButton,
    R.CheckBox,
    R.RadioButton,
    R.ComboBox,
    R.Slider,
    R.SpinBox,
    R.List,
    R.Table,
    R.ProgressBar,
    R.Graphic,
    R.Chart,
    R.EditableText,
    R.Dialog,
}


# Controls a person acts on: each must also say what it does (a tooltip counts: Qt reads
# it as the description).
DESCRIBED = {R.PushButton, R.CheckBox, R.ComboBox, R.Slider, R.SpinBox, R.List, R.Table}


def unnamed_controls(widget: QWidget) -> list[str]:
    """Every visible control under `widget` whose accessible name (or, for what a person
    acts on, description) is empty."""
    root = QAccessible.queryAccessibleInterface(widget)
    assert root is not None
    found: list[str] = []

    def walk(node: QAccessibleInterface, depth: int) -> None:
        assert depth < 60, "the accessible tree loops"
        if node.state().invisible:
            return
        nameless = node.role() in CONTROLS and not node.text(QAccessible.Text.Name).strip()
        undescribed = (
            node.role() in DESCRIBED and not node.text(QAccessible.Text.Description).strip()
        )
        if nameless or undescribed:
            obj = node.object()
            what = "name" if nameless else "description"
            found.append(f"{node.role().name} {type(obj).__name__} {obj.objectName()!r} {what}")
        for n in range(node.childCount()):
            child = node.child(n)
            if child is not None and child.isValid():
                walk(child, depth + 1)

    walk(root, 0)
    return found


def shown(qtbot, window, page: QWidget) -> None:
    window.pages.setCurrentWidget(page)
    QApplication.processEvents()


def test_home_names_every_control(qtbot, harness):
    assert unnamed_controls(harness.window) == []


def test_the_player_names_every_control(qtbot, harness):
    window = harness.window
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    harness.advance(2)
    assert unnamed_controls(window) == []


def test_the_summary_and_check_ins_name_every_control(qtbot, history_harness):
    window = history_harness.window
    qtbot.keyClick(window.home.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.before
    assert unnamed_controls(window) == []
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_S)
    history_harness.advance(1)
    with qtbot.waitSignal(window.session_finished, timeout=1000):
        window.controller.stop()
    assert window.pages.currentWidget() is window.summary
    assert unnamed_controls(window) == []


def test_progress_names_every_control(qtbot, history_harness):
    window = history_harness.window
    window.show_progress()
    QApplication.processEvents()
    assert unnamed_controls(window) == []


def test_settings_name_every_control(qtbot, harness):
    from backcare_desktop.speech.qt_bridge import SpeakerBridge
    from backcare_desktop.speech.silent import SilentSpeaker
    from backcare_desktop.ui.settings_dialog import SettingsDialog

    bridge = SpeakerBridge(SilentSpeaker())
    dialog = SettingsDialog(harness.window.settings.current, bridge, harness.window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unnamed_controls(dialog) == []
    bridge.close()


def test_an_unnamed_control_is_found(qtbot):
    # The walk itself: a button without text or name must be reported.
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    page = QWidget()
    QVBoxLayout(page).addWidget(QPushButton())
    qtbot.addWidget(page)
    page.show()
    assert unnamed_controls(page) == ["Button QPushButton '' name"]


class FakeMute:
    def __init__(self, audible: bool) -> None:
        self.audible = audible
        self.muted = not audible

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def subscribe_muted(self, listener):
        return lambda: None


@pytest.mark.parametrize("audible", [True, False])
def test_cues_are_announced_when_the_voice_is_off(qtbot, harness, audible):
    window = harness.window
    said: list[str] = []
    window.player.announcer = lambda widget, text: said.append(text)
    window.player.use_mute(FakeMute(audible))
    with qtbot.waitSignal(window.session_started, timeout=1000):
        window.start_routine("desk-break")
    harness.advance(1)
    first_cue = window.controller.engine.timeline.steps[0].cue
    assert said == ([] if audible else [first_cue])


def test_an_announcement_is_sent_only_to_a_listening_screen_reader(qtbot):
    from backcare_desktop.ui.announce import announce

    label = QWidget()
    qtbot.addWidget(label)
    assert announce(label, "Breathe in") is False
    QAccessible.setActive(True)
    try:
        assert announce(label, "Breathe in") is True
        assert announce(label, "") is False
    finally:
        QAccessible.setActive(False)


def focus_chain(start: QWidget, steps: int) -> list[QWidget]:
    chain, widget = [], start
    for _ in range(steps):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        chain.append(widget)
    return chain


def test_tab_follows_reading_order_on_home(harness):
    home = harness.window.home
    assert focus_chain(home.progress_button, 4) == [
        home.settings_button,
        home.profile_button,
        home.quick,
        home.list,
    ]


def test_my_back_names_every_control(qtbot, harness):
    dialog = harness.window.open_profile()
    qtbot.waitExposed(dialog)
    assert unnamed_controls(dialog) == []
    dialog.reject()
