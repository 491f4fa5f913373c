"""The illustration widget: paints offscreen without Qt warnings, follows the timeline."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from backcare_desktop import resources
from backcare_desktop.core.timeline import compile_routine
from backcare_desktop.figure.motion import frame_for_pose, framing_for
from backcare_desktop.figure.pose import load_pose_library
from backcare_desktop.figure.render import SceneRenderer
from backcare_desktop.figure.scene import Framing, Scene
from backcare_desktop.figure.skeleton import Stroke
from backcare_desktop.ui.illustration import IllustrationWidget


@pytest.fixture(scope="module")
def poses():
    return load_pose_library(resources.poses_dir())


@pytest.fixture
def widget(qtbot, poses, presets):
    w = IllustrationWidget(
        poses, exercise_poses={e.id: e.pose_ids() for e in presets.exercises.values()}
    )
    qtbot.addWidget(w)
    w.resize(360, 270)
    w.show()
    qtbot.waitExposed(w)
    return w


def dark_pixels(widget) -> int:
    """How many pixels are figure-dark: proof something was drawn."""
    image = widget.grab().toImage().scaled(90, 68)
    return sum(
        QColor(image.pixel(x, y)).lightness() < 90
        for x in range(image.width())
        for y in range(image.height())
    )


def test_every_step_of_every_routine_paints(widget, presets):
    # qt_log_level_fail=WARNING makes any Qt warning while painting fail this test.
    for routine in presets.routines.values():
        timeline = compile_routine(routine, presets.exercises)
        for step in timeline.steps:
            for fraction in (0.0, 0.5, 1.0):
                widget.show_step(step, fraction)
                widget.repaint()
        assert widget.problem == ""
    assert dark_pixels(widget) > 20


def test_the_figure_moves_over_a_move_step_and_ends_on_its_pose(widget, presets):
    routine = next(iter(presets.routines.values()))
    timeline = compile_routine(routine, presets.exercises)
    step = next(s for s in timeline.steps if s.pose_from != s.pose_to and s.kind == "move")
    widget.show_step(step, 0.0)
    start = widget.scene.joints["head"]
    widget.show_step(step, 1.0)
    end = widget.scene.joints["head"]
    assert widget.frame.angles == widget.poses.poses[step.pose_to].angles
    assert start != end


def test_a_left_side_step_is_mirrored(widget, presets):
    # A body standing or kneeling turns round for the left side; one lying on its back
    # keeps facing the same way (figure/motion.py), so pick a step that is not lying.
    lying = {p for p, pose in widget.poses.poses.items() if pose.angles.pelvis <= -45}
    steps = [
        s
        for r in presets.routines.values()
        for s in compile_routine(r, presets.exercises).steps
        if s.side == "left" and s.kind != "switch-sides"
    ]
    left = next(s for s in steps if not {s.pose_from, s.pose_to} & lying)
    widget.show_step(left, 1.0)
    assert widget.frame.facing == -1.0
    lying_left = next(s for s in steps if {s.pose_from, s.pose_to} <= lying)
    widget.show_step(lying_left, 1.0)
    assert widget.frame.facing == 1.0


@dataclass(frozen=True)
class Step:
    pose_from: str
    pose_to: str
    kind: str = "move"
    seconds: float = 4.0
    breath: str | None = "inhale"
    side: str | None = None
    equipment: tuple[str, ...] = ("mat",)
    exercise_id: str = "made-up"


def test_an_unknown_pose_draws_standing_and_tells_the_window(widget, qtbot):
    with qtbot.waitSignal(widget.problem_changed) as signal:
        widget.show_step(Step("all-fours", "flying-pose"), 0.5)
    widget.repaint()
    assert "flying-pose" in signal.args[0]
    assert "flying-pose" in widget.problem
    assert widget.missing_poses == ("flying-pose",)
    assert dark_pixels(widget) > 20  # still a picture, not a blank or a crash
    with qtbot.waitSignal(widget.problem_changed) as signal:
        widget.show_pose("all-fours")
    assert signal.args[0] == "" and widget.problem == ""


def test_show_pose_is_still_and_describes_itself(widget):
    widget.show_pose("child-pose", equipment=("mat",))
    widget.repaint()
    assert "forehead" in widget.accessibleDescription()
    assert widget.scene.has_mat


def test_the_widget_owns_no_timer(widget):
    # The player's one ticker drives it; a paused session simply stops calling.
    assert widget.findChildren(QTimer) == []


def test_it_works_with_the_shipped_poses_when_given_none(qtbot):
    w = IllustrationWidget()
    qtbot.addWidget(w)
    assert w.poses.poses and w.problem == ""


def test_tiny_and_odd_sizes_paint(widget):
    for size in ((1, 1), (40, 300), (900, 120)):
        widget.resize(*size)
        widget.show_pose("down-dog", side="left")
        image = widget.grab().toImage()  # paints now; an error in paintEvent would raise
        assert (image.width(), image.height()) == size
        assert widget.problem == ""


def test_repeated_painting_does_not_leak_references_to_none(widget):
    # PySide6 6.12.0 leaks a reference to None per void call on Python < 3.12
    # (shared/notes/qt.md); the figure repaints 30 times a second, so it would crash.
    widget.show_pose("all-fours")
    before = sys.getrefcount(None)
    for i in range(300):
        widget.show_pose("all-fours" if i % 2 else "cat-round")
        widget.repaint()
    assert abs(sys.getrefcount(None) - before) < 100


class UpdateCalls:
    """Stands in for the widget's update(): counts the repaints it asks for."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *area: object) -> None:
        self.calls += 1


