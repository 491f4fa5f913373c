"""What a condition rules out, as data, and the pure functions that apply it.

The rules come from the articles: pain that bending forward or sitting brings on (the front
of the spine, the disc) is made worse by rounding forward; pain that standing tall, leaning
back or walking brings on (the facet joints) by arching back; in pregnancy, lying postures
press on the abdomen and loose pelvic ligaments make fast one-sided or unsteady moves a
risk; sore knees do not take kneeling or a full knee bend.

A rule matches a *feature* of a phase: the exercise's position, the phase's spine direction
or one of its tags. `phase_conflicts` says whether one phase clashes with a condition and
why; `adapt` swaps in each phase's safer form, drops a block that has none when the
exercise has others, and says what it changed; `conflicts` (one condition:
`exercise_conflicts`) says whether anything of the exercise is left that the conditions
rule out. The routine loader, the compiler and
(later) a person's profile all ask the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from backcare_desktop.core.i18n import N_, Words
from backcare_desktop.core.model import Condition, Exercise, Part, Phase

# The reasons are marked for the catalogue: they are shown (translated) with a change.
# A feature is "kind:value": position:<position>, spine:<direction>, tag:<phase tag>.
RULES: Mapping[Condition, Mapping[str, str]] = {
    "pain-bending-forward": {
        "spine:flexion": N_("it rounds the lower back forward, the way that brings this pain on"),
        "tag:forward-bend": N_(
            "it tips the body forward from the hips, the way that brings this pain on"
        ),
        "position:seated": N_("it is done sitting, which brings this pain on"),
    },
    "pain-leaning-back": {
        "spine:extension": N_("it arches the lower back, the way that brings this pain on"),
    },
    "pregnancy": {
        "position:lying-on-back": N_("it is done lying on your back, which presses on the bump"),
        "position:lying-on-front": N_("it is done lying on your front, which presses on the bump"),
        "tag:fast-one-sided": N_("it is fast and one-sided, hard on loose pelvic ligaments"),
        "tag:balance-hard": N_("it is hard on balance"),
        "tag:deep-belly-sink": N_("it lets the belly sag deep into the lower back"),
        "tag:belly-pressed": N_("it rests the belly on the thighs, which presses on the bump"),
    },
    "knee-problems": {
        "position:kneeling": N_("it puts your weight on bent knees"),
        "position:all-fours": N_("it puts your weight on your knees"),
        "tag:deep-knee-bend": N_("it bends the knees fully"),
    },
}

# Said or shown when an exercise file asks to be skipped for a condition no rule covers.
SKIP_WORDS: Mapping[Condition, str] = {
    "knee-problems": N_("knee problems"),
    "pregnancy": N_("pregnancy"),
    "wrist-problems": N_("wrist problems"),
    "shoulder-problems": N_("shoulder problems"),
    "pain-bending-forward": N_("pain that bending forward or sitting brings on"),
    "pain-leaning-back": N_("pain that standing tall or leaning back brings on"),
}


@dataclass(frozen=True)
class Conflict:
    """Why `condition` rules out (part of) an exercise."""

    condition: Condition
    exercise_id: str
    reason: str
    cue: str = ""  # the phase's cue, or "" for the exercise as a whole


@dataclass(frozen=True)
class Adaptation:
    """One change `adapt` made, with the reason a person can be told."""

    exercise_id: str
    change: str
    reason: str


def features(exercise: Exercise, phase: Phase) -> tuple[str, ...]:
    """What the phase asks of the body, in the rules' terms."""
    spines = (phase.spine,) if phase.spine is not None else exercise.directions
    return (
        f"position:{exercise.position}",
        *(f"spine:{s}" for s in spines),
        *(f"tag:{t}" for t in phase.tags),
    )


def phase_conflicts(exercise: Exercise, phase: Phase, condition: Condition) -> tuple[str, ...]:
    """The reasons `condition` rules this phase out (empty when it does not)."""
    rules = RULES.get(condition, {})
    return tuple(dict.fromkeys(rules[f] for f in features(exercise, phase) if f in rules))


