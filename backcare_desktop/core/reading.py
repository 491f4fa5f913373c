"""The one reading path for every file a person (or anyone with access to their folders)
can put in front of the app: routines, exercises, poses, settings.json, the manifest.

Every check happens before the expensive work: the kind of file (a FIFO or a device would
block or never end), its size, its encoding, then the parser, then how deep it nests.
Each refusal is a FormatError naming the file, the line when there is one, and what to do.
"""

from __future__ import annotations

import codecs
import json
import operator
import os
import re
import stat
from pathlib import Path
from typing import Any

from backcare_desktop.core.errors import FormatError, LoadError
from backcare_desktop.core.i18n import Words

# The biggest shipped file is about 2 KB; 64 KB leaves room for long notes and stays far
# from anything that takes noticeable time to parse and validate.
MAX_FILE_BYTES = 64 * 1024
# A routine file nests 3 deep, an exercise 6 (parts, phases, a range): 8 is plenty, and
# far below what makes the parsers recurse out of stack.
MAX_DEPTH = 8

# A person keeps a handful of routines. Summaries are cached (storage/summary_cache.py), so
# even a thousand files cost little after the first start; a folder of many thousands (an
# unpacked archive, a mistake) would still make that first start parse them all.
MAX_FOLDER_FILES = 2000

_TOML_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_END = re.compile(r"\s*\(at end of document\)$")
# Checked longest first: a UTF-32 little-endian BOM starts with the UTF-16 one.
_FOREIGN_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_SAVE_AS_UTF8 = Words("save it as UTF-8 text (most editors offer this under Save As or Encoding)")


def toml_files(folder: Path, problems: list[LoadError]) -> list[Path]:
    """The `*.toml` names in `folder` (any kind: the reading path refuses what is not a
    regular file, and says so). A missing folder holds none; one that cannot be listed
    is reported, so a person's routines never vanish without a word."""
    return [folder / entry.name for entry in toml_entries(folder, problems)]


def toml_entries(folder: Path, problems: list[LoadError]) -> list[os.DirEntry[str]]:
    """The entries `toml_files` gives the paths of, by name: a thousand paths cost more
    to make than the entries (the routine index makes a path only for a file it reads)."""
    try:
        with os.scandir(folder) as entries:
            names = [e for e in entries if e.name.endswith(".toml")]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        problems.append(
            FormatError(folder, "", Words("is a file, not a folder: nothing in it is read"))
        )
        return []
    except OSError as e:
        problems.append(
            FormatError(
                folder,
                "",
                Words(
                    "cannot be read ({error}): the files in it are not loaded; "
                    "check the folder's permissions",
                    error=e.strerror or e,
                ),
            )
        )
        return []
    if len(names) > MAX_FOLDER_FILES:
        problems.append(
            FormatError(
                folder,
                "",
                Words(
                    "holds {n} .toml files; BackCare reads the first {limit} "
                    "(by name) and skips the rest: move the ones you do not use elsewhere",
                    n=len(names),
                    limit=MAX_FOLDER_FILES,
                ),
            )
        )
    names.sort(key=_BY_NAME)
    return names[:MAX_FOLDER_FILES]


_BY_NAME = operator.attrgetter("name")


