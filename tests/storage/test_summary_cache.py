"""The summary cache file is hostile input: whatever is wrong with it, the routine files
are read instead (never a traceback, never a wrong summary), and it is written anew."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop.core import library as library_module
from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.storage import paths
from backcare_desktop.storage.summary_cache import CACHE_FORMAT, SummaryFile
from tests.core.test_routine_index import ROUTINE, write


@pytest.fixture
def root(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    for n in range(2):
        text = ROUTINE.format(id=f"own-{n}", title=f"Own {n}", exercise="cat-stretch", reps=3)
        write(data / "routines" / f"own-{n}.toml", text)
    return data


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    seen: list[Path] = []
    real = library_module._check_routine_file

    def spy(path: Path, *args: object) -> object:
        seen.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(library_module, "_check_routine_file", spy)
    yield seen


def cached(tmp_path: Path) -> SummaryFile:
    return SummaryFile(tmp_path / "cache" / "summaries.json")


def test_the_file_keeps_the_summaries_between_runs(
    tmp_path: Path, root: Path, parses: list[Path]
) -> None:
    store = cached(tmp_path)
    first = load_presets(root, cache=store)
    assert store.path.is_file()
    parses.clear()
    second = load_presets(root, cache=SummaryFile(store.path))
    assert parses == []
    assert second.summaries == first.summaries


def _entries(data: dict[str, Any]) -> dict[str, Any]:
    entries: dict[str, Any] = data["entries"]
    return entries


def _folder(data: dict[str, Any]) -> dict[str, Any]:
    """The record of the person's routine folder."""
    records: dict[str, Any] = _entries(data)["routines"]
    return next(v for k, v in records.items() if k.endswith("routines"))


def _own(data: dict[str, Any]) -> list[Any]:
    """The row of own-0.toml: time, size, its exercises, id, title, description, ..."""
    found: list[Any] = _folder(data)["files"]["own-0.toml"]
    return found


def _set(index: int, value: object) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        _own(data)[index] = value

    return change


