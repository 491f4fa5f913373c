"""Every key pose is believable: on the floor, not through it, touching what it should."""

from __future__ import annotations

import math

import pytest

from backcare_desktop.figure.motion import frame_for_pose, framing_for
from backcare_desktop.figure.pose import interpolate
from backcare_desktop.figure.scene import Framing, Scene, build_scene
from backcare_desktop.figure.skeleton import Angles, Proportions, forward

TOUCH = 2.0  # model units (about two centimetres)


def scene_of(poses, pose_id: str, equipment=("mat",)) -> Scene:
    return frame_for_pose(poses, pose_id, equipment=equipment).scene()


def bottom(scene: Scene, joint: str) -> float:
    return scene.joints[joint][1] - scene.radii[joint] - scene.floor_top


def all_ids(poses):
    return sorted(poses.poses)


def test_forward_kinematics_keeps_bone_lengths():
    body = Proportions()
    fig = forward(
        Angles(pelvis=37, lumbar=20, near_hip=80, near_knee=100, far_shoulder=150, far_elbow=40)
    )
    j = fig.joints
    assert math.dist(j["hip"], j["near_knee"]) == pytest.approx(body.thigh)
    assert math.dist(j["near_knee"], j["near_ankle"]) == pytest.approx(body.shin)
    assert math.dist(j["shoulder"], j["far_elbow"]) == pytest.approx(body.upper_arm)
    assert math.dist(j["far_elbow"], j["far_wrist"]) == pytest.approx(body.forearm)


def test_knees_bend_backwards_and_elbows_forwards():
    fig = forward(Angles(near_knee=90, near_elbow=90))
    assert fig.joints["near_ankle"][0] < fig.joints["near_knee"][0] - 30  # foot goes back
    assert fig.joints["near_wrist"][0] > fig.joints["near_elbow"][0] + 20  # hand comes forward


def test_standing_is_upright():
    fig = forward(Angles())
    j = fig.joints
    assert j["head"][1] > j["neck"][1] > j["waist"][1] > j["hip"][1] > j["near_knee"][1]
    assert j["near_toe"][0] > j["near_heel"][0]  # feet point the way the figure faces


@pytest.mark.parametrize("equipment", [(), ("mat",)])
def test_every_key_pose_stands_on_the_floor_and_nothing_goes_below(poses, equipment):
    for pose_id in all_ids(poses):
        scene = scene_of(poses, pose_id, equipment)
        assert scene.lowest() == pytest.approx(scene.floor_top, abs=1e-6), pose_id


def test_nothing_goes_through_the_floor_while_moving(poses, presets):
    for exercise in presets.exercises.values():
        ids = exercise.pose_ids()
        for a, b in zip(ids, ids[1:] + ids[:1], strict=True):
            for k in range(11):
                angles = interpolate(poses.poses[a].angles, poses.poses[b].angles, k / 10)
                scene = build_scene(angles, equipment=exercise.equipment, breath=k / 10)
                assert scene.lowest() == pytest.approx(scene.floor_top, abs=1e-6), (a, b, k)


def test_the_mat_lifts_the_figure_by_its_thickness(poses):
    bare, on_mat = scene_of(poses, "all-fours", ()), scene_of(poses, "all-fours", ("mat",))
    assert not bare.has_mat and on_mat.has_mat
    assert on_mat.lowest() - bare.lowest() == pytest.approx(on_mat.floor_top)


def test_mirroring_flips_left_and_right_only(poses):
    scene = scene_of(poses, "lunge", ())
    mirrored = scene.map_x(-1.0)
    for name, (x, y) in scene.joints.items():
        assert mirrored.joints[name] == pytest.approx((-x, y))
    twice = mirrored.map_x(-1.0)
    left = build_scene(poses.poses["lunge"].angles, facing=-1.0)
    for name, point in scene.joints.items():
        assert twice.joints[name] == pytest.approx(point)
        assert left.joints[name] == pytest.approx(mirrored.joints[name])
    assert mirrored.lowest() == pytest.approx(scene.lowest())


