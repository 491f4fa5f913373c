"""Exercises listed from the summaries' cache: an unchanged file is not parsed at start,
a changed or broken one is (and says so, as before), and whatever a session runs is parsed
from its file when it is needed, never taken from the cache."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

import pytest

from backcare_desktop.core import exercise_index
from backcare_desktop.core.errors import DuplicateIdError, LoadError, SchemaError
from backcare_desktop.core.exercise_index import EXERCISES_KEY
from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.model import Condition, Exercise
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.core.routine_index import environment_of
from backcare_desktop.core.summaries import OnDemand
from tests.core.test_library import GOOD_EXERCISE
from tests.core.test_routine_index import ROUTINE, MemoryStore, write

KNEES: list[Condition] = ["knee-problems"]


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """Every exercise file parsed, in order."""
    seen: list[Path] = []
    real = exercise_index.parse_text

    def spy(
        path: Path, text: str, problems: list[LoadError], pose_ids: Collection[str] | None
    ) -> Exercise | None:
        seen.append(path)
        return real(path, text, problems, pose_ids)

    monkeypatch.setattr(exercise_index, "parse_text", spy)
    yield seen


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write(data / "exercises" / "test-rock.toml", GOOD_EXERCISE)
    text = ROUTINE.format(id="rocking", title="Rocking", exercise="test-rock", reps=2)
    write(data / "routines" / "rocking.toml", text)
    return data


def mine(paths: list[Path]) -> list[str]:
    return [p.name for p in paths if p.parent.parent.name == "data"]


def said(lib: Library) -> list[tuple[type, str]]:
    return [(type(p), str(p)) for p in lib.problems]


def test_an_unchanged_exercise_file_is_not_parsed_at_start(root: Path, parsed: list[Path]) -> None:
    store = MemoryStore()
    first = load_presets(root, cache=store)
    assert "test-rock.toml" in mine(parsed)
    assert len(parsed) == len(first.exercises)  # a cold start parses every file
    parsed.clear()
    second = load_presets(root, cache=store)
    assert parsed == []
    assert list(second.exercises) == list(first.exercises)
    assert second.exercise_sources == first.exercise_sources
    assert second.summaries == first.summaries
    assert isinstance(second.exercises, OnDemand)
    assert second.exercises.parsed_count() == 0


def test_an_exercise_is_parsed_from_its_file_the_first_time_it_is_asked_for(
    root: Path, parsed: list[Path]
) -> None:
    store = MemoryStore()
    cold = load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    parsed.clear()
    assert lib.exercises["test-rock"] == cold.exercises["test-rock"]
    assert lib.exercises["cat-stretch"] == cold.exercises["cat-stretch"]
    lib.exercises.get("test-rock")
    assert [p.name for p in parsed] == ["test-rock.toml", "cat-stretch.toml"]  # once each
    assert "no-such-exercise" not in lib.exercises
    assert lib.exercises.get("no-such-exercise") is None


def test_a_changed_exercise_file_is_parsed_again_and_its_problem_reported(
    root: Path, parsed: list[Path]
) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    path = root / "exercises" / "test-rock.toml"
    write(path, GOOD_EXERCISE.replace('position = "all-fours"', 'position = "upside-down"'))
    parsed.clear()
    warm = load_presets(root, cache=store)
    assert mine(parsed) == ["test-rock.toml"]  # the shipped ones still come from the cache
    cold = load_presets(root)
    assert said(warm) == said(cold)
    assert any(isinstance(p, SchemaError) and p.path == path for p in warm.problems)
    assert "test-rock" not in warm.exercises
    # And at every start after, as long as it is broken (a bad file is never kept).
    parsed.clear()
    assert said(load_presets(root, cache=store)) == said(cold)
    assert mine(parsed) == ["test-rock.toml"]


def test_a_changed_good_exercise_file_is_parsed_again(root: Path, parsed: list[Path]) -> None:
    store = MemoryStore()
    before = load_presets(root, cache=store)
    write(
        root / "exercises" / "test-rock.toml", GOOD_EXERCISE.replace("seconds = 4", "seconds = 6")
    )
    parsed.clear()
    after = load_presets(root, cache=store)
    assert mine(parsed) == ["test-rock.toml"]
    assert after.summary("rocking").seconds == before.summary("rocking").seconds + 2 * 2
    assert after.exercises["test-rock"].parts[0].phases[0].seconds == 6


def test_a_file_that_cannot_be_read_is_reported_at_every_start(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    path = root / "exercises" / "test-rock.toml"
    path.write_bytes(b"\xff\xfe" + GOOD_EXERCISE.encode("utf-16-le"))
    warm = load_presets(root, cache=store)
    assert said(warm) == said(load_presets(root))
    assert warm.problems[0].path == path
    assert "UTF-16" in str(warm.problems[0])


def test_duplicate_exercise_ids_are_reported_from_the_cache_too(
    root: Path, parsed: list[Path]
) -> None:
    write(root / "exercises" / "zz-again.toml", GOOD_EXERCISE)
    store = MemoryStore()
    first = load_presets(root, cache=store)
    parsed.clear()
    second = load_presets(root, cache=store)
    assert parsed == []
    assert said(second) == said(first)
    assert [(type(p), p.path.name) for p in second.problems] == [
        (DuplicateIdError, "zz-again.toml")
    ]
    assert second.exercise_sources["test-rock"] == root / "exercises" / "test-rock.toml"


SPOILED = [
    "not an entry",
    {"digest": "0" * 32, "id": "test-rock"},  # another text's digest
    {"digest": None, "id": "test-rock"},
    {"id": "test-rock"},
    {"digest": "D", "id": 7},
    {"digest": "D", "id": ["test-rock"]},
    {"digest": "D", "id": "Not An Id"},
    {"digest": "D", "id": "test-rock", "problems": []},
]


@pytest.mark.parametrize("entry", SPOILED)
def test_a_spoiled_exercise_entry_is_not_used_and_its_file_is_parsed(
    root: Path, parsed: list[Path], entry: object
) -> None:
    store = MemoryStore()
    cold = load_presets(root, cache=store)
    listed = store.saved[EXERCISES_KEY]
    assert isinstance(listed, dict)
    key = str(root / "exercises" / "test-rock.toml")
    good = listed[key]["digest"]
    listed[key] = (
        {k: good if v == "D" else v for k, v in entry.items()} if isinstance(entry, dict) else entry
    )
    parsed.clear()
    warm = load_presets(root, cache=store)
    assert mine(parsed) == ["test-rock.toml"]
    assert warm.exercises["test-rock"] == cold.exercises["test-rock"]
    assert said(warm) == said(cold)
    assert store.saved[EXERCISES_KEY][key] == {"digest": good, "id": "test-rock"}  # made anew


@pytest.mark.parametrize("listed", [None, [], "exercises", 3, {"x": 1}])
def test_a_spoiled_or_missing_exercise_listing_means_every_file_is_parsed(
    root: Path, parsed: list[Path], listed: object
) -> None:
    store = MemoryStore()
    cold = load_presets(root, cache=store)
    if listed is None:
        del store.saved[EXERCISES_KEY]
    else:
        store.saved[EXERCISES_KEY] = listed
    parsed.clear()
    warm = load_presets(root, cache=store)
    assert len(parsed) == len(cold.exercises)
    assert warm.summaries == cold.summaries
    assert said(warm) == said(cold)


def test_an_exercise_broken_since_it_was_listed_says_so_when_asked_for(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    path = root / "exercises" / "test-rock.toml"
    write(path, GOOD_EXERCISE.replace('name = "Test rock"\n', ""))
    with pytest.raises(SchemaError) as raised:
        lib.exercises["test-rock"]
    assert raised.value.path == path
    assert raised.value.field == "name"
    # A routine that names it cannot start, and says why.
    with pytest.raises(LoadError) as started:
        SessionPlanner(lib).plan_now("rocking")
    assert (started.value.path, started.value.field) == (path, "name")


def test_an_exercise_given_another_id_since_it_was_listed_says_so(root: Path) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    path = root / "exercises" / "test-rock.toml"
    write(path, GOOD_EXERCISE.replace('id = "test-rock"', 'id = "test-roll"'))
    with pytest.raises(LoadError) as raised:
        lib.exercises["test-rock"]
    assert (raised.value.path, raised.value.field) == (path, "id")
    assert "'test-roll'" in str(raised.value) and "'test-rock'" in str(raised.value)


def test_a_session_runs_the_exercise_as_its_file_says_when_it_starts(root: Path) -> None:
    # Listed from the cache while the exercise suited sore knees; by the time the routine
    # starts, its file rules them out: the plan follows the file, never the cache.
    safe = GOOD_EXERCISE.replace('position = "all-fours"', 'position = "standing"')
    safe = safe.replace('avoid_if = ["knee-problems"]', "avoid_if = []")
    path = root / "exercises" / "test-rock.toml"
    write(path, safe)
    store = MemoryStore()
    cold = load_presets(root, cache=store)
    SessionPlanner(cold).card("rocking", KNEES)
    assert cold.kept is not None
    cold.kept.save()  # as the window does once its list is made
    lib = load_presets(root, cache=store)
    _, listed = SessionPlanner(lib).card("rocking", KNEES)
    assert [c.exercise_id for c in listed if c.exercise_id == "test-rock"] == []
    assert isinstance(lib.exercises, OnDemand)
    assert lib.exercises.parsed_count() == 0  # the card came from the cache
    write(path, GOOD_EXERCISE)
    plan = SessionPlanner(lib).plan_now("rocking", KNEES)
    assert "test-rock" not in [item.exercise_id for item in plan.routine.items]
    changed = [(c.exercise_id, c.condition) for c in plan.changes if c.exercise_id == "test-rock"]
    assert changed == [("test-rock", "knee-problems")]


def test_the_poses_are_part_of_what_an_exercise_entry_depends_on() -> None:
    from backcare_desktop.core.cues import CueDurations

    durations = CueDurations()
    assert environment_of(durations, "", {"a", "b"}) != environment_of(durations, "", {"a"})
    assert environment_of(durations, "", {"a", "b"}) == environment_of(durations, "", {"b", "a"})


def test_a_routine_read_while_its_exercise_breaks_has_that_exercise_s_problem(
    root: Path,
) -> None:
    from backcare_desktop.core import library as library_module
    from backcare_desktop.core.cues import CueDurations

    path = root / "exercises" / "test-rock.toml"
    broken = SchemaError(path, "name", "is missing")

    def make(exercise_id: str) -> Exercise:
        raise broken

    routine = root / "routines" / "rocking.toml"
    exercises = OnDemand(["test-rock", "knee-to-chest"], make)
    checked = library_module._check_routine_file(routine, exercises, True, CueDurations())
    assert checked.timeline is None
    assert checked.problems == [broken]
    assert checked.uses == ("test-rock", "knee-to-chest")


def test_summaries_in_another_language_are_compiled_from_its_exercises(root: Path) -> None:
    # German cues take longer to say than English ones: a card's length is the one the
    # German session has.
    from backcare_desktop.core.summaries import summary_of

    store = MemoryStore()
    for lib in (load_presets(root, "de", store), load_presets(root, "de", store)):
        for routine_id in lib.routines:
            routine = lib.routine(routine_id)
            assert lib.summary(routine_id) == summary_of(lib.compile(routine)), routine_id


def test_an_exercise_broken_since_it_was_listed_is_not_offered_to_choose_from(
    root: Path,
) -> None:
    store = MemoryStore()
    load_presets(root, cache=store)
    lib = load_presets(root, cache=store)
    write(root / "exercises" / "test-rock.toml", "format = 1\nid = ")
    usable = lib.usable_exercises()
    assert "test-rock" not in usable
    assert list(usable) == [i for i in lib.exercises if i != "test-rock"]


def test_a_hostile_exercise_listing_in_the_cache_file_means_parsing(
    tmp_path: Path, root: Path, parsed: list[Path]
) -> None:
    import json

    from backcare_desktop.storage.summary_cache import SummaryFile

    store = SummaryFile(tmp_path / "cache" / "summaries.json")
    cold = load_presets(root, cache=store)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    listed = data["entries"][EXERCISES_KEY]
    key = str(root / "exercises" / "test-rock.toml")
    listed[key] = {"digest": [[[[[["deep"]]]]]], "id": {"id": "test-rock"}}
    for n in range(20_000):  # far more entries than files, for files that do not exist
        listed[f"/nowhere/{n}.toml"] = {"digest": "0" * 32, "id": f"ghost-{n}"}
    store.path.write_text(json.dumps(data), encoding="utf-8")
    parsed.clear()
    warm = load_presets(root, cache=SummaryFile(store.path))
    assert mine(parsed) == ["test-rock.toml"]
    assert list(warm.exercises) == list(cold.exercises)
    assert said(warm) == said(cold)
    kept = json.loads(store.path.read_text(encoding="utf-8"))["entries"][EXERCISES_KEY]
    assert len(kept) == len(cold.exercises)  # only the files that are there
    assert kept[key]["id"] == "test-rock"


def test_the_cue_tables_are_known_to_the_bit() -> None:
    from backcare_desktop.core.cues import CueDurations
    from backcare_desktop.core.routine_index import table_digest

    table = {"Breathe in": 1.25, "Breathe out": 1.5}
    same = table_digest(CueDurations(dict(reversed(table.items()))))
    assert table_digest(CueDurations(table)) == same
    assert table_digest(CueDurations({**table, "Breathe out": 1.5000000001})) != same
    assert table_digest(CueDurations({"Breathe in": 1.25, "Breathe outward": 1.5})) != same
    assert table_digest(CueDurations({"Breathe in": 1.5, "Breathe out": 1.25})) != same
    assert environment_of(CueDurations(table), "") != environment_of(CueDurations(), "")
    # Texts that join the same way.
    split = table_digest(CueDurations({"Breathe": 1.0, "in\0Breathe out": 1.0}))
    assert split != table_digest(CueDurations({"Breathe\0in": 1.0, "Breathe out": 1.0}))