def describe_kind(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Words("a folder")
    if stat.S_ISFIFO(mode):
        return Words("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return Words("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Words("a device")
    return Words("not a regular file")


def _size_text(size: int) -> str:
    if size >= 1024:
        return Words("{size} KB", size=format(size / 1024, ".0f"))
    return Words("{size} bytes", size=size)


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of `path`, a regular file of at most `limit` bytes, or a FormatError."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FormatError(path, "", Words("no such file")) from None
    except OSError as e:
        raise FormatError(path, "", _unreadable(e)) from None
    _check_kind_and_size(path, info, limit)
    # O_NONBLOCK: if the file was swapped for a FIFO after the stat, opening it still
    # returns at once, and the fstat below refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise FormatError(
            path,
            "",
            Words("cannot be read ({error}): check its permissions", error=e.strerror or e),
        ) from None
    try:
        _check_kind_and_size(path, os.fstat(fd), limit)
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew after the stat
                _too_big(path, total, limit)
        return b"".join(chunks)
    except OSError as e:
        raise FormatError(path, "", _unreadable(e)) from None
    finally:
        os.close(fd)


def _unreadable(e: OSError) -> Words:
    return Words("cannot be read ({error})", error=e.strerror or e)


def _check_kind_and_size(path: Path, info: os.stat_result, limit: int) -> None:
    kind = describe_kind(info.st_mode)
    if kind is not None:
        raise FormatError(
            path,
            "",
            Words("is {kind}, not a regular file: BackCare only reads regular files", kind=kind),
        )
    if info.st_size > limit:
        _too_big(path, info.st_size, limit)


def _too_big(path: Path, size: int, limit: int) -> None:
    raise FormatError(
        path,
        "",
        Words(
            "is {size}; BackCare reads files of up to {limit}: "
            "this cannot be a routine, exercise or settings file (move it out of the folder)",
            size=_size_text(size),
            limit=_size_text(limit),
        ),
    )


def decode_text(path: Path, data: bytes) -> str:
    """Strict UTF-8 (a UTF-8 byte order mark is allowed); anything else is refused."""
    for bom, name in _FOREIGN_BOMS:
        if data.startswith(bom):
            raise FormatError(
                path, "", Words("is {encoding} text: {advice}", encoding=name, advice=_SAVE_AS_UTF8)
            )
    data = data.removeprefix(codecs.BOM_UTF8)
    nul = data.find(b"\0")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise FormatError(
            path,
            Words("line {n}", n=line),
            Words(
                "holds a NUL byte, so it is not plain text (UTF-16, or a binary file?): {advice}",
                advice=_SAVE_AS_UTF8,
            ),
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise FormatError(
            path,
            Words("line {n}", n=line),
            Words(
                "is not UTF-8 text (byte 0x{byte} cannot start a character): {advice}",
                byte=format(data[e.start], "02x"),
                advice=_SAVE_AS_UTF8,
            ),
        ) from None


def read_text(path: Path, *, limit: int = MAX_FILE_BYTES) -> str:
    return decode_text(path, read_bytes(path, limit=limit))


def parse_toml(path: Path, text: str, *, depth: int = MAX_DEPTH) -> dict[str, Any]:
    """`text` (read from `path`) as TOML, nesting at most `depth` levels."""
    # Imported here: the commands that read no TOML (history, stats, schedule) and the
    # settings' JSON do not load it.
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        message = str(e)
        where = ""
        found = _TOML_WHERE.search(message)
        if found:
            where = Words("line {n}", n=found.group(1))
            message = message[: found.start()] + f" at column {found.group(2)}"
        elif _TOML_END.search(message):
            where = Words("end of file")
            message = _TOML_END.sub("", message)
        raise FormatError(
            path,
            where,
            Words("is not valid TOML ({message}): fix the file or move it away", message=message),
        ) from None
    except RecursionError:
        raise _too_deep(path, depth) from None
    check_depth(path, data, depth)
    return data


def parse_json(path: Path, text: str, *, depth: int = MAX_DEPTH) -> Any:
    """`text` (read from `path`) as JSON, nesting at most `depth` levels."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise FormatError(
            path,
            Words("line {n}", n=e.lineno),
            Words(
                "is not valid JSON ({message} at column {column})", message=e.msg, column=e.colno
            ),
        ) from None
    except RecursionError:
        raise _too_deep(path, depth) from None
    check_depth(path, data, depth)
    return data


def load_toml(path: Path, *, limit: int = MAX_FILE_BYTES, depth: int = MAX_DEPTH) -> dict[str, Any]:
    return parse_toml(path, read_text(path, limit=limit), depth=depth)


def load_json(path: Path, *, limit: int = MAX_FILE_BYTES, depth: int = MAX_DEPTH) -> Any:
    return parse_json(path, read_text(path, limit=limit), depth=depth)


def check_depth(path: Path, data: Any, limit: int) -> None:
    """Refuse data nesting lists/tables deeper than `limit` (walked without recursion)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if level > limit:
            raise _too_deep(path, limit)
        stack.extend((child, level + 1) for child in children)


def _too_deep(path: Path, limit: int) -> FormatError:
    return FormatError(
        path,
        "",
        Words(
            "nests lists or tables more than {limit} deep; no BackCare file does: "
            "fix the file or move it away",
            limit=limit,
        ),
    )
