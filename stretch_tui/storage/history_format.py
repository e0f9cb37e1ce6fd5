"""A history entry as a `[[session]]` table (docs/product.md 8), as the stable JSON of
`stretch-tui history --json` (shape in the README) and as `history --csv` rows, all built from
the one table of fields in `history_fields`.

Reading a table checks every value; a session missing something it cannot do without is
skipped (and stays in the file), a bad exercise record is left out of its session.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.storage import checks
from stretch_tui.storage.history_fields import (
    EXERCISES_KEY,
    RECORD_FIELDS,
    SESSION_FIELDS,
    Field,
)

SESSION_KEYS: Final = (*(field.toml_key for field in SESSION_FIELDS), EXERCISES_KEY)
"""The keys of a `[[session]]` table, in the order they are written."""

EXERCISE_KEYS: Final = tuple(field.toml_key for field in RECORD_FIELDS)
"""The keys of a `[[session.exercises]]` table, in the order they are written."""

CSV_COLUMNS: Final = tuple(
    field.csv_column for field in (*SESSION_FIELDS, *RECORD_FIELDS) if field.csv_column is not None
)
"""The `history --csv` header: the session's columns, then the exercise record's."""


def entry_to_table(entry: HistoryEntry) -> dict[str, Any]:
    """The session as its TOML table: optional fields holding their default (a skipped pain
    rating, an unasked symptom, `assessed` when false, empty notes) are left out."""
    table = _to_table(entry, SESSION_FIELDS)
    table[EXERCISES_KEY] = [_to_table(record, RECORD_FIELDS) for record in entry.exercises]
    return table


def _to_table(item: HistoryEntry | ExerciseRecord, fields: tuple[Field, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for field in fields:
        value = getattr(item, field.name)
        if field.required or field.written_when_default or value != field.default:
            table[field.toml_key] = value
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
        values = _required_values(table, SESSION_FIELDS)
    except checks.BadValue as bad:
        found.problems.append(f"`{where}` is skipped: {bad}")
        return None
    for field in SESSION_FIELDS:
        if not field.required and field.toml_key in table:
            try:
                values[field.name] = field.kind.check(table[field.toml_key])
            except checks.BadValue as bad:
                found.problems.append(f"`{where}.{field.toml_key}` {bad}")
    records = []
    exercises = table.get(EXERCISES_KEY, [])
    if not isinstance(exercises, list):
        found.problems.append(f"`{where}.{EXERCISES_KEY}` is not a list of tables")
        exercises = []
    for index, item in enumerate(exercises):
        record = _record_from_table(item, f"{where}.{EXERCISES_KEY}[{index}]", found)
        if record is not None:
            records.append(record)
    found.unknown.extend(f"{where}.{key}" for key in table if key not in SESSION_KEYS)
    return HistoryEntry(exercises=tuple(records), **values)


def _record_from_table(item: object, where: str, found: SessionProblems) -> ExerciseRecord | None:
    if not isinstance(item, dict):
        found.problems.append(f"`{where}` is not a table")
        return None
    try:
        values = _required_values(item, RECORD_FIELDS)
        for field in RECORD_FIELDS:
            # In a record any bad value leaves the record out, an optional one too.
            if not field.required and field.toml_key in item:
                values[field.name] = _checked(item, field)
    except checks.BadValue as bad:
        found.problems.append(f"`{where}` is left out: {bad}")
        return None
    found.unknown.extend(f"{where}.{key}" for key in item if key not in EXERCISE_KEYS)
    return ExerciseRecord(**values)


def _required_values(table: Mapping[str, Any], fields: tuple[Field, ...]) -> dict[str, Any]:
    """The required fields' values by attribute name; raises `checks.BadValue` for the first
    one missing or bad."""
    values: dict[str, Any] = {}
    for field in fields:
        if field.required:
            if field.toml_key not in table:
                raise checks.BadValue(f"`{field.toml_key}` is missing")
            values[field.name] = _checked(table, field)
    return values


def _checked(table: Mapping[str, Any], field: Field) -> Any:
    try:
        return field.kind.check(table[field.toml_key])
    except checks.BadValue as bad:
        raise checks.BadValue(f"`{field.toml_key}` {bad}") from None


def entry_to_json(entry: HistoryEntry) -> dict[str, Any]:
    """The session in the stable JSON shape: every key always present, datetimes as ISO 8601
    with their offset, `null` for a skipped pain rating or an unasked symptom."""
    document = _to_json(entry, SESSION_FIELDS)
    document[EXERCISES_KEY] = [_to_json(record, RECORD_FIELDS) for record in entry.exercises]
    return document


def _to_json(item: HistoryEntry | ExerciseRecord, fields: tuple[Field, ...]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for field in fields:
        document[field.json_key] = field.kind.json_value(getattr(item, field.name))
    return document


def entry_to_csv_rows(entry: HistoryEntry) -> list[list[Any]]:
    """The session's `history --csv` rows (columns `CSV_COLUMNS`): one per exercise record,
    the session's columns repeated on each; a session without records gets one row with the
    record's columns empty. Empty cells stand for None."""
    head = _csv_cells(entry, SESSION_FIELDS)
    if not entry.exercises:
        return [head + ["" for field in RECORD_FIELDS if field.csv_column is not None]]
    return [head + _csv_cells(record, RECORD_FIELDS) for record in entry.exercises]


def _csv_cells(item: HistoryEntry | ExerciseRecord, fields: tuple[Field, ...]) -> list[Any]:
    return [
        field.kind.csv_cell(getattr(item, field.name))
        for field in fields
        if field.csv_column is not None
    ]
