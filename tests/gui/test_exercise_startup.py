"""The exercise files at start-up (issue 18, round 3): with the summaries' cache warm, no
exercise file is parsed before the home window's first paint, so neither the TOML parser
nor the exercise rules are loaded; a file changed since is parsed and its problem shown."""

from __future__ import annotations

from pathlib import Path

from tests.core.test_library import GOOD_EXERCISE
from tests.gui.test_startup_cost import first_paint

# What parsing an exercise file needs, and nothing listing one from the cache does.
EXERCISE_PARSING = {
    "tomllib",
    "backcare_desktop.core.exercise_file",
    "backcare_desktop.core.schema_extras",
    "backcare_desktop.core.safety",
    "backcare_desktop.core.cue_text",
}


def test_no_exercise_file_is_parsed_before_the_first_paint_with_a_warm_cache(
    tmp_path: Path,
) -> None:
    # The first start (an empty cache) parses every file: the rule can fail.
    assert set(first_paint(tmp_path, "--no-voice")["modules"]) >= EXERCISE_PARSING
    modules = set(first_paint(tmp_path, "--no-voice")["modules"])
    assert "backcare_desktop.core.exercise_index" in modules
    assert modules & EXERCISE_PARSING == set()


def test_an_exercise_file_changed_since_the_cache_is_parsed_before_the_first_paint(
    tmp_path: Path,
) -> None:
    exercises = tmp_path / "data" / "exercises"
    exercises.mkdir(parents=True)
    (exercises / "test-rock.toml").write_text(GOOD_EXERCISE, encoding="utf-8")
    first_paint(tmp_path, "--no-voice")
    assert "tomllib" not in first_paint(tmp_path, "--no-voice")["modules"]
    (exercises / "test-rock.toml").write_text(GOOD_EXERCISE.replace("seconds = 4", "seconds = 5"))
    assert "tomllib" in first_paint(tmp_path, "--no-voice")["modules"]
