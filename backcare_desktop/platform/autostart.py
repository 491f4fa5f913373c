"""Start BackCare at login: XDG autostart, the Windows Run key, a macOS LaunchAgent (no Qt).

Off by default. Each backend only says whether its entry exists and writes or removes it;
the entry starts BackCare with `--background`, so a login opens no window when a tray exists.
"""

from __future__ import annotations

import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from backcare_desktop.platform.app_id import APP_ID, APP_NAME
from backcare_desktop.platform.desktop_files import desktop_entry, xdg_config_home

BACKGROUND = "--background"
_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


class Autostart(Protocol):
    def is_enabled(self) -> bool: ...

    def enable(self, command: Sequence[str]) -> None: ...

    def disable(self) -> None: ...


class XdgAutostart:
    def __init__(self, config_home: Path) -> None:
        self.path = config_home / "autostart" / f"{APP_ID}.desktop"

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def enable(self, command: Sequence[str]) -> None:
        text = desktop_entry(command, extra=[BACKGROUND])
        # The menu entry's extra actions make no sense at login.
        text = text.split("\n[Desktop Action", 1)[0].rstrip("\n") + "\n"
        text = "\n".join(line for line in text.splitlines() if not line.startswith("Actions="))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(text + "\nX-GNOME-Autostart-enabled=true\n", encoding="utf-8")

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class LaunchAgent:
    def __init__(self, home: Path) -> None:
        self.path = home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"

    def is_enabled(self) -> bool:
        return self.path.is_file()

    def enable(self, command: Sequence[str]) -> None:
        plist = {
            "Label": APP_ID,
            "ProgramArguments": [*command, BACKGROUND],
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(plistlib.dumps(plist))

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)


class WindowsRunKey:
    """HKCU\\...\\Run: the per-user list Windows starts at login."""

    def is_enabled(self) -> bool:
        if sys.platform != "win32":  # mypy checks what follows only for Windows
            return False
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
        except OSError:
            return False
        return True

    def enable(self, command: Sequence[str]) -> None:
        if sys.platform != "win32":
            raise OSError("the Run key exists only on Windows")
        import subprocess
        import winreg

        line = subprocess.list2cmdline([*command, BACKGROUND])
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, line)

    def disable(self) -> None:
        if sys.platform != "win32":
            return
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, APP_NAME)
        except FileNotFoundError:
            pass


def autostart_for(
    platform: str | None = None, environ: Mapping[str, str] | None = None, home: Path | None = None
) -> Autostart:
    platform = platform or sys.platform
    if platform == "win32":
        return WindowsRunKey()
    if platform == "darwin":
        return LaunchAgent(home or Path.home())
    return XdgAutostart(xdg_config_home(environ, home))
