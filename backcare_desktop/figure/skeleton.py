"""A side-view human skeleton: proportions, joint-angle conventions, forward kinematics.

Plain numbers only (no Qt), so poses can be loaded, interpolated and checked anywhere.

Coordinates are model units (about a centimetre), x forward (the way the figure faces),
y up. The root is the hip joint at (0, 0); grounding and centring happen later (scene.py).

Angles are degrees and anatomical, so a pose file reads like a physiotherapist's note:
every joint is measured from its parent and a positive number is *flexion* (bending
forward / curling up), negative is extension. All zeros is upright standing with the arms
hanging, which is also the fallback picture for an unknown pose.

- pelvis: tilt of the whole body from upright; +90 faces the floor (all fours, lying on
  the front), -90 faces the ceiling (lying on the back, head towards -x).
- lumbar, thoracic: the lower and upper back; + rounds the back, - arches it. The lumbar
  angle also shapes the lower back itself: arching it deepens the hollow of the lower
  back (a gap under it when lying on the back), rounding it fills the hollow out.
- neck, head: + drops the chin, - looks up.
- twist (optional, 0 if not given): turns the chest round the spine; + turns it towards
  the viewer (to the figure's right, the side the viewer sees), - away. A flat side view
  cannot show the turn itself, so it shows what a turned chest looks like from the side:
  a wider upper body, and the near shoulder moved back and the far one forward (the
  other way for -). Side bending cannot be shown at all: it happens across the view.
- hip: + brings the thigh forward/up, - takes it behind. knee: + bends (never -).
- ankle: + lifts the toes towards the shin, - points the foot.
- shoulder: + raises the arm forward (180 = overhead), - takes it behind. elbow: + bends.
- wrist: + turns the hand towards the front of the forearm (90 = hand flat on the floor in
  front of a straight, vertical arm).
- *_scale (0.4-1): foreshortens a whole limb, for a limb that swings towards the viewer
  (knees rolled to the side) which a flat side view would otherwise show at full length.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from math import cos, pi, radians, sin
from operator import attrgetter
from typing import NamedTuple, cast

Point = tuple[float, float]


class Angles(NamedTuple):
    """A key pose as joint angles; all zeros is standing. See the module doc for signs."""

    pelvis: float = 0.0
    lumbar: float = 0.0
    thoracic: float = 0.0
    neck: float = 0.0
    head: float = 0.0
    twist: float = 0.0
    near_hip: float = 0.0
    near_knee: float = 0.0
    near_ankle: float = 0.0
    near_leg_scale: float = 1.0
    far_hip: float = 0.0
    far_knee: float = 0.0
    far_ankle: float = 0.0
    far_leg_scale: float = 1.0
    near_shoulder: float = 0.0
    near_elbow: float = 0.0
    near_wrist: float = 0.0
    near_arm_scale: float = 1.0
    far_shoulder: float = 0.0
    far_elbow: float = 0.0
    far_wrist: float = 0.0
    far_arm_scale: float = 1.0


# The range a healthy body can reach (a little generous): a pose outside it is a typo or
# a knee bending backwards, and the loader says so instead of drawing it.
BODY_RANGES: dict[str, tuple[float, float]] = {
    "pelvis": (-180.0, 180.0),
    "lumbar": (-45.0, 60.0),
    "thoracic": (-40.0, 60.0),
    "neck": (-60.0, 70.0),
    "head": (-40.0, 40.0),
    "twist": (-60.0, 60.0),
}
BODY_DEFAULTS: dict[str, float] = {"twist": 0.0}
LEG_RANGES: dict[str, tuple[float, float]] = {
    "hip": (-45.0, 165.0),
    "knee": (0.0, 160.0),
    # The drawn foot is a flat bar, so a foot lying flat behind a kneeling or prone
    # body needs more pointing than a real ankle has.
    "ankle": (-90.0, 45.0),
    "scale": (0.4, 1.0),
}
ARM_RANGES: dict[str, tuple[float, float]] = {
    "shoulder": (-80.0, 200.0),
    "elbow": (0.0, 160.0),
    "wrist": (-90.0, 110.0),
    "scale": (0.4, 1.0),
}


@dataclass(frozen=True)
class Proportions:
    """Segment lengths and drawn thicknesses, in model units (a 170-unit tall adult)."""

    lumbar: float = 20.0
    thoracic: float = 30.0
    neck: float = 8.0
    head_radius: float = 12.0
    head_offset: float = 8.0  # neck top to head centre, along the head
    head_forward: float = 2.0  # the skull sits a little in front of the neck
    shoulder_drop: float = 5.0  # neck base to shoulder joint, down the back
    shoulder_width: float = 34.0  # one shoulder joint to the other, seen from the front
    chest_width: float = 32.0  # the upper body seen from the front (it is 17 deep)
    thigh: float = 43.0
    shin: float = 41.0
    ankle_height: float = 7.0  # ankle joint above the sole
    heel: float = 4.0  # heel behind the ankle
    toe: float = 17.0  # toes in front of the ankle
    upper_arm: float = 29.0
    forearm: float = 25.0
    hand: float = 10.0
    thigh_width: float = 15.0
    shin_width: float = 11.0
    foot_width: float = 7.0
    upper_arm_width: float = 10.0
    forearm_width: float = 8.5
    hand_width: float = 6.5
    neck_width: float = 9.0
    # Torso half-thickness (front, back) at fractions of the hip -> neck-base curve:
    # the buttock behind the hip, the belly, the chest in front of the upper back.
    torso_profile: tuple[tuple[float, float, float], ...] = (
        (0.0, 8.0, 10.5),
        (0.3, 8.0, 8.0),
        (0.6, 10.0, 8.5),
        (0.8, 11.0, 9.0),
        (1.0, 7.0, 8.0),
    )
    chest_breath: float = 0.15  # how much the chest front grows on a full breath in
    # How much deeper the hollow of the lower back gets per degree of lumbar extension
    # (less deep per degree of flexion). The hollow is drawn, not the joints: a pelvic
    # tilt moves the lower back and nothing above it.
    lordosis_per_degree: float = 0.18


class Stroke(NamedTuple):
    """A limb segment drawn as a thick line with round caps."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float


