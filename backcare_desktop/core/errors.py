"""Typed errors of the core. Each names what a person needs to fix the problem."""

from __future__ import annotations

from pathlib import Path

from backcare_desktop.core.i18n import Translator, Words


class BackCareError(Exception):
    """Base of every error the app reports to a person in words instead of a traceback."""

    def said_by(self, tr: Translator) -> str:
        """The message in `tr`'s language (English where it was not made of `Words`)."""
        message = self.args[0] if len(self.args) == 1 else None
        return tr._(message) if isinstance(message, Words) else str(self)


def error_text(error: BaseException, tr: Translator) -> str:
    """What to tell a person about `error`, in their language where BackCare wrote it."""
    return error.said_by(tr) if isinstance(error, BackCareError) else str(error)


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

    def said_by(self, tr: Translator) -> str:
        field = tr._(self.field)  # a field is a key of the file, or a line ("line 3")
        where = f"{self.path}: {field}" if field else str(self.path)
        return f"{where}: {tr._(self.problem)}"


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
        # The id comes from the command line or a file: a megabyte of it helps nobody.
        shown = routine_id if len(routine_id) <= 64 else routine_id[:64] + "..."
        if suggestions:
            message = Words(
                "No routine called '{id}'. Did you mean: {ids}?",
                id=shown,
                ids=", ".join(suggestions),
            )
        elif known:
            message = Words(
                "No routine called '{id}'. The routines are: {ids} "
                "(`backcare list` describes them).",
                id=shown,
                ids=", ".join(known),
            )
        else:
            message = Words("No routine called '{id}'.", id=shown)
        super().__init__(message)
