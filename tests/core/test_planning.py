"""The session plan against a real history file: the dose to carry on from, and offers."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backcare_desktop.core.library import Library
from backcare_desktop.core.planning import SessionPlanner
from backcare_desktop.core.timeline import compile_routine
from tests.storage.fakes import WallClock, opened, record_session, tiny_library

BERLIN = ZoneInfo("Europe/Berlin")
DOSE_A = {"cat": {"reps": 7.0}}
DOSE_B = {"cat": {"reps": 8.0}}


@pytest.fixture
def library() -> Library:
    routine, exercises = tiny_library()
    return Library(exercises=dict(exercises), routines={routine.id: routine})


@pytest.fixture
def clock() -> WallClock:
    return WallClock(datetime(2025, 3, 10, 7, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path, clock: WallClock):
    with opened(tmp_path / "history.sqlite3", clock, BERLIN) as store:
        yield store


def session(store, clock, **kw) -> int:
    clock.advance(hours=1)
    return record_session(store, routine="tiny", title="Tiny routine", **kw)


def test_without_history_the_routine_runs_as_written_and_nothing_is_asked(library):
    proposal = SessionPlanner(library, None).propose("tiny")
    assert (proposal.offer, proposal.ask_first, proposal.overrides) == (None, False, {})
    plan = SessionPlanner(library, None).plan(proposal)
    assert plan.timeline is library.timeline("tiny")  # compiled once, reused


def test_the_dose_carries_on_from_the_latest_session_that_did_something(library, store, clock):
    session(store, clock, overrides=DOSE_A)
    session(store, clock, overrides=DOSE_B)
    session(store, clock, overrides={"cat": {"reps": 6.0}}, done=0)  # stopped before starting
    proposal = SessionPlanner(library, store).propose("tiny")
    assert proposal.overrides == DOSE_B
    cat = next(i for i in proposal.routine.items if i.exercise_id == "cat")
    assert cat.reps == 8
    plan = SessionPlanner(library, store).plan(proposal)
    reps = {s.reps for s in plan.timeline.steps if s.exercise_id == "cat" and s.reps}
    assert reps == {8}


def test_two_equal_ratings_at_todays_dose_bring_an_offer(library, store, clock):
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    proposal = SessionPlanner(library, store).propose("tiny")
    assert proposal.ask_first
    assert proposal.offer is not None
    assert proposal.offer.direction == "harder"
    assert proposal.offer.overrides["cat"]["reps"] == 8


def test_a_rating_given_at_another_dose_does_not_count(library, store, clock):
    session(store, clock, overrides=DOSE_B, rating="too-easy")
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    session(store, clock, overrides=DOSE_A, rating="about-right")
    session(store, clock, overrides=DOSE_B, rating="too-easy")
    # Newest first: too-easy at B, then A's sessions: only one rating at today's dose.
    assert SessionPlanner(library, store).propose("tiny").offer is None


def test_unrated_sessions_at_the_same_dose_neither_count_nor_break_the_run(library, store, clock):
    session(store, clock, overrides=DOSE_A, rating="too-hard")
    session(store, clock, overrides=DOSE_A)
    session(store, clock, overrides=DOSE_A, rating="too-hard")
    offer = SessionPlanner(library, store).propose("tiny").offer
    assert offer is not None and offer.direction == "easier"


def test_accepting_runs_the_offered_dose_and_declining_the_usual(library, store, clock):
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    planner = SessionPlanner(library, store)
    proposal = planner.propose("tiny")
    assert proposal.offer is not None
    taken = planner.plan(proposal, accept_offer=True, pain_before=4)
    kept = planner.plan(proposal, accept_offer=False)
    assert taken.overrides == proposal.offer.overrides
    assert taken.pain_before == 4
    assert kept.overrides == DOSE_A
    assert taken.timeline.duration > kept.timeline.duration


def test_with_check_ins_off_there_is_no_question_and_no_offer(library, store, clock):
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    session(store, clock, overrides=DOSE_A, rating="too-easy")
    proposal = SessionPlanner(library, store).propose("tiny", check_in=False)
    assert (proposal.ask_first, proposal.offer) == (False, None)
    assert proposal.overrides == DOSE_A  # the dose still carries on


def test_plan_now_goes_straight_in_at_the_last_dose(library, store, clock):
    session(store, clock, overrides=DOSE_B, rating="too-easy")
    session(store, clock, overrides=DOSE_B, rating="too-easy")
    plan = SessionPlanner(library, store).plan_now("tiny")
    assert plan.overrides == DOSE_B
    assert plan.pain_before is None


def test_a_damaged_stored_dose_is_ignored_not_raised(library, store, clock):
    session(store, clock, overrides={"cat": {"reps": "many", "hold_seconds": float("nan")}})
    session(store, clock, overrides={"cat": ["not", "a", "table"], "child": {"reps": True}})
    proposal = SessionPlanner(library, store).propose("tiny")
    assert proposal.overrides == {}
    routine, exercises = tiny_library()
    plan = SessionPlanner(library, store).plan(proposal)
    assert plan.timeline.duration == compile_routine(routine, exercises).duration
