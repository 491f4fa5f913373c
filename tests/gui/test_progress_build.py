"""What keeps the first opening of Progress cheap (issue 18), on the window's real page:
each widget is made in its final place, the list's texts are made once per row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget


class MovedSubtrees(QObject):
    """The widgets that get a new parent while they already hold child widgets: each move
    sends the style sheet's StyleChange through the whole subtree again."""

    def __init__(self) -> None:
        super().__init__()
        self.moved: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ParentChange
            and isinstance(watched, QWidget)
            and watched.findChildren(QWidget)
        ):
            self.moved.append(type(watched).__name__)
        return False


def test_the_progress_page_is_made_in_place(history_harness):
    window = history_harness.window
    spy = MovedSubtrees()
    app = QApplication.instance()
    app.installEventFilter(spy)
    try:
        page = window.progress
    finally:
        app.removeEventFilter(spy)
    assert page.parentWidget() is window.pages
    assert page.view is not None and len(page.view.findChildren(QWidget)) > 30
    assert spy.moved == []


def bar_image(scroll: QScrollArea) -> QImage:
    return scroll.verticalScrollBar().grab().toImage()


def test_the_page_scroll_bar_looks_as_after_a_new_style_pass(qtbot, history_harness):
    window = history_harness.window
    window.resize(1366, 600)  # short enough for the page to scroll
    window.show_progress()
    scroll = window.progress.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=2000)
    shown = bar_image(scroll)
    style = bar.style()
    style.unpolish(bar)
    style.polish(bar)
    assert bar_image(scroll) == shown