# Which parts rest on the floor (or mat) in each key pose, as the instructions say.
ON_THE_FLOOR = {
    "standing": ("near_heel", "near_toe"),
    "all-fours": ("near_wrist", "near_knee"),
    "cat-round": ("near_wrist", "near_knee"),
    "cat-arch": ("near_wrist", "near_knee"),
    "bottom-to-heel": ("near_wrist", "near_knee"),
    "down-dog": ("near_wrist", "near_toe"),
    "child-pose": ("head", "near_knee", "near_wrist"),
    "hook-lying": ("near_heel", "near_toe"),
    "pelvic-flat": ("near_heel", "near_toe"),
    "pelvic-arch": ("near_heel", "near_toe"),
    "sit-facing-wall": ("near_heel", "near_toe"),
    "prone-forearms": ("near_elbow", "near_knee"),
    "prone-press": ("near_wrist", "near_knee"),
    "lunge": ("near_heel", "near_toe", "far_toe"),
    "squat-reach": ("near_heel", "near_toe"),
    "hip-hinge": ("near_heel", "near_toe"),
    "diagonal-low": ("near_heel", "near_toe"),
    "counter-stretch": ("near_heel", "near_toe"),
    "standing-counter": ("near_heel", "near_toe"),
    "lying-back": ("far_knee", "far_heel"),
    "knee-hug": ("far_knee", "far_heel"),
}


@pytest.mark.parametrize(("pose_id", "joints"), sorted(ON_THE_FLOOR.items()))
def test_hands_feet_and_knees_rest_where_the_instructions_say(poses, pose_id, joints):
    scene = scene_of(poses, pose_id)
    for joint in joints:
        assert bottom(scene, joint) <= TOUCH, f"{pose_id}: {joint} is off the floor"


@pytest.mark.parametrize(
    "pose_id",
    [
        "lying-back",
        "knee-hug",
        "hook-lying",
        "knee-roll",
        "pelvic-flat",
        "pelvic-arch",
        "legs-up-wall",
        "prone-forearms",
        "prone-press",
    ],
)
def test_lying_poses_rest_the_body_on_the_floor(poses, pose_id):
    scene = scene_of(poses, pose_id)
    assert min(y for _, y in scene.torso) - scene.floor_top <= TOUCH


def back_bulge(scene: Scene) -> float:
    """How far the waist sits towards the back from the hip-neck line: positive when the
    back is rounded (flexion), negative when it is arched (extension)."""
    (hx, hy), (wx, wy), (nx, ny) = (scene.joints[k] for k in ("hip", "waist", "neck"))
    vx, vy = nx - hx, ny - hy
    length = math.hypot(vx, vy)
    back = (-vy / length, vx / length)  # the line turned anticlockwise: the back side
    return (wx - hx) * back[0] + (wy - hy) * back[1]


def test_the_spine_rounds_for_flexion_and_arches_for_extension(poses):
    bulge = {p: back_bulge(scene_of(poses, p)) for p in poses.poses}
    assert bulge["cat-round"] > 4 and bulge["cat-arch"] < -4
    assert bulge["cat-round"] > bulge["all-fours"] > bulge["cat-arch"]
    assert bulge["prone-press"] < -4
    # The pelvic tilt moves the hollow of the lower back, not the joints: test_pictures.
    assert bulge["pelvic-flat"] > bulge["pelvic-arch"]
    assert abs(bulge["all-fours"]) < 1.5 and abs(bulge["standing"]) < 1.5


def test_child_pose_sits_back_with_the_forehead_on_the_mat(poses):
    scene = scene_of(poses, "child-pose")
    j = scene.joints
    assert j["hip"][0] < j["near_knee"][0] < j["head"][0]  # bottom back, head forward
    assert j["hip"][1] < 34  # sitting back on the heels, not on all fours
    assert bottom(scene, "head") <= TOUCH


