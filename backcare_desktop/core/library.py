"""Load and validate the exercise library and the routines (presets and a person's own)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from backcare_desktop import resources
from backcare_desktop.core.content_text import translate_exercise, translate_routine
from backcare_desktop.core.cues import CueDurations, load_cue_durations
from backcare_desktop.core.errors import (
    DoseError,
    FormatError,
    LoadError,
    SchemaError,
    UnknownReferenceError,
    UnknownRoutineError,
)
from backcare_desktop.core.exercise_index import EXERCISES_KEY, list_exercises
from backcare_desktop.core.i18n import (
    ENGLISH,
    ENGLISH_TRANSLATOR,
    Translator,
    Words,
    load_translator,
)
from backcare_desktop.core.model import (
    Exercise,
    Routine,
    RoutineItem,
)
from backcare_desktop.core.reading import load_toml, toml_files
from backcare_desktop.core.routine_index import (
    Checked,
    KeptSummaries,
    SummaryCache,
    SummaryStore,
    environment_of,
    language_context,
    referenced_exercises,
)
from backcare_desktop.core.routine_listing import list_routines
from backcare_desktop.core.schema import id_problem
from backcare_desktop.core.summaries import (
    OnDemand,
    RoutineSummary,
    summary_of,
    translated_routines,
)

if TYPE_CHECKING:
    # The compiler, the exercise and routine rules are imported where a file is read in
    # full: listing the exercises and routines from the cache (the window's start) reads
    # none of them.
    from backcare_desktop.core.routine_index import Card
    from backcare_desktop.core.schema import Table
    from backcare_desktop.core.timeline import Timeline

MAX_MINUTES = 120.0
MAX_ROUTINE_EXERCISES = 40  # the longest preset has 10; 120 minutes fits well under 40
# How far a routine's stated `minutes` may be from its compiled timeline.
MINUTES_TOLERANCE = 1.0
MINUTES_TOLERANCE_FRACTION = 0.15


@dataclass
class Library:
    # Loaded from files, each exercise is parsed from its file when first asked for.
    exercises: Mapping[str, Exercise] = field(default_factory=dict)
    # Loaded from files, each routine is read and checked in full when first asked for.
    routines: Mapping[str, Routine] = field(default_factory=dict)
    problems: list[LoadError] = field(default_factory=list)
    # The timelines compiled while checking each routine's length, kept so nothing
    # (home page, `backcare list`) compiles them again.
    timelines: dict[str, Timeline] = field(default_factory=dict)
    # How long each cue takes to say, for the compiler to fit cues to their steps.
    durations: CueDurations = field(default_factory=CueDurations)
    # The file each exercise came from (routines carry theirs in Routine.source).
    exercise_sources: dict[str, Path] = field(default_factory=dict)
    # The language the exercises, routines and compiled cues are in.
    translator: Translator = ENGLISH_TRANSLATOR
    # What the home list shows of each routine (from the summary cache when current).
    summaries: dict[str, RoutineSummary] = field(default_factory=dict)
    kept: KeptSummaries | None = None  # the cache, for what the planner adds to it

    def compile(self, routine: Routine) -> Timeline:
        """`routine` (e.g. at a new dose) compiled with this library's cue durations."""
        from backcare_desktop.core.timeline import compile_routine

        return compile_routine(routine, self.exercises, self.durations, self.translator)

    def in_language(self, tr: Translator, durations: CueDurations) -> Library:
        """This library (loaded and checked in English) with its text in `tr`'s language.

        `durations` is that language's cue table: the compiler fits its cues by it, so a
        German step may be longer than the English one. Timelines are compiled on demand.
        """
        if tr.language == self.translator.language:
            return self
        return Library(
            exercises=OnDemand(self.exercises, lambda i: translate_exercise(self.exercises[i], tr)),
            routines=translated_routines(self.routines, lambda r: translate_routine(r, tr)),
            problems=list(self.problems),
            durations=durations,
            exercise_sources=dict(self.exercise_sources),
            translator=tr,
        )

    def timeline(self, routine_id: str) -> Timeline:
        """The routine's timeline at its file's doses (UnknownRoutineError if none)."""
        routine = self.routine(routine_id)
        found = self.timelines.get(routine_id)
        if found is None or found.routine is not routine:
            found = self.timelines[routine_id] = self.compile(routine)
        return found

    def summary(self, routine_id: str) -> RoutineSummary:
        """What the home list shows of the routine (UnknownRoutineError if none)."""
        found = self.summaries.get(routine_id)
        if found is None:
            found = self.summaries[routine_id] = summary_of(self.timeline(routine_id))
        return found

    def own_card(self, routine_id: str) -> Card:
        """The routine's card as its file has it, nothing adapted: what a person without
        conditions is shown (the window asks for it without loading the planner)."""
        return self.summary(routine_id), ()

    def usable_exercises(self) -> dict[str, Exercise]:
        """Every exercise whose file parses now, to choose from. One broken since the
        library was listed is left out here; a routine that names it says why when it is
        started or saved, and the next start lists its problem."""
        found = {}
        for exercise_id in self.exercises:
            try:
                found[exercise_id] = self.exercises[exercise_id]
            except LoadError:
                continue
        return found

    def routine(self, routine_id: str) -> Routine:
        try:
            return self.routines[routine_id]
        except KeyError:
            from backcare_desktop.core.exercise_file import close_matches

            close = close_matches(routine_id, list(self.routines), n=3, cutoff=0.5)
            raise UnknownRoutineError(routine_id, close, sorted(self.routines)) from None


