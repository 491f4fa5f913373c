"""Break schedules said in the language: weekday names and times from Babel, plural forms."""

from __future__ import annotations

from datetime import time

import pytest

from backcare_desktop import resources
from backcare_desktop.core.i18n import load_translator
from backcare_desktop.core.reminders import ActiveUse, FixedTime
from backcare_desktop.core.schedule_words import day_names, days_text, fixed_time_text


@pytest.fixture(scope="module")
def de():
    return load_translator(resources.locale_dir(), "de")


@pytest.fixture(scope="module")
def fr():
    return load_translator(resources.locale_dir(), "fr")


def test_a_fixed_time_in_german(de) -> None:
    assert FixedTime(time(10, 30), (0, 1, 2, 3, 4)).describe(de) == "um 10:30, Mo.–Fr.: desk-break"
    assert FixedTime(time(7, 5), (5, 6), "morning-loosener").describe(de) == (
        "um 07:05, Sa.–So.: morning-loosener"
    )
    assert FixedTime(time(15, 0), (0, 2, 4)).describe(de) == "um 15:00, Mo., Mi., Fr.: desk-break"
    assert FixedTime(time(15, 0)).describe(de) == "um 15:00, täglich: desk-break"


def test_active_use_in_german(de) -> None:
    assert ActiveUse(50).describe(de) == "nach 50 Min. aktiver Nutzung: desk-break"
    assert ActiveUse(1).describe(de) == "nach 1 Min. aktiver Nutzung: desk-break"


def test_english_keeps_the_words_the_command_line_always_printed() -> None:
    assert FixedTime(time(10, 30), (0, 1, 2, 3, 4)).describe() == "at 10:30 on mon-fri: desk-break"
    assert ActiveUse(50).describe() == "after 50 min of active use: desk-break"


def test_the_settings_list_and_buttons_in_french(fr) -> None:
    schedule = FixedTime(time(10, 30), (0, 1, 2, 3, 4))
    assert fixed_time_text(schedule, fr) == "10:30, lun.–ven. : desk-break"
    assert day_names(fr, button=True)[0] == "lun."
    assert days_text((5, 6), fr) == "sam.–dim."
