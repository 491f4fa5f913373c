"""How numbers and needs are said, the same in the window and on the command line."""

from __future__ import annotations

import pytest

from backcare_desktop.core import wording


@pytest.mark.parametrize(
    ("needs", "said"),
    [
        (("standing only",), "All standing, nothing to fetch"),
        (("counter", "standing only"), "All standing, needs a counter or desk"),
        (("mat", "cushion"), "Needs a mat, a small cushion"),
        ((), "Nothing to fetch"),
    ],
)
def test_standing_only_is_a_position_not_a_thing_to_fetch(needs, said):
    assert wording.needs_line(needs) == said


def test_equipment_never_lists_standing_only():
    assert wording.needs_text(("standing only",)) == "nothing but some space"


@pytest.mark.parametrize(("n", "said"), [(0, "0 sessions"), (1, "1 session"), (2, "2 sessions")])
def test_counts_agree_with_their_number(n, said):
    assert wording.count(n, "session") == said
