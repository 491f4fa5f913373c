"""Reading a BackCare file's table (its format version first) and an exercise file.

Split from `library` (which reads routines and puts the library together): the rules here
decide what an exercise is, what its parts and phases may hold, and their limits.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from backcare_desktop.core.cue_text import has_side_field
from backcare_desktop.core.errors import DoseError, FormatError, LoadError, UnknownReferenceError
from backcare_desktop.core.i18n import Words
from backcare_desktop.core.model import (
    AVOID_TAGS,
    BODY_AREAS,
    BREATHS,
    DIRECTIONS,
    EQUIPMENT,
    POSITIONS,
    PURPOSES,
    SIDES,
    Exercise,
    Part,
    Phase,
)
from backcare_desktop.core.reading import load_toml
from backcare_desktop.core.schema import MAX_LINE_CHARS, Table
from backcare_desktop.core.schema_extras import read_form, read_tags

FORMAT_VERSION = 1
MAX_SHORT_CHARS = 40  # a phase's short cue fits under the figure
MAX_REPS = 50
MAX_SETS = 10
MAX_PHASE_SECONDS = 600.0
MAX_BREATHS = 20
MAX_REST_SECONDS = 300.0
MAX_PHASES = 12


def close_matches(word: str, known: list[str], n: int, cutoff: float) -> list[str]:
    """The "did you mean" ids: difflib is imported only when a name is not found."""
    import difflib

    return difflib.get_close_matches(word, known, n=n, cutoff=cutoff)


def read_table(
    path: Path, problems: list[LoadError], data: dict[str, Any] | None = None
) -> Table | None:
    """The file's table; `data`, when given, stands for the file's parsed contents (a
    routine being edited is checked by the same rules before it is written)."""
    if data is None:
        try:
            data = load_toml(path)
        except FormatError as e:
            problems.append(e)
            return None
    table = Table(data, path, "", problems)
    version = data.get("format", None)
    table.number("format", 1, 10**6, whole=True)
    if isinstance(version, int) and version > FORMAT_VERSION:
        problems.append(
            FormatError(
                path,
                "format",
                Words(
                    "is version {version}; this BackCare reads version {known}: update the app",
                    version=version,
                    known=FORMAT_VERSION,
                ),
            )
        )
        return None
    return table


def _pose(t: Table, key: str, pose_ids: Collection[str] | None) -> str | None:
    """A pose id that exists, when the poses are known (else only its spelling is checked)."""
    value = t.ident(key)
    if value is not None and pose_ids is not None and value not in pose_ids:
        close = close_matches(value, list(pose_ids), n=3, cutoff=0.6)
        problem = (
            Words(
                "no pose called '{id}' (did you mean {ids}?): the figure could not show it",
                id=value,
                ids=", ".join(close),
            )
            if close
            else Words("no pose called '{id}': the figure could not show it", id=value)
        )
        t.problem(key, problem, UnknownReferenceError)
        return None
    return value


def parse_exercise(
    path: Path,
    problems: list[LoadError],
    pose_ids: Collection[str] | None = None,
    *,
    data: dict[str, Any] | None = None,
) -> Exercise | None:
    """The exercise in `path` (or `data`, as read from it), or None with the reasons
    appended to `problems`.

    `pose_ids`, when given, are the poses that exist; naming any other is an error.
    """
    before = len(problems)
    t = read_table(path, problems, data)
    if t is None:
        return None
    values: dict[str, Any] = {
        "id": t.ident("id"),
        "name": t.text("name", limit=MAX_LINE_CHARS),
        "position": t.choice("position", POSITIONS),
        "equipment": t.text_list("equipment", allow_empty=True, choices=EQUIPMENT),
        "directions": t.text_list("directions", allow_empty=False, choices=DIRECTIONS),
        "good_for": t.text("good_for"),
        "sources": t.text_list("sources", allow_empty=False),
        "setup": t.text("setup"),
        "steps": t.text_list("steps", allow_empty=False),
        "cautions": t.text_list("cautions", allow_empty=True),
        "avoid_if": t.text_list("avoid_if", allow_empty=True, choices=AVOID_TAGS),
        "targets": (
            t.text_list("targets", allow_empty=True, choices=BODY_AREAS) if t.has("targets") else ()
        ),
        "purpose": t.choice("purpose", PURPOSES, None),
        "start_pose": _pose(t, "start_pose", pose_ids),
        "parts": tuple(p for p in (_part(pt, pose_ids) for pt in t.tables("parts")) if p),
    }
    t.finish()
    if len(problems) > before:
        return None
    return Exercise(**values)


def _part(t: Table, pose_ids: Collection[str] | None) -> Part | None:
    reps = t.number("reps", 1, MAX_REPS, whole=True)
    reps_range = t.range("reps_range", 1, MAX_REPS, whole=True)
    sets = t.number("sets", 1, MAX_SETS, 1, whole=True)
    sides = t.choice("sides", SIDES, "none")
    rest = t.number("rest_seconds", 0, MAX_REST_SECONDS, 0)
    phases = [_phase(pt, pose_ids) for pt in t.tables("phases", limit=MAX_PHASES)]
    name = t.text("name", "")
    t.finish()
    if reps is not None and reps_range and not reps_range[0] <= reps <= reps_range[1]:
        t.problem(
            "reps",
            Words("{n} is outside reps_range {range}", n=reps, range=list(reps_range)),
            DoseError,
        )
        return None
    if sides == "alternating" and reps is not None and reps % 2:
        t.problem(
            "reps",
            Words("{n} alternating reps would leave one side short: use an even number", n=reps),
            DoseError,
        )
        return None
    if sides == "none" and any(
        ph is not None and (has_side_field(ph.cue) or has_side_field(ph.short)) for ph in phases
    ):
        t.problem(
            "sides",
            Words("a cue says {field}, but the part has no sides: set `sides`", field="{side}"),
        )
        return None
    if None in (reps, sets, sides, rest) or not phases or None in phases:
        return None
    return Part(
        phases=tuple(cast(list[Phase], phases)),
        reps=reps,
        reps_range=reps_range,
        sets=sets,
        sides=cast(Any, sides),
        rest_seconds=float(rest),
        name=name or "",
    )


def _phase(t: Table, pose_ids: Collection[str] | None) -> Phase | None:
    breath = t.choice("breath", BREATHS)
    has_seconds, has_breaths = t.has("seconds"), t.has("breaths")
    seconds = t.number("seconds", 0.5, MAX_PHASE_SECONDS, None)
    breaths = t.number("breaths", 1, MAX_BREATHS, None, whole=True)
    seconds_range = t.range("seconds_range", 0.5, MAX_PHASE_SECONDS)
    pose, cue = _pose(t, "pose", pose_ids), t.text("cue")
    short = t.text("short", limit=MAX_SHORT_CHARS)
    spine, tags = t.choice("spine", DIRECTIONS, None), read_tags(t)
    forms = {key: read_form(t, key) for key in ("safer", "harder")}
    t.finish()
    if has_seconds == has_breaths:
        t.problem("seconds", Words("give exactly one of `seconds` or `breaths`"))
        return None
    if has_breaths and breath != "hold":
        t.problem("breaths", Words('only a hold (breath = "hold") can be paced by breaths'))
        return None
    if seconds_range and breath != "hold":
        t.problem("seconds_range", Words("only a hold has a range of seconds"))
        return None
    if (
        seconds is not None
        and seconds_range
        and not (seconds_range[0] <= seconds <= seconds_range[1])
    ):
        t.problem(
            "seconds",
            Words("{n} is outside seconds_range {range}", n=seconds, range=list(seconds_range)),
            DoseError,
        )
        return None
    if None in (breath, pose, cue, short, tags) or (seconds is None and breaths is None):
        return None
    if any(form is False for form in forms.values()):
        return None
    phase = Phase(
        breath=cast(Any, breath),
        pose=cast(str, pose),
        cue=cast(str, cue),
        short=cast(str, short),
        seconds=None if seconds is None else float(seconds),
        breaths=breaths,
        seconds_range=seconds_range,
        spine=cast(Any, spine),
        tags=cast(Any, tags),
    )
    # A phase's other forms keep its breath and time and change what the body does.
    safer, harder = (
        replace(phase, **form) if isinstance(form, dict) else None
        for form in (forms["safer"], forms["harder"])
    )
    return replace(phase, safer=safer, harder=harder)
