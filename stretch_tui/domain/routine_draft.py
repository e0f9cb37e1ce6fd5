"""Editing a routine as plain code: which dose fields an item may change, checked as typed.

The routine editor lets the user change the dose of one item; the fields it offers, and the
limits a typed value must keep, are the ones `parse_routine` applies when the file is read
back (`DOSE_FIELDS`, and Settings' limits for the lead-in and rest), so a routine saved from
the editor always loads again.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

from attrs import frozen

from stretch_tui.domain.catalog import DOSE_FIELDS
from stretch_tui.domain.exercise import Exercise
from stretch_tui.domain.preferences import NUMBER_LIMITS
from stretch_tui.domain.routine import Routine, RoutineItem

FIELD_LABELS: Final[dict[tuple[str, str], str]] = {
    ("hold", "seconds"): "Seconds per hold",
    ("hold", "reps"): "Holds (per side)",
    ("breaths", "breaths"): "Breaths",
    ("reps", "reps"): "Repetitions",
    ("reps", "tempo_seconds"): "Seconds per repetition",
    ("cycles", "cycles"): "Cycles",
    ("cycles", "seconds_per_phase"): "Seconds in each position",
    ("duration", "seconds"): "Seconds in all",
}
"""What each overridable field of each dose kind is called in the editor."""

TIMING_LABELS: Final[dict[str, str]] = {
    "lead_in_seconds": "Lead-in seconds",
    "rest_seconds": "Rest seconds",
}
"""The routine's own timings, by file key."""


@frozen
class OverrideSpec:
    """One dose field an item may override, with the limits the routine parser applies."""

    name: str
    """The field's key in the routine file (`seconds`, `cycles`, ...)."""
    label: str
    whole: bool
    """True when only whole numbers are allowed."""
    low: float
    high: float
    catalog_value: int | float | None
    """The exercise's own value; None when it has none (a hold takes the Settings length)."""

    @property
    def limits(self) -> str:
        """The allowed values in words, e.g. `a whole number from 1 to 600`."""
        kind = "a whole number" if self.whole else "a number"
        return f"{kind} from {self.low:g} to {self.high:g}"


def override_specs(exercise: Exercise) -> tuple[OverrideSpec, ...]:
    """The dose fields an item of this exercise may override, in the catalog's order."""
    kind = exercise.dose.kind
    return tuple(
        OverrideSpec(
            name=name,
            label=FIELD_LABELS.get((kind, name), name),
            whole=whole,
            low=low,
            high=high,
            catalog_value=getattr(exercise.dose, name),
        )
        for name, _required, whole, low, high in DOSE_FIELDS[kind]
    )


def parse_number(
    text: str, label: str, *, whole: bool, low: float, high: float
) -> tuple[int | float | None, str | None]:
    """A typed value: (the number, None), (None, None) when empty, or (None, what is wrong)."""
    cleaned = text.strip()
    if not cleaned:
        return None, None
    kind = "a whole number" if whole else "a number"
    try:
        value: int | float = int(cleaned) if whole else float(cleaned)
    except ValueError:
        return None, f"{label} must be {kind} from {low:g} to {high:g}, not “{cleaned}”."
    if not math.isfinite(value) or not low <= value <= high:
        return None, f"{label} must be {kind} from {low:g} to {high:g}, not {cleaned}."
    return value, None


def parse_override(spec: OverrideSpec, text: str) -> tuple[int | float | None, str | None]:
    """A typed override checked against its field's limits (see `parse_number`)."""
    value, problem = parse_number(text, spec.label, whole=spec.whole, low=spec.low, high=spec.high)
    # The parser reads fractional fields back as floats; keep the same type so that a saved
    # routine compares equal to the one loaded from its file.
    if value is not None and not spec.whole:
        value = float(value)
    return value, problem


def parse_timing(key: str, text: str) -> tuple[int | None, str | None]:
    """A typed lead-in or rest (`lead_in_seconds`, `rest_seconds`), within Settings' limits."""
    low, high = NUMBER_LIMITS[key]
    value, problem = parse_number(text, TIMING_LABELS[key], whole=True, low=low, high=high)
    return (int(value) if value is not None else None), problem


def with_overrides(
    item: RoutineItem, values: dict[str, int | float | None], exercise: Exercise
) -> RoutineItem:
    """The item with the dose fields of its exercise set to `values` (None: as in the catalog).

    Fields that do not apply to the exercise's dose kind are cleared, so the item holds only
    what the parser accepts for it.
    """
    wanted = {spec.name for spec in override_specs(exercise)}

    def given(name: str) -> int | float | None:
        return values.get(name) if name in wanted else None

    return RoutineItem(
        exercise_id=item.exercise_id,
        seconds=_whole(given("seconds")),
        reps=_whole(given("reps")),
        breaths=_whole(given("breaths")),
        tempo_seconds=_fraction(given("tempo_seconds")),
        seconds_per_phase=_fraction(given("seconds_per_phase")),
        cycles=_whole(given("cycles")),
        sides=item.sides,
    )


def _whole(value: int | float | None) -> int | None:
    return None if value is None else int(value)


def _fraction(value: int | float | None) -> float | None:
    return None if value is None else float(value)


def moved(
    items: Sequence[RoutineItem], index: int, offset: int
) -> tuple[tuple[RoutineItem, ...], int]:
    """The items with the one at `index` moved by `offset` places (kept within the list),
    and its new index."""
    if not 0 <= index < len(items):
        return tuple(items), index
    target = max(0, min(index + offset, len(items) - 1))
    reordered = list(items)
    reordered.insert(target, reordered.pop(index))
    return tuple(reordered), target


def copy_name(name: str) -> str:
    """The name an editable copy of a routine starts with."""
    return f"{name} (my copy)"


def same_content(first: Routine, second: Routine) -> bool:
    """True when both routines would be saved as the same file (origin and flags aside)."""
    return (
        first.name == second.name
        and first.items == second.items
        and first.lead_in_seconds == second.lead_in_seconds
        and first.rest_seconds == second.rest_seconds
        and first.description == second.description
    )
