"""The app icon: the drawn SVG, its PNG sizes, and the QIcon the windows and the tray show.

`python -m backcare_desktop.platform.icons` renders the PNGs from the SVG again (run it after
editing the SVG and commit the result).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap

from backcare_desktop.platform.app_id import ICON_SIZES, icon_png, icon_svg


def app_icon() -> QIcon:
    """The PNGs, 16 to 256 px (Qt scales the nearest for other sizes); the SVG only when
    none is there: reading it loads Qt's SVG icon engine and QtSvg (about 1 MB)."""
    pngs = {size: str(icon_png(size)) for size in ICON_SIZES if icon_png(size).is_file()}
    return QIcon(PngFilesEngine(pngs)) if pngs else QIcon(str(icon_svg()))


def files_icon(pngs: dict[int, str]) -> QIcon:
    """Qt's own icon of these files: it decodes every size it is asked for and keeps it."""
    icon = QIcon()
    for path in pngs.values():
        icon.addFile(path)
    return icon


def _read(png: str) -> QPixmap:
    # Not QPixmap(png): that keeps what it read in QPixmapCache, under the file's name.
    pixmap = QPixmap()
    with contextlib.suppress(OSError):
        pixmap.loadFromData(Path(png).read_bytes(), "PNG")
    return pixmap


class PngFilesEngine(QIconEngine):
    """Qt's file icon, without keeping every size decoded for the life of the process.

    Setting a window's icon on X11 asks for every size once (the `_NET_WM_ICON` property):
    Qt's own engine then keeps all seven decoded, 353 KB of a 256 px icon and smaller
    ones, held by the icon and by QPixmapCache although nothing draws them again (issue
    18). Here a size that has its own PNG is read from its file each time it is asked for,
    the same pixels, and let go; any other size, mode or state is answered by Qt's own
    engine made for that one request, so it scales and greys exactly as Qt does.
    """

    def __init__(self, pngs: dict[int, str]) -> None:
        super().__init__()
        self._pngs = dict(pngs)
        self._self: PngFilesEngine | None = None

    def _own_file(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> str | None:
        if mode != QIcon.Mode.Normal or state != QIcon.State.Off:
            return None
        if size.width() != size.height():
            return None
        return self._pngs.get(size.width())

    def availableSizes(  # noqa: N802 (Qt's name)
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        if mode != QIcon.Mode.Normal or state != QIcon.State.Off:
            return files_icon(self._pngs).availableSizes(mode, state)
        return [QSize(size, size) for size in self._pngs]

    def actualSize(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State
    ) -> QSize:
        return files_icon(self._pngs).actualSize(size, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        own = self._own_file(size, mode, state)
        if own is not None:
            return _read(own)
        return files_icon(self._pngs).pixmap(size, mode, state)

    def scaledPixmap(  # noqa: N802 (Qt's name)
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        own = self._own_file(size, mode, state) if scale == 1.0 else None
        if own is not None:
            return _read(own)
        return files_icon(self._pngs).pixmap(size, scale, mode, state)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        files_icon(self._pngs).paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def isNull(self) -> bool:  # noqa: N802 (Qt's name)
        return not self._pngs

    def clone(self) -> QIconEngine:
        # Qt owns and deletes the copy; PySide does not take the Python side over with
        # it, so the copy keeps itself alive (a copy is made only when an icon that
        # shares this engine is changed, which BackCare never does).
        copy = PngFilesEngine(self._pngs)
        copy._self = copy
        return copy


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
