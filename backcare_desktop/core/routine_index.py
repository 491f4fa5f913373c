"""The routine folders listed from a cache of summaries, each file read in full only when
the cache has nothing current for it.

The cache keeps one record per folder: a row per file (its modification time in
nanoseconds, its size, the exercises it names and its summary or problems). A row is
current when the file has the same time and size as when it was summarised, and
everything its summary depends on is the same: the content of each exercise it names (a
digest of its file's text), the set of exercise ids for a file that failed (its "did you
mean" hints name them), and, through `environment`, the app's version and code, the cue
tables and the language. Every file is looked at (stat) at every start: a file written in
place changes its own time, not its folder's. The cache is hostile input like any file:
a row that is not exactly what this module writes is ignored, and its file is read again.
"""

from __future__ import annotations

import json
import os
import time
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

from backcare_desktop import __version__, resources
from backcare_desktop.core.cues import CueDurations
from backcare_desktop.core.digest import text_digest
from backcare_desktop.core.errors import DuplicateIdError, LoadError
from backcare_desktop.core.i18n import Translator, Words
from backcare_desktop.core.reading import toml_entries
from backcare_desktop.core.routine_rows import FolderRows, NewRows
from backcare_desktop.core.summaries import RoutineSummary, changes_from_json, changes_to_json

if TYPE_CHECKING:
    # Compiling and adapting are imported where a routine file is read in full: listing
    # the routines from their summaries (the window's start) needs neither.
    from backcare_desktop.core.adaptation import RoutineChange
    from backcare_desktop.core.timeline import Timeline

SUMMARY_FORMAT = 3  # 2: exercises known by their file text's digest; 3: rows by folder
ROUTINES_KEY = "routines"  # the cache's entry for the routine folders
# A file changed twice within one tick of the file system's clock keeps its time; one
# written this recently is read but not cached (as git does for its index).
RACY_NS = 1_000_000_000


class SummaryStore(Protocol):
    """Where the entries live between runs (storage/summary_cache.py: a JSON file)."""

    def entries(self, environment: str) -> Mapping[str, object]:
        """The stored entries; none when they were made in another environment, or
        cannot be read."""
        ...

    def replace(self, environment: str, entries: Mapping[str, object]) -> None:
        """Keep `entries` (and nothing else) for the next run; failing quietly."""
        ...


@dataclass(frozen=True)
class SummaryCache:
    store: SummaryStore
    context: str = ""  # the language and anything it brings (catalogues, its cue table)


@dataclass(frozen=True)
class Checked:
    """One routine file read and checked in full."""

    timeline: Timeline | None
    problems: list[LoadError]
    uses: tuple[str, ...]  # the exercise ids the file names


@dataclass
class RoutineIndex:
    summaries: dict[str, RoutineSummary] = field(default_factory=dict)
    # id: (folder, file name, user); the path is made when the file is read.
    sources: dict[str, tuple[Path, str, bool]] = field(default_factory=dict)
    checked: list[Timeline] = field(default_factory=list)  # read in full while indexing
    kept: KeptSummaries | None = None

    def source(self, routine_id: str) -> tuple[Path, bool]:
        folder, name, user = self.sources[routine_id]
        return folder / name, user


Card: TypeAlias = "tuple[RoutineSummary, tuple[RoutineChange, ...]]"
MAX_ADAPTED = 4  # profiles kept per routine: a person changes theirs now and then


