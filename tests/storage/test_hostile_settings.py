"""settings.json that is broken, hostile or out of range: kept aside and said, or
brought into the ranges the Settings dialog offers; never a crash, never lost."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import fields
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare_desktop.storage.settings import (
    VOICE_RATE_RANGE,
    WEEKLY_GOAL_RANGE,
    Settings,
    SettingsStore,
)


@pytest.fixture
def store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.json")


@pytest.mark.parametrize(
    "content",
    [
        b'{"weekly_goal": 4,}',  # one syntax error
        b"[" * 5000 + b"]" * 5000,  # deep nesting
        b"\xff\xfe{\x00}\x00",  # UTF-16
        b'"just text"',
        b"x" * (64 * 1024),  # over the size cap
    ],
    ids=["syntax", "deep", "utf16", "not-an-object", "huge"],
)
def test_a_broken_file_is_kept_beside_and_said(store: SettingsStore, content: bytes):
    store.path.write_bytes(content)
    assert store.load() == Settings()
    (kept,) = store.path.parent.glob("settings.broken-*.json")
    assert kept.read_bytes() == content
    assert store.problem is not None
    assert str(kept) in store.problem
    assert "defaults are used" in store.problem
    # Saving afterwards writes a fresh file and leaves the kept one alone.
    store.save(Settings(weekly_goal=4))
    assert store.load().weekly_goal == 4
    assert store.problem is None
    assert kept.read_bytes() == content


def test_a_fifo_is_refused_without_blocking(store: SettingsStore):
    os.mkfifo(store.path)
    assert store.load() == Settings()
    assert "named pipe" in (store.problem or "")


def test_out_of_range_values_are_clamped_to_the_dialogs_ranges(store: SettingsStore):
    store.path.write_text(
        '{"weekly_goal": 100000000000000000000000, "voice_rate": 5000000,'
        ' "voice_volume": NaN, "voice_id": "' + "v" * 1000 + '"}'
    )
    settings = store.load()
    assert settings.weekly_goal == WEEKLY_GOAL_RANGE[1]
    assert settings.voice_rate == VOICE_RATE_RANGE[1]
    assert settings.voice_volume == Settings().voice_volume
    assert settings.voice_id is None
    assert store.problem is None  # nothing was lost: the file is still there
    assert store.path.exists()


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("weekly_goal", 0, WEEKLY_GOAL_RANGE[0]),
        ("weekly_goal", -3, WEEKLY_GOAL_RANGE[0]),
        ("voice_rate", 1, VOICE_RATE_RANGE[0]),
        ("voice_volume", 7.5, 1.0),
        ("voice_volume", -1, 0.0),
        ("voice_volume", float("inf"), 1.0),
    ],
)
def test_each_range_is_clamped(store: SettingsStore, field: str, value, expected):
    store.path.write_text(json.dumps({field: value}))
    assert getattr(store.load(), field) == expected


@settings(max_examples=150, deadline=timedelta(seconds=2))
@given(
    st.binary(max_size=2048)
    | st.text(max_size=400).map(str.encode)
    | st.dictionaries(
        st.sampled_from([f.name for f in fields(Settings)]),
        st.none()
        | st.booleans()
        | st.integers(min_value=-(10**30), max_value=10**30)
        | st.floats()
        | st.text(max_size=40),
    ).map(lambda d: json.dumps(d).encode())
)
def test_any_bytes_give_settings_never_an_error(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        store = SettingsStore(Path(folder) / "settings.json")
        store.path.write_bytes(data)
        loaded = store.load()
        assert isinstance(loaded, Settings)
        assert WEEKLY_GOAL_RANGE[0] <= loaded.weekly_goal <= WEEKLY_GOAL_RANGE[1]
        assert VOICE_RATE_RANGE[0] <= loaded.voice_rate <= VOICE_RATE_RANGE[1]
        assert 0.0 <= loaded.voice_volume <= 1.0
        # Nothing lost: either the file is still there or it was kept aside.
        assert len(list(Path(folder).iterdir())) == 1
