"""One write transaction on the history file: BEGIN IMMEDIATE ... COMMIT, or ROLLBACK."""

from __future__ import annotations

import sqlite3


class Transaction:
    """`with Transaction(db):` commits what the block did, or rolls it all back on any
    error (KeyboardInterrupt included) and lets the error go on."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> sqlite3.Connection:
        # IMMEDIATE takes the write lock up front, so a second BackCare process waits
        # (timeout) instead of failing half-way through.
        self._db.execute("BEGIN IMMEDIATE")
        return self._db

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        self._db.execute("COMMIT" if exc_type is None else "ROLLBACK")
