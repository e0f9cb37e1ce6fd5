"""The history field table: the one place a field is declared, and what guards it."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import attrs
import pytest
from attrs import evolve

from stretch_tui.domain.history import ExerciseRecord, HistoryEntry
from stretch_tui.storage import history_cache
from stretch_tui.storage.history import append_session, read_history
from stretch_tui.storage.history_cache import CACHE_KEY, HistoryCache, cache_key
from stretch_tui.storage.history_fields import (
    EXERCISES_KEY,
    FREE_TEXT,
    PAIN,
    RECORD_FIELDS,
    SESSION_FIELDS,
    TEXT,
    Field,
    _declared,
)
from stretch_tui.storage.history_format import (
    CSV_COLUMNS,
    entry_to_csv_rows,
    entry_to_json,
    entry_to_table,
)
from stretch_tui.storage.paths import AppPaths
from stretch_tui.storage.tomlfile import FileStamp
from tests.unit.storage.builders import ENTRY_VALUES, RECORD_VALUES, make_entry

README = Path(__file__).parents[3] / "README.md"
MOOD = Field("mood", TEXT, "mood", "mood", "mood")


def test_adding_a_field_to_the_session_table_changes_the_cache_key() -> None:
    assert cache_key() == CACHE_KEY
    assert cache_key((*SESSION_FIELDS, MOOD), RECORD_FIELDS) != CACHE_KEY


def test_adding_a_field_to_the_record_table_changes_the_cache_key() -> None:
    grip = Field("grip", PAIN, "grip", "grip", "grip")
    assert cache_key(SESSION_FIELDS, (*RECORD_FIELDS, grip)) != CACHE_KEY


@pytest.mark.parametrize(
    "change",
    [
        {"toml_key": "painBefore"},
        {"json_key": "pain_start"},
        {"csv_column": None},
        {"kind": FREE_TEXT},
        {"default": 0},
    ],
)
def test_changing_how_a_field_is_kept_changes_the_cache_key(change: dict[str, object]) -> None:
    pain_before = 6
    assert SESSION_FIELDS[pain_before].name == "pain_before"
    changed = list(SESSION_FIELDS)
    changed[pain_before] = evolve(SESSION_FIELDS[pain_before], **change)
    assert cache_key(tuple(changed), RECORD_FIELDS) != CACHE_KEY


def test_a_cache_written_under_another_field_table_is_never_read(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    append_session(paths, make_entry(1))
    expected = read_history(paths).entries  # parsed and cached under this table's key
    month = paths.history_month("2024-05")
    stamp = FileStamp.of(month.stat())
    assert HistoryCache(paths).month("2024-05", month, stamp) is not None

    # As if a version with one more field read the cache this version wrote.
    monkeypatch.setattr(history_cache, "CACHE_KEY", cache_key((*SESSION_FIELDS, MOOD)))
    assert HistoryCache(paths).month("2024-05", month, stamp) is None
    assert HistoryCache(paths).index() == {}
    assert read_history(paths).entries == expected  # parsed again from the month file
    cached = json.loads((paths.cache_dir / "history" / "2024-05.json").read_text())
    assert cached["format"] == history_cache.CACHE_KEY


def test_an_attribute_without_a_row_in_the_table_fails_at_import() -> None:
    without_notes = tuple(field for field in SESSION_FIELDS if field.name != "notes")
    with pytest.raises(TypeError, match=r"missing \['notes'\]"):
        _declared(HistoryEntry, without_notes, nested=(EXERCISES_KEY,))
    with pytest.raises(TypeError, match=r"unknown \['mood'\]"):
        _declared(HistoryEntry, (*SESSION_FIELDS, MOOD), nested=(EXERCISES_KEY,))


def test_a_required_field_is_one_without_a_default() -> None:
    optional_id = (evolve(RECORD_FIELDS[0], required=False), *RECORD_FIELDS[1:])
    with pytest.raises(TypeError, match="required means no default"):
        _declared(ExerciseRecord, optional_id)


def test_defaults_come_from_the_domain_classes() -> None:
    for owner, fields in ((HistoryEntry, SESSION_FIELDS), (ExerciseRecord, RECORD_FIELDS)):
        attributes = attrs.fields_dict(owner)
        for field in fields:
            if not field.required:
                assert field.default == attributes[field.name].default, field.name


def test_the_round_trip_strategies_draw_every_field() -> None:
    # So the round-trip property tests exercise a new field as soon as it is declared.
    assert set(ENTRY_VALUES) == set(attrs.fields_dict(HistoryEntry))
    assert set(RECORD_VALUES) == set(attrs.fields_dict(ExerciseRecord))


def test_every_format_follows_the_table() -> None:
    entry = evolve(make_entry(1), assessed=True, notes="knee felt fine")
    table = entry_to_table(entry)
    assert list(table) == [field.toml_key for field in SESSION_FIELDS] + [EXERCISES_KEY]
    document = entry_to_json(entry)
    assert list(document) == [field.json_key for field in SESSION_FIELDS] + [EXERCISES_KEY]
    assert list(document[EXERCISES_KEY][0]) == [field.json_key for field in RECORD_FIELDS]
    rows = entry_to_csv_rows(entry)
    assert len(rows) == len(entry.exercises)
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert dict(zip(CSV_COLUMNS, rows[0], strict=True))["assessed"] == "true"


def test_a_session_without_records_is_one_csv_row_with_empty_record_columns() -> None:
    rows = entry_to_csv_rows(evolve(make_entry(1), exercises=()))
    [row] = rows
    cells = dict(zip(CSV_COLUMNS, row, strict=True))
    assert cells["session_id"] == "session-1" and cells["exercise_id"] == ""
    assert cells["symptom"] == "" and cells["pain_before"] == 5


def test_the_readme_documents_the_csv_header_and_every_json_key() -> None:
    text = README.read_text(encoding="utf-8")
    assert ",".join(CSV_COLUMNS) in text.splitlines()
    documented = set(re.findall(r"`(?:exercises\[\]\.)?([a-z_]+)`", text))
    for field in (*SESSION_FIELDS, *RECORD_FIELDS):
        assert field.json_key in documented, field.json_key


def test_a_bad_optional_value_is_reported_and_the_session_kept(paths: AppPaths) -> None:
    append_session(paths, make_entry(1))
    month = paths.history_month("2024-05")
    month.write_text(month.read_text().replace("pain_before = 5", "pain_before = 11"))
    history = read_history(paths)
    [entry] = history.entries
    assert entry.pain_before is None and entry.pain_after == 3
    [notice] = history.notices
    assert "`session[0].pain_before` is 11; expected 0 to 10" in notice.message
    assert tomllib.loads(month.read_text())["session"][0]["pain_before"] == 11  # left as it was
