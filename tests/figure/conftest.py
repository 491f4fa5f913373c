"""Fixtures for the figure tests: the shipped poses and the exercises that use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from backcare_desktop import resources
from backcare_desktop.figure.pose import PoseLibrary, load_pose_library


@pytest.fixture(scope="session")
def poses_dir() -> Path:
    return resources.poses_dir()


@pytest.fixture(scope="session")
def poses(poses_dir: Path) -> PoseLibrary:
    return load_pose_library(poses_dir)
