"""The README's set-up commands are the ones CI runs."""

from __future__ import annotations

import re

from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```(?:sh|bash|console)\n(.+?)\n```", text, re.DOTALL)


def test_readme_opens_with_the_two_setup_commands():
    commands = readme_commands()
    assert len(commands) >= 2
    run, test = commands[0], commands[1]
    assert "pip install" in run and "backcare" in run
    assert "pip install" in test and "pytest" in test


def test_ci_runs_the_readme_test_command():
    test_command = readme_commands()[1]
    assert test_command in (REPO / ".ci" / "run").read_text(encoding="utf-8")