@pytest.fixture
def updates(widget, monkeypatch) -> UpdateCalls:
    counter = UpdateCalls()
    monkeypatch.setattr(widget, "update", counter)
    return counter


HOLD = Step("knee-hug", "knee-hug", kind="hold", seconds=6.0, breath="hold")
FRAME = 1 / 30


def test_a_frame_that_moves_the_figure_under_half_a_pixel_is_not_painted(widget, updates):
    widget.show_step(HOLD, 0.2)
    before = updates.calls
    # One frame of a hold: only the breath moves, by hundredths of a pixel.
    widget.show_step(HOLD, 0.2 + FRAME / HOLD.seconds)
    assert updates.calls == before


def test_a_frame_that_moves_the_figure_further_is_painted(widget, updates):
    step = Step("all-fours", "cat-round", breath="exhale")
    widget.show_step(step, 0.4)
    before = updates.calls
    widget.show_step(step, 0.45)
    assert updates.calls > before  # one call per box that moved


def test_the_breath_of_a_hold_shows_once_it_has_moved_half_a_pixel(widget, updates):
    widget.show_step(HOLD, 0.0)
    frames = round(HOLD.seconds / FRAME)
    painted = 0
    for n in range(1, frames):
        before = updates.calls
        widget.show_step(HOLD, n / frames)
        painted += updates.calls > before
    assert painted > 0  # the chest rises and falls in a picture that is not frozen
    assert painted < frames / 3  # but most of the hold's frames are not painted


def test_a_new_step_is_painted_even_before_the_body_moves(widget, updates):
    widget.show_step(Step("lying-back", "knee-hug", breath="exhale"), 1.0)
    before = updates.calls
    # The next step starts exactly where that one ended (the same pose, the breath out).
    following = Step("knee-hug", "lying-back", breath="inhale")
    widget.show_step(following, 0.0)
    assert updates.calls == before + 1
    widget.show_step(following, 0.001)
    assert updates.calls == before + 1


def on_screen(widget):
    """What the window system shows of the widget (its backing store, repaints and all)."""
    shown = widget.screen().grabWindow(widget.winId()).toImage()
    return shown.convertToFormat(QImage.Format.Format_RGB32)


def test_a_figure_repainted_part_by_part_looks_painted_whole(widget, qtbot, presets):
    timeline = compile_routine(presets.routines["desk-break"], presets.exercises)
    moving = [s for s in timeline.steps if s.pose_from != s.pose_to][:3]
    for step in moving:
        for n in range(31):
            widget.show_step(step, n / 30)
            QApplication.processEvents()  # each frame's partial repaint lands
    # A fresh paint of the whole picture, with every part where it was last drawn.
    whole = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert on_screen(widget) == whole


