"""The safety rules: each preset against the rules of its audience, and the rules themselves.

A health app must never give an exercise that a person's condition rules out without
saying so. These read the shipped files through the real loader and the real rules.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from backcare_desktop import resources
from backcare_desktop.core.errors import LoadError
from backcare_desktop.core.library import Library, load_library, parse_routine
from backcare_desktop.core.model import AVOID_TAGS, CONDITIONS, Exercise, Part, Phase
from backcare_desktop.core.safety import (
    RULES,
    adapt,
    conflicts,
    exercise_conflicts,
    phase_conflicts,
    ruled_out_by_rules,
)

AUDIENCES = {
    "bending-forward-pain": ("pain-bending-forward",),
    "standing-tall-pain": ("pain-leaning-back",),
    "pregnancy-friendly": ("pregnancy",),
    "knee-friendly": ("knee-problems",),
}
RULED_CONDITIONS = [c for c in AVOID_TAGS if c in RULES]


def phases_of(exercise: Exercise) -> list[Phase]:
    return [ph for part in exercise.parts for ph in part.phases]


def plain_exercise(position: str = "standing", **phase_fields: object) -> Exercise:
    phase = Phase(breath="exhale", pose="p", cue="Move", short="Go", seconds=4, **phase_fields)  # type: ignore[arg-type]
    return Exercise(
        id="x",
        name="X",
        position=position,  # type: ignore[arg-type]
        equipment=(),
        directions=("neutral",),
        good_for="t",
        sources=("Back Stretch",),
        setup="t",
        steps=("t",),
        cautions=("t",),
        avoid_if=(),
        start_pose="p",
        parts=(Part(phases=(phase,), reps=2),),
    )


# --- every preset passes the rules of its audience ---------------------------------------


def test_each_audience_preset_says_who_it_is_for(presets: Library) -> None:
    for routine_id, audience in AUDIENCES.items():
        assert presets.routine(routine_id).audience == audience, routine_id


@pytest.mark.parametrize("routine_id", sorted(AUDIENCES))
def test_no_phase_of_the_preset_conflicts_with_its_audience(
    presets: Library, routine_id: str
) -> None:
    timeline = presets.timeline(routine_id)
    found = [
        (span.exercise.id, phase.cue, reason)
        for span in timeline.spans
        for phase in phases_of(span.exercise)
        for condition in timeline.routine.audience
        for reason in phase_conflicts(span.exercise, phase, condition)
    ]
    assert found == []


def test_every_shipped_phase_says_what_the_spine_does(presets: Library) -> None:
    missing = [
        (ex.id, form.cue)
        for ex in presets.exercises.values()
        for ph in phases_of(ex)
        for form in (ph, ph.safer, ph.harder)
        if form is not None and form.spine is None
    ]
    assert missing == []


@pytest.mark.parametrize("condition", RULED_CONDITIONS)
def test_avoid_if_lists_exactly_what_the_rules_rule_out(presets: Library, condition: str) -> None:
    # What the player shows ("skip this one with ...") and what the rules find agree.
    for ex in presets.exercises.values():
        assert (condition in ex.avoid_if) == ruled_out_by_rules(ex, condition), ex.id  # type: ignore[arg-type]


# --- what the issue found, each now a rule the data is checked by ------------------------


def test_bending_forward_pain_gets_the_cat_without_rounding(presets: Library) -> None:
    cat = presets.exercises["cat-stretch"]
    assert phase_conflicts(cat, cat.parts[0].phases[0], "pain-bending-forward")
    adapted, changes = adapt(cat, ("pain-bending-forward",))
    assert [ph.spine for ph in phases_of(adapted)] == ["neutral", "extension"]
    assert len(changes) == 1
    assert "rounds the lower back" in changes[0].reason


def test_bending_forward_pain_rules_out_the_hip_hinge(presets: Library) -> None:
    [conflict] = exercise_conflicts(presets.exercises["hip-hinge"], "pain-bending-forward")
    assert "forward from the hips" in conflict.reason
    ids = [i.exercise_id for i in presets.routine("bending-forward-pain").items]
    assert "hip-hinge" not in ids


def test_leaning_back_pain_keeps_only_the_flattening_half_of_the_pelvic_tilt(
    presets: Library,
) -> None:
    tilt = next(
        s.exercise
        for s in presets.timeline("standing-tall-pain").spans
        if s.exercise.id == "pelvic-tilt"
    )
    assert [ph.spine for ph in phases_of(tilt)] == ["flexion", "neutral"]
    assert [ph.pose for ph in phases_of(tilt)] == ["pelvic-flat", "pelvic-neutral"]


def test_pregnancy_leaves_out_the_brisk_lunges_and_says_why(presets: Library) -> None:
    lunge = presets.exercises["lunge-stretch"]
    adapted, changes = adapt(lunge, ("pregnancy",))
    assert [p.name for p in adapted.parts] == ["held lunge stretch"]
    assert [c.change for c in changes] == ["leaves out the brisk alternating lunges"]
    assert "one-sided" in changes[0].reason
    span = next(
        s for s in presets.timeline("pregnancy-friendly").spans if s.exercise.id == "lunge-stretch"
    )
    assert len(span.exercise.parts) == 1


def test_pregnancy_keeps_the_cats_tummy_level(presets: Library) -> None:
    span = next(
        s for s in presets.timeline("pregnancy-friendly").spans if s.exercise.id == "cat-stretch"
    )
    assert [ph.pose for ph in phases_of(span.exercise)] == ["cat-round", "all-fours"]
    assert not any("deep-belly-sink" in ph.tags for ph in phases_of(span.exercise))


def test_pregnancy_routine_mentions_the_support_belt(presets: Library) -> None:
    assert "support belt" in presets.routine("pregnancy-friendly").description


def test_bottom_to_heel_is_the_same_deep_knee_bend_as_childs_pose(presets: Library) -> None:
    for exercise_id in ("bottom-to-heel", "childs-pose"):
        ex = presets.exercises[exercise_id]
        assert "knee-problems" in ex.avoid_if, exercise_id
        assert any("deep-knee-bend" in ph.tags for ph in phases_of(ex)), exercise_id


def test_knee_friendly_has_no_kneeling_at_all(presets: Library) -> None:
    spans = presets.timeline("knee-friendly").spans
    assert {s.exercise.position for s in spans} <= {"standing", "lying-on-back", "seated"}
    hug = next(s.exercise for s in spans if s.exercise.id == "knee-to-chest")
    assert all("deep-knee-bend" not in ph.tags for ph in phases_of(hug))
    assert "behind the thigh" in phases_of(hug)[0].cue


def test_stiff_lower_back_stretches_hips_and_legs_first(presets: Library) -> None:
    items = presets.routine("stiff-lower-back").items
    first_two = {i.exercise_id for i in items[:2]}
    assert first_two == {"counter-stretch", "lunge-stretch"}
    assert items[2].exercise_id == "cat-stretch"


def test_morning_loosener_is_about_three_minutes_on_your_feet(presets: Library) -> None:
    timeline = presets.timeline("morning-loosener")
    assert 2.5 * 60 <= timeline.duration <= 3.5 * 60
    assert "standing only" in timeline.needs()


# --- the rule functions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("condition", "position", "fields"),
    [
        ("pain-bending-forward", "standing", {"spine": "flexion"}),
        ("pain-bending-forward", "standing", {"tags": ("forward-bend",)}),
        ("pain-bending-forward", "seated", {}),
        ("pain-leaning-back", "standing", {"spine": "extension"}),
        ("pregnancy", "lying-on-back", {}),
        ("pregnancy", "lying-on-front", {}),
        ("pregnancy", "standing", {"tags": ("fast-one-sided",)}),
        ("pregnancy", "standing", {"tags": ("balance-hard",)}),
        ("pregnancy", "all-fours", {"tags": ("deep-belly-sink",)}),
        ("pregnancy", "kneeling", {"tags": ("belly-pressed",)}),
        ("knee-problems", "kneeling", {}),
        ("knee-problems", "all-fours", {}),
        ("knee-problems", "standing", {"tags": ("deep-knee-bend",)}),
    ],
)
def test_each_rule_rules_its_feature_out(
    condition: str, position: str, fields: dict[str, object]
) -> None:
    ex = plain_exercise(position, **{"spine": "neutral", **fields})
    [reason] = phase_conflicts(ex, ex.parts[0].phases[0], condition)  # type: ignore[arg-type]
    assert reason in RULES[condition].values()  # type: ignore[index]


def test_a_plain_standing_neutral_phase_suits_everyone() -> None:
    ex = plain_exercise(spine="neutral")
    for condition in CONDITIONS:
        assert phase_conflicts(ex, ex.parts[0].phases[0], condition) == (), condition  # type: ignore[arg-type]
        assert exercise_conflicts(ex, condition) == (), condition  # type: ignore[arg-type]


def test_without_a_spine_the_exercises_directions_count() -> None:
    ex = replace(plain_exercise(), directions=("flexion",))
    assert phase_conflicts(ex, ex.parts[0].phases[0], "pain-bending-forward")


def test_a_phase_without_a_safer_form_leaves_the_exercise_ruled_out() -> None:
    ex = plain_exercise(spine="extension")
    adapted, changes = adapt(ex, ("pain-leaning-back",))
    assert adapted is ex
    assert changes == ()
    [conflict] = exercise_conflicts(ex, "pain-leaning-back")
    assert conflict.cue == "Move"


def test_avoid_if_without_a_rule_is_still_a_conflict() -> None:
    ex = replace(plain_exercise(spine="neutral"), avoid_if=("wrist-problems",))
    [conflict] = exercise_conflicts(ex, "wrist-problems")
    assert "wrist problems" in conflict.reason


def test_a_routine_for_an_audience_refuses_what_it_rules_out(tmp_path: Path) -> None:
    library = load_library([resources.exercises_dir()], [])
    path = tmp_path / "mine.toml"
    path.write_text(
        'format = 1\nid = "mine"\ntitle = "Mine"\ndescription = "d"\nminutes = 2\n'
        'for = "pain-bending-forward"\n\n[[exercises]]\nid = "hip-hinge"\n',
        encoding="utf-8",
    )
    problems: list[LoadError] = []
    assert parse_routine(path, library.exercises, problems) is None
    [problem] = problems
    assert "mine.toml" in str(problem)
    assert "exercises[0].id" in str(problem)
    assert "hip-hinge" in str(problem)


def test_an_unknown_audience_is_named(tmp_path: Path) -> None:
    library = load_library([resources.exercises_dir()], [])
    path = tmp_path / "mine.toml"
    path.write_text(
        'format = 1\nid = "mine"\ntitle = "Mine"\ndescription = "d"\nminutes = 2\n'
        'for = ["pregnant"]\n\n[[exercises]]\nid = "hip-hinge"\n',
        encoding="utf-8",
    )
    problems: list[LoadError] = []
    assert parse_routine(path, library.exercises, problems) is None
    assert any("for[0]" in str(p) and "'pregnant' is not one of" in str(p) for p in problems)


def test_nothing_a_condition_rules_out_is_left_unreported(presets: Library) -> None:
    # For every exercise and every pair of conditions (a person may have both): what the
    # adapted exercise still asks that they rule out is reported, never passed silently.
    for ex in presets.exercises.values():
        for first in CONDITIONS:
            for second in CONDITIONS:
                wanted = (first, second)
                adapted, _ = adapt(ex, wanted)  # type: ignore[arg-type]
                left = {
                    c
                    for c in wanted
                    for ph in phases_of(adapted)
                    if phase_conflicts(adapted, ph, c)  # type: ignore[arg-type]
                }
                reported = {c.condition for c in conflicts(ex, wanted)}  # type: ignore[arg-type]
                assert left <= reported, (ex.id, wanted)


# --- the new fields are read strictly ----------------------------------------------------

FIRST_PHASE = 'cue = "Breathe out and rock back"\nshort = "Out"\n'


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            FIRST_PHASE,
            FIRST_PHASE + 'spine = "sideways"\n',
            "parts[0].phases[0].spine",
            "not one of",
        ),
        (
            FIRST_PHASE,
            FIRST_PHASE + 'tags = ["flying"]\n',
            "parts[0].phases[0].tags[0]",
            "not one of",
        ),
        (
            FIRST_PHASE,
            FIRST_PHASE + 'safer = "level"\n',
            "parts[0].phases[0].safer",
            "must be a table",
        ),
        (
            FIRST_PHASE,
            FIRST_PHASE + '[parts.phases.safer]\npose = "all-fours"\nshort = "Level"\n',
            "parts[0].phases[0].safer.cue",
            "missing",
        ),
        (
            FIRST_PHASE,
            FIRST_PHASE
            + '[parts.phases.harder]\npose = "x"\ncue = "c"\nshort = "s"\nseconds = 9\n',
            "parts[0].phases[0].harder.seconds",
            "not a known field",
        ),
        (
            'cue = "Breathe out and rock back"',
            'cue = "Rock to your {side}"',
            "parts[0].sides",
            "{side}",
        ),
    ],
)
def test_new_exercise_fields_are_checked(tmp_path, old, new, field, words) -> None:
    from backcare_desktop.core.exercise_file import parse_exercise
    from tests.core.test_library import GOOD_EXERCISE, write

    assert old in GOOD_EXERCISE
    path = write(tmp_path, "test-rock.toml", GOOD_EXERCISE.replace(old, new, 1))
    problems: list[LoadError] = []
    assert parse_exercise(path, problems) is None
    assert [p.field for p in problems] == [field]
    assert words in problems[0].problem
    assert str(problems[0]).startswith(f"{path}: ")


def test_a_safer_form_keeps_the_breath_and_time(tmp_path) -> None:
    from backcare_desktop.core.exercise_file import parse_exercise
    from tests.core.test_library import GOOD_EXERCISE, write

    text = GOOD_EXERCISE.replace(
        FIRST_PHASE,
        FIRST_PHASE
        + 'spine = "flexion"\n[parts.phases.safer]\npose = "all-fours"\nspine = "neutral"\n'
        'cue = "Breathe out, stay level"\nshort = "Level"\n',
        1,
    )
    problems: list[LoadError] = []
    ex = parse_exercise(write(tmp_path, "test-rock.toml", text), problems)
    assert problems == []
    assert ex is not None
    phase = ex.parts[0].phases[0]
    assert phase.safer is not None
    assert (phase.safer.breath, phase.safer.seconds) == (phase.breath, phase.seconds)
    assert (phase.safer.pose, phase.safer.spine, phase.safer.cue) == (
        "all-fours",
        "neutral",
        "Breathe out, stay level",
    )


@pytest.mark.parametrize("stage", ["stage = 2", "stage = true", 'stage = "1"'])
def test_a_routine_stage_is_0_or_1(tmp_path, stage) -> None:
    from tests.core.test_library import GOOD_ROUTINE, load, only_problem

    lib = load(tmp_path, routine=GOOD_ROUTINE.replace("reps = 2", stage, 1))
    assert only_problem(lib).field == "exercises[0].stage"
