"""BackCare: guided back-care stretching on the desktop."""

from backcare_desktop import pyside_import_check

__version__ = "0.1.0"

# Where PySide6 came first (the tests, a host process), its import hook already runs: every
# module imported from here on gets the cheaper check. The window's own start installs it
# in backcare_desktop.ui before the first Qt import.
pyside_import_check.install()
