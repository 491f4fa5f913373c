"""Property: whatever the bytes or TOML of a file, the loader returns a routine or
reports LoadErrors, never anything else, and never takes long (Hypothesis' deadline is
the bound on one example; a hang or a quadratic blow-up fails it)."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.exercise_file import parse_exercise
from backcare_desktop.core.library import parse_routine
from backcare_desktop.core.model import Exercise, Routine

BOUND = settings(
    max_examples=150,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ROUTINE_KEYS = ["format", "id", "title", "description", "minutes", "exercises"]
ITEM_KEYS = ["id", "reps", "hold_seconds", "sets"]
EXERCISE_KEYS = [
    "format", "id", "name", "position", "equipment", "directions", "good_for", "sources",
    "setup", "steps", "cautions", "avoid_if", "start_pose", "parts",
]  # fmt: skip
PART_KEYS = ["reps", "reps_range", "sets", "sides", "rest_seconds", "phases"]
PHASE_KEYS = ["breath", "seconds", "breaths", "seconds_range", "pose", "cue", "short"]

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=60),
    st.sampled_from(["cat-stretch", "cat-round", "exhale", "hold", "none", "mine", "1"]),
)


def values(keys: list[str]) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=6),
            st.dictionaries(st.sampled_from(keys) | st.text(max_size=8), inner, max_size=6),
        ),
        max_leaves=25,
    )


def document(keys: list[str], nested: dict[str, list[str]]) -> st.SearchStrategy[dict]:
    """Tables whose keys are mostly the schema's own, so the checks past parsing run."""
    table_lists = {
        key: st.lists(
            st.dictionaries(st.sampled_from(sub), values(sub), max_size=len(sub)), max_size=4
        )
        for key, sub in nested.items()
    }
    return st.fixed_dictionaries(
        {},
        optional={
            **{k: values(keys) for k in keys if k not in nested},
            **table_lists,
            "format": st.sampled_from([1, 1, 1, 2, 0, "1"]),
        },
    )


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        if value != value:
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string too
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_text(doc: dict[str, Any]) -> str:
    return "".join(f"{json.dumps(k)} = {toml_value(v)}\n" for k, v in doc.items())


def check_routine(data: bytes, presets) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.toml"
        path.write_bytes(data)
        problems: list[LoadError] = []
        result = parse_routine(path, presets.exercises, problems, user=True)
    if result is None:
        assert problems
        assert all(isinstance(p, LoadError) and p.path == path for p in problems)
    else:
        assert isinstance(result, Routine)
        assert problems == []


def check_exercise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "e.toml"
        path.write_bytes(data)
        problems: list[LoadError] = []
        result = parse_exercise(path, problems, frozenset({"cat-round", "all-fours"}))
    assert (result is None) == bool(problems)
    assert result is None or isinstance(result, Exercise)
    assert all(isinstance(p, LoadError) for p in problems)


@BOUND
@given(st.binary(max_size=4096))
def test_random_bytes_as_a_routine(presets, data: bytes):
    check_routine(data, presets)


@BOUND
@given(st.binary(max_size=4096))
def test_random_bytes_as_an_exercise(data: bytes):
    check_exercise(data)


@BOUND
@given(document(ROUTINE_KEYS, {"exercises": ITEM_KEYS}))
def test_random_toml_routines(presets, doc: dict[str, Any]):
    check_routine(toml_text(doc).encode(), presets)


@BOUND
@given(document(EXERCISE_KEYS, {"parts": PART_KEYS}), st.lists(st.dictionaries(
    st.sampled_from(PHASE_KEYS), values(PHASE_KEYS)), max_size=3))  # fmt: skip
def test_random_toml_exercises(doc: dict[str, Any], phases: list[dict[str, Any]]):
    text = toml_text(doc)
    if isinstance(doc.get("parts"), list) and doc["parts"]:
        # Put the phases under the first part, as [[parts.phases]] tables.
        text += "".join("[[parts.phases]]\n" + toml_text(phase) for phase in phases)
    check_exercise(text.encode())


@BOUND
@given(st.text(alphabet="[]{}=,.\"' \nax1", max_size=3000))
def test_random_brackets_and_quotes(presets, text: str):
    check_routine(text.encode(), presets)
