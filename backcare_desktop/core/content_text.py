"""The translatable text of exercises and routines, keyed by file id and field.

The TOML files stay English and are never copied per language: each field a person reads
or hears has a key (`cat-stretch|parts.0.phases.1.safer.short`), and the `content`
catalogue of a language maps that key and the English to its translation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from backcare_desktop.core.i18n import Translator
from backcare_desktop.core.model import Exercise, Part, Phase, Routine

PHASE_FIELDS = ("cue", "short", "label")


def _phase_texts(prefix: str, phase: Phase) -> Iterator[tuple[str, str]]:
    for name in PHASE_FIELDS:
        text = getattr(phase, name)
        if text:
            yield f"{prefix}.{name}", text
    for form in ("safer", "harder"):
        other = getattr(phase, form)
        if other is not None:
            yield from _phase_texts(f"{prefix}.{form}", other)


def exercise_texts(exercise: Exercise) -> Iterator[tuple[str, str]]:
    """(key, English) for every field of `exercise` a person reads or hears."""
    ex = exercise.id
    for name in ("name", "good_for", "setup"):
        text = getattr(exercise, name)
        if text:
            yield f"{ex}|{name}", text
    for listed in ("steps", "cautions"):
        for i, text in enumerate(getattr(exercise, listed)):
            yield f"{ex}|{listed}.{i}", text
    for p, part in enumerate(exercise.parts):
        if part.name:
            yield f"{ex}|parts.{p}.name", part.name
        for h, phase in enumerate(part.phases):
            yield from _phase_texts(f"{ex}|parts.{p}.phases.{h}", phase)


def routine_texts(routine: Routine) -> Iterator[tuple[str, str]]:
    for name in ("title", "description"):
        text = getattr(routine, name)
        if text:
            yield f"routine:{routine.id}|{name}", text


def _phase(tr: Translator, prefix: str, phase: Phase) -> Phase:
    changes: dict[str, object] = {
        name: tr.content(f"{prefix}.{name}", getattr(phase, name))
        for name in PHASE_FIELDS
        if getattr(phase, name)
    }
    for form in ("safer", "harder"):
        other = getattr(phase, form)
        if other is not None:
            changes[form] = _phase(tr, f"{prefix}.{form}", other)
    return replace(phase, **changes)  # type: ignore[arg-type]


def _part(tr: Translator, prefix: str, part: Part) -> Part:
    return replace(
        part,
        name=tr.content(f"{prefix}.name", part.name) if part.name else "",
        phases=tuple(_phase(tr, f"{prefix}.phases.{h}", ph) for h, ph in enumerate(part.phases)),
    )


def translate_exercise(exercise: Exercise, tr: Translator) -> Exercise:
    """`exercise` with every readable field in `tr`'s language (English where none)."""
    ex = exercise.id

    def one(name: str) -> str:
        text: str = getattr(exercise, name)
        return tr.content(f"{ex}|{name}", text) if text else text

    def listed(name: str) -> tuple[str, ...]:
        texts: tuple[str, ...] = getattr(exercise, name)
        return tuple(tr.content(f"{ex}|{name}.{i}", t) for i, t in enumerate(texts))

    return replace(
        exercise,
        name=one("name"),
        good_for=one("good_for"),
        setup=one("setup"),
        steps=listed("steps"),
        cautions=listed("cautions"),
        parts=tuple(_part(tr, f"{ex}|parts.{p}", part) for p, part in enumerate(exercise.parts)),
    )


def translate_routine(routine: Routine, tr: Translator) -> Routine:
    key = f"routine:{routine.id}"
    return replace(
        routine,
        title=tr.content(f"{key}|title", routine.title),
        description=tr.content(f"{key}|description", routine.description),
    )
