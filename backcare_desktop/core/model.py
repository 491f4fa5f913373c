"""The exercise library's model: plain frozen dataclasses, loaded from TOML by library.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Position = Literal["standing", "seated", "all-fours", "lying-on-back", "lying-on-front", "kneeling"]
Equipment = Literal["mat", "band", "wall", "counter", "cushion", "chair"]
Direction = Literal["flexion", "extension", "rotation", "neutral"]
AvoidTag = Literal["knee-problems", "pregnancy", "wrist-problems", "shoulder-problems"]
Breath = Literal["inhale", "exhale", "hold"]
Sides = Literal["none", "each", "alternating"]
Side = Literal["left", "right"]

POSITIONS: tuple[str, ...] = get_args(Position)
EQUIPMENT: tuple[str, ...] = get_args(Equipment)
DIRECTIONS: tuple[str, ...] = get_args(Direction)
AVOID_TAGS: tuple[str, ...] = get_args(AvoidTag)
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

    def pose_ids(self) -> tuple[str, ...]:
        """Every key pose, start first, each once, in the order they are used."""
        seen: dict[str, None] = {self.start_pose: None}
        for part in self.parts:
            for phase in part.phases:
                seen.setdefault(phase.pose, None)
        return tuple(seen)


@dataclass(frozen=True)
class RoutineItem:
    """An exercise in a routine, with optional dose overrides."""

    exercise_id: str
    reps: int | None = None
    hold_seconds: float | None = None
    sets: int | None = None


@dataclass(frozen=True)
class Routine:
    id: str
    title: str
    description: str
    minutes: float
    items: tuple[RoutineItem, ...]
    source: str = ""  # the file it came from, for error messages
    user: bool = False  # True for a person's own routine in the data dir
