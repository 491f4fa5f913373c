"""What to redraw of a moving figure: only the parts that moved, each whole."""

from __future__ import annotations

from dataclasses import replace

from backcare_desktop.figure.motion import frame_for_pose
from backcare_desktop.figure.redraw import points_area, redraw, stroke_area, torso_areas
from backcare_desktop.figure.scene import Scene
from backcare_desktop.figure.skeleton import Stroke

LIMIT = 0.5


def all_fours(poses) -> Scene:
    return frame_for_pose(poses, "all-fours", equipment=("mat",)).scene()


def nudged(stroke: Stroke, dx: float) -> Stroke:
    return stroke._replace(x1=stroke.x1 + dx, x2=stroke.x2 + dx)


def with_head_moved(scene: Scene, dx: float) -> Scene:
    x, y, r = scene.head
    return replace(scene, head=(x + dx, y, r))


def test_nothing_moved_as_far_as_the_limit_means_no_redraw(poses):
    scene = all_fours(poses)
    slightly = replace(scene, near_arm=(nudged(scene.near_arm[0], 0.4), *scene.near_arm[1:]))
    assert redraw(scene, scene, LIMIT) is None
    assert redraw(scene, slightly, LIMIT) is None


def test_a_moved_part_is_redrawn_where_it_was_and_where_it_is(poses):
    scene = all_fours(poses)
    moved = nudged(scene.far_leg[1], 3.0)
    new = replace(scene, far_leg=(scene.far_leg[0], moved, scene.far_leg[2]))
    change = redraw(scene, new, LIMIT)
    assert change is not None
    assert change.scene.far_leg == new.far_leg
    old, now = stroke_area(scene.far_leg[1]), stroke_area(moved)
    # One box round both places: the old one to wipe, the new one to draw.
    assert change.areas == (
        (min(old[0], now[0]), min(old[1], now[1]), max(old[2], now[2]), max(old[3], now[3])),
    )


def test_a_part_under_the_limit_stays_where_it_was_drawn_while_others_move(poses):
    scene = all_fours(poses)
    new = with_head_moved(
        replace(scene, near_arm=(nudged(scene.near_arm[0], 0.3), *scene.near_arm[1:])), 2.0
    )
    change = redraw(scene, new, LIMIT)
    assert change is not None
    assert change.scene.head == new.head
    # Drawn whole at its old place, not half old (outside the repainted box) and half new.
    assert change.scene.near_arm == scene.near_arm
    assert len(change.areas) == 1  # round the head's old and new place, nothing else


def test_small_moves_add_up_until_the_part_is_redrawn(poses):
    drawn = all_fours(poses)
    arm = drawn.near_arm
    redrawn_at = []
    for step in range(1, 8):
        new = replace(drawn, near_arm=(nudged(arm[0], 0.2 * step), *arm[1:]))
        change = redraw(drawn, new, LIMIT)
        if change is not None:
            redrawn_at.append(step)
            drawn = change.scene
    # Compared with where it was last drawn, not with the previous frame: every 0.6.
    assert redrawn_at == [3, 6]


def test_without_a_drawn_scene_or_on_a_new_floor_everything_is_redrawn(poses):
    scene = all_fours(poses)
    assert redraw(None, scene, LIMIT).areas is None
    lifted = replace(scene, floor_top=scene.floor_top + 1.0)
    assert redraw(scene, lifted, LIMIT).areas is None


def test_a_band_that_appears_is_redrawn(poses):
    scene = all_fours(poses)
    band = Stroke(0.0, 10.0, 30.0, 40.0, 2.5)
    change = redraw(scene, replace(scene, near_band=(band,)), LIMIT)
    assert change is not None
    assert change.scene.near_band == (band,)
    assert change.areas == (stroke_area(band),)


def test_a_segment_turning_about_either_end_is_redrawn(poses):
    scene = all_fours(poses)
    forearm = scene.near_arm[1]
    for turned in (forearm._replace(x1=forearm.x1 + 1.0), forearm._replace(y2=forearm.y2 - 1.0)):
        new = replace(scene, near_arm=(scene.near_arm[0], turned, scene.near_arm[2]))
        change = redraw(scene, new, LIMIT)
        assert change is not None
        assert change.scene.near_arm[1] == turned


def contains(outer, inner) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def test_a_torso_that_moves_at_one_end_is_repainted_round_that_end_only(poses):
    scene = all_fours(poses)
    torso = scene.torso
    # The first three points of the outline move up (one end of the trunk lifting).
    lifted = tuple((x, y + 2.0) if i < 3 else (x, y) for i, (x, y) in enumerate(torso))
    change = redraw(scene, replace(scene, torso=lifted), LIMIT)
    assert change is not None
    assert change.scene.torso == lifted
    whole = points_area(torso)
    area = sum((a[2] - a[0]) * (a[3] - a[1]) for a in change.areas)
    assert area < (whole[2] - whole[0]) * (whole[3] - whole[1]) / 2
    # Every edge that moved lies in a repainted box, where it was and where it is.
    count = len(torso)
    for i in range(count):
        j = (i + 1) % count
        if (torso[i], torso[j]) != (lifted[i], lifted[j]):
            edge = points_area([torso[i], torso[j], lifted[i], lifted[j]])
            assert any(contains(a, edge) for a in change.areas), i


def test_the_torso_boxes_cover_every_edge_of_a_torso_that_moved_all_over(poses):
    scene = all_fours(poses)
    old = scene.torso
    new = tuple((x + 0.7 * (i % 3), y - 0.4 * (i % 5)) for i, (x, y) in enumerate(old))
    areas = torso_areas(old, new)
    count = len(old)
    for i in range(count):
        j = (i + 1) % count
        edge = points_area([old[i], old[j], new[i], new[j]])
        assert any(contains(a, edge) for a in areas), i


def test_a_torso_that_did_not_move_needs_no_box():
    outline = ((0.0, 0.0), (10.0, 0.0), (10.0, 20.0), (0.0, 20.0), (-2.0, 10.0))
    assert torso_areas(outline, outline) == []


def test_the_near_arm_is_redrawn_with_room_for_its_halo_and_other_parts_without(poses):
    scene = all_fours(poses)
    arm, leg = nudged(scene.near_arm[1], 3.0), nudged(scene.far_leg[1], 3.0)
    new = replace(
        scene,
        near_arm=(scene.near_arm[0], arm, scene.near_arm[2]),
        far_leg=(scene.far_leg[0], leg, scene.far_leg[2]),
    )
    change = redraw(scene, new, LIMIT, halo=1.6)
    assert change is not None
    old_leg, new_leg = stroke_area(scene.far_leg[1]), stroke_area(leg)
    old_arm, new_arm = stroke_area(scene.near_arm[1], 1.6), stroke_area(arm, 1.6)
    # The gap the arm cuts round itself moves with it; a leg behind has none.
    assert set(change.areas) == {
        (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
        for a, b in ((old_leg, new_leg), (old_arm, new_arm))
    }