def parse_routine(
    path: Path,
    exercises: Mapping[str, Exercise],
    problems: list[LoadError],
    *,
    user: bool = False,
    durations: CueDurations | None = None,
    data: dict[str, Any] | None = None,
) -> Routine | None:
    """The routine in `path` (or `data`, as if read from it), checked against
    `exercises`, or None with the reasons."""
    loaded = _load_routine(path, exercises, problems, user=user, durations=durations, data=data)
    return loaded.routine if loaded is not None else None


def _load_routine(
    path: Path,
    exercises: Mapping[str, Exercise],
    problems: list[LoadError],
    *,
    user: bool,
    durations: CueDurations | None,
    data: dict[str, Any] | None = None,
) -> Timeline | None:
    """The routine in `path` compiled (its length has to be checked anyway), or None."""
    from backcare_desktop.core.exercise_file import read_table
    from backcare_desktop.core.schema import MAX_LINE_CHARS
    from backcare_desktop.core.schema_extras import check_audience, read_audience
    from backcare_desktop.core.wording import number

    before = len(problems)
    t = read_table(path, problems, data)
    if t is None:
        return None
    routine_id, title = t.ident("id"), t.text("title", limit=MAX_LINE_CHARS)
    description = t.text("description")
    minutes = t.number("minutes", 0.5, MAX_MINUTES)
    audience = read_audience(t)
    items = [_item(it, exercises) for it in t.tables("exercises", limit=MAX_ROUTINE_EXERCISES)]
    t.finish()
    if len(problems) > before or audience is None:
        return None
    routine = Routine(
        id=cast(str, routine_id),
        title=cast(str, title),
        description=cast(str, description),
        minutes=float(minutes),
        items=tuple(cast(list[RoutineItem], items)),
        source=str(path),
        user=user,
        audience=cast(Any, audience),
    )
    check_audience(t, routine, exercises)
    if len(problems) > before:
        return None
    from backcare_desktop.core.timeline import compile_routine

    timeline = compile_routine(routine, exercises, durations)
    actual = timeline.duration / 60
    if abs(actual - routine.minutes) > max(MINUTES_TOLERANCE, MINUTES_TOLERANCE_FRACTION * actual):
        t.problem(
            "minutes",
            Words(
                "says {minutes} min but the routine lasts {actual} min",
                minutes=number(routine.minutes),
                actual=format(actual, ".1f"),
            ),
            DoseError,
        )
        return None
    return timeline


def _item(t: Table, exercises: Mapping[str, Exercise]) -> RoutineItem | None:
    from backcare_desktop.core.exercise_file import (
        MAX_PHASE_SECONDS,
        MAX_REPS,
        MAX_SETS,
        close_matches,
    )

    exercise_id = t.ident("id")
    reps = t.number("reps", 1, MAX_REPS, None, whole=True)
    hold = t.number("hold_seconds", 0.5, MAX_PHASE_SECONDS, None)
    sets = t.number("sets", 1, MAX_SETS, None, whole=True)
    stage = t.number("stage", 0, 1, None, whole=True)
    t.finish()
    if exercise_id is None:
        return None
    if exercise_id not in exercises:
        close = close_matches(exercise_id, list(exercises), n=3, cutoff=0.5)
        problem = (
            Words(
                "no exercise called '{id}' (did you mean {ids}?)",
                id=exercise_id,
                ids=", ".join(close),
            )
            if close
            else Words("no exercise called '{id}'", id=exercise_id)
        )
        t.problem("id", problem, UnknownReferenceError)
        return None
    exercise = exercises[exercise_id]
    if reps is not None and exercise.parts[-1].sides == "alternating" and reps % 2:
        t.problem(
            "reps", Words("{n} alternating reps would leave one side short", n=reps), DoseError
        )
        return None
    if hold is not None and not any(
        ph.is_hold and ph.seconds is not None for p in exercise.parts for ph in p.phases
    ):
        t.problem("hold_seconds", Words("'{id}' has no timed hold to change", id=exercise_id))
        return None
    return RoutineItem(
        exercise_id=exercise_id,
        reps=reps,
        hold_seconds=None if hold is None else float(hold),
        sets=sets,
        stage=stage,
    )