class KeptSummaries:
    """This run's cache entries, for what is worked out after loading (a routine as
    adapted to a person's conditions and last dose) and written back once."""

    def __init__(
        self,
        store: SummaryStore,
        environment: str,
        entries: dict[str, object],
        sources: Mapping[str, tuple[Path, str, bool]],
        exercises: str,
    ) -> None:
        self._store, self._environment = store, environment
        self._entries, self._sources = entries, sources  # sources: id -> (folder, name, user)
        self._exercises = exercises  # every exercise's content: stand-ins come from them all
        self._changed = False

    def key(self, conditions: Iterable[str], overrides: Mapping[str, object]) -> str:
        return digest(sorted(set(conditions)), sorted(overrides.items()), self._exercises)

    def _adapted(self, routine_id: str) -> dict[str, Any] | None:
        """The routine's adapted cards, by key, when its file's row is kept."""
        found = self._sources.get(routine_id)
        records = self._entries.get(ROUTINES_KEY)
        record = records.get(str(found[0])) if found and isinstance(records, dict) else None
        if found is None or not isinstance(record, dict):
            return None
        files = record.get("files")
        if not isinstance(files, dict) or found[1] not in files:
            return None  # not kept (written just now, or it could not be looked at)
        adapted = record.setdefault("adapted", {})
        if not isinstance(adapted, dict):
            adapted = record["adapted"] = {}
        cards = adapted.get(found[1])
        if not isinstance(cards, dict):
            cards = adapted[found[1]] = {}
        return cards

    def adapted(self, routine_id: str, key: str) -> Card | None:
        cards = self._adapted(routine_id)
        card = cards.get(key) if cards is not None else None
        if not isinstance(card, dict) or set(card) != {"summary", "changes"}:
            return None
        summary = RoutineSummary.from_json(card["summary"])
        changes = changes_from_json(card["changes"])
        if summary is None or changes is None or summary.id != routine_id:
            return None
        return summary, changes

    def remember(self, routine_id: str, key: str, card: Card) -> None:
        cards = self._adapted(routine_id)
        if cards is None:
            return
        cards.pop(key, None)
        cards[key] = {"summary": card[0].to_json(), "changes": changes_to_json(card[1])}
        while len(cards) > MAX_ADAPTED:
            cards.pop(next(iter(cards)))
        self._changed = True

    def save(self) -> None:
        if self._changed:
            self._store.replace(self._environment, self._entries)
            self._changed = False


def digest(*parts: object) -> str:
    text = json.dumps(parts, default=str, sort_keys=True)  # the same key for the same dose
    return text_digest(text)


def file_stamps(folder: Path, suffix: str = "") -> list[tuple[str, int, int]]:
    """The files in `folder` whose names end with `suffix`, as (name, modification time,
    size), by name; none if it cannot be read."""
    found = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(suffix):
                    try:
                        st = entry.stat()
                    except OSError:
                        continue
                    found.append((entry.name, st.st_mtime_ns, st.st_size))
    except OSError:
        return []
    return sorted(found)


def table_digest(durations: CueDurations) -> str:
    """The cue table's content, exactly (each length to the bit): writing its 1300 lengths
    out as decimal text cost about 2 ms of every start."""
    items = sorted(durations.seconds.items())
    texts = [text for text, _ in items]
    # Each text's length too: joined texts alone could be split in more than one way.
    sizes = array("q", map(len, texts)).tobytes().hex()
    lengths = array("d", [seconds for _, seconds in items]).tobytes().hex()
    return text_digest(f"{sizes}:{lengths}:" + "\0".join(texts))


def language_context(tr: Translator, durations: CueDurations) -> str:
    """What summaries in `tr`'s language depend on: its catalogues and its cue table."""
    catalogues = file_stamps(resources.locale_dir() / tr.language / "LC_MESSAGES")
    return digest(tr.language, catalogues, table_digest(durations))


def environment_of(
    durations: CueDurations, context: str, pose_ids: Collection[str] | None = None
) -> str:
    """What every summary depends on: the version, the core's code (summaries made by
    other code are not current, even before the version number moves), the English cue
    table that checks each routine's length, the poses an exercise may name, and the
    language's `context`."""
    code = file_stamps(Path(__file__).resolve().parent, ".py")
    poses = None if pose_ids is None else sorted(pose_ids)
    return digest(SUMMARY_FORMAT, __version__, code, table_digest(durations), poses, context)


