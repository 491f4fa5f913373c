"""Compile a routine into a Timeline: the flat list of Steps that is the truth of a session.

The player, the speech, the progress bars, `backcare show --json` and the tests all read
these Steps; nothing else decides what happens when.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from backcare_desktop.core.errors import UnknownReferenceError
from backcare_desktop.core.model import (
    BREATH_IN_SECONDS,
    BREATH_OUT_SECONDS,
    Breath,
    Exercise,
    Part,
    Phase,
    Routine,
    RoutineItem,
    Side,
)

StepKind = Literal["get-ready", "move", "hold", "rest", "switch-sides", "done"]

# espeak-ng's default rate is 175 words a minute; a little slower leaves room for the
# pauses at commas and the start-up of each utterance.
WORDS_PER_MINUTE = 165.0
UTTERANCE_OVERHEAD_SECONDS = 0.3

GET_READY_SECONDS = 6.0
# Getting down onto a mat or up off the floor takes longer than changing stretch.
GET_READY_NEW_POSITION_SECONDS = 10.0
SWITCH_SIDES_SECONDS = 4.0
DONE_SECONDS = 5.0
COUNTDOWN_FROM = 3
COUNTDOWN_MIN_HOLD = 6.0
HALFWAY_MIN_HOLD = 20.0
CLOSING_LINE = "That's the routine done. Well done for looking after your back."


@dataclass(frozen=True)
class Cue:
    """Something to say (and caption) `at` seconds into its step."""

    at: float
    text: str


@dataclass(frozen=True)
class Step:
    index: int
    start: float
    seconds: float
    kind: StepKind
    exercise_index: int
    exercise_id: str
    exercise_name: str
    side: Side | None
    set: int
    sets: int
    rep: int
    reps: int
    breath: Breath | None
    cue: str
    cues: tuple[Cue, ...]
    pose_from: str
    pose_to: str
    equipment: tuple[str, ...] = ()

    @property
    def end(self) -> float:
        return self.start + self.seconds


@dataclass(frozen=True)
class ExerciseSpan:
    """Where one exercise of the routine sits on the timeline."""

    index: int
    exercise: Exercise
    start: float
    end: float
    first_step: int
    stop_step: int  # one past the last step

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    steps: tuple[Step, ...]
    spans: tuple[ExerciseSpan, ...]
    _starts: tuple[float, ...] = field(repr=False, compare=False, default=())

    @property
    def duration(self) -> float:
        return self.steps[-1].end if self.steps else 0.0

    def index_at(self, position: float) -> int:
        """The index of the step that is under way at `position` (the last one at the end)."""
        i = bisect.bisect_right(self._starts, position) - 1
        return min(max(i, 0), len(self.steps) - 1)

    def step_at(self, position: float) -> Step:
        return self.steps[self.index_at(position)]

    def needs(self) -> tuple[str, ...]:
        """What a person needs to follow it: equipment, and "standing only" when it is."""
        found: dict[str, None] = {}
        for span in self.spans:
            found.update(dict.fromkeys(span.exercise.equipment))
        if self.spans and all(s.exercise.position == "standing" for s in self.spans):
            found["standing only"] = None
        return tuple(found)

    def to_dict(self) -> dict[str, Any]:
        return {
            "routine": self.routine.id,
            "title": self.routine.title,
            "description": self.routine.description,
            "seconds": round(self.duration, 3),
            "needs": list(self.needs()),
            "exercises": [
                {
                    "index": s.index,
                    "id": s.exercise.id,
                    "name": s.exercise.name,
                    "start": s.start,
                    "seconds": s.seconds,
                }
                for s in self.spans
            ],
            "steps": [_step_dict(step) for step in self.steps],
        }


def _step_dict(step: Step) -> dict[str, Any]:
    data = asdict(step)
    data["cues"] = [{"at": c.at, "text": c.text} for c in step.cues]
    data["equipment"] = list(step.equipment)
    return data


def speaking_seconds(text: str) -> float:
    """About how long `text` takes to say at a normal speaking rate."""
    return UTTERANCE_OVERHEAD_SECONDS + len(text.split()) * 60.0 / WORDS_PER_MINUTE


def fit_cue(seconds: float, *candidates: str) -> str:
    """The first candidate that can be said within `seconds`, else the last (shortest)."""
    for text in candidates:
        if speaking_seconds(text) <= seconds:
            return text
    return candidates[-1]


def apply_item(exercise: Exercise, item: RoutineItem) -> Exercise:
    """The exercise with the routine's dose overrides applied.

    `reps` changes the parts that declare the article's range (or every repeated part when
    none does); `hold_seconds` likewise changes the timed holds.
    """
    if item.reps is None and item.hold_seconds is None and item.sets is None:
        return exercise
    ranged_parts = any(p.reps_range for p in exercise.parts)
    ranged_holds = any(ph.seconds_range for p in exercise.parts for ph in p.phases)
    parts = []
    for part in exercise.parts:
        if item.reps is not None and (part.reps_range if ranged_parts else part.reps > 1):
            part = replace(part, reps=item.reps)
        if item.sets is not None:
            part = replace(part, sets=item.sets)
        if item.hold_seconds is not None:
            phases = tuple(
                replace(ph, seconds=item.hold_seconds)
                if ph.is_hold
                and ph.seconds is not None
                and (ph.seconds_range if ranged_holds else True)
                else ph
                for ph in part.phases
            )
            part = replace(part, phases=phases)
        parts.append(part)
    return replace(exercise, parts=tuple(parts))


class _Builder:
    """Lays steps end to end; keeps the running time and the pose the body is in."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.time = 0.0
        self.pose = ""

    def add(self, **fields: Any) -> None:
        seconds = float(fields.pop("seconds"))
        cue = fields.pop("cue")
        pose_to = fields.pop("pose_to", self.pose)
        extra = tuple(fields.pop("extra_cues", ()))
        step = Step(
            index=len(self.steps),
            start=round(self.time, 6),
            seconds=seconds,
            cue=cue,
            cues=(Cue(0.0, cue), *extra),
            pose_from=self.pose,
            pose_to=pose_to,
            **fields,
        )
        self.steps.append(step)
        self.time += seconds
        self.pose = pose_to