def pose_ids_in(folder: Path) -> frozenset[str]:
    """The ids of the pose files in `folder` (their file names), without parsing them:
    enough to tell an exercise that names a pose which does not exist."""
    return frozenset(path.stem for path in toml_files(folder, []) if id_problem(path.stem) is None)


def load_library(
    exercise_dirs: Iterable[Path],
    routine_dirs: Iterable[Path],
    user_routine_dirs: Iterable[Path] = (),
    durations: CueDurations | None = None,
    *,
    pose_ids: Collection[str] | None = None,
    cache: SummaryCache | None = None,
    shown_in: tuple[Translator, CueDurations] | None = None,
) -> Library:
    """Every exercise and routine that loads; one bad file never stops the others.

    `pose_ids`, when given, are the poses an exercise may name. Routines are listed by
    their summaries (from `cache` when current; in `shown_in`'s language and cue table,
    when given) and each is read in full when first asked for.
    """
    lib = Library() if durations is None else Library(durations=durations)
    environment = ""
    known: Mapping[str, object] = {}
    if cache is not None:
        environment = environment_of(lib.durations, cache.context, pose_ids)
        known = cache.store.entries(environment)
    listing = list_exercises(exercise_dirs, lib.problems, pose_ids, known.get(EXERCISES_KEY))
    lib.exercises, lib.exercise_sources = listing.exercises, listing.sources
    folders = [(f, False) for f in routine_dirs] + [(f, True) for f in user_routine_dirs]
    lib.routines, lib.summaries, lib.kept = list_routines(
        folders,
        lambda path, user: _check_routine_file(path, lib.exercises, user, lib.durations),
        listing,
        lib.problems,
        lib.timelines,
        environment,
        cache.store if cache is not None else None,
        shown_in,
        known,
    )
    return lib


def _check_routine_file(
    path: Path, exercises: Mapping[str, Exercise], user: bool, durations: CueDurations
) -> Checked:
    problems: list[LoadError] = []
    try:
        data = load_toml(path)
    except FormatError as e:
        return Checked(None, [e], ())
    try:
        timeline = _load_routine(
            path, exercises, problems, user=user, durations=durations, data=data
        )
    except LoadError as e:
        # An exercise it names broke since the exercises were listed: that file's problem.
        return Checked(None, [*problems, e], referenced_exercises(data))
    return Checked(timeline, problems, referenced_exercises(data))


def load_presets(
    user_dir: Path | None = None, language: str = ENGLISH, cache: SummaryStore | None = None
) -> Library:
    """The shipped exercises and presets, plus a person's own files under `user_dir`.

    A person's exercises live in `user_dir/exercises`, their routines in
    `user_dir/routines`. Everything is checked in English, then given in `language`
    (a person's own files, having no catalogue entries, stay as written). `cache`, when
    given, keeps the routines' summaries between runs, so an unchanged file is not read.
    """
    exercise_dirs = [resources.exercises_dir()]
    user_routines: list[Path] = []
    if user_dir is not None:
        exercise_dirs.append(user_dir / "exercises")
        user_routines.append(user_dir / "routines")
    problems: list[LoadError] = []
    durations = load_cue_durations(resources.cue_durations_path(), problems)
    later: list[LoadError] = []  # about the language: said after the files' problems
    tr, shown_durations = ENGLISH_TRANSLATOR, durations
    if language != ENGLISH:
        try:
            tr = load_translator(resources.locale_dir(), language)
        except ValueError as e:
            later.append(FormatError(resources.locale_dir(), "", f"{e}; showing English"))
        else:
            shown_durations = load_cue_durations(resources.cue_durations_path(language), later)
    shown = tr.language != ENGLISH
    lib = load_library(
        exercise_dirs,
        [resources.sessions_dir()],
        user_routines,
        durations,
        pose_ids=pose_ids_in(resources.poses_dir()),
        cache=SummaryCache(cache, language_context(tr, shown_durations)) if cache else None,
        shown_in=(tr, shown_durations) if shown else None,
    )
    lib.problems[:0] = problems
    if not shown:
        lib.problems.extend(later)
        return lib
    translated = lib.in_language(tr, shown_durations)
    translated.summaries, translated.kept = lib.summaries, lib.kept  # in `tr`'s language
    translated.problems.extend(later)
    return translated


__all__ = ["Library", "SchemaError", "SummaryStore", "load_library", "load_presets"]
