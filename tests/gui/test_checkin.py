"""Pain check-ins: one key press, skippable, and the progression offer before a session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from backcare_desktop.core import wording
from backcare_desktop.core.progression import suggest
from backcare_desktop.ui.checkin import AfterCheckIn, BeforeCheckIn
from tests.storage.fakes import tiny_library


def hosted(qtbot, widget_type):
    """The widget inside a plain window, as the app embeds it.

    The host has no layout, so the check-in's texts changing never resize a top-level
    window (offscreen Qt warns about that, and warnings fail the tests).
    """
    host = QWidget()
    qtbot.addWidget(host)
    widget = widget_type(host)
    host.resize(900, 600)
    widget.resize(host.size())
    host.show()
    qtbot.waitExposed(host)
    widget.ask("Stiff lower back")
    return host, widget


@pytest.fixture
def before(qtbot):
    _host, widget = hosted(qtbot, BeforeCheckIn)  # the host must outlive the test
    yield widget


@pytest.fixture
def after(qtbot):
    _host, widget = hosted(qtbot, AfterCheckIn)
    yield widget


@pytest.mark.parametrize(
    ("key", "pain"),
    [
        (Qt.Key.Key_0, 0),
        (Qt.Key.Key_7, 7),
        (Qt.Key.Key_9, 9),
        (Qt.Key.Key_Equal, 10),
        (Qt.Key.Key_Plus, 10),
        (Qt.Key.Key_Escape, None),
        (Qt.Key.Key_S, None),
    ],
)
def test_before_is_one_key_press(qtbot, before, key, pain):
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.keyClick(before, key)
    assert blocker.args == [pain, False]


def test_before_by_mouse(qtbot, before):
    button = before.scale.button(4)
    assert button.text() == "4"
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == [4, False]


def test_other_keys_do_nothing(qtbot, before):
    with qtbot.assertNotEmitted(before.answered):
        qtbot.keyClick(before, Qt.Key.Key_Space)
        qtbot.keyClick(before, Qt.Key.Key_X)


def test_an_offer_is_shown_after_the_pain_and_is_declined_by_default(qtbot, before):
    routine, exercises = tiny_library()
    offer = suggest(routine, exercises, ["too-easy", "too-easy"])
    assert offer is not None
    before.ask("Tiny routine", offer)
    with qtbot.assertNotEmitted(before.answered):
        qtbot.keyClick(before, Qt.Key.Key_5)
    shown = before.offer_text.text()
    assert shown.startswith(wording.offer_reason(offer))
    assert all(wording.change_text(change) in shown for change in offer.changes)
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.keyClick(before, Qt.Key.Key_Escape)
    assert blocker.args == [5, False]

    before.ask("Tiny routine", offer)
    qtbot.keyClick(before, Qt.Key.Key_S)  # skip the pain, still see the offer
    with qtbot.waitSignal(before.answered) as blocker:
        qtbot.keyClick(before, Qt.Key.Key_Y)
    assert blocker.args == [None, True]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ([Qt.Key.Key_3, Qt.Key.Key_E], [3, "too-easy"]),
        ([Qt.Key.Key_H, Qt.Key.Key_Equal], [10, "too-hard"]),  # either order
        ([Qt.Key.Key_2, Qt.Key.Key_Return], [2, None]),
        ([Qt.Key.Key_A, Qt.Key.Key_Escape], [None, "about-right"]),
        ([Qt.Key.Key_S], [None, None]),
    ],
)
def test_after_takes_pain_and_rating_in_any_order(qtbot, after, keys, expected):
    with qtbot.waitSignal(after.answered) as blocker:
        for key in keys:
            qtbot.keyClick(after, key)
    assert blocker.args == expected


def test_after_answers_once_and_can_be_asked_again(qtbot, after):
    with qtbot.waitSignal(after.answered):
        qtbot.keyClick(after, Qt.Key.Key_1)
        qtbot.keyClick(after, Qt.Key.Key_A)
    with qtbot.assertNotEmitted(after.answered):
        qtbot.keyClick(after, Qt.Key.Key_Return)
    after.ask("Desk break")
    with qtbot.waitSignal(after.answered) as blocker:
        qtbot.keyClick(after, Qt.Key.Key_6)
        qtbot.keyClick(after, Qt.Key.Key_E)
    assert blocker.args == [6, "too-easy"]