class ExerciseDigests:
    """What each exercise's content is known by: the digest of its file's text."""

    def __init__(self, digests: Mapping[str, str]) -> None:
        self._digests = digests
        self._ids: str | None = None

    def of(self, exercise_id: str) -> str | None:
        return self._digests.get(exercise_id)

    def ids(self) -> str:
        if self._ids is None:
            self._ids = digest(sorted(self._digests))
        return self._ids

    def everything(self) -> str:
        return digest(sorted(self._digests.items()))


def referenced_exercises(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The exercise ids a routine file's table names, whatever else is wrong with it."""
    items = data.get("exercises")
    if not isinstance(items, list):
        return ()
    ids = (item.get("id") for item in items if isinstance(item, dict))
    return tuple(dict.fromkeys(i for i in ids if isinstance(i, str)))


def add_unique(
    found: dict[str, RoutineSummary],
    summary: RoutineSummary,
    folder: Path,
    name: str,
    problems: list[LoadError],
) -> None:
    if summary.id in found:
        problems.append(
            DuplicateIdError(
                folder / name,
                "id",
                Words(
                    "routine '{id}' is already defined by another file; this one is ignored",
                    id=summary.id,
                ),
            )
        )
    else:
        found[summary.id] = summary


def index_routines(
    folders: Iterable[tuple[Path, bool]],
    check: Callable[[Path, bool], Checked],
    summarise: Callable[[Timeline], RoutineSummary],
    exercise_digests: Mapping[str, str],
    problems: list[LoadError],
    *,
    cache: SummaryStore | None = None,
    environment: str = "",
    known: Mapping[str, object] | None = None,
    carried: Mapping[str, object] | None = None,
) -> RoutineIndex:
    """Every routine file in `folders` (each with whether it holds a person's own), as
    summaries; a file's problems go to `problems` in file order, as when all are read.

    `exercise_digests` gives each exercise id the digest of its file's text; `known`, the
    cache's entries when already read; `carried`, other entries to keep with this run's
    (the exercise files')."""
    if known is None:
        known = cache.entries(environment) if cache is not None else {}
    carried = dict(carried or {})
    digests = ExerciseDigests(exercise_digests)
    index = RoutineIndex()
    found_records = known.get(ROUTINES_KEY)
    old_records = found_records if isinstance(found_records, dict) else {}
    records: dict[str, object] = {}
    changed = set(known) != {*carried, ROUTINES_KEY} or any(
        known.get(key) != value for key, value in carried.items()
    )
    now = time.time_ns()
    summaries, sources = index.summaries, index.sources
    for folder, user in folders:
        folder_key = str(folder)
        old = FolderRows(old_records.get(folder_key), user, digests)
        rows = NewRows(old, digests)
        for entry in toml_entries(folder, problems):
            name = entry.name
            try:
                st = entry.stat()
            except OSError:
                st = None  # the full read says what is wrong with it
            found = None
            if st is not None:
                mtime_ns, size = st.st_mtime_ns, st.st_size
                found = old.current(name, mtime_ns, size, folder)
            if st is not None and found is not None:
                rows.reused(name, now - mtime_ns >= RACY_NS)
            else:
                path = folder / name
                checked = check(path, user)
                if checked.timeline is not None:
                    index.checked.append(checked.timeline)
                    found = summarise(checked.timeline)
                else:
                    found = checked.problems
                if st is not None and now - mtime_ns >= RACY_NS:
                    rows.read(name, (mtime_ns, size), checked.uses, found, path)
                else:
                    rows.changed = True
            if isinstance(found, RoutineSummary):
                if found.id in summaries:
                    add_unique(summaries, found, folder, name, problems)  # says it is taken
                else:
                    summaries[found.id] = found
                    sources[found.id] = (folder, name, user)
            else:
                problems.extend(found)
        records[folder_key] = rows.record(user)
        changed = changed or rows.is_changed()
    if cache is not None:
        kept: dict[str, object] = {**carried, ROUTINES_KEY: records}
        if changed or set(records) != set(old_records):
            cache.replace(environment, kept)
        index.kept = KeptSummaries(cache, environment, kept, index.sources, digests.everything())
    return index