@dataclass(frozen=True)
class Figure:
    """The posed body as drawable geometry (model units, hip joint at the origin)."""

    joints: dict[str, Point]
    torso: tuple[Point, ...]  # closed outline
    neck: Stroke
    head: tuple[float, float, float]  # centre x, y, radius
    near_leg: tuple[Stroke, ...]
    far_leg: tuple[Stroke, ...]
    near_arm: tuple[Stroke, ...]
    far_arm: tuple[Stroke, ...]
    radii: dict[str, float]  # drawn half-thickness at each joint, for props that touch it

    def lowest(self) -> float:
        """The lowest y any drawn part reaches."""
        # A list, not a generator, into min(); strokes unpacked (no attribute look-ups):
        # this runs every frame.
        low = min([y for _, y in self.torso])
        low = min(low, self.head[1] - self.head[2])
        for _, y1, _, y2, width in (
            *self.near_leg,
            *self.far_leg,
            *self.near_arm,
            *self.far_arm,
            self.neck,
        ):
            r = width / 2
            low = min(low, y1 - r, y2 - r)
        return low

    def extent_points(self) -> list[tuple[float, float, float]]:
        """(x, y, radius) samples covering every drawn part (for bounds and contacts)."""
        pts = [(x, y, 0.0) for x, y in self.torso]
        pts.append(self.head)
        for s in (*self.near_leg, *self.far_leg, *self.near_arm, *self.far_arm, self.neck):
            pts.append((s.x1, s.y1, s.width / 2))
            pts.append((s.x2, s.y2, s.width / 2))
        return pts


# tuple.__new__ makes the Stroke that Stroke(...) makes, without NamedTuple's Python-level
# __new__ (13 strokes a frame).
_make = tuple.__new__


def _at(p: Point, length: float, degrees: float) -> Point:
    # cos and sin inline (not a helper returning both): one call and one tuple less, 24
    # times a frame.
    r = radians(degrees)
    return p[0] + cos(r) * length, p[1] + sin(r) * length


