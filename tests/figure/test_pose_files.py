"""The pose files: all load, every pose an exercise needs exists, loading is strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare_desktop.figure.pose import load_pose_library, parse_pose
from backcare_desktop.figure.skeleton import Angles

# The pose ids the shared spec promises to the exercise authors.
SPEC_POSES = (
    "standing",
    "all-fours",
    "cat-round",
    "cat-arch",
    "seated-band-reach",
    "seated-band-row",
    "sit-facing-wall",
    "legs-up-wall",
    "child-pose",
    "lunge",
    "lying-back",
    "knee-hug",
    "bottom-to-heel",
    "hook-lying",
    "knee-roll",
    "prone-forearms",
    "prone-press",
    "pelvic-flat",
    "pelvic-arch",
    "squeeze-front",
    "squeeze-back",
    "squat-reach",
    "diagonal-high",
    "diagonal-low",
    "standing-counter",
    "counter-stretch",
    "down-dog",
    "hip-hinge",
)

GOOD = """\
format = 1
id = "{id}"
description = "A test pose."
[body]
pelvis = 0
lumbar = 0
thoracic = 0
neck = 0
head = 0
[legs]
hip = 0
knee = 10
ankle = 0
[arms]
shoulder = 0
elbow = 10
wrist = 0
"""


def test_every_shipped_pose_loads_cleanly(poses):
    assert poses.problems == []
    assert len(poses.poses) >= len(SPEC_POSES)


@pytest.mark.parametrize("pose_id", SPEC_POSES)
def test_every_pose_the_spec_names_exists(poses, pose_id):
    assert pose_id in poses.poses


def test_every_exercise_has_a_pose_for_every_phase(poses, presets):
    assert presets.exercises, "the exercise library is empty"
    for exercise in presets.exercises.values():
        missing = [p for p in exercise.pose_ids() if p not in poses.poses]
        assert not missing, f"{exercise.id} uses poses that do not exist: {missing}"


def test_standing_is_all_zeros_so_the_fallback_matches_it(poses):
    standing = poses.poses["standing"].angles
    assert abs(standing.pelvis) < 1e-9 and abs(standing.lumbar) < 1e-9
    assert poses.fallback().id == "standing"


def write(tmp_path: Path, text: str, name: str = "test-pose") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    problems = []
    pose = parse_pose(path, problems)
    assert (pose is None) == bool(problems)
    return [str(p) for p in problems]


def test_a_good_file_loads(tmp_path):
    problems = []
    pose = parse_pose(write(tmp_path, GOOD.format(id="test-pose")), problems)
    assert problems == []
    assert pose is not None
    assert pose.angles.near_knee == 10 and pose.angles.far_elbow == 10
    assert pose.angles.near_leg_scale == 1.0


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("knee = 10", "knee = -20"), "legs.knee", "bends one way"),
        (("hip = 0", "hip = 0\nhipp = 3"), "legs.hipp", "not a known field"),
        (("elbow = 10\n", ""), "arms.elbow", "is missing"),
        (("pelvis = 0", 'pelvis = "upright"'), "body.pelvis", "must be a number"),
        (("pelvis = 0", "pelvis = true"), "body.pelvis", "must be a number"),
        (("format = 1", "format = 2"), "format", "must be 1"),
        (('description = "A test pose."\n', ""), "description", "is missing"),
        (("[arms]", "[near_arm]"), "far_arm", "is missing"),
        (("[legs]", "[legs]\nscale = 0.1"), "legs.scale", "impossible"),
    ],
)
def test_mistakes_are_reported_with_file_and_field(tmp_path, change, field, words):
    text = GOOD.format(id="test-pose").replace(*change)
    path = write(tmp_path, text)
    found = problems_of(path)
    assert any(f"{path}: {field}:" in p and words in p for p in found), found


def test_id_must_match_the_file_name(tmp_path):
    found = problems_of(write(tmp_path, GOOD.format(id="other"), name="test-pose"))
    assert any("id:" in p and "file name" in p for p in found)


def test_both_legs_and_near_leg_is_an_error(tmp_path):
    text = GOOD.format(id="test-pose") + "[near_leg]\nhip = 0\nknee = 0\nankle = 0\n"
    assert any("not both" in p for p in problems_of(write(tmp_path, text)))


@pytest.mark.parametrize(
    ("prop", "words"),
    [
        ('kind = "trampoline"\nat = "head"', "not one of"),
        ('kind = "wall"\nat = "elbowz"', "not a point of the figure"),
        ('kind = "band"\nat = "hand"', "to: is missing"),
        ('kind = "cushion"\nat = "head"\nsize = 3', "not a known field"),
    ],
)
def test_prop_mistakes(tmp_path, prop, words):
    text = GOOD.format(id="test-pose") + f"[[props]]\n{prop}\n"
    found = problems_of(write(tmp_path, text))
    assert any(words in p for p in found), found


def test_not_toml_is_reported(tmp_path):
    assert any("not valid TOML" in p for p in problems_of(write(tmp_path, "format = = 1")))


def test_a_bad_file_does_not_stop_the_others(tmp_path):
    write(tmp_path, GOOD.format(id="good-one"), name="good-one")
    write(tmp_path, GOOD.format(id="bad-one").replace("knee = 10", "knee = -1"), "bad-one")
    library = load_pose_library(tmp_path)
    assert list(library.poses) == ["good-one"]
    assert len(library.problems) == 1


def test_an_empty_folder_is_a_problem_not_a_crash(tmp_path):
    library = load_pose_library(tmp_path / "nothing-here")
    assert library.poses == {} and library.problems
    assert library.fallback().angles == Angles()
