"""The routine editor through the window, by keyboard: make, dose, reorder, save, play."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from backcare_desktop.core.library import load_presets
from backcare_desktop.storage.library_model import LibraryModel

from .conftest import make_harness


@pytest.fixture
def editing(qtbot, tmp_path, settings_store, fake_clock):
    root = tmp_path / "data"
    library = load_presets(root)
    harness = make_harness(
        qtbot,
        library,
        settings_store,
        fake_clock,
        library_model=LibraryModel(library, root),
    )
    harness.root = root
    yield harness
    harness.window.close()


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, k, modifier)


def focused():
    return QApplication.focusWidget()


def test_new_routine_by_keyboard_saved_shown_on_home_and_played(qtbot, editing):
    window = editing.window
    key(qtbot, window.home.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut "animates" the click: it lands a moment later.
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.routine_actions.editor)
    editor = window.routine_actions.editor
    assert focused() is editor.title
    qtbot.keyClicks(editor.title, "Three for me")
    assert editor.routine_id.text() == "three-for-me"
    assert "Description: must not be empty" in editor.problems.text()
    key(qtbot, editor.title, Qt.Key.Key_Tab)
    key(qtbot, editor.routine_id, Qt.Key.Key_Tab)
    assert focused() is editor.description
    qtbot.keyClicks(editor.description, "Mine")
    key(qtbot, editor.title, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    picker = editor.picker.list
    assert focused() is picker
    for _ in range(3):
        key(qtbot, picker, Qt.Key.Key_Return)
        key(qtbot, picker, Qt.Key.Key_Down)
    first_three = editor.picker.shown_ids()[:3]
    assert [i.exercise_id for i in editor._items] == first_three

    # A dose pushed past its range is held at the range's end, and the range is shown.
    key(qtbot, picker, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert focused() is editor.list
    editor.list.setCurrentRow(0)
    spin = editor.doses.reps
    high = spin.maximum()
    for _ in range(high + 5):
        key(qtbot, spin, Qt.Key.Key_Up)
    assert editor._items[0].reps == high
    assert editor.doses.reps_range.text().endswith(f"to {high}")
    total_before = editor.total.text()
    key(qtbot, spin, Qt.Key.Key_Down)
    assert editor._items[0].reps == high - 1
    assert editor.total.text() != total_before

    # Alt+Down moves it to second place.
    editor.list.setFocus()
    key(qtbot, editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [i.exercise_id for i in editor._items] == [
        first_three[1],
        first_three[0],
        first_three[2],
    ]
    assert editor.list.currentRow() == 1

    assert editor.problems.isHidden(), editor.problems.text()
    key(qtbot, editor.list, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (editing.root / "routines" / "three-for-me.toml").is_file()
    assert window.pages.currentWidget() is window.home
    assert window.home.current_routine_id() == "three-for-me"
    assert window.library.routine("three-for-me").items[1].reps == high - 1

    key(qtbot, window.home.list, Qt.Key.Key_Return)
    if window.pages.currentWidget() is window.before:
        with qtbot.waitSignal(window.session_started, timeout=1000):
            key(qtbot, window.before, Qt.Key.Key_Escape)
    assert window.controller.engine.timeline.routine.id == "three-for-me"


def test_escape_asks_before_dropping_unsaved_changes(qtbot, editing):
    window = editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    qtbot.keyClicks(editor.title, "Half done")
    key(qtbot, editor.title, Qt.Key.Key_Escape)
    box = editor.findChild(QMessageBox, "unsavedBox")
    assert box is not None
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert window.pages.currentWidget() is editor
    key(qtbot, editor.title, Qt.Key.Key_Escape)
    editor._ask.button(QMessageBox.StandardButton.Discard).click()
    assert window.pages.currentWidget() is window.home
    assert not (editing.root / "routines").exists()


def test_problems_are_the_loaders_shown_in_words_as_you_type(qtbot, editing):
    window = editing.window
    window.home.select_routine("knee-friendly")
    window.routine_actions.edit_selected()
    editor = window.routine_actions.editor
    assert editor.routine_id.text() == "kind-to-your-knees-mine"
    assert editor.save_button.isEnabled()
    editor.add_exercise("childs-pose")  # kneeling: ruled out for knee problems
    assert "Child's pose" in editor.problems.text()
    assert "does not suit" in editor.problems.text()
    assert not editor.save_button.isEnabled()
    editor.remove_current()
    editor.title.clear()
    editor.refresh()
    assert editor.problems.text() == "• Title: must not be empty"
    editor.routine_id.setText("desk-break")
    editor.title.setText("Mine")
    editor.refresh()
    assert "already the id of the preset" in editor.problems.text()


def test_the_selected_exercise_moves_on_the_windows_ticker(qtbot, editing):
    window = editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    editor.add_exercise("cat-stretch")
    assert editing.ticker.is_active()
    scenes = set()
    for _ in range(20):
        editing.advance(0.5)
        scenes.add(repr(editor.figure.scene.joints))
    assert len(scenes) > 5
    editor.leave()
    editor._ask.button(QMessageBox.StandardButton.Discard).click()
    assert not editing.ticker.is_active()


def test_delete_then_undo_and_duplicate(qtbot, editing):
    window = editing.window
    actions = window.routine_actions
    window.home.select_routine("desk-break")
    actions.duplicate_selected()
    copy_id = window.home.current_routine_id()
    assert copy_id == "desk-break-standing-copy"
    assert window.library.routine(copy_id).user
    actions.delete_selected()
    assert copy_id not in window.library.routines
    assert actions.buttons["undo"].isVisibleTo(window)
    key(qtbot, window.home.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: copy_id in window.library.routines)
    window.home.select_routine("desk-break")
    actions.delete_selected()
    assert "desk-break" in window.library.routines


def test_export_and_import_from_the_window(qtbot, editing, tmp_path: Path):
    window = editing.window
    actions = window.routine_actions
    window.home.select_routine("desk-break")
    actions.export_selected(tmp_path / "sent.toml")
    text = (tmp_path / "sent.toml").read_text()
    (tmp_path / "sent.toml").write_text(text.replace('"desk-break"', '"from-anna"'))
    actions.import_files([tmp_path / "sent.toml"])
    assert window.home.current_routine_id() == "from-anna"
    (tmp_path / "sent.toml").write_text(
        (tmp_path / "sent.toml").read_text().replace("Desk break", "Anna's break")
    )
    actions.import_files([tmp_path / "sent.toml"])
    assert "Replace with the imported file?" in actions.replace_box.text()
    actions.replace_box.button(QMessageBox.StandardButton.Yes).click()
    assert window.library.routine("from-anna").title.startswith("Anna's break")
    (tmp_path / "bad.toml").write_text("format = 1\n")
    actions.import_files([tmp_path / "bad.toml"])
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "problemBox"]
    assert "bad.toml: id: is missing" in boxes[-1].text()


def test_a_drag_reorders_the_routine(qtbot, editing):
    from PySide6.QtCore import QModelIndex

    window = editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    for exercise_id in ("cat-stretch", "hip-hinge", "knee-roll"):
        editor.add_exercise(exercise_id)
    # What a drop does to the list's model: the first entry lands after the last.
    assert editor.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert [i.exercise_id for i in editor._items] == ["hip-hinge", "knee-roll", "cat-stretch"]
    assert editor.list.item(2).text() == "3. Cat stretch"


def test_each_dose_shows_its_value_and_range_and_a_fixed_one_says_so(qtbot, editing):
    window = editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    editor.add_exercise("shoulder-squeeze")
    doses = editor.doses
    assert (doses.reps.text(), doses.reps_range.text()) == ("2", "2 to 4")
    assert (doses.hold.text(), doses.hold_range.text()) == ("-", "fixed")
    assert not doses.hold.isEnabled()
    assert (doses.sets.text(), doses.sets_range.text()) == ("1", "1 to 3")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Morning, for Anna!", "morning-for-anna"),
        ("!!!", "my-routine"),
        ("a " * 40, "-".join(["a"] * 32)),
    ],
)
def test_an_id_made_from_a_title_is_always_a_valid_id(title, expected):
    from backcare_desktop.core.schema import id_problem
    from backcare_desktop.ui.editor_parts import id_from_title

    assert id_from_title(title) == expected
    assert id_problem(id_from_title(title)) is None


def test_escape_then_save_saves_and_leaves(qtbot, editing):
    window = editing.window
    window.routine_actions.new_routine()
    editor = window.routine_actions.editor
    qtbot.keyClicks(editor.title, "Quick one")
    editor.description.setPlainText("Two moves")
    editor.add_exercise("cat-stretch")
    key(qtbot, editor.title, Qt.Key.Key_Escape)
    editor._ask.button(QMessageBox.StandardButton.Save).click()
    assert window.pages.currentWidget() is window.home
    assert window.home.current_routine_id() == "quick-one"


def test_without_a_data_folder_the_routine_actions_are_not_offered(qtbot, harness):
    assert harness.window.routine_actions.bar.isHidden()
    assert not harness.window.library_model.editable


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_routine_buttons_let_the_window_narrow_to_a_side_panel(
    qtbot, tmp_path, settings_store, fake_clock, language
):
    root = tmp_path / "data"
    library = load_presets(root, language=None if language == "en" else language)
    harness = make_harness(
        qtbot, library, settings_store, fake_clock, library_model=LibraryModel(library, root)
    )
    window = harness.window
    assert window.minimumSizeHint().width() <= 420
    window.resize(420, 760)
    qtbot.waitUntil(lambda: window.width() == 420, timeout=2000)
    bar = window.routine_actions.bar
    shown = [b for b in window.routine_actions.buttons.values() if b.isVisibleTo(bar)]
    assert all(b.x() + b.width() <= bar.width() for b in shown)
    window.close()