def _profile(profile: tuple[tuple[float, float, float], ...], t: float) -> tuple[float, float]:
    for (t0, f0, b0), (t1, f1, b1) in pairwise(profile):
        if t <= t1:
            k = 0.0 if t1 == t0 else (t - t0) / (t1 - t0)
            return f0 + (f1 - f0) * k, b0 + (b1 - b0) * k
    return profile[-1][1], profile[-1][2]


def _twist_at(twist: float, t: float) -> float:
    """How far the body is turned at a fraction `t` of the hip -> neck curve: the hips
    stay square and the chest takes the whole turn (most rotation is in the upper back)."""
    return twist * min(1.0, max(0.0, (t - 0.2) / 0.6))


@lru_cache(maxsize=8)
def _torso_samples(
    profile: tuple[tuple[float, float, float], ...], samples: int
) -> tuple[tuple[float, ...], ...]:
    """What each sample of the torso outline needs that depends only on where along the
    spine it is: computed once per body, not 30 times a second (the same arithmetic as
    before, so the outline is the same to the last bit)."""
    rows = []
    for i in range(samples + 1):
        t = i / samples
        f, bk = _profile(profile, t)
        hollow = sin(2 * pi * t) ** 2 if t < 0.5 else -1.0
        chest = max(0.0, 1 - abs(t - 0.75) / 0.3)
        rows.append(
            (t, (1 - t) ** 2, 2 * t * (1 - t), t * t, 2 * (1 - t), 2 * t, f, bk, hollow, chest)
        )
    return tuple(rows)


# The half-round ends of the torso: cos and sin of 30, 60 ... 150 degrees.
_CAP_TURNS = tuple((cos(radians(180.0 * k / 6)), sin(radians(180.0 * k / 6))) for k in range(1, 6))


def _torso_outline(
    hip: Point,
    waist: Point,
    top: Point,
    body: Proportions,
    breath: float,
    twist: float = 0.0,
    lumbar: float = 0.0,
    samples: int = 10,
) -> tuple[Point, ...]:
    """A smooth torso around the spine: a quadratic curve from the hip through the waist
    to the neck base, thickened by the profile, with rounded ends. Drawing the torso as a
    shape (not a line) is what lets a rounded or arched back read at a glance."""
    cx = 2 * waist[0] - (hip[0] + top[0]) / 2
    cy = 2 * waist[1] - (hip[1] + top[1]) / 2
    hx, hy = hip
    ox, oy = top
    front: list[Point] = []
    back: list[Point] = []
    ends: list[tuple[Point, Point, float, float]] = []
    deepen = lumbar * body.lordosis_per_degree
    fill = body.chest_breath * breath
    last = samples
    for i, (t, a, b, c, u, v, f, bk, hollow, chest) in enumerate(
        _torso_samples(body.torso_profile, samples)
    ):
        x = a * hx + b * cx + c * ox
        y = a * hy + b * cy + c * oy
        tx = u * (cx - hx) + v * (ox - cx)
        ty = u * (cy - hy) + v * (oy - cy)
        norm = (tx * tx + ty * ty) ** 0.5 or 1.0
        tx, ty = tx / norm, ty / norm
        nx, ny = ty, -tx  # the front: the tangent turned clockwise
        if hollow >= 0.0:
            # The hollow sits in the lumbar half of the curve (the waist is at t = 0.5),
            # deepest in its middle and fading out smoothly at both ends.
            bk = max(1.0, bk + deepen * hollow)  # a deep arch thins the back, never inverts it
        if twist:
            # A turned chest shows part of its width: the side-on depth and the width
            # seen edge-on add up like the sides of a right triangle.
            turn = radians(_twist_at(twist, t))
            half_width = body.chest_width / 2
            f = ((f * cos(turn)) ** 2 + (half_width * sin(turn)) ** 2) ** 0.5
            bk = ((bk * cos(turn)) ** 2 + (half_width * sin(turn)) ** 2) ** 0.5
        # Breathing in fills the chest (upper half of the torso), not the belly.
        f *= 1 + fill * chest
        front.append((x + nx * f, y + ny * f))
        back.append((x - nx * bk, y - ny * bk))
        if i == 0 or i == last:
            ends.append(((x, y), (tx, ty), f, bk))
    outline = front
    outline += _cap(ends[1], forward=True)
    outline += reversed(back)
    outline += _cap(ends[0], forward=False)
    return tuple(outline)


