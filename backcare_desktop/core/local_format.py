"""Dates and numbers as the chosen language writes them (Babel's CLDR data).

"1 Dec 2026" in English, "01.12.2026" in German, "1 dic 2026" in Spanish: a person reads
their own convention, and a decimal comma where their language uses one.
"""

from __future__ import annotations

from datetime import date, datetime

from backcare_desktop.core.i18n import ENGLISH, Translator

# Babel is imported only for another language: its import and its first number (the
# CLDR data) cost ~80 ms, most of the Progress page's first opening in English.

# Babel's locale for each shipped language (English: the region the wording is written in).
LOCALES = {"en": "en_GB", "de": "de_DE", "es": "es_ES", "fr": "fr_FR"}


def babel_locale(tr: Translator) -> str:
    return LOCALES.get(tr.language, "en_GB")


def short_date(day: date, tr: Translator) -> str:
    """'01 Dec 2026', '01.12.2026', '1 dic 2026', '1 déc. 2026'."""
    if tr.language == ENGLISH:
        return f"{day:%d %b %Y}"  # as BackCare wrote it before it spoke other languages
    from babel.dates import format_date

    return format_date(day, "medium", locale=babel_locale(tr))


def short_datetime(moment: datetime, tr: Translator) -> str:
    """Date and time, short: '2026-12-01 10:04', '01.12.26, 10:04'."""
    if tr.language == ENGLISH:
        return f"{moment:%Y-%m-%d %H:%M}"
    from babel.dates import format_datetime

    return format_datetime(moment, "short", locale=babel_locale(tr))


def session_time(moment: datetime, tr: Translator, *, short: bool) -> str:
    """When a session started, for the Progress list: 'Wed 30 Sep 2026, 23:59', or in
    the side panel '30 Sep, 23:59' (in the language's own order and month names)."""
    if tr.language == ENGLISH:
        return f"{moment:%d %b, %H:%M}" if short else f"{moment:%a %d %b %Y, %H:%M}"
    from babel.dates import format_datetime

    pattern = "d MMM, HH:mm" if short else "EEE d MMM y, HH:mm"
    return format_datetime(moment, pattern, locale=babel_locale(tr))


def month_name(day: date, tr: Translator) -> str:
    """'Sep', 'Sept.', 'sept.': the short month name in the chart labels."""
    if tr.language == ENGLISH:
        return f"{day:%b}"
    from babel.dates import format_date

    return format_date(day, "LLL", locale=babel_locale(tr))


def decimal(value: float, tr: Translator) -> str:
    """One decimal, as the language writes it: 6 -> '6.0' or '6,0'."""
    if tr.language == ENGLISH:
        return _tenths_half_even(value)
    from babel.numbers import format_decimal

    return format_decimal(value, format="0.0", locale=babel_locale(tr))


def _tenths_half_even(value: float) -> str:
    """What Babel writes for en_GB: the shortest repr rounded half to even (4.45 -> '4.4',
    where f"{4.45:.1f}" gives '4.5'), '-0.0' included. On the digits of the repr, without
    the decimal module (~2.5 ms to import when Progress first opens)."""
    text = repr(float(value))
    if "n" in text:  # inf, -inf, nan: the infinities as Babel writes them
        return {"inf": "∞", "-inf": "-∞"}.get(text, "NaN")
    if "e" in text:  # 1e-05
        from decimal import ROUND_HALF_EVEN, Decimal

        return str(Decimal(text).quantize(Decimal("0.1"), ROUND_HALF_EVEN))
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    tenths = int(whole + fraction[0])
    rest = fraction[1:]
    if rest and (rest[0] > "5" or (rest[0] == "5" and (rest[1:].strip("0") or tenths % 2))):
        tenths += 1
    return f"{sign}{tenths // 10}.{tenths % 10}"


def next_reminder_time(moment: datetime, tr: Translator) -> str:
    """When a reminder comes next: 'Wed 02 Dec 10:30', 'Mi. 2. Dez., 10:30'."""
    if tr.language == ENGLISH:
        return f"{moment:%a %d %b %H:%M}"
    from babel.dates import format_datetime

    return format_datetime(moment, "EEE d MMM, HH:mm", locale=babel_locale(tr))
