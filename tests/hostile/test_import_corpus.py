"""`backcare import` of every file in the hostile corpus: each is refused in words, and
the routines folder is left exactly as it was (the one good file is imported)."""

from __future__ import annotations

from pathlib import Path

from .test_corpus import GOOD, corpus_files, hostile, run

__all__ = ["hostile"]  # the fixture, used by name below


def _state(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()} if folder.exists() else {}


def test_import_of_each_hostile_file_fails_cleanly_and_leaves_the_folder(hostile, tmp_path):
    fresh = tmp_path / "fresh"
    (fresh / "routines").mkdir(parents=True)
    (fresh / "routines" / "kept.toml").write_bytes(b"# a file of the person's\n")
    before = _state(fresh / "routines")
    for path in corpus_files(hostile):
        code, out, err = run("--data-dir", str(fresh), "import", str(path))
        if path.name in GOOD:
            assert code == 0, (path.name, err)
            (fresh / "routines" / "utf8-bom.toml").unlink()
            continue
        assert code == 1, (path.name, out, err)
        assert str(path) in err, (path.name, err)
        assert "nothing was imported" in err
        assert "Traceback" not in err
        assert _state(fresh / "routines") == before, path.name


def test_import_of_the_whole_corpus_at_once_imports_nothing(hostile, tmp_path):
    fresh = tmp_path / "fresh"
    files = [str(p) for p in corpus_files(hostile)]
    code, _, err = run("--data-dir", str(fresh), "import", *files)
    assert code == 1
    assert "fifo.toml" in err
    assert "utf8-bom" not in _state(fresh / "routines")
    assert _state(fresh / "routines") == {}


def test_export_then_import_on_a_fresh_data_folder(tmp_path):
    sent = tmp_path / "desk.toml"
    code, out, _ = run("--data-dir", str(tmp_path / "a"), "export", "desk-break", str(sent))
    assert code == 0, out
    sent.write_text(sent.read_text().replace('id = "desk-break"', 'id = "my-desk"'))
    code, out, err = run("--data-dir", str(tmp_path / "b"), "import", str(sent))
    assert (code, err) == (0, "")
    assert (tmp_path / "b" / "routines" / "my-desk.toml").read_bytes() == sent.read_bytes()
    code, out, err = run("--data-dir", str(tmp_path / "b"), "import", str(sent))
    assert code == 1
    assert "--replace" in err
    code, out, _ = run("--data-dir", str(tmp_path / "b"), "import", "--replace", str(sent))
    assert out.startswith("replaced 'my-desk'")
    code, _, err = run("--data-dir", str(tmp_path / "b"), "export", "no-such", str(sent))
    assert code == 2
    assert "no-such" in err


def test_export_into_a_missing_folder_or_onto_a_folder_says_so(tmp_path):
    code, _, err = run(
        "--data-dir", str(tmp_path), "export", "desk-break", str(tmp_path / "no/x.toml")
    )
    assert code == 1
    assert f"{tmp_path / 'no'}: no such folder" in err
    assert not (tmp_path / "no").exists()
    code, out, _ = run("--data-dir", str(tmp_path), "export", "desk-break", str(tmp_path))
    assert code == 0
    assert (tmp_path / "desk-break.toml").is_file(), out
