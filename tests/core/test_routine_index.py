"""Routine summaries from the cache: an unchanged file is not read again, anything that
changed is, and a routine is read and checked in full whenever it is used."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop.core import library as library_module
from backcare_desktop.core.errors import LoadError, SchemaError, UnknownReferenceError
from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.model import Condition
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.core.routine_index import RACY_NS, Checked, index_routines
from backcare_desktop.core.summaries import OnDemandRoutines, summary_of
from tests.core.test_library import GOOD_EXERCISE

ROUTINE = """\
format = 1
id = "{id}"
title = "{title}"
description = "Two exercises on the floor."
minutes = 1

[[exercises]]
id = "{exercise}"
reps = {reps}

[[exercises]]
id = "knee-to-chest"
reps = 2
hold_seconds = 6
sets = 1
"""
LONG_AGO_NS = 1_600_000_000 * 10**9  # September 2020: well outside the racy window


class MemoryStore:
    """A SummaryStore kept in memory, as the JSON file keeps it between runs."""

    def __init__(self) -> None:
        self.environment = ""
        self.saved: dict[str, object] = {}
        self.writes = 0

    def entries(self, environment: str) -> Mapping[str, object]:
        # A copy through JSON, as a file gives: nothing the loader changes reaches it.
        found: dict[str, object] = json.loads(json.dumps(self.saved))
        return found if environment == self.environment else {}

    def replace(self, environment: str, entries: Mapping[str, object]) -> None:
        self.environment, self.saved = environment, json.loads(json.dumps(dict(entries)))
        self.writes += 1


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every routine file read and checked in full, in order."""
    seen: list[Path] = []
    real = library_module._check_routine_file

    def spy(path: Path, *args: object) -> object:
        seen.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "_check_routine_file", spy)
    yield seen


def record(saved: Mapping[str, object], folder: Path) -> dict[str, Any]:
    """The cache's record of `folder`: its rows by file name, the exercises they use."""
    records = saved["routines"]
    assert isinstance(records, dict)
    found: dict[str, Any] = records[str(folder)]
    return found


def row(saved: Mapping[str, object], path: Path) -> list[Any]:
    """The cache's row for the file `path`."""
    found: list[Any] = record(saved, path.parent)["files"][path.name]
    return found


