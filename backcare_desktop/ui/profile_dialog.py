"""'My back': the profile question, in a few key presses, skippable.

K, W, S and P tick knees, wrists, shoulders and pregnancy; F, B and N pick the pain
pattern; Enter saves, Esc skips (and the question is not put again on its own).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from backcare_desktop.core.profile import BackProfile, PainPattern

_BODY = (
    ("knee-problems", "&Knee problems", Qt.Key.Key_K),
    ("wrist-problems", "&Wrist problems", Qt.Key.Key_W),
    ("shoulder-problems", "&Shoulder problems", Qt.Key.Key_S),
    ("pregnancy", "&Pregnant", Qt.Key.Key_P),
)
_PAIN: tuple[tuple[PainPattern, str, Qt.Key], ...] = (
    ("bending-forward", "Worse bending &forward or sitting", Qt.Key.Key_F),
    ("leaning-back", "Worse standing tall, leaning &back or walking", Qt.Key.Key_B),
    ("none", "&Neither, or not sure", Qt.Key.Key_N),
)


class ProfileDialog(QDialog):
    """`chosen(BackProfile)` when saved; `rejected` when skipped."""

    chosen = Signal(object)

    def __init__(self, profile: BackProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.setWindowTitle("My back")
        intro = QLabel(
            "BackCare can leave out or swap what is not right for your back, and will say "
            "each change aloud. Everything here is optional and stays on this computer."
        )
        intro.setWordWrap(True)
        body_title = QLabel("Do any of these apply to you?")
        self.body: dict[str, QCheckBox] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(body_title)
        for condition, label, _key in _BODY:
            box = QCheckBox(label)
            box.setObjectName(condition)
            box.setChecked(condition in profile.body)
            box.setAccessibleName(label.replace("&", ""))
            self.body[condition] = box
            layout.addWidget(box)
        layout.addWidget(QLabel("Your back pain:"))
        self.pain: dict[str, QRadioButton] = {}
        group = QButtonGroup(self)
        for pattern, label, _key in _PAIN:
            radio = QRadioButton(label)
            radio.setObjectName(f"pain-{pattern}")
            radio.setChecked(pattern == profile.pain)
            radio.setAccessibleName(label.replace("&", ""))
            group.addButton(radio)
            self.pain[pattern] = radio
            layout.addWidget(radio)
        hint = QLabel("Keys: K, W, S, P tick; F, B, N choose; Enter saves; Esc skips.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def profile(self) -> BackProfile:
        body = tuple(c for c, box in self.body.items() if box.isChecked())
        pain: PainPattern = next(
            (pattern for pattern, _label, _key in _PAIN if self.pain[pattern].isChecked()), "none"
        )
        return BackProfile.of(body + ((f"pain-{pain}",) if pain != "none" else ()))

    def accept(self) -> None:
        self.chosen.emit(self.profile())
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Plain letters work as well as Alt+letter, so the profile takes seconds.
        key = event.key()
        for condition, _label, body_key in _BODY:
            if key == body_key:
                self.body[condition].toggle()
                return
        for pattern, _label, pain_key in _PAIN:
            if key == pain_key:
                self.pain[pattern].setChecked(True)
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)
