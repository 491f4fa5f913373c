"""The theme in force: the person's choice in Settings, else the system's colour scheme.

`Theme` owns which Palette and text scale apply. It reads the SettingsModel and Qt's
style hints (colour scheme and contrast preference, with their change signals), styles
the application, and tells painted widgets (the figure, the charts) through `changed`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QPalette, QStyleHints
from PySide6.QtWidgets import QApplication

from backcare_desktop.core.i18n import N_
from backcare_desktop.storage.settings import SettingsChange, SettingsModel
from backcare_desktop.ui.palette import DARK, HIGH_CONTRAST, LIGHT, PALETTES, Palette
from backcare_desktop.ui.style import stylesheet

THEME_CHOICES: tuple[tuple[str, str], ...] = (
    ("system", N_("Follow the system")),
    ("light", N_("Light")),
    ("dark", N_("Dark")),
    ("high-contrast", N_("High contrast")),
)
TEXT_SIZES = (100, 125, 150, 175, 200)  # percent


def text_scale(percent: int) -> float:
    """The text size setting as a factor (anything odd in the file reads as 100 %)."""
    return percent / 100 if percent in TEXT_SIZES else 1.0


def palette_for(choice: str, scheme: Qt.ColorScheme, high_contrast: bool) -> Palette:
    """The palette for a Settings choice, or for the system's scheme when it is "system"."""
    if choice in PALETTES:
        return PALETTES[choice]
    if high_contrast:
        return HIGH_CONTRAST
    return DARK if scheme == Qt.ColorScheme.Dark else LIGHT


def qt_palette(c: Palette) -> QPalette:
    """Qt's own palette from ours: dialogs, scroll bars and menus follow the theme too."""
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: c.page,
        QPalette.ColorRole.WindowText: c.text,
        QPalette.ColorRole.Base: c.surface,
        QPalette.ColorRole.AlternateBase: c.stripe,
        QPalette.ColorRole.Text: c.text,
        QPalette.ColorRole.Button: c.surface,
        QPalette.ColorRole.ButtonText: c.text,
        QPalette.ColorRole.Highlight: c.selected,
        QPalette.ColorRole.HighlightedText: c.selected_text,
        QPalette.ColorRole.ToolTipBase: c.surface,
        QPalette.ColorRole.ToolTipText: c.text,
        QPalette.ColorRole.PlaceholderText: c.hint,
        QPalette.ColorRole.Link: c.accent,
        QPalette.ColorRole.Mid: c.control_border,
        QPalette.ColorRole.Dark: c.control_border,
        QPalette.ColorRole.Light: c.surface,
        QPalette.ColorRole.Midlight: c.border,
        QPalette.ColorRole.Shadow: c.control_border,
        QPalette.ColorRole.BrightText: c.accent_text,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c.hint))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c.hint))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(c.hint))
    return p


class Theme(QObject):
    """`changed(Palette)` after the palette or the text scale changed (and was applied)."""

    changed = Signal(object)

    def __init__(
        self,
        settings: SettingsModel,
        hints: QStyleHints | None = None,
        app: QApplication | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._hints = hints
        self._app = app
        self._palette = LIGHT
        self._scale = 1.0
        self._applied = False
        self._unsubscribe = settings.subscribe(self._on_settings_changed)
        self._scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
        if hints is not None:
            hints.colorSchemeChanged.connect(self._scheme_changed)
            hints.accessibility().contrastPreferenceChanged.connect(self._follow)
        self._follow()

    @property
    def palette(self) -> Palette:
        return self._palette

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def stylesheet(self) -> str:
        return stylesheet(self._palette, self._scale)

    def _system(self) -> tuple[Qt.ColorScheme, bool]:
        if self._hints is None:
            return self._scheme, False
        contrast = self._hints.accessibility().contrastPreference()
        return self._scheme, contrast == Qt.ContrastPreference.HighContrast

    def _scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        # The signal's value, not colorScheme() again: it is the news.
        self._scheme = scheme
        self._follow()

    def _on_settings_changed(self, change: SettingsChange) -> None:
        if change.changed("theme") or change.changed("text_size"):
            self._follow()

    def _follow(self, *_: object) -> None:
        current = self._settings.current
        scheme, high_contrast = self._system()
        palette = palette_for(current.theme, scheme, high_contrast)
        scale = text_scale(current.text_size)
        if (palette, scale) == (self._palette, self._scale) and self._applied:
            return
        self._palette, self._scale = palette, scale
        self._applied = True
        if self._app is not None:
            self._app.setPalette(qt_palette(palette))
            self._app.setStyleSheet(self.stylesheet)
        self.changed.emit(palette)

    def close(self) -> None:
        self._unsubscribe()
        if self._hints is not None:
            self._hints.colorSchemeChanged.disconnect(self._scheme_changed)
            self._hints.accessibility().contrastPreferenceChanged.disconnect(self._follow)