def write(path: Path, text: str, mtime_ns: int = LONG_AGO_NS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for n in range(3):
        text = ROUTINE.format(id=f"own-{n}", title=f"Own {n}", exercise="cat-stretch", reps=3)
        write(data / "routines" / f"own-{n}.toml", text)
    return data


def own(paths: list[Path]) -> list[str]:
    return sorted(p.name for p in paths if p.parent.name == "routines")


def shipped(paths: list[Path]) -> list[Path]:
    return [p for p in paths if p.parent.name != "routines"]


def test_an_unchanged_file_is_not_read_again(root: Path, parses: list[Path]) -> None:
    store = MemoryStore()
    first = load_presets(root, cache=store)
    assert own(parses) == ["own-0.toml", "own-1.toml", "own-2.toml"]
    parses.clear()
    second = load_presets(root, cache=store)
    assert parses == []  # the presets too come from the cache
    assert second.summaries == first.summaries
    assert isinstance(second.routines, OnDemandRoutines)
    assert second.routines.parsed_count() == 0
    assert list(second.routines) == list(first.routines)


def test_summaries_from_the_cache_are_what_reading_the_files_gives(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    cached = load_presets(root, cache=store)
    read = load_presets(root)
    assert cached.summaries == read.summaries
    for routine_id in read.routines:
        assert cached.summary(routine_id) == summary_of(read.timeline(routine_id))


def test_a_file_with_a_new_time_or_size_is_read_again(root: Path, parses: list[Path]) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    path = root / "routines" / "own-1.toml"
    os.utime(path, ns=(LONG_AGO_NS + 1, LONG_AGO_NS + 1))  # touched, same content
    parses.clear()
    load_presets(root, cache=store)
    assert own(parses) == ["own-1.toml"]
    # The same time, another size.
    text = ROUTINE.format(id="own-2", title="Own 2 again", exercise="cat-stretch", reps=3)
    write(root / "routines" / "own-2.toml", text, LONG_AGO_NS)
    parses.clear()
    lib = load_presets(root, cache=store)
    assert own(parses) == ["own-2.toml"]
    assert lib.summary("own-2").title == "Own 2 again"


def test_an_unchanged_folder_is_not_written_again(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    writes = store.writes
    load_presets(root, cache=store)
    load_presets(root, cache=store)
    assert store.writes == writes
    os.utime(root / "routines" / "own-1.toml", ns=(LONG_AGO_NS + 1, LONG_AGO_NS + 1))
    load_presets(root, cache=store)
    assert store.writes == writes + 1
    (root / "routines" / "own-2.toml").unlink()
    load_presets(root, cache=store)
    assert store.writes == writes + 2
    assert sorted(record(store.saved, root / "routines")["files"]) == ["own-0.toml", "own-1.toml"]


def test_edited_added_removed_and_broken_files_are_seen_as_a_cold_start_sees_them(
    root: Path,
) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    load_presets(root, cache=store)
    folder = root / "routines"
    # Written in place, the same size, one tick later: the folder's own time stays.
    old = (folder / "own-0.toml").read_text(encoding="utf-8")
    write(folder / "own-0.toml", old.replace("Own 0", "Nwo 0"), LONG_AGO_NS + 1)
    (folder / "own-1.toml").unlink()
    text = ROUTINE.format(id="own-9", title="Own 9", exercise="cat-stretch", reps=3)
    write(folder / "own-9.toml", text)
    write(folder / "own-2.toml", "format = 1\nid = 'own-2'\n")
    write(folder / "own-3.toml", "not toml at all [")
    for _ in range(2):  # the start that notices, and the one after
        cached = load_presets(root, cache=store)
        cold = load_presets(root)
        assert cached.summaries == cold.summaries
        assert cached.summary("own-0").title == "Nwo 0"
        assert "own-1" not in cached.routines
        assert "own-9" in cached.routines
        assert [(type(p), str(p)) for p in cached.problems] == [
            (type(p), str(p)) for p in cold.problems
        ]
        assert {p.path.name for p in cached.problems} == {"own-2.toml", "own-3.toml"}


def test_a_routine_whose_exercise_changed_is_summarised_again(
    root: Path, parses: list[Path]
) -> None:
    exercise = root / "exercises" / "test-rock.toml"
    write(exercise, GOOD_EXERCISE)
    text = ROUTINE.format(id="rocking", title="Rocking", exercise="test-rock", reps=2)
    write(root / "routines" / "rocking.toml", text)
    store = MemoryStore()
    before = load_presets(root, cache=store).summary("rocking")
    write(exercise, GOOD_EXERCISE.replace("seconds = 4", "seconds = 6"))
    parses.clear()
    after = load_presets(root, cache=store).summary("rocking")
    assert own(parses) == ["rocking.toml"]  # the routines using other exercises stay
    assert shipped(parses) == []
    assert after.seconds == before.seconds + 2 * 2  # two reps, 2 s longer each


def test_a_bad_file_is_read_each_start_and_says_the_same(root: Path, parses: list[Path]) -> None:
    # Its problems are translatable words (said in the person's language), which the cache
    # would keep as English text only: the file is read again, the good ones are not.
    text = ROUTINE.format(id="typo", title="Typo", exercise="cat-strech", reps=2)
    write(root / "routines" / "typo.toml", text)
    store = MemoryStore()
    read = load_presets(root, cache=store).problems
    parses.clear()
    again = load_presets(root, cache=store).problems
    assert own(parses) == ["typo.toml"]
    assert shipped(parses) == []
    assert [(type(p), str(p)) for p in again] == [(type(p), str(p)) for p in read]
    assert any(isinstance(p, UnknownReferenceError) and "cat-stretch" in str(p) for p in read)


def _plain_problems(parsed: list[Path]) -> Callable[[Path, bool], Checked]:
    def check(path: Path, user: bool) -> Checked:
        parsed.append(path)
        return Checked(None, [SchemaError(path, "title", "is missing")], ("cat-stretch",))

    return check


def test_plain_problems_come_from_the_cache(root: Path) -> None:
    folder, parsed, store = root / "routines", [], MemoryStore()
    first: list[LoadError] = []
    index_routines([(folder, True)], _plain_problems(parsed), summary_of, {}, first, cache=store)
    assert len(parsed) == 3
    again: list[LoadError] = []
    index_routines([(folder, True)], _plain_problems(parsed), summary_of, {}, again, cache=store)
    assert len(parsed) == 3  # not read again
    assert [(type(p), str(p)) for p in again] == [(type(p), str(p)) for p in first]
    # A problem list that is not exactly what was written is not used.
    row(store.saved, folder / "own-0.toml")[3][0][0] = "SomethingElse"
    spoiled: list[LoadError] = []
    index_routines([(folder, True)], _plain_problems(parsed), summary_of, {}, spoiled, cache=store)
    assert parsed[3:] == [folder / "own-0.toml"]
    assert [str(p) for p in spoiled] == [str(p) for p in first]
    # Nor one with a part missing.
    del row(store.saved, folder / "own-1.toml")[3][0][2]
    index_routines([(folder, True)], _plain_problems(parsed), summary_of, {}, [], cache=store)
    assert parsed[4:] == [folder / "own-1.toml"]
    # Another set of exercise ids could change a "did you mean": every bad file is read.
    other = {"knee-to-chest": "the digest of its file's text"}
    index_routines([(folder, True)], _plain_problems(parsed), summary_of, other, [], cache=store)
    assert len(parsed) == 5 + 3


def test_a_missing_exercise_that_appears_makes_the_file_read_again(
    root: Path, parses: list[Path]
) -> None:
    text = ROUTINE.format(id="rocking", title="Rocking", exercise="test-rock", reps=2)
    write(root / "routines" / "rocking.toml", text)
    store = MemoryStore()
    assert "rocking" not in load_presets(root, cache=store).routines
    write(root / "exercises" / "test-rock.toml", GOOD_EXERCISE)
    parses.clear()
    lib = load_presets(root, cache=store)
    assert own(parses) == ["rocking.toml"]
    assert "rocking" in lib.routines


def test_another_language_has_its_own_summaries(root: Path, parses: list[Path]) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    parses.clear()
    german = load_presets(root, "de", cache=store)
    assert own(parses) == ["own-0.toml", "own-1.toml", "own-2.toml"]
    read = load_presets(root, "de")
    assert german.summaries == read.summaries
    assert german.summary("desk-break").title == read.timeline("desk-break").routine.title
    assert german.summary("desk-break").title != load_presets(root).summary("desk-break").title


def test_a_file_written_just_now_is_read_but_not_kept(root: Path, parses: list[Path]) -> None:
    text = ROUTINE.format(id="fresh", title="Fresh", exercise="cat-stretch", reps=3)
    path = write(root / "routines" / "fresh.toml", text, mtime_ns=0)
    os.utime(path)  # now: another write could follow within the clock's tick
    store = MemoryStore()
    load_presets(root, cache=store)
    assert "fresh.toml" not in record(store.saved, root / "routines")["files"]
    assert "own-0.toml" in record(store.saved, root / "routines")["files"]
    assert RACY_NS <= 2 * 10**9


def test_a_listed_routine_is_read_and_checked_in_full_when_asked_for(
    root: Path, parses: list[Path]
) -> None:
    store = MemoryStore()
    expected = load_presets(root, cache=store).routine("own-1")
    parses.clear()
    lib = load_presets(root, cache=store)
    assert lib.routine("own-1") == expected
    assert own(parses) == ["own-1.toml"]
    lib.routine("own-1")
    assert own(parses) == ["own-1.toml"]  # once


def test_the_planner_adapts_a_listed_routine_from_its_file(root: Path) -> None:
    # cat-stretch is done on hands and knees: knee problems take it out.
    store = MemoryStore()
    load_presets(root, cache=store)
    lazy = SessionPlanner(load_presets(root, cache=store)).plan_now("own-0", ["knee-problems"])
    read = SessionPlanner(load_presets(root)).plan_now("own-0", ["knee-problems"])
    assert lazy.changes == read.changes
    assert lazy.changes  # the knee-problems swap happened
    assert [s.exercise.id for s in lazy.timeline.spans] == [
        s.exercise.id for s in read.timeline.spans
    ]
    assert "cat-stretch" not in [s.exercise.id for s in lazy.timeline.spans]


def test_a_file_broken_since_it_was_listed_says_so_when_started(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    path = write(root / "routines" / "own-1.toml", "format = 1\nid = 'own-1'\n")
    with pytest.raises(LoadError) as raised:
        lib.routine("own-1")
    assert raised.value.path == path
    assert raised.value.field == "title"


def test_a_file_given_another_id_since_it_was_listed_says_so(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    text = ROUTINE.format(id="renamed", title="Own 1", exercise="cat-stretch", reps=3)
    write(root / "routines" / "own-1.toml", text)
    with pytest.raises(LoadError, match="is now 'renamed'") as raised:
        lib.routine("own-1")
    assert raised.value.field == "id"


def test_duplicate_ids_are_reported_from_the_cache_too(root: Path, parses: list[Path]) -> None:
    text = ROUTINE.format(id="own-0", title="Twin", exercise="cat-stretch", reps=3)
    write(root / "routines" / "twin.toml", text)
    store = MemoryStore()
    read = [str(p) for p in load_presets(root, cache=store).problems]
    parses.clear()
    lib = load_presets(root, cache=store)
    assert parses == []
    assert [str(p) for p in lib.problems] == read
    assert any("already defined" in p for p in read)
    assert lib.summary("own-0").title == "Own 0"  # the first file by name wins


def test_a_library_made_in_code_summarises_on_demand(presets: Library) -> None:
    made = Library(
        exercises=presets.exercises, routines=dict(presets.routines), durations=presets.durations
    )
    assert made.summary("desk-break") == summary_of(presets.timeline("desk-break"))


def test_a_bad_file_is_read_again_when_its_hint_could_change(
    root: Path, parses: list[Path]
) -> None:
    # "did you mean" names the exercises that exist: a new one may be the one meant.
    text = ROUTINE.format(id="rocking", title="Rocking", exercise="test-rocks", reps=2)
    write(root / "routines" / "rocking.toml", text)
    store = MemoryStore()
    before = [str(p) for p in load_presets(root, cache=store).problems]
    assert not any("test-rock?" in p for p in before)
    write(root / "exercises" / "test-rock.toml", GOOD_EXERCISE)
    parses.clear()
    after = [str(p) for p in load_presets(root, cache=store).problems]
    assert own(parses) == ["rocking.toml"]
    assert any("did you mean test-rock?" in p for p in after)


class Translatable(str):
    """Stands for words the translation layer renders (they are more than their text)."""


def test_a_problem_made_of_translatable_words_is_not_kept(root: Path) -> None:
    folder = root / "routines"
    problems: list[LoadError] = []

    def check(path: Path, user: bool) -> Checked:
        return Checked(None, [LoadError(path, "title", Translatable("is missing"))], ())

    store = MemoryStore()
    index_routines([(folder, True)], check, summary_of, {}, problems, cache=store)
    assert len(problems) == 3  # still said, every time
    assert record(store.saved, folder)["files"] == {}


KNEES: list[Condition] = ["knee-problems"]


def test_a_card_for_a_persons_conditions_comes_from_the_cache(
    root: Path, parses: list[Path]
) -> None:
    store = MemoryStore()
    first = load_presets(root, cache=store)
    made = SessionPlanner(first).card("own-0", KNEES)
    assert first.kept is not None
    first.kept.save()
    parses.clear()
    lib = load_presets(root, cache=store)
    again = SessionPlanner(lib).card("own-0", KNEES)
    assert parses == []
    assert again == made
    plan = SessionPlanner(load_presets(root)).plan_now("own-0", KNEES)
    assert again == (summary_of(plan.timeline), plan.changes)
    assert [c.exercise_id for c in again[1]] == ["cat-stretch", "knee-to-chest"]


def test_a_card_is_worked_out_again_when_its_file_changed(root: Path) -> None:
    store = MemoryStore()
    first = load_presets(root, cache=store)
    made = SessionPlanner(first).card("own-0", KNEES)
    assert first.kept is not None
    first.kept.save()
    text = ROUTINE.format(id="own-0", title="Own zero", exercise="cat-stretch", reps=3)
    write(root / "routines" / "own-0.toml", text, LONG_AGO_NS + 1)
    again = SessionPlanner(load_presets(root, cache=store)).card("own-0", KNEES)
    plan = SessionPlanner(load_presets(root)).plan_now("own-0", KNEES)
    assert again == (summary_of(plan.timeline), plan.changes)
    assert (made[0].title, again[0].title) == ("Own 0", "Own zero")


def test_a_card_is_worked_out_again_for_other_conditions_or_doses(
    root: Path, parses: list[Path]
) -> None:
    class LastDose:
        def __init__(self, overrides: dict[str, dict[str, float]]) -> None:
            self.overrides = overrides

        def last_overrides(self, routine_id: str) -> dict[str, dict[str, float]]:
            return self.overrides

        def ratings_at_dose(self, routine_id: str, overrides: object) -> list[str | None]:
            return []

    store = MemoryStore()
    lib = load_presets(root, cache=store)
    SessionPlanner(lib).card("own-0", KNEES)
    assert lib.kept is not None
    lib.kept.save()
    parses.clear()
    lib = load_presets(root, cache=store)
    SessionPlanner(lib).card("own-0", ["wrist-problems"])
    assert own(parses) == ["own-0.toml"]
    parses.clear()
    lib = load_presets(root, cache=store)
    longer = {"knee-to-chest": {"hold_seconds": 12.0}}
    card = SessionPlanner(lib, LastDose(longer)).card("own-0", KNEES)
    assert own(parses) == ["own-0.toml"]
    read = SessionPlanner(load_presets(root), LastDose(longer)).plan_now("own-0", KNEES)
    assert card[0].seconds == read.timeline.duration


def test_a_spoiled_adapted_card_is_worked_out_again(root: Path, parses: list[Path]) -> None:
    store = MemoryStore()
    lib = load_presets(root, cache=store)
    expected = SessionPlanner(lib).card("own-0", KNEES)
    assert lib.kept is not None
    lib.kept.save()
    for card in record(store.saved, root / "routines")["adapted"]["own-0.toml"].values():
        card["changes"][0]["condition"] = "a-made-up-condition"
    parses.clear()
    again = SessionPlanner(load_presets(root, cache=store)).card("own-0", KNEES)
    assert own(parses) == ["own-0.toml"]
    assert again == expected


def test_a_file_broken_since_it_was_listed_keeps_its_card_and_fails_to_start(
    root: Path,
) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    write(root / "routines" / "own-1.toml", "format = 1\nid = 'own-1'\n")
    planner = SessionPlanner(lib)
    assert planner.card("own-1", KNEES) == (lib.summary("own-1"), ())
    with pytest.raises(LoadError):
        planner.propose("own-1", conditions=KNEES)
