"""Which voice speaks the chosen language: the voice list ordered, and one picked.

espeak-ng names its voices' languages "de", "es", "es-419", "fr-fr", "fr-be"; SAPI and
NSSpeechSynthesizer use "de_DE" or "de-DE". A voice speaks `de` when its language code,
before any region, is `de`; among those the plain or home-country voice comes first (the
cue tables are measured with espeak-ng's "de", "es" and "fr-fr").
"""

from __future__ import annotations

from collections.abc import Iterable

from backcare_desktop.speech.base import VoiceInfo

# The region each language's own voice is named with (espeak-ng "fr-fr", SAPI "de-DE").
HOME_REGIONS = {"en": ("gb",), "de": ("de",), "es": ("es",), "fr": ("fr",)}


def _split(code: str) -> tuple[str, str]:
    base, _, region = code.replace("_", "-").lower().partition("-")
    return base, region


def _rank(voice: VoiceInfo, language: str) -> int | None:
    """0: the language with no region or its home region; 1: another region; None: other."""
    best: int | None = None
    for code in voice.languages:
        base, region = _split(code)
        if base != language:
            continue
        rank = 0 if not region or region in HOME_REGIONS.get(language, ()) else 1
        best = rank if best is None else min(best, rank)
    return best


def ordered_voices(voices: Iterable[VoiceInfo], language: str) -> list[VoiceInfo]:
    """The voices of `language` first (best first), then the rest, each group by name."""

    def key(voice: VoiceInfo) -> tuple[int, str]:
        rank = _rank(voice, language)
        return (2 if rank is None else rank, voice.name.casefold())

    return sorted(voices, key=key)


def best_voice(voices: Iterable[VoiceInfo], language: str) -> VoiceInfo | None:
    """The voice to speak `language` with when the person chose none, or None if no voice
    speaks it (then the engine's default is kept, and the captions carry the words)."""
    listed = ordered_voices(voices, language)
    return listed[0] if listed and _rank(listed[0], language) is not None else None
