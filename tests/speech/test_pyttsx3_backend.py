"""The pyttsx3 speaker: a real worker process, a stand-in sound card, real espeak-ng."""

from __future__ import annotations

import itertools
import os
import signal
import sys
import wave
from pathlib import Path

import pytest

from backcare_desktop.speech.base import (
    Speaker,
    SpeakerStatus,
    SpeechDropped,
    SpeechFailed,
    SpeechFinished,
    SpeechStarted,
    VoiceSettings,
)

from .conftest import EventLog, needs_espeak, wait_dead

pytestmark = pytest.mark.slow

LONG = (
    "Breathe in slowly through your nose, let your belly rise, and feel your lower "
    "back soften against the floor"
)


def _ready(event: object) -> bool:
    return isinstance(event, SpeakerStatus) and event.ready


def _given_up(event: object) -> bool:
    return isinstance(event, SpeakerStatus) and not event.available


def _finished(cue_id: int):
    return lambda e: isinstance(e, SpeechFinished) and e.cue_id == cue_id


def _started(cue_id: int):
    return lambda e: isinstance(e, SpeechStarted) and e.cue_id == cue_id


# -- falling back to silence ----------------------------------------------------------


def test_falls_back_to_silent_when_the_worker_exits_at_once(make_speaker):
    log = EventLog()
    speaker = make_speaker(command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    speaker.subscribe(log)
    assert isinstance(speaker, Speaker)
    status = log.wait_for(_given_up)
    assert not speaker.available
    assert speaker.reason == status.reason
    assert "sudo apt install libespeak-ng1 alsa-utils" in status.reason
    # It tried again before giving up, and said so.
    assert len(log.of(SpeechFailed)) == 2
    speaker.say("Breathe in", 1)  # a silent speaker takes cues and says nothing
    speaker.cut()


def test_falls_back_to_silent_when_pyttsx3_init_raises(make_speaker, tmp_path: Path):
    # A pyttsx3 whose init() fails the way the real one does when libespeak-ng is missing.
    fake = tmp_path / "fake" / "pyttsx3"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "def init(*args, **kwargs):\n"
        "    raise RuntimeError('This means you probably do not have eSpeak or eSpeak-ng "
        "installed!')\n"
    )
    log = EventLog()
    speaker = make_speaker(env={"PYTHONPATH": str(fake.parent)})
    speaker.subscribe(log)
    status = log.wait_for(_given_up)
    assert "No speech engine found" in status.reason
    assert "libespeak-ng1" in status.reason
    assert "do not have eSpeak" in status.reason  # the engine's own words, for a bug report
    # A missing engine is not a crash: no restarts, no "restarting" messages.
    assert log.of(SpeechFailed) == []


def test_the_reason_names_the_error_when_the_worker_cannot_run(make_speaker):
    log = EventLog()
    speaker = make_speaker(
        command=[sys.executable, "-m", "backcare_no_such_module"], max_failures=1
    )
    speaker.subscribe(log)
    status = log.wait_for(_given_up)
    assert "No module named backcare_no_such_module" in status.reason


def test_falls_back_when_the_command_does_not_exist(make_speaker, tmp_path: Path):
    log = EventLog()
    speaker = make_speaker(command=[str(tmp_path / "no-such-python")])
    speaker.subscribe(log)
    status = log.wait_for(_given_up)
    assert "cannot start the speech worker" in status.reason


def test_a_worker_that_never_gets_ready_counts_as_a_failure(make_speaker):
    log = EventLog()
    hang = [sys.executable, "-c", "import time; time.sleep(60)"]
    speaker = make_speaker(command=hang, ready_timeout=0.2, max_failures=1)
    speaker.subscribe(log)
    log.wait_for(_given_up)
    assert not speaker.available


