"""The figure model (poses, kinematics, scenes, motion) loads no Qt; only render/export do."""

from __future__ import annotations

import subprocess
import sys


def test_the_figure_model_imports_no_pyside6():
    code = ("import sys, backcare_desktop.figure.motion, backcare_desktop.figure.scene, "
            "backcare_desktop.figure.pose, backcare_desktop.figure.skeleton\n"
            "print('\\n'.join(sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    modules = set(result.stdout.split())
    assert "backcare_desktop.figure.motion" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}
