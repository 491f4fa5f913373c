"""SpeakerBridge: speech events from any thread arrive as signals on the GUI thread."""

from __future__ import annotations

import sys
import threading

from backcare_desktop.speech.qt_bridge import SpeakerBridge
from backcare_desktop.speech.recording import RecordingSpeaker


def test_events_from_another_thread_arrive_on_the_gui_thread(qtbot):
    speaker = RecordingSpeaker()
    bridge = SpeakerBridge(speaker)
    threads: list[int] = []
    bridge.statusChanged.connect(lambda *_: threads.append(threading.get_ident()))
    with qtbot.waitSignal(bridge.statusChanged, timeout=5000) as blocker:
        worker = threading.Thread(target=speaker.set_status, args=(False, "speaker unplugged"))
        worker.start()
        worker.join()
        assert threads == []  # not delivered on the speaker's thread
    assert blocker.args == [False, "speaker unplugged"]
    assert threads == [threading.main_thread().ident]
    bridge.close()


def test_a_speaker_that_gives_up_reports_why(qtbot, make_speaker):
    speaker = make_speaker(command=[sys.executable, "-c", "raise SystemExit(3)"], max_failures=1)
    bridge = SpeakerBridge(speaker)
    with qtbot.waitSignal(bridge.statusChanged, timeout=15000) as blocker:
        pass
    available, reason = blocker.args
    assert available is False
    assert "sudo apt install libespeak-ng1 alsa-utils" in reason
    assert bridge.reason == reason and not bridge.available
    bridge.close()


def test_a_closed_bridge_hears_nothing_more(qtbot):
    speaker = RecordingSpeaker()
    bridge = SpeakerBridge(speaker)
    bridge.close()
    with qtbot.assertNotEmitted(bridge.statusChanged, wait=50):
        speaker.set_status(False, "gone")


def test_a_silent_speaker_s_reason_is_signalled_once_after_connecting(qtbot):
    from backcare_desktop.speech.silent import SilentSpeaker

    bridge = SpeakerBridge(SilentSpeaker("no voice here"))
    seen: list[tuple[bool, str]] = []
    bridge.statusChanged.connect(lambda available, reason: seen.append((available, reason)))
    qtbot.waitUntil(lambda: seen == [(False, "no voice here")], timeout=5000)
    qtbot.wait(20)
    assert seen == [(False, "no voice here")]
    bridge.close()
