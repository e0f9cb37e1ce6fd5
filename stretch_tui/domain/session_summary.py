"""The words of a session summary: time held, the pain change and what the session changed.

Pure functions over a `HistoryEntry`, so the summary screen and any report say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Final

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.domain.stats import is_meaningful_pain_change

STATUS_HEADINGS: Final = {
    "completed": "Session complete",
    "stopped": "Session stopped",
    "interrupted": "Session cut off",
}
"""The summary's heading for each status."""

OUTCOME_WORDS: Final = {"done": "done", "skipped": "skipped", "hurt": "stopped: it hurt"}
"""How the summary names each outcome."""

SYMPTOM_WORDS: Final = {
    "better": "leg symptoms better",
    "same": "leg symptoms the same",
    "worse": "leg symptoms worse",
}
"""How the summary names each symptom answer."""


def format_duration(seconds: int) -> str:
    """`45 s`, `3 min`, `4 min 30 s`."""
    minutes, rest = divmod(max(seconds, 0), 60)
    if minutes and rest:
        return f"{minutes} min {rest} s"
    if minutes:
        return f"{minutes} min"
    return f"{rest} s"


def pain_line(before: int | None, after: int | None) -> str:
    """One sentence on pain before and after (either may have been skipped)."""
    if before is None and after is None:
        return "Pain: not rated."
    if before is None or after is None:
        known = "before" if before is not None else "after"
        return (
            f"Pain {known}: {before if before is not None else after}/10 (the other was skipped)."
        )
    text = f"Pain: {before}/10 before, {after}/10 after"
    if after == before:
        return text + ", no change."
    change = abs(after - before)
    direction = "less" if after < before else "more"
    text += f": {change} point{'s' if change != 1 else ''} {direction}"
    if is_meaningful_pain_change(before, after):
        text += ", a change that matters" if after < before else ", a rise that matters"
    return text + "."


def time_held(entry: HistoryEntry) -> int:
    """Seconds spent in the exercises (sides added up)."""
    return sum(record.done_seconds for record in entry.exercises)


def record_line(record: ExerciseRecord, names: Mapping[str, str]) -> tuple[str, str, str, str]:
    """One row of the summary's table: exercise (and side), time held of planned, repetitions
    or holds, outcome (with the symptom answer)."""
    name = names.get(record.id, record.id)
    if record.side != "both":
        name += f" ({record.side})"
    held = f"{format_duration(record.done_seconds)} of {format_duration(record.planned_seconds)}"
    outcome = OUTCOME_WORDS[record.outcome]
    if record.symptom is not None:
        outcome += f"; {SYMPTOM_WORDS[record.symptom]}"
    return name, held, str(record.reps_done), outcome


def changes(entry: HistoryEntry, names: Mapping[str, str], left_out: Iterable[str]) -> list[str]:
    """What the session changed or suggests: exercises that hurt (and whether they were left
    out of future routines), directions stopped after a "worse" answer, re-screening."""
    lines: list[str] = []
    left = set(left_out)
    hurt = _unique(record.id for record in entry.exercises if record.outcome == "hurt")
    for exercise_id in hurt:
        name = names.get(exercise_id, exercise_id)
        if exercise_id in left:
            lines.append(
                f"{name} hurt and is left out of recommended routines (the library can put "
                "it back)."
            )
        else:
            lines.append(f"{name} hurt and was stopped.")
    worse = _unique(record.id for record in entry.exercises if record.symptom == "worse")
    for exercise_id in worse:
        name = names.get(exercise_id, exercise_id)
        lines.append(
            f"Leg symptoms spread after {name}: exercises in that direction were stopped for "
            "the rest of the session."
        )
    if hurt or worse:
        lines.append(
            "Consider taking the screening again (s): your answers may have changed. Sharp or "
            "spreading pain that keeps coming back is a reason to see a clinician."
        )
    better = _unique(record.id for record in entry.exercises if record.symptom == "better")
    if better and not worse:
        named = ", ".join(names.get(exercise_id, exercise_id) for exercise_id in better)
        lines.append(
            f"Leg symptoms moved toward the back after {named}: a good sign for that direction."
        )
    return lines


def _unique(ids: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for exercise_id in ids:
        if exercise_id not in seen:
            seen.append(exercise_id)
    return seen
