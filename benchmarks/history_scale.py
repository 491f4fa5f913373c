"""Benchmark: history store open, stats and the progress view's first paint on 10 years.

Run: QT_QPA_PLATFORM=offscreen python benchmarks/history_scale.py
Prints medians of N runs (warm cache). Figures, not asserts.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path.cwd()))
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from backcare_desktop.storage.cli_commands import cmd_history
from backcare_desktop.storage.history import HistoryStore
from backcare_desktop.storage.stats import load_stats
from backcare_desktop.ui.progress import ProgressView
from tests.storage.fakes import WallClock, fill_daily

TZ = ZoneInfo("Europe/London")
RUNS = 15


class PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def median_ms(samples: list[float]) -> str:
    return f"{1000 * statistics.median(samples):7.2f} ms"


def main() -> None:
    app = QApplication([])
    tmp = Path(tempfile.mkdtemp())
    for label, days in (("10 years, 1/day", 3650), ("1 year, 1/day", 365)):
        path = tmp / f"{days}.sqlite3"
        fill_daily(path, date(2025, 3, 6).replace(year=2025 - days // 365), days, TZ)
        clock = WallClock(datetime(2025, 3, 6, 20, tzinfo=UTC))
        opens, stats, views, paints, exports = [], [], [], [], []
        for _ in range(RUNS):
            t0 = time.perf_counter()
            store = HistoryStore(path, now=clock, tz=TZ)
            t1 = time.perf_counter()
            load_stats(store, 3)
            t2 = time.perf_counter()
            view = ProgressView(store, weekly_goal=3)
            t3 = time.perf_counter()
            watch = PaintWatch()
            view.installEventFilter(watch)
            view.resize(1000, 760)
            view.show()
            while not watch.painted:
                app.processEvents()
            t4 = time.perf_counter()
            with Path(os.devnull).open("w") as out:
                cmd_history(store, "csv", out)
            t5 = time.perf_counter()
            view.close()
            view.deleteLater()
            app.processEvents()
            store.close()
            opens.append(t1 - t0)
            stats.append(t2 - t1)
            views.append(t3 - t2)
            paints.append(t4 - t2)
            exports.append(t5 - t4)
        size = path.stat().st_size // 1024
        print(f"{label} ({days} sessions, {size} KiB):")
        print(f"  open store (probe + quick_check + migrate): {median_ms(opens)}")
        print(f"  load_stats:                                {median_ms(stats)}")
        print(f"  ProgressView() constructed (incl. stats):  {median_ms(views)}")
        print(f"  construct -> first paint of the view:      {median_ms(paints)}")
        print(f"  history --csv of every session:            {median_ms(exports)}")


if __name__ == "__main__":
    main()
