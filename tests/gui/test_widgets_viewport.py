"""Scroll areas whose viewport Python made, so PySide never meets a widget it did not make
(the first one makes it build every widget class and its enums)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QLabel, QScrollArea, QWidget

from backcare_desktop.ui.widgets import fitting, held_viewport


def test_a_held_viewport_is_the_area_s_and_set_up_as_qt_sets_up_its_own(qtbot):
    plain, held_area = QScrollArea(), QScrollArea()
    qtbot.addWidget(plain)
    qtbot.addWidget(held_area)
    held = held_viewport(held_area)
    own = plain.viewport()
    assert held_area.viewport() is held
    assert held.parent() is held_area
    assert held.objectName() == own.objectName()
    assert held.backgroundRole() == own.backgroundRole()
    assert held.autoFillBackground() == own.autoFillBackground()


def test_a_fitting_area_sizes_itself_without_asking_python_for_its_viewport(qtbot, monkeypatch):
    area = fitting(QLabel("A few words that wrap in a narrow column " * 3))
    qtbot.addWidget(area)
    area.resize(240, 100)
    area.show()
    asked: list[QWidget] = []
    viewport = QAbstractScrollArea.viewport

    def spy(scroll: QAbstractScrollArea) -> QWidget:
        asked.append(scroll)
        return viewport(scroll)

    monkeypatch.setattr(QAbstractScrollArea, "viewport", spy)
    hint = area.sizeHint()
    assert asked == []
    assert hint.height() > 0
