"""The routine summaries kept between runs: one JSON file in the user cache folder.

Only a speed-up: deleting the file is always safe (the routine files are read again and
it is made anew). It is read as hostile input, through the same reading path as every
other file; anything wrong with it (missing, truncated, not JSON, another format or
environment, a folder that cannot be written) means the files are read instead, and
nothing is said: there is nothing for a person to do about a cache.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from backcare_desktop.core.errors import FormatError
from backcare_desktop.core.reading import read_text
from backcare_desktop.storage import paths

log = logging.getLogger(__name__)

CACHE_FORMAT = 1
# 500 routines take about 250 KB (so the 2000 a folder may hold, about 1 MB); a file far
# larger was not written by us.
MAX_CACHE_BYTES = 8 * 1024 * 1024


class SummaryFile:
    """A `SummaryStore` (core/routine_index.py) in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_data(cls, root: Path, language: str) -> SummaryFile:
        """The summaries of the data folder `root` in `language`, in the cache folder."""
        return cls(paths.summary_cache_path(paths.cache_dir(), root, language))

    def entries(self, environment: str) -> Mapping[str, object]:
        try:
            # The reading path checks the kind of file, its size and its encoding; the
            # structure is checked entry by entry as it is used (a walk over every value
            # first would cost more than the cache saves), and C's JSON parser stops at
            # its own depth limit.
            data = json.loads(read_text(self.path, limit=MAX_CACHE_BYTES))
        except (FormatError, OSError, ValueError, RecursionError) as e:
            if self.path.exists():
                log.info("routine summaries not used (%s): the files are read instead", e)
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != CACHE_FORMAT
            or data.get("environment") != environment
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        entries: dict[str, object] = data["entries"]
        return entries

    def replace(self, environment: str, entries: Mapping[str, object]) -> None:
        try:
            text = json.dumps(
                {"format": CACHE_FORMAT, "environment": environment, "entries": dict(entries)},
                ensure_ascii=False,
                separators=(",", ":"),
            )
        except (ValueError, TypeError, RecursionError) as e:  # kept from a spoiled file
            log.info("routine summaries not kept (%s): the next start reads the files", e)
            return
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_text(text, encoding="utf-8")
            # Renamed into place: a reader sees the old file or the new one, never half.
            partial.replace(self.path)
        except OSError as e:
            log.info("routine summaries not kept (%s): the next start reads the files", e)
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
