"""Themes: every palette reads at WCAG AA, and the window follows the choice or the system."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette

from backcare_desktop.storage.settings import Settings, SettingsModel, SettingsStore
from backcare_desktop.ui.palette import (
    DARK,
    GRAPHIC_PAIRS,
    HIGH_CONTRAST,
    LIGHT,
    PALETTES,
    SCENE_PAIRS,
    TEXT_PAIRS,
    contrast,
)
from backcare_desktop.ui.theme import Theme, palette_for, text_scale


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
@pytest.mark.parametrize(("fore", "back"), TEXT_PAIRS)
def test_text_meets_wcag_aa(palette, fore, back):
    assert contrast(getattr(palette, fore), getattr(palette, back)) >= 4.5


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
@pytest.mark.parametrize(("fore", "back"), GRAPHIC_PAIRS)
def test_marks_meet_the_graphics_contrast(palette, fore, back):
    assert contrast(getattr(palette, fore), getattr(palette, back)) >= 3.0


@pytest.mark.parametrize("palette", PALETTES.values(), ids=PALETTES.keys())
@pytest.mark.parametrize(("fore", "back"), SCENE_PAIRS)
def test_the_figure_stands_out_from_its_room(palette, fore, back):
    assert contrast(getattr(palette.scene, fore), getattr(palette.scene, back)) >= 3.0


def test_high_contrast_means_it():
    assert contrast(HIGH_CONTRAST.text, HIGH_CONTRAST.page) >= 7.0


def test_contrast_is_the_wcag_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    ("choice", "scheme", "high", "expected"),
    [
        ("system", Qt.ColorScheme.Dark, False, DARK),
        ("system", Qt.ColorScheme.Light, False, LIGHT),
        ("system", Qt.ColorScheme.Unknown, False, LIGHT),
        ("system", Qt.ColorScheme.Dark, True, HIGH_CONTRAST),
        ("light", Qt.ColorScheme.Dark, True, LIGHT),
        ("dark", Qt.ColorScheme.Light, False, DARK),
        ("high-contrast", Qt.ColorScheme.Dark, False, HIGH_CONTRAST),
        ("purple", Qt.ColorScheme.Dark, False, DARK),  # a damaged file follows the system
    ],
)
def test_the_choice_wins_over_the_system(choice, scheme, high, expected):
    assert palette_for(choice, scheme, high) is expected


def test_odd_text_sizes_read_as_100():
    assert text_scale(150) == 1.5
    assert text_scale(7) == 1.0


@pytest.fixture
def model(tmp_path) -> SettingsModel:
    store = SettingsStore(tmp_path / "settings.json")
    store.save(Settings(health_note_acknowledged=True))
    return SettingsModel(store)


def test_the_theme_follows_the_system_and_its_changes(qtbot, qapp, model):
    hints = qapp.styleHints()
    theme = Theme(model, hints, qapp)
    try:
        assert theme.palette is LIGHT  # offscreen Qt knows no scheme: light
        # Offscreen Qt cannot change its scheme: say the change as a desktop would.
        with qtbot.waitSignal(theme.changed, timeout=2000) as blocker:
            hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert blocker.args == [DARK]
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(DARK.page)
        model.update(theme="light")  # chosen in Settings: the system no longer decides
        assert theme.palette is LIGHT
        assert qapp.palette().color(QPalette.ColorRole.Window) == QColor(LIGHT.page)
    finally:
        theme.close()
        qapp.setStyleSheet("")
        qapp.setPalette(QPalette())


def test_text_size_scales_the_cue_and_count(qtbot, qapp, model):
    theme = Theme(model, None, None)
    try:
        assert "#counter { font-size: 56px;" in theme.stylesheet
        model.update(text_size=150)
        assert "#counter { font-size: 84px;" in theme.stylesheet
        assert "#caption { font-size: 39px;" in theme.stylesheet
    finally:
        theme.close()


def test_the_figure_and_charts_are_drawn_in_the_theme(qtbot, model, history_harness):
    window = history_harness.window
    theme = Theme(model, None, None)
    try:
        window.player.use_theme(theme)
        window.show_progress()
        window.progress.view.use_theme(theme)
        model.update(theme="dark")
        assert window.player.figure.colours.figure == DARK.scene.figure
        assert window.player.figure.colours.background == DARK.scene.background
        assert window.progress.view.pain_chart.colours is DARK
        assert DARK.warm in window.progress.view._pain_card.title.text()
    finally:
        theme.close()
