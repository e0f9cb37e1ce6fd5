"""The TOML writer: whatever it writes, tomllib reads back the same, in the docs/product.md 8
layout."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from stretch_tui.storage.toml_writer import dumps_toml
from tests.unit.storage.builders import moments

scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.dates()
    | st.times()
    | st.datetimes()
    | moments
)
keys = st.text(max_size=8)


def _values(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4)


values = st.recursive(scalars, _values, max_leaves=20)
documents = st.dictionaries(keys, values, max_size=6)


@given(documents)
def test_any_document_reads_back_the_same(document: dict[str, Any]) -> None:
    assert tomllib.loads(dumps_toml(document)) == document


def test_arrays_of_tables_get_headers_even_when_short() -> None:
    text = dumps_toml({"session": [{"id": "a", "exercises": [{"id": "cat-cow"}]}]})
    assert text.splitlines() == [
        "",
        "[[session]]",
        'id = "a"',
        "",
        "[[session.exercises]]",
        'id = "cat-cow"',
    ]


def test_the_first_key_given_is_written_first() -> None:
    text = dumps_toml({"schema_version": 1, "table": {"a": 1}, "name": "x"})
    assert text.startswith("schema_version = 1\n")


def test_datetimes_keep_their_offset_and_use_a_t() -> None:
    moment = datetime(2024, 5, 1, 8, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert dumps_toml({"at": moment}) == "at = 2024-05-01T08:30:00-05:00\n"


def test_an_offset_toml_cannot_write_becomes_the_same_instant_in_utc() -> None:
    moment = datetime(2024, 5, 1, 8, 30, tzinfo=timezone(timedelta(hours=1, seconds=15)))
    read = tomllib.loads(dumps_toml({"at": moment}))["at"]
    assert read == moment
    assert read.utcoffset() == timedelta(0)
