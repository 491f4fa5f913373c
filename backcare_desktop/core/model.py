"""The exercise library's model: plain frozen dataclasses, loaded from TOML by library.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Position = Literal["standing", "seated", "all-fours", "lying-on-back", "lying-on-front", "kneeling"]
Equipment = Literal["mat", "band", "wall", "counter", "cushion", "chair"]
Direction = Literal["flexion", "extension", "rotation", "neutral"]
AvoidTag = Literal["knee-problems", "pregnancy", "wrist-problems", "shoulder-problems"]
# Who a routine is meant for: the conditions an exercise can be skipped for, plus the
# physiotherapist's two kinds of low back pain (see core/safety.py for what each rules out).
Condition = Literal[
    "knee-problems",
    "pregnancy",
    "wrist-problems",
    "shoulder-problems",
    "pain-bending-forward",
    "pain-leaning-back",
]
# What a phase asks of the body beyond its position and spine direction; the safety
# rules read these, and "restful" tells the compiler not to count a hold down.
PhaseTag = Literal[
    "deep-knee-bend",
    "forward-bend",
    "fast-one-sided",
    "balance-hard",
    "deep-belly-sink",
    "belly-pressed",
    "restful",
]
# What an exercise works on and what it is for: when a person's back profile rules one
# out, the closest safe exercise is the one that shares these (core/adaptation.py).
BodyArea = Literal["lower-back", "upper-back", "hips", "legs", "core", "shoulders"]
Purpose = Literal["stretch", "mobility", "strength", "relax"]
Breath = Literal["inhale", "exhale", "hold"]
Sides = Literal["none", "each", "alternating"]
Side = Literal["left", "right"]

POSITIONS: tuple[str, ...] = get_args(Position)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
AVOID_TAGS: tuple[str, ...] = get_args(AvoidTag)
CONDITIONS: tuple[str, ...] = get_args(Condition)
PHASE_TAGS: tuple[str, ...] = get_args(PhaseTag)
BODY_AREAS: tuple[str, ...] = get_args(BodyArea)
PURPOSES: tuple[str, ...] = get_args(Purpose)
BREATHS: tuple[str, ...] = get_args(Breath)
SIDES: tuple[str, ...] = get_args(Sides)

# A breath-paced hold ("hold for one deep breath") lasts this long per breath: a slow
# breath in, then a longer breath out, which is what relaxes a stretch.
BREATH_IN_SECONDS = 3.0
BREATH_OUT_SECONDS = 4.0

# What "FLOOR" positions need: used to say "needs a mat / floor space" on the home screen.
FLOOR_POSITIONS = frozenset({"all-fours", "lying-on-back", "lying-on-front", "kneeling"})


@dataclass(frozen=True)
class Phase:
    """One breath of a rep: the body moves to `pose` while breathing `breath`."""

    breath: Breath
    pose: str
    cue: str
    short: str
    seconds: float | None = None
    breaths: int | None = None
    seconds_range: tuple[float, float] | None = None
    # What the lower spine does in this phase (None in an older file: the safety rules
    # then fall back on the exercise's `directions`).
    spine: Direction | None = None
    tags: tuple[PhaseTag, ...] = ()
    # The same breath and time done another way: `safer` avoids what a condition rules
    # out (e.g. a level back instead of rounding it), `harder` is the next stage of
    # progression (e.g. the squat with arms overhead).
    safer: Phase | None = None
    harder: Phase | None = None
    label: str = ""  # what a `harder` form is called in an offer, e.g. "arms overhead"

    @property
    def is_hold(self) -> bool:
        return self.breath == "hold"

    @property
    def duration(self) -> float:
        if self.breaths is not None:
            return self.breaths * (BREATH_IN_SECONDS + BREATH_OUT_SECONDS)
        assert self.seconds is not None
        return self.seconds


@dataclass(frozen=True)
class Part:
    """A block of an exercise: the phases, repeated `reps` times, in `sets`, on `sides`."""

    phases: tuple[Phase, ...]
    reps: int = 1
    reps_range: tuple[int, int] | None = None
    sets: int = 1
    sides: Sides = "none"
    rest_seconds: float = 0.0
    name: str = ""  # what a person calls this block, e.g. "brisk alternating lunges"


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    position: Position
    equipment: tuple[Equipment, ...]
    directions: tuple[Direction, ...]
    good_for: str
    sources: tuple[str, ...]
    setup: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    avoid_if: tuple[AvoidTag, ...]
    start_pose: str
    parts: tuple[Part, ...]
    targets: tuple[BodyArea, ...] = ()
    purpose: Purpose | None = None

    def pose_ids(self) -> tuple[str, ...]:
        """Every key pose, start first, each once, in the order they are used.

        A phase's safer and harder forms count too: a profile or a progression stage may
        run them, and the figure is framed (and the pictures exported) for every pose.
        """
        seen: dict[str, None] = {self.start_pose: None}
        for part in self.parts:
            for phase in part.phases:
                for form in (phase, phase.safer, phase.harder):
                    if form is not None:
                        seen.setdefault(form.pose, None)
        return tuple(seen)


@dataclass(frozen=True)
class RoutineItem:
    """An exercise in a routine, with optional dose overrides."""

    exercise_id: str
    reps: int | None = None
    hold_seconds: float | None = None
    sets: int | None = None
    stage: int | None = None  # 1: every phase's `harder` form; 0 or None: the base form
    # Set by a person's back profile, never read from a file: the exercise this one
    # stands in for, and what is said (and shown) before it, with the reason.
    adapted_from: str = ""
    note: str = ""


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    description: str
    minutes: float
    items: tuple[RoutineItem, ...]
    source: str = ""  # the file it came from, for error messages
    user: bool = False  # True for a person's own routine in the data dir
    # The conditions the routine is written for (the file's `for`): the compiler uses
    # each phase's safer form for them, and the loader refuses what they rule out.
    audience: tuple[Condition, ...] = ()
