"""What the renderer keeps from paint to paint, so a partial repaint makes few Qt objects."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from backcare_desktop import resources
from backcare_desktop.figure import render
from backcare_desktop.figure.motion import frame_for_pose, framing_for
from backcare_desktop.figure.pose import load_pose_library
from backcare_desktop.figure.render import LINES_KEPT, SceneRenderer


@pytest.fixture(scope="module")
def poses():
    return load_pose_library(resources.poses_dir())


def paint(renderer, scene, framing):
    image = QImage(360, 270, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    renderer.paint(painter, QRectF(0, 0, 360, 270), scene, framing)
    painter.end()
    return image


def all_fours(poses):
    frame = frame_for_pose(poses, "all-fours", equipment=("mat",))
    return frame.scene(), framing_for(poses, ["all-fours"], ("mat",))


def counting_lines(monkeypatch):
    made = []
    real = render.QLineF

    def counting(*args):
        made.append(args)
        return real(*args)

    monkeypatch.setattr(render, "QLineF", counting)
    return made


def test_a_stroke_painted_again_keeps_its_line(poses, monkeypatch):
    scene, framing = all_fours(poses)
    renderer = SceneRenderer()
    made = counting_lines(monkeypatch)
    paint(renderer, scene, framing)
    first = len(made)
    paint(renderer, scene, framing)
    # The floor line and the halos are made each paint; the limbs' lines only once.
    assert first - (len(made) - first) == len(scene.strokes())


def test_a_stroke_that_moved_gets_a_line_of_its_own(poses, monkeypatch):
    scene, framing = all_fours(poses)
    renderer = SceneRenderer()
    whole = paint(renderer, scene, framing)
    leg = scene.far_leg[0]
    moved = replace(scene, far_leg=(leg._replace(x1=leg.x1 + 6.0), *scene.far_leg[1:]))
    made = counting_lines(monkeypatch)
    assert paint(renderer, moved, framing) == paint(SceneRenderer(), moved, framing)
    assert paint(renderer, moved, framing) != whole
    assert (leg.x1 + 6.0, leg.y1, leg.x2, leg.y2) in made


def test_the_lines_kept_are_bounded(poses):
    scene, framing = all_fours(poses)
    renderer = SceneRenderer()
    for step in range(30):  # 90 new strokes, more than are kept
        shifted = tuple(s._replace(x1=s.x1 + step) for s in scene.far_leg)
        paint(renderer, replace(scene, far_leg=shifted), framing)
    assert 0 < len(renderer._lines) <= LINES_KEPT


def test_the_torso_polygon_has_its_points_to_the_last_bit():
    points = ((0.1, -2.5e-7), (123456.789, 1e-300), (-0.0, 3.0), (1 / 3, -7 / 9))
    polygon = render._polygon_of(points)
    assert [(polygon.at(i).x(), polygon.at(i).y()) for i in range(polygon.size())] == list(points)
