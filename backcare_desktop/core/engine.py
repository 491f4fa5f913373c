"""SessionEngine: runs a Timeline against a Clock and tells listeners what happens.

The position is always computed from the clock (anchor + elapsed), never by counting
ticks, so a late or missed tick cannot make the session drift. `poll()` is called by
whoever drives the view (the UI's one ticker, a test's loop); it fires the events for
everything that happened since the previous poll.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from backcare_desktop.core.clock import Clock
from backcare_desktop.core.events import ErrorHandler, Listeners, Unsubscribe
from backcare_desktop.core.timeline import Cue, ExerciseSpan, Step, Timeline

Status = Literal["ready", "running", "paused", "finished", "stopped"]
Outcome = Literal["completed", "skipped"]
SessionOutcome = Literal["completed", "stopped"]

# Within this many seconds of an exercise's start, "back" goes to the previous exercise
# (as a music player's back button does); later, it restarts the current one.
BACK_RESTARTS_AFTER = 3.0
# A cue more than this late (the GUI was blocked, the laptop slept) is dropped, not said.
CUE_STALE_AFTER = 1.0
# A countdown number or "Halfway" stays in the caption this long after it was said.
CAPTION_SECONDS = 1.5


@dataclass(frozen=True)
class StepStarted:
    step: Step


@dataclass(frozen=True)
class CueDue:
    step: Step
    cue: Cue
    position: float  # session position when the cue was due


@dataclass(frozen=True)
class CutSpeech:
    reason: Literal["skip", "back", "restart", "pause", "stop", "finished"]


@dataclass(frozen=True)
class ExerciseRecord:
    index: int
    exercise_id: str
    name: str
    outcome: Outcome
    active_seconds: float  # time on the timeline spent in the exercise


@dataclass(frozen=True)
class ExerciseFinished:
    record: ExerciseRecord


@dataclass(frozen=True)
class SessionReport:
    routine_id: str
    outcome: SessionOutcome
    active_seconds: float  # time spent following (pauses not counted)
    elapsed_seconds: float  # clock time from start to end, pauses included
    exercises: tuple[ExerciseRecord, ...]

    @property
    def completed(self) -> int:
        return sum(r.outcome == "completed" for r in self.exercises)

    @property
    def skipped(self) -> int:
        return sum(r.outcome == "skipped" for r in self.exercises)


@dataclass(frozen=True)
class SessionFinished:
    report: SessionReport


@dataclass(frozen=True)
class SessionStarted:
    routine_id: str


Event = SessionStarted | StepStarted | CueDue | CutSpeech | ExerciseFinished | SessionFinished
Listener = Callable[[Event], None]


@dataclass(frozen=True)
class EngineState:
    """What a player needs to draw one frame."""

    status: Status
    position: float
    step: Step
    step_fraction: float
    seconds_left: float
    exercise: ExerciseSpan | None
    exercise_fraction: float
    session_fraction: float
    next_exercise_name: str | None
    # What the view shows as the engine decided it, so the view only formats:
    countdown: int | None  # whole seconds left of a timed step; None while breath-paced
    extra_cue: str  # a cue after the step's first one ("Halfway", "3") just said, or ""


@dataclass
class _Progress:
    """Per-exercise bookkeeping for the report."""

    active: float = 0.0
    outcome: Outcome | None = None


def counts_down(step: Step) -> bool:
    """Whether a step shows its seconds left (a rep shows its number instead)."""
    return step.kind in ("get-ready", "switch-sides", "rest") or (
        step.kind == "hold" and step.breath == "hold"
    )


@dataclass
class SessionEngine:
    """Runs one session. `on_listener_error` hears each listener's first failure."""

    timeline: Timeline
    clock: Clock
    on_listener_error: ErrorHandler | None = None
    _listeners: Listeners[Event] = field(default_factory=Listeners)
    _status: Status = "ready"
    _anchor_position: float = 0.0
    _anchor_time: float = 0.0
    _started_at: float | None = None
    _ended_at: float | None = None
    _last_polled: float = 0.0
    _step_index: int = -1
    _cue_index: int = 0
    _said: tuple[int, Cue] | None = None  # (step index, cue) of the newest cue emitted
    _progress: list[_Progress] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.timeline.steps:
            raise ValueError("a timeline has at least its closing step")
        self._progress = [_Progress() for _ in self.timeline.spans]
        self._listeners.on_error = self.on_listener_error

    # -- listeners -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Unsubscribe:
        """Hear every event from now on; call what this returns to stop hearing them.

        A listener that raises is logged and reported once through `on_listener_error`;
        the session and the other listeners go on.
        """
        return self._listeners.subscribe(listener)

    def _emit(self, event: Event) -> None:
        self._listeners.emit(event)

    # -- time ------------------------------------------------------------------------

    @property
    def status(self) -> Status:
        return self._status

    def position(self) -> float:
        if self._status == "running":
            pos = self._anchor_position + (self.clock.now() - self._anchor_time)
        else:
            pos = self._anchor_position
        return min(pos, self.timeline.duration)

    def _seek(self, position: float) -> None:
        self._anchor_position = position
        self._anchor_time = self.clock.now()
        self._last_polled = position

    # -- intents ---------------------------------------------------------------------

    def start(self) -> None:
        if self._status != "ready":
            return
        self._started_at = self.clock.now()
        self._status = "running"
        self._seek(0.0)
        self._emit(SessionStarted(self.timeline.routine.id))
        self._enter_step(0, at=0.0)

    def pause(self) -> None:
        if self._status != "running":
            return
        self.poll()
        if self._status != "running":
            return
        self._seek(self.position())
        self._status = "paused"
        self._emit(CutSpeech("pause"))

    def resume(self) -> None:
        if self._status != "paused":
            return
        self._status = "running"
        self._seek(self._anchor_position)

    def toggle_pause(self) -> None:
        if self._status == "running":
            self.pause()
        elif self._status == "paused":
            self.resume()

    def next_exercise(self) -> None:
        """Skip the rest of this exercise (it counts as skipped) and start the next."""
        span = self._active_span()
        if span is None:
            return
        self._account(self.position())
        if self._progress[span.index].outcome is None:
            self._finish_exercise(span.index, "skipped")
        self._jump(span.end, "skip")

    def previous_exercise(self) -> None:
        span = self._active_span()
        if span is None:
            span = self.timeline.spans[-1] if self.timeline.spans else None
            if span is None:
                return
            self._jump(span.start, "back")
            return
        into = self.position() - span.start
        target = span
        if into < BACK_RESTARTS_AFTER and span.index > 0:
            target = self.timeline.spans[span.index - 1]
        self._jump(target.start, "back")

    def restart_exercise(self) -> None:
        span = self._active_span()
        if span is not None:
            self._jump(span.start, "restart")

    def stop(self) -> None:
        if self._status not in ("running", "paused"):
            return
        self._account(self.position())
        self._ended_at = self.clock.now()
        self._status = "stopped"
        self._emit(CutSpeech("stop"))
        self._emit(SessionFinished(self._report("stopped")))

    # -- polling ---------------------------------------------------------------------

    def poll(self) -> EngineState:
        """Fire the events due since the last poll and return the current state."""
        if self._status == "running":
            position = self.position()
            self._account(position)
            self._advance_to(position)
            if self._status == "running" and position >= self.timeline.duration:
                self._finish_session()
        return self.state()

    def state(self) -> EngineState:
        position = self.position()
        index = self._step_index if self._step_index >= 0 else 0
        step = self.timeline.steps[index]
        in_step = min(max(position - step.start, 0.0), step.seconds)
        span = self._span_of(step)
        exercise_fraction = 0.0
        if span is not None and span.seconds > 0:
            exercise_fraction = min(max((position - span.start) / span.seconds, 0.0), 1.0)
        following = self._next_span(step)
        duration = self.timeline.duration
        seconds_left = step.seconds - in_step
        return EngineState(
            status=self._status,
            position=position,
            step=step,
            step_fraction=in_step / step.seconds if step.seconds else 1.0,
            seconds_left=seconds_left,
            exercise=span,
            exercise_fraction=exercise_fraction,
            session_fraction=position / duration if duration else 1.0,
            next_exercise_name=following.exercise.name if following else None,
            countdown=max(0, math.ceil(seconds_left - 1e-6)) if counts_down(step) else None,
            extra_cue=self._extra_caption(index, position),
        )

    def _extra_caption(self, step_index: int, position: float) -> str:
        if self._said is None:
            return ""
        said_in, cue = self._said
        step = self.timeline.steps[step_index]
        if said_in != step_index or cue.at == 0.0:
            return ""  # the step's first cue is its caption already
        since = position - (step.start + cue.at)
        return cue.text if 0.0 <= since < CAPTION_SECONDS else ""

    def next_due(self) -> float | None:
        """The position of the next cue or step start, while running (else None).

        The UI wakes up exactly then, instead of on its next frame tick, so steps and
        cues start on time and not up to a frame late.
        """
        if self._status != "running" or self._step_index < 0:
            return None
        step = self.timeline.steps[self._step_index]
        if self._cue_index < len(step.cues):
            return step.start + step.cues[self._cue_index].at
        following = self._step_index + 1
        if following < len(self.timeline.steps):
            return self.timeline.steps[following].start
        return self.timeline.duration

    def report(self) -> SessionReport:
        """The session so far (the final one arrives with SessionFinished)."""
        return self._report("completed" if self._status == "finished" else "stopped")

    # -- internals -------------------------------------------------------------------

    def _advance_to(self, position: float) -> None:
        target = self.timeline.index_at(position)
        while self._step_index < target:
            # Steps crossed in one poll still finish their exercises, but only the
            # step that is current now starts (and speaks): the others are already over.
            nxt = self._step_index + 1
            self._close_exercises_before(self.timeline.steps[nxt])
            if nxt == target:
                self._enter_step(nxt, at=position)
            else:
                self._step_index = nxt
        self._fire_cues(position)
        self._last_polled = position

    def _enter_step(self, index: int, at: float) -> None:
        self._step_index = index
        self._cue_index = 0
        step = self.timeline.steps[index]
        self._emit(StepStarted(step))
        self._fire_cues(at)

    def _fire_cues(self, position: float) -> None:
        step = self.timeline.steps[self._step_index]
        due: list[Cue] = []
        while self._cue_index < len(step.cues):
            cue = step.cues[self._cue_index]
            if step.start + cue.at > position + 1e-9:
                break
            due.append(cue)
            self._cue_index += 1
        if not due:
            return
        # Of several cues that came due at once only the newest can still be said in
        # time; a cue that is well past its moment would only confuse.
        cue = due[-1]
        if position - (step.start + cue.at) <= CUE_STALE_AFTER:
            self._said = (self._step_index, cue)
            self._emit(CueDue(step, cue, step.start + cue.at))

    def _jump(self, position: float, reason: Literal["skip", "back", "restart"]) -> None:
        if self._status not in ("running", "paused"):
            return
        self._emit(CutSpeech(reason))
        self._seek(position)
        target = self.timeline.index_at(position)
        if reason != "skip":
            # Going back re-opens the target and what follows: they are done again.
            for span in self.timeline.spans:
                if span.start >= position:
                    self._progress[span.index].outcome = None
        if position >= self.timeline.duration:
            self._finish_session()
            return
        self._enter_step(target, at=position)

    def _account(self, position: float) -> None:
        """Credit the time since the last poll to the exercise it was spent in."""
        start = self._last_polled
        while start < position:
            span = self._span_at(start)
            if span is None:  # the closing step belongs to no exercise
                break
            end = min(position, span.end)
            if end <= start:
                break
            self._progress[span.index].active += end - start
            start = end
        self._last_polled = position

    def _close_exercises_before(self, step: Step) -> None:
        for span in self.timeline.spans:
            if span.end <= step.start + 1e-9 and self._progress[span.index].outcome is None:
                self._finish_exercise(span.index, "completed")

    def _finish_exercise(self, index: int, outcome: Outcome) -> None:
        self._progress[index].outcome = outcome
        span = self.timeline.spans[index]
        self._emit(
            ExerciseFinished(
                ExerciseRecord(
                    index,
                    span.exercise.id,
                    span.exercise.name,
                    outcome,
                    round(self._progress[index].active, 3),
                )
            )
        )

    def _finish_session(self) -> None:
        last = self.timeline.steps[-1]
        self._close_exercises_before(last)
        self._seek(self.timeline.duration)
        self._step_index = len(self.timeline.steps) - 1
        self._ended_at = self.clock.now()
        self._status = "finished"
        self._emit(CutSpeech("finished"))
        self._emit(SessionFinished(self._report("completed")))

    def _report(self, outcome: SessionOutcome) -> SessionReport:
        end = self._ended_at if self._ended_at is not None else self.clock.now()
        records = tuple(
            ExerciseRecord(
                span.index, span.exercise.id, span.exercise.name, p.outcome, round(p.active, 3)
            )
            for span, p in zip(self.timeline.spans, self._progress, strict=True)
            if p.outcome is not None
        )
        return SessionReport(
            routine_id=self.timeline.routine.id,
            outcome=outcome,
            active_seconds=round(sum(p.active for p in self._progress), 3),
            elapsed_seconds=round(end - self._started_at, 3) if self._started_at else 0.0,
            exercises=records,
        )

    def _span_of(self, step: Step) -> ExerciseSpan | None:
        if step.exercise_index < 0:
            return None
        return self.timeline.spans[step.exercise_index]

    def _span_at(self, position: float) -> ExerciseSpan | None:
        return self._span_of(self.timeline.step_at(position))

    def _active_span(self) -> ExerciseSpan | None:
        if self._status not in ("running", "paused"):
            return None
        return self._span_at(self.position())

    def _next_span(self, step: Step) -> ExerciseSpan | None:
        index = step.exercise_index + 1
        if step.exercise_index < 0 or index >= len(self.timeline.spans):
            return None
        return self.timeline.spans[index]
