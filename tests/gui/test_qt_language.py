"""Qt's own buttons in the chosen language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from backcare_desktop.ui.qt_language import install_qt_translations


def test_the_standard_buttons_speak_german(qtbot) -> None:
    app = QApplication.instance()
    translator = install_qt_translations(app, "de")
    assert translator is not None
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"
    finally:
        app.removeTranslator(translator)


def test_english_needs_no_qt_translation(qtbot) -> None:
    assert install_qt_translations(QApplication.instance(), "en") is None
