"""The hostile corpus: files of every kind that once crashed, hung or misled BackCare,
through `validate`, `list` and the window's start-up. Each gives exit 1 (validate) or a
listed problem naming the file, never a traceback; nothing hangs; the window opens.

The text files are in corpus/; the binary ones, the FIFO, the device and the folder are
made here, since git keeps none of them well.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from backcare_desktop.cli import main
from backcare_desktop.core.library import load_presets

CORPUS = Path(__file__).resolve().parent / "corpus"
ROUTINE = (
    'format = 1\nid = "{id}"\ntitle = "{title}"\ndescription = "Generated."\nminutes = 1\n'
    '[[exercises]]\nid = "cat-stretch"\n'
)
# The one file of the corpus that is fine: a UTF-8 byte order mark is accepted.
GOOD = {"utf8-bom.toml"}


def _generated(routines: Path) -> None:
    rng = random.Random(11)
    write = lambda name, data: (routines / name).write_bytes(data)  # noqa: E731
    good = ROUTINE.format(id="utf8-bom", title="Saved by Notepad").encode()
    write("utf8-bom.toml", codecs.BOM_UTF8 + good)
    write("utf16.toml", ROUTINE.format(id="utf16", title="Wide").encode("utf-16"))
    write("latin1.toml", ROUTINE.format(id="latin1", title="Café").encode("latin-1"))
    write("random-bytes.toml", rng.randbytes(3000))
    write("nul.toml", good.replace(b"Notepad", b"Note\0pad"))
    write("deep-arrays.toml", b"x = " + b"[" * 5000 + b"]" * 5000)
    write("deep-inline.toml", b"x = " + b"{a = " * 3000 + b"1" + b"}" * 3000)
    write("huge-title.toml", ROUTINE.format(id="huge-title", title="T" * 2_000_000).encode())
    write("long-title.toml", ROUTINE.format(id="long-title", title="T" * 500).encode())
    many = ROUTINE.format(id="many", title="Many") + '[[exercises]]\nid = "cat-stretch"\n' * 1500
    write("many-exercises.toml", many.encode())
    os.mkfifo(routines / "fifo.toml")
    (routines / "folder.toml").mkdir()
    (routines / "zero.toml").symlink_to("/dev/zero")
    (routines / "dangling.toml").symlink_to(routines / "nowhere")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A data folder holding the whole corpus."""
    root = tmp_path / "data"
    shutil.copytree(CORPUS, root)
    _generated(root / "routines")
    return root


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for d in ("routines", "exercises") for p in (root / d).iterdir())


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_names_each_bad_file_and_exits_1(hostile: Path):
    for path in corpus_files(hostile):
        code, out, err = run("--data-dir", str(hostile), "validate", str(path))
        good = path.name in GOOD
        assert code == (0 if good else 1), (path.name, out)
        assert out.startswith(f"{path}: "), (path.name, out)
        assert ("OK" in out) == good, (path.name, out)
        assert err == ""


def test_validate_of_the_whole_folder_in_a_process_never_hangs_or_tracebacks(hostile: Path):
    result = subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--data-dir", str(hostile), "validate", "."],
        cwd=hostile,
        capture_output=True,
        text=True,
        timeout=120,  # a bound for a hang (the FIFO, /dev/zero), not a timing
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    for path in corpus_files(hostile):
        if path.is_dir():
            continue  # a folder named *.toml is looked into, as any folder given
        assert path.name in result.stdout, path.name


def test_list_skips_each_bad_file_by_name_and_keeps_everything_else(hostile: Path, presets):
    code, out, err = run("--data-dir", str(hostile), "list")
    assert code == 0
    for routine in presets.routines.values():
        assert routine.id in out
    assert "utf8-bom" in out
    skipped = [line for line in err.splitlines() if line.startswith("backcare: skipped ")]
    for path in corpus_files(hostile):
        if path.name not in GOOD:
            assert any(str(path) in line for line in skipped), path.name
    assert "Traceback" not in err


def test_the_window_lists_each_bad_file_and_keeps_the_presets(qtbot, hostile: Path, fake_clock):
    from backcare_desktop.storage.settings import Settings, SettingsStore
    from tests.gui.conftest import make_harness

    settings_store = SettingsStore(hostile / "settings.json")
    settings_store.save(Settings(health_note_acknowledged=True))
    library = load_presets(hostile)
    harness = make_harness(qtbot, library, settings_store, fake_clock)
    problems = harness.window.home.problems
    assert problems.isVisible()
    for path in corpus_files(hostile):
        if path.name not in GOOD:
            assert f"• {path.name}: " in problems.text(), path.name
    assert harness.window.home.list.count() == len(load_presets().routines) + 1


def test_the_real_app_starts_on_a_hostile_data_folder(hostile: Path):
    (hostile / "settings.json").write_bytes(b'{"weekly_goal": 4,')
    (hostile / "history.sqlite3").write_bytes(b"SQLite format 3\0" + os.urandom(4096))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "backcare_desktop", "--data-dir", str(hostile)]
    proc = subprocess.Popen(
        [*command, "--no-voice", "--routine", "nope"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    assert proc.stderr is not None
    reader = threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True)
    reader.start()
    wanted = ("About your history", "About your settings", "cannot start")
    try:
        # Up when it has said the three things it must tell the person; the deadline is
        # a bound for a hang, not a timing.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(w in "".join(lines) for w in wanted):
            assert proc.poll() is None, "".join(lines)
            time.sleep(0.1)
        assert proc.poll() is None, "".join(lines)  # still running: the window is open
    finally:
        proc.terminate()
        proc.wait(30)
        reader.join(10)
        proc.stderr.close()
    seen = "".join(lines)
    assert "Traceback" not in seen
    assert "settings.broken-" in seen
    assert "history.corrupt-" in seen
    assert "No routine called 'nope'. The routines are:" in seen
