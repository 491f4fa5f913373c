"""`backcare validate` says what the app will do with each file."""

from __future__ import annotations

import os
from pathlib import Path

from backcare_desktop import resources

from .test_cli import run_cli

ROUTINE = """\
format = 1
id = "{id}"
title = "Mine"
description = "A cat stretch."
minutes = 1
[[exercises]]
id = "{exercise}"
"""


def routine(folder: Path, name: str, routine_id: str = "mine", exercise: str = "cat-stretch"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(ROUTINE.format(id=routine_id, exercise=exercise), encoding="utf-8")
    return path


def test_a_routine_in_the_data_dir_is_shown(data_dir: Path):
    path = routine(data_dir / "routines", "mine.toml")
    code, out, _ = run_cli("validate", str(path))
    assert code == 0
    assert out == f"{path}: OK: routine 'mine' (Mine); BackCare shows this routine\n"


def test_a_routine_elsewhere_says_where_to_copy_it(tmp_path: Path, data_dir: Path):
    path = routine(tmp_path / "drafts", "mine.toml")
    code, out, _ = run_cli("validate", str(path))
    assert code == 0
    assert "copy the file there to use it" in out
    assert str(data_dir / "routines") in out


def test_an_id_that_clashes_with_a_preset_is_an_error(data_dir: Path):
    path = routine(data_dir / "routines", "clash.toml", routine_id="desk-break")
    code, out, _ = run_cli("validate", str(path))
    assert code == 1
    assert f"{path}: id: 'desk-break' is already the id of the preset" in out
    assert "would skip this file" in out


def test_a_folder_and_dot_are_the_toml_files_in_them(data_dir: Path, monkeypatch):
    routine(data_dir / "routines", "a.toml", routine_id="aaa")
    routine(data_dir / "routines", "b.toml", routine_id="bbb")
    code, out, _ = run_cli("validate", str(data_dir / "routines"))
    assert code == 0
    assert out.count(": OK: routine") == 2
    monkeypatch.chdir(data_dir / "routines")
    code, out, _ = run_cli("validate", ".")
    assert code == 0
    assert out.count(": OK: routine") == 2
    # A whole data folder: its exercises/ and routines/.
    code, out, _ = run_cli("validate", str(data_dir))
    assert out.count(": OK: routine") == 2


def test_an_empty_folder_and_a_fifo_are_explained(tmp_path: Path, data_dir: Path):
    (tmp_path / "empty").mkdir()
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    code, out, _ = run_cli("validate", str(tmp_path / "empty"), str(fifo))
    assert code == 1
    assert f"{tmp_path / 'empty'}: is a folder with no .toml files in it" in out
    assert f"{fifo}: is a named pipe (FIFO), not a regular file" in out


def test_a_persons_routine_may_use_their_own_exercise_beside_it(tmp_path: Path, data_dir):
    # Not the data dir in use: the folder the routine sits in, laid out like one.
    other = tmp_path / "other-data"
    (other / "exercises").mkdir(parents=True)
    exercise = (resources.exercises_dir() / "cat-stretch.toml").read_text(encoding="utf-8")
    (other / "exercises" / "my-cat.toml").write_text(
        exercise.replace('id = "cat-stretch"', 'id = "my-cat"')
    )
    path = routine(other / "routines", "mine.toml", exercise="my-cat")
    code, out, _ = run_cli("validate", str(path))
    assert code == 0, out
    # And an exercise given in the same command counts too.
    loose = routine(tmp_path / "loose", "mine.toml", exercise="my-cat")
    code, out, _ = run_cli("validate", str(other / "exercises" / "my-cat.toml"), str(loose))
    assert code == 0, out


def test_an_unknown_pose_is_an_error(tmp_path: Path, data_dir):
    exercise = (resources.exercises_dir() / "cat-stretch.toml").read_text(encoding="utf-8")
    path = tmp_path / "my-cat.toml"
    path.write_text(
        exercise.replace('id = "cat-stretch"', 'id = "my-cat"').replace('"cat-round"', '"cat-rund"')
    )
    code, out, _ = run_cli("validate", str(path))
    assert code == 1
    assert "no pose called 'cat-rund' (did you mean cat-round" in out


def test_an_exercise_is_used_or_clashes(data_dir: Path):
    exercise = (resources.exercises_dir() / "cat-stretch.toml").read_text(encoding="utf-8")
    (data_dir / "exercises").mkdir()
    mine = data_dir / "exercises" / "my-cat.toml"
    mine.write_text(exercise.replace('id = "cat-stretch"', 'id = "my-cat"'))
    clash = data_dir / "exercises" / "cat.toml"
    clash.write_text(exercise)
    code, out, _ = run_cli("validate", str(mine), str(clash))
    assert code == 1
    assert f"{mine}: OK: exercise 'my-cat' (Cat stretch); BackCare uses it" in out
    assert f"{clash}: id: 'cat-stretch' is already the id of the exercise in" in out
