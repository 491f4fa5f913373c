"""The measured cue table: complete and current, and the tool that makes it."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest

from backcare_desktop.core.library import Library
from backcare_desktop.tools import cue_table

REGENERATE = "python -m backcare_desktop.tools.cue_table"


def wav(samples: list[int], rate: int = 1000) -> bytes:
    data = struct.pack(f"<{len(samples)}h", *samples)
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data"
    return (
        b"RIFF"
        + struct.pack("<I", 4 + len(chunks) + 4 + len(data))
        + b"WAVE"
        + chunks
        + (struct.pack("<I", len(data)) + data)
    )


def test_the_table_holds_every_cue_the_shipped_files_can_produce(presets: Library) -> None:
    missing, extra = cue_table.stale(presets, presets.durations)
    assert sorted(missing) == [], f"the cue table is stale: run {REGENERATE}"
    assert sorted(extra) == [], f"the cue table is stale: run {REGENERATE}"


def test_count_prefixed_forms_are_in_the_table(presets: Library) -> None:
    table = presets.durations.seconds
    assert "3 of 8. Breathe out, round your back up" in table
    assert "12 of 12. Breathe in, sit back, arms up" in table
    assert "2 of 3. Breathe out, left knee to your chest" in table


def test_a_new_cue_makes_the_table_stale(presets: Library) -> None:
    fewer = {k: v for k, v in presets.durations.seconds.items() if k != "Halfway"}
    missing, _ = cue_table.stale(presets, type(presets.durations)(fewer))
    assert missing == {"Halfway"}


def test_trailing_silence_is_not_counted() -> None:
    # 0.5 s of sound then 0.5 s of near-silence (under 1 % of full scale).
    samples = [8000, -8000] * 250 + [100, -100] * 250
    assert cue_table._wav_speech_seconds(wav(samples)) == pytest.approx(0.5)


def test_not_a_wav_is_an_error() -> None:
    with pytest.raises(ValueError, match="WAV"):
        cue_table._wav_speech_seconds(b"nonsense")


def test_check_says_what_is_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "table.json"
    out.write_text(json.dumps({"format": 1, "seconds": {"Old cue": 1.0}}), encoding="utf-8")
    assert cue_table.main(["--check", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no shipped file says 'Old cue'" in err
    assert "no length for the cue 'Halfway'" in err
    assert REGENERATE in err


def test_check_passes_on_the_shipped_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert cue_table.main(["--check"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize(
    "text",
    ["3", "Halfway", "3 of 8. Breathe out, round your back up", "Switch to the left side"],
)
def test_the_table_matches_a_fresh_measurement(presets: Library, text: str) -> None:
    assert cue_table.measure(text) == pytest.approx(presets.durations.seconds[text], abs=0.05)
