"""`backcare illustrations` writes and deletes only inside its folder, whatever the ids,
a planted manifest or a symbolic link say."""

from __future__ import annotations

import json

import pytest

from backcare_desktop.figure.export import (
    MANIFEST,
    ExerciseFigures,
    UnsafePathError,
    export_illustrations,
)

ONE = [ExerciseFigures("cat-stretch", "Cat stretch", ("all-fours", "cat-round"), ("mat",))]


@pytest.mark.parametrize(
    "figures",
    [
        ExerciseFigures("cat-stretch", "Cat", ("x/../../../../../../tmp/escaped",), ()),
        ExerciseFigures("../../escaped", "Cat", ("all-fours",), ()),
        ExerciseFigures("/tmp/escaped", "Cat", ("all-fours",), ()),
    ],
    ids=["pose", "exercise", "absolute"],
)
def test_an_id_that_is_not_an_id_writes_nothing(qapp, tmp_path, poses_dir, figures):
    out = tmp_path / "deep" / "er" / "out"
    with pytest.raises(UnsafePathError):
        export_illustrations(out, poses_dir, [figures])
    assert not (tmp_path / "tmp").exists()
    assert not list(tmp_path.rglob("*.svg"))


@pytest.mark.parametrize(
    "name",
    ["{victim}", "../victim.txt", "cat-stretch/../../victim.txt", "victim.txt", "~/victim.txt"],
)
def test_a_planted_manifest_deletes_nothing_outside(qapp, tmp_path, poses_dir, name):
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "victim.txt").write_text("mine, not the export's")
    entry = name.format(victim=victim)
    (out / MANIFEST).write_text(json.dumps({"files": {entry: "0"}}))
    export_illustrations(out, poses_dir, ONE)
    assert victim.read_text() == "keep me"
    assert (out / "victim.txt").read_text() == "mine, not the export's"


def test_a_symbolic_link_inside_the_folder_is_not_written_through(qapp, tmp_path, poses_dir):
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "cat-stretch").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafePathError):
        export_illustrations(out, poses_dir, ONE)
    assert list(elsewhere.iterdir()) == []


def test_an_old_export_is_still_cleaned_up(qapp, tmp_path, poses_dir):
    out = tmp_path / "out"
    two = [*ONE, ExerciseFigures("knee-roll", "Knee roll", ("lying-knees-bent",), ("mat",))]
    export_illustrations(out, poses_dir, two)
    assert (out / "knee-roll" / "strip.png").exists()
    export_illustrations(out, poses_dir, ONE)
    assert not (out / "knee-roll").exists()
