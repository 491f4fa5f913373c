"""BackCare: guided back-care stretching on the desktop."""

from backcare_desktop import pyside_import_check

__version__ = "0.1.0"

# Where PySide6 came first (the tests, a host process), its import hook already runs: every
# module imported from here on gets the cheaper check. The window's own start installs it
# in backcare_desktop.ui before the first Qt import.
pyside_import_check.install()

# isort: split
import atexit  # noqa: E402

from backcare_desktop import dataclass_code  # noqa: E402
from backcare_desktop.storage import paths  # noqa: E402

# Before any of BackCare's dataclasses is made (dataclass_code says why). The window saves
# what was new right after its first paint; anything made later is saved at exit.
_dataclass_code = dataclass_code.install(dataclass_code.cache_file(paths.cache_dir()))
if _dataclass_code is not None:
    atexit.register(_dataclass_code.save)
