"""The colours of the window, named by what they are for. Every widget and chart reads them
here (Qt-free hex strings), so a theme is one set of values, not edits in four files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Palette:
    text: str = "#1f2a30"
    page: str = "#f6f4ef"  # the background of every page
    surface: str = "#ffffff"  # cards, lists, buttons
    border: str = "#d9d4c7"
    divider: str = "#eee9dd"
    control_border: str = "#bfb7a5"
    bar_border: str = "#cfc8b8"
    hint: str = "#53636b"  # secondary text
    body: str = "#34444c"  # long instructions
    accent: str = "#2f7d6d"  # sessions done, the count, "after" in the pain chart
    accent_text: str = "#ffffff"  # text on the accent
    accent_focus: str = "#1b4d43"
    accent_soft: str = "#8cc5b7"  # progress bar chunks
    selected: str = "#dcefe9"
    selected_text: str = "#10231e"
    hover: str = "#eef6f3"
    attention: str = "#8a4b12"  # side, "Paused", the extra caption
    warm: str = "#d27a26"  # "before" in the pain chart: pain coming in
    note: str = "#fff8e8"  # the get-ready box
    note_border: str = "#ecd9a8"
    problem: str = "#fff3d6"
    problem_border: str = "#e7c56b"


LIGHT = Palette()
