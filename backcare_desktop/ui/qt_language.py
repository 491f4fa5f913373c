"""Qt's own words (OK, Cancel, Save, the context menus) in the chosen language.

Our text goes through core/i18n.py; the buttons Qt draws itself come from Qt's translations
(qtbase_LANG.qm, shipped with PySide6), installed once at start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from backcare_desktop.core.i18n import ENGLISH


def install_qt_translations(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's translator for `language`, installed on `app` (which owns it), or
    None for English or when PySide6 ships no translation for it."""
    if language == ENGLISH:
        return None
    # Where it is asked: Python's QLibraryInfo type costs ~1 ms to make, English needs none.
    from PySide6.QtCore import QLibraryInfo

    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return None
    app.installTranslator(translator)
    return translator