def _files(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return lambda data: change(_folder(data)["files"])


SPOILED: dict[str, Callable[[dict[str, Any]], None]] = {
    "mtime as text": _set(0, "1600000000000000000"),
    "size as a float": _set(1, 1.5),
    "exercises as a list": _set(2, [0]),
    "exercises as true": _set(2, True),
    "exercises not listed": _set(2, 7),
    "exercises counted from the end": _set(2, -1),
    "an id that cannot be one": _set(3, "../../etc"),
    "title as a number": _set(4, 1),
    "seconds as text": _set(6, "82"),
    "negative seconds": _set(6, -1),
    "endless seconds": _set(6, 1e400),
    "exercise count as true": _set(7, True),
    "needs as a string": _set(8, "a mat"),
    "a need as a number": _set(8, [1]),
    "a longer row": lambda data: _own(data).append("red"),
    "a row as long as a bad file's": lambda data: _own(data).__delitem__(slice(4, None)),
    "a shorter row": lambda data: _own(data).pop(),
    "row as an object": _files(lambda files: files.update({"own-0.toml": {}})),
    "row as text": _files(lambda files: files.update({"own-0.toml": "own-0"})),
}


def start_after_spoiling(
    tmp_path: Path, root: Path, parses: list[Path], spoil: Callable[[Any], object]
) -> tuple[SummaryFile, Any, Library]:
    """A start that filled the cache, `spoil` applied to the file, then the next start: the
    cache, the first start's summaries, and the next start's library (its parses in
    `parses`)."""
    store = cached(tmp_path)
    expected = load_presets(root, cache=store).summaries
    data = json.loads(store.path.read_text(encoding="utf-8"))
    spoil(data)
    store.path.write_text(json.dumps(data), encoding="utf-8")
    parses.clear()
    return store, expected, load_presets(root, cache=SummaryFile(store.path))


@pytest.mark.parametrize("spoil", list(SPOILED), ids=list(SPOILED))
def test_a_spoiled_entry_is_not_used_and_its_file_is_read(
    tmp_path: Path, root: Path, parses: list[Path], spoil: str
) -> None:
    store, expected, lib = start_after_spoiling(tmp_path, root, parses, SPOILED[spoil])
    assert [p.name for p in parses] == ["own-0.toml"]
    assert lib.summaries == expected
    rewritten = json.loads(store.path.read_text(encoding="utf-8"))
    assert _own(rewritten)[4] == "Own 0"


def _record(change: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    return lambda data: change(_folder(data))


SPOILED_FOLDER: dict[str, Callable[[dict[str, Any]], None]] = {
    "user as a number": _record(lambda r: r.update(user=1)),
    "user of the presets": _record(lambda r: r.update(user=False)),
    "another exercise digest": _record(lambda r: r["uses"][0].update({"cat-stretch": "0" * 32})),
    "exercises as an object": _record(lambda r: r.update(uses={})),
    "an exercise group as a list": _record(lambda r: r["uses"].__setitem__(0, [])),
    "files as a list": _record(lambda r: r.update(files=[])),
    "an unknown key": _record(lambda r: r.update(colour="red")),
    "no ids": _record(lambda r: r.pop("ids")),
    "record as a list": lambda data: _entries(data)["routines"].update(
        {k: [] for k in _entries(data)["routines"] if k.endswith("routines")}
    ),
    "routines as a list": lambda data: _entries(data).update(routines=[]),
}


@pytest.mark.parametrize("spoil", list(SPOILED_FOLDER), ids=list(SPOILED_FOLDER))
def test_a_spoiled_folder_record_means_its_files_are_read(
    tmp_path: Path, root: Path, parses: list[Path], spoil: str
) -> None:
    store, expected, lib = start_after_spoiling(tmp_path, root, parses, SPOILED_FOLDER[spoil])
    assert sorted(p.name for p in parses if p.parent.name == "routines") == [
        "own-0.toml",
        "own-1.toml",
    ]
    assert lib.summaries == expected
    parses.clear()
    load_presets(root, cache=SummaryFile(store.path))
    assert parses == []  # written anew


WHOLE_FILE: dict[str, Callable[[Path], None]] = {
    "not JSON": lambda p: p.write_bytes(b"\x00\xff garbage"),
    "truncated": lambda p: p.write_text(p.read_text(encoding="utf-8")[:200], encoding="utf-8"),
    "empty": lambda p: p.write_text("", encoding="utf-8"),
    "a list": lambda p: p.write_text("[]", encoding="utf-8"),
    "entries as a list": lambda p: p.write_text(
        json.dumps({"format": CACHE_FORMAT, "environment": "x", "entries": []}), encoding="utf-8"
    ),
    "another format": lambda p: p.write_text(
        p.read_text(encoding="utf-8").replace(f'"format":{CACHE_FORMAT}', '"format":99'),
        encoding="utf-8",
    ),
    "another environment": lambda p: p.write_text(
        p.read_text(encoding="utf-8").replace('"environment":"', '"environment":"x'),
        encoding="utf-8",
    ),
    "nested too deep": lambda p: p.write_text("[" * 50 + "]" * 50, encoding="utf-8"),
}


@pytest.mark.parametrize("spoil", list(WHOLE_FILE), ids=list(WHOLE_FILE))
def test_a_spoiled_file_is_ignored_and_written_anew(
    tmp_path: Path, root: Path, parses: list[Path], spoil: str
) -> None:
    store = cached(tmp_path)
    expected = load_presets(root, cache=store)
    WHOLE_FILE[spoil](store.path)
    parses.clear()
    lib = load_presets(root, cache=SummaryFile(store.path))
    assert sorted(p.name for p in parses if p.parent.name == "routines") == [
        "own-0.toml",
        "own-1.toml",
    ]
    assert lib.summaries == expected.summaries
    assert [str(p) for p in lib.problems] == [str(p) for p in expected.problems]
    parses.clear()
    load_presets(root, cache=SummaryFile(store.path))
    assert parses == []  # it was written anew


def test_a_folder_in_place_of_the_file_is_no_problem(
    tmp_path: Path, root: Path, parses: list[Path]
) -> None:
    store = cached(tmp_path)
    store.path.mkdir(parents=True)
    expected = load_presets(root).summaries
    assert load_presets(root, cache=store).summaries == expected
    assert load_presets(root, cache=store).summaries == expected
    assert store.path.is_dir()
    assert list(store.path.parent.iterdir()) == [store.path]  # no partial file left


def test_a_folder_that_cannot_be_written_is_no_problem(tmp_path: Path, root: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    store = SummaryFile(blocker / "summaries.json")
    assert load_presets(root, cache=store).summaries == load_presets(root).summaries
    assert blocker.read_text(encoding="utf-8").startswith("a file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through permissions")
def test_a_read_only_cache_folder_is_no_problem(tmp_path: Path, root: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        store = SummaryFile(folder / "summaries.json")
        assert load_presets(root, cache=store).summaries == load_presets(root).summaries
    finally:
        folder.chmod(0o700)


def test_the_cache_lives_in_the_user_cache_folder_one_file_per_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    one = SummaryFile.for_data(tmp_path / "one", "en").path
    assert one.parent == tmp_path / "xdg" / paths.APP_NAME
    assert one != SummaryFile.for_data(tmp_path / "two", "en").path
    assert one != SummaryFile.for_data(tmp_path / "one", "de").path
    assert one == SummaryFile.for_data(tmp_path / "one", "en").path


def test_the_file_keeps_the_cards_made_for_a_persons_conditions(
    tmp_path: Path, root: Path, parses: list[Path]
) -> None:
    store = cached(tmp_path)
    first = load_presets(root, cache=store)
    made = SessionPlanner(first).card("own-0", ["knee-problems"])
    assert first.kept is not None
    first.kept.save()
    parses.clear()
    again = load_presets(root, cache=SummaryFile(store.path))
    assert SessionPlanner(again).card("own-0", ["knee-problems"]) == made
    assert parses == []


def test_a_deeply_nested_adapted_card_is_no_problem(tmp_path: Path, root: Path) -> None:
    store = cached(tmp_path)
    load_presets(root, cache=store)
    data = json.loads(store.path.read_text(encoding="utf-8"))
    deep: object = []
    for _ in range(400):
        deep = [deep]
    _folder(data)["adapted"] = {"own-0.toml": {"x": deep}}
    store.path.write_text(json.dumps(data), encoding="utf-8")
    lib = load_presets(root, cache=SummaryFile(store.path))
    card = SessionPlanner(lib).card("own-0", ["knee-problems"])
    assert lib.kept is not None
    lib.kept.save()
    assert card == SessionPlanner(load_presets(root)).card("own-0", ["knee-problems"])
    assert "own-0" in load_presets(root, cache=SummaryFile(store.path)).summaries


def test_the_tests_keep_their_cache_to_themselves(private_cache: Path) -> None:
    assert paths.cache_dir().is_relative_to(private_cache)
