"""The app icon comes from its PNGs (no SVG engine loaded); the SVG when they are missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize

from backcare_desktop.platform import icons
from backcare_desktop.platform.app_id import ICON_SIZES


def test_the_icon_holds_every_drawn_png_size(qtbot: object) -> None:
    sizes = icons.app_icon().availableSizes()
    assert sorted(s.width() for s in sizes) == sorted(ICON_SIZES)


def test_without_the_pngs_the_icon_is_the_svg(
    qtbot: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(icons, "icon_png", lambda size: tmp_path / f"missing-{size}.png")
    icon = icons.app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(QSize(48, 48)).isNull()


def test_the_icon_loads_no_svg_library() -> None:
    code = (
        "from PySide6.QtCore import QSize\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from backcare_desktop.platform.icons import app_icon\n"
        "app_icon().pixmap(QSize(40, 40))\n"
        "print('libQt6Svg' in open('/proc/self/maps').read())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert found.stdout.strip().splitlines()[-1] == "False", found.stderr
