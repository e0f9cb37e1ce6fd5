"""The fields of a history session, declared once.

`SESSION_FIELDS` and `RECORD_FIELDS` are the one place a history field is described: its
attribute on `HistoryEntry` / `ExerciseRecord`, the kind of value, its key in the month files'
`[[session]]` tables, its key in `history --json`, its `history --csv` column, and whether a
session (or record) can do without it. The TOML reader and writer, the JSON and CSV of the
command line and the derived cache are all built from these tables, and the cache's format key
includes `fields_digest()`, so a cache written before a field was added is never read back
without it.

Adding a field: give `HistoryEntry` (or `ExerciseRecord`) the attribute, with a default so old
files still read, and add its row here. Importing this module fails if the two disagree, so a
field cannot be forgotten here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Final

import attrs
from attrs import frozen

from stretch_tui.domain.digest import sha256_hex
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

EXERCISES_KEY: Final = "exercises"
"""The session's list of exercise records: the same name as attribute, TOML key and JSON key.
It is the one nested field, so each format handles it by hand (CSV repeats the session's
columns on one row per record)."""

_MAX_SECONDS: Final = 24 * 3600
_MAX_REPS: Final = 100_000


@frozen
class Kind:
    """One kind of value: how it is checked when read from a file, and how it is shown in
    JSON (and the cache) and CSV. A None value (an optional field left empty) is never passed
    to the conversions: it is `null` in JSON and an empty CSV cell."""

    name: str
    """Says what the values are; part of the digest, so a changed check rebuilds the cache."""
    check: Callable[[object], Any]
    """A TOML value to the value the app uses; raises `checks.BadValue`."""
    to_json: Callable[[Any], Any] | None = None
    """The value as JSON holds it (the cache rows hold the same); None when it is the same."""
    from_json: Callable[[Any], Any] | None = None
    """The cache's JSON value back to the value the app uses; None when it is the same."""
    to_csv: Callable[[Any], Any] | None = None
    """The value in a CSV cell, from the JSON value; None when it is the same."""

    def json_value(self, value: Any) -> Any:
        """The value as JSON holds it; None stays None (`null`)."""
        if value is None or self.to_json is None:
            return value
        return self.to_json(value)

    def csv_cell(self, value: Any) -> Any:
        """The value in a CSV cell; None is an empty cell."""
        shown = self.json_value(value)
        if shown is None:
            return ""
        return shown if self.to_csv is None else self.to_csv(shown)


def _words(name: str, words: Iterable[str]) -> Kind:
    choices = tuple(words)
    return Kind(f"{name}: {'|'.join(choices)}", lambda value: checks.word(value, choices))


TEXT: Final = Kind("non-empty text", checks.text)
FREE_TEXT: Final = Kind("text", lambda value: checks.text(value, empty=True))
MOMENT: Final = Kind(
    "date and time with offset",
    checks.moment,
    to_json=datetime.isoformat,
    from_json=datetime.fromisoformat,
)
PAIN: Final = Kind(
    f"pain {PAIN_RANGE[0]}-{PAIN_RANGE[1]}", lambda value: checks.whole_number(value, *PAIN_RANGE)
)
FLAG: Final = Kind("true or false", checks.flag, to_csv=lambda value: "true" if value else "false")
SECONDS: Final = Kind(
    f"seconds 0-{_MAX_SECONDS}", lambda value: checks.whole_number(value, 0, _MAX_SECONDS)
)
COUNT: Final = Kind(f"count 0-{_MAX_REPS}", lambda value: checks.whole_number(value, 0, _MAX_REPS))
STATUS: Final = _words("status", STATUSES)
SIDE: Final = _words("side", SIDES)
OUTCOME: Final = _words("outcome", OUTCOMES)
SYMPTOM: Final = _words("symptom", SYMPTOMS)


@frozen
class Field:
    """One field of a session or of an exercise record, in every format."""

    name: str
    """The attribute of `HistoryEntry` or `ExerciseRecord`."""
    kind: Kind
    toml_key: str
    """Its key in a `[[session]]` (or `[[session.exercises]]`) table."""
    json_key: str
    """Its key in `history --json` (always present there; `null` when empty)."""
    csv_column: str | None
    """Its `history --csv` column; None keeps it out of the CSV (say why in the table)."""
    required: bool = False
    """A session (record) without it, or with a bad value, is skipped; an optional field with
    a bad value is reported and takes its default."""
    written_when_default: bool = False
    """An optional field holding its default is left out of the TOML unless this is set."""
    default: Any = None
    """Filled in from the attrs class by `_declared`; never given by hand."""


