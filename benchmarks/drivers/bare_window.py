"""The floor: an empty QWidget that reports its first paint, and then sits idle.

    python benchmarks/drivers/bare_window.py [--text]

Started by benchmarks/run.py exactly as the app driver is, so the two start-up figures
differ only by what BackCare itself does. It prints one `BENCH {json}` line when the
first paint pass is over and stays open, idle, until it is told to quit (stdin closes or
says "quit") or is killed.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


def emit(event: str, **fields: object) -> None:
    sys.stdout.write("BENCH " + json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


class BareWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._painted:
            self._painted = True
            # Report when this paint pass (and its flush to the screen) is over: a zero
            # timer runs after the event that is painting the window now.
            QTimer.singleShot(0, lambda: emit("painted", t=time.monotonic()))
        super().paintEvent(event)


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = BareWindow()
    window.setWindowTitle("Bare window")
    window.resize(1100, 720)  # the size BackCare opens at
    if "--text" in sys.argv[1:]:
        # A second floor: the same window with one line of styled text, which pays for
        # what any real window pays on its first paint (fonts, glyphs, style sheet).
        from PySide6.QtWidgets import QLabel, QVBoxLayout

        app.setStyleSheet("QWidget { font-size: 15px; color: #1f2a30; }")
        layout = QVBoxLayout(window)
        layout.addWidget(QLabel("Routines: desk break, stiff lower back, ..."))
    window.show()

    def read_command() -> None:
        import os

        data = os.read(sys.stdin.fileno(), 4096)
        if not data or b"quit" in data:
            app.quit()

    # Event driven: a notifier wakes the process only when the parent writes.
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(read_command)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
