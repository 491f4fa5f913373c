"""A person's settings: one dataclass, one JSON file, written atomically."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from backcare_desktop.core.events import Listeners, Unsubscribe

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    voice_enabled: bool = True
    voice_id: str | None = None
    voice_rate: int = 165  # words a minute; the timeline's cue fitting assumes about this
    voice_volume: float = 1.0
    weekly_goal: int = 3  # the articles' plan: 3-4 sessions a week
    health_note_acknowledged: bool = False
    check_in_enabled: bool = True


class SettingsStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> Settings:
        """The saved settings; defaults for anything missing, unreadable or of the wrong type."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError) as e:
            log.warning("settings file %s unreadable (%s); using defaults", self.path, e)
            return Settings()
        if not isinstance(data, dict):
            return Settings()
        defaults = Settings()
        known: dict[str, Any] = {}
        for f in fields(Settings):
            if f.name in data and _same_kind(data[f.name], getattr(defaults, f.name)):
                known[f.name] = data[f.name]
        return replace(defaults, **known)

    def save(self, settings: Settings) -> None:
        # Write beside, then rename: a crash mid-write leaves the old file, never half a file.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".settings-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(asdict(settings), f, indent=2, sort_keys=True)
                f.flush()
                os.fsync(f.fileno())
            Path(tmp).replace(self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _same_kind(value: Any, default: Any) -> bool:
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
