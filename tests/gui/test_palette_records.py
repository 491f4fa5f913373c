"""The palettes are plain immutable records (issue 18): made before the window's first paint,
a dataclass of their colours compiled its methods at every start; they still compare by
value, cannot be changed, and the figure reads every colour of its own."""

from __future__ import annotations

import dataclasses

import pytest

from backcare_desktop.figure.colours import Palette as FigureColours
from backcare_desktop.ui.palette import DARK, LIGHT, PALETTES, Palette


def test_the_palettes_are_not_dataclasses():
    assert not dataclasses.is_dataclass(Palette)
    assert not dataclasses.is_dataclass(FigureColours)


def test_a_palette_compares_by_value_and_cannot_be_changed():
    assert Palette() == LIGHT
    assert Palette(name="dark") != LIGHT
    assert LIGHT.scene == FigureColours()
    with pytest.raises(AttributeError):
        LIGHT.text = "#000000"  # type: ignore[misc]
    assert {p.name for p in PALETTES.values()} == {"light", "dark", "high-contrast"}


def test_the_figure_reads_every_colour_of_its_own(qapp):
    from backcare_desktop.figure.render import SceneRenderer

    renderer = SceneRenderer(DARK.scene)
    assert {name: c.name() for name, c in renderer._colors.items()} == DARK.scene._asdict()
