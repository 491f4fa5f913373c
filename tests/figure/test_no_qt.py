"""The figure model (poses, kinematics, scenes, motion) loads no Qt; only render/export do."""

from __future__ import annotations

from tests.support import modules_loaded_by, qt_modules


def test_the_figure_model_imports_no_pyside6():
    modules = modules_loaded_by(
        "import backcare_desktop.figure.motion, backcare_desktop.figure.scene, "
        "backcare_desktop.figure.pose, backcare_desktop.figure.skeleton"
    )
    assert "backcare_desktop.figure.motion" in modules
    assert qt_modules(modules) == set()
