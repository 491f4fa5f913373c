"""The figure's colours (Qt-free): the light theme's by default; ui.palette picks others."""

from __future__ import annotations

from typing import NamedTuple


class Palette(NamedTuple):
    """A plain immutable record: a dataclass compiles its methods when its module is
    imported, and this one is imported before the window's first paint (issue 18)."""

    background: str = "#f7f4ee"
    floor: str = "#e6dfd3"
    floor_line: str = "#9c9184"
    figure: str = "#2e4a62"
    far: str = "#93a7b8"
    mat: str = "#7fbfae"
    mat_edge: str = "#5e9f8e"
    wall: str = "#ddd6ca"
    wall_edge: str = "#b3a899"
    counter: str = "#d4b08c"
    counter_top: str = "#a57c55"
    chair: str = "#a98467"
    cushion: str = "#e9c46a"
    band: str = "#e07a5f"
    far_band: str = "#eeb3a3"