def _hold_cues(seconds: float) -> list[Cue]:
    cues: list[Cue] = []
    if seconds >= HALFWAY_MIN_HOLD:
        cues.append(Cue(seconds / 2, "Halfway"))
    if seconds >= COUNTDOWN_MIN_HOLD:
        for n in range(COUNTDOWN_FROM, 0, -1):
            cues.append(Cue(seconds - n, str(n)))
    return cues


def _rep_sequence(part: Part) -> Iterator[tuple[Side | None, int, int, bool]]:
    """(side, set, rep, switch_before) for every rep of the part, in order."""
    if part.sides == "each":
        both: tuple[Side, Side] = ("right", "left")
        for n, side in enumerate(both):
            for set_no in range(1, part.sets + 1):
                for rep in range(1, part.reps + 1):
                    yield side, set_no, rep, n == 1 and set_no == 1 and rep == 1
    else:
        for set_no in range(1, part.sets + 1):
            for rep in range(1, part.reps + 1):
                turn: Side | None = None
                if part.sides == "alternating":
                    turn = "right" if rep % 2 else "left"
                yield turn, set_no, rep, False


def _first_side(exercise: Exercise) -> Side | None:
    return "right" if any(p.sides != "none" for p in exercise.parts) else None


def _compile_exercise(b: _Builder, index: int, ex: Exercise, previous: Exercise | None) -> None:
    common = {
        "exercise_index": index,
        "exercise_id": ex.id,
        "exercise_name": ex.name,
        "equipment": ex.equipment,
    }
    ready_cue = f"{ex.name}. {ex.setup}"
    base = (
        GET_READY_NEW_POSITION_SECONDS
        if previous is None or previous.position != ex.position
        else GET_READY_SECONDS
    )
    b.pose = ex.start_pose
    b.add(
        kind="get-ready",
        seconds=max(base, round(speaking_seconds(ready_cue) + 1.0)),
        cue=ready_cue,
        side=_first_side(ex),
        set=0,
        sets=0,
        rep=0,
        reps=0,
        breath=None,
        **common,
    )
    for part in ex.parts:
        for side, set_no, rep, switch in _rep_sequence(part):
            if switch:
                b.add(
                    kind="switch-sides",
                    seconds=SWITCH_SIDES_SECONDS,
                    cue="Switch sides",
                    pose_to=ex.start_pose,
                    side=side,
                    set=0,
                    sets=0,
                    rep=0,
                    reps=0,
                    breath=None,
                    **common,
                )
            elif rep == 1 and set_no > 1 and part.rest_seconds > 0:
                b.add(
                    kind="rest",
                    seconds=part.rest_seconds,
                    cue="Rest",
                    side=side,
                    set=set_no,
                    sets=part.sets,
                    rep=0,
                    reps=0,
                    breath=None,
                    **common,
                )
            counted = part.reps > 1
            where = {
                "side": side,
                "set": set_no,
                "sets": part.sets,
                "rep": rep if counted else 0,
                "reps": part.reps if counted else 0,
            }
            for n, phase in enumerate(part.phases):
                count = _count_text(part, side, set_no, rep) if n == 0 else ""
                _compile_phase(b, phase, count, where, common)