def test_a_near_arm_moved_alone_is_repainted_with_its_halo(widget, qtbot):
    widget.show_pose("all-fours", equipment=("mat",))
    QApplication.processEvents()
    scene = widget.scene
    assert scene is not None
    arm = tuple(s._replace(x1=s.x1 + 2.0, x2=s.x2 + 2.0) for s in scene.near_arm)
    # Only the near arm moves: its boxes alone are repainted, and they must hold the
    # background-coloured gap it cuts in the body behind it, where it was and where it is.
    widget._scene = replace(scene, near_arm=arm)
    widget._repaint_body(force=False)
    QApplication.processEvents()
    assert widget._drawn is not None and widget._drawn.near_arm == arm
    whole = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert on_screen(widget) == whole


def test_a_prop_moved_alone_is_repainted_with_its_outline(widget, qtbot):
    widget.resize(1000, 760)  # large: the edge line reaches further than the rim's room
    qtbot.waitUntil(lambda: widget.width() == 1000)
    widget.show_pose("legs-up-wall", equipment=("wall",))
    QApplication.processEvents()
    scene = widget.scene
    assert scene is not None and scene.boxes
    wall = scene.boxes[0]
    moved = wall._replace(x0=wall.x0 + 2.0, x1=wall.x1 + 2.0)
    # The wall's edge line is drawn half outside its box: that strip must be repainted.
    widget._scene = replace(scene, boxes=(moved, *scene.boxes[1:]))
    widget._repaint_body(force=False)
    QApplication.processEvents()
    assert widget._drawn is not None and widget._drawn.boxes[0] == moved
    whole = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    assert on_screen(widget) == whole


