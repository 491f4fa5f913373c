"""Compile a routine into a Timeline: the flat list of Steps that is the truth of a session.

The player, the speech, the progress bars, `backcare show --json` and the tests all read
these Steps; nothing else decides what happens when.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from backcare_desktop.core.cue_text import (
    CLOSING_LINE,
    closing_line,
    count_text,
    names_side,
    part_intro_cue,
    ready_cue,
    switch_sides_cue,
    with_side,
)
from backcare_desktop.core.cues import CueDurations
from backcare_desktop.core.doses import apply_item, rep_sequence
from backcare_desktop.core.errors import UnknownReferenceError
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator, Words
from backcare_desktop.core.model import (
    BREATH_IN_SECONDS,
    BREATH_OUT_SECONDS,
    Breath,
    Exercise,
    Phase,
    Routine,
    RoutineItem,
    Side,
)
from backcare_desktop.core.safety import adapt

StepKind = Literal["get-ready", "move", "hold", "rest", "switch-sides", "done"]

GET_READY_SECONDS = 6.0
# Getting into a new position (onto the mat, or sitting down) takes longer than changing
# stretch; getting down to the floor from standing, or up from it, longer still.
GET_READY_NEW_POSITION_SECONDS = 10.0
GET_READY_FLOOR_CHANGE_SECONDS = 12.0
# Walking over to a wall or a counter, or fetching a band or a chair, on top of that.
FETCH_SECONDS = 8.0
FIXTURES = frozenset({"wall", "counter", "band", "chair"})
SWITCH_SIDES_SECONDS = 4.0
DONE_SECONDS = 5.0
COUNTDOWN_FROM = 3
COUNTDOWN_MIN_HOLD = 6.0
HALFWAY_MIN_HOLD = 20.0
# Lengthening a step so its cue fits goes in steps this size.
LENGTHEN_STEP_SECONDS = 0.5
__all__ = [
    "CLOSING_LINE",
    "Cue",
    "ExerciseSpan",
    "Step",
    "Timeline",
    "apply_item",
    "compile_routine",
]


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
    # For a person's profile: the exercise this step's exercise stands in for, and the
    # words said before it ("Instead of child's pose, because of your knees:").
    adapted_from: str = ""
    adaptation: str = ""

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


class _Builder:
    """Lays steps end to end; keeps the running time and the pose the body is in."""

    def __init__(self, durations: CueDurations, tr: Translator) -> None:
        self.durations = durations
        self.tr = tr
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

    def say(self, seconds: float, *candidates: str) -> tuple[float, str]:
        """The first candidate that fits `seconds`, or the last with the step lengthened."""
        chosen = self.durations.choose(seconds, *candidates)
        if chosen is not None:
            return seconds, chosen
        return max(seconds, self.durations.slot_for(candidates[-1])), candidates[-1]


def _hold_cues(
    seconds: float, durations: CueDurations, tr: Translator, *, countdown: bool
) -> list[Cue]:
    """Halfway and a 3-2-1 countdown, each only if it can be said in its slot."""
    cues: list[Cue] = []
    count_from = COUNTDOWN_FROM if countdown and seconds >= COUNTDOWN_MIN_HOLD else 0
    counts = [Cue(seconds - n, str(n)) for n in range(count_from, 0, -1)]
    if seconds >= HALFWAY_MIN_HOLD:
        halfway = Cue(seconds / 2, tr._("Halfway"))
        until = counts[0].at if counts else seconds
        if durations.fits(halfway.text, until - halfway.at):
            cues.append(halfway)
    # Ask about every count (no short cut), so the cue table records each of them.
    fitting = [durations.fits(c.text, 1.0) for c in counts]
    if all(fitting):
        cues.extend(counts)
    return cues


def _first_side(exercise: Exercise) -> Side | None:
    return "right" if any(p.sides != "none" for p in exercise.parts) else None


def _get_ready_base(ex: Exercise, previous: Exercise | None) -> float:
    """The time a person needs to get from the last exercise into this one's start."""
    if previous is None:
        base = GET_READY_NEW_POSITION_SECONDS
    elif previous.position == ex.position:
        base = GET_READY_SECONDS
    elif "standing" in (previous.position, ex.position):
        base = GET_READY_FLOOR_CHANGE_SECONDS
    else:
        base = GET_READY_NEW_POSITION_SECONDS
    fetch = FIXTURES & set(ex.equipment) - set(previous.equipment if previous else ())
    return base + (FETCH_SECONDS if fetch else 0.0)


