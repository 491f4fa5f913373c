"""What to redraw of a moving figure: the parts that moved, and nothing else.

A frame of a session changes only some parts of the picture: in a cat stretch the back
and the head move while the hands and knees stay planted. Each part (a limb segment, the
torso, the head, a band, a prop) is compared with the place it was last drawn; one that
moved less than a limit keeps that place, so the picture on screen stays whole (a part
is never drawn half at one place and half at another), and the window repaints only the
boxes that the moved parts leave and enter. Plain numbers, no Qt: model units, y up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import dist, hypot

from backcare_desktop.figure.scene import Box, Scene
from backcare_desktop.figure.skeleton import Point, Stroke

Area = tuple[float, float, float, float]  # x0, y0, x1, y1 (model units)

# The torso's outline is repainted in runs of this many edges: a back that arches moves
# its outline, not the whole box round the trunk (which takes in the arms and thighs).
TORSO_EDGES_PER_AREA = 8


@dataclass(frozen=True)
class Redraw:
    """`scene` is what to draw now (moved parts at their new place, the others where
    they were drawn); `areas` the boxes to repaint, or None for the whole picture."""

    scene: Scene
    areas: tuple[Area, ...] | None


def stroke_area(s: Stroke, pad: float = 0.0) -> Area:
    """The box a round-capped stroke covers, `pad` more on every side."""
    r = s.width / 2 + pad
    return min(s.x1, s.x2) - r, min(s.y1, s.y2) - r, max(s.x1, s.x2) + r, max(s.y1, s.y2) + r


def points_area(points: Sequence[Point]) -> Area:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _union(a: Area, b: Area) -> Area:
    return min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])


def torso_areas(old: Sequence[Point], new: Sequence[Point]) -> list[Area]:
    """Where a filled outline changes when its points move from `old` to `new` (as many
    points, in the same order): round each run of edges that moved, the box of the run's
    old and new points. Every pixel that changes is one some edge sweeps over on its way
    from its old place to its new one, and an edge sweeps only the hull of its four ends."""
    count = len(old)
    areas: list[Area] = []
    for first in range(0, count, TORSO_EDGES_PER_AREA):
        run = range(first, min(first + TORSO_EDGES_PER_AREA, count) + 1)
        ends = [i % count for i in run]
        if all(old[i] == new[i] for i in ends):
            continue
        xs = [old[i][0] for i in ends] + [new[i][0] for i in ends]
        ys = [old[i][1] for i in ends] + [new[i][1] for i in ends]
        areas.append((min(xs), min(ys), max(xs), max(ys)))
    return areas


def _head_area(head: tuple[float, float, float]) -> Area:
    x, y, r = head
    return x - r, y - r, x + r, y + r


def _box_area(b: Box, pad: float = 0.0) -> Area:
    return b.x0 - pad, b.y0 - pad, b.x1 + pad, b.y1 + pad


def _stroke_moved(a: Stroke, b: Stroke, limit: float) -> bool:
    return (
        a.width != b.width
        # hypot of the differences is dist() to the last bit, without two tuples each
        # (13 strokes a frame).
        or hypot(a.x1 - b.x1, a.y1 - b.y1) >= limit
        or hypot(a.x2 - b.x2, a.y2 - b.y2) >= limit
    )


def _box_moved(a: Box, b: Box, limit: float) -> bool:
    return (
        a.role != b.role
        or dist((a.x0, a.y0), (b.x0, b.y0)) >= limit
        or dist((a.x1, a.y1), (b.x1, b.y1)) >= limit
    )


def _strokes(
    old: tuple[Stroke, ...],
    new: tuple[Stroke, ...],
    limit: float,
    areas: list[Area],
    pad: float = 0.0,
) -> tuple[Stroke, ...]:
    """The strokes to draw of `new` where `old` are drawn; the boxes of those that moved
    (`pad` more round each) go to `areas`."""
    if old is new:
        return old
    if len(old) != len(new):
        areas += [stroke_area(s, pad) for s in (*old, *new)]
        return new
    merged: list[Stroke] = []
    moved = False
    for a, b in zip(old, new, strict=True):
        # _stroke_moved, inline: 13 calls a frame.
        ax1, ay1, ax2, ay2, a_width = a
        bx1, by1, bx2, by2, b_width = b
        if (
            a_width != b_width
            or hypot(ax1 - bx1, ay1 - by1) >= limit
            or hypot(ax2 - bx2, ay2 - by2) >= limit
        ):
            # One box round where it was and is: a frame moves a part a few pixels.
            areas.append(_union(stroke_area(a, pad), stroke_area(b, pad)))
            merged.append(b)
            moved = True
        else:
            merged.append(a)
    return tuple(merged) if moved else old


def redraw(
    drawn: Scene | None, new: Scene, limit: float, *, halo: float = 0.0, edge: float = 0.0
) -> Redraw | None:
    """What to draw of `new` where `drawn` is on screen; None if no part of it moved by
    `limit` or more (model units). Without a drawn scene, everything is redrawn.

    Each area is the part's own box, the near arm's `halo` more round it (the gap it
    cuts in what is behind it moves with it) and a prop's `edge` more (its outline pen
    reaches past its box): a part's box holds every pixel its move changes but for the
    antialiased rim, which the caller adds in pixels."""
    if drawn is None or drawn.floor_top != new.floor_top:
        return Redraw(new, None)
    areas: list[Area] = []
    far_arm = _strokes(drawn.far_arm, new.far_arm, limit, areas)
    far_leg = _strokes(drawn.far_leg, new.far_leg, limit, areas)
    near_leg = _strokes(drawn.near_leg, new.near_leg, limit, areas)
    near_arm = _strokes(drawn.near_arm, new.near_arm, limit, areas, halo)
    far_band = _strokes(drawn.far_band, new.far_band, limit, areas)
    near_band = _strokes(drawn.near_band, new.near_band, limit, areas)
    neck = drawn.neck
    if _stroke_moved(drawn.neck, new.neck, limit):
        areas.append(_union(stroke_area(drawn.neck), stroke_area(new.neck)))
        neck = new.neck
    torso = drawn.torso
    if len(drawn.torso) != len(new.torso):
        areas += [points_area(drawn.torso), points_area(new.torso)]
        torso = new.torso
    elif max(map(dist, drawn.torso, new.torso)) >= limit:
        areas += torso_areas(drawn.torso, new.torso)
        torso = new.torso
    head = drawn.head
    if drawn.head[2] != new.head[2] or dist(drawn.head[:2], new.head[:2]) >= limit:
        areas.append(_union(_head_area(drawn.head), _head_area(new.head)))
        head = new.head
    boxes = drawn.boxes
    if len(drawn.boxes) != len(new.boxes):
        areas += [_box_area(b, edge) for b in (*drawn.boxes, *new.boxes)]
        boxes = new.boxes
    elif drawn.boxes != new.boxes:
        kept: list[Box] = []
        for a_box, b_box in zip(drawn.boxes, new.boxes, strict=True):
            if _box_moved(a_box, b_box, limit):
                areas.append(_union(_box_area(a_box, edge), _box_area(b_box, edge)))
                kept.append(b_box)
            else:
                kept.append(a_box)
        boxes = tuple(kept)
    if not areas:
        return None
    # The joints and radii are not drawn (props are placed with them): always the new.
    scene = Scene(
        far_arm=far_arm,
        far_leg=far_leg,
        torso=torso,
        neck=neck,
        head=head,
        near_leg=near_leg,
        near_arm=near_arm,
        boxes=boxes,
        far_band=far_band,
        near_band=near_band,
        joints=new.joints,
        radii=new.radii,
        floor_top=new.floor_top,
    )
    return Redraw(scene, tuple(areas))
