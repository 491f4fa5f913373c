"""The moving figure: shows a timeline step's pose change in time with the breath.

The widget owns no timer. The player's single ticker calls `show_step` about 30 times a
second while the figure moves (10 while only its breath does) and not at all while the
session is paused, so a paused figure is still by construction. Each call repaints only
the parts that moved half a pixel or more (figure/redraw.py). `show_pose` draws one key
pose for the home and get-ready screens.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from math import ceil, floor
from typing import cast

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from backcare_desktop import resources
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.figure.colours import Palette
from backcare_desktop.figure.motion import (
    Frame,
    StepLike,
    frame_for_pose,
    frame_for_step,
    framing_for,
)
from backcare_desktop.figure.pose import PoseLibrary, load_pose_library
from backcare_desktop.figure.redraw import Area, redraw
from backcare_desktop.figure.render import HALO, SceneRenderer
from backcare_desktop.figure.scene import Framing, Scene
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
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        # The shipped poses unless the caller passes its own (tests, a user's folder).
        self._poses = poses if poses is not None else load_pose_library(resources.poses_dir())
        self._exercise_poses: dict[str, tuple[str, ...]] = {}
        self._seen: dict[str, tuple[str, ...]] = {}
        self._renderer = SceneRenderer(palette)
        self._framings: dict[tuple[tuple[str, ...], tuple[str, ...] | None], Framing] = {}
        self._frame: Frame | None = None
        self._scene: Scene | None = None
        self._framing: Framing | None = None
        self._drawn: Scene | None = None  # what is on screen, part by part
        # Model units -> pixels for the current size and framing, made once for both
        # the repaint boxes and the paint (not two or three times a frame).
        self._to_pixels: (
            tuple[tuple[int, int, Framing], QTransform, tuple[float, float, float, float]] | None
        ) = None
        self._last: tuple[object, ...] = ()
        self._problem = ""
        self._description = ""
        self._still = False
        self.setAccessibleName(tr._("Exercise illustration"))
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
        self._drawn = None
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
        if ends[0] not in poses or ends[1] not in poses:
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
            problem = self._tr._(
                "This exercise asks for a pose BackCare does not have ({names}); "
                "the picture shows standing instead."
            ).format(names=names)
        if problem != self._problem:
            self._problem = problem
            self.problem_changed.emit(problem)
        self._repaint_body(force=force or self._framing != previous)

    def _repaint_body(self, *, force: bool) -> None:
        """Repaint the parts of the body that visibly moved, where they were and are.

        At 30 frames a second most of the picture is unchanged: the floor, the mat, and
        in a cat stretch the planted hands and knees. A part that moved less than half a
        pixel since it was last painted stays as painted, and a frame in which nothing
        moved that far (holds, rests, get-ready: only the breath) is not painted at all;
        the breath shows as soon as it has moved the chest by half a pixel.
        """
        assert self._scene is not None and self._framing is not None
        sx, sy, dx, dy = self._mapping(self._framing)
        scale = abs(sx) or 1.0
        drawn = None if force else self._drawn
        # The near arm's halo and a prop's outline pen reach past their parts' boxes:
        # those boxes grow by HALO (for a prop, more than half its widest edge pen, 1.4);
        # every other part's box holds its pixels. (The halo's room round every part made
        # each box some 9 px wider and taller: more pixels filled again, for the same
        # picture.)
        change = redraw(drawn, self._scene, MIN_VISIBLE_MOVE_PX / scale, halo=HALO, edge=HALO)
        if change is None:
            return
        self._drawn = change.scene
        if change.areas is None:
            self.update()
            return
        # Room for the antialiased edges.
        margin = EDGE_MARGIN_PX
        for x0, y0, x1, y1 in change.areas:
            # The scale is the same both ways and y points down on screen (sy < 0).
            left, right = floor(sx * x0 + dx) - margin, ceil(sx * x1 + dx) + margin
            top, bottom = floor(sy * y1 + dy) - margin, ceil(sy * y0 + dy) + margin
            # Qt gathers the boxes into one region and one paint: no QRect or QRegion
            # is made here for each box.
            self.update(left, top, right - left, bottom - top)

    def _transform(self, framing: Framing) -> QTransform:
        return self._to_pixels_for(framing)[1]

    def _mapping(self, framing: Framing) -> tuple[float, float, float, float]:
        """x scale, y scale, x shift and y shift of the transform (y points down)."""
        return self._to_pixels_for(framing)[2]

    def _to_pixels_for(
        self, framing: Framing
    ) -> tuple[tuple[int, int, Framing], QTransform, tuple[float, float, float, float]]:
        key = (self.width(), self.height(), framing)
        if self._to_pixels is None or self._to_pixels[0] != key:
            t = SceneRenderer.transform(QRectF(self.rect()), framing)
            self._to_pixels = key, t, (t.m11(), t.m22(), t.dx(), t.dy())
        return self._to_pixels

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._drawn = None  # Qt repaints everything after a resize anyway
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(360, 270)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def paintEvent(self, event: QPaintEvent) -> None:
        scene = self._drawn or self._scene
        if scene is None or self._framing is None:
            return
        rect = QRectF(self.rect())
        transform = self._transform(self._framing)
        only: list[Area] | None = None
        region = event.region()
        if region.rectCount() > 1 or not region.boundingRect().contains(self.rect()):
            # Only parts that touch the repainted area are drawn: Qt clips what falls
            # outside, but would still stroke it (the costly part) first.
            sx, sy, dx, dy = self._mapping(self._framing)
            only = []
            # A QRegion iterates over its rectangles (PySide6's stubs do not say so).
            for box in cast(Iterable[QRect], region):
                # y points down on screen (sy < 0): the box's bottom is the area's low y.
                # One call, not four (the stubs type it as object).
                left, top, width, height = cast(tuple[int, int, int, int], box.getRect())
                right, bottom = left + width, top + height
                only.append(
                    ((left - dx) / sx, (bottom - dy) / sy, (right - dx) / sx, (top - dy) / sy)
                )
        painter = QPainter(self)
        self._renderer.paint(
            painter, rect, scene, self._framing, only=only, transform=transform, clip=False
        )
        painter.end()


# Room round a repainted part for its antialiased edge (pixels).
EDGE_MARGIN_PX = 2
# A move smaller than this (in pixels, at every point of a part) is not painted.
MIN_VISIBLE_MOVE_PX = 0.5
