"""The floors: bare PySide6 windows that the app is compared with, side by side.

    python benchmarks/drivers/floor.py empty|list|strokes

- `empty`: an empty QWidget of the app's size, the least any PySide6 window costs;
- `list`: the same with a styled label and a 12-row list, what any real home page pays
  on its first paint (fonts, glyphs, a style sheet, an item view);
- `strokes`: the same with 10 antialiased 14 px strokes on their own box, moved and
  repainted at 30 fps, what a moving figure costs at the least.

Started by benchmarks/run.py exactly as the app driver is and with the same probe
(drivers/probe.py), so the figures differ only by what BackCare itself does. It reports
its first paint and then stays open, until it is told to quit or stdin closes.
"""

from __future__ import annotations

import math
import sys
import time

from probe import Commands, report_first_paint
from PySide6.QtCore import QLineF, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QVBoxLayout, QWidget

WINDOW_SIZE = (1100, 720)  # the size BackCare opens at
FRAME_MS = 33
STYLE = """
QWidget { font-size: 15px; color: #1f2a30; background: #f6f4ef; }
QLabel#title { font-size: 24px; font-weight: 600; }
QListWidget { border: 1px solid #d8d2c4; border-radius: 8px; background: #ffffff; }
QListWidget::item { padding: 10px; }
"""


class Strokes(QWidget):
    """Ten thick antialiased strokes that sway a little each frame, like a figure's limbs."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedSize(560, 480)
        self._started = time.monotonic()
        self._pen = QPen(QColor("#2f6f73"), 14)
        self._pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.update)

    def start(self) -> None:
        self._timer.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        # Positions from the clock, as the app's figure does, never from a tick count.
        phase = (time.monotonic() - self._started) * 2 * math.pi / 4.0
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self._pen)
        centre = QPointF(self.width() / 2, self.height() / 2)
        for n in range(10):
            angle = n * math.pi / 5 + 0.3 * math.sin(phase + n)
            reach = 90 + 12 * n
            end = centre + QPointF(math.cos(angle) * reach, math.sin(angle) * reach)
            painter.drawLine(QLineF(centre, end))
        painter.end()


def build(kind: str) -> tuple[QWidget, Strokes | None]:
    window = QWidget()
    window.setWindowTitle(f"Floor: {kind}")
    window.resize(*WINDOW_SIZE)
    if kind == "empty":
        return window, None
    layout = QVBoxLayout(window)
    if kind == "list":
        QApplication.instance().setStyleSheet(STYLE)  # type: ignore[union-attr]
        title = QLabel("Routines")
        title.setObjectName("title")
        layout.addWidget(title)
        rows = QListWidget()
        for n in range(12):
            rows.addItem(f"Routine {n + 1}: a few minutes of gentle stretches")
        layout.addWidget(rows)
        return window, None
    strokes = Strokes()
    layout.addWidget(strokes, alignment=Qt.AlignmentFlag.AlignCenter)
    return window, strokes


def main() -> int:
    kind = sys.argv[1] if len(sys.argv) > 1 else "empty"
    if kind not in ("empty", "list", "strokes"):
        print(f"floor.py: unknown floor {kind!r}; use empty, list or strokes", file=sys.stderr)
        return 2
    app = QApplication(sys.argv[:1])
    window, strokes = build(kind)
    window.show()

    def command(line: str) -> None:
        if line == "quit":
            app.quit()

    commands = Commands(command)
    # The same probe as the app driver's, installed at the same point (just before exec).
    probe = report_first_paint(window, strokes.start if strokes else lambda: None)
    code = app.exec()
    del commands, probe
    return code


if __name__ == "__main__":
    raise SystemExit(main())
