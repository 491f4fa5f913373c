"""Key poses: loading them from `assets/poses/*.toml`, easing and interpolating between them.

A pose file (format 1) holds plain numbers; see skeleton.py for what each angle means:

    format = 1
    id = "cat-round"
    description = "On hands and knees, back rounded up, head dropped."
    [body]
    pelvis = 75
    lumbar = 20
    thoracic = 20
    neck = 30
    head = 10
    twist = 0           # optional: turns the chest (see skeleton.py)
    [legs]              # both legs; or [near_leg] and [far_leg] separately
    hip = 75
    knee = 90
    ankle = -55
    [arms]              # both arms; or [near_arm] and [far_arm]
    shoulder = 100
    elbow = 0
    wrist = 90
    [[props]]           # where a prop goes if the exercise uses it
    kind = "cushion"
    at = "head"

Loading is strict: unknown keys, missing angles, wrong types and angles a body cannot
reach are all reported with the file and the field, and the file is skipped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from math import cos, pi
from pathlib import Path
from typing import Any

from backcare_desktop.core.errors import FormatError, LoadError, SchemaError
from backcare_desktop.core.reading import load_toml, toml_files
from backcare_desktop.core.schema import MAX_TEXT_CHARS, id_problem
from backcare_desktop.figure.skeleton import (
    ANCHORS,
    ARM_RANGES,
    BODY_DEFAULTS,
    BODY_RANGES,
    LEG_RANGES,
    Angles,
)

FORMAT_VERSION = 1
# Props a pose can place; the exercise's equipment decides whether each is drawn.
PROP_KINDS: tuple[str, ...] = ("wall", "counter", "band", "cushion", "chair")
# Band ends name a limb point without near_/far_: the band runs on both sides.
BAND_POINTS: tuple[str, ...] = ("knee", "ankle", "heel", "toe", "elbow", "wrist", "hand")
STANDING = "standing"


@dataclass(frozen=True)
class PropSpec:
    """Where a prop goes, relative to a point of the figure (see scene.py for shapes)."""

    kind: str
    at: str  # an anchor (skeleton.ANCHORS); for a band, the hand end ("hand")
    to: str = ""  # band only: the other end ("toe")


@dataclass(frozen=True)
class Pose:
    id: str
    description: str
    angles: Angles
    props: tuple[PropSpec, ...] = ()
    source: str = ""


@dataclass
class PoseLibrary:
    """Every pose that loaded, and what was wrong with the ones that did not."""

    poses: dict[str, Pose] = field(default_factory=dict)
    problems: list[LoadError] = field(default_factory=list)

    def get(self, pose_id: str) -> Pose | None:
        return self.poses.get(pose_id)

    def fallback(self) -> Pose:
        """What to draw for a pose that does not exist: standing (all zeros if even
        standing is missing, which draws the same thing)."""
        return self.poses.get(STANDING) or Pose(STANDING, "Standing tall.", Angles())


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, str):
        return f"text ('{value}')"
    return "a table" if isinstance(value, dict) else type(value).__name__


class _Reader:
    """Collects every problem in one file (file + dotted field + what is wrong)."""

    def __init__(self, path: Path, problems: list[LoadError]) -> None:
        self.path = path
        self.problems = problems
        self.count = 0

    def problem(self, key: str, text: str, kind: type[LoadError] = SchemaError) -> None:
        self.problems.append(kind(self.path, key, text))
        self.count += 1

    def unknown(self, data: dict[str, Any], known: Iterable[str], prefix: str = "") -> None:
        for key in sorted(set(data) - set(known)):
            self.problem(f"{prefix}{key}", "is not a known field (check the spelling)")

    def text(self, data: dict[str, Any], key: str, prefix: str = "") -> str | None:
        value = data.get(key)
        if value is None:
            self.problem(prefix + key, "is missing")
        elif not isinstance(value, str) or not value.strip():
            self.problem(prefix + key, f"must be non-empty text, not {_describe(value)}")
        elif len(value) > MAX_TEXT_CHARS:
            self.problem(prefix + key, f"is {len(value)} characters; at most {MAX_TEXT_CHARS}")
        else:
            return value.strip()
        return None

    def angles(
        self,
        data: Any,
        name: str,
        ranges: dict[str, tuple[float, float]],
        defaults: dict[str, float],
    ) -> dict[str, float]:
        """The angles of one table; every key but a limb's `scale` must be given."""
        if not isinstance(data, dict):
            self.problem(name, f"must be a table ([{name}]), not {_describe(data)}")
            return {}
        self.unknown(data, ranges, f"{name}.")
        values: dict[str, float] = {}
        for key, (low, high) in ranges.items():
            value = data.get(key, defaults.get(key))
            where = f"{name}.{key}"
            if value is None:
                self.problem(where, "is missing (give the angle in degrees)")
            elif isinstance(value, bool) or not isinstance(value, int | float):
                self.problem(where, f"must be a number, not {_describe(value)}")
            elif not low <= value <= high:
                why = " (a knee or elbow only bends one way)" if low == 0 else ""
                self.problem(
                    where, f"{value} is impossible: it must be from {low:g} to {high:g}{why}"
                )
            else:
                values[key] = float(value)
        return values


