"""A posed figure placed in its little world: on the floor (or mat), centred, with props.

Still plain numbers (no Qt): the renderer only strokes and fills what is here, so the
rules that make a picture believable (nothing below the floor, hands and knees that stay
planted, a wall that touches the legs) are tested without a window.

Scene coordinates are model units with y up, the floor at y = 0, and x = 0 where the
body rests on the floor (the mean x of the parts touching it). A Framing says which part
of that world a picture shows; one framing per exercise (all its key poses) keeps the
figure the same size through the exercise, so it never zooms while it moves.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from backcare_desktop.figure.pose import PropSpec
from backcare_desktop.figure.skeleton import Angles, Figure, Point, Proportions, Stroke, forward

MAT_THICKNESS = 3.0
WALL_THICKNESS = 12.0
WALL_TOP = 400.0  # runs off the top of any picture
FRAME_PAD = 12.0  # room around the figure, model units
FRAME_MIN_TOP = 60.0  # a figure lying flat still gets some air above it
COUNTER_DEPTH = 48.0
CUSHION_WIDTH = 30.0
BAND_WIDTH = 2.5
# Parts within this height of the floor count as resting on it; their mean x stays put
# so planted hands and knees do not slide while the back moves. The weight fades with
# height (instead of a cut-off) so nothing jumps when a foot lifts.
CONTACT_BAND = 6.0


class Box(NamedTuple):
    """An axis-aligned rectangle; `role` picks its colour and shape in the renderer."""

    x0: float
    y0: float
    x1: float
    y1: float
    role: str


@dataclass(frozen=True)
class Scene:
    far_arm: tuple[Stroke, ...]
    far_leg: tuple[Stroke, ...]
    torso: tuple[Point, ...]
    neck: Stroke
    head: tuple[float, float, float]
    near_leg: tuple[Stroke, ...]
    near_arm: tuple[Stroke, ...]
    boxes: tuple[Box, ...]  # wall, counter, chair, cushion: drawn behind the figure
    far_band: tuple[Stroke, ...]
    near_band: tuple[Stroke, ...]
    joints: dict[str, Point]
    radii: dict[str, float]  # drawn half-thickness at each joint (its bottom is y - r)
    floor_top: float  # where the body rests: the floor, or the top of the mat

    @property
    def has_mat(self) -> bool:
        return self.floor_top > 0.0

    def mat_span(self, low: float, high: float) -> tuple[float, float]:
        """The mat laid from `low` to `high` (the framing: it must not slide while the
        body moves), cut short where a wall stands."""
        for wall in (b for b in self.boxes if b.role == "wall"):
            if wall.x0 >= 0.0:
                high = min(high, wall.x0)
            else:
                low = max(low, wall.x1)
        return low, high

    def strokes(self) -> tuple[Stroke, ...]:
        return (*self.far_arm, *self.far_leg, self.neck, *self.near_leg, *self.near_arm)

    def lowest(self) -> float:
        low = min(y for _, y in self.torso)
        low = min(low, self.head[1] - self.head[2])
        return min([low] + [min(s.y1, s.y2) - s.width / 2 for s in self.strokes()])

    def top(self) -> float:
        """The highest y anything but a wall reaches."""
        ys = [y for _, y in self.torso] + [self.head[1] + self.head[2]]
        ys += [
            max(s.y1, s.y2) + s.width / 2
            for s in (*self.strokes(), *self.far_band, *self.near_band)
        ]
        ys += [b.y1 for b in self.boxes if b.role != "wall"]
        return max(ys)

    def x_range(self) -> tuple[float, float]:
        """Left and right edge of everything drawn except the wall's far side."""
        xs = [x for x, _ in self.torso] + [self.head[0] - self.head[2], self.head[0] + self.head[2]]
        for s in (*self.strokes(), *self.far_band, *self.near_band):
            xs += [s.x1 - s.width / 2, s.x1 + s.width / 2, s.x2 - s.width / 2, s.x2 + s.width / 2]
        for b in self.boxes:
            if b.role == "wall":  # only the face the body touches matters
                xs.append(b.x0 if abs(b.x0) < abs(b.x1) else b.x1)
            else:
                xs += [b.x0, b.x1]
        return min(xs), max(xs)

    def map_x(self, scale: float = 1.0, shift: float = 0.0) -> Scene:
        """Every x becomes scale * x + shift: -1 mirrors the scene for the other side."""

        def p(pt: Point) -> Point:
            return pt[0] * scale + shift, pt[1]

        def s(st: Stroke) -> Stroke:
            return Stroke(st.x1 * scale + shift, st.y1, st.x2 * scale + shift, st.y2, st.width)

        def b(bx: Box) -> Box:
            x0, x1 = bx.x0 * scale + shift, bx.x1 * scale + shift
            return Box(min(x0, x1), bx.y0, max(x0, x1), bx.y1, bx.role)

        return Scene(
            far_arm=tuple(map(s, self.far_arm)),
            far_leg=tuple(map(s, self.far_leg)),
            torso=tuple(map(p, self.torso)),
            neck=s(self.neck),
            head=(self.head[0] * scale + shift, self.head[1], self.head[2]),
            near_leg=tuple(map(s, self.near_leg)),
            near_arm=tuple(map(s, self.near_arm)),
            boxes=tuple(map(b, self.boxes)),
            far_band=tuple(map(s, self.far_band)),
            near_band=tuple(map(s, self.near_band)),
            joints={k: p(v) for k, v in self.joints.items()},
            radii=self.radii,
            floor_top=self.floor_top,
        )