def _safe_phase(exercise: Exercise, phase: Phase, conditions: Iterable[Condition]) -> Phase | None:
    """The phase, or its safer form, that no condition rules out; None when neither."""
    wanted = tuple(conditions)
    for candidate in (phase, phase.safer):
        if candidate is not None and not any(
            phase_conflicts(exercise, candidate, c) for c in wanted
        ):
            return candidate
    return None


def _part_label(part: Part, index: int) -> str:
    return part.name or Words("part {number}", number=index + 1)


def adapt(
    exercise: Exercise, conditions: Iterable[Condition]
) -> tuple[Exercise, tuple[Adaptation, ...]]:
    """The exercise made safe for `conditions` where its data allows, and what changed.

    Each phase a condition rules out is replaced by its safer form. A block (part) with a
    phase that has no safe form is left out when another block remains. Whatever is still
    ruled out afterwards is reported by `conflicts`: nothing is dropped silently.
    """
    wanted = tuple(conditions)
    if not wanted:
        return exercise, ()
    changes: list[Adaptation] = []
    parts: list[Part] = []
    dropped: list[tuple[int, Part, str]] = []
    for index, part in enumerate(exercise.parts):
        phases: list[Phase] = []
        for phase in part.phases:
            safe = _safe_phase(exercise, phase, wanted)
            if safe is None:
                reasons = [r for c in wanted for r in phase_conflicts(exercise, phase, c)]
                dropped.append((index, part, reasons[0]))
                break
            if safe is not phase:
                reasons = [r for c in wanted for r in phase_conflicts(exercise, phase, c)]
                changes.append(
                    Adaptation(
                        exercise.id,
                        Words("“{before}” becomes “{after}”", before=phase.cue, after=safe.cue),
                        reasons[0],
                    )
                )
            phases.append(safe)
        else:
            parts.append(replace(part, phases=tuple(phases)))
    if not parts:
        # Nothing safe is left: keep the exercise whole so `conflicts` can say so.
        return exercise, ()
    for index, part, reason in dropped:
        changes.append(
            Adaptation(
                exercise.id, Words("leaves out the {part}", part=_part_label(part, index)), reason
            )
        )
    return replace(exercise, parts=tuple(parts)), tuple(changes)


def conflicts(exercise: Exercise, conditions: Iterable[Condition]) -> tuple[Conflict, ...]:
    """Why any of `conditions` still rules the exercise out once adapted to all of them.

    Empty when what is left is safe for every one. The exercise file's own `avoid_if`
    counts too, with the rule's reason when one applies.
    """
    wanted = tuple(conditions)
    adapted, _ = adapt(exercise, wanted)
    found: dict[tuple[str, str], Conflict] = {}
    for condition in wanted:
        for part in adapted.parts:
            for phase in part.phases:
                for reason in phase_conflicts(adapted, phase, condition):
                    found.setdefault(
                        (condition, reason), Conflict(condition, exercise.id, reason, phase.cue)
                    )
        if condition in exercise.avoid_if and not any(k[0] == condition for k in found):
            reason = Words(
                "its instructions say to skip it with {condition}",
                condition=Words(SKIP_WORDS[condition]),
            )
            found[(condition, reason)] = Conflict(condition, exercise.id, reason)
    return tuple(found.values())


def exercise_conflicts(exercise: Exercise, condition: Condition) -> tuple[Conflict, ...]:
    """Why `condition` still rules out the exercise once adapted (empty when it is safe)."""
    return conflicts(exercise, (condition,))


def ruled_out_by_rules(exercise: Exercise, condition: Condition) -> bool:
    """True when the rules alone (not the file's `avoid_if`) leave nothing safe to do."""
    adapted, _ = adapt(exercise, (condition,))
    return any(
        phase_conflicts(adapted, phase, condition)
        for part in adapted.parts
        for phase in part.phases
    )
