"""The command line: output and exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from backcare_desktop.cli import main


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_list_shows_every_preset(presets, data_dir):
    code, out, _ = run_cli("list")
    assert code == 0
    for routine in presets.routines.values():
        assert routine.id in out
        assert routine.title in out


def test_list_json(presets, data_dir):
    code, out, _ = run_cli("list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert {r["id"] for r in rows} == set(presets.routines)
    desk = next(r for r in rows if r["id"] == "desk-break")
    assert "standing only" in desk["needs"]
    assert desk["minutes"] <= 5


def test_show_reads_like_a_session(data_dir):
    code, out, _ = run_cli("show", "stiff-lower-back")
    assert code == 0
    assert "Cat stretch" in out
    assert '"3 of 6. Breathe out' in out or "3 of 8" in out
    assert "[10s: Halfway]" in out


def test_show_json_is_the_timeline(presets, data_dir):
    code, out, _ = run_cli("show", "desk-break", "--json")
    data = json.loads(out)
    timeline = presets.compile(presets.routine("desk-break"))
    assert code == 0
    assert len(data["steps"]) == len(timeline.steps)
    assert data["seconds"] == pytest.approx(timeline.duration)


def test_unknown_routine_is_a_clear_message(data_dir):
    code, out, err = run_cli("show", "desk-brake")
    assert code == 2
    assert out == ""
    assert "No routine called 'desk-brake'" in err
    assert "desk-break" in err
    assert "Traceback" not in err


def test_validate_ok_and_broken(tmp_path, data_dir):
    from backcare_desktop import resources

    good = resources.sessions_dir() / "desk-break.toml"
    code, out, _ = run_cli("validate", str(good))
    ok_line = (
        f"{good}: OK: routine 'desk-break' (Desk break (standing)); BackCare shows this routine"
    )
    assert (code, out) == (0, ok_line + "\n")

    broken = tmp_path / "broken.toml"
    broken.write_text(
        good.read_text(encoding="utf-8")
        .replace("[[exercises]]", "colour = 3\n[[exercises]]", 1)
        .replace('"squat-reach"', '"squat"')
    )
    code, out, _ = run_cli("validate", str(broken), str(good))
    lines = out.splitlines()
    assert code == 1
    assert f"{broken}: colour: is not a known field (check the spelling)" in lines
    assert any(line.startswith(f"{broken}: exercises[") and "'squat'" in line for line in lines)
    assert ok_line in lines


def test_validate_missing_file(tmp_path, data_dir):
    code, out, _ = run_cli("validate", str(tmp_path / "nope.toml"))
    assert code == 1
    assert "no such file" in out


def test_data_dir_option_and_env(tmp_path, monkeypatch):
    from backcare_desktop.storage.paths import data_dir

    monkeypatch.setenv("BACKCARE_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "opt") == tmp_path / "opt"
    monkeypatch.delenv("BACKCARE_DATA_DIR")
    assert "BackCare" in str(data_dir())


def test_user_routine_appears_in_list(data_dir):
    from backcare_desktop import resources

    (data_dir / "routines").mkdir()
    text = (resources.sessions_dir() / "desk-break.toml").read_text(encoding="utf-8")
    (data_dir / "routines" / "mine.toml").write_text(
        text.replace('id = "desk-break"', 'id = "my-desk"'), encoding="utf-8"
    )
    code, out, _ = run_cli("list")
    assert code == 0
    assert "my-desk" in out
    assert "(yours)" in out


def test_module_entry_point_runs():
    result = subprocess.run(
        [sys.executable, "-m", "backcare_desktop", "--version"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("backcare ")