def test_a_repaint_of_one_area_draws_only_the_parts_that_reach_it(widget, poses):
    frame = frame_for_pose(poses, "all-fours", equipment=("mat",))
    scene, framing = frame.scene(), framing_for(poses, ["all-fours"], ("mat",))
    renderer = SceneRenderer()
    rect = QRectF(0, 0, 360, 270)

    def paint(only):
        image = QImage(360, 270, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        renderer.paint(painter, rect, scene, framing, only=only)
        painter.end()
        return image

    x, y, r = scene.head
    whole, head_only = paint(None), paint([(x - r, y - r, x + r, y + r)])
    to_pixels = SceneRenderer.transform(rect, framing)
    head = to_pixels.map(QPointF(x, y)).toPoint()
    knee = to_pixels.map(QPointF(*scene.joints["far_knee"])).toPoint()
    assert head_only.pixel(head) == whole.pixel(head)
    assert whole.pixel(knee) != head_only.pixel(knee)  # the knee is far from the head


def test_a_part_just_outside_the_area_is_drawn_for_its_soft_edge(poses):
    frame = frame_for_pose(poses, "standing", equipment=())
    scene, framing = frame.scene(), framing_for(poses, ["standing"], ())
    renderer = SceneRenderer()
    rect = QRectF(0, 0, 360, 270)
    to_pixels = SceneRenderer.transform(rect, framing)
    # The front edge of the head: a pixel column just past it holds its antialiased rim.
    x, y, r = scene.head
    edge = to_pixels.map(QPointF(x + r, y))
    column = QRectF(edge.x(), edge.y() - 6, 1.0, 12).toAlignedRect()
    area = to_pixels.inverted()[0].mapRect(QRectF(edge.x() + 0.01, edge.y() - 6, 1.0, 12))

    def paint(only):
        image = QImage(360, 270, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        painter.setClipRect(column)
        renderer.paint(painter, rect, scene, framing, only=only)
        painter.end()
        return image.copy(column)

    assert paint([(area.left(), area.top(), area.right(), area.bottom())]) == paint(None)


def test_a_limb_whose_round_end_alone_reaches_the_area_is_drawn():
    # Drawn right to left, the limb's end cap (half its width round the end point)
    # reaches past the line's own box into the repainted area.
    limb = Stroke(60.0, 100.0, 20.0, 100.0, 12.0)
    scene = Scene(
        far_arm=(),
        far_leg=(),
        torso=((90.0, 20.0), (100.0, 20.0), (100.0, 30.0)),
        neck=Stroke(95.0, 30.0, 95.0, 32.0, 2.0),
        head=(95.0, 40.0, 3.0),
        near_leg=(limb,),
        near_arm=(),
        boxes=(),
        far_band=(),
        near_band=(),
        joints={},
        radii={},
        floor_top=0.0,
    )
    framing = Framing(center=40.0, half_width=60.0, top=150.0)
    rect = QRectF(0, 0, 360, 270)
    area = (20.0 - 5.0, 99.0, 20.0 - 4.2, 101.0)  # in the cap, 4.2-5 units past the end
    to_pixels = SceneRenderer.transform(rect, framing)
    pixels = to_pixels.mapRect(QRectF(area[0], area[1], area[2] - area[0], 2.0)).toAlignedRect()

    def paint(only):
        image = QImage(360, 270, QImage.Format.Format_RGB32)
        painter = QPainter(image)
        SceneRenderer().paint(painter, rect, scene, framing, only=only)
        painter.end()
        return image.copy(pixels)

    whole = paint(None)
    assert whole != paint([(0.0, 140.0, 1.0, 141.0)])  # the cap is in those pixels
    assert paint([area]) == whole


def test_a_frame_reuses_the_transform_of_its_size_and_framing(widget, monkeypatch):
    step = Step("all-fours", "cat-round", breath="exhale")
    widget.show_step(step, 0.3)
    widget.repaint()
    made = []
    real = SceneRenderer.transform

    def counting(rect, framing):
        made.append(rect.size())
        return real(rect, framing)

    monkeypatch.setattr(SceneRenderer, "transform", staticmethod(counting))
    # Frames 30 times a second: the repaint boxes and the paint use the one made before.
    for fraction in (0.4, 0.5, 0.6):
        widget.show_step(step, fraction)
        widget.repaint()
    assert made == []
    widget.resize(400, 300)
    widget.show_step(step, 0.7)
    widget.repaint()
    assert len(made) == 1  # a new size: made once, for both


def paint_on_image(renderer, scene, framing, *, clip=True, painter_class=QPainter):
    image = QImage(360, 270, QImage.Format.Format_RGB32)
    painter = painter_class(image)
    renderer.paint(painter, QRectF(0, 0, 360, 270), scene, framing, clip=clip)
    painter.end()
    return image


def test_a_torso_that_did_not_move_is_not_converted_again(poses, monkeypatch):
    from backcare_desktop.figure import render

    made = []
    real = render._polygon_of

    def counting(points):
        made.append(len(points))
        return real(points)

    monkeypatch.setattr(render, "_polygon_of", counting)
    frame = frame_for_pose(poses, "all-fours", equipment=("mat",))
    scene, framing = frame.scene(), framing_for(poses, ["all-fours"], ("mat",))
    renderer = SceneRenderer()
    paint_on_image(renderer, scene, framing)
    paint_on_image(renderer, scene, framing)
    assert len(made) == 1
    moved = tuple((x, y + 1.0) for x, y in scene.torso)
    paint_on_image(renderer, replace(scene, torso=moved), framing)
    assert len(made) == 2


class PenCounting(QPainter):
    """A painter that counts the pens it is given."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.pens = 0

    def setPen(self, pen) -> None:
        self.pens += 1
        super().setPen(pen)


def test_strokes_of_one_width_are_drawn_with_one_pen_set(poses):
    frame = frame_for_pose(poses, "all-fours", equipment=("mat",))
    scene, framing = frame.scene(), framing_for(poses, ["all-fours"], ("mat",))
    same = scene.far_leg[0]
    legs = replace(scene, far_leg=(same, same._replace(x1=same.x1 + 5.0), same))
    other = replace(scene, far_leg=(same, same._replace(width=same.width + 2.0), same))
    counted = {}
    for name, picture in (("same", legs), ("other", other)):
        image = QImage(360, 270, QImage.Format.Format_RGB32)
        painter = PenCounting(image)
        SceneRenderer().paint(painter, QRectF(0, 0, 360, 270), picture, framing)
        counted[name] = painter.pens
        painter.end()
    # Three strokes of one width take one pen; a different width in the middle, three.
    assert counted["other"] - counted["same"] == 2


def test_the_widget_paint_unclipped_draws_the_same_picture(poses):
    frame = frame_for_pose(poses, "all-fours", equipment=("mat",))
    scene, framing = frame.scene(), framing_for(poses, ["all-fours"], ("mat",))
    renderer = SceneRenderer()
    clipped = paint_on_image(renderer, scene, framing)
    assert paint_on_image(renderer, scene, framing, clip=False) == clipped
