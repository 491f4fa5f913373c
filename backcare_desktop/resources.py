"""Where the shipped presets and assets are, in a wheel and in a source checkout."""

from __future__ import annotations

from pathlib import Path


def data_root() -> Path:
    """The folder that holds `sessions/` and `assets/`.

    A wheel carries them inside the package (`_data/`); a source checkout or an editable
    install has them at the top of the repository, beside the package.
    """
    package = Path(__file__).resolve().parent
    bundled = package / "_data"
    if (bundled / "sessions").is_dir():
        return bundled
    return package.parent


def sessions_dir() -> Path:
    return data_root() / "sessions"


def assets_dir() -> Path:
    return data_root() / "assets"


def exercises_dir() -> Path:
    return assets_dir() / "exercises"


def poses_dir() -> Path:
    return assets_dir() / "poses"


def cue_durations_path() -> Path:
    return assets_dir() / "cue_durations.json"
