"""English dates and numbers without Babel, written exactly as Babel writes them."""

from __future__ import annotations

import subprocess
import sys

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR
from backcare_desktop.core.local_format import decimal


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_an_english_decimal_is_what_babel_writes_for_en_gb(value: float):
    assert decimal(value, ENGLISH_TRANSLATOR) == format_decimal(value, format="0.0", locale="en_GB")


def test_halves_round_to_even_as_babel_does():
    # Means of pain answers land on .x5 often: f"{4.45:.1f}" would say 4.5.
    assert [decimal(v, ENGLISH_TRANSLATOR) for v in (4.45, 2.25, 0.05, -0.04, 6)] == [
        "4.4",
        "2.2",
        "0.0",
        "-0.0",
        "6.0",
    ]


def test_english_formatting_never_loads_babel():
    code = (
        "import sys\n"
        "from datetime import date, datetime\n"
        "from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR as tr\n"
        "from backcare_desktop.core import local_format as f\n"
        "d, m = date(2026, 12, 1), datetime(2026, 12, 1, 10, 4)\n"
        "f.short_date(d, tr), f.short_datetime(m, tr), f.month_name(d, tr)\n"
        "f.session_time(m, tr, short=True), f.decimal(4.5, tr), f.next_reminder_time(m, tr)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'babel'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


@given(st.floats(min_value=-20, max_value=20, allow_nan=False).map(lambda v: round(v, 2)))
def test_pain_means_round_as_babel_writes_them(value: float):
    # Means of 0-10 answers: two decimals where halves land exactly.
    assert decimal(value, ENGLISH_TRANSLATOR) == format_decimal(value, format="0.0", locale="en_GB")


def test_an_english_decimal_needs_no_decimal_module():
    code = (
        "import sys\n"
        "from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR as tr\n"
        "from backcare_desktop.core import local_format as f\n"
        "print([f.decimal(v, tr) for v in (4.45, 9.96, -0.04)], 'decimal' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['4.4', '10.0', '-0.0'] False"


def test_other_languages_still_go_through_babel():
    from datetime import date, datetime

    from backcare_desktop import resources
    from backcare_desktop.core import local_format as f
    from backcare_desktop.core.i18n import load_translator

    de = load_translator(resources.locale_dir(), "de")
    moment = datetime(2026, 12, 2, 10, 30)
    assert f.decimal(4.5, de) == "4,5"
    assert f.short_date(date(2026, 12, 1), de) == "01.12.2026"
    assert f.next_reminder_time(moment, de).endswith("10:30")
    assert f.session_time(moment, de, short=True) == "2 Dez., 10:30"


def test_the_infinities_are_written_as_babel_writes_them_and_nan_never_raises():
    assert decimal(float("inf"), ENGLISH_TRANSLATOR) == "∞"
    assert decimal(float("-inf"), ENGLISH_TRANSLATOR) == "-∞"
    assert decimal(float("nan"), ENGLISH_TRANSLATOR) == "NaN"
