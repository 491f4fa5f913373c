"""The speaker made when the voice is first wanted (issue 18: a muted session never loads
the speech backend)."""

from __future__ import annotations

from backcare_desktop.speech.base import SpeakerStatus, SpeechEvent, VoiceInfo, VoiceSettings
from backcare_desktop.speech.narrator import Narrator
from backcare_desktop.speech.on_demand import SpeakerOnDemand
from backcare_desktop.speech.recording import RecordingSpeaker


class Maker:
    """Makes one RecordingSpeaker when asked, and counts the asking."""

    def __init__(self) -> None:
        self.made: list[RecordingSpeaker] = []

    def __call__(self) -> RecordingSpeaker:
        voices = (VoiceInfo("v1", "Voice one", ("en",)),)
        self.made.append(RecordingSpeaker(voices=voices))
        return self.made[-1]


def test_nothing_is_made_until_a_start_or_a_cue():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    speaker.cut()
    speaker.drop_queued()
    speaker.configure(VoiceSettings(rate=190))
    # What a backend says before it has tried anything.
    assert (speaker.available, speaker.ready, speaker.reason, speaker.voices) == (
        True,
        False,
        None,
        (),
    )
    assert (speaker.made, maker.made) == (False, [])
    speaker.start()
    assert speaker.made
    assert len(maker.made) == 1
    assert maker.made[0].starts == 1
    speaker.say("Breathe in", 7)
    assert len(maker.made) == 1  # made once
    assert maker.made[0].texts == ["Breathe in"]
    assert speaker.voices == maker.made[0].voices


def test_a_cue_makes_it_and_is_said():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    speaker.say("Exhale as you flex", 1)
    assert [s.text for s in maker.made[0].spoken] == ["Exhale as you flex"]


def test_settings_given_before_it_was_made_reach_it():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    chosen = VoiceSettings(voice_id="v1", rate=150)
    speaker.configure(chosen)
    speaker.start()
    assert maker.made[0].settings == [chosen]
    later = VoiceSettings(rate=210)
    speaker.configure(later)
    assert maker.made[0].settings == [chosen, later]


def test_listeners_from_before_it_was_made_hear_it_and_can_leave():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    heard: list[SpeechEvent] = []
    left: list[SpeechEvent] = []
    speaker.subscribe(heard.append)
    leave = speaker.subscribe(left.append)
    leave()
    speaker.start()
    maker.made[0].set_status(False, "no voice here")
    assert heard == [SpeakerStatus(False, False, "no voice here", maker.made[0].voices)]
    assert left == []
    assert (speaker.available, speaker.reason) == (False, "no voice here")


def test_shut_down_before_it_was_made_it_never_is():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    speaker.shutdown()
    speaker.start()
    speaker.say("Too late", 1)
    assert maker.made == []


def test_shut_down_after_it_was_made_shuts_the_backend():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    speaker.start()
    speaker.cut()
    speaker.shutdown()
    assert len(maker.made[0].cuts) == 1
    assert maker.made[0].closed


def test_a_muted_narrator_makes_no_backend_until_unmuted():
    maker = Maker()
    speaker = SpeakerOnDemand(maker)
    narrator = Narrator(speaker, muted=True)
    narrator.set_muted(True)
    assert not speaker.made
    narrator.set_muted(False)  # the worker gets ready at unmute, as before
    assert speaker.made
    assert maker.made[0].starts == 1
