"""The colours of the window, named by what they are for. Every widget, chart and the
figure read them here (Qt-free hex strings), so a theme is one set of values, not edits
in four files. `tests/gui/test_palette.py` checks every text/background pair at WCAG AA.
"""

from __future__ import annotations

from typing import NamedTuple

from backcare_desktop.figure.colours import Palette as FigureColours

# The figure's room: the figure package's own colour set (its defaults are the light
# theme's), so both name each colour once.
SceneColours = FigureColours


class Palette(NamedTuple):
    """A plain immutable record, like the figure's: a dataclass of these 27 colours cost
    ~3 ms to make at import, before the window's first paint (issue 18)."""

    name: str = "light"
    dark: bool = False  # tells Qt's own widgets (scroll bars, menus) which way to lean
    text: str = "#1f2a30"
    page: str = "#f6f4ef"  # the background of every page
    surface: str = "#ffffff"  # cards, lists, buttons
    border: str = "#d9d4c7"
    divider: str = "#eee9dd"
    stripe: str = "#f4f1ea"  # every other row of a table
    control_border: str = "#8c8472"  # 3:1 against page and surface: a control's edge shows
    bar_border: str = "#cfc8b8"
    hint: str = "#53636b"  # secondary text
    body: str = "#34444c"  # long instructions
    accent: str = "#2a7364"  # sessions done, the count, "after" in the pain chart
    accent_text: str = "#ffffff"  # text on the accent
    accent_focus: str = "#1b4d43"  # the focus ring
    accent_soft: str = "#8cc5b7"  # progress bar chunks
    selected: str = "#dcefe9"
    selected_text: str = "#10231e"
    hover: str = "#eef6f3"
    attention: str = "#8a4b12"  # side, "Paused", the extra caption
    warm: str = "#b9600f"  # "before" in the pain chart: pain coming in
    empty_cell: str = "#e3ded3"  # a calendar day without a session
    note: str = "#fff8e8"  # the get-ready box
    note_border: str = "#ecd9a8"
    problem: str = "#fff3d6"
    problem_border: str = "#e7c56b"
    scene: SceneColours = SceneColours()  # immutable, so one default is shared safely


LIGHT = Palette()

DARK = Palette(
    name="dark",
    dark=True,
    text="#e4eaed",
    page="#14191c",
    surface="#1e2428",
    border="#3a444b",
    divider="#2a3136",
    stripe="#252c31",
    control_border="#6f7c85",
    bar_border="#4a555c",
    hint="#a7b4bb",
    body="#cbd5da",
    accent="#5cc2ab",
    accent_text="#08201a",
    accent_focus="#a6eadb",
    accent_soft="#246456",
    selected="#24473f",
    selected_text="#eaf7f3",
    hover="#27333a",
    attention="#f2b26f",
    warm="#f0924a",
    empty_cell="#2f373d",
    note="#2a2517",
    note_border="#6b5a2a",
    problem="#33290f",
    problem_border="#8a6d1f",
    scene=SceneColours(
        background="#1a2025",
        floor="#283037",
        floor_line="#6e7a84",
        figure="#dce7ef",
        far="#74879a",
        mat="#2f7d6d",
        mat_edge="#4fae98",
        wall="#2b343b",
        wall_edge="#56626c",
        counter="#7a5d40",
        counter_top="#b08a62",
        chair="#8d6c52",
        cushion="#b8953f",
        band="#ee8e72",
        far_band="#8f5646",
    ),
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    text="#000000",
    page="#ffffff",
    surface="#ffffff",
    border="#000000",
    divider="#000000",
    stripe="#ebebeb",
    control_border="#000000",
    bar_border="#000000",
    hint="#1a1a1a",
    body="#000000",
    accent="#00574a",
    accent_text="#ffffff",
    accent_focus="#000000",
    accent_soft="#7cc7b4",
    selected="#000000",
    selected_text="#ffffff",
    hover="#dddddd",
    attention="#6b2800",
    warm="#a33600",
    empty_cell="#c8c8c8",
    note="#ffffff",
    note_border="#000000",
    problem="#ffffff",
    problem_border="#000000",
    scene=SceneColours(
        background="#ffffff",
        floor="#d4d4d4",
        floor_line="#000000",
        figure="#000000",
        far="#6a6a6a",
        mat="#9fd3c5",
        mat_edge="#00574a",
        wall="#e6e6e6",
        wall_edge="#000000",
        counter="#d9b48e",
        counter_top="#5a3a1a",
        chair="#7a5535",
        cushion="#e0b84a",
        band="#c0390b",
        far_band="#e8a08a",
    ),
)

PALETTES = {p.name: p for p in (LIGHT, DARK, HIGH_CONTRAST)}

# Text on a background: WCAG AA for normal text.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "page"),
    ("text", "surface"),
    ("text", "note"),
    ("text", "problem"),
    ("text", "hover"),
    ("text", "stripe"),
    ("hint", "page"),
    ("hint", "surface"),
    ("hint", "note"),
    ("body", "page"),
    ("body", "note"),
    ("accent", "page"),
    ("accent", "surface"),
    ("accent_text", "accent"),
    ("selected_text", "selected"),
    ("attention", "page"),
    ("attention", "surface"),
    ("text", "accent_soft"),  # the progress bar's label over its filled part
)
# Marks that carry meaning without words (chart lines, dots, the figure, control edges):
# WCAG's 3:1 for graphical objects.
GRAPHIC_PAIRS: tuple[tuple[str, str], ...] = (
    ("accent", "surface"),
    ("warm", "surface"),
    ("control_border", "page"),
    ("control_border", "surface"),
    ("accent_focus", "page"),
    ("accent_focus", "surface"),
)
SCENE_PAIRS: tuple[tuple[str, str], ...] = (("figure", "background"), ("figure", "floor"))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
