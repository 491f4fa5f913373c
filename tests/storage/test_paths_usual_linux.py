"""The usual Linux folders are worked out without platformdirs, and are exactly its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backcare_desktop.storage import paths

ROOT = Path(__file__).resolve().parents[2]
UNSET = None
VALUES = st.sampled_from(
    [
        UNSET,
        "",
        " ",
        "/",
        "/home/ana",
        "/home/ana/",
        "//home",
        "relative",
        "~/x",
        "~",
        " /x",
        "/x ",
        "/tmp/c\u00e9",
        "/a/../b",
        "./x",
        "/x/./y",
    ]
)


def with_environment(monkeypatch: pytest.MonkeyPatch, **values: str | None) -> None:
    for name, value in values.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


@pytest.mark.skipif(sys.platform != "linux", reason="the usual Linux case")
@settings(max_examples=300, deadline=None)
@given(home=VALUES, data=VALUES, cache=VALUES)
def test_whatever_is_worked_out_without_platformdirs_is_its_answer(
    home: str | None, data: str | None, cache: str | None
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        with_environment(
            monkeypatch, HOME=home, XDG_DATA_HOME=data, XDG_CACHE_HOME=cache, BACKCARE_DATA_DIR=None
        )
        usual_data = paths.usual_linux_dir("XDG_DATA_HOME", ".local/share")
        usual_cache = paths.usual_linux_dir("XDG_CACHE_HOME", ".cache")
        if usual_data is not None:
            assert usual_data == platformdirs.user_data_dir("BackCare", appauthor=False)
        if usual_cache is not None:
            assert usual_cache == platformdirs.user_cache_dir("BackCare", appauthor=False)


@pytest.mark.skipif(sys.platform != "linux", reason="the usual Linux case")
@pytest.mark.parametrize(
    ("home", "xdg", "expected"),
    [
        ("/home/ana", None, "/home/ana/.cache/BackCare"),
        ("/home/ana", "", "/home/ana/.cache/BackCare"),
        ("/home/ana", "/var/cache/ana", "/var/cache/ana/BackCare"),
        ("/home/ana", "/var/cache/ana/", "/var/cache/ana/BackCare"),
    ],
)
def test_the_usual_cases_need_no_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None, expected: str
) -> None:
    with_environment(monkeypatch, HOME=home, XDG_CACHE_HOME=xdg)
    assert paths.usual_linux_dir("XDG_CACHE_HOME", ".cache") == expected
    assert paths.cache_dir() == Path(expected)


@pytest.mark.parametrize(
    ("home", "xdg"), [("relative", None), ("/home/ana", "relative"), ("/home/ana", "~/c")]
)
def test_an_unusual_value_is_left_to_platformdirs(
    monkeypatch: pytest.MonkeyPatch, home: str, xdg: str | None
) -> None:
    with_environment(monkeypatch, HOME=home, XDG_CACHE_HOME=xdg)
    assert paths.usual_linux_dir("XDG_CACHE_HOME", ".cache") is None


def test_another_system_is_left_to_platformdirs(monkeypatch: pytest.MonkeyPatch) -> None:
    with_environment(monkeypatch, HOME="/home/ana", XDG_CACHE_HOME=None)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert paths.usual_linux_dir("XDG_CACHE_HOME", ".cache") is None


@pytest.mark.skipif(sys.platform != "linux", reason="the usual Linux case")
def test_the_window_start_does_not_import_platformdirs(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "import backcare_desktop.cli\n"
        "from backcare_desktop.storage import paths\n"
        "paths.data_dir(), paths.cache_dir()\n"
        "print('platformdirs' in sys.modules)\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}
    env.pop("XDG_CACHE_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False"]