def _cap(end: tuple[Point, Point, float, float], *, forward: bool) -> list[Point]:
    """A half-round end from the back edge to the front edge (or the reverse)."""
    (x, y), (tx, ty), f, b = end
    nx, ny = ty, -tx
    r = (f + b) / 2
    ox, oy = x + nx * (f - b) / 2, y + ny * (f - b) / 2
    sign = 1.0 if forward else -1.0
    pts = []
    for cos_a, sin_a in _CAP_TURNS:
        # Sweep from the front edge round the end to the back edge (top), or back to
        # front (bottom), so the outline stays one simple loop.
        side = cos_a if forward else -cos_a
        pts.append(
            (
                ox + nx * r * side + sign * tx * r * sin_a,
                oy + ny * r * side + sign * ty * r * sin_a,
            )
        )
    return pts


_SIDES = ("near", "far")
# The names a side's angles and joints go by, spelt out once rather than every frame.
# attrgetter: the four angles of a limb in one call, not a generator of getattr().
_LEG_ANGLES = {
    s: attrgetter(*(f"{s}_{k}" for k in ("hip", "knee", "ankle", "leg_scale"))) for s in _SIDES
}
_LEG_JOINTS = {s: tuple(f"{s}_{k}" for k in ("knee", "ankle", "heel", "toe")) for s in _SIDES}
_ARM_ANGLES = {
    s: attrgetter(*(f"{s}_{k}" for k in ("shoulder", "elbow", "wrist", "arm_scale")))
    for s in _SIDES
}
_ARM_JOINTS = {s: tuple(f"{s}_{k}" for k in ("elbow", "wrist", "hand")) for s in _SIDES}


def _leg(
    a: Angles, side: str, hip_pt: Point, pelvis_up: float, body: Proportions
) -> tuple[dict[str, Point], tuple[Stroke, ...]]:
    hip, knee, ankle, scale = cast(tuple[float, float, float, float], _LEG_ANGLES[side](a))
    thigh_dir = pelvis_up - 180.0 + hip
    knee_pt = _at(hip_pt, body.thigh * scale, thigh_dir)
    shin_dir = thigh_dir - knee
    ankle_pt = _at(knee_pt, body.shin * scale, shin_dir)
    foot_dir = shin_dir + 90.0 + ankle
    # The foot stroke runs along the middle of the foot, half its width above the sole.
    drop = (body.ankle_height - body.foot_width / 2) * scale
    sole = _at(ankle_pt, drop, foot_dir - 90.0)
    heel = _at(sole, body.heel * scale, foot_dir + 180.0)
    toe = _at(sole, body.toe * scale, foot_dir)
    joints = dict(zip(_LEG_JOINTS[side], (knee_pt, ankle_pt, heel, toe), strict=True))
    strokes = (
        _make(Stroke, (*hip_pt, *knee_pt, body.thigh_width)),
        _make(Stroke, (*knee_pt, *ankle_pt, body.shin_width)),
        _make(Stroke, (*heel, *toe, body.foot_width)),
    )
    return joints, strokes


def _arm(
    a: Angles, side: str, shoulder_pt: Point, thoracic_dir: float, body: Proportions
) -> tuple[dict[str, Point], tuple[Stroke, ...]]:
    shoulder, elbow, wrist, scale = cast(tuple[float, float, float, float], _ARM_ANGLES[side](a))
    upper_dir = thoracic_dir - 180.0 + shoulder
    elbow_pt = _at(shoulder_pt, body.upper_arm * scale, upper_dir)
    fore_dir = upper_dir + elbow
    wrist_pt = _at(elbow_pt, body.forearm * scale, fore_dir)
    hand_pt = _at(wrist_pt, body.hand * scale, fore_dir + wrist)
    joints = dict(zip(_ARM_JOINTS[side], (elbow_pt, wrist_pt, hand_pt), strict=True))
    strokes = (
        _make(Stroke, (*shoulder_pt, *elbow_pt, body.upper_arm_width)),
        _make(Stroke, (*elbow_pt, *wrist_pt, body.forearm_width)),
        _make(Stroke, (*wrist_pt, *hand_pt, body.hand_width)),
    )
    return joints, strokes


