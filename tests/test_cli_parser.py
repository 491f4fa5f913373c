"""The command line's help and argparse's own words in German (and English unchanged)."""

from __future__ import annotations

import io

import pytest

from backcare_desktop import resources
from backcare_desktop.cli import main
from backcare_desktop.cli_parser import argparse_message
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, load_translator
from backcare_desktop.window_options import language_option


def run(capsys, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        code = main(list(argv), out=out, err=err)
    except SystemExit as e:  # --help and argparse's errors exit
        code = int(e.code or 0)
    printed = capsys.readouterr()
    return code, out.getvalue() + printed.out, err.getvalue() + printed.err


def test_the_help_is_german_argparse_words_too(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "--language", "de", "--help")
    assert code == 0
    assert out.startswith("Aufruf: backcare [-h]")
    assert "\nOptionen:\n" in out
    assert "\nBefehle und Werte:\n" in out
    assert "  -h, --help           diese Hilfe zeigen und beenden\n" in out
    assert "    validate           Programm- oder Übungsdateien prüfen\n" in out
    assert "Angeleitete Dehnübungen für den Rücken." in out
    for english in ("usage:", "options:", "show this help message", "the routines"):
        assert english not in out


def test_a_subcommand_help_is_german(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "--lang=de", "schedule", "add", "-h")
    assert code == 0
    assert out.startswith("Aufruf: backcare schedule add [-h]")
    assert "z. B. mon-fri, sat,sun (Standard: jeden Tag)" in out


def test_argparse_errors_are_german(capsys, data_dir) -> None:
    code, _, err = run(capsys, "--language", "de", "show")
    assert code == 2
    assert err.splitlines()[-1] == "backcare show: Fehler: diese Angaben fehlen: ID"
    code, _, err = run(capsys, "--language", "de", "list", "--for", "elbows")
    assert code == 2
    assert "Angabe --for: ungültige Wahl: 'elbows' (möglich: " in err.splitlines()[-1]
    code, _, err = run(capsys, "--language", "de", "--speed", "0", "list")
    assert "„0“ liegt außerhalb: gib eine Zahl von 0.1 bis 1000 an (1 ist Echtzeit)" in err


def test_the_settings_language_chooses_the_help_language(capsys, data_dir) -> None:
    from backcare_desktop.storage import paths
    from backcare_desktop.storage.settings import Settings, SettingsStore

    SettingsStore(paths.settings_path(data_dir)).save(Settings(language="fr"))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "--help")
    assert code == 0
    assert out.startswith("utilisation : backcare")


def test_english_help_keeps_argparse_words(capsys, data_dir) -> None:
    code, out, _ = run(capsys, "--language", "en", "--help")
    assert code == 0
    assert out.startswith("usage: backcare [-h]")
    assert "\noptions:\n" in out
    assert "show this help message and exit" in out


@pytest.mark.parametrize(
    ("message", "german"),
    [
        ("unrecognized arguments: --x y", "unbekannte Angaben: --x y"),
        (
            "argument --language: invalid choice: 'xx' (choose from 'en', 'de')",
            "Angabe --language: ungültige Wahl: 'xx' (möglich: 'en', 'de')",
        ),
        ("argument --out: expected one argument", "Angabe --out: erwartet einen Wert"),
        ("something argparse never says", "something argparse never says"),
    ],
)
def test_argparse_sentences_are_said_again_in_the_language(message: str, german: str) -> None:
    tr = load_translator(resources.locale_dir(), "de")
    assert argparse_message(message, tr) == german
    assert argparse_message(message, ENGLISH_TRANSLATOR) == message


def test_the_language_is_read_before_the_parser_exists() -> None:
    assert language_option(["--language", "de", "list"]) == ("de", None)
    assert language_option(["--lang=fr", "--data-dir", "/d"]) == ("fr", "/d")
    assert language_option(["show", "--", "--language", "de"]) == (None, None)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("0.09", "'0.09' is out of range: give a number from 0.1 to 1000"),
        ("1000.5", "'1000.5' is out of range: give a number from 0.1 to 1000"),
        ("inf", "'inf' is out of range"),
        ("fast", "'fast' is not a number"),
    ],
)
def test_a_speed_outside_its_range_is_refused_with_the_range(capsys, data_dir, text, said):
    code, _, err = run(capsys, "--speed", text, "list")
    assert code == 2
    assert said in err


@pytest.mark.parametrize("text", ["0.1", "1000"])
def test_the_ends_of_the_speed_range_are_taken(capsys, data_dir, text):
    code, _, err = run(capsys, "--speed", text, "list")
    assert (code, err) == (0, "")
