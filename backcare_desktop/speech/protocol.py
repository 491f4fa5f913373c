"""The line protocol between the app and the speech worker process: one JSON object a line.

App -> worker ("op"):
  {"op": "configure", "voice": str|null, "rate": int|null, "volume": float|null,
   "language": str|null}   (no voice + a language: the worker picks a voice of it)
  {"op": "say", "id": int, "text": str}
  {"op": "save", "id": int, "text": str, "path": str}   synthesise to a WAV file, silently
  {"op": "quit"}
Worker -> app ("ev"):
  {"ev": "ready", "driver": str, "voices": [{"id", "name", "languages"}], "voice": str|null}
  {"ev": "started", "id": int}
  {"ev": "finished", "id": int, "completed": bool}
  {"ev": "error", "message": str}                      the worker goes on
  {"ev": "fatal", "kind": "no-engine"|"no-player", "message": str}   then it exits
JSON escapes every non-ASCII character, so the pipes need no particular encoding.
"""

from __future__ import annotations

import json
from typing import Any

Message = dict[str, Any]

# Shared by both ends; here, so the app does not import the worker's module (and its
# voice matching) only for these (issue 18).
# pyttsx3 reports the end of an utterance through a callback; if it never comes (a
# driver bug), the worker gives up on that cue after its expected length times this,
# plus a floor, rather than hanging forever.
FINISH_TIMEOUT_FACTOR = 3.0
FINISH_TIMEOUT_FLOOR = 5.0
DEFAULT_RATE = 200  # pyttsx3's espeak driver sets this when the engine starts


def encode(message: Message) -> str:
    return json.dumps(message, separators=(",", ":")) + "\n"


def decode(line: str) -> Message | None:
    """The message on `line`, or None when it is not one (blank, or stray output)."""
    line = line.strip()
    if not line.startswith("{"):
        return None
    try:
        message = json.loads(line)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None
