"""The loader: good files, and each kind of error naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare_desktop.core import errors
from backcare_desktop.core.exercise_file import parse_exercise
from backcare_desktop.core.library import (
    load_library,
)
from backcare_desktop.core.validation import validate_files
from tests.core.test_doses import EXERCISE_IDS

GOOD_EXERCISE = """\
format = 1
id = "test-rock"
name = "Test rock"
position = "all-fours"
equipment = ["mat"]
directions = ["flexion"]
good_for = "Testing."
sources = ["Free your self from back pain"]
setup = "Hands and knees."
steps = ["Rock back.", "Rock forward."]
cautions = []
avoid_if = ["knee-problems"]
start_pose = "all-fours"

[[parts]]
reps = 4
reps_range = [2, 6]

[[parts.phases]]
breath = "exhale"
seconds = 4
pose = "bottom-to-heel"
cue = "Breathe out and rock back"
short = "Out"

[[parts.phases]]
breath = "hold"
breaths = 1
pose = "bottom-to-heel"
cue = "Stay for a breath"
short = "Stay"
"""

GOOD_ROUTINE = """\
format = 1
id = "mine"
title = "Mine"
description = "A test routine."
minutes = 1.5

[[exercises]]
id = "test-rock"
reps = 2
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, exercise: str = GOOD_EXERCISE, routine: str = GOOD_ROUTINE):
    write(tmp_path / "ex", "test-rock.toml", exercise)
    write(tmp_path / "rt", "mine.toml", routine)
    return load_library([tmp_path / "ex"], [tmp_path / "rt"])


def only_problem(lib) -> errors.LoadError:
    assert len(lib.problems) == 1, [str(p) for p in lib.problems]
    return lib.problems[0]


def test_good_files_load(tmp_path):
    lib = load(tmp_path)
    assert lib.problems == []
    ex = lib.exercises["test-rock"]
    assert ex.parts[0].reps == 4
    assert ex.parts[0].phases[1].breaths == 1
    assert ex.avoid_if == ("knee-problems",)
    assert lib.routines["mine"].items[0].reps == 2


@pytest.mark.parametrize(
    ("old", "new", "kind", "field", "words"),
    [
        (
            'name = "Test rock"\n',
            'name = "Test rock"\ncolour = "red"\n',
            errors.SchemaError,
            "colour",
            "not a known field",
        ),
        ('name = "Test rock"\n', "", errors.SchemaError, "name", "missing"),
        ("reps = 4\n", 'reps = "four"\n', errors.SchemaError, "parts[0].reps", "whole number"),
        ("reps = 4\n", "reps = true\n", errors.SchemaError, "parts[0].reps", "true/false"),
        (
            'position = "all-fours"',
            'position = "upside-down"',
            errors.SchemaError,
            "position",
            "not one of",
        ),
        (
            'equipment = ["mat"]',
            'equipment = ["trampoline"]',
            errors.SchemaError,
            "equipment[0]",
            "not one of",
        ),
        ("reps = 4\n", "reps = 0\n", errors.DoseError, "parts[0].reps", "impossible"),
        ("reps = 4\n", "reps = 9\n", errors.DoseError, "parts[0].reps", "outside reps_range"),
        (
            "seconds = 4\n",
            "seconds = -3\n",
            errors.DoseError,
            "parts[0].phases[0].seconds",
            "impossible",
        ),
        (
            "seconds = 4\n",
            "seconds = 4\nbreaths = 2\n",
            errors.SchemaError,
            "parts[0].phases[0].seconds",
            "exactly one",
        ),
        ("format = 1", "format = 7", errors.FormatError, "format", "update the app"),
        ("format = 1", "format = [", errors.FormatError, "line 2", "not valid TOML"),
    ],
)
def test_exercise_errors_name_file_and_field(tmp_path, old, new, kind, field, words):
    assert old in GOOD_EXERCISE
    path = write(tmp_path, "test-rock.toml", GOOD_EXERCISE.replace(old, new, 1))
    problems: list[errors.LoadError] = []
    assert parse_exercise(path, problems) is None
    assert problems, "expected a problem"
    problem = problems[0]
    assert isinstance(problem, kind)
    assert problem.path == path
    assert problem.field == field
    assert words in problem.problem
    assert str(problem).startswith(f"{path}: ")


def test_several_problems_are_all_reported(tmp_path):
    text = GOOD_EXERCISE.replace('name = "Test rock"\n', "").replace("reps = 4\n", "reps = 0\n")
    problems: list[errors.LoadError] = []
    parse_exercise(write(tmp_path, "x.toml", text), problems)
    assert {p.field for p in problems} == {"name", "parts[0].reps"}


