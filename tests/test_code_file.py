"""How backcare_desktop.code_file reads a cache file: once, into one buffer of its size."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from backcare_desktop import code_file

HEADER = b"test cache 1\n"
MEGABYTE = 1024 * 1024


def test_a_cache_is_read_into_one_buffer_of_its_size_and_not_copied(tmp_path: Path):
    # A buffer as large as the limit (8 MB for shiboken's cache), or copies of the file's
    # body for its checksum and for marshal, are fresh memory the start pays page faults
    # for; at its peak the reading holds the file once and what it decoded (1 MB each).
    path = tmp_path / "cache.bin"
    assert code_file.write_value(path, HEADER, {"code": b"x" * MEGABYTE})
    tracemalloc.start()
    try:
        value = code_file.read_value(path, HEADER, 8 * MEGABYTE)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert value == {"code": b"x" * MEGABYTE}
    assert peak < 2.5 * MEGABYTE


def test_a_file_larger_than_the_limit_is_not_read_whole(tmp_path: Path):
    path = tmp_path / "cache.bin"
    assert code_file.write_value(path, HEADER, {"code": b"x" * MEGABYTE})
    assert code_file.read_value(path, HEADER, MEGABYTE // 2) is None
    assert code_file.read_value(path, HEADER, 2 * MEGABYTE) == {"code": b"x" * MEGABYTE}
