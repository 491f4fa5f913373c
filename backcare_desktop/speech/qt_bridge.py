"""Speech events as Qt signals, always emitted on the GUI thread.

Speakers report from their own threads. The bridge's listener does nothing there but
emit one private signal, whose queued connection delivers the event to the thread the
bridge lives in (the GUI thread); only there are the public signals emitted, so the
window may connect them any way it likes and touch widgets in its slots.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt, Signal

from backcare_desktop.speech.base import (
    Speaker,
    SpeakerStatus,
    SpeechEvent,
    SpeechFailed,
    VoiceInfo,
)


class SpeakerBridge(QObject):
    """What the window shows of a speaker: its problems and whether it can speak at all."""

    failed = Signal(str)  # a problem worth telling the user; speech goes on if it can
    # available, reason ("" when the voice works); emitted once per change, and once soon
    # after construction when the speaker has no voice at all.
    statusChanged = Signal(bool, str)

    _event = Signal(object)

    def __init__(self, speaker: Speaker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._speaker = speaker
        self._event.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._last_status: tuple[bool, str] | None = None
        self._unsubscribe = speaker.subscribe(self._from_any_thread)
        if not speaker.available:
            # It gave up before we listened (or is silent by nature): say so once, on the
            # next turn of the event loop, so slots connected right after this see it.
            self._event.emit(SpeakerStatus(False, False, speaker.reason, ()))

    @property
    def speaker(self) -> Speaker:
        return self._speaker

    @property
    def available(self) -> bool:
        return self._speaker.available

    @property
    def ready(self) -> bool:
        return self._speaker.ready

    @property
    def reason(self) -> str | None:
        return self._speaker.reason

    @property
    def voices(self) -> tuple[VoiceInfo, ...]:
        return self._speaker.voices

    def close(self) -> None:
        """Stop listening (before the bridge is deleted, or the speaker shut down)."""
        self._unsubscribe()

    def _from_any_thread(self, event: SpeechEvent) -> None:
        # RuntimeError: the bridge was deleted while the speaker was still reporting.
        with contextlib.suppress(RuntimeError):
            self._event.emit(event)

    def _dispatch(self, event: SpeechEvent) -> None:
        if isinstance(event, SpeechFailed):
            self.failed.emit(event.message)
        elif isinstance(event, SpeakerStatus):
            status = (event.available, event.reason or "")
            if status != self._last_status:  # each change once, however it reached us
                self._last_status = status
                self.statusChanged.emit(*status)