@pytest.mark.parametrize(
    ("old", "new", "kind", "field", "words"),
    [
        (
            'id = "test-rock"\nreps',
            'id = "test-rok"\nreps',
            errors.UnknownReferenceError,
            "exercises[0].id",
            "did you mean test-rock",
        ),
        ("reps = 2", "reps = 200", errors.DoseError, "exercises[0].reps", "impossible"),
        ("minutes = 1.5", "minutes = 30", errors.DoseError, "minutes", "lasts"),
        (
            "reps = 2",
            "hold_seconds = 10",
            errors.SchemaError,
            "exercises[0].hold_seconds",
            "no timed hold",
        ),
        ('id = "mine"', 'id = "My Routine"', errors.SchemaError, "id", "lower-case"),
    ],
)
def test_routine_errors(tmp_path, old, new, kind, field, words):
    assert old in GOOD_ROUTINE
    lib = load(tmp_path, routine=GOOD_ROUTINE.replace(old, new, 1))
    problem = only_problem(lib)
    assert isinstance(problem, kind)
    assert problem.field == field
    assert words in problem.problem
    assert problem.path.name == "mine.toml"
    assert "mine" not in lib.routines


def test_one_bad_file_never_stops_the_others(tmp_path):
    write(tmp_path / "rt", "broken.toml", "this is not toml =")
    lib = load(tmp_path)
    assert "mine" in lib.routines
    assert only_problem(lib).path.name == "broken.toml"


def test_user_routine_with_a_preset_id_is_reported(tmp_path):
    write(tmp_path / "user", "copy.toml", GOOD_ROUTINE)
    write(tmp_path / "ex", "test-rock.toml", GOOD_EXERCISE)
    write(tmp_path / "rt", "mine.toml", GOOD_ROUTINE)
    lib = load_library([tmp_path / "ex"], [tmp_path / "rt"], [tmp_path / "user"])
    problem = only_problem(lib)
    assert isinstance(problem, errors.DuplicateIdError)
    assert problem.path.name == "copy.toml"
    assert lib.routines["mine"].user is False


def test_user_routines_load_beside_presets(tmp_path):
    from backcare_desktop.core.library import load_presets

    write(
        tmp_path / "routines",
        "mine.toml",
        GOOD_ROUTINE.replace('id = "test-rock"\nreps = 2', 'id = "cat-stretch"'),
    )
    write(
        tmp_path / "routines",
        "bad.toml",
        GOOD_ROUTINE.replace('"mine"', '"bad"').replace(
            'id = "test-rock"', 'id = "no-such-exercise"'
        ),
    )
    lib = load_presets(tmp_path)
    assert lib.routines["mine"].user is True
    assert "stiff-lower-back" in lib.routines
    assert [p.path.name for p in lib.problems] == ["bad.toml"]


def test_unknown_routine_suggests_close_matches(presets):
    with pytest.raises(errors.UnknownRoutineError) as info:
        presets.routine("stiff-lower-bak")
    assert "stiff-lower-back" in info.value.suggestions
    assert "Did you mean" in str(info.value)


def test_every_shipped_file_validates(presets):
    assert presets.problems == []
    from backcare_desktop import resources

    files = sorted(resources.exercises_dir().glob("*.toml")) + sorted(
        resources.sessions_dir().glob("*.toml")
    )
    assert len(files) >= 26
    assert validate_files(files, presets.exercises) == []


def test_shipped_library_has_the_required_exercises_and_presets(presets):
    required_exercises = EXERCISE_IDS
    assert required_exercises <= set(presets.exercises)
    required_routines = {
        "stiff-lower-back",
        "upper-back-and-neck",
        "lower-back-release",
        "full-back-care",
        "desk-break",
        "pregnancy-friendly",
        "bending-forward-pain",
        "standing-tall-pain",
        "core-and-mobility",
        "strength-basics",
    }
    assert required_routines <= set(presets.routines)


def test_exercise_sources_are_article_titles(presets):
    from tests.conftest import REPO

    articles = [
        p.read_text(encoding="utf-8") for p in (REPO.parent / "shared" / "seeds").glob("*.txt")
    ]
    if not articles:
        pytest.skip("the articles (../shared/seeds) are not beside this checkout")
    heads = ["\n".join(text.splitlines()[:3]) for text in articles]
    for exercise in presets.exercises.values():
        for title in exercise.sources:
            assert any(title in head for head in heads), (exercise.id, title)


def test_the_loader_keeps_each_routines_timeline(presets):
    assert set(presets.timelines) == set(presets.routines)
    desk = presets.timeline("desk-break")
    assert desk is presets.timeline("desk-break")  # compiled once, at load
    assert desk.steps == presets.compile(presets.routine("desk-break")).steps
    with pytest.raises(errors.UnknownRoutineError):
        presets.timeline("desk-brake")