def _count_text(part: Part, side: Side | None, set_no: int, rep: int) -> str:
    """What is said before a rep's first cue: the count, and the side when it changes."""
    words = []
    if side and part.sides == "alternating":
        words.append(side.capitalize())
    elif side and set_no == 1 and rep == 1:
        words.append(f"{side.capitalize()} side")
    if part.reps > 1:
        words.append(f"{rep} of {part.reps}")
    return ", ".join(words)


def _compile_phase(
    b: _Builder, phase: Phase, count: str, where: dict[str, Any], common: dict[str, Any]
) -> None:
    kind: StepKind = "hold" if phase.is_hold else "move"
    if phase.breaths is not None:
        # A hold paced by breaths: one step per breath in and per breath out, so the
        # figure and the voice follow each breath.
        for breath_no in range(phase.breaths):
            first = breath_no == 0
            in_cue = _with_count(BREATH_IN_SECONDS, count, phase) if first else "Breathe in"
            b.add(
                kind=kind,
                seconds=BREATH_IN_SECONDS,
                cue=in_cue,
                breath="inhale",
                pose_to=phase.pose,
                **where,
                **common,
            )
            b.add(
                kind=kind,
                seconds=BREATH_OUT_SECONDS,
                cue="And breathe out",
                breath="exhale",
                **where,
                **common,
            )
            count = ""
        return
    seconds = phase.duration
    extra = _hold_cues(seconds) if phase.is_hold else []
    b.add(
        kind=kind,
        seconds=seconds,
        cue=_with_count(seconds, count, phase),
        breath=phase.breath,
        pose_to=phase.pose,
        extra_cues=extra,
        **where,
        **common,
    )


def _with_count(seconds: float, count: str, phase: Phase) -> str:
    if not count:
        return fit_cue(seconds, phase.cue, phase.short)
    return fit_cue(seconds, f"{count}. {phase.cue}", f"{count}. {phase.short}", phase.short)


def compile_routine(routine: Routine, exercises: Mapping[str, Exercise]) -> Timeline:
    """The routine as a Timeline. Raises UnknownReferenceError for a missing exercise."""
    b = _Builder()
    spans: list[ExerciseSpan] = []
    previous: Exercise | None = None
    for index, item in enumerate(routine.items):
        if item.exercise_id not in exercises:
            raise UnknownReferenceError(
                routine.source or routine.id,
                f"exercises[{index}].id",
                f"no exercise called '{item.exercise_id}'",
            )
        exercise = apply_item(exercises[item.exercise_id], item)
        first, start = len(b.steps), b.time
        _compile_exercise(b, index, exercise, previous)
        spans.append(
            ExerciseSpan(index, exercise, round(start, 6), round(b.time, 6), first, len(b.steps))
        )
        previous = exercise
    b.add(
        kind="done",
        seconds=DONE_SECONDS,
        cue=CLOSING_LINE,
        exercise_index=-1,
        exercise_id="",
        exercise_name="",
        side=None,
        set=0,
        sets=0,
        rep=0,
        reps=0,
        breath=None,
    )
    steps = tuple(b.steps)
    return Timeline(routine, steps, tuple(spans), tuple(s.start for s in steps))
