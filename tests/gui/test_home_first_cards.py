"""What keeps a long home list off the window's start: a screenful of cards goes into the
list before the page first paints, the rest right after, and the list is then what it
always was (every card, in order, with its text, tool tip and accessible text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from backcare_desktop.core.i18n import ENGLISH_TRANSLATOR
from backcare_desktop.ui.home import (
    FIRST_CARDS,
    MIN_CARD_HEIGHT,
    QUICK_ROUTINE_ID,
    CardTexts,
    HomePage,
    RoutineCard,
)
from tests.gui.test_home_list_cost import cards


def ids(page: HomePage) -> list[str]:
    return [page.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.list.count())]


def screenful(page: HomePage) -> int:
    screen = page.screen()
    assert screen is not None
    return max(FIRST_CARDS, screen.availableGeometry().height() // MIN_CARD_HEIGHT + 1)


def in_order(given: list[RoutineCard]) -> list[RoutineCard]:
    return sorted(given, key=lambda c: (c.routine_id != QUICK_ROUTINE_ID, c.user, c.title))


def test_a_screenful_goes_in_before_the_first_paint_and_the_rest_after(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    given = cards(1000)
    page.set_routines(given, [])
    first = screenful(page)
    assert first < 1000
    assert page.list.count() == first
    assert not page.all_cards_added()
    assert page.current_routine_id() == in_order(given)[0].routine_id
    page.resize(900, 600)
    page.show()
    qtbot.waitUntil(page.all_cards_added, timeout=5000)
    assert ids(page) == [c.routine_id for c in in_order(given)]
    texts = CardTexts(ENGLISH_TRANSLATOR)
    for row in (0, first - 1, first, 999):
        item: QListWidgetItem = page.list.item(row)
        card = in_order(given)[row]
        assert item.text() == texts.of(card)
        assert item.toolTip() == f"<p>{card.description}</p>"
        assert item.data(Qt.ItemDataRole.AccessibleTextRole) == texts.of(card).replace("\n", ". ")
    assert page.current_routine_id() == in_order(given)[0].routine_id


def test_a_short_list_goes_in_at_once(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(FIRST_CARDS), [])
    assert page.list.count() == FIRST_CARDS
    assert page.all_cards_added()


def test_a_routine_looked_up_before_the_paint_is_found(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(1000), [])  # never shown: nothing paints
    page.select_routine("own-0999")
    assert page.current_routine_id() == "own-0999"
    assert page.list.count() == 1000


def test_new_cards_before_the_paint_replace_the_old_rest(qtbot) -> None:
    page = HomePage()
    qtbot.addWidget(page)
    page.set_routines(cards(1000), [])
    fewer = cards(200)
    page.set_routines(fewer, [])
    page.show()
    qtbot.waitUntil(page.all_cards_added, timeout=5000)
    qtbot.wait(50)  # any other wait for the paint has run too
    assert ids(page) == [c.routine_id for c in in_order(fewer)]


def test_cards_sharing_their_facts_still_say_their_own_changes() -> None:
    texts = CardTexts(ENGLISH_TRANSLATOR)
    plain = RoutineCard("own-1", "One", "Gentle.", 82.0, 2, ("mat",), True)
    changed = plain._replace(routine_id="own-2", title="Two", changes=("a", "b"))
    other = plain._replace(routine_id="own-3", title="Three", seconds=600.0, user=False)
    facts = "1 min · 2 exercises · Needs a mat"
    assert texts.of(plain) == f"One  (yours)\nGentle.\n{facts}"
    assert texts.of(changed) == f"Two  (yours)\nGentle.\n{facts} · ✎ 2 changed for your back"
    assert texts.of(other) == "Three\nGentle.\n10 min · 2 exercises · Needs a mat"
