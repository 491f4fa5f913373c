"""The methods @dataclass and namedtuple write come from the cache at a later start, and the
class is the same as one made without it."""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from backcare_desktop import dataclass_code
from tests.support import window_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def own_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test's own cache in place of any other left installed."""
    running = dataclass_code.installed()
    if running is not None:
        dataclass_code.uninstall(running)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    try:
        yield
    finally:
        current = dataclass_code.installed()
        if current is not None:
            dataclass_code.uninstall(current)
        if running is not None:
            dataclasses.exec = running.exec  # type: ignore[attr-defined]
            collections.eval = running.eval  # type: ignore[attr-defined]


def make_classes() -> tuple[type, type, type]:
    @dataclasses.dataclass(frozen=True)
    class Dose:
        reps: int
        hold: float = 5.0
        sides: tuple[str, ...] = ("left", "right")
        notes: list[str] = dataclasses.field(default_factory=list, compare=False)

    @dataclasses.dataclass
    class Tally:
        done: int = 0

    class Point(NamedTuple):
        x: float
        y: float = 0.0

    return Dose, Tally, Point


def behaviour(dose: type, tally: type, point: type) -> list[object]:
    """What a person of the class sees: construction, defaults, eq, hash, repr, frozen."""
    a = dose(3)
    seen: list[object] = [repr(a), a == dose(3), a == dose(4), hash(a) == hash(dose(3))]
    seen.append(a.notes is not dose(3).notes)  # each default_factory call is its own list
    seen.append(repr(dataclasses.replace(a, hold=2.5)))
    seen.append([f.name for f in dataclasses.fields(a)])
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.reps = 4
    t = tally()
    t.done += 1
    seen += [repr(t), t == tally(1)]
    with pytest.raises(TypeError):
        dose()
    p = point(1.5)
    seen += [repr(p), p == (1.5, 0.0), repr(p._replace(y=2)), point._field_defaults]
    with pytest.raises(TypeError):
        point()
    return seen


def left_by_an_earlier_start(path: Path) -> None:
    """The cache file a start that made the test's classes leaves behind."""
    with dataclass_code.reusing_methods(path) as earlier:
        assert earlier is not None
        make_classes()


@pytest.mark.usefixtures("own_cache")
def test_a_later_start_reuses_every_method_and_the_classes_behave_the_same(
    tmp_path: Path,
) -> None:
    path = dataclass_code.cache_file(tmp_path)
    plain = behaviour(*make_classes())

    first = dataclass_code.install(path)
    assert first is not None
    made_first = behaviour(*make_classes())
    # 6 texts for the frozen class, 3 for the other, and the named tuple's __new__
    assert (first.compiled, first.reused) == (10, 0)
    assert first.save()
    dataclass_code.uninstall(first)
    assert "exec" not in vars(dataclasses)

    later = dataclass_code.install(path)
    assert later is not None
    made_later = behaviour(*make_classes())
    assert (later.compiled, later.reused) == (0, 10)
    assert not later.save()  # nothing new to keep
    assert made_first == plain
    assert made_later == plain


@pytest.mark.usefixtures("own_cache")
def test_a_changed_class_is_compiled_again(tmp_path: Path) -> None:
    path = dataclass_code.cache_file(tmp_path)
    left_by_an_earlier_start(path)

    later = dataclass_code.install(path)
    assert later is not None

    @dataclasses.dataclass
    class Tally:
        done: int = 1  # a default is not in the texts (it is passed in): reused
        left: int = 0  # a new field is: __init__, __repr__ and __eq__ are compiled again

    assert (
        repr(Tally(left=2))
        == "test_a_changed_class_is_compiled_again.<locals>.Tally(done=1, left=2)"
    )
    assert (later.compiled, later.reused) == (3, 0)


