"""The moving figure: shows a timeline step's pose change in time with the breath.

The widget owns no timer. The player's single ticker calls `show_step` about 30 times a
second while a session runs and not at all while it is paused, so a paused figure is
still by construction. `show_pose` draws one key pose for the home and get-ready screens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import dist

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop import resources
from backcare_desktop.figure.colours import Palette
from backcare_desktop.figure.motion import (
    Frame,
    StepLike,
    frame_for_pose,
    frame_for_step,
    framing_for,
)
from backcare_desktop.figure.pose import PoseLibrary, load_pose_library
from backcare_desktop.figure.render import SceneRenderer
from backcare_desktop.figure.scene import Framing, Scene
from backcare_desktop.figure.skeleton import Point
from backcare_desktop.ui.palette import SceneColours


class IllustrationWidget(QWidget):
    """Draws the figure. `problem_changed` fires with a sentence for the person when a
    pose is missing (the standing figure is drawn instead), and with "" when fixed."""

    problem_changed = Signal(str)

    def __init__(
        self,
        poses: PoseLibrary | None = None,
        parent: QWidget | None = None,
        *,
        exercise_poses: Mapping[str, Sequence[str]] | None = None,
        palette: Palette | None = None,
    ) -> None:
        super().__init__(parent)
        # The shipped poses unless the caller passes its own (tests, a user's folder).
        self._poses = poses if poses is not None else load_pose_library(resources.poses_dir())
        self._exercise_poses: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, tuple[str, ...]] = {}
        self._renderer = SceneRenderer(palette)
        self._framings: dict[tuple[tuple[str, ...], tuple[str, ...] | None], Framing] = {}
        self._frame: Frame | None = None
        self._scene: Scene | None = None
        self._framing: Framing | None = None
        self._dirty: QRect | None = None  # where the body was drawn last
        self._drawn: list[Point] = []  # the last painted scene's points, in pixels
        self._last: tuple[object, ...] = ()
        self._problem = ""
        self._description = ""
        self._still = False
        self.setAccessibleName("Exercise illustration")
        # The renderer fills every pixel, so Qt need not clear the widget first (one
        # less full-size fill 30 times a second).
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if exercise_poses:
            self.set_exercise_poses(exercise_poses)
        self.show_pose("standing")

    # -- what the window calls ------------------------------------------------------

    def set_exercise_poses(self, exercise_poses: Mapping[str, Sequence[str]]) -> None:
        """Each exercise's key poses (`Exercise.pose_ids()`), so the figure is framed once
        per exercise and keeps its size from step to step. Without it each step is
        framed on the poses seen of it so far (it may zoom out once in the first rep)."""
        self._exercise_poses = {k: tuple(v) for k, v in exercise_poses.items()}

    def set_colours(self, colours: SceneColours) -> None:
        """Paint in `colours` from now on (a theme change)."""
        self._renderer = SceneRenderer(colours)
        self.update()

    @property
    def colours(self) -> Palette:
        return self._renderer.palette

    def set_still(self, still: bool) -> None:
        """Reduced motion: each step shows its key pose, without the movement into it."""
        self._still = still
        self._last = ()

    def show_step(self, step: StepLike, fraction: float) -> None:
        """The figure `fraction` (0..1) of the way through `step` (or at its end, still)."""
        if self._still:
            fraction = 1.0
        key = (id(step), step.pose_from, step.pose_to, step.side, round(fraction, 4))
        if key == self._last:
            return
        # A new step is painted even if the body has not moved yet: its start shows on
        # time, and what was under half a pixel behind is caught up.
        new_step = key[:4] != self._last[:4]
        self._last = key
        frame = frame_for_step(self._poses, step, fraction)
        exercise = getattr(step, "exercise_id", "")
        ends = (step.pose_from or step.pose_to, step.pose_to or step.pose_from)
        poses = self._exercise_poses.get(exercise, ())
        if not set(ends) <= set(poses):
            # Not told this exercise's poses: frame everything seen of it so far, so
            # the framing settles after the first rep instead of changing every step.
            poses = self._seen[exercise] = tuple(
                dict.fromkeys((*self._seen.get(exercise, ()), *ends))
            )
        self._show(frame, poses, force=new_step)

    def show_pose(
        self, pose_id: str, *, side: str | None = None, equipment: Sequence[str] | None = None
    ) -> None:
        """One key pose, still (with its props if `equipment` is None)."""
        self._last = ()
        frame = frame_for_pose(self._poses, pose_id, side=side, equipment=equipment)
        self._show(frame, (pose_id,), force=True)

    @property
    def problem(self) -> str:
        """A sentence for the person when a pose could not be drawn, else ""."""
        return self._problem

    @property
    def missing_poses(self) -> tuple[str, ...]:
        return self._frame.missing if self._frame else ()

    @property
    def poses(self) -> PoseLibrary:
        return self._poses

    @property
    def frame(self) -> Frame | None:
        return self._frame

    @property
    def scene(self) -> Scene | None:
        return self._scene

    # -- drawing --------------------------------------------------------------------

    def _show(self, frame: Frame, pose_ids: tuple[str, ...], *, force: bool) -> None:
        self._frame = frame
        key = (pose_ids, frame.equipment)
        framing = self._framings.get(key)
        if framing is None:
            framing = framing_for(self._poses, pose_ids, frame.equipment)
            self._framings[key] = framing
        previous = self._framing
        self._framing = framing.facing(frame.facing)
        self._scene = frame.scene()
        if frame.description != self._description:
            self._description = frame.description
            self.setAccessibleDescription(frame.description)
        problem = ""
        if frame.missing:
            names = ", ".join(f"'{m}'" for m in frame.missing)
            problem = (
                f"This exercise asks for a pose BackCare does not have ({names}); "
                "the picture shows standing instead."
            )
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)
        self._repaint_body(force=force or self._framing != previous)

    def _repaint_body(self, *, force: bool) -> None:
        """Repaint where the body was and where it is now, and only if it visibly moved.

        At 30 frames a second most of the picture (floor, mat, empty room) is unchanged,
        and in holds, rests and get-ready the body itself moves less than half a pixel
        a frame (only the breath): such a frame is not painted at all; the breath shows
        as soon as it has moved the body by half a pixel since the last painted frame.
        """
        assert self._scene is not None and self._framing is not None
        transform = SceneRenderer.transform(QRectF(self.rect()), self._framing)
        sx, sy, dx, dy = transform.m11(), transform.m22(), transform.dx(), transform.dy()
        pixels = [(sx * x + dx, sy * y + dy) for x, y in self._scene.points()]
        if not force and not _moved(self._drawn, pixels, MIN_VISIBLE_MOVE_PX):
            return
        self._drawn = pixels
        # Strokes are thick: pad by the widest limb (and its halo) on every side.
        pad = 2.0 * max(self._scene.radii.values(), default=0.0) * abs(sx) + BODY_MARGIN_PX
        xs = [x for x, _ in pixels]
        ys = [y for _, y in pixels]
        box = QRectF(
            QPointF(min(xs) - pad, min(ys) - pad), QPointF(max(xs) + pad, max(ys) + pad)
        ).toAlignedRect()
        if force or self._dirty is None:
            self.update()
        else:
            self.update(box.united(self._dirty))
        self._dirty = box

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._dirty = None  # Qt repaints everything after a resize anyway
        self._drawn = []
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(360, 270)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._scene is None or self._framing is None:
            return
        painter = QPainter(self)
        self._renderer.paint(painter, QRectF(self.rect()), self._scene, self._framing)
        painter.end()


# Room round the body's box for the stroke ends' antialiasing and the arm's halo.
BODY_MARGIN_PX = 6
# A move smaller than this (in pixels, at every point of the figure) is not painted.
MIN_VISIBLE_MOVE_PX = 0.5


def _moved(before: Sequence[Point], after: Sequence[Point], limit: float) -> bool:
    """Whether any point of `after` is `limit` or further from the same point of
    `before` (always true if they are not the same points)."""
    if len(before) != len(after):
        return True
    return any(dist(p, q) >= limit for p, q in zip(before, after, strict=True))
