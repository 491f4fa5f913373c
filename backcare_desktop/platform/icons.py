"""The app icon: the drawn SVG, its PNG sizes, and the QIcon the windows and the tray show.

`python -m backcare_desktop.platform.icons` renders the PNGs from the SVG again (run it after
editing the SVG and commit the result).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from backcare_desktop.platform.app_id import ICON_SIZES, icon_png, icon_svg


def app_icon() -> QIcon:
    """The PNGs, 16 to 256 px (Qt scales the nearest for other sizes); the SVG only when
    none is there: reading it loads Qt's SVG icon engine and QtSvg (about 1 MB)."""
    icon = QIcon()
    for size in ICON_SIZES:
        png = icon_png(size)
        if png.is_file():
            icon.addFile(str(png))
    return icon if not icon.isNull() else QIcon(str(icon_svg()))


def render_png(svg: Path, size: int, out: Path) -> None:
    # Imported here: only this tool draws, and the app's QIcon reads the files itself (a
    # PySide6 type costs 0.5-2 ms to make the first time it is imported, before the window).
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    if not image.save(str(out), b"PNG"):
        raise OSError(f"could not write {out}")


def main() -> None:
    from PySide6.QtGui import QGuiApplication

    QGuiApplication(["icons", "-platform", "offscreen"])
    for size in ICON_SIZES:
        render_png(icon_svg(), size, icon_png(size))
        print(icon_png(size))


if __name__ == "__main__":
    main()