def _compile_exercise(
    b: _Builder, index: int, ex: Exercise, previous: Exercise | None, item: RoutineItem
) -> None:
    common = {
        "exercise_index": index,
        "exercise_id": ex.id,
        "exercise_name": ex.name,
        "equipment": ex.equipment,
        "adapted_from": item.adapted_from,
        "adaptation": item.note,
    }
    nothing = {"set": 0, "sets": 0, "rep": 0, "reps": 0, "breath": None}
    b.pose = ex.start_pose
    # The note (why this exercise is here or gentler) comes translated from the planner.
    ready = f"{item.note} {ready_cue(ex, b.tr)}" if item.note else ready_cue(ex, b.tr)
    seconds, cue = b.say(_get_ready_base(ex, previous), ready)
    b.add(kind="get-ready", seconds=seconds, cue=cue, side=_first_side(ex), **nothing, **common)
    for part_no, part in enumerate(ex.parts):
        if part_no > 0 and part.name:
            # A new kind of movement (e.g. brisk lunges after the held ones) is announced,
            # or "1 of 4. Right foot" would come out of nowhere.
            seconds, cue = b.say(SWITCH_SIDES_SECONDS, part_intro_cue(part, b.tr))
            b.add(kind="rest", seconds=seconds, cue=cue, side=None, **nothing, **common)
        for side, set_no, rep, switch in rep_sequence(part):
            if switch:
                seconds, cue = b.say(SWITCH_SIDES_SECONDS, switch_sides_cue(side, b.tr))
                b.add(
                    kind="switch-sides",
                    seconds=seconds,
                    cue=cue,
                    pose_to=ex.start_pose,
                    side=side,
                    **nothing,
                    **common,
                )
            elif rep == 1 and set_no > 1 and part.rest_seconds > 0:
                seconds, cue = b.say(part.rest_seconds, b.tr._("Rest"))
                rest = {**nothing, "set": set_no, "sets": part.sets}
                b.add(kind="rest", seconds=seconds, cue=cue, side=side, **rest, **common)
            # Alternating reps are shown per side, as they are said ("2 of 3", left).
            shown_rep, shown_reps = (
                ((rep + 1) // 2, part.reps // 2)
                if part.sides == "alternating"
                else (rep, part.reps)
            )
            counted = shown_reps > 1
            where = {
                "side": side,
                "set": set_no,
                "sets": part.sets,
                "rep": shown_rep if counted else 0,
                "reps": shown_reps if counted else 0,
            }
            for n, phase in enumerate(part.phases):
                phase = with_side(phase, side, b.tr)
                count = (
                    count_text(part, side, set_no, rep, names_side(part), b.tr) if n == 0 else ""
                )
                _compile_phase(b, phase, count, where, common)


def _candidates(count: str, phase: Phase, *more: str) -> tuple[str, ...]:
    if not count:
        return (phase.cue, phase.short, *more)
    # The count matters more than the words: the last resort keeps it.
    return (f"{count}. {phase.cue}", f"{count}. {phase.short}", f"{count}. {phase.short}")


def _compile_phase(
    b: _Builder, phase: Phase, count: str, where: dict[str, Any], common: dict[str, Any]
) -> None:
    kind: StepKind = "hold" if phase.is_hold else "move"
    if phase.breaths is not None:
        # A hold paced by breaths: one step per breath in and per breath out, so the
        # figure and the voice follow each breath.
        for breath_no in range(phase.breaths):
            first = breath_no == 0
            breathe_in = b.tr._("Breathe in")
            in_cues = _candidates(count, phase, breathe_in) if first else (breathe_in,)
            seconds, in_cue = b.say(BREATH_IN_SECONDS, *in_cues)
            b.add(
                kind=kind,
                seconds=seconds,
                cue=in_cue,
                breath="inhale",
                pose_to=phase.pose,
                **where,
                **common,
            )
            seconds, out_cue = b.say(
                BREATH_OUT_SECONDS, b.tr._("And breathe out"), b.tr._("Breathe out")
            )
            b.add(kind=kind, seconds=seconds, cue=out_cue, breath="exhale", **where, **common)
            count = ""
        return
    seconds = phase.duration
    countdown = phase.is_hold and "restful" not in phase.tags
    candidates = _candidates(count, phase)
    while True:
        extra = _hold_cues(seconds, b.durations, b.tr, countdown=countdown) if phase.is_hold else []
        room = extra[0].at if extra else seconds
        cue = b.durations.choose(room, *candidates)
        if cue is not None:
            break
        if not extra:
            seconds, cue = b.say(seconds, *candidates)
            break
        seconds += LENGTHEN_STEP_SECONDS
    b.add(
        kind=kind,
        seconds=seconds,
        cue=cue,
        breath=phase.breath,
        pose_to=phase.pose,
        extra_cues=extra,
        **where,
        **common,
    )


def compile_routine(
    routine: Routine,
    exercises: Mapping[str, Exercise],
    durations: CueDurations | None = None,
    tr: Translator = ENGLISH_TRANSLATOR,
) -> Timeline:
    """The routine as a Timeline. Raises UnknownReferenceError for a missing exercise.

    Each exercise is adapted to the routine's audience (safer forms of its phases);
    `durations` says how long each cue takes to say (estimates when None), in the
    language of `tr`, which words the counts, sides and closing line. The exercises come
    already translated (content_text.translate_exercise).
    """
    b = _Builder(durations or CueDurations(), tr)
    spans: list[ExerciseSpan] = []
    previous: Exercise | None = None
    for index, item in enumerate(routine.items):
        if item.exercise_id not in exercises:
            raise UnknownReferenceError(
                routine.source or routine.id,
                f"exercises[{index}].id",
                Words("no exercise called '{id}'", id=item.exercise_id),
            )
        exercise, _ = adapt(apply_item(exercises[item.exercise_id], item), routine.audience)
        first, start = len(b.steps), b.time
        _compile_exercise(b, index, exercise, previous, item)
        spans.append(
            ExerciseSpan(index, exercise, round(start, 6), round(b.time, 6), first, len(b.steps))
        )
        previous = exercise
    seconds, cue = b.say(DONE_SECONDS, closing_line(b.tr))
    b.add(
        kind="done",
        seconds=seconds,
        cue=cue,
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
