"""Opens the progress view on a big history file and times it to its first paint.

    python benchmarks/drivers/progress_driver.py HISTORY_FILE

Acts out what the app does when a person opens the view: the application is already
running with BackCare's style sheet and a painted window (so fonts and styles are warm),
the history file is open, and the view is built (which computes the stats and reads the
first page of the list), put on screen and painted. Prints one `BENCH {json}` line with
the times in milliseconds, then quits.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from probe import FirstPaint, emit
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def main() -> int:
    path = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    from backcare_desktop.storage.history import HistoryStore
    from backcare_desktop.storage.stats import load_stats
    from backcare_desktop.ui.progress import ProgressView
    from backcare_desktop.ui.style import STYLE

    app.setStyleSheet(STYLE)
    result: dict[str, Any] = {}

    t = time.perf_counter()
    store = HistoryStore(path)
    result["store_open_ms"] = ms(time.perf_counter() - t)
    # Every later start: the file as BackCare closed it (no one else wrote to it since).
    store.close()
    t = time.perf_counter()
    store = HistoryStore(path)
    result["store_reopen_ms"] = ms(time.perf_counter() - t)
    result["sessions"] = store.session_count()

    # The running app: a window of BackCare's size, already painted.
    host = QWidget()
    host.setObjectName("mainWindow")
    host.resize(1100, 720)
    pages = QStackedWidget(host)
    pages.resize(host.size())
    pages.addWidget(QLabel("Home"))
    marks: dict[str, float] = {}
    watches: list[FirstPaint] = []

    def watch(target: QWidget, then: Callable[[], None]) -> None:
        watches.append(FirstPaint(target, lambda t: then()))

    def open_view() -> None:
        start = time.perf_counter()
        view = ProgressView(store, weekly_goal=3)
        built = time.perf_counter()
        pages.addWidget(view)
        pages.setCurrentWidget(view)
        marks.update(start=start, built=built)
        watch(view, lambda: painted(view))

    def painted(view: Any) -> None:
        end = time.perf_counter()
        result["view_build_ms"] = ms(marks["built"] - marks["start"])
        result["view_first_paint_ms"] = ms(end - marks["start"])
        # The parts of the build, timed again on their own (warm: a second reading).
        t = time.perf_counter()
        stats = load_stats(store, 3)
        result["stats_ms"] = ms(time.perf_counter() - t)
        t = time.perf_counter()
        view.model.reload()
        result["list_page_ms"] = ms(time.perf_counter() - t)
        result["total_sessions"] = stats.total_sessions
        emit("progress", **result)
        store.close()
        app.quit()

    watch(host, lambda: QTimer.singleShot(50, open_view))
    host.show()
    QTimer.singleShot(30_000, app.quit)  # never hang the benchmark
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
