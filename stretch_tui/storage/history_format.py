"""A history entry as a `[[session]]` table (DESIGN 8) and as the stable JSON of
`stretch-tui history --json` (shape in the README), both ways.

Reading a table checks every value; a session missing something it cannot do without is
skipped (and stays in the file), a bad exercise record is left out of its session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from stretch_tui.domain.history import (
    OUTCOMES,
    PAIN_RANGE,
    SIDES,
    STATUSES,
    SYMPTOMS,
    ExerciseRecord,
    HistoryEntry,
)
from stretch_tui.storage import checks

SESSION_KEYS: Final = (
    "id",
    "started",
    "ended",
    "routine",
    "status",
    "profile",
    "pain_before",
    "pain_after",
    "assessed",
    "notes",
    "exercises",
)
"""The keys of a `[[session]]` table, in the order they are written."""

EXERCISE_KEYS: Final = (
    "id",
    "side",
    "planned_seconds",
    "done_seconds",
    "reps_done",
    "outcome",
    "symptom",
)
"""The keys of a `[[session.exercises]]` table, in the order they are written."""

_MAX_SECONDS: Final = 24 * 3600
_MAX_REPS: Final = 100_000


def entry_to_table(entry: HistoryEntry) -> dict[str, Any]:
    """The session as its TOML table: skipped pain ratings, an unasked symptom, `assessed`
    when false and empty notes are left out."""
    table: dict[str, Any] = {
        "id": entry.id,
        "started": entry.started,
        "ended": entry.ended,
        "routine": entry.routine,
        "status": entry.status,
        "profile": entry.profile,
    }
    if entry.pain_before is not None:
        table["pain_before"] = entry.pain_before
    if entry.pain_after is not None:
        table["pain_after"] = entry.pain_after
    if entry.assessed:
        table["assessed"] = True
    if entry.notes:
        table["notes"] = entry.notes
    table["exercises"] = [_record_to_table(record) for record in entry.exercises]
    return table


def _record_to_table(record: ExerciseRecord) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": record.id,
        "side": record.side,
        "planned_seconds": record.planned_seconds,
        "done_seconds": record.done_seconds,
        "reps_done": record.reps_done,
        "outcome": record.outcome,
    }
    if record.symptom is not None:
        table["symptom"] = record.symptom
    return table


class SessionProblems:
    """What reading one `[[session]]` table found wrong or unknown."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        """Phrases for values that could not be used."""
        self.unknown: list[str] = []
        """Dotted names of keys this version does not know (kept in the file)."""


def entry_from_table(
    table: Mapping[str, Any], where: str, found: SessionProblems
) -> HistoryEntry | None:
    """The session in a `[[session]]` table, or None when it lacks something essential.

    `where` names the table in messages (e.g. `session[3]`); problems and unknown keys are
    added to `found`.
    """
    try:
        entry_id = _required(table, "id", checks.text)
        started = _required(table, "started", checks.moment)
        ended = _required(table, "ended", checks.moment)
        routine = _required(table, "routine", checks.text)
        status = _required(table, "status", lambda value: checks.word(value, STATUSES))
    except checks.BadValue as bad:
        found.problems.append(f"`{where}` is skipped: {bad}")
        return None
    values: dict[str, Any] = {}
    optional = (
        ("profile", checks.text),
        ("pain_before", _pain),
        ("pain_after", _pain),
        ("assessed", checks.flag),
        ("notes", lambda value: checks.text(value, empty=True)),
    )
    for key, check in optional:
        if key in table:
            try:
                values[key] = check(table[key])
            except checks.BadValue as bad:
                found.problems.append(f"`{where}.{key}` {bad}")
    records = []
    exercises = table.get("exercises", [])
    if not isinstance(exercises, list):
        found.problems.append(f"`{where}.exercises` is not a list of tables")
        exercises = []
    for index, item in enumerate(exercises):
        record = _record_from_table(item, f"{where}.exercises[{index}]", found)
        if record is not None:
            records.append(record)
    found.unknown.extend(f"{where}.{key}" for key in table if key not in SESSION_KEYS)
    return HistoryEntry(
        id=entry_id,
        started=started,
        ended=ended,
        routine=routine,
        status=status,
        exercises=tuple(records),
        **values,
    )


def _record_from_table(item: object, where: str, found: SessionProblems) -> ExerciseRecord | None:
    if not isinstance(item, dict):
        found.problems.append(f"`{where}` is not a table")
        return None
    try:
        symptom = item.get("symptom")
        record = ExerciseRecord(
            id=_required(item, "id", checks.text),
            side=_required(item, "side", lambda value: checks.word(value, SIDES)),
            planned_seconds=_required(item, "planned_seconds", _seconds),
            done_seconds=_required(item, "done_seconds", _seconds),
            reps_done=_required(item, "reps_done", _reps),
            outcome=_required(item, "outcome", lambda value: checks.word(value, OUTCOMES)),
            symptom=None if symptom is None else _required(item, "symptom", _symptom),
        )
    except checks.BadValue as bad:
        found.problems.append(f"`{where}` is left out: {bad}")
        return None
    found.unknown.extend(f"{where}.{key}" for key in item if key not in EXERCISE_KEYS)
    return record


def _required(table: Mapping[str, Any], key: str, check: Any) -> Any:
    if key not in table:
        raise checks.BadValue(f"`{key}` is missing")
    try:
        return check(table[key])
    except checks.BadValue as bad:
        raise checks.BadValue(f"`{key}` {bad}") from None


def _pain(value: object) -> int:
    return checks.whole_number(value, *PAIN_RANGE)


def _seconds(value: object) -> int:
    return checks.whole_number(value, 0, _MAX_SECONDS)


def _reps(value: object) -> int:
    return checks.whole_number(value, 0, _MAX_REPS)


def _symptom(value: object) -> str:
    return checks.word(value, SYMPTOMS)


def entry_to_json(entry: HistoryEntry) -> dict[str, Any]:
    """The session in the stable JSON shape: every key always present, datetimes as ISO 8601
    with their offset, `null` for a skipped pain rating or an unasked symptom."""
    return {
        "id": entry.id,
        "started": entry.started.isoformat(),
        "ended": entry.ended.isoformat(),
        "routine": entry.routine,
        "status": entry.status,
        "profile": entry.profile,
        "pain_before": entry.pain_before,
        "pain_after": entry.pain_after,
        "assessed": entry.assessed,
        "notes": entry.notes,
        "exercises": [
            {
                "id": record.id,
                "side": record.side,
                "planned_seconds": record.planned_seconds,
                "done_seconds": record.done_seconds,
                "reps_done": record.reps_done,
                "outcome": record.outcome,
                "symptom": record.symptom,
            }
            for record in entry.exercises
        ],
    }