@needs_espeak
def test_no_audio_player_means_silent_with_the_package_to_install(make_speaker, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    log = EventLog()
    speaker = make_speaker(env={"PATH": str(empty)})
    speaker.subscribe(log)
    status = log.wait_for(_given_up)
    assert "alsa-utils" in status.reason
    assert "aplay" in status.reason


# -- starting later (issue 18: no worker while the voice is off) --------------------------


def _marking_worker(marker: Path) -> list[str]:
    """A worker command that leaves a file behind each time it is started, then exits."""
    return [sys.executable, "-c", f"open({str(marker)!r}, 'a').write('started\\n')"]


def test_without_autostart_no_worker_runs_until_start(make_speaker, tmp_path: Path):
    marker, control = tmp_path / "started", tmp_path / "control"
    speaker = make_speaker(command=_marking_worker(marker), autostart=False, max_failures=1)
    speaker.configure(VoiceSettings(rate=150))
    speaker.cut()
    speaker.drop_queued()
    # Made after it, one that starts at once: by the time its worker has left its mark,
    # a worker started with the first speaker would have left one too.
    make_speaker(command=_marking_worker(control), max_failures=1)
    _wait_until(control.exists)
    assert not marker.exists()
    assert speaker.worker_pid is None
    assert not speaker.ready
    speaker.start()
    _wait_until(marker.exists)


def test_start_starts_the_worker_once(make_speaker, tmp_path: Path):
    marker = tmp_path / "started"
    log = EventLog()
    speaker = make_speaker(command=_marking_worker(marker), autostart=False, max_failures=1)
    speaker.subscribe(log)
    speaker.start()
    speaker.start()
    log.wait_for(_given_up)  # the stand-in exits at once: one failure is the limit here
    assert marker.read_text() == "started\n"


@needs_espeak
def test_a_cue_before_start_starts_the_worker_and_is_spoken(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env(), autostart=False)
    speaker.subscribe(log)
    speaker.say("Breathe in", 1)
    speaker.say("Breathe out", 2)
    assert log.wait_for(_finished(1)).completed
    assert log.wait_for(_finished(2)).completed
    assert log.of(SpeechStarted) == [SpeechStarted(1), SpeechStarted(2)]
    assert len(sound_card.plays()) == 2


# -- real speech ------------------------------------------------------------------------


@needs_espeak
def test_speaks_a_cue_into_a_wav_file(make_speaker, sound_card, tmp_path: Path):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    wav = tmp_path / "cue.wav"
    speaker.save_to_file("Exhale as you flex the spine", wav, 7)
    done = log.wait_for(_finished(7))
    assert done.completed
    with wave.open(str(wav)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        seconds = w.getnframes() / w.getframerate()
    # Five words of real speech: the note measured 1.29 s for four at the default rate.
    assert 0.8 < seconds < 4.0
    assert sound_card.plays() == []  # written, not played


@needs_espeak
def test_rate_changes_the_length_of_speech(make_speaker, sound_card, tmp_path: Path):
    log = EventLog()
    speaker = make_speaker(VoiceSettings(rate=120), env=sound_card.env())
    speaker.subscribe(log)
    slow, fast = tmp_path / "slow.wav", tmp_path / "fast.wav"
    speaker.save_to_file("Breathe out and round your back up", slow, 1)
    log.wait_for(_finished(1))
    speaker.configure(VoiceSettings(rate=280))
    speaker.save_to_file("Breathe out and round your back up", fast, 2)
    log.wait_for(_finished(2))

    def length(path: Path) -> float:
        with wave.open(str(path)) as w:
            return w.getnframes() / w.getframerate()

    assert length(slow) > 1.5 * length(fast)


@needs_espeak
def test_lists_the_engine_voices(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    status = log.wait_for(_ready)
    assert status.voices == speaker.voices
    ids = {v.id for v in speaker.voices}
    assert any(i.endswith("/en") or i.startswith("en") for i in ids), sorted(ids)[:10]


@needs_espeak
def test_speaks_cues_one_at_a_time_in_order(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    for cue_id, text in enumerate(["Breathe in", "Breathe out", "Three", "Two", "One"], 1):
        speaker.say(text, cue_id)
    log.wait_for(_finished(5))
    speech = [e for _, e in log.events if isinstance(e, SpeechStarted | SpeechFinished)]
    expected = []
    for cue_id in range(1, 6):
        expected += [SpeechStarted(cue_id), SpeechFinished(cue_id, True)]
    assert speech == expected
    plays = sound_card.plays()
    assert len(plays) == 5
    # Serialised: each WAV starts after the previous one has finished playing.
    for (_, start, seconds), (_, next_start, _) in itertools.pairwise(plays):
        assert next_start >= start + seconds


@needs_espeak
def test_cut_silences_the_cue_at_once_and_the_next_one_is_spoken(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    speaker.say(LONG, 1)
    speaker.say("This one waits and is dropped", 2)
    log.wait_for(_started(1))
    first_worker = speaker.worker_pid
    assert first_worker is not None
    # Wait until the stand-in sound card is playing the cue, then cut.
    _wait_until(lambda: len(sound_card.plays()) == 1)
    player_pid = sound_card.plays()[0][0]
    speaker.cut()
    assert log.wait_for(_finished(1)) == SpeechFinished(1, completed=False)
    assert log.of(SpeechDropped) == [SpeechDropped(2)]
    assert wait_dead(player_pid), "the player kept sounding the cut cue"
    assert wait_dead(first_worker)
    speaker.say("Switch sides", 3)
    assert log.wait_for(_finished(3)).completed
    assert speaker.worker_pid not in (None, first_worker)
    assert _started(2) not in log.events


@needs_espeak
def test_cut_when_nothing_is_said_keeps_the_worker(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    log.wait_for(_ready)
    pid = speaker.worker_pid
    speaker.cut()
    speaker.say("Inhale", 1)
    log.wait_for(_finished(1))
    assert speaker.worker_pid == pid


@needs_espeak
def test_drop_queued_keeps_the_current_cue(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    log.wait_for(_ready)
    speaker.say("Hold the stretch", 1)
    speaker.say("Stale", 2)
    speaker.say("Stale too", 3)
    speaker.drop_queued()
    assert log.wait_for(_finished(1)).completed
    assert log.of(SpeechDropped) == [SpeechDropped(2), SpeechDropped(3)]
    assert [e.cue_id for e in log.of(SpeechStarted)] == [1]


@needs_espeak
def test_cues_said_while_the_engine_starts_wait_for_it(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    speaker.say("Cat stretch", 1)  # at once: the worker is not ready yet
    assert log.wait_for(_finished(1)).completed
    kinds = [type(e) for _, e in log.events]
    assert kinds.index(SpeakerStatus) < kinds.index(SpeechStarted)


@needs_espeak
def test_a_dying_engine_is_restarted_and_says_so(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    speaker.say(LONG, 1)
    log.wait_for(_started(1))
    pid = speaker.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # the worker alone, as a crash would
    assert log.wait_for(_finished(1)) == SpeechFinished(1, completed=False)
    failed = log.wait_for(lambda e: isinstance(e, SpeechFailed))
    assert "restarting" in failed.message
    speaker.say("Breathe out", 2)
    assert log.wait_for(_finished(2)).completed
    assert speaker.available
    # The orphaned player of the crashed worker was stopped too.
    assert all(wait_dead(p) for p, _, _ in sound_card.plays())


@needs_espeak
def test_shutdown_leaves_no_process_and_no_temporary_files(make_speaker, sound_card):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env())
    speaker.subscribe(log)
    speaker.say(LONG, 1)
    _wait_until(lambda: len(sound_card.plays()) == 1)
    worker, player = speaker.worker_pid, sound_card.plays()[0][0]
    tempdir = speaker._tempdir
    assert worker is not None and tempdir is not None and tempdir.exists()
    speaker.shutdown()
    assert wait_dead(worker) and wait_dead(player)
    assert not tempdir.exists()
    speaker.say("ignored after shutdown", 2)


def _wait_until(condition, timeout: float = 15.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.01)


@needs_espeak
def test_no_sound_device_is_reported_once(make_speaker, tmp_path: Path):
    # aplay without a sound card: it complains on stderr and exits, and pyttsx3 still
    # reports the cue as spoken.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    aplay = bin_dir / "aplay"
    aplay.write_text(
        "#!/bin/sh\necho 'aplay: main:831: audio open error: No such file or "
        "directory' >&2\nexit 1\n"
    )
    aplay.chmod(0o755)
    log = EventLog()
    speaker = make_speaker(env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    speaker.subscribe(log)
    speaker.say("Breathe in", 1)
    speaker.say("Breathe out", 2)
    log.wait_for(_finished(2))
    failed = log.wait_for(lambda e: isinstance(e, SpeechFailed))
    assert "no sound output" in failed.message
    assert "audio open error" in failed.message
    assert len(log.of(SpeechFailed)) == 1
    assert speaker.available  # a sound card may be plugged in later


@needs_espeak
def test_a_worker_that_stops_answering_is_restarted_and_the_next_cue_spoken(
    make_speaker, sound_card
):
    log = EventLog()
    speaker = make_speaker(env=sound_card.env(), start_deadline=0.5)
    speaker.subscribe(log)
    log.wait_for(_ready)
    pid = speaker.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)  # alive, but it will never answer again
    speaker.say("Breathe in", 1)
    assert log.wait_for(_finished(1)) == SpeechFinished(1, completed=False)
    failed = log.wait_for(lambda e: isinstance(e, SpeechFailed))
    assert "stopped answering" in failed.message
    assert "restarting" in failed.message
    assert wait_dead(pid)
    speaker.say("Breathe out", 2)
    assert log.wait_for(_finished(2)).completed
    assert speaker.worker_pid != pid


def test_a_worker_that_keeps_not_answering_ends_in_captions_with_a_reason(make_speaker):
    log = EventLog()
    # Says it is ready, then never answers a cue.
    mute = [
        sys.executable,
        "-c",
        "import sys, json; print(json.dumps({'ev': 'ready', 'voices': []}), flush=True); "
        "[None for _ in sys.stdin]",
    ]
    speaker = make_speaker(command=mute, start_deadline=0.2, max_failures=2)
    speaker.subscribe(log)
    for cue_id in (1, 2):  # each waits for the (restarted) worker, which never answers
        speaker.say("Breathe in", cue_id)
        assert log.wait_for(_finished(cue_id)) == SpeechFinished(cue_id, completed=False)
    status = log.wait_for(_given_up)
    assert "kept stopping" in status.reason
    assert not speaker.available
