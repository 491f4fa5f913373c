"""What a reminder says, and whether a D-Bus session bus can be there to show it with.

Apart from platform/notify so that the reminder window and the companion can name a
`Notice` without loading QtDBus and libdbus through ctypes (issue 18: where there is no
session bus those are never needed).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    actions: tuple[tuple[str, str], ...]  # (key, label); the first is the default action


def session_bus_possible(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> bool:
    """False only where libdbus would find no session bus: no DBUS_SESSION_BUS_ADDRESS and
    no $XDG_RUNTIME_DIR/bus socket (on Linux and the BSDs; elsewhere QtDBus is asked)."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform in ("win32", "darwin") or env.get("DBUS_SESSION_BUS_ADDRESS"):
        return True
    runtime = env.get("XDG_RUNTIME_DIR", "")
    return bool(runtime) and (Path(runtime) / "bus").exists()
