"""The home page's routine actions (New, Edit, Duplicate, Delete with undo, Import,
Export) and the way to and from the editor. Every action has a key."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QPushButton, QStackedWidget

from backcare_desktop.core.errors import BackCareError, error_text
from backcare_desktop.core.i18n import N_
from backcare_desktop.core.model import Routine
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.ui.home import HomePage
from backcare_desktop.ui.ticker import Ticker
from backcare_desktop.ui.widgets import ButtonRows, button

ShowProblem = Callable[[str, str], None]
FILE_FILTER = N_("BackCare routines (*.toml)")

if TYPE_CHECKING:
    # The editor, its parts (the figure's preview among them) and the dialogs are imported
    # when first used: the home page's first paint does not wait for them (issue 18).
    from PySide6.QtWidgets import QMessageBox

    from backcare_desktop.storage.routine_files import DeletedRoutine
    from backcare_desktop.ui.editor import EditorPage


class RoutineActions(QObject):
    def __init__(
        self,
        model: LibraryModel,
        home: HomePage,
        pages: QStackedWidget,
        ticker: Ticker,
        show_problem: ShowProblem,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(home)
        self._model = model
        self._home = home
        self._pages = pages
        self._ticker = ticker
        self._show_problem = show_problem
        self._now = now
        tr = self._tr = model.library.translator
        self._editor: EditorPage | None = None
        self.deleted: DeletedRoutine | None = None
        self.replace_box: QMessageBox | None = None
        self.buttons: dict[str, QPushButton] = {}
        for name, text, tip, slot, key in (
            ("new", tr._("New"), tr._("Make a routine of your own"), self.new_routine, "Ctrl+N"),
            (
                "edit",
                tr._("Edit"),
                tr._("Edit yours, or a copy of a preset"),
                self.edit_selected,
                "Ctrl+E",
            ),
            (
                "duplicate",
                tr._("Duplicate"),
                tr._("Save a copy"),
                self.duplicate_selected,
                "Ctrl+Shift+D",
            ),
            (
                "delete",
                tr._("Delete"),
                tr._("Delete your routine"),
                self.delete_selected,
                "Ctrl+Delete",
            ),
            (
                "undo",
                tr._("Undo delete"),
                tr._("Put the deleted routine back"),
                self.undo_delete,
                "Ctrl+Z",
            ),
            (
                "import",
                tr._("Import..."),
                tr._("Add routine files someone sent you"),
                self.ask_import,
                "Ctrl+I",
            ),
            (
                "export",
                tr._("Export..."),
                tr._("Save the routine as one file"),
                self.ask_export,
                "Ctrl+Shift+E",
            ),
        ):
            widget = button(text, tip, slot, key)
            widget.setAccessibleName(f"{text.rstrip('.').replace('&', '')} ({key})")
            self.buttons[name] = widget
        # Undo last: it comes and goes, and a hidden button leaves its place empty.
        order = [b for n, b in self.buttons.items() if n != "undo"] + [self.buttons["undo"]]
        self.bar = ButtonRows(order)
        self.bar.setObjectName("routineActions")
        self.buttons["undo"].hide()
        home.add_bar(self.bar)  # before it is shown: a widget without a parent is a window
        self.bar.setVisible(model.editable)

    @property
    def editor(self) -> EditorPage:
        if self._editor is None:
            from backcare_desktop.ui.editor import EditorPage

            self._editor = EditorPage(self._model, self._ticker, self._now)
            self._editor.saved.connect(self._home_after_save)
            self._editor.closed.connect(self._back_home)
            self._pages.addWidget(self._editor)
        return self._editor

    def _open_editor(self) -> EditorPage:
        editor = self.editor
        self._pages.setCurrentWidget(editor)
        return editor

    def _back_home(self) -> None:
        self._pages.setCurrentWidget(self._home)
        self._home.focus_list()

    def _home_after_save(self, routine_id: str) -> None:
        self._back_home()
        self._home.select_routine(routine_id)

    # -- the actions -----------------------------------------------------------------

    def new_routine(self) -> None:
        self._open_editor().open(None)

    def edit_selected(self) -> None:
        routine_id = self._home.current_routine_id()
        if not routine_id:
            return
        routine = self._routine(routine_id)
        if routine is None:
            return
        if routine.user:
            self._open_editor().open(routine, replacing=routine.id)
        else:
            self._open_editor().open(
                replace(routine, title=self._tr._("{title} (mine)").format(title=routine.title))
            )

    def duplicate_selected(self) -> None:
        routine_id = self._home.current_routine_id()
        if not routine_id:
            return
        from backcare_desktop.ui.editor_parts import id_from_title

        routine = self._routine(routine_id)
        if routine is None:
            return
        title = self._tr._("{title} (copy)").format(title=routine.title)
        copy = replace(routine, id=self._model.free_id(id_from_title(title)), title=title)
        self._run(
            self._tr._("The copy was not saved"),
            lambda: self._saved(self._model.save(copy), copy.id),
        )

    def _saved(self, _: Path, routine_id: str) -> None:
        self._home.select_routine(routine_id)

    def delete_selected(self) -> None:
        routine_id = self._home.current_routine_id()
        if not routine_id:
            return
        if not self._model.library.summary(routine_id).user:
            self._show_problem(
                self._tr._("Presets stay"), self._tr._("Only your own routines can be deleted.")
            )
            return

        def delete() -> None:
            self.deleted = self._model.delete(routine_id)
            undo = self.buttons["undo"]
            undo.setText(
                self._tr._("Undo delete of '{title}'")
                .format(title=self.deleted.title)
                .replace("&", "&&")
            )
            undo.setShortcut("Ctrl+Z")  # setText replaces a button's shortcut by its mnemonic
            undo.show()

        self._run(self._tr._("The routine was not deleted"), delete)

    def undo_delete(self) -> None:
        deleted, self.deleted = self.deleted, None
        self.buttons["undo"].hide()
        if deleted is not None:
            self._run(
                self._tr._("The routine was not put back"), lambda: self._model.undo_delete(deleted)
            )
            self._home.select_routine(deleted.routine_id)

    def import_files(self, files: list[Path], *, replace_existing: bool = False) -> None:
        from backcare_desktop.storage.routine_files import RoutineFileError

        try:
            done = self._model.import_files(files, replace_existing=replace_existing)
        except RoutineFileError as e:
            if e.yours and not replace_existing:
                self._ask_replace(files, e.yours)
            else:
                self._show_problem(self._tr._("Nothing was imported"), error_text(e, self._tr))
            return
        except (BackCareError, OSError) as e:
            self._show_problem(self._tr._("Nothing was imported"), error_text(e, self._tr))
            return
        if done:
            self._home.select_routine(done[-1].routine.id)

    def _ask_replace(self, files: list[Path], yours: tuple[str, ...]) -> None:
        from PySide6.QtWidgets import QMessageBox

        titles = ", ".join(f"'{self._model.library.routine(i).title}'" for i in yours)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._tr._("Replace your routines?"),
            self._tr._("You already have {titles}. Replace with the imported file?").format(
                titles=titles
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._home,
        )
        box.setObjectName("replaceBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # titles come from files
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.accepted.connect(lambda: self.import_files(files, replace_existing=True))
        self.replace_box = box
        box.open()

    def export_selected(self, target: Path) -> None:
        routine_id = self._home.current_routine_id()
        if routine_id:
            self._run(
                self._tr._("The routine was not exported"),
                lambda: self._model.export(routine_id, target),
            )

    def ask_import(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        files, _ = QFileDialog.getOpenFileNames(
            self._home, self._tr._("Import routines"), "", self._tr._(FILE_FILTER)
        )
        if files:
            self.import_files([Path(f) for f in files])

    def ask_export(self) -> None:
        routine_id = self._home.current_routine_id()
        if not routine_id:
            return
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self._home,
            self._tr._("Export the routine"),
            f"{routine_id}.toml",
            self._tr._(FILE_FILTER),
        )
        if name:
            self.export_selected(Path(name))

    def _routine(self, routine_id: str) -> Routine | None:
        """The routine, read from its file: it may have changed since the list was made."""
        try:
            return self._model.library.routine(routine_id)
        except BackCareError as e:
            self._show_problem(self._tr._("That routine cannot be opened"), error_text(e, self._tr))
            return None

    def _run(self, title: str, action: Callable[[], object]) -> None:
        try:
            action()
        except (BackCareError, OSError) as e:
            self._show_problem(title, error_text(e, self._tr))
