"""A person's back profile: what their body rules out, in the safety rules' terms.

Qt-free. Stored with the settings; the session plan adapts every routine to it
(core/adaptation.py). Every part of it is optional: an empty profile changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, get_args

from backcare_desktop.core.model import Condition

PainPattern = Literal["bending-forward", "leaning-back", "none"]
PAIN_PATTERNS: tuple[str, ...] = get_args(PainPattern)
# The conditions a person ticks; the pain pattern adds one of the two pain conditions.
BODY_CONDITIONS: tuple[Condition, ...] = (
    "knee-problems",
    "wrist-problems",
    "shoulder-problems",
    "pregnancy",
)
_PAIN_CONDITION: dict[str, Condition] = {
    "bending-forward": "pain-bending-forward",
    "leaning-back": "pain-leaning-back",
}


@dataclass(frozen=True)
class BackProfile:
    body: tuple[Condition, ...] = ()  # of BODY_CONDITIONS, in that order
    pain: PainPattern = "none"

    @classmethod
    def of(cls, conditions: Iterable[str]) -> BackProfile:
        """A profile from condition names (the CLI's --for, a settings file); unknown
        names are left out, so a damaged file can only make the profile smaller."""
        wanted = set(conditions)
        body = tuple(c for c in BODY_CONDITIONS if c in wanted)
        pain: PainPattern = "none"
        for pattern, condition in _PAIN_CONDITION.items():
            if condition in wanted:
                pain = "bending-forward" if pattern == "bending-forward" else "leaning-back"
                break
        return cls(body, pain)

    @property
    def conditions(self) -> tuple[Condition, ...]:
        """Everything the safety rules should keep out for this person."""
        pain = _PAIN_CONDITION.get(self.pain)
        return (*self.body, pain) if pain else self.body

    def __bool__(self) -> bool:
        return bool(self.conditions)
