"""Runs the real BackCare window (`backcare_desktop.cli.main`) with measuring hooks.

    python benchmarks/drivers/app_driver.py [driver options] -- [backcare options]

Everything after `--` goes to the app unchanged (`--data-dir`, `--no-voice`, ...). The
driver adds nothing to the app's own code path: it only wraps `QApplication.exec` so
that, just before the event loop starts, it can

- report the first paint of the home window and take commands on stdin (`start ID`,
  `pause`, `home`, `progress`, `dump`, `quit`), with the same probe the floors carry
  (drivers/probe.py: an event filter removed after the first paint, a stdin notifier);
- with `--instrument`, listen to each session's engine (StepStarted, CueDue, ...) and
  time-stamp the events and the figure's first repaint after each step starts with
  `time.monotonic()` (one clock for every process on Linux, so the parent can compare);
- with `--recording`, narrate each session with the speech helper's RecordingSpeaker
  (in-process: the moment a cue reaches a speech backend), and with `--pyttsx3`, with
  the real Pyttsx3Speaker (its worker process, and the `aplay` it starts).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from backcare_desktop.cli import load_qt_side

# The `backcare` command loads Qt through load_qt_side, which reuses shiboken's compiled
# support sources and puts in the app's import check. The driver's own Qt imports come
# after it, so the app starts as it does for a person.
load_qt_side()

# isort: split
from probe import Commands, FirstPaint, emit, peak_rss_mb, report_first_paint  # noqa: E402
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


class FigurePaints(QObject):
    """Time of the figure's first repaint after each step started (the boundary on screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting: int | None = None
        self.paints: list[tuple[int, float]] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.waiting is not None and event.type() == QEvent.Type.Paint:
            self.paints.append((self.waiting, time.monotonic()))
            self.waiting = None
        return False


class Session:
    """What one session's engine said, and when (monotonic seconds)."""

    def __init__(self, engine: Any, figure_paints: FigurePaints | None) -> None:
        from backcare_desktop.core.engine import (
            CueDue,
            SessionFinished,
            SessionStarted,
            StepStarted,
        )

        self._types = (SessionStarted, StepStarted, CueDue, SessionFinished)
        self.engine = engine
        self.t0: float | None = None  # monotonic time of session position 0
        self.steps: list[dict[str, Any]] = []
        self.cues: list[dict[str, Any]] = []
        self.finished: float | None = None
        self.outcome: str | None = None
        self._figure_paints = figure_paints
        engine.subscribe(self.on_event)

    def on_event(self, event: Any) -> None:
        now = time.monotonic()
        position = self.engine.position()
        session_started, step_started, cue_due, session_finished = self._types
        if isinstance(event, session_started):
            self.t0 = now - position
        elif isinstance(event, step_started):
            step = event.step
            self.steps.append(
                {
                    "index": step.index,
                    "planned": step.start,
                    "t": now,
                    "position": position,
                    "kind": step.kind,
                }
            )
            if self._figure_paints is not None:
                self._figure_paints.waiting = step.index
        elif isinstance(event, cue_due):
            self.cues.append(
                {
                    "step": event.step.index,
                    "text": event.cue.text,
                    "planned": event.position,
                    "t": now,
                    "position": position,
                }
            )
        elif isinstance(event, session_finished):
            self.finished = now
            self.outcome = event.report.outcome

    def data(self) -> dict[str, Any]:
        paints = self._figure_paints.paints if self._figure_paints is not None else []
        return {
            "t0": self.t0,
            "steps": self.steps,
            "cues": self.cues,
            "figure_paints": paints,
            "finished": self.finished,
            "outcome": self.outcome,
            "routine": self.engine.timeline.routine.id,
            "duration": self.engine.timeline.duration,
        }


