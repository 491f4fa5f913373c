"""The voice of the chosen language: listed first, and picked when none was chosen."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pytest

from backcare_desktop.speech.base import VoiceInfo
from backcare_desktop.speech.voices import best_voice, ordered_voices
from backcare_desktop.speech.worker import Worker

# As espeak-ng lists them through pyttsx3 (ids, names and languages as measured here).
ESPEAK = [
    VoiceInfo("gmw/af", "Afrikaans", ("af",)),
    VoiceInfo("gmw/en", "English (Great Britain)", ("en-gb",)),
    VoiceInfo("gmw/en-US", "English (America)", ("en-us",)),
    VoiceInfo("gmw/de", "German", ("de",)),
    VoiceInfo("roa/es-419", "Spanish (Latin America)", ("es-419",)),
    VoiceInfo("roa/es", "Spanish (Spain)", ("es",)),
    VoiceInfo("roa/fr-be", "French (Belgium)", ("fr-be",)),
    VoiceInfo("roa/fr", "French (France)", ("fr-fr",)),
]


@pytest.mark.parametrize(
    ("language", "voice_id"),
    [("de", "gmw/de"), ("es", "roa/es"), ("fr", "roa/fr"), ("en", "gmw/en")],
)
def test_the_language_s_own_voice_is_picked(language: str, voice_id: str) -> None:
    found = best_voice(ESPEAK, language)
    assert found is not None
    assert found.id == voice_id


def test_the_chosen_language_s_voices_come_first() -> None:
    names = [v.name for v in ordered_voices(ESPEAK, "fr")]
    assert names[:2] == ["French (France)", "French (Belgium)"]
    assert names[2:] == sorted(names[2:], key=str.casefold)


def test_windows_style_codes_count_too() -> None:
    sapi = [VoiceInfo("david", "David", ("en-US",)), VoiceInfo("hedda", "Hedda", ("de_DE",))]
    found = best_voice(sapi, "de")
    assert found is not None
    assert found.id == "hedda"


def test_no_voice_of_the_language_keeps_the_default() -> None:
    assert best_voice([VoiceInfo("gmw/en", "English", ("en-gb",))], "de") is None


@dataclass
class FakeEngine:
    voices: list[Any]
    props: dict[str, Any] = field(default_factory=dict)

    def connect(self, name: str, callback: object) -> None:
        pass

    def getProperty(self, key: str) -> Any:
        return self.voices if key == "voices" else self.props.get(key)

    def setProperty(self, key: str, value: Any) -> None:
        self.props[key] = value


class Report:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    def send(self, **fields: Any) -> None:
        self.sent.append(fields)


def engine_of(voices: list[VoiceInfo]) -> FakeEngine:
    return FakeEngine(
        [SimpleNamespace(id=v.id, name=v.name, languages=v.languages) for v in voices]
    )


def test_the_worker_speaks_german_with_the_german_voice_when_none_was_chosen() -> None:
    engine = engine_of(ESPEAK)
    Worker(engine, Report()).configure({"op": "configure", "voice": None, "language": "de"})  # type: ignore[arg-type]
    assert engine.props["voice"] == "gmw/de"


def test_a_voice_the_person_chose_is_kept_whatever_the_language() -> None:
    engine = engine_of(ESPEAK)
    Worker(engine, Report()).configure(  # type: ignore[arg-type]
        {"op": "configure", "voice": "roa/fr-be", "language": "de"}
    )
    assert engine.props["voice"] == "roa/fr-be"
