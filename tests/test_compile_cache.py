"""shiboken's support sources compiled once and reused at later starts (issue 18)."""

from __future__ import annotations
import __future__

import builtins
import json
import marshal
import os
import stat
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from backcare_desktop import compile_cache

SHIBOKENS = "shibokensupport/signature/example.py"


@pytest.fixture(autouse=True)
def bytecode_may_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    # PYTHONDONTWRITEBYTECODE in the developer's shell would keep every cache unwritten.
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def caller(future_flags: int) -> Callable[..., Any]:
    """A module's `compile(source, name, "exec")`, as shiboken's importer calls it, from
    code compiled with `future_flags` (compile() passes them on to what it compiles)."""
    module = compile(
        "def call(source, name):\n    return compile(source, name, 'exec')\n",
        "caller.py",
        "exec",
        flags=future_flags,
        dont_inherit=True,
    )
    namespace: dict[str, Any] = {}
    exec(module, namespace)
    return namespace["call"]  # type: ignore[no-any-return]


def compiled_here(source: str | bytes, filename: str = SHIBOKENS) -> Any:
    """Compiled from a caller without future imports (this test module has one)."""
    return caller(0)(source, filename)


def run(code: Any) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(code, namespace)
    return namespace


def test_a_second_start_reuses_what_the_first_compiled(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    with compile_cache.reusing_compiled(path) as first:
        code1 = compiled_here(b"answer = 6 * 7\n")
    with compile_cache.reusing_compiled(path) as second:
        code2 = compiled_here(b"answer = 6 * 7\n")
    assert (first.compiled, first.reused, first.saved) == ([SHIBOKENS], [], True)
    assert (second.compiled, second.reused, second.saved) == ([], [SHIBOKENS], False)
    assert run(code1)["answer"] == run(code2)["answer"] == 42


def test_a_changed_source_is_compiled_again_never_the_old_code(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    with compile_cache.reusing_compiled(path):
        compiled_here(b"version = 1\n")
    with compile_cache.reusing_compiled(path) as later:
        code = compiled_here(b"version = 2\n")
    assert later.compiled == [SHIBOKENS]
    assert run(code)["version"] == 2
    with compile_cache.reusing_compiled(path) as after:  # the new text is what is kept
        assert run(compiled_here(b"version = 2\n"))["version"] == 2
    assert after.reused == [SHIBOKENS]


def test_text_and_bytes_of_the_same_source_are_different_entries(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    with compile_cache.reusing_compiled(path):
        compiled_here(b"x = 1\n")
    with compile_cache.reusing_compiled(path) as later:
        compiled_here("x = 1\n")
    assert later.compiled == [SHIBOKENS]


ANNOTATED = b"def f(x: not_defined_anywhere) -> None:\n    pass\nnote = f.__annotations__\n"


def test_the_callers_future_flags_reach_the_compiler_and_the_cache_key(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    # shiboken's bootstrap module has `from __future__ import annotations`.
    call = caller(__future__.annotations.compiler_flag)
    with compile_cache.reusing_compiled(path):
        postponed = call(ANNOTATED, SHIBOKENS)
    assert run(postponed)["note"] == {"x": "not_defined_anywhere", "return": "None"}
    # The same text from a caller without the flag is not the same compile.
    with compile_cache.reusing_compiled(path) as plain:
        eager = compiled_here(ANNOTATED)
    assert plain.compiled == [SHIBOKENS]
    with pytest.raises(NameError):
        run(eager)


def test_only_shibokens_exec_compiles_are_cached(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    with compile_cache.reusing_compiled(path) as counts:
        mine = compile("y = 2\n", "backcare_desktop/anything.py", "exec")
        expression = compile("1 + 1", SHIBOKENS, "eval")
        optimised = compile("z = 3\n", SHIBOKENS, "exec", optimize=2)
        tree = compile("w = 4\n", SHIBOKENS, "exec", 0x400)  # ast.PyCF_ONLY_AST
    assert counts.compiled == counts.reused == []
    assert not path.exists()
    assert run(mine)["y"] == 2
    assert eval(expression) == 2
    assert run(optimised)["z"] == 3
    assert type(tree).__name__ == "Module"


def test_the_real_compile_is_back_after_the_block_even_when_it_fails(tmp_path: Path) -> None:
    real = builtins.compile
    with pytest.raises(RuntimeError), compile_cache.reusing_compiled(tmp_path / "c.bin"):
        assert builtins.compile is not real
        raise RuntimeError("import failed")
    assert builtins.compile is real


def test_nothing_is_written_when_python_is_told_not_to_write_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "code.bin"
    with compile_cache.reusing_compiled(path) as counts:
        compiled_here(b"a = 1\n")
    assert counts.compiled == [SHIBOKENS]
    assert (counts.saved, path.exists()) == (False, False)


def test_a_cache_folder_that_cannot_be_made_costs_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    with compile_cache.reusing_compiled(blocker / "code.bin") as counts:
        code = compiled_here(b"a = 5\n")
    assert counts.saved is False
    assert run(code)["a"] == 5
    assert [p.name for p in tmp_path.iterdir()] == ["not-a-folder"]


def test_the_file_is_named_for_the_interpreter(tmp_path: Path) -> None:
    name = compile_cache.cache_file(tmp_path).name
    assert name == f"shiboken-code-{sys.implementation.cache_tag}.bin"


def well_formed(path: Path) -> bytes:
    with compile_cache.reusing_compiled(path):
        compiled_here(b"kept = True\n")
    return path.read_bytes()


def with_body(header_and_crc: bytes, body: bytes) -> bytes:
    return header_and_crc[:-4] + zlib.crc32(body).to_bytes(4, "little") + body


def damaged_files(good: bytes) -> dict[str, bytes]:
    header_len = good.index(b"\n") + 1 + 4  # text line, then the bytecode magic
    head = good[: header_len + 4]
    code = compile("kept = True\n", SHIBOKENS, "exec")
    return {
        "empty": b"",
        "text": b"not a cache at all\n",
        "cut short": good[: len(good) // 2],
        "one byte flipped": good[:-10] + bytes([good[-10] ^ 0xFF]) + good[-9:],
        "another Python's magic": good[: header_len - 4] + b"\0\0\r\n" + good[header_len:],
        "header only": good[:header_len],
        "not marshal": with_body(head, b"\xff\xfe\xfd"),
        "a list": with_body(head, marshal.dumps([1, 2, 3])),
        "numbers for code": with_body(head, marshal.dumps({SHIBOKENS: (b"kept = True\n", 0, 5)})),
        "short tuple": with_body(head, marshal.dumps({SHIBOKENS: (b"kept = True\n", 0)})),
        "another file's code": with_body(
            head, marshal.dumps({SHIBOKENS: (b"kept = True\n", 0, compile("x=1", "other", "exec"))})
        ),
        "flags as text": with_body(head, marshal.dumps({SHIBOKENS: (b"kept = True\n", "0", code)})),
    }


@pytest.mark.parametrize("kind", sorted(damaged_files(b"BackCare\n0000" + b"0" * 40)))
def test_a_damaged_cache_is_compiled_around_and_replaced(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "code.bin"
    damaged = damaged_files(well_formed(path))[kind]
    path.write_bytes(damaged)
    with compile_cache.reusing_compiled(path) as counts:
        code = compiled_here(b"kept = True\n")
    assert (counts.compiled, counts.reused, counts.saved) == ([SHIBOKENS], [], True)
    assert run(code)["kept"] is True
    assert path.read_bytes() != damaged
    with compile_cache.reusing_compiled(path) as later:
        compiled_here(b"kept = True\n")
    assert later.reused == [SHIBOKENS]


def test_a_file_with_the_same_code_but_unsafe_permissions_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    well_formed(path)
    path.chmod(path.stat().st_mode | stat.S_IWOTH)
    with compile_cache.reusing_compiled(path) as counts:
        compiled_here(b"kept = True\n")
    assert counts.reused == []
    assert counts.compiled == [SHIBOKENS]


def test_a_folder_in_the_caches_place_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    path.mkdir()
    with compile_cache.reusing_compiled(path) as counts:
        code = compiled_here(b"kept = True\n")
    assert (counts.compiled, counts.reused, counts.saved) == ([SHIBOKENS], [], False)
    assert run(code)["kept"] is True


def test_a_pipe_in_the_caches_place_is_not_waited_on(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    os.mkfifo(path)  # a plain open() for reading would wait for a writer forever
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(compile_cache.read_entries(path)))
    reader.start()
    reader.join(timeout=5)
    stuck = reader.is_alive()
    if stuck:  # let the reader go before failing
        with path.open("wb"):
            pass
        reader.join()
    assert not stuck
    assert found == [{}]


def test_a_cache_far_larger_than_shibokens_sources_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    big_source = b"kept = True\n" + b"#" * (9 * 1024 * 1024) + b"\n"
    with compile_cache.reusing_compiled(path) as first:
        compiled_here(big_source)
    assert first.saved is True  # written: whoever made it, it is never read back
    with compile_cache.reusing_compiled(path) as later:
        compiled_here(big_source)
    assert (later.compiled, later.reused) == ([SHIBOKENS], [])


PROBE = """
import builtins, json
real = builtins.compile
reaching_the_compiler = []
def counting(source, filename, mode, *args, **kwargs):
    reaching_the_compiler.append(filename)
    return real(source, filename, mode, *args, **kwargs)
builtins.compile = counting
from backcare_desktop.cli import load_qt_side
load_qt_side()
from PySide6.QtCore import QObject
try:
    QObject().setObjectName(5)
except TypeError as error:
    message = str(error)
print(json.dumps({"compiled": reaching_the_compiler, "message": message}))
"""


def start(cache_home: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["XDG_CACHE_HOME"] = str(cache_home)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_the_windows_qt_side_compiles_shibokens_sources_once(tmp_path: Path) -> None:
    first = start(tmp_path)
    second = start(tmp_path)
    shibokens = [f for f in first["compiled"] if compile_cache.is_shibokens(f)]
    assert "signature_bootstrap.py" in shibokens
    assert len(shibokens) >= 10
    assert [f for f in second["compiled"] if compile_cache.is_shibokens(f)] == []
    # shiboken's signature code runs from the reused code as from its own.
    assert "Supported signatures" in second["message"]
    assert second["message"] == first["message"]
    assert compile_cache.cache_file(tmp_path / "BackCare").is_file()
