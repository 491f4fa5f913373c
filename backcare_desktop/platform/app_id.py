"""BackCare's names on the desktop: one reverse-DNS id used by every file it installs."""

from __future__ import annotations

from pathlib import Path

from backcare_desktop import resources

APP_ID = "io.github.backcare.BackCare"
APP_NAME = "BackCare"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icons_dir() -> Path:
    return resources.assets_dir() / "icons"


def icon_svg() -> Path:
    return icons_dir() / f"{APP_ID}.svg"


def icon_png(size: int) -> Path:
    return icons_dir() / f"{APP_ID}-{size}.png"


def desktop_dir() -> Path:
    """The shipped .desktop and AppStream files."""
    return resources.assets_dir() / "desktop"
