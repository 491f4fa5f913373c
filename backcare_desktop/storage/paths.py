"""Where a person's data lives. Worked out when asked, never at import time."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

APP_NAME = "BackCare"
ENV_DATA_DIR = "BACKCARE_DATA_DIR"


def data_dir(override: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """`--data-dir`, else $BACKCARE_DATA_DIR, else the platform's user data folder."""
    env = os.environ if environ is None else environ
    if override is not None:
        return override.expanduser()
    if env.get(ENV_DATA_DIR):
        return Path(env[ENV_DATA_DIR]).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The platform's user cache folder (~/.cache/BackCare, or $XDG_CACHE_HOME/BackCare,
    on Linux): what is kept there can be deleted at any time, and is made again."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def summary_cache_path(cache: Path, root: Path, language: str) -> Path:
    """The routine summaries of the data folder `root`, in `language`: one file each, so
    two data folders (or a change of language) never overwrite each other's."""
    folder = hashlib.sha256(str(root.expanduser().absolute()).encode("utf-8")).hexdigest()[:16]
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
