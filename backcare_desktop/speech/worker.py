"""The speech worker: a child process that owns the pyttsx3 engine on its main thread.

Run as `python -m backcare_desktop.speech.worker`; it speaks the cues it reads on stdin
(see protocol.py), one at a time, and reports on stdout. Why a process of its own
(measured, see shared/notes/speech.md): the engine must be owned by one thread (two
threads hung espeak), macOS and Windows want it on a main thread, and killing the
process group is the only way found to silence a cue at once on Linux.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import shutil
import sys
import threading
import time
import traceback
from typing import Any, TextIO

from backcare_desktop.speech.base import VoiceInfo
from backcare_desktop.speech.protocol import (
    DEFAULT_RATE,
    FINISH_TIMEOUT_FACTOR,
    FINISH_TIMEOUT_FLOOR,
    Message,
    decode,
    encode,
)
from backcare_desktop.speech.voices import best_voice

EXIT_FATAL = 3
SETTING_TRIES = 100
SETTING_RETRY_SECONDS = 0.001
SETTING_RESEND_EVERY = 5


class Reporter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, **message: Any) -> None:
        with self._lock:
            self._stream.write(encode(message))
            self._stream.flush()


def _claim_stdout() -> TextIO:
    """The protocol's own copy of stdout; fd 1 itself now goes to stderr.

    pyttsx3 prints ("Audio saved to ...") and the players it starts inherit fd 1; none of
    that may end up in the protocol stream.
    """
    sys.stdout.flush()
    protocol_fd = os.dup(1)
    os.dup2(2, 1)
    return os.fdopen(protocol_fd, "w", encoding="utf-8", buffering=1)


def _read_commands(stream: TextIO, commands: queue.Queue[Message | None]) -> None:
    for line in stream:
        message = decode(line)
        if message is not None:
            commands.put(message)
    commands.put(None)  # stdin closed: the app has gone, so go too


def _voices(engine: Any) -> list[dict[str, Any]]:
    voices = []
    for voice in engine.getProperty("voices") or []:
        languages = [
            lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
            for lang in (getattr(voice, "languages", None) or [])
        ]
        voices.append(
            {"id": str(voice.id), "name": str(voice.name or voice.id), "languages": languages}
        )
    return voices


class Worker:
    def __init__(self, engine: Any, report: Reporter) -> None:
        self._engine = engine
        self._report = report
        self._rate = DEFAULT_RATE
        self._wanted: dict[str, Any] = {}
        self._finished = threading.Event()
        engine.connect("finished-utterance", self._on_finished)

    def _on_finished(self, **kwargs: Any) -> None:
        # Runs on espeak's native thread. With the espeak driver a spurious
        # completed=False follows some utterances from inside runAndWait; only a
        # completed utterance ends the cue.
        if kwargs.get("completed", True):
            self._finished.set()

    def configure(self, message: Message) -> None:
        """Apply the wanted voice, rate and volume now, while no cue is waiting.

        With a language and no voice, the best voice of that language is used: a German
        routine is not read out by an English voice just because none was chosen.
        """
        for key in ("voice", "rate", "volume"):
            value = message.get(key)
            if value is not None:
                self._wanted[key] = value
        language = message.get("language")
        if message.get("voice") is None and isinstance(language, str) and language:
            listed = [
                VoiceInfo(v["id"], v["name"], tuple(v["languages"])) for v in _voices(self._engine)
            ]
            found = best_voice(listed, language)
            if found is not None:
                self._wanted["voice"] = found.id
        self._apply()

    def _set(self, key: str, value: Any) -> None:
        # engine.setProperty goes through pyttsx3's command queue: while its busy flag is
        # up (before the first runAndWait, say) the setting waits for the next runAndWait,
        # and there espeak's Cancel (which pyttsx3 calls when a loop ends) can wipe it
        # from espeak's own queue: 11 of 40 rate changes were lost when measured. The
        # driver applies a setting at once.
        driver = getattr(getattr(self._engine, "proxy", None), "_driver", None)
        setter = getattr(driver, "setProperty", None) or self._engine.setProperty
        setter(key, value)

    def _apply(self) -> None:
        # espeak applies a setting asynchronously; read it back until it holds, so it is
        # in force before the cue is synthesised.
        for key in list(self._wanted):
            value = self._wanted[key]
            for attempt in range(SETTING_TRIES):
                try:
                    if _same_setting(key, self._engine.getProperty(key), value):
                        break
                    if attempt % SETTING_RESEND_EVERY == 0:
                        self._set(key, value)
                except Exception as exc:  # a bad voice id must not end the worker
                    self._report.send(ev="error", message=f"cannot set {key} to {value!r}: {exc}")
                    break
                time.sleep(SETTING_RETRY_SECONDS)
            # Checked once, not before every cue: some drivers report a setting differently
            # from how it was given, and would pay the retries each time.
            del self._wanted[key]
            if key == "rate":
                self._rate = int(value)

    def speak(self, cue_id: int, text: str, path: str | None = None) -> None:
        self._apply()
        self._report.send(ev="started", id=cue_id)
        self._finished.clear()
        if path is None:
            self._engine.say(text)
        else:
            self._engine.save_to_file(text, path)
        # The first runAndWait returns before the utterance has been played (espeak
        # driver); later ones block until it ends. The callback is the one true signal.
        self._engine.runAndWait()
        words = max(len(text.split()), 1)
        timeout = FINISH_TIMEOUT_FLOOR + FINISH_TIMEOUT_FACTOR * words * 60.0 / max(self._rate, 40)
        completed = self._finished.wait(timeout)
        if not completed:
            self._report.send(ev="error", message=f"no end of utterance after {timeout:.0f} s")
        self._report.send(ev="finished", id=cue_id, completed=completed)


def _same_setting(key: str, current: Any, wanted: Any) -> bool:
    if current is None:
        return False
    if key == "voice":
        return str(current).casefold() == str(wanted).casefold()
    try:
        tolerance = 1.0 if key == "rate" else 0.01
        return abs(float(current) - float(wanted)) <= tolerance
    except (TypeError, ValueError):
        return False


def main() -> int:
    report = Reporter(_claim_stdout())
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    commands: queue.Queue[Message | None] = queue.Queue()
    threading.Thread(
        target=_read_commands, args=(stdin, commands), daemon=True, name="speech-worker-stdin"
    ).start()
    try:
        import pyttsx3  # type: ignore[import-untyped]  # ships no type information

        engine = pyttsx3.init()
    except Exception as exc:  # no libespeak, no SAPI, a broken install: all mean "no voice"
        report.send(ev="fatal", kind="no-engine", message=f"{type(exc).__name__}: {exc}")
        return EXIT_FATAL
    if sys.platform.startswith("linux") and shutil.which("aplay") is None:
        report.send(ev="fatal", kind="no-player", message="aplay not found on PATH")
        return EXIT_FATAL
    worker = Worker(engine, report)
    # The app sends its settings first thing; applying them before "ready" means the
    # first cue does not wait for them (espeak takes a few ms to settle after init).
    first: Message | None = None
    with contextlib.suppress(queue.Empty):
        first = commands.get_nowait()
        while first is not None and first.get("op") == "configure":
            worker.configure(first)
            first = commands.get_nowait()
    current = engine.getProperty("voice")
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    report.send(
        ev="ready",
        driver=type(driver).__module__.rsplit(".", 1)[-1],
        voices=_voices(engine),
        voice=str(current) if current else None,
        pid=os.getpid(),
    )
    while True:
        message: Message | None
        if first is not None:
            message, first = first, None
        else:
            message = commands.get()
        if message is None or message.get("op") == "quit":
            return 0
        op = message.get("op")
        if op == "configure":
            worker.configure(message)
        elif op in ("say", "save"):
            worker.speak(int(message["id"]), str(message["text"]), message.get("path"))
        else:
            report.send(ev="error", message=f"unknown op {op!r}")


if __name__ == "__main__":
    try:
        code = main()
    except BaseException:  # the traceback on stderr is what the app shows as the reason
        traceback.print_exc()
        code = 1
    sys.stderr.flush()
    # Skip interpreter teardown: espeak's native thread may still be alive and its
    # library asserts when it is unloaded (pyttsx3's own comment says as much).
    os._exit(code)
