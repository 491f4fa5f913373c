"""The routine editor: title, description, exercises and doses, checked as you type by
the loader's own rules, with the total length and the selected exercise moving."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.errors import error_text
from backcare_desktop.core.library import MAX_ROUTINE_EXERCISES, Library
from backcare_desktop.core.model import Routine, RoutineItem
from backcare_desktop.core.routine_writer import Candidate, check_candidate
from backcare_desktop.core.safety import SKIP_WORDS
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.storage.routine_files import RoutineFileError
from backcare_desktop.ui.editor_parts import (
    DosePanel,
    EnterList,
    ExercisePicker,
    FigurePlayer,
    id_from_title,
    plain_label,
    problem_words,
)
from backcare_desktop.ui.illustration import IllustrationWidget
from backcare_desktop.ui.ticker import Ticker
from backcare_desktop.ui.widgets import PageHeader, button, scrolling

# Below this width the picker, the routine and the figure stack (the three columns need
# about 900 px in the longest language).
COLUMNS_MIN_PX = 960
NARROW_PART_PX = 220


class EditorPage(QWidget):
    """Emits `saved(routine_id)` after a save and `closed` when the person leaves."""

    saved = Signal(str)
    closed = Signal()

    def __init__(
        self,
        model: LibraryModel,
        ticker: Ticker,
        now: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self._model = model
        self._ticker = ticker
        self._items: list[RoutineItem] = []
        self._audience: tuple[str, ...] = ()
        self._replacing: str | None = None
        self._saved_state: Routine | None = None
        self._candidate: Candidate | None = None
        self._id_touched = False
        self._ask: QMessageBox | None = None
        tr = self._tr = model.library.translator

        self.title = QLineEdit()
        self.title.setAccessibleName(tr._("Title"))
        self.title.textEdited.connect(self._title_edited)
        self.routine_id = QLineEdit()
        self.routine_id.setAccessibleName(tr._("Id (the file name)"))
        self.routine_id.textEdited.connect(self._id_edited)
        self.description = QPlainTextEdit()
        self.description.setAccessibleName(tr._("Description"))
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(52)
        self.description.textChanged.connect(self.refresh)
        self.audience = plain_label()

        self.picker = ExercisePicker(tr=tr)
        self.picker.chosen.connect(self.add_exercise)
        self.picker.current_changed.connect(self._preview_exercise)
        self.doses = DosePanel(tr=tr)
        self.doses.changed.connect(self._dose_changed)
        self.list = EnterList()
        self.list.setObjectName("routineItems")
        self.list.setAccessibleName(tr._("Your routine (Alt+Up/Down moves, Delete removes)"))
        self.list.setWordWrap(True)  # a long name and its dose wrap in a side panel
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self._rows_moved)
        self.list.currentRowChanged.connect(self._select_row)
        self.list.entered.connect(lambda: self.doses.reps.setFocus())
        self.figure = IllustrationWidget(tr=tr)
        self.figure.setAccessibleName(tr._("The selected exercise, moving"))
        self.player = FigurePlayer(self.figure, now)
        ticker.ticked.connect(self._tick)
        self.total = plain_label("", "editorTotal")
        self.problems = plain_label("", "problems")
        self.problems.setAccessibleName(tr._("Problems with the routine"))

        self.save_button = self._action(tr._("Save"), tr._("Save the routine"), self.save, "Ctrl+S")
        header = PageHeader(
            tr._("Routine editor"),
            self.save_button,
            self._action(
                tr._("Back"),
                tr._("Back to the routines, asking first if unsaved"),
                self.leave,
                "Esc",
            ),
        )
        details = QFormLayout()
        details.addRow(tr._("&Title"), self.title)
        details.addRow(tr._("&Id"), self.routine_id)
        details.addRow(tr._("&Description"), self.description)
        details.addRow(self.audience)
        routine_side = QVBoxLayout()
        routine_side.addWidget(plain_label(tr._("Your routine"), "sectionTitle"))
        routine_side.addWidget(self.list, 1)
        buttons = QGridLayout()
        for column, (text, tip, slot, key) in enumerate(
            (
                (tr._("Add"), tr._("Add the chosen exercise"), self.add_current, "Ctrl+Return"),
                (
                    tr._("Remove"),
                    tr._("Remove the selected exercise"),
                    self.remove_current,
                    "Delete",
                ),
                (
                    tr._("Up"),
                    tr._("Move the selected exercise up"),
                    lambda: self.move_current(-1),
                    "Alt+Up",
                ),
                (tr._("Down"), tr._("Move it down"), lambda: self.move_current(1), "Alt+Down"),
            )
        ):
            buttons.addWidget(self._action(text, tip, slot, key), 0, column)
        routine_side.addLayout(buttons)
        figure_side = QVBoxLayout()
        figure_side.addWidget(self.figure, 1)
        figure_side.addWidget(self.doses)
        # Side by side on a wide window, one above the other in a side panel.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.addWidget(self.picker, 3)
        self.columns.addLayout(routine_side, 3)
        self.columns.addLayout(figure_side, 4)
        columns = self.columns
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(header)
        layout.addLayout(details)
        layout.addLayout(columns, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.problems)
        self.scroll_area = scrolling(content)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page = QVBoxLayout(self)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.scroll_area)
        for key, slot in (
            ("Ctrl+F", self.picker.search.setFocus),
            ("Ctrl+1", self.picker.list.setFocus),
            ("Ctrl+2", self.list.setFocus),
            ("Ctrl+T", self.title.setFocus),
        ):
            self._shortcut(key, slot)

    def _shortcut(self, key: str, slot: Callable[[], object]) -> None:
        # On this page only, and at once (a button's own shortcut animates the click).
        shortcut = QShortcut(QKeySequence(key), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _action(self, text: str, tip: str, slot: Callable[[], object], key: str) -> QPushButton:
        widget = button(text, f"{tip} ({key})", slot)
        widget.setAccessibleName(f"{text} ({key})")
        self._shortcut(key, slot)
        return widget

    # -- opening and the state -------------------------------------------------------

    @property
    def library(self) -> Library:
        return self._model.library

    def open(self, routine: Routine | None, *, replacing: str | None = None) -> None:
        """Edit `routine` (a copy, unless `replacing` names the person's own), or a new one."""
        base = routine or Routine("", "", "", 0.0, ())
        self._replacing = replacing
        self._id_touched = replacing is not None
        self._items = list(base.items)
        self._audience = base.audience
        self.title.setText(base.title)
        self.routine_id.setText(base.id if replacing else "")
        if not replacing and base.title:
            self.routine_id.setText(self._model.free_id(id_from_title(base.title)))
        self.description.setPlainText(base.description)
        self.audience.setText(
            self._tr._("Made for {conditions}").format(
                conditions=", ".join(self._tr._(SKIP_WORDS[c]) for c in base.audience)
            )
            if base.audience
            else ""
        )
        self.audience.setVisible(bool(base.audience))
        self.picker.set_exercises(self.library.usable_exercises())
        self._fill_list(0)
        self.refresh()
        self._saved_state = self.current() if replacing else None
        self.title.setFocus()

    def current(self) -> Routine:
        return Routine(
            id=self.routine_id.text().strip(),
            title=self.title.text(),
            description=self.description.toPlainText(),
            minutes=0.0,
            items=tuple(self._items),
            audience=self._audience,  # type: ignore[arg-type]
        )

    @property
    def unsaved(self) -> bool:
        state = self.current()
        if self._saved_state is None:
            return bool(state.title or state.description or state.items)
        return state != self._saved_state

    def _title_edited(self, text: str) -> None:
        if not self._id_touched:
            self.routine_id.setText(self._model.free_id(id_from_title(text)) if text else "")
        self.refresh()

    def _id_edited(self) -> None:
        self._id_touched = True
        self.refresh()

    def refresh(self) -> None:
        """Check the routine as it stands and show its length and problems."""
        folder = self._model.routines_dir or Path("routines")
        routine = self.current()
        candidate = check_candidate(routine, self.library, folder, replacing=self._replacing)
        self._candidate = candidate
        if candidate.timeline is not None and routine.items:
            seconds = candidate.timeline.duration
            self.total.setText(
                self._tr._("Total: {minutes} ({clock}), {exercises}").format(
                    minutes=wording.minutes(seconds, self._tr),
                    clock=wording.clock(seconds),
                    exercises=wording.exercises_text(len(routine.items), self._tr),
                )
            )
        else:
            self.total.setText(self._tr._("Total: add an exercise"))
        lines = [problem_words(p, routine, self.library, self._tr) for p in candidate.problems]
        self.problems.setText("\n".join(f"• {line}" for line in lines))
        self.problems.setVisible(bool(lines))
        self.save_button.setEnabled(candidate.ok)

    # -- the routine's list ----------------------------------------------------------

    def _item_text(self, index: int, item: RoutineItem) -> str:
        exercise = self.library.exercises.get(item.exercise_id)
        name = exercise.name if exercise else item.exercise_id
        tr = self._tr
        hold = item.hold_seconds
        sets = item.sets
        dose = [
            wording.reps_text(item.reps, tr) if item.reps else "",
            tr._("{seconds} s hold").format(seconds=wording.number(hold)) if hold else "",
            tr.ngettext("{n} set", "{n} sets", sets).format(n=sets) if sets and sets > 1 else "",
        ]
        extra = ", ".join(d for d in dose if d)
        return f"{index + 1}. {name}" + (f" ({extra})" if extra else "")

    def _fill_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for index, item in enumerate(self._items):
            entry = QListWidgetItem(self._item_text(index, item))
            entry.setData(Qt.ItemDataRole.UserRole, index)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        if self._items:
            self.list.setCurrentRow(max(0, min(row, len(self._items) - 1)))
        self._select_row(self.list.currentRow())

    def _rows_moved(self) -> None:
        # A drag reordered the list's entries: each still holds its old position.
        order = [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(len(self._items))
        ]
        self._items = [self._items[i] for i in order]
        self._fill_list(self.list.currentRow())
        self.refresh()

    def add_exercise(self, exercise_id: str) -> None:
        if len(self._items) >= MAX_ROUTINE_EXERCISES:
            return  # the loader's limit: the problems line already says so when reached
        self._items.append(RoutineItem(exercise_id))
        self._fill_list(len(self._items) - 1)
        self.refresh()

    def add_current(self) -> None:
        exercise_id = self.picker.current_id()
        if exercise_id:
            self.add_exercise(exercise_id)

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._fill_list(row)
            self.refresh()

    def move_current(self, by: int) -> None:
        row = self.list.currentRow()
        target = row + by
        if 0 <= row < len(self._items) and 0 <= target < len(self._items):
            self._items[row], self._items[target] = self._items[target], self._items[row]
            self._fill_list(target)
            self.refresh()

    def _select_row(self, row: int) -> None:
        item = self._items[row] if 0 <= row < len(self._items) else None
        exercise = self.library.exercises.get(item.exercise_id) if item else None
        self.doses.show_item(item, exercise)
        if item is not None:
            self._play(item)

    def _dose_changed(self, item: RoutineItem) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            self._items[row] = item
            self.list.item(row).setText(self._item_text(row, item))
            self._play(item)
            self.refresh()

    def _preview_exercise(self, exercise_id: str) -> None:
        if exercise_id and self.picker.list.hasFocus():
            self._play(RoutineItem(exercise_id))

    def _play(self, item: RoutineItem) -> None:
        exercise = self.library.exercises.get(item.exercise_id)
        if exercise is None:
            return
        self.figure.set_exercise_poses({exercise.id: exercise.pose_ids()})
        one = Routine("preview", "preview", "", 1.0, (item,), audience=self._audience)  # type: ignore[arg-type]
        self.player.play(self.library.compile(one))

    # -- moving figure: the window's one ticker, only while this page shows ---------------

    def _tick(self) -> None:
        if self.isVisible():
            self.player.tick()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= COLUMNS_MIN_PX
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            # One above the other, the lists and the figure need a height of their own.
            for widget in (self.picker.list, self.list, self.figure):
                widget.setMinimumHeight(0 if wide else NARROW_PART_PX)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._ticker.start()

    def hideEvent(self, event: QHideEvent) -> None:
        self._ticker.stop()
        super().hideEvent(event)

    # -- saving and leaving ----------------------------------------------------------

    def save(self) -> bool:
        self.refresh()
        candidate = self._candidate
        if candidate is None or not candidate.ok or candidate.routine is None:
            return False
        try:
            self._model.save(self.current(), replacing=self._replacing)
        except (RoutineFileError, OSError) as e:
            self.problems.setText(
                "• " + self._tr._("Not saved: {error}").format(error=error_text(e, self._tr))
            )
            self.problems.show()
            return False
        self._replacing = candidate.routine.id
        self._saved_state = self.current()
        self.saved.emit(candidate.routine.id)
        return True

    def leave(self) -> None:
        """Esc: back to the routines, asking first when there is something unsaved."""
        if not self.unsaved:
            self.closed.emit()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self._tr._("Leave the editor?"),
            self._tr._("This routine has changes that are not saved."),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsavedBox")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _: self._answered(box))
        self._ask = box
        box.open()

    def _answered(self, box: QMessageBox) -> None:
        choice = box.standardButton(box.clickedButton())
        if choice == QMessageBox.StandardButton.Discard or (
            choice == QMessageBox.StandardButton.Save and self.save()
        ):
            self.closed.emit()
