"""What the platform modules do not load until they need it (issue 18: memory)."""

from __future__ import annotations

from tests.support import modules_loaded_by


def test_the_chime_loads_no_process_or_wave_module_until_it_plays():
    modules = modules_loaded_by(
        "from pathlib import Path\n"
        "from backcare_desktop.platform.chime import Chime\n"
        "Chime(Path('/nonexistent'))"
    )
    assert "backcare_desktop.platform.chime" in modules
    assert {"subprocess", "wave"} & modules == set()


def test_xlib_is_loaded_by_its_soname_without_ldconfig():
    # ctypes.util.find_library imports subprocess and runs `ldconfig -p`.
    modules = modules_loaded_by(
        "from backcare_desktop.platform.x11 import X11Display, _load\n"
        "display = X11Display({'DISPLAY': ':9999'})\n"
        "assert display.problem.startswith('cannot open display'), display.problem\n"
        "assert _load('Xss') is not None"
    )
    assert "backcare_desktop.platform.x11" in modules
    assert {"ctypes.util", "subprocess"} & modules == set()
