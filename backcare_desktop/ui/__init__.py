"""The Qt side of BackCare."""

# shiboken installs its import hook when it loads; the cheaper check goes in right after,
# before the first Qt module, so that no module of the window's start pays shiboken's own.
# (The window's start imports this package inside cli.load_qt_side.)
import shiboken6  # noqa: F401

from backcare_desktop import pyside_import_check

pyside_import_check.install()