class Driver:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.app: QApplication | None = None
        self.window: Any = None
        self.sessions: list[Session] = []
        self.figure_paints = FigurePaints() if options.instrument else None
        self.recorders: list[Any] = []  # RecordingSpeakers, one per session
        self.narrators: list[Any] = []  # kept alive for the whole run
        self.pyttsx3: Any = None
        self.speech_started: list[tuple[int, float]] = []  # (cue id, monotonic)
        self.pyttsx3_narrator: Any = None
        self._commands: Commands | None = None
        self._first_paint: FirstPaint | None = None

    # -- start-up ---------------------------------------------------------------------

    def before_exec(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        self.app = app
        # The app's MainWindow, reached by name: the driver imports nothing of the app's.
        window: Any = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        self.window = window
        window.session_started.connect(self.on_session_started)
        if self.options.pyttsx3:
            self.start_pyttsx3()
        if self.options.control:
            self._commands = Commands(self.command)
        # Last, as in the floors: the probe is installed just before the event loop runs.
        self._first_paint = report_first_paint(window, self.painted)

    def painted(self) -> None:
        if self.options.quit_after_paint:  # for profiling start-up
            self.finish()
            return
        if self.options.start:
            self.start_when_ready(self.options.start)

    def start_when_ready(self, routine_id: str) -> None:
        # With the real voice, wait for its worker: a person picks a routine seconds
        # after the window opens, by when the worker (ready in ~0.1 s) is up.
        if self.pyttsx3 is not None and not self.pyttsx3.ready and self.pyttsx3.available:
            QTimer.singleShot(20, lambda: self.start_when_ready(routine_id))
            return
        self.window.start_routine(routine_id)
        emit("started", t=time.monotonic())
        if self.options.stop_after:
            QTimer.singleShot(int(self.options.stop_after * 1000), self.stop_session)

    def stop_session(self) -> None:
        controller = self.window.controller
        if controller is not None and controller.engine.status in ("running", "paused"):
            controller.stop()

    # -- speech -----------------------------------------------------------------------

    def start_pyttsx3(self) -> None:
        from backcare_desktop.speech.base import SpeakerStatus, SpeechStarted
        from backcare_desktop.speech.narrator import Narrator
        from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker

        speaker = Pyttsx3Speaker()

        def heard(event: Any) -> None:  # on the speaker's supervisor thread
            if isinstance(event, SpeechStarted):
                self.speech_started.append((event.cue_id, time.monotonic()))
            elif isinstance(event, SpeakerStatus) and not event.available:
                emit("speech_unavailable", reason=event.reason)

        speaker.subscribe(heard)
        self.pyttsx3 = speaker
        self.pyttsx3_narrator = Narrator(speaker)

    def on_session_started(self, controller: Any) -> None:
        engine = controller.engine
        if self.options.instrument:
            self.sessions.append(Session(engine, self.figure_paints))
            figure = getattr(self.window.player, "figure", None)
            if figure is not None and self.figure_paints is not None:
                figure.removeEventFilter(self.figure_paints)
                figure.installEventFilter(self.figure_paints)
        engine.subscribe(self.on_engine_event)
        if self.options.recording:
            from backcare_desktop.speech.narrator import Narrator
            from backcare_desktop.speech.recording import RecordingSpeaker

            recorder = RecordingSpeaker(time.monotonic)
            narrator = Narrator(recorder)
            narrator.attach(engine)
            self.recorders.append(recorder)
            self.narrators.append(narrator)
        if self.pyttsx3_narrator is not None:
            self.pyttsx3_narrator.attach(engine)

    def on_engine_event(self, event: Any) -> None:
        from backcare_desktop.core.engine import SessionFinished

        if isinstance(event, SessionFinished) and self.options.quit_when_finished:
            # Let the last cue's speech events arrive before reporting.
            QTimer.singleShot(int(self.options.linger * 1000), self.finish)

    # -- commands ---------------------------------------------------------------------

    def command(self, line: str) -> None:
        name, _, arg = line.partition(" ")
        window = self.window
        if name == "start":
            window.start_routine(arg)
        elif name in ("pause", "resume"):
            controller = window.controller
            if controller is not None:
                want = "paused" if name == "pause" else "running"
                if controller.engine.status != want:
                    controller.toggle_pause()
        elif name == "home":
            window.show_home()
        elif name == "progress":
            # What the Progress button does, timed to the page's first paint.
            asked = time.monotonic()
            assert self.app is not None
            self._first_paint = FirstPaint(
                window.progress, lambda t: emit("progress_painted", asked=asked, t=t)
            )
            window.show_progress()
        elif name == "dump":
            self.dump()
        elif name == "quit":
            self.finish()
            return
        status = window.controller.engine.status if window.controller is not None else None
        emit("ack", command=name, t=time.monotonic(), status=status)

    # -- the end ----------------------------------------------------------------------

    def dump(self) -> None:
        said = []
        for narrator, recorder in zip(self.narrators, self.recorders, strict=True):
            for s in recorder.said:
                of = narrator.cue_of(s.cue_id)
                said.append(
                    {
                        "text": s.text,
                        "cue_id": s.cue_id,
                        "t": s.t,
                        "step": of[0] if of is not None else None,
                    }
                )
        pyttsx3: dict[str, Any] | None = None
        if self.pyttsx3 is not None and self.pyttsx3_narrator is not None:
            cues = []
            for cue_id, t in list(self.speech_started):
                of = self.pyttsx3_narrator.cue_of(cue_id)
                if of is not None:
                    cues.append({"cue_id": cue_id, "step": of[0], "text": of[1], "t": t})
            pyttsx3 = {
                "available": self.pyttsx3.available,
                "reason": self.pyttsx3.reason,
                "started": cues,
                "worker_rss_mb": peak_rss_mb(self.pyttsx3.worker_pid),
            }
        emit(
            "data",
            sessions=[s.data() for s in self.sessions],
            said=said,
            pyttsx3=pyttsx3,
            clock_offset=time.time() - time.monotonic(),
        )

    def finish(self) -> None:
        self.dump()
        if self.pyttsx3 is not None:
            self.pyttsx3.shutdown()
        if self.window is not None:
            self.window.close()
        if self.app is not None:
            self.app.quit()


def parse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    if "--" in argv:
        cut = argv.index("--")
        ours, app_args = argv[:cut], argv[cut + 1 :]
    else:
        ours, app_args = argv, []
    parser = argparse.ArgumentParser(prog="app_driver")
    parser.add_argument("--control", action="store_true", help="take commands on stdin")
    parser.add_argument("--instrument", action="store_true", help="time engine events")
    parser.add_argument(
        "--recording",
        action="store_true",
        help="narrate sessions with the in-process RecordingSpeaker",
    )
    parser.add_argument(
        "--pyttsx3", action="store_true", help="narrate sessions with the real Pyttsx3Speaker"
    )
    parser.add_argument("--start", metavar="ROUTINE", help="start ROUTINE after first paint")
    parser.add_argument("--stop-after", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--quit-when-finished", action="store_true")
    parser.add_argument(
        "--quit-after-paint",
        action="store_true",
        help="quit once the home window has painted (profiling start-up)",
    )
    parser.add_argument("--linger", type=float, default=1.0, metavar="SECONDS")
    return parser.parse_args(ours), app_args


def main() -> int:
    options, app_args = parse(sys.argv[1:])
    driver = Driver(options)
    real_exec = QApplication.exec

    def exec_with_hooks(*args: Any) -> int:
        del args
        driver.before_exec()
        return real_exec()

    QApplication.exec = exec_with_hooks  # type: ignore[method-assign]
    from backcare_desktop.cli import main as backcare_main

    return backcare_main(app_args)


if __name__ == "__main__":
    raise SystemExit(main())
