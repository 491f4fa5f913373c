"""The silent and recording speakers, and the protocol every speaker keeps."""

from __future__ import annotations

import sys

from backcare_desktop.speech import reasons
from backcare_desktop.speech.base import (
    Listeners,
    Speaker,
    SpeechDropped,
    SpeechFinished,
    SpeechStarted,
    VoiceSettings,
)
from backcare_desktop.speech.protocol import decode, encode
from backcare_desktop.speech.recording import RecordingSpeaker
from backcare_desktop.speech.silent import SilentSpeaker


def test_every_backend_is_a_speaker():
    assert isinstance(SilentSpeaker(), Speaker)
    assert isinstance(RecordingSpeaker(), Speaker)


def test_the_silent_speaker_says_why_and_how_to_fix_it():
    speaker = SilentSpeaker()
    assert not speaker.available and not speaker.ready
    assert "sudo apt install libespeak-ng1 alsa-utils" in (speaker.reason or "")
    speaker.say("Breathe in", 1)
    speaker.cut()
    speaker.drop_queued()
    speaker.configure(VoiceSettings(rate=150))
    speaker.shutdown()
    assert SilentSpeaker(reasons.TURNED_OFF).reason == reasons.TURNED_OFF


def test_reasons_name_each_platform_s_remedy():
    assert "dnf install espeak-ng" in reasons.no_engine(platform="linux")
    assert "macOS" in reasons.no_engine(platform="darwin")
    assert "SAPI5" in reasons.no_engine(platform="win32")
    assert "(Details: boom)" in reasons.no_engine("boom", platform="linux")


def test_the_recording_speaker_records_what_and_when():
    now = [5.0]
    speaker = RecordingSpeaker(lambda: now[0])
    events = []
    speaker.subscribe(events.append)
    speaker.say("Breathe in", 1)
    now[0] = 9.0
    speaker.say("Breathe out", 2)
    assert [(s.text, s.cue_id, s.t) for s in speaker.said] == [
        ("Breathe in", 1, 5.0),
        ("Breathe out", 2, 9.0),
    ]
    assert events == [
        SpeechStarted(1),
        SpeechFinished(1, True),
        SpeechStarted(2),
        SpeechFinished(2, True),
    ]


def test_the_recording_speaker_can_hold_a_cue_and_queue_the_rest():
    speaker = RecordingSpeaker(auto_finish=False)
    events = []
    speaker.subscribe(events.append)
    speaker.say("long", 1)
    speaker.say("queued", 2)
    speaker.drop_queued()
    speaker.say("next", 3)
    speaker.cut()
    assert events == [
        SpeechStarted(1),
        SpeechDropped(2),
        SpeechDropped(3),
        SpeechFinished(1, False),
    ]


def test_a_failing_listener_does_not_stop_the_others():
    listeners = Listeners()
    seen = []

    def broken(event) -> None:
        raise RuntimeError("listener bug")

    listeners.add(broken)
    remove = listeners.add(seen.append)
    listeners.emit(SpeechStarted(1))
    remove()
    listeners.emit(SpeechStarted(2))
    assert seen == [SpeechStarted(1)]


def test_protocol_lines_round_trip_and_ignore_stray_output():
    line = encode({"op": "say", "id": 3, "text": "Knee to chest — hold"})
    assert line.endswith("\n") and line.isascii()
    assert decode(line) == {"op": "say", "id": 3, "text": "Knee to chest — hold"}
    assert decode("Audio saved to /tmp/x.wav") is None
    assert decode("{not json") is None
    assert decode("[1, 2]") is None


def test_ci_exercises_real_speech():
    # CI installs libespeak-ng1 so the real backend is tested there; a skipped real-speech
    # test on CI would hide a broken install step.
    import os

    from .conftest import ESPEAK_MISSING

    if os.environ.get("CI") and sys.platform.startswith("linux"):
        assert ESPEAK_MISSING is None, ESPEAK_MISSING
