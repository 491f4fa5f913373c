"""The back profile stored with the settings: round trip, and damaged values dropped."""

from __future__ import annotations

import json

from backcare_desktop.storage.settings import Settings, SettingsStore


def test_the_profile_round_trips_through_the_file(tmp_path):
    store = SettingsStore(tmp_path / "settings.json")
    chosen = Settings(
        profile_body=("knee-problems", "pregnancy"), profile_pain="leaning-back", profile_asked=True
    )
    store.save(chosen)
    loaded = store.load()
    assert loaded == chosen
    assert loaded.profile.conditions == ("knee-problems", "pregnancy", "pain-leaning-back")


def test_unknown_conditions_and_patterns_in_the_file_are_dropped(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "profile_body": ["knee-problems", "<script>", "pain-bending-forward"],
                "profile_pain": "sideways",
            }
        ),
        encoding="utf-8",
    )
    loaded = SettingsStore(path).load()
    assert loaded.profile_body == ("knee-problems",)
    assert loaded.profile_pain == "none"
    assert loaded.profile.conditions == ("knee-problems",)


def test_a_profile_of_the_wrong_type_is_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"profile_body": "knee-problems", "weekly_goal": 4}))
    loaded = SettingsStore(path).load()
    assert (loaded.profile_body, loaded.weekly_goal) == ((), 4)
