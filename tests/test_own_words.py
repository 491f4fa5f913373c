"""Every sentence a person reads or hears is the project's own: no run of 8 words is
copied from the five articles the exercise facts come from (`../shared/seeds/`, beside the
repository). Without that folder the check is skipped; on CI (env CI set) it must run.
"""

from __future__ import annotations

import ast
import os
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop import resources
from backcare_desktop.core.library import Library

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "seeds"
RUN = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the articles are not in {SEEDS}")
        pytest.skip(f"the source articles are not in {SEEDS} (they sit beside the repository)")
    found: set[tuple[str, ...]] = set()
    for path in files:
        found |= runs(path.read_text(encoding="utf-8"))
    return found


def toml_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from toml_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from toml_strings(item)


def python_strings(path: Path) -> Iterator[str]:
    """String constants in the module, docstrings left out (they are not shown)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield node.value


def shipped_texts(presets: Library) -> Iterator[tuple[str, str]]:
    """(where, text) for every string the app ships to be read or heard."""
    folders = [resources.sessions_dir(), resources.exercises_dir(), resources.poses_dir()]
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            for text in toml_strings(tomllib.loads(path.read_text(encoding="utf-8"))):
                yield path.name, text
    for path in sorted((REPO / "backcare_desktop").rglob("*.py")):
        for text in python_strings(path):
            yield str(path.relative_to(REPO)), text
    for text in presets.durations.seconds:  # every cue the compiler can build
        yield "cue", text


def test_no_shipped_text_copies_8_words_from_an_article(
    presets: Library, seed_runs: set[tuple[str, ...]]
) -> None:
    copied = [
        (where, " ".join(sorted(runs(text) & seed_runs)[0]))
        for where, text in shipped_texts(presets)
        if runs(text) & seed_runs
    ]
    assert copied == []


def test_the_check_finds_a_copied_sentence(seed_runs: set[tuple[str, ...]]) -> None:
    copied = "Roll your knees to one side, keeping both shoulders on the floor."
    assert runs(copied) & seed_runs
    assert not runs("Let your knees drop over to the right while both shoulders stay down.") & (
        seed_runs
    )


def test_the_check_reads_strings_from_code_and_data(presets: Library) -> None:
    found = {text for _, text in shipped_texts(presets)}
    assert "Cat stretch" in found  # exercise file
    assert "That's the routine done. Well done for looking after your back." in found  # code
    assert "3 of 8. Breathe out, round your back up" in found  # compiled cue
