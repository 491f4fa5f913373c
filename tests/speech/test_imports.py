"""The speech core is Qt-free, and the app process never imports pyttsx3 itself."""

from __future__ import annotations

from tests.support import modules_loaded_by, qt_modules


def test_speech_core_loads_neither_qt_nor_pyttsx3():
    modules = modules_loaded_by(
        "import backcare_desktop.speech.narrator, backcare_desktop.speech.pyttsx3_backend, "
        "backcare_desktop.speech.silent, backcare_desktop.speech.recording, "
        "backcare_desktop.speech.cue_log"
    )
    assert "backcare_desktop.speech.narrator" in modules
    assert qt_modules(modules) == set()
    # pyttsx3 lives only in the worker process: a broken engine cannot crash the window.
    assert not {m for m in modules if m.startswith("pyttsx3")}


def test_the_speaker_loads_no_process_module_until_a_worker_starts():
    # With the voice off no worker ever starts: subprocess (0.45 MB) and the worker's own
    # module are not loaded for nothing (issue 18).
    modules = modules_loaded_by(
        "from backcare_desktop.speech.pyttsx3_backend import Pyttsx3Speaker\n"
        "speaker = Pyttsx3Speaker(autostart=False)\n"
        "speaker.shutdown()"
    )
    assert "backcare_desktop.speech.pyttsx3_backend" in modules
    assert {"subprocess", "backcare_desktop.speech.worker"} & modules == set()
