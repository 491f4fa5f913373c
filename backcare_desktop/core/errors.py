"""Typed errors of the core. Each names what a person needs to fix the problem."""

from __future__ import annotations

from pathlib import Path


class BackCareError(Exception):
    """Base of every error the app reports to a person in words instead of a traceback."""


class LoadError(BackCareError):
    """A routine or exercise file is wrong: which file, which field, what is wrong."""

    def __init__(self, path: Path | str, field: str, problem: str) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.field}" if self.field else str(self.path)
        return f"{where}: {self.problem}"


class FormatError(LoadError):
    """The file is not TOML, or declares a format version this app cannot read."""


class SchemaError(LoadError):
    """A field is missing, unknown, of the wrong type, or has a value outside its choices."""


class UnknownReferenceError(LoadError):
    """A file names an exercise or pose that does not exist."""


class DoseError(LoadError):
    """A dose (reps, seconds, sets, duration) is impossible or outside the allowed range."""


class DuplicateIdError(LoadError):
    """Two files declare the same id."""


class UnknownRoutineError(BackCareError):
    """A routine id that is not in the library, with the close matches."""

    def __init__(
        self, routine_id: str, suggestions: list[str], known: list[str] | None = None
    ) -> None:
        self.routine_id = routine_id
        self.suggestions = suggestions
        if suggestions:
            hint = f" Did you mean: {', '.join(suggestions)}?"
        elif known:
            hint = f" The routines are: {', '.join(known)} (`backcare list` describes them)."
        else:
            hint = ""
        # The id comes from the command line or a file: a megabyte of it helps nobody.
        shown = routine_id if len(routine_id) <= 64 else routine_id[:64] + "..."
        super().__init__(f"No routine called '{shown}'.{hint}")
