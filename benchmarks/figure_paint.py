"""Paint cost of the moving figure: python benchmarks/figure_paint.py [WIDTH HEIGHT].

Measures, per frame at the size given (default 640x480), over every step of every
preset routine at 30 fps fractions: the model work in show_step (pose blend, kinematics,
grounding, props) and the QPainter work (the widget's paint, via repaint()).
Timings are reported, never asserted.
"""

import statistics
import sys
import time

from PySide6.QtWidgets import QApplication

app = QApplication(["bench", "-platform", "offscreen"])
from backcare_desktop.core.library import load_presets  # noqa: E402
from backcare_desktop.core.timeline import compile_routine  # noqa: E402
from backcare_desktop.ui.illustration import IllustrationWidget  # noqa: E402

w, h = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) > 2 else (640, 480)
lib = load_presets()
widget = IllustrationWidget(exercise_poses={e.id: e.pose_ids() for e in lib.exercises.values()})
widget.resize(w, h)
widget.show()
app.processEvents()
model, paint = [], []
for routine in lib.routines.values():
    for step in compile_routine(routine, lib.exercises).steps:
        frames = max(2, int(step.seconds * 30))
        for i in range(0, frames, 7):  # a sample of each step's frames
            t0 = time.perf_counter()
            widget.show_step(step, i / frames)
            t1 = time.perf_counter()
            widget.repaint()
            t2 = time.perf_counter()
            model.append(t1 - t0)
            paint.append(t2 - t1)


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    return (
        f"median {statistics.median(xs) * 1e3:.3f} ms, p95 {xs[int(len(xs) * 0.95)] * 1e3:.3f}"
        f" ms, max {xs[-1] * 1e3:.3f} ms"
    )


print(f"{len(model)} frames at {w}x{h}")
print("show_step (model):", ms(model))
print("repaint (QPainter):", ms(paint))
total = [a + b for a, b in zip(model, paint, strict=True)]
print("total per frame:", ms(total))
