"""Exported SVG/PNG files, the contact sheet, and the staleness check of the shipped set."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET

import pytest

from backcare_desktop import resources
from backcare_desktop.figure.export import (
    CONTACT_SHEET,
    MANIFEST,
    ExerciseFigures,
    check_export,
    export_illustrations,
)

TWO = [
    ExerciseFigures("cat-stretch", "Cat stretch", ("all-fours", "cat-round", "cat-arch"), ("mat",)),
    ExerciseFigures(
        "counter-stretch", "Counter stretch", ("standing-counter", "counter-stretch"), ("counter",)
    ),
]
REGENERATE = (
    "python -m backcare_desktop.figure.export  (or: backcare illustrations --out "
    "assets/illustrations)"
)


@pytest.fixture
def exported(qapp, tmp_path, poses_dir):
    written = export_illustrations(tmp_path / "out", poses_dir, TWO)
    return tmp_path / "out", written


def test_every_key_pose_is_written_as_svg_and_png(exported):
    from PySide6.QtGui import QImage

    out, written = exported
    for ex in TWO:
        for k, pose_id in enumerate(ex.poses, start=1):
            svg = out / ex.id / f"{k}-{pose_id}.svg"
            png = out / ex.id / f"{k}-{pose_id}.png"
            assert svg in written and png in written
            root = ET.fromstring(svg.read_bytes())
            assert root.tag.endswith("svg")
            assert len(list(root.iter())) > 10  # a drawing, not an empty page
            assert not QImage(str(png)).isNull()
        assert not QImage(str(out / ex.id / "strip.png")).isNull()
    sheet = QImage(str(out / CONTACT_SHEET))
    assert sheet.width() > 600 and sheet.height() > 200
    assert (out / MANIFEST).is_file()


def test_a_fresh_export_is_up_to_date(exported, poses_dir):
    out, _ = exported
    assert check_export(out, poses_dir, TWO) == []


def test_changing_a_pose_makes_the_export_stale(exported, poses_dir, tmp_path):
    out, _ = exported
    changed = tmp_path / "poses"
    shutil.copytree(poses_dir, changed)
    path = changed / "cat-round.toml"
    path.write_text(path.read_text().replace("neck = ", "neck = 1 + ", 0) + "\n# edited\n")
    assert check_export(out, changed, TWO)


def test_editing_an_exported_file_by_hand_is_caught(exported, poses_dir):
    out, _ = exported
    (out / "cat-stretch" / "2-cat-round.png").write_bytes(b"not a picture")
    assert any("changed by hand" in p for p in check_export(out, poses_dir, TWO))


def test_a_new_exercise_pose_makes_the_export_stale(exported, poses_dir):
    out, _ = exported
    more = [*TWO, ExerciseFigures("hip-hinge", "Hip hinge", ("standing", "hip-hinge"), ())]
    assert check_export(out, poses_dir, more)


def test_re_exporting_removes_pictures_that_are_no_longer_made(exported, poses_dir):
    out, _ = exported
    export_illustrations(out, poses_dir, TWO[:1])
    assert not (out / "counter-stretch").exists()
    assert check_export(out, poses_dir, TWO[:1]) == []


def test_the_shipped_illustrations_are_up_to_date(poses_dir, presets):
    shipped = resources.assets_dir() / "illustrations"
    problems = check_export(shipped, poses_dir, presets.exercises.values())
    assert problems == [], f"assets/illustrations is stale; regenerate with {REGENERATE}"
