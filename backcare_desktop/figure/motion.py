"""Which picture belongs to a moment of the session: a timeline step and how far into it.

The figure moves from the step's start pose to its end pose over the breath phase, so
the motion lasts exactly as long as the breath; while holding, the chest rises and falls.
Pure functions of (step, fraction): the player's single ticker decides when to ask, and
a paused session simply stops asking.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import cos, pi
from typing import Protocol

from backcare_desktop.figure.pose import (
    Pose,
    PoseLibrary,
    PropSpec,
    breath_cycle,
    ease,
    interpolate,
)
from backcare_desktop.figure.scene import Framing, Scene, build_scene, frame_scenes
from backcare_desktop.figure.skeleton import Angles, Proportions

# Moving into a long hold (a 30 s lunge) takes about one slow breath, then the body
# stays; stretching the motion over the whole hold would look like nothing happens.
HOLD_ENTRY_SECONDS = 4.0
# "Switch sides": return to the start pose, then turn round, then settle.
SWITCH_MOVE_END = 0.5
SWITCH_TURN_END = 0.8
# A body whose pelvis is tilted this far back or more lies on its back. It is never turned
# round for the other side: that would swap its head and feet every rep of a knee roll.
# It stays where it is and its near and far limbs trade places instead.
LYING_ON_BACK_PELVIS = -45.0


class StepLike(Protocol):
    """The fields of core.timeline.Step that the picture needs."""

    @property
    def kind(self) -> str: ...
    @property
    def seconds(self) -> float: ...
    @property
    def breath(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...
    @property
    def pose_from(self) -> str: ...
    @property
    def pose_to(self) -> str: ...
    @property
    def equipment(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class Frame:
    """Everything needed to draw one moment (model only; see scene.build_scene)."""

    angles: Angles
    props_from: tuple[PropSpec, ...]
    props_to: tuple[PropSpec, ...]
    props_t: float
    breath: float
    facing: float
    equipment: tuple[str, ...] | None
    description: str
    missing: tuple[str, ...] = ()  # pose ids that do not exist (drawn as standing)

    def scene(self, body: Proportions | None = None) -> Scene:
        return build_scene(
            self.angles,
            props_from=self.props_from,
            props_to=self.props_to,
            props_t=self.props_t,
            equipment=self.equipment,
            breath=self.breath,
            facing=self.facing,
            body=body,
        )


def framing_for(
    library: PoseLibrary, pose_ids: Iterable[str], equipment: Sequence[str] | None = None
) -> Framing:
    """One framing for all the key poses of an exercise, so the figure keeps its size
    (and the mat its place) through the whole exercise."""
    return frame_scenes(
        frame_for_pose(library, pose_id, equipment=equipment).scene() for pose_id in pose_ids
    )


def _resolve(library: PoseLibrary, pose_id: str, missing: list[str]) -> Pose:
    pose = library.get(pose_id)
    if pose is None:
        if pose_id not in missing:
            missing.append(pose_id)
        return library.fallback()
    return pose


def _facing(side: str | None) -> float:
    return -1.0 if side == "left" else 1.0


def _lying_on_back(*poses: Pose) -> bool:
    return all(p.angles.pelvis <= LYING_ON_BACK_PELVIS for p in poses)


def other_side(angles: Angles) -> Angles:
    """The same pose done with the other arm and leg: near and far limbs swapped. The
    viewer sees the body's right side, so a knee rolled towards the viewer (to the
    right) becomes a knee rolled away (to the left)."""
    swapped: dict[str, float] = {}
    for name, value in angles._asdict().items():
        if name.startswith("near_"):
            swapped["far_" + name.removeprefix("near_")] = value
        elif name.startswith("far_"):
            swapped["near_" + name.removeprefix("far_")] = value
    return angles._replace(**swapped)


def _on_side(angles: Angles, side: str | None) -> Angles:
    return other_side(angles) if side == "left" else angles


def _opposite(side: str) -> str:
    return "right" if side == "left" else "left"


def frame_for_pose(
    library: PoseLibrary,
    pose_id: str,
    *,
    side: str | None = None,
    equipment: Sequence[str] | None = None,
    breath: float = 0.0,
) -> Frame:
    """A still picture of one key pose (home screen, get ready, exported files)."""
    missing: list[str] = []
    pose = _resolve(library, pose_id, missing)
    stays = _lying_on_back(pose)
    return Frame(
        _on_side(pose.angles, side) if stays else pose.angles,
        pose.props,
        pose.props,
        1.0,
        breath,
        1.0 if stays else _facing(side),
        None if equipment is None else tuple(equipment),
        pose.description,
        tuple(missing),
    )


def still_from(step: StepLike) -> float:
    """The fraction of `step` from which its picture holds still but for the breath
    (0.0: still throughout; 1.0: it moves to the end), as frame_for_step draws it.

    The player shows such moments at a lower frame rate: the breath moves the chest a
    couple of pixels a second, which a few frames a second show as well as thirty.
    Poses are compared by id, so a step naming a missing pose counts as moving.
    """
    if step.kind == "switch-sides":
        return SWITCH_TURN_END
    if (step.pose_from or step.pose_to) == (step.pose_to or step.pose_from):
        return 0.0
    if step.breath in ("inhale", "exhale"):
        return 1.0
    if step.seconds <= 0:
        return 0.0
    return min(step.seconds, HOLD_ENTRY_SECONDS) / step.seconds


def frame_for_step(library: PoseLibrary, step: StepLike, fraction: float) -> Frame:
    """The picture `fraction` (0..1) of the way through `step`."""
    fraction = min(1.0, max(0.0, fraction))
    missing: list[str] = []
    start = _resolve(library, step.pose_from or step.pose_to, missing)
    end = _resolve(library, step.pose_to or step.pose_from, missing)
    elapsed = fraction * step.seconds
    stays = _lying_on_back(start, end)
    facing = 1.0 if stays else _facing(step.side)
    turn = 1.0
    if step.kind == "switch-sides":
        move = ease(fraction / SWITCH_MOVE_END)
        turn = ease((fraction - SWITCH_MOVE_END) / (SWITCH_TURN_END - SWITCH_MOVE_END))
        # From the old side (the opposite one) through edge-on to the new side.
        facing = facing if stays else -facing * cos(pi * turn)
    elif start.id == end.id:
        move = 1.0
    elif step.breath in ("inhale", "exhale"):
        move = ease(fraction)
    else:
        entry = min(step.seconds, HOLD_ENTRY_SECONDS)
        move = ease(elapsed / entry) if entry > 0 else 1.0
    if step.breath == "inhale":
        breath = ease(fraction)
    elif step.breath == "exhale":
        breath = 1.0 - ease(fraction)
    else:
        breath = breath_cycle(elapsed)
    angles = interpolate(start.angles, end.angles, move)
    if stays and step.side:
        new = _on_side(angles, step.side)
        # Switching sides lying down: the limbs trade places while the body stays.
        angles = interpolate(_on_side(angles, _opposite(step.side)), new, turn)
    description = end.description if move >= 0.5 else start.description
    return Frame(
        angles,
        start.props,
        end.props,
        move,
        breath,
        facing,
        tuple(step.equipment),
        description,
        tuple(missing),
    )
