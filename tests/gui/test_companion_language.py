"""The companion's words in German and French: the reminder, the tray's status, plurals."""

from __future__ import annotations

from datetime import datetime

import pytest

from backcare_desktop import resources
from backcare_desktop.core.i18n import load_translator
from backcare_desktop.core.reminders import ActiveUse
from backcare_desktop.core.scheduler import BreakDue
from backcare_desktop.ui.companion import notice_for
from backcare_desktop.ui.tray import next_break_text


@pytest.fixture(scope="module")
def de():
    return load_translator(resources.locale_dir(), "de")


@pytest.fixture(scope="module")
def fr():
    return load_translator(resources.locale_dir(), "fr")


def break_due(minutes: int, reason: str = "active-use") -> BreakDue:
    return BreakDue(
        1, ActiveUse(minutes), "desk-break", reason, datetime(2026, 12, 1, 10, 30), 0, True
    )


@pytest.mark.parametrize(
    ("minutes", "german", "french"),
    [
        (1, "Du sitzt seit 1 Minute am Computer.", "depuis 1 minute."),
        (50, "Du sitzt seit 50 Minuten am Computer.", "depuis 50 minutes."),
        (0, "Du sitzt seit 0 Minuten am Computer.", "depuis 0 minute."),
    ],
)
def test_the_reminder_counts_minutes_by_each_language_s_rule(
    de, fr, minutes: int, german: str, french: str
) -> None:
    pytest.importorskip("PySide6")
    from backcare_desktop.core.scheduler import BreakDue
    from backcare_desktop.ui.companion import notice_for

    event = BreakDue(
        1, ActiveUse(minutes), "desk-break", "active-use", datetime(2026, 12, 1), 0, True
    )
    assert notice_for(event, "", 10, de).body.splitlines()[0] == german
    assert notice_for(event, "", 10, fr).body.splitlines()[0].endswith(french)


def test_the_whole_reminder_in_german(de) -> None:
    notice = notice_for(break_due(50, "fixed-time"), "Schreibtischpause, etwa 5 Min.", 10, de)
    assert notice.title == "Zeit für eine Rückenpause"
    assert notice.body == "Deine Dehnpause um 10:30.\nSchreibtischpause, etwa 5 Min."
    assert notice.actions == (
        ("start", "Starten"),
        ("snooze", "10 Min. später"),
        ("skip", "Überspringen"),
    )


def test_the_tray_status_in_german(de) -> None:
    now = datetime(2026, 12, 1, 10, 0)
    assert (
        next_break_text(now, datetime(2026, 12, 1, 10, 12), None, de) == "Nächste Pause: in 12 Min."
    )
    assert next_break_text(now, datetime(2026, 12, 1, 14, 5), None, de) == "Nächste Pause: um 14:05"
    assert next_break_text(now, None, datetime(2026, 12, 1, 11, 0), de) == (
        "Erinnerungen pausiert bis 11:00"
    )
    assert next_break_text(now, None, None, de) == "Keine Erinnerungen geplant"
