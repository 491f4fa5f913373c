"""What keeps the home list cheap: each card laid out once per width, only a batch of
cards before the first paint, and no routine read in full to list it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from backcare_desktop.core.library import Library, load_presets
from backcare_desktop.core.summaries import OnDemandRoutines
from backcare_desktop.storage.library_model import LibraryModel
from backcare_desktop.ui.card_delegate import KEPT_LAYOUTS, RoutineDelegate
from backcare_desktop.ui.home import LAYOUT_BATCH, HomePage, RoutineCard
from tests.core.test_routine_index import ROUTINE, MemoryStore, write


def cards(n: int) -> list[RoutineCard]:
    return [
        RoutineCard(
            f"own-{i:04d}",
            f"My routine {i}",
            "About a minute of real steps: reps, a hold with a countdown, sides.",
            82.0,
            2,
            ("mat",),
            True,
        )
        for i in range(n)
    ]


class FirstPaint(QObject):
    """How many cards were laid out when the list's first paint began."""

    def __init__(self, page: HomePage) -> None:
        super().__init__()
        self.page = page
        self.layouts_then: int | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.layouts_then is None
            and event.type() == QEvent.Type.Paint
            and watched is self.page.list.viewport()
        ):
            self.layouts_then = delegate(self.page).layouts_made
        return False


def delegate(page: HomePage) -> RoutineDelegate:
    found = page.list.itemDelegate()
    assert isinstance(found, RoutineDelegate)
    return found


def shown_page(qtbot, count: int) -> HomePage:
    """A home page of `count` cards on screen, each card laid out once."""
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(count), [])
    page.resize(900, 600)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: delegate(page).layouts_made == count, timeout=3000)
    return page


def test_each_card_is_laid_out_once_per_width(qtbot) -> None:
    page = shown_page(qtbot, 30)
    page.list.viewport().update()
    qtbot.wait(50)  # sized again and painted: the same layouts
    assert delegate(page).layouts_made == 30
    page.resize(700, 600)
    qtbot.waitUntil(lambda: delegate(page).layouts_made == 60, timeout=3000)
    qtbot.wait(50)
    assert delegate(page).layouts_made == 60


def test_selecting_a_card_lays_nothing_out(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(5), [])
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: delegate(page).layouts_made == 5, timeout=3000)
    page.list.setCurrentRow(3)
    qtbot.wait(50)
    assert delegate(page).layouts_made == 5


def test_a_thousand_cards_paint_after_one_batch_is_laid_out(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(1000), [])
    page.resize(900, 600)
    first = FirstPaint(page)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(first)
    try:
        page.show()
        qtbot.waitUntil(lambda: first.layouts_then is not None, timeout=3000)
    finally:
        app.removeEventFilter(first)
    assert first.layouts_then is not None
    assert first.layouts_then <= 2 * LAYOUT_BATCH
    qtbot.waitUntil(lambda: delegate(page).sized_count() == 1000, timeout=10000)
    made = delegate(page).layouts_made
    page.list.doItemsLayout()  # sized again (as a scroll bar showing up makes Qt do)
    qtbot.wait(300)
    assert delegate(page).layouts_made < made + KEPT_LAYOUTS
    # The layouts kept are a screenful's, not a thousand.
    assert len(delegate(page)._layouts) <= KEPT_LAYOUTS


def _listed(root: Path) -> Library:
    for n in range(20):
        text = ROUTINE.format(id=f"own-{n}", title=f"Own {n}", exercise="cat-stretch", reps=3)
        write(root / "routines" / f"own-{n}.toml", text)
    store = MemoryStore()
    load_presets(root, cache=store)
    return load_presets(root, cache=store)


@pytest.fixture
def listed(tmp_path: Path) -> Library:
    return _listed(tmp_path / "data")


def test_the_window_lists_routines_without_reading_them(
    qtbot, listed, settings_store, fake_clock
) -> None:
    from tests.gui.conftest import make_harness

    harness = make_harness(qtbot, listed, settings_store, fake_clock)
    window = harness.window
    qtbot.waitUntil(window.home.all_cards_added)  # a screenful first, the rest once painted
    assert window.home.list.count() == len(listed.routines)
    assert listed.routines.parsed_count() == 0
    own = next(
        window.home.list.item(i).text()
        for i in range(window.home.list.count())
        if window.home.list.item(i).text().startswith("Own 3")
    )
    assert "2 exercises" in own
    window.choose_routine("own-3")  # the check-in, then the session, from the full file
    assert listed.routines.parsed_count() == 1
    window.close()


def test_a_file_broken_since_it_was_listed_is_said_when_edited(
    qtbot, tmp_path, settings_store, fake_clock
) -> None:
    from tests.gui.conftest import make_harness

    root = tmp_path / "data"
    library = _listed(root)
    harness = make_harness(
        qtbot, library, settings_store, fake_clock, library_model=LibraryModel(library, root)
    )
    window = harness.window
    broken = write(root / "routines" / "own-4.toml", "format = 1\nid = 'own-4'\n")
    window.home.select_routine("own-4")
    window.routine_actions.edit_selected()
    box = qtbot.waitUntil(lambda: _problem_box(window) is not None) or _problem_box(window)
    assert box is not None
    assert str(broken) in box.text()
    assert window.pages.currentWidget() is window.home  # no editor on a broken file
    box.close()
    window.close()


def _problem_box(window: QWidget) -> QMessageBox | None:
    return window.findChild(QMessageBox, "problemBox")


def test_with_a_back_profile_the_second_start_reads_no_routine(qtbot, tmp_path, fake_clock) -> None:
    from backcare_desktop.storage.settings import Settings, SettingsStore
    from tests.gui.conftest import make_harness

    settings = SettingsStore(tmp_path / "settings.json")
    settings.save(
        Settings(health_note_acknowledged=True, profile_asked=True, profile_body=("knee-problems",))
    )
    root = tmp_path / "data"
    for n in range(5):
        text = ROUTINE.format(id=f"own-{n}", title=f"Own {n}", exercise="cat-stretch", reps=3)
        write(root / "routines" / f"own-{n}.toml", text)
    store = MemoryStore()
    first = make_harness(qtbot, load_presets(root, cache=store), settings, fake_clock).window
    shown = [first.home.list.item(i).text() for i in range(first.home.list.count())]
    first.close()
    library = load_presets(root, cache=store)
    window = make_harness(qtbot, library, settings, fake_clock).window
    assert [window.home.list.item(i).text() for i in range(window.home.list.count())] == shown
    assert isinstance(library.routines, OnDemandRoutines)
    assert library.routines.parsed_count() == 0
    assert any(text.startswith("Own 2") and "changed for your back" in text for text in shown)
    window.close()


def test_forgotten_layouts_are_made_again_for_the_cards_drawn_alike(qtbot) -> None:
    page = shown_page(qtbot, 5)
    before = page.list.viewport().grab().toImage()
    delegate(page).forget_layouts()
    assert delegate(page).kept_count() == 0
    assert delegate(page).sized_count() == 5  # sizing needs no layout again
    page.list.viewport().update()
    qtbot.waitUntil(lambda: delegate(page).layouts_made == 10, timeout=3000)
    assert page.list.viewport().grab().toImage() == before
    assert delegate(page).layouts_made == 10
