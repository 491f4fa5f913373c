"""The reminder chime: generated, soft, and played only with a player that exists."""

from __future__ import annotations

import wave

from backcare_desktop.platform import chime


def test_the_chime_is_a_short_soft_wav(tmp_path):
    path = chime.write_chime(tmp_path / "chime.wav")
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getframerate() == chime.RATE
        assert wav.getnframes() == int(chime.RATE * chime.LENGTH)
    samples = chime.chime_samples()
    assert max(abs(s) for s in samples) <= chime.VOLUME * 32767 * 1.01
    assert abs(samples[-1]) < 0.01 * 32767  # faded out, no click at the end


def test_the_player_is_the_first_one_found(tmp_path, monkeypatch):
    found = {"aplay": "/usr/bin/aplay"}
    monkeypatch.setattr(chime.shutil, "which", found.get)
    wav = tmp_path / "c.wav"
    assert chime.player_argv(wav, "linux") == ["aplay", "-q", str(wav)]
    found["paplay"] = "/usr/bin/paplay"
    assert chime.player_argv(wav, "linux") == ["paplay", str(wav)]
    assert chime.player_argv(wav, "darwin") is None


def test_no_player_means_no_chime_and_no_error(tmp_path, monkeypatch):
    monkeypatch.setattr(chime.shutil, "which", lambda name: None)
    assert chime.Chime(tmp_path).play() is False
    assert (tmp_path / "chime.wav").is_file()
