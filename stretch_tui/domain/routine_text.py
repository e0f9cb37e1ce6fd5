"""Routines and their lengths in words, as the Routines screen and the routine editor show them.

Plain text from domain values, shared by both screens (each used to borrow them from the
other).
"""

from __future__ import annotations

from pathlib import Path

from attrs import evolve

from stretch_tui.domain.catalog import Catalog
from stretch_tui.domain.preferences import Preferences
from stretch_tui.domain.routine import Routine, effective_dose


def length_text(seconds: float) -> str:
    """A session length in words: `45 s`, `4 min`, `9 min 40 s`, `1 h 5 min`."""
    total = round(seconds)
    if total < 60:
        return f"{total} s"
    minutes, rest = divmod(total, 60)
    if minutes >= 60:
        hours, minutes = divmod(minutes, 60)
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def display_path(path: Path) -> str:
    """The path to show: under the user's home folder as `~/...`, which is shorter to read."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # not under home, or no home folder known
        return str(path)


def minutes_text(seconds: float) -> str:
    """A length rounded to whole minutes for a list row: `4 min`, `under 1 min`."""
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes else "under 1 min"


def count_text(count: int, word: str = "exercise") -> str:
    """`1 exercise`, `3 exercises`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def dose_line(routine: Routine, index: int, catalog: Catalog, preferences: Preferences) -> str:
    """How much of item `index` the routine asks for, e.g. `2 x 30 s holds, each side`."""
    item = routine.items[index]
    exercise = catalog.get(item.exercise_id)
    if exercise is None:
        return "not in your catalog"
    dose = effective_dose(item, exercise)
    if dose.kind == "hold" and dose.seconds is None:
        # The runner holds for the Settings length; say the number rather than "default".
        dose = evolve(dose, seconds=preferences.default_hold_seconds)
    return dose.describe()
