"""A launch of the window with plain options is read without building the parser (issue 18),
and read exactly as the parser reads it; everything else is the parser's."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare_desktop import cli, cli_parser
from backcare_desktop.core.i18n import LANGUAGES
from backcare_desktop.window_options import plain_window_options


def parser_reads(words: list[str]) -> dict[str, Any] | None:
    """The parser's values for `words`, None when it refuses them or reads a command."""
    try:
        args = cli_parser.build_parser().parse_args(words)
    except SystemExit:
        return None
    return None if args.command else vars(args)


PLAIN = [
    [],
    ["--no-voice"],
    ["--data-dir", "/tmp/d", "--no-voice"],
    ["--background", "--routine", "desk-break", "--language", "de"],
    ["--speed", "50", "--cue-log", "cues.jsonl", "--data-dir", "~/back"],
    ["--speed", "1e3"],
    ["--routine", "list"],  # the routine's id, not the command
    ["--data-dir", ""],
]


@pytest.mark.parametrize("words", PLAIN)
def test_plain_window_options_are_what_the_parser_reads(words: list[str]):
    options = plain_window_options(words, LANGUAGES)
    assert options is not None
    assert vars(options) == parser_reads(words)


LEFT_TO_THE_PARSER = [
    ["--help"],
    ["-h"],
    ["--version"],
    ["list"],
    ["--no-voice", "list", "--json"],
    ["--data", "/tmp/d"],  # an abbreviation
    ["--data-dir=/tmp/d"],
    ["--data-dir"],
    ["--data-dir", "--no-voice"],
    ["--speed", "0"],
    ["--speed", "fast"],
    ["--speed", "nan"],
    ["--speed", "-1"],
    ["--language", "xx"],
    ["--no-voice", "--no-voice"],
    ["--routine", "a", "--routine", "b"],
    ["--", "--no-voice"],
    ["--for", "knees"],
]


@pytest.mark.parametrize("words", LEFT_TO_THE_PARSER)
def test_anything_else_is_left_to_the_parser(words: list[str]):
    assert plain_window_options(words, LANGUAGES) is None


WORDS = st.lists(
    st.sampled_from(
        [
            "--no-voice",
            "--background",
            "--data-dir",
            "--routine",
            "--language",
            "--speed",
            "--cue-log",
            "--data",
            "--lang",
            "--speed=2",
            "list",
            "de",
            "xx",
            "2",
            "0.01",
            "inf",
            "-3",
            "-",
            "--",
            "",
            "/tmp/d",
            "desk-break",
        ]
    ),
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(WORDS)
def test_whatever_is_read_without_the_parser_is_what_the_parser_reads(words: list[str]):
    options = plain_window_options(words, LANGUAGES)
    if options is not None:
        assert vars(options) == parser_reads(words)


def test_the_window_opened_with_plain_options_never_builds_the_parser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    words = ["--data-dir", str(tmp_path / "data"), "--no-voice"]
    expected = parser_reads(words)
    opened: list[dict[str, Any]] = []

    def run_app(
        options: object, root: Path, methods: object = None, collector: object = None
    ) -> int:
        opened.append(vars(options))
        return 0

    def no_parser(*args: object, **kwargs: object) -> None:
        raise AssertionError("the parser was built")

    monkeypatch.setattr(cli_parser, "build_parser", no_parser)
    monkeypatch.setattr("backcare_desktop.ui.app.run_app", run_app)
    monkeypatch.setattr(
        "backcare_desktop.ui.single_instance.hand_over_to_running", lambda *args: False
    )
    monkeypatch.setenv("DISPLAY", ":0")
    assert cli.main(words, io.StringIO(), io.StringIO()) == 0
    assert opened == [expected]


def test_a_command_still_goes_through_the_parser(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit):
        cli.main(["--no-voice", "--speed", "0"])
    said = capsys.readouterr().err
    assert "usage: backcare" in said
    assert "'0' is out of range" in said
