"""One write transaction: all of the block or none of it, and the error goes on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backcare_desktop.storage.transaction import Transaction


def database(tmp_path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    db.execute("CREATE TABLE t (x INTEGER)")
    return db


def rows(db: sqlite3.Connection) -> list[int]:
    return [row[0] for row in db.execute("SELECT x FROM t ORDER BY x")]


def test_the_block_is_committed(tmp_path):
    db = database(tmp_path)
    with Transaction(db) as inside:
        inside.execute("INSERT INTO t VALUES (1)")
        inside.execute("INSERT INTO t VALUES (2)")
    assert db.in_transaction is False
    assert rows(db) == [1, 2]


@pytest.mark.parametrize("error", [sqlite3.IntegrityError, KeyboardInterrupt])
def test_any_error_rolls_the_whole_block_back_and_goes_on(tmp_path, error):
    db = database(tmp_path)
    with pytest.raises(error), Transaction(db):
        db.execute("INSERT INTO t VALUES (1)")
        raise error("half-way")
    assert db.in_transaction is False
    assert rows(db) == []