def _declared(
    owner: type, fields: tuple[Field, ...], nested: Iterable[str] = ()
) -> tuple[Field, ...]:
    """The table, checked against the attrs class it describes, each optional field's default
    taken from that class. Raises TypeError (at import) when an attribute has no row or a row
    no attribute, so a field is never silently left out of a format."""
    attributes = attrs.fields_dict(owner)
    described = [field.name for field in fields]
    missing = sorted(set(attributes) - set(described) - set(nested))
    unknown = sorted(set(described) - set(attributes))
    if missing or unknown or len(set(described)) != len(described):
        raise TypeError(
            f"history fields of {owner.__name__} out of step: missing {missing}, "
            f"unknown {unknown}, or a name twice"
        )
    completed = []
    for field in fields:
        default = attributes[field.name].default
        if field.required != (default is attrs.NOTHING):
            raise TypeError(f"{owner.__name__}.{field.name}: required means no default")
        completed.append(field if field.required else attrs.evolve(field, default=default))
    return tuple(completed)


# fmt: off
SESSION_FIELDS: Final = _declared(HistoryEntry, (
    #     attribute      kind       TOML key       JSON key       CSV column
    Field("id",          TEXT,      "id",          "id",          "session_id",  required=True),
    Field("started",     MOMENT,    "started",     "started",     "started",     required=True),
    Field("ended",       MOMENT,    "ended",       "ended",       "ended",       required=True),
    Field("routine",     TEXT,      "routine",     "routine",     "routine",     required=True),
    Field("status",      STATUS,    "status",      "status",      "status",      required=True),
    Field("profile",     TEXT,      "profile",     "profile",     "profile",
          written_when_default=True),
    Field("pain_before", PAIN,      "pain_before", "pain_before", "pain_before"),
    Field("pain_after",  PAIN,      "pain_after",  "pain_after",  "pain_after"),
    Field("assessed",    FLAG,      "assessed",    "assessed",    "assessed"),
    # Free text, possibly over several lines: the CSV is a table of numbers to chart and has
    # had these columns since version 1, so notes stay in the JSON only.
    Field("notes",       FREE_TEXT, "notes",       "notes",       None),
), nested=(EXERCISES_KEY,))
"""A `[[session]]` table's fields in the order they are written (the exercises come last)."""

RECORD_FIELDS: Final = _declared(ExerciseRecord, (
    #     attribute          kind     TOML key           JSON key           CSV column
    Field("id",              TEXT,    "id",              "id",              "exercise_id",
          required=True),
    Field("side",            SIDE,    "side",            "side",            "side",
          required=True),
    Field("planned_seconds", SECONDS, "planned_seconds", "planned_seconds", "planned_seconds",
          required=True),
    Field("done_seconds",    SECONDS, "done_seconds",    "done_seconds",    "done_seconds",
          required=True),
    Field("reps_done",       COUNT,   "reps_done",       "reps_done",       "reps_done",
          required=True),
    Field("outcome",         OUTCOME, "outcome",         "outcome",         "outcome",
          required=True),
    Field("symptom",         SYMPTOM, "symptom",         "symptom",         "symptom"),
))
"""A `[[session.exercises]]` table's fields in the order they are written."""
# fmt: on


def fields_digest(
    session_fields: Iterable[Field] = SESSION_FIELDS, record_fields: Iterable[Field] = RECORD_FIELDS
) -> str:
    """A short digest of the tables: it changes whenever a field is added, removed, renamed,
    reordered or changes kind, key, column or default."""
    described = [
        (table, f.name, f.kind.name, f.toml_key, f.json_key, f.csv_column, f.required,
         f.written_when_default, repr(f.default))
        for table, fields in (("session", session_fields), ("record", record_fields))
        for f in fields
    ]  # fmt: skip
    return sha256_hex(repr(described).encode("utf-8"))[:16]
