"""The options of a launch that opens the window, read without argparse when they are plain.

Building the translated parser (every command's options and help) costs more than the
rest of reading the command line; a person's launch is `backcare`, or the window with an
option or two (issue 18). `plain_window_options` reads only what it can read exactly as
`cli_parser.build_parser` would, and gives the same values argparse gives. Anything else
(a command, --help, an abbreviated option, `--opt=value`, a value argparse would refuse
or read as an option, an option twice) is left to argparse, so every error and every help
text stays argparse's own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

# Slower than a tenth makes a 5-minute routine last an hour; faster than 1000 makes a
# rep shorter than the 30 ms the window redraws in, so the session is a blur of 0 s steps.
MIN_SPEED = 0.1
MAX_SPEED = 1000.0


class WindowOptions(Protocol):
    """What opening the window reads of the command line (argparse's Namespace has it)."""

    data_dir: Path | None
    routine: str | None
    language: str | None
    speed: float
    no_voice: bool
    cue_log: Path | None
    background: bool


class PlainOptions:
    """The attributes argparse's Namespace has for a launch without a command."""

    def __init__(self) -> None:
        self.data_dir: Path | None = None
        self.routine: str | None = None
        self.language: str | None = None
        self.speed = 1.0
        self.no_voice = False
        self.cue_log: Path | None = None
        self.command: str | None = None
        self.background = False


def language_option(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """(--language, --data-dir) as typed, read before the translated parser exists.

    argparse takes an unambiguous prefix of an option (`--lang de`), so this does too.
    """
    found: dict[str, str | None] = {"--language": None, "--data-dir": None}
    words = list(argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        name, equals, value = word.partition("=")
        for option in found:
            if len(name) >= 4 and option.startswith(name):
                if equals:
                    found[option] = value
                elif index + 1 < len(words):
                    found[option] = words[index + 1]
    return found["--language"], found["--data-dir"]


def speed_value(text: str) -> float | None:
    """`--speed`'s value, None when it is not a number in range (argparse then says so)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and MIN_SPEED <= value <= MAX_SPEED else None


def plain_window_options(words: Sequence[str], languages: Sequence[str]) -> PlainOptions | None:
    """The window's options as argparse would read them, or None: argparse must read them."""
    options = PlainOptions()
    flags = {"--no-voice": "no_voice", "--background": "background"}
    valued: dict[str, tuple[str, Callable[[str], object]]] = {
        "--data-dir": ("data_dir", Path),
        "--routine": ("routine", str),
        "--language": ("language", lambda code: code if code in languages else None),
        "--speed": ("speed", speed_value),
        "--cue-log": ("cue_log", Path),
    }
    seen: set[str] = set()
    index = 0
    while index < len(words):
        word = words[index]
        if word in seen:
            return None
        seen.add(word)
        if word in flags:
            setattr(options, flags[word], True)
            index += 1
            continue
        if word not in valued or index + 1 == len(words):
            return None
        text = words[index + 1]
        # argparse reads a word that starts with "-" as an option (or an error).
        if text.startswith("-"):
            return None
        name, convert = valued[word]
        value = convert(text)
        if value is None:
            return None
        setattr(options, name, value)
        index += 2
    return options
