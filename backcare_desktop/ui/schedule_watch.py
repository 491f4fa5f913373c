"""`backcare schedule ...` while the window is open: the change reaches the running app.

The command line writes settings.json (atomically: a new file renamed over the old one).
An inotify-backed QFileSystemWatcher hears it (no polling); only the reminders are taken
from the file, through the SettingsModel, so everything that listens to it hears them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QFileSystemWatcher, QObject

from backcare_desktop.storage.settings import SettingsModel, SettingsStore

log = logging.getLogger(__name__)


class ScheduleFileWatch(QObject):
    def __init__(self, settings: SettingsModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._path = settings.path
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._changed)
        self.watcher.directoryChanged.connect(self._changed)
        self._watch()

    def _watch(self) -> None:
        # A file renamed over the old one is a new file: watch it again. Before the first
        # save there is no file yet: watch the folder until there is.
        target = self._path if self._path.is_file() else self._path.parent
        if target.is_dir() or target.is_file():
            watched = set(self.watcher.files()) | set(self.watcher.directories())
            if str(target) not in watched:
                self.watcher.addPath(str(target))
        if target == self._path and str(self._path.parent) in self.watcher.directories():
            self.watcher.removePath(str(self._path.parent))

    def _changed(self, _path: str) -> None:
        self._watch()
        if not self._path.is_file():
            return
        reminders = SettingsStore(self._path).load().reminders
        if reminders != self._settings.current.reminders:
            log.info("the reminders changed in %s; using them now", self._path)
            self._settings.update(reminders=reminders)
