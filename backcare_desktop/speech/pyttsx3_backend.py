"""The pyttsx3 speaker: a supervisor thread in the app, the engine in a child process.

Every public method only puts a message on a queue and returns, so the window never
waits on speech: not at start-up (the worker starts in the background, at once or, with
`autostart=False`, on `start()` or the first cue; cues wait for it), not on skip (cutting
kills the worker's process group and starts a fresh one), not when the engine dies (it is
restarted; after repeated failures the speaker gives up and says why). All process
handling happens on the supervisor thread; events go out from it.
"""

from __future__ import annotations

import collections
import contextlib
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from backcare_desktop.speech import reasons
from backcare_desktop.speech.base import (
    Listeners,
    SpeakerStatus,
    SpeechDropped,
    SpeechFailed,
    SpeechFinished,
    SpeechListener,
    SpeechStarted,
    VoiceInfo,
    VoiceSettings,
)
from backcare_desktop.speech.protocol import (
    DEFAULT_RATE,
    FINISH_TIMEOUT_FACTOR,
    FINISH_TIMEOUT_FLOOR,
    Message,
    decode,
    encode,
)

if TYPE_CHECKING:
    import subprocess

WORKER_MODULE = "backcare_desktop.speech.worker"
# espeak starts in ~60 ms here; a machine under load gets a generous margin before a
# silent worker counts as a failed start.
READY_TIMEOUT = 10.0
# This many unexpected worker deaths within FAILURE_WINDOW seconds and the speaker gives
# up: a crashing engine must not keep stealing CPU from the session.
MAX_FAILURES = 3
FAILURE_WINDOW = 60.0
RESTART_DELAYS = (0.0, 0.25, 1.0)
# A worker that stops answering (stopped with SIGSTOP, stuck in a driver) neither speaks
# nor exits. It must say "started" this soon after a cue is sent (it only applies the
# settings first, a few ms), and "finished" a margin after its own end-of-cue timeout;
# else it is killed and restarted like a crashed one.
START_DEADLINE = 3.0
FINISH_MARGIN = 5.0
STDERR_LINES_KEPT = 20
# What aplay says when there is no sound card: pyttsx3 ignores its exit code and reports
# the cue as spoken, so this line on the worker's stderr is the only sign.
NO_SOUND_DEVICE = "audio open error"


@dataclass
class _Cue:
    cue_id: int
    text: str
    path: str | None = None  # synthesise into this WAV file instead of speaking


@dataclass
class _Child:
    generation: int
    proc: subprocess.Popen[str]
    workdir: Path
    started: float
    ready: bool = False
    fatal: Message | None = None
    stderr_tail: collections.deque[str] = field(
        default_factory=lambda: collections.deque(maxlen=STDERR_LINES_KEPT)
    )
    threads: list[threading.Thread] = field(default_factory=list)

    def last_error(self) -> str | None:
        for line in reversed(self.stderr_tail):
            if line.strip():
                return line.strip()
        return None


def default_command() -> list[str]:
    return [sys.executable, "-m", WORKER_MODULE]


def _package_root() -> Path:
    import backcare_desktop

    return Path(backcare_desktop.__file__).resolve().parent.parent