@pytest.mark.parametrize(
    "damage",
    ["garbage", "header only", "bad checksum", "not a dict", "not bytes", "not code"],
)
@pytest.mark.usefixtures("own_cache")
def test_a_damaged_cache_is_ignored(tmp_path: Path, damage: str) -> None:
    path = dataclass_code.cache_file(tmp_path)
    left_by_an_earlier_start(path)
    good = path.read_bytes()
    header = good[: good.index(b"\n") + 1 + len(dataclass_code.MAGIC_NUMBER) + 1]
    if damage == "garbage":
        path.write_bytes(b"\x00\xff" * 50)
    elif damage == "header only":
        path.write_bytes(header)
    elif damage == "bad checksum":
        path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    else:
        import marshal
        import zlib

        source = next(iter(dataclass_code.read_entries(path)))
        body = marshal.dumps(
            {
                "not a dict": [source],
                "not bytes": {source: compile("x = 1", "<string>", "exec")},
                "not code": {source: marshal.dumps("x = 1")},
            }[damage]
        )
        path.write_bytes(header + zlib.crc32(body).to_bytes(4, "little") + body)

    later = dataclass_code.install(path)
    assert later is not None
    assert behaviour(*make_classes()) == behaviour(*make_classes())
    assert later.reused == 0
    assert later.compiled == 20


@pytest.mark.parametrize("mode", [0o620, 0o602])
@pytest.mark.usefixtures("own_cache")
def test_a_cache_others_can_write_is_not_read(tmp_path: Path, mode: int) -> None:
    path = dataclass_code.cache_file(tmp_path)
    left_by_an_earlier_start(path)
    assert dataclass_code.read_entries(path)
    path.chmod(mode)
    assert dataclass_code.read_entries(path) == {}


@pytest.mark.usefixtures("own_cache")
def test_nothing_is_written_without_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = dataclass_code.cache_file(tmp_path)
    code = dataclass_code.install(path)
    assert code is not None
    make_classes()
    assert not code.save()
    assert not path.exists()


# BackCare's window started through cli.main in a fresh interpreter: at its first paint,
# what the methods cache compiled and reused; after the window closed, whether it is gone.
WINDOW = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from backcare_desktop import dataclass_code
from tests.support import window_report

report = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not report:
            code = dataclass_code.installed()
            report.update(compiled=code.compiled, reused=code.reused)
            QTimer.singleShot(500, after_the_paint_work)
        return False

def after_the_paint_work():
    report["after paint"] = dataclass_code.installed() is not None
    QApplication.instance().quit()

real_exec = QApplication.exec
probes = []

def exec_and_watch(self=None):
    window = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow")
    probes.append(FirstPaint())
    window.installEventFilter(probes[0])
    return real_exec()

QApplication.exec = exec_and_watch
from backcare_desktop.cli import main
main(sys.argv[1:])
report["after"] = dataclass_code.installed() is not None
print("REPORT " + json.dumps(report))
"""


def test_the_window_start_compiles_no_dataclass_once_the_cache_is_warm(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    chosen = {"health_note_acknowledged": True, "profile_asked": True}
    (data / "settings.json").write_text(json.dumps(chosen), encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    args = ["--data-dir", str(data), "--no-voice"]
    first, later = (window_report(WINDOW, args, "REPORT", env) for _ in range(2))
    assert first["compiled"] >= 50  # 68 at this writing, with PySide6 loaded first
    assert first["reused"] == 0
    # (The first start also builds the routine summaries, with a few classes of its own.)
    assert later["compiled"] == 0
    assert first["compiled"] - 5 <= later["reused"] <= first["compiled"]
    # Once the window has painted (and so once it has closed), the builtin exec is back.
    assert first["after paint"] is later["after paint"] is False
    assert first["after"] is later["after"] is False


@pytest.mark.usefixtures("own_cache")
def test_the_block_saves_what_was_new_and_puts_the_builtins_back(tmp_path: Path) -> None:
    path = dataclass_code.cache_file(tmp_path)
    with dataclass_code.reusing_methods(path) as code:
        assert code is not None
        assert dataclass_code.installed() is code
        make_classes()
    assert dataclass_code.installed() is None
    assert "exec" not in vars(dataclasses)
    assert "eval" not in vars(collections)
    assert len(dataclass_code.read_entries(path)) == code.compiled > 0
    assert code.known == code.used == {}  # nothing kept in memory once it is done