# A Stroke made by tuple.__new__ is the Stroke Stroke(...) makes, without running its
# Python-level __new__ (one call less per stroke, 26 a frame).
_make = tuple.__new__


def _shift_stroke(st: Stroke, dx: float, dy: float) -> Stroke:
    x1, y1, x2, y2, width = st
    return _make(Stroke, (x1 + dx, y1 + dy, x2 + dx, y2 + dy, width))


def _shifted(strokes: tuple[Stroke, ...], dx: float, dy: float) -> tuple[Stroke, ...]:
    return tuple(
        [
            _make(Stroke, (x1 + dx, y1 + dy, x2 + dx, y2 + dy, width))
            for x1, y1, x2, y2, width in strokes
        ]
    )


def _contact_x(fig: Figure, dy: float, floor_top: float) -> float:
    """The mean x of what rests on the floor, weighted by how close it is to it: the
    points of `fig.extent_points()` in its order (the same sums to the last bit), read
    straight from the figure instead of a list of 60 new tuples a frame."""
    total = weighted = 0.0
    for x, y in fig.torso:
        w = 1.0 - (y + dy - floor_top) / CONTACT_BAND  # a radius of 0.0 changes nothing
        if w > 0.0:  # most of the body is well above the floor
            total += w
            weighted += w * x
    x, y, r = fig.head
    w = 1.0 - (y + dy - r - floor_top) / CONTACT_BAND
    if w > 0.0:
        total += w
        weighted += w * x
    for x1, y1, x2, y2, width in (
        *fig.near_leg,
        *fig.far_leg,
        *fig.near_arm,
        *fig.far_arm,
        fig.neck,
    ):
        r = width / 2
        w = 1.0 - (y1 + dy - r - floor_top) / CONTACT_BAND
        if w > 0.0:
            total += w
            weighted += w * x1
        w = 1.0 - (y2 + dy - r - floor_top) / CONTACT_BAND
        if w > 0.0:
            total += w
            weighted += w * x2
    return weighted / total if total else 0.0


def _prop_boxes(
    spec: PropSpec, joints: dict[str, Point], radii: dict[str, float], floor_top: float
) -> tuple[Box, ...]:
    """The shapes of one prop, placed against the part of the body it touches."""
    x, y = joints[spec.at]
    r = radii[spec.at]
    if spec.kind == "wall":
        # Against the back of the legs or the toes: always on the figure's front side.
        face = x + r + 0.5
        return (Box(face, 0.0, face + WALL_THICKNESS, WALL_TOP, "wall"),)
    if spec.kind == "counter":
        top = y - r
        front = x - 14.0
        return (
            Box(front + 3.0, 0.0, front + COUNTER_DEPTH, top - 4.0, "counter"),
            Box(front, top - 4.0, front + COUNTER_DEPTH, top, "counter-top"),
        )
    if spec.kind == "cushion":
        top = max(y - r, floor_top + 3.0)
        half = CUSHION_WIDTH / 2
        return (Box(x - half, floor_top, x + half, top, "cushion"),)
    if spec.kind == "chair":
        seat = y - r
        return (
            Box(x - 20.0, seat - 5.0, x + 18.0, seat, "chair"),
            Box(x - 18.0, 0.0, x - 14.0, seat - 5.0, "chair"),
            Box(x + 12.0, 0.0, x + 16.0, seat - 5.0, "chair"),
            Box(x - 24.0, seat - 5.0, x - 19.0, seat + 42.0, "chair"),
        )
    return ()


def _band(spec: PropSpec, joints: dict[str, Point], side: str) -> Stroke:
    a = joints[f"{side}_{spec.at}"]
    b = joints[f"{side}_{spec.to}"]
    return Stroke(*a, *b, BAND_WIDTH)


