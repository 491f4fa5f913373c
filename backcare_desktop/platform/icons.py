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
    if not pngs:
        return QIcon(str(icon_svg()))
    engine = PngFilesEngine(pngs)
    _KEPT.append(engine)  # see _KEPT
    return QIcon(engine)


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
    the same pixels, and let go. Any other size, mode or state (a tray's 22 px, a greyed
    icon) is answered by Qt's own engine, made on the first such request: it scales and
    greys exactly as Qt does, and keeps only the sizes it was asked to scale from.
    """

    def __init__(self, pngs: dict[int, str]) -> None:
        super().__init__()
        self._pngs = dict(pngs)
        self._qts: QIcon | None = None

    def _qt_icon(self) -> QIcon:
        if self._qts is None:
            self._qts = files_icon(self._pngs)
        return self._qts

    def _own_file(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> str | None:
        if mode != QIcon.Mode.Normal or state != QIcon.State.Off:
            return None
        if size.width() != size.height():
            return None
        return self._pngs.get(size.width())

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        if mode != QIcon.Mode.Normal or state != QIcon.State.Off:
            return []  # as Qt's: the files are all Normal and Off
        return [QSize(size, size) for size in self._pngs]

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return self._qt_icon().actualSize(size, mode, state)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        own = self._own_file(size, mode, state)
        if own is not None:
            return _read(own)
        return self._qt_icon().pixmap(size, mode, state)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        own = self._own_file(size, mode, state) if scale == 1.0 else None
        if own is not None:
            return _read(own)
        return self._qt_icon().pixmap(size, scale, mode, state)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._qt_icon().paint(painter, rect, Qt.AlignmentFlag.AlignCenter, mode, state)

    def isNull(self) -> bool:
        return not self._pngs

    def clone(self) -> QIconEngine:
        # Qt asks for a copy when an icon sharing this engine is changed (BackCare never
        # changes its icon) and deletes the copy itself. PySide does not hand the Python
        # side of a returned engine over to Qt: it would be freed on return.
        copy = PngFilesEngine(self._pngs)
        _KEPT.append(copy)
        return copy


# Every engine given to Qt, for the life of the process: Qt deletes the C++ side when the
# last icon using it goes. Left to Python, an engine could be freed by the garbage
# collection at the interpreter's exit before an icon that still uses it (a crash in
# ~QIcon, seen with the companion's icon), and a copy from `clone` at once.
_KEPT: list[PngFilesEngine] = []
