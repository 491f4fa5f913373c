"""A regular (non-editable) install must carry every preset and asset."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_carries_presets_and_assets(tmp_path: Path, presets):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(REPO),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("backcare_desktop-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for routine_id in presets.routines:
        assert f"backcare_desktop/_data/sessions/{routine_id}.toml" in names
    for exercise_id in presets.exercises:
        assert f"backcare_desktop/_data/assets/exercises/{exercise_id}.toml" in names

    # Installed away from the source tree, the package finds them on its own.
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    probe = (
        "import backcare_desktop.core.library as l, backcare_desktop as b;"
        "lib = l.load_presets(); print(b.__file__); print(len(lib.routines), "
        "len(lib.exercises), len(lib.problems))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=60,
    )
    where, counts = result.stdout.splitlines()
    assert where.startswith(str(site))
    assert counts == f"{len(presets.routines)} {len(presets.exercises)} 0"
