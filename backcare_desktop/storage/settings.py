"""A person's settings: one dataclass, one JSON file, written atomically.

The file is read through the same path as every other user file (regular file, size and
depth limits, strict UTF-8). A file that cannot be understood is never overwritten: it is
moved aside, and `SettingsStore.problem` says where, for the window or the CLI to tell.
Values outside the ranges the Settings dialog offers are brought into them on load.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from backcare_desktop.core.errors import FormatError
from backcare_desktop.core.events import Listeners, Unsubscribe
from backcare_desktop.core.i18n import LANGUAGES
from backcare_desktop.core.profile import BODY_CONDITIONS, PAIN_PATTERNS, BackProfile
from backcare_desktop.core.reading import load_json
from backcare_desktop.core.reminders import Reminders

log = logging.getLogger(__name__)

# The ranges the Settings dialog offers; a value outside them is clamped on load.
VOICE_RATE_RANGE = (80, 300)  # words a minute; slower is hard to follow, faster a gabble
VOICE_VOLUME_RANGE = (0.0, 1.0)
WEEKLY_GOAL_RANGE = (1, 7)
MAX_VOICE_ID_CHARS = 300
SETTINGS_MAX_BYTES = 16 * 1024
_RANGES: dict[str, tuple[float, float]] = {
    "voice_rate": VOICE_RATE_RANGE,
    "voice_volume": VOICE_VOLUME_RANGE,
    "weekly_goal": WEEKLY_GOAL_RANGE,
}


@dataclass(frozen=True)
class Settings:
    voice_enabled: bool = True
    voice_id: str | None = None
    voice_rate: int = 165  # words a minute; the timeline's cue fitting assumes about this
    voice_volume: float = 1.0
    weekly_goal: int = 3  # the articles' plan: 3-4 sessions a week
    health_note_acknowledged: bool = False
    check_in_enabled: bool = True
    theme: str = "system"  # "system", "light", "dark" or "high-contrast"
    text_size: int = 100  # percent: 100, 125, 150, 175 or 200
    reduced_motion: bool = False  # key poses only, no continuous movement
    # A shipped language code ("de"), or "" to follow the system's locale.
    language: str = ""
    # The back profile (core/profile.py): conditions ticked, the pain pattern, and whether
    # the question was put (answered or skipped), so it is asked once.
    profile_body: tuple[str, ...] = ()
    profile_pain: str = "none"
    profile_asked: bool = False
    reminders: Reminders = field(default_factory=Reminders)

    @property
    def profile(self) -> BackProfile:
        # "pain-none" is no condition: BackProfile.of leaves it out.
        return BackProfile.of((*self.profile_body, f"pain-{self.profile_pain}"))


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        # What the person should be told about the last load (a broken file kept aside).
        self.problem: str | None = None

    def load(self) -> Settings:
        """The saved settings; defaults for anything missing, unreadable or of the wrong
        type, and values brought into the ranges the Settings dialog offers."""
        self.problem = None
        if not self.path.exists() and not self.path.is_symlink():
            return Settings()
        try:
            data = load_json(self.path, limit=SETTINGS_MAX_BYTES)
        except FormatError as e:
            return self._broken(str(e))
        if not isinstance(data, dict):
            return self._broken(f"{self.path}: holds {type(data).__name__}, not the settings")
        defaults = Settings()
        known: dict[str, Any] = {}
        if "reminders" in data:
            known["reminders"] = Reminders.from_json(data["reminders"])
            for problem in known["reminders"].problems:
                log.warning("settings file %s: %s", self.path, problem)
        for f in fields(Settings):
            if f.name in data and _same_kind(data[f.name], getattr(defaults, f.name)):
                value = _in_range(f.name, data[f.name], getattr(defaults, f.name))
                as_read = tuple(data[f.name]) if isinstance(value, tuple) else data[f.name]
                if value != as_read:
                    log.warning("%s: %s=%r brought to %r", self.path, f.name, data[f.name], value)
                known[f.name] = value
        return replace(defaults, **known)

    def _broken(self, why: str) -> Settings:
        """Keep the file the person (or something) wrote, beside it, and say so."""
        kept = self._keep_aside()
        where = (
            f"It was kept as {kept}." if kept else "It could not be moved aside, so it was left."
        )
        self.problem = f"Your settings could not be read ({why}), so the defaults are used. {where}"
        log.warning("%s", self.problem)
        return Settings()

    def _keep_aside(self) -> Path | None:
        from datetime import UTC, datetime  # only for a damaged file (datetime: ~5 M at start)

        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.stem}.broken-{stamp}{self.path.suffix}")
        count = 1
        while target.exists():
            count += 1
            target = self.path.with_name(
                f"{self.path.stem}.broken-{stamp}-{count}{self.path.suffix}"
            )
        try:
            self.path.rename(target)
        except OSError as e:
            log.warning("cannot move %s aside: %s", self.path, e)
            return None
        return target

    def save(self, settings: Settings) -> None:
        # Write beside, then rename: a crash mid-write leaves the old file, never half a file.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                data = asdict(settings) | {"reminders": settings.reminders.to_json()}
                json.dump(data, f, indent=2, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _in_range(name: str, value: Any, default: Any) -> Any:
    if name == "profile_body":
        # Unknown names are dropped: a damaged file can only make the profile smaller.
        return tuple(c for c in BODY_CONDITIONS if c in value)
    if name == "profile_pain":
        return value if value in PAIN_PATTERNS else default
    if name == "voice_id" and isinstance(value, str):
        return value if len(value) <= MAX_VOICE_ID_CHARS and value.isprintable() else None
    if name == "language":
        return value if value in LANGUAGES else default
    bounds = _RANGES.get(name)
    if bounds is None:
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return default
    low, high = bounds
    clamped = min(max(value, low), high)
    return type(default)(clamped)


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, tuple):  # JSON has lists
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    if default is None:
        return value is None or isinstance(value, str)
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, type(default)) and not isinstance(value, bool)


@dataclass(frozen=True)
class SettingsChange:
    before: Settings
    after: Settings

    def changed(self, name: str) -> bool:
        return bool(getattr(self.before, name) != getattr(self.after, name))


class SettingsModel:
    """The one owner of a person's settings: everyone reads `current` and hears changes.

    Nobody keeps a copy: a widget that shows a setting reads it here and subscribes to
    change. A change is kept in memory even when the file cannot be written (the app
    goes on with it until it closes); `save_failed` listeners hear why.
    """

    def __init__(self, store: SettingsStore) -> None:
        self._store = store
        self._current = store.load()
        self._changes: Listeners[SettingsChange] = Listeners()
        self.save_failed: Listeners[OSError] = Listeners()

    @property
    def current(self) -> Settings:
        return self._current

    @property
    def path(self) -> Path:
        return self._store.path

    def subscribe(self, listener: Callable[[SettingsChange], object]) -> Unsubscribe:
        return self._changes.subscribe(listener)

    def update(self, **changes: Any) -> None:
        self.set(replace(self._current, **changes))

    def set(self, settings: Settings) -> None:
        if settings == self._current:
            return
        change = SettingsChange(self._current, settings)
        self._current = settings
        try:
            self._store.save(settings)
        except OSError as error:
            log.warning("settings could not be saved to %s: %s", self._store.path, error)
            self.save_failed.emit(error)
        self._changes.emit(change)
