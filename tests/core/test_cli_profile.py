"""`backcare list|show --for CONDITION...`: a plan a physiotherapist can check."""

from __future__ import annotations

import io
import json

import pytest

from backcare_desktop.cli import main


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_show_json_for_knees_names_what_each_changed_step_stands_in_for(data_dir):
    code, out, _ = run_cli("show", "stiff-lower-back", "--for", "knee-problems", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["conditions"] == ["knee-problems"]
    ids = {s["exercise_id"] for s in data["steps"]}
    assert "childs-pose" not in ids
    replaced = [c for c in data["changes"] if c["kind"] == "replaced"]
    assert any(c["exercise_id"] == "childs-pose" and c["reason"] for c in replaced)
    stand_in = [s for s in data["steps"] if s["adapted_from"] == "childs-pose"]
    assert stand_in
    assert all(s["adaptation"].startswith("Instead of child's pose") for s in stand_in)
    first = [s for s in data["steps"] if s["exercise_index"] == 0]  # the counter stretch
    assert first and all(s["adapted_from"] == "" and s["adaptation"] == "" for s in first)


def test_show_without_for_is_the_routine_as_written(data_dir):
    _, out, _ = run_cli("show", "stiff-lower-back", "--json")
    data = json.loads(out)
    assert data["changes"] == [] and data["conditions"] == []
    assert "childs-pose" in {s["exercise_id"] for s in data["steps"]}


def test_list_for_two_conditions_says_what_changed(data_dir):
    code, out, _ = run_cli("list", "--for", "pregnancy", "pain-bending-forward")
    assert code == 0
    assert "changed: " in out
    assert "because of your pregnancy" in out
    rows = json.loads(run_cli("list", "--json", "--for", "pregnancy")[1])
    pregnancy = next(r for r in rows if r["id"] == "pregnancy-friendly")
    assert pregnancy["changes"] == []  # written for pregnancy: nothing to change
    stiff = next(r for r in rows if r["id"] == "stiff-lower-back")
    assert stiff["changes"]


def test_an_unknown_condition_is_refused_with_the_choices(data_dir, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["list", "--for", "bad-back"])
    assert stop.value.code == 2
    assert "knee-problems" in capsys.readouterr().err
