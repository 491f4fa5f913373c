"""Pain check-ins before and after a session: one key press, always skippable.

Before: "How does your back feel?" 0-10 (digits 0-9, "=" or "+" for 10, Esc or S to
skip). When progression has an offer, a second page shows it: Y tries the new dose, N
(or Esc) keeps the usual one; declining is the default because we never force a change.

After: the same scale plus "too easy / about right / too hard" (E / A / H). The two can
be answered in either order; once both are given, or Enter / Esc is pressed, it is done.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core import wording
from backcare_desktop.core.progression import Offer
from backcare_desktop.ui.palette import LIGHT

PAIN_QUESTION = "How does your back feel?"
PAIN_HINT = "0 = no pain, 10 = the worst you can imagine. Press a number (= for 10), or S to skip."
RATING_CHOICES: tuple[tuple[str, str, Qt.Key], ...] = (
    ("too-easy", "Too easy", Qt.Key.Key_E),
    ("about-right", "About right", Qt.Key.Key_A),
    ("too-hard", "Too hard", Qt.Key.Key_H),
)
_TEN_KEYS = (Qt.Key.Key_Equal, Qt.Key.Key_Plus)
_SKIP_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_S)


def _pain_from_key(event: QKeyEvent) -> int | None:
    key = event.key()
    if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
        return int(key - Qt.Key.Key_0)
    if key in _TEN_KEYS:
        return 10
    return None


def _title(text: str, pixels: int, colour: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # routine titles come from a person's files
    # A widget's own style sheet beats the window's `QWidget { font-size }`; a QFont
    # would not.
    label.setStyleSheet(f"font-size: {pixels}px;" + (f" color: {colour};" if colour else ""))
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def _big_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    # Keys go to the check-in, not to a focused button: Space must not pick "0".
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumSize(44, 52)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


ACCENT = LIGHT.accent
HINT = LIGHT.hint
_COLUMN_WIDTH = 860

# The chosen answer must be obvious from across the room.
_BUTTONS = (
    "QPushButton { font-size: 22px; padding: 10px 8px; }"
    f"QPushButton:checked {{ background: {ACCENT}; color: {LIGHT.accent_text}; "
    f"border-color: {ACCENT}; }}"
)


def _centred(*items: QWidget | QHBoxLayout | QGridLayout) -> QWidget:
    """A page: its items in a column of readable width, in the middle of the space."""
    page = QWidget()
    outer = QHBoxLayout(page)
    column = QWidget()
    column.setMaximumWidth(_COLUMN_WIDTH)
    layout = QVBoxLayout(column)
    layout.setSpacing(14)
    layout.addStretch(1)
    for item in items:
        if isinstance(item, QWidget):
            layout.addWidget(item)
        else:
            layout.addLayout(item)
    layout.addStretch(1)
    outer.addWidget(column)
    return page


class ReflowRow(QWidget):
    """Buttons in one row, or in `narrow_columns` per row when the window is narrow
    (BackCare also runs as a ~420 px side panel)."""

    def __init__(self, narrow_columns: int, wide_width: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setSpacing(6)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._narrow = narrow_columns
        self._wide_width = wide_width
        self._buttons: list[QPushButton] = []
        self._columns = 0

    def add(self, button: QPushButton) -> None:
        self._buttons.append(button)
        self._place(len(self._buttons))

    def _place(self, columns: int) -> None:
        self._columns = columns
        for n, button in enumerate(self._buttons):
            self._grid.addWidget(button, n // columns, n % columns)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 300), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        columns = len(self._buttons) if event.size().width() >= self._wide_width else (self._narrow)
        if columns != self._columns and self._buttons:
            self._place(columns)
        super().resizeEvent(event)


class PainScale(ReflowRow):
    """Eleven big buttons, 0 to 10. `picked(int)` on a click; keys are the parent's job."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(narrow_columns=6, wide_width=640, parent=parent)
        self._group = QButtonGroup(self)
        for value in range(11):
            button = _big_button(str(value))
            button.setAccessibleName(f"Pain {value} of 10")
            self._group.addButton(button, value)
            self.add(button)
        self._group.idClicked.connect(self.picked)

    def button(self, value: int) -> QPushButton:
        return self._group.button(value)  # type: ignore[return-value]

    def show_value(self, value: int | None) -> None:
        self._group.setExclusive(False)
        for button in self._group.buttons():
            button.setChecked(self._group.id(button) == value)
        self._group.setExclusive(True)


class _CheckInBase(QWidget):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(_BUTTONS)
        self._context = _title("", 16, HINT)
        self._question = _title(PAIN_QUESTION, 30)
        self._hint = _title(PAIN_HINT, 15, HINT)
        self.scale = PainScale()
        self.scale.picked.connect(self._on_pain)
        self.pain: int | None = None

    def showEvent(self, event: QShowEvent) -> None:
        # Keyboard first: the answer is one key press away as soon as the page appears.
        super().showEvent(event)
        self.setFocus()

    def _pain_items(self) -> tuple[QWidget, ...]:
        return (self._context, self._question, self.scale, self._hint)

    def _on_pain(self, value: int) -> None:
        raise NotImplementedError


