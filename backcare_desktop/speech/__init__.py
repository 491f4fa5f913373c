"""Spoken cues. Qt-free except qt_bridge.py; pyttsx3 is imported only by the worker process.

base.py            Speaker protocol, VoiceSettings/VoiceInfo, the events speakers report
pyttsx3_backend.py Pyttsx3Speaker: supervisor thread + `python -m ...speech.worker` child
worker.py          the child process that owns the pyttsx3 engine on its main thread
silent.py          SilentSpeaker (no engine: captions only, with the reason why)
recording.py       RecordingSpeaker for tests
narrator.py        Narrator: engine events -> speaker (mute, stale cues, cuts, cue log)
cue_log.py         CueLog: `--cue-log FILE`, one flushed JSON line per cue
qt_bridge.py       SpeakerBridge: speaker events as Qt signals on the GUI thread
reasons.py         what to tell the user when the voice is off, per platform
"""
