"""Whatever a person's files or the history hold is shown as written, never interpreted:
markup fed through every page (home, check-ins, player, summary, progress, message boxes)
must come out as the same characters."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from backcare_desktop import resources
from backcare_desktop.core.library import load_presets
from backcare_desktop.storage.history import HistoryStore

from .conftest import make_harness

# A heading, a link and an image that would open a local file if interpreted.
MARK = "<h1>Big</h1><a href='https://x.invalid'>go</a><img src=/etc/passwd>"
# What a problem message quotes of it (values are shortened there).
HEAD = "<h1>Big</h1>"


def _marked_library(root: Path):
    exercise = (resources.exercises_dir() / "cat-stretch.toml").read_text(encoding="utf-8")
    # Markup in the name, the first step, the first caution and the first cue, whatever
    # the shipped wording is today.
    exercise = exercise.replace('id = "cat-stretch"', 'id = "marked-cat"')
    exercise = re.sub(r'(?m)^name = ".*"$', f'name = "Cat {MARK}"', exercise, count=1)
    exercise = re.sub(r'(?m)^cue = ".*"$', f'cue = "Cue {MARK}"', exercise, count=1)
    for key, word in (("steps", "Step"), ("cautions", "Caution")):
        exercise = re.sub(
            rf'(?s)(^|\n){key} = \[\s*"[^"]*"',
            rf'\1{key} = [\n    "{word} {MARK}"',
            exercise,
            count=1,
        )
    assert exercise.count(MARK) == 4, exercise
    routine = (
        "format = 1\n"
        'id = "marked"\n'
        f'title = "Title {MARK}"\n'
        f'description = "Description {MARK}"\n'
        "minutes = 1.5\n"
        "[[exercises]]\n"
        'id = "marked-cat"\n'
    )
    (root / "exercises").mkdir(parents=True)
    (root / "routines").mkdir()
    (root / "exercises" / "marked-cat.toml").write_text(exercise, encoding="utf-8")
    (root / "routines" / "marked.toml").write_text(routine, encoding="utf-8")
    # A broken file whose problem quotes markup: the home page lists it.
    (root / "routines" / "broken.toml").write_text(
        routine.replace('"marked"', '"broken"').replace("minutes = 1.5", f'minutes = "{MARK}"'),
        encoding="utf-8",
    )
    library = load_presets(root)
    assert "marked" in library.routines, library.problems
    return library


def seen(label: QLabel) -> str:
    """The characters a person sees in `label`."""
    text = label.text()
    kind = label.textFormat()
    if kind == Qt.TextFormat.PlainText or (
        kind == Qt.TextFormat.AutoText and not Qt.mightBeRichText(text)
    ):
        return text
    doc = QTextDocument()
    doc.setHtml(text)
    return doc.toPlainText()


def check_labels(widget: QWidget) -> int:
    """Every label that was given the markup shows it as written; returns how many."""
    checked = 0
    for label in widget.findChildren(QLabel):
        text = label.text()
        if HEAD in text or escape(HEAD) in text:
            assert HEAD in seen(label), (label.objectName(), text)
            checked += 1
    return checked


@pytest.fixture
def marked(qtbot, tmp_path, settings_store, fake_clock):
    library = _marked_library(tmp_path / "data")
    history = HistoryStore(tmp_path / "history.sqlite3")
    harness = make_harness(qtbot, library, settings_store, fake_clock, history=history)
    yield harness
    harness.window.close()
    history.close()


def test_markup_in_a_persons_files_is_shown_as_written_on_every_page(qtbot, marked):
    window = marked.window
    # Home: the card (drawn from plain-text layouts by the delegate), its tool tip, the
    # problems list.
    home = window.home
    item = next(
        home.list.item(i)
        for i in range(home.list.count())
        if home.list.item(i).data(Qt.ItemDataRole.UserRole) == "marked"
    )
    option = QStyleOptionViewItem()
    option.widget = home.list
    card = home.list.itemDelegate().layout_for(option, item.text())
    assert f"Title {MARK}" in card.plain_text()
    tip = QTextDocument()
    tip.setHtml(item.toolTip())
    assert f"Description {MARK}" in tip.toPlainText()
    assert check_labels(home) >= 1  # the problems label

    window.choose_routine("marked")
    assert check_labels(window.before) >= 1  # "Before “Title ...”"
    with qtbot.waitSignal(window.session_started, timeout=1000):
        qtbot.keyClick(window.before, Qt.Key.Key_S)
    marked.advance(0.5)
    # Exercise name, the get-ready facts with the caution, the steps, the cue caption.
    assert check_labels(window.player) >= 3
    timeline = window.controller.engine.timeline
    marked.advance_to(timeline.steps[1].start + 0.1)
    assert check_labels(window.player) >= 3

    with qtbot.waitSignal(window.session_finished, timeout=2000):
        marked.advance(timeline.duration, frame=0.5)
    assert check_labels(window.summary) >= 1
    assert check_labels(window.after) >= 1

    window.show_problem("A problem", f"Quoting {MARK}")
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "problemBox"]
    assert boxes
    assert boxes[-1].textFormat() == Qt.TextFormat.PlainText


def test_markup_in_the_history_is_shown_as_written_on_the_progress_page(qtbot, marked):
    window = marked.window
    history = window.history
    session = history.start_session("marked", f"Title {MARK}", 1)
    # One exercise done: Progress lists only sessions where something was done.
    history.record_exercise(session, 0, "marked", "completed", 30.0)
    history.finish_session(session, "completed")
    window.show_progress()
    (table,) = window.progress.findChildren(QTableView)
    model = table.model()
    titles = [str(model.index(r, 1).data()) for r in range(model.rowCount())]
    assert f"Title {MARK}" in titles
    # Item views draw DisplayRole text as plain text, with no delegate of ours between.
    assert type(table.itemDelegate()) is QStyledItemDelegate
    assert check_labels(window.progress) == 0  # and no label shows a title at all


def test_markup_in_a_persons_files_is_shown_as_written_in_the_editor(qtbot, marked):
    window = marked.window
    editor = window.routine_actions.editor
    window.pages.setCurrentWidget(editor)
    editor.open(window.library.routine("marked"))
    assert editor.title.text() == f"Title {MARK}"
    assert editor.list.item(0).text().endswith(f"Cat {MARK}")
    editor.list.setCurrentRow(0)
    assert check_labels(editor) >= 1  # the dose panel names the exercise
    editor.routine_id.setText(HEAD)  # the loader's problem quotes the id
    editor.refresh()
    assert HEAD in seen(editor.problems)
    assert check_labels(editor) >= 2
