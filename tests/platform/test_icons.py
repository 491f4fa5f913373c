"""The app icon comes from its PNGs (no SVG engine loaded); the SVG when they are missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QIcon, QImage, QPainter

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


def _pngs() -> dict[int, str]:
    return {size: str(icons.icon_png(size)) for size in ICON_SIZES}


def test_a_size_with_its_own_png_is_read_again_each_time_nothing_is_kept(qtbot: object) -> None:
    # Setting a window's icon on X11 asks for every size once: Qt's own file icon then
    # keeps all seven decoded (353 KB) for the life of the process (issue 18).
    icon = icons.app_icon()
    first = icon.pixmap(QSize(256, 256))
    again = icon.pixmap(QSize(256, 256))
    assert first.size() == QSize(256, 256)
    assert first.cacheKey() != again.cacheKey()
    engine = icons.PngFilesEngine(_pngs())
    normal, off = QIcon.Mode.Normal, QIcon.State.Off
    first, again = (engine.pixmap(QSize(64, 64), normal, off) for _ in range(2))
    assert first.size() == QSize(64, 64)
    assert first.cacheKey() != again.cacheKey()
    # Qt's own icon hands back the pixmap it keeps (the test would pass for nothing if not)
    kept = icons.files_icon(_pngs())
    assert kept.pixmap(QSize(256, 256)).cacheKey() == kept.pixmap(QSize(256, 256)).cacheKey()


@pytest.mark.parametrize("mode", list(QIcon.Mode))
@pytest.mark.parametrize("state", list(QIcon.State))
def test_the_icon_gives_the_pixels_qt_s_own_file_icon_gives(
    qtbot: object, mode: QIcon.Mode, state: QIcon.State
) -> None:
    ours, qts = icons.app_icon(), icons.files_icon(_pngs())
    assert [s.width() for s in ours.availableSizes(mode, state)] == [
        s.width() for s in qts.availableSizes(mode, state)
    ]
    for side in (8, 16, 22, 24, 30, 48, 100, 128, 256, 300):
        size = QSize(side, side)
        assert ours.actualSize(size, mode, state) == qts.actualSize(size, mode, state)
        assert ours.pixmap(size, mode, state).toImage() == qts.pixmap(size, mode, state).toImage()
    assert _painted(ours, mode, state) == _painted(qts, mode, state)


def _painted(icon: QIcon, mode: QIcon.Mode, state: QIcon.State) -> QImage:
    image = QImage(60, 40, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    icon.paint(painter, QRect(3, 2, 50, 30), mode=mode, state=state)
    painter.end()
    return image


def test_a_changed_copy_of_the_icon_keeps_every_size_and_the_process_ends_cleanly() -> None:
    # Qt copies the engine before changing a shared icon, and deletes the copy itself.
    code = (
        "import gc\n"
        "from PySide6.QtCore import QSize\n"
        "from PySide6.QtGui import QIcon\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from backcare_desktop.platform import icons\n"
        "app.setWindowIcon(icons.app_icon())\n"
        "copy = QIcon(app.windowIcon())\n"
        "copy.addFile(str(icons.icon_png(16)))\n"
        "gc.collect()\n"
        "print(sorted(s.width() for s in copy.availableSizes()))\n"
        "print(copy.pixmap(QSize(64, 64)).width(),"
        " app.windowIcon().pixmap(QSize(32, 32)).width())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == [str(sorted(ICON_SIZES)), "64 32"]


def test_reading_a_size_loads_no_image_format_plugin() -> None:
    # Without the format named, Qt asks every image plugin whether the bytes are theirs.
    code = (
        "from PySide6.QtCore import QSize\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from backcare_desktop.platform.icons import app_icon\n"
        "assert not app_icon().pixmap(QSize(256, 256)).isNull()\n"
        "print('imageformats' in open('/proc/self/maps').read())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert found.stdout.strip().splitlines()[-1] == "False", found.stderr
