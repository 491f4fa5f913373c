"""`backcare desktop install|uninstall`: BackCare in the desktop's menus (XDG, no Qt).

Writes the .desktop file, the AppStream metainfo and the icons into the person's XDG data
folder ($XDG_DATA_HOME, else ~/.local/share), with `Exec=` pointing at this installation.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from backcare_desktop.platform.app_id import (
    APP_ID,
    ICON_SIZES,
    desktop_dir,
    icon_png,
    icon_svg,
)

# Characters that make the desktop entry spec ask for a quoted argument.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def xdg_data_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():  # the spec: a relative value is ignored
        return Path(value)
    return (home or Path.home()) / ".local" / "share"


def xdg_config_home(environ: Mapping[str, str] | None = None, home: Path | None = None) -> Path:
    env = os.environ if environ is None else environ
    value = env.get("XDG_CONFIG_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return (home or Path.home()) / ".config"


def launcher_command() -> list[str]:
    """How to start this installation of BackCare from a menu (no console)."""
    folder = Path(sys.executable).parent
    for beside in (folder / "backcare", folder / "backcare.exe", folder / "Scripts/backcare.exe"):
        if beside.is_file():
            return [str(beside)]
    found = shutil.which("backcare")
    if found:
        return [found]
    return [sys.executable, "-m", "backcare_desktop"]


def exec_line(argv: Sequence[str]) -> str:
    """argv as a desktop entry `Exec=` value (quoting and `%` escaping per the spec)."""
    words = []
    for arg in argv:
        arg = arg.replace("%", "%%")
        if any(c in _RESERVED for c in arg):
            escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            arg = f'"{escaped}"'
        words.append(arg)
    return " ".join(words)


def desktop_entry(command: Sequence[str], extra: Sequence[str] = ()) -> str:
    """The shipped .desktop file with each `Exec=backcare ...` run by `command` instead."""
    template = (desktop_dir() / f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec=backcare"):
            rest = line.removeprefix("Exec=backcare").split()
            line = "Exec=" + exec_line([*command, *rest, *extra])
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_paths(data_home: Path) -> list[Path]:
    icons = data_home / "icons" / "hicolor"
    return [
        data_home / "applications" / f"{APP_ID}.desktop",
        data_home / "metainfo" / f"{APP_ID}.metainfo.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        *(icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES),
    ]


def install(data_home: Path, command: Sequence[str]) -> list[Path]:
    desktop, metainfo, svg, *pngs = installed_paths(data_home)
    sources: list[tuple[Path, Path]] = [
        (desktop_dir() / f"{APP_ID}.metainfo.xml", metainfo),
        (icon_svg(), svg),
        *((icon_png(size), png) for size, png in zip(ICON_SIZES, pngs, strict=True)),
    ]
    written = []
    for source, target in sources:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    desktop.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry(command), encoding="utf-8")
    written.insert(0, desktop)
    _refresh_caches(data_home)
    return written


def uninstall(data_home: Path) -> list[Path]:
    removed = []
    for path in installed_paths(data_home):
        if path.is_file():
            path.unlink()
            removed.append(path)
    _refresh_caches(data_home)
    return removed


def _refresh_caches(data_home: Path) -> None:
    """Menus pick a new entry up sooner with these; none of them is needed."""
    for argv in (
        ["update-desktop-database", "-q", str(data_home / "applications")],
        ["gtk-update-icon-cache", "-q", "-t", str(data_home / "icons" / "hicolor")],
    ):
        if shutil.which(argv[0]) and Path(argv[-1]).is_dir():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(argv, check=False, timeout=20, capture_output=True)


def run_desktop_command(action: str, out: TextIO, err: TextIO) -> int:
    if sys.platform in ("win32", "darwin"):
        print(
            "backcare desktop: this installs menu entries for Linux desktops; on this system "
            "start BackCare with `backcare` (Settings can start it at login).",
            file=err,
        )
        return 1
    data_home = xdg_data_home()
    try:
        if action == "install":
            paths = install(data_home, launcher_command())
            out.write(
                f"BackCare is in the applications menu ({len(paths)} files in {data_home}).\n"
            )
        else:
            paths = uninstall(data_home)
            out.write(f"Removed {len(paths)} BackCare files from {data_home}.\n")
    except OSError as e:
        print(f"backcare desktop: could not {action} in {data_home}: {e}", file=err)
        return 1
    return 0