def test_legs_go_straight_up_the_wall(poses):
    scene = scene_of(poses, "legs-up-wall", ("wall", "mat"))
    (hx, hy), (ax, ay) = scene.joints["hip"], scene.joints["near_ankle"]
    assert math.degrees(math.atan2(ay - hy, ax - hx)) == pytest.approx(90, abs=8)
    wall = next(b for b in scene.boxes if b.role == "wall")
    gap = wall.x0 - max(x for x, _ in (scene.joints["near_knee"], scene.joints["hip"]))
    assert 0 < gap < 15


def test_props_sit_where_the_body_touches_them(poses):
    counter = scene_of(poses, "counter-stretch", ("counter",))
    top = max(b.y1 for b in counter.boxes if b.role == "counter-top")
    assert counter.joints["near_hand"][1] - counter.radii["near_hand"] == pytest.approx(top)
    cushion = scene_of(poses, "hook-lying", ("mat", "cushion"))
    pad = next(b for b in cushion.boxes if b.role == "cushion")
    head_x, head_y, head_r = cushion.head
    assert pad.x0 < head_x < pad.x1 and pad.y1 == pytest.approx(head_y - head_r)
    band = scene_of(poses, "seated-band-row", ("band", "mat"))
    assert band.near_band and band.far_band


def test_props_are_drawn_only_when_the_exercise_uses_them(poses):
    assert not scene_of(poses, "hook-lying", ("mat",)).boxes
    assert scene_of(poses, "hook-lying", None).boxes  # a still picture shows them all


def test_each_exercise_is_framed_once_for_all_its_key_poses(poses, presets):
    for exercise in presets.exercises.values():
        framing = framing_for(poses, exercise.pose_ids(), exercise.equipment)
        for pose_id in exercise.pose_ids():
            low, high = scene_of(poses, pose_id, exercise.equipment).x_range()
            assert framing.center - framing.half_width <= low, (exercise.id, pose_id)
            assert high <= framing.center + framing.half_width, (exercise.id, pose_id)


def test_a_chair_goes_under_the_seat_and_stands_on_the_floor():
    from backcare_desktop.figure.pose import PropSpec

    sitting = Angles(
        near_hip=90, far_hip=90, near_knee=90, far_knee=90, near_elbow=60, far_elbow=60
    )
    chair = (PropSpec("chair", "hip"),)
    scene = build_scene(sitting, props_from=chair, props_to=chair, equipment=("chair",))
    seat = max((b for b in scene.boxes if b.role == "chair"), key=lambda b: b.x1 - b.x0)
    assert seat.y1 == pytest.approx(scene.joints["hip"][1] - scene.radii["hip"])
    assert min(b.y0 for b in scene.boxes) == 0.0  # the legs reach the floor
    assert bottom(scene, "near_heel") <= TOUCH  # and so do the feet


def test_a_figure_without_a_body_is_drawn_with_the_default_one():
    angles = Angles(lumbar=20.0, near_knee=40.0, far_shoulder=30.0)
    made, given = forward(angles, None, 0.5), forward(angles, Proportions(), 0.5)
    assert (made.torso, made.joints, made.radii) == (given.torso, given.joints, given.radii)
    assert (made.near_leg, made.far_arm, made.head) == (given.near_leg, given.far_arm, given.head)


def test_each_figure_has_radii_of_its_own():
    first, second = forward(Angles()), forward(Angles())
    first.radii["hip"] = -1.0  # a caller changing its copy changes no other figure
    assert second.radii["hip"] != -1.0


def test_a_framing_facing_right_is_itself_and_facing_left_is_mirrored():
    framing = Framing(12.5, 80.0, 170.0)
    assert framing.facing(1.0) is framing  # no new object each frame of a session
    assert framing.facing(-1.0) == Framing(-12.5, 80.0, 170.0)
