"""The editor's parts: the exercise picker, the dose panel and the moving figure."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop import resources
from backcare_desktop.core import wording
from backcare_desktop.core.dose_ranges import DoseRange, DoseRanges, dose_ranges
from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, N_, Translator
from backcare_desktop.core.library import Library
from backcare_desktop.core.model import (
    DIRECTIONS,
    EQUIPMENT,
    POSITIONS,
    Exercise,
    Routine,
    RoutineItem,
)
from backcare_desktop.core.schema import MAX_ID_CHARS
from backcare_desktop.core.timeline import Step, Timeline
from backcare_desktop.ui.illustration import IllustrationWidget

ANY = "any"
SIDES_WORDS = {
    "none": N_("not one-sided"),
    "each": N_("each side in turn"),
    "alternating": N_("alternating"),
}
# The picker's filter choices: the file's values, said short.
CHOICE_WORDS = {
    "standing": N_("standing"),
    "seated": N_("seated"),
    "all-fours": N_("all fours"),
    "lying-on-back": N_("lying on back"),
    "lying-on-front": N_("lying on front"),
    "kneeling": N_("kneeling"),
    "none": N_("none"),
    "mat": N_("mat"),
    "band": N_("band"),
    "wall": N_("wall"),
    "counter": N_("counter"),
    "cushion": N_("cushion"),
    "chair": N_("chair"),
    "flexion": N_("flexion"),
    "extension": N_("extension"),
    "rotation": N_("rotation"),
    "neutral": N_("neutral"),
}


_ITEM_FIELD = re.compile(r"exercises\[(\d+)\]\.?(.*)")
FIELD_WORDS = {
    "title": N_("Title"),
    "description": N_("Description"),
    "id": N_("Id"),
    "for": N_("Made for"),
}


def id_from_title(title: str) -> str:
    """A routine id from its title: 'Morning, for Anna!' -> 'morning-for-anna'."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:MAX_ID_CHARS].strip("-")
    return slug or "my-routine"


def problem_words(
    problem: LoadError, routine: Routine, library: Library, tr: Translator = ENGLISH_TRANSLATOR
) -> str:
    """A problem of the candidate as the editor says it: where, then what."""
    found = _ITEM_FIELD.fullmatch(problem.field)
    if found:
        index = int(found.group(1))
        item = routine.items[index] if index < len(routine.items) else None
        exercise = library.exercises.get(item.exercise_id) if item else None
        name = exercise.name if exercise else (item.exercise_id if item else "?")
        where = tr._("Exercise {number} ({name})").format(number=index + 1, name=name)
        if found.group(2) not in ("", "id"):
            where += f", {found.group(2)}"
    elif problem.field == "exercises":
        where = tr._("Exercises")
    else:
        known = FIELD_WORDS.get(problem.field)
        where = tr._(known) if known else problem.field or tr._("The routine")
    return tr._("{where}: {problem}").format(where=where, problem=tr._(problem.problem))


def plain_label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names and texts come from files
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def figure_icon(exercise_id: str) -> QIcon:
    """The exercise's first exported key pose, or no icon when there is none."""
    folder = resources.assets_dir() / "illustrations" / exercise_id
    first = sorted(folder.glob("1-*.png")) if folder.is_dir() else []
    return QIcon(str(first[0])) if first else QIcon()


