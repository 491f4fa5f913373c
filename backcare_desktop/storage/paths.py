"""Where a person's data lives. Worked out when asked, never at import time."""

from __future__ import annotations

import os
import posixpath
import sys
from collections.abc import Mapping
from pathlib import Path

from backcare_desktop.core.digest import text_digest

APP_NAME = "BackCare"
ENV_DATA_DIR = "BACKCARE_DATA_DIR"


def data_dir(override: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """`--data-dir`, else $BACKCARE_DATA_DIR, else the platform's user data folder."""
    env = os.environ if environ is None else environ
    if override is not None:
        return override.expanduser()
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    usual = usual_linux_dir("XDG_DATA_HOME", ".local/share")
    if usual is not None:
        return Path(usual)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The platform's user cache folder (~/.cache/BackCare, or $XDG_CACHE_HOME/BackCare,
    on Linux): what is kept there can be deleted at any time, and is made again."""
    usual = usual_linux_dir("XDG_CACHE_HOME", ".cache")
    if usual is not None:
        return Path(usual)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def usual_linux_dir(xdg_variable: str, under_home: str) -> str | None:
    """platformdirs' user folder for BackCare in the usual Linux case, where every version
    of it gives the same answer: `$XDG_...` an absolute path or unset, `$HOME` absolute.
    None for anything else (another system, Android, an unusual value), which platformdirs
    then answers. Importing platformdirs costs ~23 M instructions, a twentieth of what
    BackCare adds to an empty window's start (issue 18)."""
    env = os.environ
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel"):
        return None
    if "ANDROID_DATA" in env or "ANDROID_ROOT" in env:
        return None
    home = env.get("HOME", "")
    if not (posixpath.isabs(home) and home == home.strip() and home.rstrip("/") == home):
        return None
    base = env.get(xdg_variable)
    if base is None or base == "":
        base = f"{home}/{under_home}"
    elif not (posixpath.isabs(base) and base == base.strip()):
        return None
    return posixpath.join(base, APP_NAME)


def summary_cache_path(cache: Path, root: Path, language: str) -> Path:
    """The routine summaries of the data folder `root`, in `language`: one file each, so
    two data folders (or a change of language) never overwrite each other's."""
    folder = text_digest(str(root.expanduser().absolute()), 8)
    return cache / f"routine-summaries-{folder}-{language}.json"


def history_path(root: Path) -> Path:
    return root / "history.sqlite3"


def settings_path(root: Path) -> Path:
    return root / "settings.json"


def user_routines_dir(root: Path) -> Path:
    return root / "routines"


def user_exercises_dir(root: Path) -> Path:
    return root / "exercises"


def check_data_dir(root: Path) -> str | None:
    """Why `root` cannot hold a person's data (None when it can, or can be created)."""
    for folder in (root, *root.parents):
        if folder.exists():
            if not folder.is_dir():
                return (
                    f"the data folder {root} cannot be used: {folder} is a file, not a "
                    "folder. Give --data-dir (or $BACKCARE_DATA_DIR) a folder; it is "
                    "created if it does not exist"
                )
            return None
    return None
