"""Reading history a month at a time (`stream_history`) and the session days from the cache's
index (`indexed_day_numbers`, `indexed_day_array`): what the progress screen reads, without
holding a year."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from stretch_tui.storage.history import (
    append_session,
    indexed_day_array,
    indexed_day_numbers,
    indexed_session_days,
    read_history,
    stream_history,
)
from stretch_tui.storage.notices import Notice
from stretch_tui.storage.paths import AppPaths, resolve_paths
from tests.unit.storage.builders import make_entry, offsets


def test_the_stream_gives_read_historys_sessions_in_its_order(paths: AppPaths) -> None:
    start = datetime(2024, 1, 20, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    for number in range(40):
        append_session(paths, make_entry(number, started=start + timedelta(days=3 * number)))
    assert list(stream_history(paths)) == read_history(paths).entries
    since = date(2024, 6, 10)
    assert list(stream_history(paths, since=since)) == read_history(paths, since=since).entries


def test_a_session_across_a_month_edge_in_another_offset_keeps_its_place(
    paths: AppPaths,
) -> None:
    # 1 March 00:30 at UTC+14 (10:30 UTC the day before) began before 29 February 23:00
    # at UTC-11 (10:00 UTC on 1 March), which is in the older month.
    early = datetime(2024, 3, 1, 0, 30, tzinfo=timezone(timedelta(hours=14)))
    late = datetime(2024, 2, 29, 23, 0, tzinfo=timezone(timedelta(hours=-11)))
    append_session(paths, make_entry(1, started=early))
    append_session(paths, make_entry(2, started=late))
    assert [entry.id for entry in stream_history(paths)] == ["session-2", "session-1"]


@settings(max_examples=25, deadline=None)
@given(
    moments=st.lists(
        st.datetimes(
            min_value=datetime(2023, 12, 25), max_value=datetime(2024, 3, 5), timezones=offsets
        ),
        min_size=1,
        max_size=12,
    )
)
def test_the_stream_sorts_as_read_history_whatever_the_offsets(moments: list[datetime]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve_paths(Path(folder))
        for number, moment in enumerate(moments):
            append_session(paths, make_entry(number, started=moment.replace(microsecond=0)))
        assert list(stream_history(paths)) == read_history(paths).entries


def test_the_stream_reports_file_problems_and_brings_the_index_up_to_date(
    paths: AppPaths,
) -> None:
    append_session(paths, make_entry(1))
    month = paths.history_month(make_entry(1).month)
    month.write_text(month.read_text(encoding="utf-8") + "\nmystery = 1\n", encoding="utf-8")
    assert indexed_day_numbers(paths) is None  # the file changed since the index was made
    notices: list[Notice] = []
    assert len(list(stream_history(paths, notices=notices))) == 1
    assert any("mystery" in str(notice) for notice in notices)
    assert indexed_day_numbers(paths) == {make_entry(1).day.toordinal()}


def test_the_index_gives_every_session_day_as_numbers_and_as_dates(paths: AppPaths) -> None:
    start = datetime(2024, 1, 30, 7, 0, tzinfo=UTC)
    for number in range(5):
        append_session(paths, make_entry(number, started=start + timedelta(days=number)))
    days = {start.date() + timedelta(days=number) for number in range(5)}
    assert indexed_session_days(paths) == days
    assert indexed_day_numbers(paths) == {day.toordinal() for day in days}


def test_the_index_gives_the_days_ascending_in_a_flat_array(paths: AppPaths) -> None:
    start = datetime(2024, 1, 28, 7, 0, tzinfo=UTC)
    # Across a month end, saved out of order, a day twice.
    for number, offset in enumerate((6, 0, 3, 3, 1)):
        started = start + timedelta(days=offset, hours=number)
        append_session(paths, make_entry(number, started=started))
    days = indexed_day_array(paths)
    assert days is not None
    expected = sorted({(start + timedelta(days=offset)).date() for offset in (0, 1, 3, 6)})
    assert list(days) == [day.toordinal() for day in expected]
    month = paths.history_month("2024-02")
    month.write_text(month.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert indexed_day_array(paths) is None  # a month changed since the index was made


def test_a_stream_told_the_index_is_current_leaves_it_alone(paths: AppPaths) -> None:
    append_session(paths, make_entry(1))
    index = paths.cache_dir / "history" / "index.json"
    index.unlink()
    assert len(list(stream_history(paths, update_index=False))) == 1
    assert not index.exists()
    assert len(list(stream_history(paths))) == 1
    assert indexed_day_numbers(paths) == {make_entry(1).day.toordinal()}
