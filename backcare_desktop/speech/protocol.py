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