@lru_cache(maxsize=1)
def _default_body() -> Proportions:
    # One shared instance (it is frozen): a new one each frame also hashed anew for
    # the caches below.
    return Proportions()


@lru_cache(maxsize=8)
def _radii(body: Proportions) -> tuple[tuple[str, float], ...]:
    """The drawn half-thickness at each joint: the body's, the same every frame."""
    radii = {
        "hip": body.torso_profile[0][2],
        "waist": 8.0,
        "neck": body.neck_width / 2,
        "head": body.head_radius,
        "shoulder": body.upper_arm_width / 2,
    }
    # Where two strokes meet, the thicker end cap is what touches a floor or a prop.
    for side in _SIDES:
        radii.update(
            {
                f"{side}_knee": max(body.thigh_width, body.shin_width) / 2,
                f"{side}_ankle": body.shin_width / 2,
                f"{side}_heel": body.foot_width / 2,
                f"{side}_toe": body.foot_width / 2,
                f"{side}_elbow": max(body.upper_arm_width, body.forearm_width) / 2,
                f"{side}_wrist": max(body.forearm_width, body.hand_width) / 2,
                f"{side}_hand": body.hand_width / 2,
            }
        )
    return tuple(radii.items())


def forward(angles: Angles, body: Proportions | None = None, breath: float = 0.0) -> Figure:
    """Joint angles -> drawable geometry. `breath` 0..1 is how full the chest is."""
    body = body or _default_body()
    hip: Point = (0.0, 0.0)
    pelvis_up = 90.0 - angles.pelvis
    lumbar_dir = pelvis_up - angles.lumbar
    thoracic_dir = lumbar_dir - angles.thoracic
    neck_dir = thoracic_dir - angles.neck
    head_dir = neck_dir - angles.head
    waist = _at(hip, body.lumbar, lumbar_dir)
    neck_base = _at(waist, body.thoracic, thoracic_dir)
    neck_top = _at(neck_base, body.neck, neck_dir)
    head_c = _at(_at(neck_top, body.head_offset, head_dir), body.head_forward, head_dir - 90)
    shoulder = _at(neck_base, body.shoulder_drop, thoracic_dir + 180.0)
    # Turning the chest towards the viewer takes the near shoulder back and brings the
    # far one forward, along the chest's front direction.
    shift = body.shoulder_width / 2 * sin(radians(angles.twist))
    shoulders = {
        "near": _at(shoulder, -shift, thoracic_dir - 90.0),
        "far": _at(shoulder, shift, thoracic_dir - 90.0),
    }
    joints: dict[str, Point] = {
        "hip": hip,
        "waist": waist,
        "neck": neck_base,
        "head": head_c,
        "shoulder": shoulder,
    }
    legs = {side: _leg(angles, side, hip, pelvis_up, body) for side in _SIDES}
    arms = {side: _arm(angles, side, shoulders[side], thoracic_dir, body) for side in _SIDES}
    for part_joints, _ in (*legs.values(), *arms.values()):
        joints.update(part_joints)
    radii = dict(_radii(body))
    return Figure(
        joints=joints,
        torso=_torso_outline(hip, waist, neck_base, body, breath, angles.twist, angles.lumbar),
        neck=_make(Stroke, (*neck_base, *neck_top, body.neck_width)),
        head=(head_c[0], head_c[1], body.head_radius),
        near_leg=legs["near"][1],
        far_leg=legs["far"][1],
        near_arm=arms["near"][1],
        far_arm=arms["far"][1],
        radii=radii,
    )


ANCHORS: tuple[str, ...] = (
    "hip",
    "waist",
    "neck",
    "head",
    "shoulder",
    *(
        f"{side}_{joint}"
        for side in _SIDES
        for joint in ("knee", "ankle", "heel", "toe", "elbow", "wrist", "hand")
    ),
)
