"""What to tell a person whose voice is off: why, and what to install on their system."""

from __future__ import annotations

import sys

_HOW_TO_INSTALL = {
    "linux": (
        "On Debian/Ubuntu: sudo apt install libespeak-ng1 alsa-utils. "
        "On Fedora: sudo dnf install espeak-ng alsa-utils."
    ),
    "darwin": (
        "macOS has a speech engine built in; reinstall BackCare's speech support "
        "(pip install pyttsx3 pyobjc)."
    ),
    "win32": (
        "Windows has a speech engine built in (SAPI5); reinstall BackCare's speech support "
        "(pip install pyttsx3 pywin32 comtypes)."
    ),
}


def how_to_install(platform: str | None = None) -> str:
    """The install hint for `platform` (a sys.platform value; this machine's by default)."""
    platform = sys.platform if platform is None else platform
    key = "linux" if platform.startswith("linux") else platform
    return _HOW_TO_INSTALL.get(key, _HOW_TO_INSTALL["linux"])


def no_engine(detail: str | None = None, platform: str | None = None) -> str:
    text = "No speech engine found, so cues are shown as captions only. "
    text += how_to_install(platform)
    if detail:
        text += f" (Details: {detail})"
    return text


def no_player(platform: str | None = None) -> str:
    # pyttsx3's espeak driver plays each cue with `aplay`; without it speech is silent
    # but reports success, so the app must say so itself.
    del platform
    return (
        "The speech engine works but there is no audio player (aplay), so cues are shown "
        "as captions only. On Debian/Ubuntu: sudo apt install alsa-utils. "
        "On Fedora: sudo dnf install alsa-utils."
    )


def no_sound_device(detail: str | None = None) -> str:
    text = (
        "The voice cannot be heard: no sound output was found. Check that speakers or "
        "headphones are connected and not muted; the captions show every cue meanwhile."
    )
    if detail:
        text += f" (Details: {detail})"
    return text


def keeps_failing(detail: str | None = None) -> str:
    text = "The speech engine kept stopping, so cues are shown as captions only."
    if detail:
        text += f" (Last error: {detail})"
    return text


TURNED_OFF = "The voice is turned off; cues are shown as captions."
