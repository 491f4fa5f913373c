"""Limits checked before the work, one id pattern everywhere, pose names checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare_desktop import resources
from backcare_desktop.core import errors
from backcare_desktop.core.exercise_file import parse_exercise
from backcare_desktop.core.library import (
    MAX_ROUTINE_EXERCISES,
    load_presets,
    parse_routine,
    pose_ids_in,
)
from backcare_desktop.core.schema import MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_TEXT_CHARS

ROUTINE = """\
format = 1
id = "mine"
title = "Mine"
description = "Two cat stretches."
minutes = 1.5
"""
ITEM = '[[exercises]]\nid = "cat-stretch"\n'


def cat(**replace: str) -> str:
    text = (resources.exercises_dir() / "cat-stretch.toml").read_text(encoding="utf-8")
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def problems_of_routine(tmp_path: Path, text: str, presets) -> list[errors.LoadError]:
    path = tmp_path / "r.toml"
    path.write_text(text, encoding="utf-8")
    problems: list[errors.LoadError] = []
    assert parse_routine(path, presets.exercises, problems) is None
    return problems


def test_a_routine_of_many_exercises_is_refused_by_count(tmp_path: Path, presets):
    # 1500 entries fit the size cap; the count is refused before any entry is looked at.
    (problem,) = problems_of_routine(tmp_path, ROUTINE + ITEM * 1500, presets)
    assert problem.field == "exercises"
    assert f"at most {MAX_ROUTINE_EXERCISES}" in problem.problem


def test_a_long_title_is_refused_with_the_limit(tmp_path: Path, presets):
    text = (ROUTINE + ITEM * 2).replace('"Mine"', '"' + "M" * (MAX_LINE_CHARS + 1) + '"')
    (problem,) = problems_of_routine(tmp_path, text, presets)
    assert problem.field == "title"
    assert f"at most {MAX_LINE_CHARS}" in problem.problem


def test_a_line_break_in_a_title_is_refused(tmp_path: Path, presets):
    text = (ROUTINE + ITEM * 2).replace('"Mine"', '"Mine\\nsecond line"')
    (problem,) = problems_of_routine(tmp_path, text, presets)
    assert "control character U+000A" in problem.problem


def test_long_steps_and_long_lists_are_refused(tmp_path: Path):
    path = tmp_path / "e.toml"
    steps = "[" + ", ".join(['"Step."'] * (MAX_LIST_ITEMS + 1)) + "]"
    long_step = "x" * (MAX_TEXT_CHARS + 1)
    text = cat().replace("steps = [", f"steps = {steps}\nold_steps = [", 1)
    text = text.replace('setup = "', f'setup = "{long_step}', 1)
    path.write_text(text)
    problems: list[errors.LoadError] = []
    assert parse_exercise(path, problems) is None
    by_field = {p.field: p.problem for p in problems}
    assert f"at most {MAX_LIST_ITEMS}" in by_field["steps"]
    assert f"at most {MAX_TEXT_CHARS}" in by_field["setup"]


@pytest.mark.parametrize(
    "pose",
    ["x/../../../../tmp/escaped", "/etc/passwd", "Cat-Round", "cat--round", "a" * 65, ""],
)
def test_pose_names_must_be_ids(tmp_path: Path, pose: str):
    path = tmp_path / "e.toml"
    path.write_text(cat().replace('start_pose = "all-fours"', f'start_pose = "{pose}"'))
    problems: list[errors.LoadError] = []
    assert parse_exercise(path, problems) is None
    assert [p.field for p in problems] == ["start_pose"]


def test_a_pose_that_does_not_exist_is_named_with_close_matches(tmp_path: Path):
    path = tmp_path / "e.toml"
    path.write_text(cat().replace('"cat-round"', '"cat-rund"'))
    problems: list[errors.LoadError] = []
    poses = pose_ids_in(resources.poses_dir())
    assert parse_exercise(path, problems, poses) is None
    (problem,) = problems
    assert isinstance(problem, errors.UnknownReferenceError)
    assert problem.field == "parts[0].phases[0].pose"
    assert "cat-round" in problem.problem
    # Without the pose list only the spelling is checked.
    assert parse_exercise(path, []) is not None


def test_load_presets_checks_pose_names_of_a_persons_exercises(tmp_path: Path):
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "mine.toml").write_text(
        cat().replace('id = "cat-stretch"', 'id = "my-cat"').replace('"cat-arch"', '"nope"')
    )
    lib = load_presets(tmp_path)
    assert "my-cat" not in lib.exercises
    assert [p.field for p in lib.problems] == ["parts[0].phases[1].pose"]


def test_an_unknown_routine_lists_the_routines_when_nothing_is_close(presets):
    with pytest.raises(errors.UnknownRoutineError) as info:
        presets.routine("nope")
    assert "desk-break" in str(info.value)
    assert "backcare list" in str(info.value)


def test_a_huge_unknown_routine_id_is_shortened_in_the_message(presets):
    with pytest.raises(errors.UnknownRoutineError) as info:
        presets.routine("x" * 1_000_000)
    assert len(str(info.value)) < 1000
    assert info.value.routine_id == "x" * 1_000_000
