"""The one owner of the loaded library: changes a person's routine files, reloads, tells.

The window, the planner and the editor read `library`; after a save, a delete, an undo
or an import the files are read again (the same loader as at start-up) and every
subscriber gets the new library, so the home page shows what is on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from backcare_desktop.core.events import Listeners, Unsubscribe
from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.model import Routine
from backcare_desktop.storage import paths

if TYPE_CHECKING:
    # The file writers (and the routine writer and compiler they use) are imported when a
    # routine is first saved, deleted, imported or exported, not at the window's start.
    from backcare_desktop.storage.routine_files import DeletedRoutine, Imported


class LibraryModel:
    def __init__(
        self,
        library: Library,
        root: Path | None = None,
        load: Callable[[Path | None], Library] | None = None,
    ) -> None:
        """`root` is the data folder (None: the library is fixed, nothing is written).

        `load` reads the files again (by default in the library's language: after a save
        the window must not fall back to English)."""
        self._library = library
        self._root = root
        language = library.translator.language
        self._load = load or (lambda folder: load_presets(folder, language))
        self._listeners: Listeners[Library] = Listeners()

    @property
    def library(self) -> Library:
        return self._library

    @property
    def routines_dir(self) -> Path | None:
        return None if self._root is None else paths.user_routines_dir(self._root)

    @property
    def editable(self) -> bool:
        return self._root is not None

    def subscribe(self, listener: Callable[[Library], object]) -> Unsubscribe:
        return self._listeners.subscribe(listener)

    def reload(self) -> None:
        self._library = self._load(self._root)
        self._listeners.emit(self._library)

    def _folder(self) -> Path:
        folder = self.routines_dir
        if folder is None:
            raise RuntimeError("this library has no data folder to write to")
        return folder

    def save(self, routine: Routine, *, replacing: str | None = None) -> Path:
        from backcare_desktop.storage.routine_files import save_routine

        path = save_routine(routine, self._library, self._folder(), replacing=replacing)
        self.reload()
        return path

    def delete(self, routine_id: str) -> DeletedRoutine:
        from backcare_desktop.storage.routine_files import delete_routine

        deleted = delete_routine(self._library.routine(routine_id), self._folder())
        self.reload()
        return deleted

    def undo_delete(self, deleted: DeletedRoutine) -> None:
        from backcare_desktop.storage.routine_files import restore_routine

        restore_routine(deleted)
        self.reload()

    def import_files(self, files: Sequence[Path], *, replace_existing: bool) -> list[Imported]:
        from backcare_desktop.storage.routine_files import import_routines

        done = import_routines(
            files, self._library, self._folder(), replace_existing=replace_existing
        )
        self.reload()
        return done

    def export(self, routine_id: str, target: Path) -> Path:
        from backcare_desktop.storage.routine_files import export_routine

        return export_routine(self._library.routine(routine_id), self._library, target)

    def free_id(self, base: str) -> str:
        """`base`, or `base-2`, `base-3`... : an id no routine has yet."""
        taken = self._library.routines
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base[:56]}-{n}"
        return candidate