def _kill_group(proc: subprocess.Popen[str]) -> None:
    """Kill the worker and whatever it started (the player that is sounding the cue)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        proc.kill()


class Pyttsx3Speaker:
    """A Speaker backed by `python -m backcare_desktop.speech.worker`.

    `command` and `env` replace the worker command and add environment variables (tests
    use them to simulate a broken engine or put a stand-in `aplay` on PATH). With
    `autostart=False` no worker runs until `start()` or the first cue: the app starts it
    after the window's first paint, and not at all while the voice is off.
    """

    def __init__(
        self,
        settings: VoiceSettings | None = None,
        *,
        command: Sequence[str] | None = None,
        env: Mapping[str, str] | None = None,
        ready_timeout: float = READY_TIMEOUT,
        max_failures: int = MAX_FAILURES,
        clock: Callable[[], float] = time.monotonic,
        start_deadline: float = START_DEADLINE,
        autostart: bool = True,
    ) -> None:
        self._settings = settings or VoiceSettings()
        self._command = list(command) if command is not None else default_command()
        self._extra_env = dict(env or {})
        self._ready_timeout = ready_timeout
        self._max_failures = max_failures
        self._clock = clock
        self._start_deadline = start_deadline
        self._autostart = autostart
        self._listeners = Listeners()
        self._inbox: queue.Queue[tuple[Any, ...]] = queue.Queue()
        # Read from any thread; written only by the supervisor (single assignments).
        self._available = True
        self._ready = False
        self._reason: str | None = None
        self._voices: tuple[VoiceInfo, ...] = ()
        self._closed = False
        # Supervisor-only state.
        self._started = False  # the first worker was asked for (later ones are restarts)
        self._child: _Child | None = None
        self._generation = 0
        self._current: _Cue | None = None
        # When the current cue must have started (then finished) by; None when idle.
        self._answer_by: float | None = None
        self._pending: collections.deque[_Cue] = collections.deque()
        self._failures: collections.deque[float] = collections.deque()
        self._respawn_at: float | None = None
        self._announced = False
        self._told_no_sound = False
        self._tempdir: Path | None = None
        self._old_threads: list[threading.Thread] = []
        self._thread = threading.Thread(target=self._run, name="speech-supervisor", daemon=True)
        self._thread.start()

    # -- Speaker interface (any thread, never blocks) ---------------------------------

    @property
    def available(self) -> bool:
        return self._available

    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def reason(self) -> str | None:
        return self._reason

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        return self._voices

    @property
    def worker_pid(self) -> int | None:
        """The speech worker's process id (diagnostics and tests), None while there is none."""
        child = self._child
        return child.proc.pid if child is not None else None

    @property
    def settings(self) -> VoiceSettings:
        return self._settings

    def start(self) -> None:
        self._post("start")

    def say(self, text: str, cue_id: int) -> None:
        self._post("say", _Cue(cue_id, text))

    def save_to_file(self, text: str, path: str | os.PathLike[str], cue_id: int) -> None:
        """Synthesise `text` into a WAV file without playing it (tests, checks)."""
        # Absolute: the worker runs in its own temporary folder.
        self._post("say", _Cue(cue_id, text, str(Path(path).resolve())))

    def cut(self) -> None:
        self._post("cut")

    def drop_queued(self) -> None:
        self._post("drop")

    def configure(self, settings: VoiceSettings) -> None:
        self._settings = settings
        self._post("configure", settings)

    def subscribe(self, listener: SpeechListener) -> Callable[[], None]:
        return self._listeners.add(listener)

    def shutdown(self, timeout: float = 2.0) -> None:
        """Kill the worker and wait (briefly: a kill is immediate) for the threads to end."""
        if self._closed:
            return
        self._closed = True
        self._inbox.put(("shutdown",))
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def _post(self, *message: Any) -> None:
        if not self._closed:
            self._inbox.put(message)

    # -- supervisor thread -------------------------------------------------------------

    def _run(self) -> None:
        if self._autostart:
            self._on_start()
        while True:
            try:
                message = self._inbox.get(timeout=self._wait_time())
            except queue.Empty:
                message = ("timer",)
            kind = message[0]
            if kind == "shutdown":
                self._stop_child()
                break
            if kind != "timer":
                handler = getattr(self, f"_on_{kind}")
                handler(*message[1:])
            # Checked after every message, so a stream of cues cannot starve the timers.
            self._on_timer()
        self._finish_threads()
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)

    def _wait_time(self) -> float | None:
        deadlines = []
        if self._respawn_at is not None:
            deadlines.append(self._respawn_at)
        if self._child is not None and not self._child.ready:
            deadlines.append(self._child.started + self._ready_timeout)
        if self._answer_by is not None:
            deadlines.append(self._answer_by)
        if not deadlines:
            return None
        return max(0.0, min(deadlines) - self._clock())

    def _on_timer(self) -> None:
        now = self._clock()
        if self._respawn_at is not None and now >= self._respawn_at:
            self._respawn_at = None
            self._spawn()
        child = self._child
        if child is not None and not child.ready and now >= child.started + self._ready_timeout:
            self._stop_child()
            self._failed(
                f"the speech engine did not start within {self._ready_timeout:.0f} s",
                starting=True,
                detail=child.last_error(),
            )
        if child is not None and self._answer_by is not None and now >= self._answer_by:
            self._answer_by = None
            self._stop_child()
            self._failed(
                "the speech engine stopped answering",
                starting=False,
                detail="it stopped answering in the middle of a cue",
            )

    def _emit(self, event: Any) -> None:
        self._listeners.emit(event)

    def _spawn(self) -> None:
        if not self._available:
            return
        # Here, not at the top: with the voice off no worker is ever started, and the
        # module (0.45 MB) is not loaded for nothing (issue 18).
        import subprocess

        self._generation += 1
        if self._tempdir is None:
            self._tempdir = Path(tempfile.mkdtemp(prefix="backcare-speech-"))
        workdir = self._tempdir / str(self._generation)
        workdir.mkdir()
        env = dict(os.environ)
        env.update(self._extra_env)
        # The worker imports this package wherever the app was started from.
        paths = (env.get("PYTHONPATH"), str(_package_root()))
        env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        # pyttsx3 writes each cue to a temporary WAV and deletes it only after playing;
        # a private temp folder lets a cut (which kills the player) leave nothing behind.
        for name in ("TMPDIR", "TEMP", "TMP"):
            env[name] = str(workdir)
        kwargs: dict[str, Any] = {}
        if os.name == "posix":
            # Its own process group, so a cut kills the worker and the player it started.
            kwargs["start_new_session"] = True
        else:
            # Windows-only names: looked up so the module type-checks on every platform.
            kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(
                subprocess, "CREATE_NO_WINDOW", 0
            )
        try:
            proc = subprocess.Popen(
                self._command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                bufsize=1,
                env=env,
                cwd=workdir,
                **kwargs,
            )
        except OSError as exc:
            shutil.rmtree(workdir, ignore_errors=True)
            self._give_up(reasons.no_engine(f"cannot start the speech worker: {exc}"))
            return
        child = _Child(self._generation, proc, workdir, self._clock())
        self._child = child
        for target, stream in ((self._read_stdout, proc.stdout), (self._read_stderr, proc.stderr)):
            thread = threading.Thread(
                target=target,
                args=(child, stream),
                daemon=True,
                name=f"speech-worker-{child.generation}-io",
            )
            thread.start()
            child.threads.append(thread)
        self._send(self._configure_message(self._settings))

    def _read_stdout(self, child: _Child, stream: IO[str]) -> None:
        for line in stream:
            message = decode(line)
            if message is not None:
                self._inbox.put(("child", child.generation, message))
        stream.close()
        code = child.proc.wait()
        self._inbox.put(("exit", child.generation, code))

    def _read_stderr(self, child: _Child, stream: IO[str]) -> None:
        for line in stream:
            child.stderr_tail.append(line.rstrip("\n"))
            if NO_SOUND_DEVICE in line:
                self._inbox.put(("no_sound", line.strip()))
        stream.close()

    def _send(self, message: Message) -> None:
        child = self._child
        if child is None or child.proc.stdin is None:
            return
        try:
            child.proc.stdin.write(encode(message))
            child.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass  # it died; its exit arrives as an event and is handled there

    @staticmethod
    def _configure_message(settings: VoiceSettings) -> Message:
        return {
            "op": "configure",
            "voice": settings.voice_id,
            "rate": settings.rate,
            "volume": settings.volume,
            "language": settings.language,
        }

    def _stop_child(self) -> None:
        """Kill the current worker; its exit event is ignored (generation moves on)."""
        child = self._child
        if child is None:
            return
        self._child = None
        self._ready = False
        _kill_group(child.proc)
        if child.proc.stdin is not None:
            with contextlib.suppress(OSError):
                child.proc.stdin.close()
        self._old_threads.extend(child.threads)
        self._old_threads = [t for t in self._old_threads if t.is_alive()]

    def _pump(self) -> None:
        if self._current is not None or not self._ready or not self._pending:
            return
        cue = self._pending.popleft()
        self._current = cue
        self._answer_by = self._clock() + self._start_deadline
        if cue.path is None:
            self._send({"op": "say", "id": cue.cue_id, "text": cue.text})
        else:
            self._send({"op": "save", "id": cue.cue_id, "text": cue.text, "path": cue.path})

    # -- messages ----------------------------------------------------------------------

    def _on_start(self) -> None:
        if not self._started:
            self._started = True
            self._spawn()

    def _on_say(self, cue: _Cue) -> None:
        if not self._available:
            return  # silent: the caption carries the cue
        self._pending.append(cue)
        self._on_start()  # a cue before start(): it waits for the worker, as at start-up
        self._pump()

    def _on_drop(self) -> None:
        while self._pending:
            self._emit(SpeechDropped(self._pending.popleft().cue_id))

    def _on_cut(self) -> None:
        self._on_drop()
        current = self._current
        if current is None:
            return  # nothing sounding: no need to pay for a restart
        self._current = None
        self._answer_by = None
        self._stop_child()
        self._emit(SpeechFinished(current.cue_id, completed=False))
        self._spawn()

    def _on_no_sound(self, line: str) -> None:
        if not self._told_no_sound:
            self._told_no_sound = True  # once: every cue would say the same
            self._emit(SpeechFailed(reasons.no_sound_device(line)))

    def _on_configure(self, settings: VoiceSettings) -> None:
        self._send(self._configure_message(settings))

    def _on_child(self, generation: int, message: Message) -> None:
        child = self._child
        if child is None or generation != child.generation:
            return  # a worker we have already killed
        event = message.get("ev")
        if event == "ready":
            child.ready = True
            self._ready = True
            self._voices = tuple(
                VoiceInfo(
                    str(v.get("id")),
                    str(v.get("name")),
                    tuple(str(x) for x in v.get("languages") or ()),
                )
                for v in message.get("voices") or ()
            )
            if not self._announced:
                # Said once, not after every restart that a cut causes.
                self._announced = True
                self._emit(SpeakerStatus(True, True, None, self._voices))
            self._pump()
        elif event == "started":
            cue_id = int(message["id"])
            if self._current is not None and self._current.cue_id == cue_id:
                self._answer_by = self._clock() + self._finish_allowance(self._current.text)
            self._emit(SpeechStarted(cue_id))
        elif event == "finished":
            cue_id = int(message["id"])
            if self._current is not None and self._current.cue_id == cue_id:
                self._current = None
                self._answer_by = None
            self._emit(SpeechFinished(cue_id, bool(message.get("completed", True))))
            self._pump()
        elif event == "error":
            self._emit(SpeechFailed(str(message.get("message"))))
        elif event == "fatal":
            child.fatal = message

    def _on_exit(self, generation: int, code: int) -> None:
        child = self._child
        if child is None or generation != child.generation:
            self._remove_workdir(generation)
            return
        # The worker is gone, but a player it started may still hold the pipes (and the
        # sound card): end the whole group, then give stderr a moment to deliver the
        # traceback that explains the exit.
        self._stop_child()
        for thread in child.threads:
            thread.join(0.5)
        self._remove_workdir(generation)
        if child.fatal is not None:
            kind = child.fatal.get("kind")
            detail = str(child.fatal.get("message"))
            self._give_up(reasons.no_player() if kind == "no-player" else reasons.no_engine(detail))
            return
        detail = child.last_error() or f"exit code {code}"
        self._failed(
            f"the speech engine stopped ({detail})", starting=not child.ready, detail=detail
        )

    def _finish_allowance(self, text: str) -> float:
        """How long a cue may take once started: the worker's own timeout, plus a margin."""
        words = max(len(text.split()), 1)
        rate = max(self._settings.rate or DEFAULT_RATE, 40)
        return FINISH_MARGIN + FINISH_TIMEOUT_FLOOR + FINISH_TIMEOUT_FACTOR * words * 60 / rate

    def _failed(self, message: str, *, starting: bool, detail: str | None) -> None:
        """An unexpected end of the worker: restart it, or give up when it keeps failing."""
        self._answer_by = None
        current = self._current
        if current is not None:
            self._current = None
            self._emit(SpeechFinished(current.cue_id, completed=False))
        now = self._clock()
        self._failures.append(now)
        while self._failures and now - self._failures[0] > FAILURE_WINDOW:
            self._failures.popleft()
        if len(self._failures) >= self._max_failures:
            reason = (
                reasons.no_engine(detail)
                if starting and not self._voices
                else reasons.keeps_failing(detail)
            )
            self._give_up(reason)
            return
        self._announced = False
        self._emit(SpeechFailed(f"{message[0].upper()}{message[1:]}; restarting it."))
        delay = RESTART_DELAYS[min(len(self._failures) - 1, len(RESTART_DELAYS) - 1)]
        self._respawn_at = now + delay

    def _give_up(self, reason: str) -> None:
        self._stop_child()
        self._answer_by = None
        self._on_drop()
        current = self._current
        if current is not None:
            self._current = None
            self._emit(SpeechFinished(current.cue_id, completed=False))
        self._available = False
        self._ready = False
        self._reason = reason
        self._respawn_at = None
        self._emit(SpeakerStatus(False, False, reason, ()))

    def _remove_workdir(self, generation: int) -> None:
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir / str(generation), ignore_errors=True)

    def _finish_threads(self) -> None:
        threads = list(self._old_threads)
        if self._child is not None:
            threads.extend(self._child.threads)
        for thread in threads:
            thread.join(1.0)
