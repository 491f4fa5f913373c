"""The routine writer: every preset round-trips, writes are atomic and stay in the folder."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backcare_desktop.core.library import load_presets, parse_routine
from backcare_desktop.core.model import Routine, RoutineItem
from backcare_desktop.core.routine_writer import check_candidate, computed_minutes
from backcare_desktop.storage.paths import user_routines_dir
from backcare_desktop.storage.routine_files import (
    RoutineFileError,
    delete_routine,
    export_routine,
    import_routines,
    restore_routine,
    save_routine,
)

PRESETS = load_presets()


def _folder_state(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("routine_id", sorted(PRESETS.routines))
def test_every_preset_round_trips_through_the_writer(tmp_path, routine_id):
    preset = PRESETS.routine(routine_id)
    mine = replace(preset, id=f"my-{routine_id}", user=True)
    path = save_routine(mine, PRESETS, tmp_path)
    assert path == tmp_path / f"my-{routine_id}.toml"
    problems: list = []
    loaded = parse_routine(path, PRESETS.exercises, problems, durations=PRESETS.durations)
    assert problems == []
    expected_minutes = computed_minutes(PRESETS.compile(mine))
    assert loaded == replace(mine, minutes=expected_minutes, source=str(path), user=False)


def test_minutes_is_computed_not_taken_from_the_routine(tmp_path):
    routine = replace(PRESETS.routine("desk-break"), id="mine", minutes=99.0)
    path = save_routine(routine, PRESETS, tmp_path)
    assert "minutes = 99" not in path.read_text()
    seconds = PRESETS.compile(routine).duration
    assert f"minutes = {max(0.5, round(seconds / 60, 1))}" in path.read_text()


def test_a_preset_id_is_refused_and_nothing_is_written(tmp_path):
    with pytest.raises(RoutineFileError, match="preset"):
        save_routine(PRESETS.routine("desk-break"), PRESETS, tmp_path)
    assert _folder_state(tmp_path) == {}


def test_a_bad_id_never_becomes_a_file_name(tmp_path):
    routine = replace(PRESETS.routine("desk-break"), id="../../escape")
    with pytest.raises(RoutineFileError, match="lower-case letters"):
        save_routine(routine, PRESETS, tmp_path / "routines")
    assert list(tmp_path.rglob("*")) == []


def test_the_candidate_check_is_the_loaders(tmp_path):
    routine = Routine("mine", "", "Text", 1.0, (RoutineItem("no-such-exercise"),))
    candidate = check_candidate(routine, PRESETS, tmp_path)
    fields = sorted(p.field for p in candidate.problems)
    assert fields == ["exercises[0].id", "title"]
    assert candidate.routine is None


def test_a_routine_for_a_condition_refuses_what_it_rules_out(tmp_path):
    routine = Routine(
        "mine", "Knees", "Text", 1.0, (RoutineItem("childs-pose"),), audience=("knee-problems",)
    )
    candidate = check_candidate(routine, PRESETS, tmp_path)
    assert {p.field for p in candidate.problems} == {"exercises[0].id"}
    assert "does not suit" in str(candidate.problems[0])


def _user_library(root: Path):
    return load_presets(root)


def test_editing_an_own_routine_replaces_its_file_and_a_new_id_moves_it(tmp_path):
    folder = user_routines_dir(tmp_path)
    base = replace(PRESETS.routine("desk-break"), id="mine", user=True)
    save_routine(base, PRESETS, folder)
    library = _user_library(tmp_path)
    with pytest.raises(RoutineFileError, match="already the id"):
        save_routine(replace(base, title="Other"), library, folder)
    save_routine(replace(base, id="renamed"), library, folder, replacing="mine")
    assert sorted(_folder_state(folder)) == ["renamed.toml"]


def test_delete_and_undo_put_the_same_bytes_back(tmp_path):
    folder = user_routines_dir(tmp_path)
    save_routine(replace(PRESETS.routine("desk-break"), id="mine"), PRESETS, folder)
    before = _folder_state(folder)
    library = _user_library(tmp_path)
    deleted = delete_routine(library.routine("mine"), folder)
    assert _folder_state(folder) == {}
    restore_routine(deleted)
    assert _folder_state(folder) == before
    with pytest.raises(RoutineFileError, match="preset"):
        delete_routine(library.routine("desk-break"), folder)


def test_export_then_import_on_a_fresh_folder_is_identical(tmp_path):
    folder = user_routines_dir(tmp_path / "one")
    save_routine(replace(PRESETS.routine("knee-friendly"), id="for-anna"), PRESETS, folder)
    library = _user_library(tmp_path / "one")
    sent = export_routine(library.routine("for-anna"), library, tmp_path / "sent.toml")
    fresh = user_routines_dir(tmp_path / "two")
    (imported,) = import_routines([sent], PRESETS, fresh)
    assert imported.path == fresh / "for-anna.toml"
    assert (fresh / "for-anna.toml").read_bytes() == (folder / "for-anna.toml").read_bytes()
    again = _user_library(tmp_path / "two").routine("for-anna")
    assert replace(again, source="") == replace(library.routine("for-anna"), source="")


def test_import_refuses_clashes_unless_replace_and_never_a_preset(tmp_path):
    folder = user_routines_dir(tmp_path)
    save_routine(replace(PRESETS.routine("desk-break"), id="mine"), PRESETS, folder)
    library = _user_library(tmp_path)
    source = tmp_path / "incoming.toml"
    source.write_text((folder / "mine.toml").read_text().replace("Desk break", "New title"))
    before = _folder_state(folder)
    with pytest.raises(RoutineFileError, match="--replace"):
        import_routines([source], library, folder)
    assert _folder_state(folder) == before
    (done,) = import_routines([source], library, folder, replace_existing=True)
    assert done.replaced
    assert "New title" in (folder / "mine.toml").read_text()
    preset = tmp_path / "preset.toml"
    preset.write_text(source.read_text().replace('id = "mine"', 'id = "desk-break"'))
    with pytest.raises(RoutineFileError, match="id of a preset"):
        import_routines([preset], library, folder, replace_existing=True)


def test_import_is_all_or_nothing(tmp_path):
    folder = user_routines_dir(tmp_path)
    good = tmp_path / "good.toml"
    export_routine(PRESETS.routine("desk-break"), PRESETS, good)
    good.write_text(good.read_text().replace('id = "desk-break"', 'id = "good"'))
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n")
    with pytest.raises(RoutineFileError) as caught:
        import_routines([good, bad], PRESETS, folder)
    assert all("bad.toml" in line for line in caught.value.problems)
    assert _folder_state(folder) == {}


def test_the_writer_is_not_imported_at_start_up():
    import subprocess
    import sys

    code = (
        "import sys; import backcare_desktop.cli, backcare_desktop.ui.main_window; "
        "print('tomli_w' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
