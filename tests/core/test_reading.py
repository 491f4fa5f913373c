"""The one reading path: only regular files, a size cap, strict UTF-8, parse errors and
nesting limits as a FormatError naming the file and the line."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from backcare_desktop.core.errors import FormatError
from backcare_desktop.core.reading import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    load_json,
    load_toml,
    read_text,
    toml_files,
)

GOOD = 'format = 1\nid = "mine"\n'


def refused(path: Path, load=load_toml) -> FormatError:
    with pytest.raises(FormatError) as info:
        load(path)
    assert info.value.path == path
    return info.value


def test_a_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def read() -> None:
        try:
            load_toml(fifo)
        except BaseException as e:
            outcome.append(e)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    # A bound for a hang, not a timing: opening a FIFO for reading blocks forever.
    reader.join(10)
    if reader.is_alive():  # unblock the reader so the test run can end
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    (error,) = outcome
    assert isinstance(error, FormatError)
    assert "named pipe (FIFO)" in str(error)


@pytest.mark.parametrize(
    ("path", "kind"), [(Path("/dev/null"), "a device"), (Path("/"), "a folder")]
)
def test_devices_and_folders_are_refused(path: Path, kind: str):
    assert f"is {kind}, not a regular file" in str(refused(path))


def test_a_missing_file_says_so(tmp_path: Path):
    assert "no such file" in str(refused(tmp_path / "nope.toml"))


def test_the_size_cap_is_checked_before_reading_and_named(tmp_path: Path):
    big = tmp_path / "big.toml"
    big.write_text(GOOD + "#" * MAX_FILE_BYTES)
    error = refused(big)
    assert f"up to {MAX_FILE_BYTES // 1024} KB" in str(error)
    exact = tmp_path / "exact.toml"
    exact.write_text(GOOD + "#" * (MAX_FILE_BYTES - len(GOOD)))
    assert load_toml(exact)["id"] == "mine"


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.toml"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    assert load_toml(path) == {"format": 1, "id": "mine"}


@pytest.mark.parametrize(
    ("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32"), ("utf-16-be", None)]
)
def test_other_encodings_are_refused_with_what_to_do(tmp_path: Path, encoding, name):
    path = tmp_path / "wide.toml"
    data = GOOD.encode(encoding)
    if encoding == "utf-16-be":  # no byte order mark: the NUL bytes give it away
        name = "NUL byte"
    path.write_bytes(data)
    text = str(refused(path))
    assert name in text
    assert "save it as UTF-8" in text


def test_bytes_that_are_not_utf8_name_the_line(tmp_path: Path):
    path = tmp_path / "latin.toml"
    path.write_bytes(b'format = 1\ntitle = "caf\xe9"\n')
    error = refused(path)
    assert error.field == "line 2"
    assert "byte 0xe9" in error.problem


def test_a_toml_error_names_the_line(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('format = 1\n\nid = "x" "y"\n')
    error = refused(path)
    assert error.field == "line 3"
    assert "not valid TOML" in error.problem


@pytest.mark.parametrize(
    "document",
    [
        "x = " + "[" * 5000 + "]" * 5000,  # past Python's recursion limit
        "x = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # just past ours
        "x = " + "{a = " * 3000 + "1" + "}" * 3000,
        "x" + ".a" * 200 + " = 1",  # dotted keys nest without any bracket
        "[" + ".".join(["t"] * 50) + "]\nv = 1",
    ],
    ids=["arrays", "just-too-deep", "inline-tables", "dotted-keys", "table-header"],
)
def test_deep_nesting_is_refused(tmp_path: Path, document: str):
    path = tmp_path / "deep.toml"
    path.write_text(document)
    assert f"more than {MAX_DEPTH} deep" in str(refused(path))


def test_nesting_up_to_the_limit_is_read(tmp_path: Path):
    path = tmp_path / "ok.toml"
    depth = MAX_DEPTH - 1  # the top-level table is one level
    path.write_text("x = " + "[" * depth + "1" + "]" * depth)
    assert "x" in load_toml(path)


def test_json_errors_and_depth(tmp_path: Path):
    path = tmp_path / "s.json"
    path.write_text('{\n "a": 1,\n}')
    error = refused(path, load_json)
    assert error.field == "line 3"
    path.write_text("[" * 5000 + "]" * 5000)
    assert "deep" in str(refused(path, load_json))


def test_read_text_is_strict_utf8(tmp_path: Path):
    path = tmp_path / "t.txt"
    path.write_bytes("ünïcode\n".encode())
    assert read_text(path) == "ünïcode\n"


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path: Path, monkeypatch):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD)
    real = os.scandir

    def scandir(path):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    # As root every folder can be listed, so the refusal is simulated.
    monkeypatch.setattr(os, "scandir", scandir)
    problems: list = []
    assert toml_files(folder, problems) == []
    (problem,) = problems
    assert problem.path == folder
    assert "Permission denied" in problem.problem
    assert "not loaded" in problem.problem


def test_a_missing_folder_holds_nothing_and_a_file_is_not_a_folder(tmp_path: Path):
    problems: list = []
    assert toml_files(tmp_path / "none", problems) == []
    assert problems == []
    (tmp_path / "file").write_text("x")
    assert toml_files(tmp_path / "file", problems) == []
    assert "is a file, not a folder" in problems[0].problem


def test_a_folder_of_too_many_files_is_read_up_to_the_limit_and_said(tmp_path: Path):
    from backcare_desktop.core.reading import MAX_FOLDER_FILES

    for n in range(MAX_FOLDER_FILES + 3):
        (tmp_path / f"r{n:04d}.toml").write_text(GOOD)
    problems: list = []
    files = toml_files(tmp_path, problems)
    assert len(files) == MAX_FOLDER_FILES
    assert files[-1].name == f"r{MAX_FOLDER_FILES - 1:04d}.toml"
    (problem,) = problems
    assert f"holds {MAX_FOLDER_FILES + 3} .toml files" in problem.problem
