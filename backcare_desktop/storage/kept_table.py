"""A table the history's triggers keep up to date from the sessions (day_runs, totals)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping


def replace_kept_table(
    db: sqlite3.Connection, table: str, creates: Iterable[str], triggers: Mapping[str, str]
) -> None:
    """Drop `table` and its `triggers` (name -> CREATE TRIGGER) and make them again from
    `creates` (the table, then its indexes), inside the caller's transaction: the caller
    fills the new table."""
    for name in triggers:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute(f"DROP TABLE IF EXISTS {table}")
    for sql in creates:
        db.execute(sql)
    for sql in triggers.values():
        db.execute(sql)
