"""Home: the routines, the desk break first, and any file that failed to load."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.core.summaries import RoutineSummary, summary_of
from backcare_desktop.ui.card_delegate import RoutineDelegate
from backcare_desktop.ui.rich_text import escape
from backcare_desktop.ui.widgets import PageHeader, WrappingButton, button, set_shortcut

if TYPE_CHECKING:
    from backcare_desktop.core.timeline import Timeline

QUICK_ROUTINE_ID = "desk-break"


class RoutineCard(NamedTuple):
    # A named tuple: a start with a thousand routines makes a thousand (a frozen
    # dataclass costs three times as much to make).
    routine_id: str
    title: str
    description: str
    seconds: float
    exercises: int
    needs: tuple[str, ...]
    user: bool
    changes: tuple[str, ...] = ()  # what the person's back profile changes, one line each

    @classmethod
    def of(cls, timeline: Timeline, changes: tuple[str, ...] = ()) -> RoutineCard:
        return cls.of_summary(summary_of(timeline), changes)

    @classmethod
    def of_summary(cls, s: RoutineSummary, changes: tuple[str, ...] = ()) -> RoutineCard:
        return cls(s.id, s.title, s.description, s.seconds, s.exercises, s.needs, s.user, changes)


MAX_PROBLEMS_SHOWN = 40
LAYOUT_BATCH = 40  # more cards than a tall screen shows
# Cards put in the list before it first paints: a screenful (at least this many), the
# rest right after. A card is four calls into Qt (about 16 µs), and each one in the list
# before the paint is laid out for it: a thousand would only delay the window.
FIRST_CARDS = 16
MIN_CARD_HEIGHT = 48  # px: no card is shorter (three lines of text and their padding)


class RoutineList(QListWidget):
    """Enter starts the selected routine on every platform (not only where it activates)."""

    chosen = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.chosen.emit(self.currentItem().data(Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)


class HomePage(QWidget):
    """Emits `start_requested(routine_id)` when a routine is chosen."""

    start_requested = Signal(str)
    progress_requested = Signal()
    settings_requested = Signal()
    profile_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, tr: Translator = ENGLISH_TRANSLATOR
    ) -> None:
        super().__init__(parent)
        self._tr = tr
        self.setObjectName("home")
        hint = QLabel(
            tr._("Enter or double-click to start. Take it gently: stop at any sharp pain.")
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)

        self.quick = WrappingButton(tr._("Desk break: 5 minutes standing"))
        self.quick.setObjectName("quickButton")
        self.quick.setToolTip(tr._("Start the standing desk break (Ctrl+D)"))
        set_shortcut(self.quick, "Ctrl+D")
        self.quick.setAccessibleDescription(tr._("Start the standing desk break. Shortcut Ctrl+D"))
        self.quick.clicked.connect(lambda: self.start_requested.emit(QUICK_ROUTINE_ID))

        self.list = RoutineList()
        self.list.setObjectName("routineList")
        self.list.setAccessibleName(tr._("Routines"))
        self.list.setAccessibleDescription(tr._("Enter starts the selected routine"))
        self.list.setWordWrap(True)
        self.delegate = RoutineDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(False)  # a long description wraps onto more lines
        # Cards are sized a batch at a time between paints: with a thousand routines the
        # window shows the first ones at once, not after every card is laid out.
        self.list.setLayoutMode(QListWidget.LayoutMode.Batched)
        self.list.setBatchSize(LAYOUT_BATCH)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.chosen.connect(self.start_requested)
        self.list.itemDoubleClicked.connect(
            lambda item: self.start_requested.emit(item.data(Qt.ItemDataRole.UserRole))
        )

        # What "My back" changes in the selected routine, before it starts.
        self.changes = QLabel()
        self.changes.setObjectName("profileChanges")
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        self.changes.setWordWrap(True)
        self.changes.hide()
        self._changes: dict[str, tuple[str, ...]] = {}
        self.list.currentItemChanged.connect(self._show_changes)
        self._texts = CardTexts(tr)
        self._rest: Sequence[RoutineCard] = []  # cards not yet in the list, until it paints
        self._rest_pending = False  # a timer is set to add them

        self.problems = QLabel()
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # quotes file names and contents
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.hide()

        self.progress_button = button(
            tr._("Progress"),
            tr._("Your sessions, streak and how your back has felt"),
            self.progress_requested.emit,
            "Ctrl+P",
        )
        self.settings_button = button(
            tr._("Settings"),
            tr._("Voice, theme, text size, motion, weekly goal and check-ins"),
            self.settings_requested.emit,
            "Ctrl+,",
        )
        self.header = PageHeader(tr._("Routines"), self.progress_button, self.settings_button)
        self.setAccessibleName(tr._("Routines"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        self.profile_button = button(
            tr._("My back"),
            tr._("Knees, wrists, shoulders, pregnancy, and when your back hurts"),
            self.profile_requested.emit,
            "Ctrl+B",
        )
        # Beside the hint, not in the header: the header must still fit a 420 px panel.
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        hint_row.addWidget(self.profile_button)
        layout.addWidget(self.header)
        layout.addLayout(hint_row)
        layout.addWidget(self.quick)
        self._bar_slot = QVBoxLayout()  # the routine actions, when the window adds them
        layout.addLayout(self._bar_slot)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.changes)
        layout.addWidget(self.problems)
        # Tab goes in reading order: the header's buttons, My back, the desk break, the list.
        self.setTabOrder(self.progress_button, self.settings_button)
        self.setTabOrder(self.settings_button, self.profile_button)
        self.setTabOrder(self.profile_button, self.quick)
        self.setTabOrder(self.quick, self.list)

    def set_routines(self, cards: Sequence[RoutineCard], problems: Sequence[LoadError]) -> None:
        self._changes = {card.routine_id: card.changes for card in cards}
        self.list.clear()
        # The desk break first: it is the one a person at a laptop wants most often.
        ordered = sorted(cards, key=lambda c: (c.routine_id != QUICK_ROUTINE_ID, c.user, c.title))
        self._texts = CardTexts(self._tr)
        first = self._first_count(len(ordered))
        self._add_cards(ordered[:first])
        self._rest = ordered[first:]
        self.quick.setVisible(any(c.routine_id == QUICK_ROUTINE_ID for c in cards))
        if self.list.count():
            self.list.setCurrentRow(0)
        if problems:
            # A folder of a thousand bad files must not push the routines off the page.
            shown = problems[:MAX_PROBLEMS_SHOWN]
            lines = "\n".join(
                f"• {p.path.name}: {self._tr._(p.field) + ': ' if p.field else ''}"
                f"{self._tr._(p.problem)}"
                for p in shown
            )
            if len(problems) > len(shown):
                more = self._tr._("and {n} more: `backcare list` shows them all.")
                lines += "\n• " + more.format(n=len(problems) - len(shown))
            self.problems.setText(
                self._tr._("Some of your files could not be loaded:") + "\n" + lines
            )
            self.problems.show()
        else:
            self.problems.hide()

    def _add_cards(self, cards: Sequence[RoutineCard]) -> None:
        user_role, accessible_role = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.AccessibleTextRole
        for card in cards:
            text = self._texts.of(card)
            item = QListWidgetItem(text)
            item.setData(user_role, card.routine_id)
            # A tool tip that looks like markup is drawn as rich text: escape it.
            item.setToolTip(f"<p>{escape(card.description)}</p>")
            item.setData(accessible_role, text.replace("\n", ". "))
            self.list.addItem(item)

    def _first_count(self, cards: int) -> int:
        """How many cards go in the list before it paints: more than the screen shows."""
        if cards <= FIRST_CARDS:
            return cards
        screen = self.screen()
        height = screen.availableGeometry().height() if screen is not None else 0
        return max(FIRST_CARDS, height // MIN_CARD_HEIGHT + 1)

    def paintEvent(self, event: QPaintEvent) -> None:
        # The page's own paint, not an event filter: a filter would make PySide build the
        # Python type of every event the page gets before it paints (~15 M instructions).
        super().paintEvent(event)
        if self._rest and not self._rest_pending:
            self._rest_pending = True
            # A zero timer runs once the event that paints (and flushes) the window is over.
            QTimer.singleShot(0, self._add_rest)

    def _add_rest(self) -> None:
        """The cards after the first screenful, once the page has painted (or when
        something looks a routine up before)."""
        self._rest_pending = False
        rest, self._rest = self._rest, []
        self._add_cards(rest)

    def all_cards_added(self) -> bool:
        return not self._rest

    def _show_changes(self, item: QListWidgetItem | None) -> None:
        changes = self._changes.get(item.data(Qt.ItemDataRole.UserRole), ()) if item else ()
        self.changes.setText(
            self._tr._("Changed for you in this routine:")
            + "\n"
            + "\n".join(f"• {c}" for c in changes)
        )
        self.changes.setVisible(bool(changes))

    def focus_list(self) -> None:
        self.list.setFocus()

    def add_bar(self, bar: QWidget) -> None:
        self._bar_slot.addWidget(bar)

    def current_routine_id(self) -> str:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""

    def select_routine(self, routine_id: str) -> None:
        if self._rest:
            self._add_rest()
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == routine_id:
                self.list.setCurrentRow(row)


class CardTexts:
    """Each card's text, "title\ndescription\nfacts", in the person's language. The facts
    line depends on a few small values that many cards share (minutes, exercise count,
    what they need, how many changes), so each is worded once."""

    def __init__(self, tr: Translator) -> None:
        self._tr = tr
        self._mine = tr._("  (yours)")
        self._facts: dict[tuple[float, int, tuple[str, ...], int], str] = {}

    def of(self, card: RoutineCard) -> str:
        mine = self._mine if card.user else ""
        key = (card.seconds, card.exercises, card.needs, len(card.changes))
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = self._facts_line(*key)
        return f"{card.title}{mine}\n{card.description}\n{facts}"

    def _facts_line(self, seconds: float, exercises: int, needs: tuple[str, ...], n: int) -> str:
        tr = self._tr
        adapted = ""
        if n:
            adapted = " · ✎ " + tr.ngettext(
                "{n} changed for your back", "{n} changed for your back", n
            ).format(n=n)
        return (
            f"{wording.minutes(seconds, tr)} · {wording.exercises_text(exercises, tr)} · "
            f"{wording.needs_line(needs, tr)}{adapted}"
        )
