"""A small reminder in the corner of the screen that never takes the keyboard.

Shown where the desktop has no notifications with buttons. It does not accept focus and
is shown without being activated, so typing goes on where it was; one click answers it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR, Translator
from backcare_desktop.platform.notice import Notice

MARGIN = 16


class ReminderWindow(QWidget):
    action_invoked = Signal(str)  # the key of the button pressed

    def __init__(
        self,
        icon: QIcon | None = None,
        parent: QWidget | None = None,
        *,
        tr: Translator = ENGLISH_TRANSLATOR,
    ) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus
            | Qt.WindowType.FramelessWindowHint,
        )
        self.setObjectName("reminderWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)  # for the border
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWindowTitle(tr._("BackCare reminder"))
        if icon is not None:
            self.setWindowIcon(icon)
        self.title = QLabel()
        self.title.setObjectName("reminderTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)  # a longer language's title on a narrow screen
        self.body = QLabel()
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        header = QHBoxLayout()
        if icon is not None:
            picture = QLabel()
            picture.setPixmap(icon.pixmap(40, 40))
            header.addWidget(picture)
        header.addWidget(self.title, 1)
        layout.addLayout(header)
        layout.addWidget(self.body)
        layout.addLayout(self.buttons)
        self.setMinimumWidth(340)
        self.setStyleSheet(
            "#reminderWindow { background: palette(window); border: 1px solid palette(mid); }"
            "#reminderTitle { font-weight: bold; font-size: 15px; }"
        )

    def present(self, notice: Notice) -> None:
        self.title.setText(notice.title)
        self.body.setText(notice.body)
        while self.buttons.count():
            item = self.buttons.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for key, label in notice.actions:
            button = QPushButton(label)
            button.setObjectName(f"reminder-{key}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click, never a stray keypress
            button.clicked.connect(lambda _=False, k=key: self._answer(k))
            self.buttons.addWidget(button)
        self.adjustSize()
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            area = screen.availableGeometry()
            if self.width() > area.width() - 2 * MARGIN:
                self.resize(
                    area.width() - 2 * MARGIN, self.heightForWidth(area.width() - 2 * MARGIN)
                )
            self.move(area.right() - self.width() - MARGIN, area.bottom() - self.height() - MARGIN)
        self.show()

    def _answer(self, key: str) -> None:
        self.hide()
        self.action_invoked.emit(key)
