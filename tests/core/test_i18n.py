"""The translation layer: catalogues per language, plural rules, choosing a language."""

from __future__ import annotations

import gettext

import pytest

from backcare_desktop import resources
from backcare_desktop.core import wording
from backcare_desktop.core.i18n import (
    ENGLISH_TRANSLATOR,
    LANGUAGES,
    check_language,
    choose_language,
    load_translator,
    system_language,
)


@pytest.fixture(scope="module", params=["de", "es", "fr"])
def tr(request: pytest.FixtureRequest):
    return load_translator(resources.locale_dir(), request.param)


def test_the_default_translator_is_english_and_keeps_every_text() -> None:
    assert ENGLISH_TRANSLATOR._("Rest") == "Rest"
    assert ENGLISH_TRANSLATOR.ngettext("{n} day", "{n} days", 2) == "{n} days"
    assert ENGLISH_TRANSLATOR.content("cat-stretch|name", "Cat stretch") == "Cat stretch"


def test_each_shipped_language_loads_compiled_catalogues(tr) -> None:
    assert isinstance(tr.messages, gettext.GNUTranslations)
    assert isinstance(tr.content_messages, gettext.GNUTranslations)
    assert tr._("Rest") != "Rest"
    assert tr.content("cat-stretch|name", "Cat stretch") != "Cat stretch"


def test_an_unknown_language_is_english() -> None:
    assert load_translator(resources.locale_dir(), "xx") is ENGLISH_TRANSLATOR


def test_a_broken_catalogue_names_its_file(tmp_path) -> None:
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "backcare.mo").write_bytes(b"not a catalogue at all")
    with pytest.raises(ValueError, match=r"backcare\.mo"):
        load_translator(tmp_path, "de")


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [
        ("en", 1, "1 session"),
        ("en", 0, "0 sessions"),
        ("de", 1, "1 Einheit"),
        ("de", 0, "0 Einheiten"),
        ("de", 3, "3 Einheiten"),
        # French counts 0 as singular; German and Spanish do not.
        ("fr", 0, "0 séance"),
        ("fr", 1, "1 séance"),
        ("fr", 2, "2 séances"),
        ("es", 0, "0 sesiones"),
        ("es", 1, "1 sesión"),
        # CLDR's "many" form: "un millón de sesiones".
        ("es", 1_000_000, "1000000 de sesiones"),
        ("es", 21, "21 sesiones"),
    ],
)
def test_plural_forms_follow_each_language_s_rule(language: str, n: int, expected: str) -> None:
    tr = load_translator(resources.locale_dir(), language)
    assert wording.sessions_text(n, tr) == expected


def test_counts_of_reps_are_worded_per_language() -> None:
    de = load_translator(resources.locale_dir(), "de")
    assert wording.counter_text(None, 3, 8, de) == "Wdh. 3 von 8"
    assert wording.status_text("stopped", 2, 6, de) == "Abgebrochen (2 von 6)"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "de_DE.UTF-8"}, "fr"),
        ({"LANGUAGE": "ja:es", "LANG": "de_DE.UTF-8"}, "es"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "es_MX@euro"}, "es"),
        ({}, "en"),
    ],
)
def test_the_system_locale_picks_the_language(environ: dict[str, str], expected: str) -> None:
    assert system_language(environ) == expected


def test_the_command_line_beats_the_setting_which_beats_the_locale() -> None:
    environ = {"LANG": "de_DE.UTF-8"}
    assert choose_language("fr", "es", environ) == "fr"
    assert choose_language(None, "es", environ) == "es"
    assert choose_language(None, "", environ) == "de"


def test_an_unknown_code_says_which_exist() -> None:
    with pytest.raises(ValueError, match="choose one of en, de, es, fr"):
        check_language("klingon")
    assert check_language("de") == "de"
    assert LANGUAGES[0] == "en"


def test_words_are_their_english_and_say_themselves_in_the_language() -> None:
    from backcare_desktop.core.i18n import Words

    de = load_translator(resources.locale_dir(), "de")
    problem = Words("must be {kind}, not {value}", kind=Words("a number"), value="x")
    assert problem == "must be a number, not x"
    assert ENGLISH_TRANSLATOR._(problem) == "must be a number, not x"
    assert de._(problem) == "muss eine Zahl sein, nicht x"
    # gettext("") is the catalogue's header: nothing stays nothing.
    assert de._("") == ""


def test_a_file_problem_is_said_in_german_where_and_what() -> None:
    from backcare_desktop.core.errors import FormatError, error_text
    from backcare_desktop.core.i18n import Words

    de = load_translator(resources.locale_dir(), "de")
    error = FormatError("x.toml", Words("line {n}", n=3), Words("no such file"))
    assert str(error) == "x.toml: line 3: no such file"
    assert error_text(error, de) == "x.toml: Zeile 3: Datei nicht gefunden"
    assert error_text(OSError("disk full"), de) == "disk full"


def test_composed_safety_reasons_are_whole_german_sentences() -> None:
    from backcare_desktop.core.library import load_presets
    from backcare_desktop.core.safety import adapt, conflicts

    library = load_presets(language="de")
    de = library.translator
    (conflict,) = conflicts(library.exercises["downward-dog"], ("wrist-problems",))
    assert de._(conflict.reason) == "laut Anleitung auslassen bei: Handgelenkprobleme"
    _, (change,) = adapt(library.exercises["cat-stretch"], ("pain-bending-forward",))
    assert de._(change.change) == (
        "„Ausatmen, Rücken rund machen“ wird zu „Ausatmen, Rücken gerade wie ein Tisch“"
    )
    assert "becomes" in str(change.change)  # the English stays what a log or file shows
