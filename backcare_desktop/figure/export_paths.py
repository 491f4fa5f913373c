"""The names `backcare illustrations` may write or delete, and the check that each stays
inside the export folder: a pose id, a planted manifest or a symbolic link must never
lead a write or a delete anywhere else."""

from __future__ import annotations

import re
from pathlib import Path

from backcare_desktop.core.errors import BackCareError
from backcare_desktop.core.schema import ID_PATTERN

MANIFEST = "manifest.json"
CONTACT_SHEET = "contact-sheet.png"
# Every name export ever writes; a manifest entry that is not one of them is never
# deleted, whatever the file says.
_ID = ID_PATTERN.pattern
EXPORTED_NAME = re.compile(
    rf"(?:{_ID}/(?:[0-9]{{1,3}}-{_ID}\.(?:svg|png)|strip\.png)|{re.escape(CONTACT_SHEET)})"
)


class UnsafePathError(BackCareError):
    """A name that would put a file outside the export folder; nothing is written."""


def inside(out_dir: Path, name: str) -> Path:
    """`out_dir / name`, checked to stay inside `out_dir` (symbolic links included)."""
    path = out_dir / name
    root = out_dir.resolve()
    if (
        not EXPORTED_NAME.fullmatch(name) and name != MANIFEST
    ) or not path.resolve().is_relative_to(root):
        raise UnsafePathError(
            f"refusing to write or delete {path}: it is not a name BackCare exports, or it leads "
            f"outside {out_dir}"
        )
    return path
