"""The speech core is Qt-free, and the app process never imports pyttsx3 itself."""

from __future__ import annotations

import subprocess
import sys


def test_speech_core_loads_neither_qt_nor_pyttsx3():
    code = ("import backcare_desktop.speech.narrator, backcare_desktop.speech.pyttsx3_backend, "
            "backcare_desktop.speech.silent, backcare_desktop.speech.recording, "
            "backcare_desktop.speech.cue_log\n"
            "import sys\nprint('\\n'.join(sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, timeout=60)
    modules = set(result.stdout.split())
    assert "backcare_desktop.speech.narrator" in modules
    assert not {m for m in modules if m.startswith(("PySide6", "shiboken6"))}
    # pyttsx3 lives only in the worker process: a broken engine cannot crash the window.
    assert not {m for m in modules if m.startswith("pyttsx3")}