class BeforeCheckIn(_CheckInBase):
    """Before a session. `answered(pain or None, accepted_offer)` ends it."""

    answered = Signal(object, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._offer: Offer | None = None
        self._offer_headline = _title("", 28)
        self.offer_text = _title("", 17)
        self.offer_text.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self._try = _big_button("Try it (Y)")
        self._keep = _big_button("Keep my usual (N)")
        self._try.clicked.connect(lambda: self._decide(True))
        self._keep.clicked.connect(lambda: self._decide(False))
        self._stack = QStackedWidget()
        self._stack.addWidget(_centred(*self._pain_items()))
        self._stack.addWidget(self._offer_page())
        QVBoxLayout(self).addWidget(self._stack)

    def _offer_page(self) -> QWidget:
        buttons = QHBoxLayout()
        buttons.addWidget(self._try)
        buttons.addWidget(self._keep)
        note = _title(
            "Not sure? Keep your usual. You will be asked how it went afterwards.", 15, HINT
        )
        return _centred(self._offer_headline, self.offer_text, buttons, note)

    def ask(self, routine_title: str, offer: Offer | None = None) -> None:
        """Start over for a new session (the widget is reused)."""
        self.pain = None
        self._offer = offer
        self.scale.show_value(None)
        self._context.setText(f"Before “{routine_title}”")
        if offer is not None:
            self._offer_headline.setText(wording.offer_headline(offer))
            # One line per change: easier to take in than the one-paragraph offer_text.
            changes = "\n".join(f"•  {wording.change_text(c)}" for c in offer.changes)
            self.offer_text.setText(f"{wording.offer_reason(offer)}\n\n{changes}")
        self._stack.setCurrentIndex(0)
        self.setFocus()

    @property
    def offer(self) -> Offer | None:
        return self._offer

    def _on_pain(self, value: int | None) -> None:
        self.pain = value
        self.scale.show_value(value)
        if self._offer is None:
            self.answered.emit(value, False)
        else:
            self._stack.setCurrentIndex(1)

    def _decide(self, accepted: bool) -> None:
        self.answered.emit(self.pain, accepted)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._stack.currentIndex() == 1:
            if key == Qt.Key.Key_Y:
                self._decide(True)
            elif key in (Qt.Key.Key_N, Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._decide(False)
            else:
                super().keyPressEvent(event)
            return
        pain = _pain_from_key(event)
        if pain is not None:
            self._on_pain(pain)
        elif key in _SKIP_KEYS:
            self._on_pain(None)
        else:
            super().keyPressEvent(event)


class AfterCheckIn(_CheckInBase):
    """After a session. `answered(pain or None, rating or None)` ends it."""

    answered = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating: str | None = None
        self._done = False
        self._ratings = QButtonGroup(self)
        row = ReflowRow(narrow_columns=1, wide_width=560)
        for column, (value, label, key) in enumerate(RATING_CHOICES):
            button = _big_button(f"{label} ({key.name[-1]})")
            button.clicked.connect(lambda _=False, v=value: self._on_rating(v))
            self._ratings.addButton(button, column)
            row.add(button)
        self._hint_after = _title("E, A or H. Enter when done, Esc to skip.", 15, HINT)
        QVBoxLayout(self).addWidget(
            _centred(*self._pain_items(), _title("How was the session?", 24), row, self._hint_after)
        )

    def ask(self, routine_title: str) -> None:
        self.pain = None
        self.rating = None
        self._done = False
        self.scale.show_value(None)
        self._show_rating()
        self._context.setText(f"After “{routine_title}”")
        self.setFocus()

    def _show_rating(self) -> None:
        self._ratings.setExclusive(False)
        for column, button in enumerate(self._ratings.buttons()):
            button.setChecked(RATING_CHOICES[column][0] == self.rating)
        self._ratings.setExclusive(True)

    def _on_pain(self, value: int) -> None:
        self.pain = value
        self.scale.show_value(value)
        self._finish_if_complete()

    def _on_rating(self, value: str) -> None:
        self.rating = value
        self._show_rating()
        self._finish_if_complete()

    def _finish_if_complete(self) -> None:
        if self.pain is not None and self.rating is not None:
            self._finish()

    def _finish(self) -> None:
        if not self._done:  # one answer per session, however many keys follow
            self._done = True
            self.answered.emit(self.pain, self.rating)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        pain = _pain_from_key(event)
        rating = next((value for value, _, k in RATING_CHOICES if k == key), None)
        if pain is not None:
            self._on_pain(pain)
        elif rating is not None:
            self._on_rating(rating)
        elif key in (*_SKIP_KEYS, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._finish()
        else:
            super().keyPressEvent(event)