def _limbs(
    r: _Reader,
    data: dict[str, Any],
    both: str,
    ranges: dict[str, tuple[float, float]],
    out: dict[str, float],
) -> None:
    """[legs] for both legs, or [near_leg] and [far_leg]; likewise for arms."""
    near, far = f"near_{both[:-1]}", f"far_{both[:-1]}"
    scale_key = f"{both[:-1]}_scale"
    given = [key for key in (both, near, far) if key in data]
    if both in data and len(given) > 1:
        r.problem(both, f"give either [{both}] or [{near}] and [{far}], not both")
        return
    if not given:
        r.problem(both, f"is missing: give [{both}] (or [{near}] and [{far}])")
        return
    if both not in data and len(given) == 1:
        r.problem(far if near in data else near, "is missing (the other side is given)")
        return
    shared = r.angles(data[both], both, ranges, {"scale": 1.0}) if both in data else None
    for side in ("near", "far"):
        name = f"{side}_{both[:-1]}"
        values = (
            shared if shared is not None else r.angles(data[name], name, ranges, {"scale": 1.0})
        )
        for key, value in values.items():
            out[f"{side}_{scale_key if key == 'scale' else key}"] = value


def _props(r: _Reader, data: Any) -> tuple[PropSpec, ...]:
    if data is None:
        return ()
    if not isinstance(data, list) or not all(isinstance(p, dict) for p in data):
        r.problem("props", "must be a list of tables ([[props]])")
        return ()
    specs: list[PropSpec] = []
    for i, item in enumerate(data):
        prefix = f"props[{i}]."
        kind = r.text(item, "kind", prefix)
        if kind is not None and kind not in PROP_KINDS:
            r.problem(prefix + "kind", f"'{kind}' is not one of: {', '.join(PROP_KINDS)}")
            continue
        r.unknown(item, ("kind", "at", "to") if kind == "band" else ("kind", "at"), prefix)
        at = r.text(item, "at", prefix)
        to = r.text(item, "to", prefix) if kind == "band" else ""
        points = BAND_POINTS if kind == "band" else ANCHORS
        for key, value in (("at", at), ("to", to)):
            if value and value not in points:
                r.problem(
                    prefix + key,
                    f"'{value}' is not a point of the figure: one of {', '.join(points)}",
                )
        if kind and at and (to or kind != "band"):
            specs.append(PropSpec(kind, at, to or ""))
    if len({s.kind for s in specs}) != len(specs):
        r.problem("props", "places the same kind of prop twice")
    return tuple(specs)


def parse_pose(path: Path, problems: list[LoadError]) -> Pose | None:
    """The pose in `path`, or None with every reason appended to `problems`."""
    r = _Reader(path, problems)
    try:
        data = load_toml(path)
    except FormatError as e:
        r.problems.append(e)
        return None
    version = data.get("format")
    if version != FORMAT_VERSION:
        r.problem(
            "format",
            f"must be {FORMAT_VERSION} (this BackCare reads pose format "
            f"{FORMAT_VERSION}), not {version!r}",
            FormatError,
        )
        return None
    r.unknown(
        data,
        (
            "format",
            "id",
            "description",
            "body",
            "legs",
            "near_leg",
            "far_leg",
            "arms",
            "near_arm",
            "far_arm",
            "props",
        ),
    )
    pose_id = r.text(data, "id")
    bad_id = id_problem(pose_id) if pose_id is not None else None
    if bad_id:
        r.problem("id", bad_id)
    elif pose_id is not None and pose_id != path.stem:
        r.problem("id", f"'{pose_id}' must match the file name '{path.stem}'")
    description = r.text(data, "description")
    values: dict[str, float] = {}
    if "body" in data:
        values.update(r.angles(data["body"], "body", BODY_RANGES, BODY_DEFAULTS))
    else:
        r.problem("body", "is missing: give [body] with pelvis, lumbar, thoracic, neck, head")
    _limbs(r, data, "legs", LEG_RANGES, values)
    _limbs(r, data, "arms", ARM_RANGES, values)
    props = _props(r, data.get("props"))
    if r.count or pose_id is None or description is None:
        return None
    return Pose(pose_id, description, Angles(**values), props, str(path))


def load_pose_library(poses_dir: Path) -> PoseLibrary:
    """Every `*.toml` pose in `poses_dir`; a bad file is reported and skipped."""
    library = PoseLibrary()
    for path in toml_files(poses_dir, library.problems):
        pose = parse_pose(path, library.problems)
        if pose is not None:
            library.poses[pose.id] = pose
    if not library.poses and not library.problems:
        library.problems.append(FormatError(poses_dir, "", "holds no pose files"))
    return library


def ease(t: float) -> float:
    """Ease in and out (half a cosine): starts and ends at rest, like a breath."""
    t = min(1.0, max(0.0, t))
    return 0.5 - 0.5 * cos(pi * t)


def interpolate(a: Angles, b: Angles, t: float) -> Angles:
    """The pose a fraction `t` (0..1, already eased) of the way from `a` to `b`.

    Joint angles blend linearly, so a limb whose world direction is the same in both
    poses (a thigh kept vertical while the pelvis tilts) keeps it all the way through.
    """
    t = min(1.0, max(0.0, t))
    # This form gives exactly `a` at 0 and exactly `b` at 1 (x + (y - x) * t may not).
    return Angles(*(x * (1.0 - t) + y * t for x, y in zip(a, b, strict=True)))


def breath_cycle(seconds: float, inhale: float = 3.0, exhale: float = 4.0) -> float:
    """How full the chest is (0..1) `seconds` into easy breathing while holding still:
    a slow breath in, then a longer breath out."""
    period = inhale + exhale
    s = seconds % period
    if s < inhale:
        return ease(s / inhale)
    return 1.0 - ease((s - inhale) / exhale)