class EnterList(QListWidget):
    """Enter emits `entered` (the routine list and picker act on it everywhere)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.entered.emit()
            return
        super().keyPressEvent(event)


class ExercisePicker(QWidget):
    """Every exercise, filtered by position, equipment, spine direction and what it is
    good for; `chosen(exercise_id)` on Enter or double-click."""

    chosen = Signal(str)
    current_changed = Signal(str)

    def __init__(
        self, parent: QWidget | None = None, *, tr: Translator = ENGLISH_TRANSLATOR
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._exercises: dict[str, Exercise] = {}
        self._icons: dict[str, QIcon] = {}
        self.position = self._combo(
            POSITIONS,
            tr._("Position: any"),
            tr._("Filter by position"),
            tr._("Show only exercises with this position"),
        )
        self.equipment = self._combo(
            ("none", *EQUIPMENT),
            tr._("Equipment: any"),
            tr._("Filter by equipment"),
            tr._("Show only exercises with this equipment"),
        )
        self.direction = self._combo(
            DIRECTIONS,
            tr._("Spine direction: any"),
            tr._("Filter by spine direction"),
            tr._("Show only exercises with this spine direction"),
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr._("Good for (Ctrl+F)"))
        self.search.setAccessibleName(tr._("Search what an exercise is good for"))
        self.search.textChanged.connect(self.refilter)
        self.list = EnterList()
        self.list.setObjectName("exercisePicker")
        self.list.setAccessibleName(tr._("Exercises to add (Enter adds)"))
        self.list.setIconSize(QSize(64, 48))
        self.list.setWordWrap(True)
        self.list.entered.connect(self._choose_current)
        self.list.itemDoubleClicked.connect(lambda _: self._choose_current())
        self.list.currentItemChanged.connect(
            lambda item, _: self.current_changed.emit(self._id(item))
        )
        # Two by two: the picker stays narrow enough for the figure beside it.
        filters = QGridLayout()
        filters.addWidget(self.position, 0, 0)
        filters.addWidget(self.equipment, 0, 1)
        filters.addWidget(self.direction, 1, 0)
        filters.addWidget(self.search, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(plain_label(tr._("Exercises"), "sectionTitle"))
        layout.addLayout(filters)
        layout.addWidget(self.list, 1)

    def _combo(self, choices: tuple[str, ...], any_text: str, name: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setToolTip(tip)
        combo.addItem(any_text, ANY)
        for choice in choices:
            known = CHOICE_WORDS.get(choice)
            combo.addItem(self._tr._(known) if known else choice.replace("-", " "), choice)
        combo.currentIndexChanged.connect(self.refilter)
        return combo

    @staticmethod
    def _id(item: QListWidgetItem | None) -> str:
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def set_exercises(self, exercises: Mapping[str, Exercise]) -> None:
        self._exercises = dict(exercises)
        self.refilter()

    def _matches(self, exercise: Exercise) -> bool:
        position, equipment = self.position.currentData(), self.equipment.currentData()
        direction, words = self.direction.currentData(), self.search.text().strip().lower()
        return (
            position in (ANY, exercise.position)
            and (
                equipment == ANY
                or equipment in exercise.equipment
                or (equipment == "none" and not exercise.equipment)
            )
            and direction in (ANY, *exercise.directions)
            and (not words or words in f"{exercise.name} {exercise.good_for}".lower())
        )

    def refilter(self) -> None:
        current = self._id(self.list.currentItem())
        self.list.clear()
        for exercise in sorted(self._exercises.values(), key=lambda e: e.name):
            if not self._matches(exercise):
                continue
            if exercise.id not in self._icons:
                self._icons[exercise.id] = figure_icon(exercise.id)
            item = QListWidgetItem(
                self._icons[exercise.id], f"{exercise.name}\n{exercise.good_for}"
            )
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setToolTip("")  # the text is shown as written; no rich tool tip
            self.list.addItem(item)
            if exercise.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def current_id(self) -> str:
        return self._id(self.list.currentItem())

    def shown_ids(self) -> list[str]:
        return [self._id(self.list.item(i)) for i in range(self.list.count())]

    def _choose_current(self) -> None:
        exercise_id = self._id(self.list.currentItem())
        if exercise_id:
            self.chosen.emit(exercise_id)


class DosePanel(QWidget):
    """Reps, hold seconds and sets of one routine item, each held inside its range."""

    changed = Signal(object)  # the RoutineItem with the new dose

    def __init__(
        self, parent: QWidget | None = None, *, tr: Translator = ENGLISH_TRANSLATOR
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self._item: RoutineItem | None = None
        self._ranges: DoseRanges | None = None
        self.title = plain_label("", "doseTitle")
        self.title.setWordWrap(False)  # one line: a wrapped name is clipped beside the figure
        self.reps, self.reps_range = self._spin(tr._("Repetitions"))
        self.hold, self.hold_range = self._spin(tr._("Hold, in seconds"))
        self.sets, self.sets_range = self._spin(tr._("Sets"))
        self.sides = plain_label()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.title)
        for label, spin, bounds in (
            (tr._("Reps"), self.reps, self.reps_range),
            (tr._("Hold (s)"), self.hold, self.hold_range),
            (tr._("Sets"), self.sets, self.sets_range),
        ):
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(bounds, 1)
            form.addRow(label, row)
        form.addRow(tr._("Sides"), self.sides)
        self.show_item(None, None)

    def _spin(self, name: str) -> tuple[QSpinBox, QLabel]:
        spin = QSpinBox()
        spin.setAccessibleName(name)
        spin.setKeyboardTracking(True)  # the total length follows each keystroke
        spin.valueChanged.connect(self._on_value)
        return spin, plain_label()

    def show_item(self, item: RoutineItem | None, exercise: Exercise | None) -> None:
        self._item = None  # no `changed` while the boxes are filled in
        self._ranges = dose_ranges(exercise) if exercise is not None else None
        self.title.setText(
            exercise.name if exercise is not None else self._tr._("Choose an exercise")
        )
        ranges = self._ranges
        doses = (ranges.reps, ranges.hold_seconds, ranges.sets) if ranges else (None, None, None)
        values = (item.reps, item.hold_seconds, item.sets) if item else (None, None, None)
        spins = ((self.reps, self.reps_range), (self.hold, self.hold_range))
        for (spin, bounds), dose, value in zip(
            (*spins, (self.sets, self.sets_range)), doses, values, strict=True
        ):
            self._fill(spin, bounds, dose, value)
        self.sides.setText(self._tr._(SIDES_WORDS[ranges.sides]) if ranges else "")
        self._item = item

    def _fill(
        self, spin: QSpinBox, bounds: QLabel, dose: DoseRange | None, value: float | None
    ) -> None:
        spin.setEnabled(dose is not None)
        # Qt shows the special text at the minimum: only a fixed dose's box has one.
        spin.setSpecialValueText("-" if dose is None else "")
        if dose is None:
            spin.setRange(0, 0)
            bounds.setText(self._tr._("fixed"))
            return
        spin.setRange(int(dose.low), int(dose.high))
        spin.setSingleStep(dose.step)
        spin.setValue(int(value if value is not None else dose.default))
        bounds.setText(
            self._tr._("{low} to {high}").format(
                low=wording.number(dose.low), high=wording.number(dose.high)
            )
        )

    def _on_value(self) -> None:
        if self._item is None or self._ranges is None:
            return
        r = self._ranges
        wanted = replace(
            self._item,
            reps=self.reps.value() if r.reps else None,
            hold_seconds=float(self.hold.value()) if r.hold_seconds else None,
            sets=self.sets.value(),
        )
        held = r.held(wanted)
        if held.reps is not None and held.reps != self.reps.value():
            self.reps.setValue(held.reps)  # an odd count of alternating reps: one more
            return
        self._item = held
        self.changed.emit(held)


class FigurePlayer:
    """Loops one exercise's movement on `figure`, a frame per tick of the window's one
    ticker, while the editor is on screen."""

    def __init__(self, figure: IllustrationWidget, now: Callable[[], float]) -> None:
        self.figure = figure
        self._now = now
        self._steps: tuple[Step, ...] = ()
        self._start = 0.0
        self._length = 0.0

    def play(self, timeline: Timeline | None) -> None:
        moving = tuple(
            s for s in (timeline.steps if timeline else ()) if s.kind in ("move", "hold")
        )
        self._steps = moving
        self._start = self._now()
        self._length = sum(s.seconds for s in moving)
        if moving:
            self.figure.show_step(moving[0], 0.0)

    def tick(self) -> None:
        if not self._steps or self._length <= 0:
            return
        t = (self._now() - self._start) % self._length
        for step in self._steps:
            if t < step.seconds:
                self.figure.show_step(step, t / step.seconds if step.seconds else 1.0)
                return
            t -= step.seconds
