"""Shared fixtures. Qt runs offscreen unless a test opens a real X window on purpose."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any QApplication exists (pytest-qt makes it lazily in the qapp fixture).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests' English expectations must not depend on the machine's locale (a German
# desktop would otherwise get German output from `backcare list`).
os.environ["LANGUAGE"] = "en"

from backcare_desktop.core.clock import FakeClock
from backcare_desktop.core.library import Library, load_presets

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user cache folder (the routine summaries) inside the test run, for the app's
    own processes too: no test writes to the real ~/.cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session")
def presets() -> Library:
    """The shipped library, loaded once (it is immutable)."""
    return load_presets()


@pytest.fixture(scope="session", params=["de", "es", "fr"])
def translated(request: pytest.FixtureRequest) -> Library:
    """The shipped library in each shipped language besides English (loaded once each)."""
    return load_presets(language=request.param)


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data dir, so no test touches the real one."""
    root = tmp_path / "data"
    root.mkdir()
    monkeypatch.setenv("BACKCARE_DATA_DIR", str(root))
    return root
