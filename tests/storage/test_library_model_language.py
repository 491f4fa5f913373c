"""After a save the library is read again in its own language, not in English."""

from __future__ import annotations

from pathlib import Path

from backcare_desktop.core.library import load_presets
from backcare_desktop.core.model import Routine, RoutineItem
from backcare_desktop.storage.library_model import LibraryModel


def test_a_saved_routine_leaves_the_library_in_german(tmp_path: Path) -> None:
    root = tmp_path / "data"
    model = LibraryModel(load_presets(root, "de"), root)
    seen = []
    model.subscribe(seen.append)
    model.save(Routine("mine", "Meins", "Kurz.", 0.0, (RoutineItem("cat-stretch"),)))
    assert model.library.translator.language == "de"
    assert model.library.routines["desk-break"].title == "Schreibtischpause (im Stehen)"
    assert "mine" in model.library.routines
    assert [library.translator.language for library in seen] == ["de"]