def _lerp_boxes(a: tuple[Box, ...], b: tuple[Box, ...], t: float) -> tuple[Box, ...]:
    def mix(p: Box, q: Box) -> Box:
        x, y, w, h = (u + (v - u) * t for u, v in zip(p[:4], q[:4], strict=True))
        return Box(x, y, w, h, p.role)

    return tuple(mix(p, q) for p, q in zip(a, b, strict=True))


def _lerp_stroke(a: Stroke, b: Stroke, t: float) -> Stroke:
    return Stroke(*(u + (v - u) * t for u, v in zip(a, b, strict=True)))


def _pick(specs: Sequence[PropSpec], kind: str) -> PropSpec | None:
    return next((s for s in specs if s.kind == kind), None)


def build_scene(
    angles: Angles,
    *,
    props_from: Sequence[PropSpec] = (),
    props_to: Sequence[PropSpec] = (),
    props_t: float = 1.0,
    equipment: Collection[str] | None = None,
    breath: float = 0.0,
    facing: float = 1.0,
    body: Proportions | None = None,
) -> Scene:
    """Pose the body, stand it on the floor (or mat), centre it and add its props.

    `props_from`/`props_to` are the props of the two key poses being blended, `props_t`
    how far the blend is. `equipment` is what the exercise uses: a prop is drawn only if
    listed (None draws every prop the pose places, and no mat). `facing` -1 mirrors the
    scene for the left side (values between turn the figure round for "switch sides").
    """
    fig = forward(angles, body, breath)
    has_mat = equipment is not None and "mat" in equipment
    floor_top = MAT_THICKNESS if has_mat else 0.0
    dy = floor_top - fig.lowest()
    dx = -_contact_x(fig, dy, floor_top)
    joints = {k: (x + dx, y + dy) for k, (x, y) in fig.joints.items()}

    boxes: list[Box] = []
    near_band: list[Stroke] = []
    far_band: list[Stroke] = []
    kinds = dict.fromkeys(s.kind for s in (*props_from, *props_to))
    for kind in kinds:
        if equipment is not None and kind not in equipment:
            continue
        a, b = _pick(props_from, kind), _pick(props_to, kind)
        if kind == "band":
            for side, out in (("near", near_band), ("far", far_band)):
                ends = [_band(spec, joints, side) for spec in (a, b) if spec]
                out.append(_lerp_stroke(ends[0], ends[1], props_t) if len(ends) == 2 else ends[0])
            continue
        ba = _prop_boxes(a, joints, fig.radii, floor_top) if a else ()
        bb = _prop_boxes(b, joints, fig.radii, floor_top) if b else ()
        boxes += _lerp_boxes(ba, bb, props_t) if ba and bb else ba or bb
    scene = Scene(
        far_arm=_shifted(fig.far_arm, dx, dy),
        far_leg=_shifted(fig.far_leg, dx, dy),
        # Lists, not generators, into tuple(): the torso's 32 points every frame.
        torso=tuple([(x + dx, y + dy) for x, y in fig.torso]),
        neck=_shift_stroke(fig.neck, dx, dy),
        head=(fig.head[0] + dx, fig.head[1] + dy, fig.head[2]),
        near_leg=_shifted(fig.near_leg, dx, dy),
        near_arm=_shifted(fig.near_arm, dx, dy),
        boxes=tuple(boxes),
        far_band=tuple(far_band),
        near_band=tuple(near_band),
        joints=joints,
        radii=fig.radii,
        floor_top=floor_top,
    )
    return scene.map_x(facing) if facing != 1.0 else scene


@dataclass(frozen=True)
class Framing:
    """The part of the scene a picture shows: x from centre - half_width to centre +
    half_width, y from the floor to `top` (model units)."""

    center: float
    half_width: float
    top: float

    def facing(self, facing: float) -> Framing:
        """The framing of the scene mirrored by `facing` (same size, so a figure turning
        round for the other side does not zoom)."""
        if facing == 1.0:
            return self  # the same numbers (x * 1.0 is x), without a new object each frame
        return replace(self, center=self.center * facing)


def frame_scenes(scenes: Iterable[Scene], pad: float = FRAME_PAD) -> Framing:
    """A framing that holds every scene (facing right), with `pad` around."""
    lows, highs, tops = [], [], [FRAME_MIN_TOP]
    for scene in scenes:
        low, high = scene.x_range()
        lows.append(low)
        highs.append(high)
        tops.append(scene.top())
    if not lows:
        return Framing(0.0, 60.0, 180.0)
    low, high = min(lows) - pad, max(highs) + pad
    return Framing((low + high) / 2, (high - low) / 2, max(tops) + pad)
